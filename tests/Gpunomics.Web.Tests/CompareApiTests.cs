using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary>POST /api/compare: two scenarios (bodies or saved ids) compared as <c>gpunomics compare</c> compares two files.</summary>
public sealed class CompareApiTests(WebFixture factory) : IClassFixture<WebFixture>, IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    private string ScenarioFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-compare-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    private async Task<JsonElement> Post(object body)
    {
        var r = await _client.PostAsJsonAsync("/api/compare", body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> Errors(object body)
    {
        var (problem, text) = await Http.Problem(await _client.PostAsJsonAsync("/api/compare", body), HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Exception", text);
        return problem.GetProperty("errors");
    }

    private const string A = """{ "contract": { "prepayShare": 0.3 } }""";
    private const string B = """{ "hurdleRate": 0.18, "debt": { "share": 0.4, "rate": 0.07 }, "systems": { "h100": { "marketPricePerGpuHour": 2.4 } } }""";

    [Fact]
    public async Task Two_scenario_bodies_give_what_the_command_line_gives_for_the_same_two_files()
    {
        var api = await Post(new { a = JsonDocument.Parse(A).RootElement, b = JsonDocument.Parse(B).RootElement });
        var cli = await CommandLine.Run("compare", ScenarioFile(A), ScenarioFile(B), "--json");
        CommandLine.SameJson(cli, api);
        Assert.Contains(api.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("key").GetString() == "systems.h100.marketPricePerGpuHour");
    }

    [Fact]
    public async Task Two_saved_scenarios_compare_as_their_bodies_do()
    {
        async Task<long> Save(string json)
        {
            var r = await _client.PostAsJsonAsync("/api/scenarios", new { name = $"compare {Guid.NewGuid():N}", scenario = JsonDocument.Parse(json).RootElement });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        var byId = await Post(new { aId = await Save(A), bId = await Save(B), system = "gb300-nvl72" });
        var byBody = await Post(new { a = JsonDocument.Parse(A).RootElement, b = JsonDocument.Parse(B).RootElement, system = "gb300-nvl72" });
        CommandLine.SameJson(byBody.GetRawText(), byId);
        Assert.Single(byId.GetProperty("systems").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_key_in_a_body_is_a_problem_naming_the_side_and_the_key()
    {
        var errors = await Errors(new { a = JsonDocument.Parse(A).RootElement, b = JsonDocument.Parse("""{ "contract": { "prepayShare": 1.5 } }""").RootElement });
        Assert.Contains("1.5", errors.GetProperty("b.contract.prepayShare")[0].GetString());
    }

    [Fact]
    public async Task Each_side_needs_exactly_one_of_a_body_and_a_saved_id()
    {
        var errors = await Errors(new { b = JsonDocument.Parse(B).RootElement });
        Assert.Contains("give a, a scenario", errors.GetProperty("a")[0].GetString());
        errors = await Errors(new { a = JsonDocument.Parse(A).RootElement, aId = 1, bId = 1 });
        Assert.Contains("not both", errors.GetProperty("a")[0].GetString());
        errors = await Errors(new { a = JsonDocument.Parse("[1]").RootElement, bId = 987654321 });
        Assert.Contains("must be an object", errors.GetProperty("a")[0].GetString());
        Assert.Equal("no saved scenario with id 987654321", errors.GetProperty("bId")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_system_is_a_problem_listing_the_known_ones()
    {
        var errors = await Errors(new { a = JsonDocument.Parse(A).RootElement, b = JsonDocument.Parse(B).RootElement, system = "gb300" });
        Assert.Contains("unknown system 'gb300'", errors.GetProperty("system")[0].GetString());
        Assert.Contains("gb300-nvl72", errors.GetProperty("system")[0].GetString());
    }

    [Fact]
    public async Task A_live_server_compares_two_scenarios()
    {
        await using var server = await LiveServer.StartAsync();
        using var http = new HttpClient();
        var r = await http.PostAsJsonAsync(server.Url + "/api/compare", new { a = JsonDocument.Parse(A).RootElement, b = JsonDocument.Parse(B).RootElement, system = "h100" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        var irr = body.GetProperty("systems")[0].GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == "IRR at the market price");
        Assert.Equal("A's is the project IRR, B's the equity IRR", irr.GetProperty("differenceNote").GetString());
    }
}
