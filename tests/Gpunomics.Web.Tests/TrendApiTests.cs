using System.Net;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary>The launch trend and the ceiling from it, through the API.</summary>
public class TrendApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<JsonElement> Get(string url) => Http.Get(_client, url);

    private static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode expected) => (await Http.Problem(r, expected)).Body;

    [Fact]
    public async Task Trend_gives_the_launch_trend_its_value_at_a_date_and_the_cross_section_named_as_such()
    {
        var j = await Get("/api/trend?at=2026-07-01");
        Assert.Equal("launch", j.GetProperty("trend").GetString());
        var slope = j.GetProperty("slopePerYear").GetDouble();
        var intercept = j.GetProperty("intercept").GetDouble();
        Assert.Equal(Math.Exp(intercept + slope * (2026 + 181 / 365.0)), j.GetProperty("at").GetProperty("trendPerPflopHour").GetDouble(), 9);
        Assert.Equal("cross-section of today's prices", j.GetProperty("crossSection").GetProperty("trend").GetString());
        // H100 at launch: AWS p5.48xlarge $98.32 per hour over 8 GPUs of 1.979 FP8 PFLOPS (data/launch-prices.json).
        var h100 = j.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("system").GetString() == "h100");
        Assert.Equal(98.32 / 8 / 1.979, h100.GetProperty("pricePerPflopHour").GetDouble(), 9);
        Assert.Equal("on-demand", h100.GetProperty("pricingType").GetString());
    }

    [Fact]
    public async Task Ceiling_and_chart_take_the_ceiling_from_the_trend_when_asked()
    {
        var trend = await Get("/api/trend");
        var vr = trend.GetProperty("atLaunch").EnumerateArray().Single(s => s.GetProperty("system").GetString() == "vr-nvl72");
        var onTrend = vr.GetProperty("ceilingOnTrend").GetDouble();
        var c = await Get("/api/ceiling/vr-nvl72?ceilingFrom=trend&belowTrend=0.2");
        Assert.Equal("trend", c.GetProperty("ceilingFrom").GetString());
        Assert.Equal(onTrend * 0.8, c.GetProperty("ceilingPrice").GetDouble(), 9);
        var reference = await Get("/api/ceiling/vr-nvl72");
        Assert.Equal("reference", reference.GetProperty("ceilingFrom").GetString());
        Assert.Equal(0.70 * 17.5, reference.GetProperty("ceilingPrice").GetDouble(), 9);
        var chart = await Get("/api/chart/vr-nvl72?ceilingFrom=trend");
        Assert.Equal(onTrend, chart.GetProperty("ceiling").GetDouble(), 9);
        Assert.Contains("launch trend", chart.GetProperty("ceilingSource").GetString());
    }

    [Theory]
    [InlineData("/api/trend?at=2026-7-1", "at", "is not a date")]
    [InlineData("/api/trend?at=2150-01-01", "at", "'2150-01-01' is after the dates the trend is read at")]
    [InlineData("/api/ceiling/vr-nvl72?ceilingFrom=median", "ceilingFrom", "allowed: reference, trend")]
    [InlineData("/api/ceiling/vr-nvl72?ceilingFrom=trend&belowTrend=1", "belowTrend", "out of range; allowed: [0, 1)")]
    [InlineData("/api/ceiling/vr-nvl72?belowTrend=0.2", "ceilingFrom", "go with ceilingFrom=trend")]
    [InlineData("/api/chart/vr-nvl72?belowTrend=0.2", "belowTrend", "goes with ceilingFrom=trend")]
    public async Task Bad_trend_parameters_are_problems_naming_the_parameter(string url, string field, string message)
    {
        var p = await Problem(await _client.GetAsync(url), HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Openapi_documents_the_trend_parameters()
    {
        var paths = (await Get("/openapi/v1.json")).GetProperty("paths");
        var names = (string path) => paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("at", names("/api/trend"));
        Assert.Contains("ceilingFrom", names("/api/ceiling/{system}"));
        Assert.Contains("belowTrend", names("/api/ceiling/{system}"));
        Assert.Contains("ceilingFrom", names("/api/chart/{system}"));
    }

    [Fact]
    public async Task A_launch_price_file_of_the_users_own_is_the_trend_the_api_fits()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}.json");
        // Two generations at $4 and $2 per FP8 PFLOP-hour two years apart: half the price in two years.
        File.WriteAllText(file, """
            { "prices": [
              { "system": "h100", "name": "H100", "launchDate": "2023-01-01", "pricePerGpuHour": 7.916, "priceDate": "2023-01-01", "pricingType": "contract", "offer": "o", "source": "s" },
              { "system": "b200", "name": "B200", "launchDate": "2025-01-01", "pricePerGpuHour": 9, "priceDate": "2025-01-01", "pricingType": "contract", "offer": "o", "source": "s" } ] }
            """);
        try
        {
            using var own = new WebFixture { Settings = { ["Gpunomics:LaunchPrices"] = file } };
            var r = await own.CreateClient().GetStringAsync("/api/trend");
            var j = JsonDocument.Parse(r).RootElement;
            Assert.Equal(2.0, j.GetProperty("halvingYears").GetDouble(), 9);
            Assert.Equal(2, j.GetProperty("n").GetInt32());
            Assert.Equal("contract", j.GetProperty("pricingTypes")[0].GetString());
            Assert.Equal(Path.GetFileName(file), j.GetProperty("file").GetString());
        }
        finally { File.Delete(file); }
    }
}
