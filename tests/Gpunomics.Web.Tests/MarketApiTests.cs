using System.Net;
using System.Text.Json;
using System.Diagnostics;

namespace Gpunomics.Web.Tests;

/// <summary>The market and the forward curve through the API: the same answers as the command line, bad parameters as problems.</summary>
public class MarketApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<JsonElement> Get(string url) => Http.Get(_client, url);

    [Fact]
    public async Task Market_gives_the_command_lines_observations_and_fits()
    {
        var api = await Get("/api/market?system=h100");
        var cli = CommandLine.Json("market", "--system", "h100", "--json");
        Assert.Equal(JsonSerializer.Serialize(cli), JsonSerializer.Serialize(api));
        Assert.Equal(CommandLine.Json("market", "--json").GetProperty("count").GetInt32(), (await Get("/api/market")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Forward_curve_gives_the_command_lines_curve()
    {
        var api = await Get("/api/forward-curve/h200?months=12&from=2026-09-01");
        var cli = CommandLine.Json("forward-curve", "h200", "--months", "12", "--from", "2026-09-01", "--json");
        Assert.Equal(JsonSerializer.Serialize(cli), JsonSerializer.Serialize(api));
        var given = await Get("/api/forward-curve/h100?pricing=spot&annualChange=-20%25&startPrice=2&months=12");
        Assert.Equal(2, given.GetProperty("points")[0].GetProperty("pricePerGpuHour").GetDouble(), 12);
        Assert.Equal("none: the start price and the decay are both given", given.GetProperty("bandNote").GetString());
    }

    [Theory]
    [InlineData("/api/forward-curve/h100?pricing=reserved", "pricing", "allowed: on-demand, spot, contract")]
    [InlineData("/api/forward-curve/h100?from=2026-7-1", "from", "is not a date")]
    [InlineData("/api/forward-curve/h100?from=1990-01-01", "from", "'1990-01-01' is before the dates the trend is read at")]
    [InlineData("/api/forward-curve/h100?months=121", "months", "[0, 120]")]
    [InlineData("/api/forward-curve/h100?months=2.5", "months", "whole")]
    [InlineData("/api/forward-curve/h100?annualChange=-1", "annualChange", "(-1, 10]")]
    [InlineData("/api/forward-curve/h100?startPrice=0", "startPrice", "(0, 10000]")]
    public async Task Bad_parameters_are_problems_naming_the_parameter(string url, string field, string message)
    {
        var (p, _) = await Http.Problem(await _client.GetAsync(url), HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_system_is_404_and_a_curve_the_data_cannot_give_is_422_saying_what_to_give()
    {
        var (unknown, _) = await Http.Problem(await _client.GetAsync("/api/forward-curve/h999"), HttpStatusCode.NotFound);
        Assert.Contains("h100", unknown.GetProperty("detail").GetString());
        await Http.Problem(await _client.GetAsync("/api/market?system=h999"), HttpStatusCode.NotFound);
        // Observations of one's own whose spot rows give no system at two ages: no spot decay to project.
        var file = Path.Combine(Path.GetTempPath(), $"market-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "observations": [
              { "date": "2026-03-19", "system": "b200", "provider": "X", "pricingType": "spot", "pricePerGpuHour": 2.25, "source": "https://example.org/a" },
              { "date": "2026-08-06", "system": "h200", "provider": "Y", "pricingType": "spot", "pricePerGpuHour": 3.4, "source": "https://example.org/b" } ] }
            """);
        try
        {
            using var own = new WebFixture { Settings = { ["Gpunomics:MarketObservations"] = file } };
            var (spot, _) = await Http.Problem(await own.CreateClient().GetAsync("/api/forward-curve/h100?pricing=spot"), (HttpStatusCode)422);
            Assert.Contains("annualChange", spot.GetProperty("detail").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
