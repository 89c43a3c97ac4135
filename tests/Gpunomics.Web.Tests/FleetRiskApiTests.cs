using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary>Fleet risk through the API: the command line's 'fleet risk --json' for the same file, paths and seed.</summary>
public class FleetRiskApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "data", "fleets", "example-fleet.json");

    [Fact]
    public async Task The_example_and_a_posted_fleet_are_the_command_lines_answer()
    {
        var cli = CommandLine.Json("fleet", "risk", ExamplePath, "--paths", "700", "--seed", "3", "--default", "c05@2027-03", "--json");
        var example = await Http.Get(_client, "/api/fleet/risk/example?paths=700&seed=3&default=c05@2027-03");
        Assert.Equal(CommandLine.WithoutFile(cli), CommandLine.WithoutFile(example));
        var posted = await _client.PostAsync("/api/fleet/risk?paths=700&seed=3&default=c05@2027-03", new StringContent(File.ReadAllText(ExamplePath), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var doc = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal(CommandLine.WithoutFile(cli), CommandLine.WithoutFile(doc.RootElement));
    }

    [Theory]
    [InlineData("paths=0", "paths")]
    [InlineData("paths=20001", "paths")]
    [InlineData("default=c99@2025-10", "default")]
    public async Task Bad_paths_or_defaults_name_the_parameter(string query, string field)
    {
        var (p, _) = await Http.Problem(await _client.GetAsync("/api/fleet/risk/example?" + query), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out _), p.GetRawText());
    }
}
