using System.Globalization;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>'trend' and 'ceiling --from-trend' as the user meets them, against figures computed here from the data file.</summary>
public class TrendCommandTests
{
    private static string PricesPath => Path.Combine(Cli.RepoRoot, "data", "launch-prices.json");

    /// <summary>Slope and intercept of ln(price / FP8-or-BF16 PFLOPS) on the fractional launch year, by hand.</summary>
    private static (double A, double B) ByHand()
    {
        using var prices = JsonDocument.Parse(File.ReadAllText(PricesPath));
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "catalog.json")));
        var pts = new List<(double X, double Y)>();
        foreach (var row in prices.RootElement.GetProperty("prices").EnumerateArray())
        {
            var id = row.GetProperty("system").GetString()!;
            var tflops = row.TryGetProperty("denseTflops", out var own) ? own
                : catalog.RootElement.GetProperty("systems").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("denseTflops");
            var pflops = (tflops.TryGetProperty("fp8", out var f) ? f : tflops.GetProperty("bf16")).GetDouble() / 1000;
            var d = DateTime.ParseExact(row.GetProperty("launchDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            pts.Add((d.Year + (d.DayOfYear - 1) / (DateTime.IsLeapYear(d.Year) ? 366.0 : 365.0), Math.Log(row.GetProperty("pricePerGpuHour").GetDouble() / pflops)));
        }
        var mx = pts.Average(p => p.X);
        var my = pts.Average(p => p.Y);
        var b = pts.Sum(p => (p.X - mx) * (p.Y - my)) / pts.Sum(p => (p.X - mx) * (p.X - mx));
        return (my - b * mx, b);
    }

    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    [Fact]
    public void Trend_json_gives_the_fit_its_statistics_and_the_value_at_a_date()
    {
        var (a, b) = ByHand();
        var j = Json("trend", "--at", "2026-07-01", "--json");
        Assert.Equal("launch", j.GetProperty("trend").GetString());
        Assert.Equal("fp8", j.GetProperty("precision").GetString());
        Assert.Equal(Math.Exp(b) - 1, j.GetProperty("annualChange").GetDouble(), 9);
        Assert.Equal(Math.Log(2) / -b, j.GetProperty("halvingYears").GetDouble(), 8);
        Assert.Equal(4, j.GetProperty("n").GetInt32());
        Assert.Equal(Math.Exp(a + b * (2026 + 181 / 365.0)), j.GetProperty("at").GetProperty("trendPerPflopHour").GetDouble(), 8);
        Assert.Equal("cross-section of today's prices", j.GetProperty("crossSection").GetProperty("trend").GetString());
        var vr = j.GetProperty("atLaunch").EnumerateArray().Single(s => s.GetProperty("system").GetString() == "vr-nvl72");
        Assert.Equal(Math.Exp(a + b * 2026.625) * 17.5, vr.GetProperty("ceilingOnTrend").GetDouble(), 7);
        Assert.All(j.GetProperty("points").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("source").GetString())));
    }

    [Fact]
    public void Trend_table_names_both_trends_and_the_substituted_precision()
    {
        var r = Cli.Run("trend");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Launch trend of $/PFLOP-hour (fp8 dense)", r.Out);
        Assert.Contains("v100, a100: no fp8 units; fp8 work runs at the bf16 rate", r.Out);
        Assert.Contains("halving time", r.Out);
        Assert.Contains("Cross-section of today's prices", r.Out);
    }

    [Fact]
    public void Ceiling_from_trend_is_the_trend_at_launch_times_pflops_below_trend()
    {
        var (a, b) = ByHand();
        var j = Json("ceiling", "vr-nvl72", "--from-trend", "--below-trend", "0.2", "--json");
        Assert.Equal("trend", j.GetProperty("ceilingFrom").GetString());
        Assert.Equal(Math.Exp(a + b * 2026.625) * 0.8 * 17.5, j.GetProperty("ceilingPrice").GetDouble(), 7);
        var at = Json("ceiling", "vr-nvl72", "--from-trend", "--at", "2027-01-01", "--json");
        Assert.Equal(Math.Exp(a + b * 2027) * 17.5, at.GetProperty("ceilingPrice").GetDouble(), 7);
        Assert.Contains("given", at.GetProperty("trendAt").GetString());
    }

    [Fact]
    public void Chart_takes_its_ceiling_from_the_trend_only_when_asked()
    {
        var (a, b) = ByHand();
        var reference = Json("chart", "vr-nvl72", "--json");
        Assert.Equal("reference", reference.GetProperty("ceilingFrom").GetString());
        Assert.Equal(0.70 * 17.5, reference.GetProperty("ceiling").GetDouble(), 9);
        var trend = Json("chart", "vr-nvl72", "--ceiling-from-trend", "--json");
        Assert.Equal("trend", trend.GetProperty("ceilingFrom").GetString());
        Assert.Equal(Math.Exp(a + b * 2026.625) * 17.5, trend.GetProperty("ceiling").GetDouble(), 7);
        Assert.Contains("launch trend of fp8", trend.GetProperty("ceilingSource").GetString());
    }

    [Theory]
    [InlineData("--below-trend: 1 is out of range; allowed: [0, 1)", "ceiling", "vr-nvl72", "--from-trend", "--below-trend", "1")]
    [InlineData("--at '2026-7-1' is not a date; allowed: YYYY-MM-DD", "trend", "--at", "2026-7-1")]
    [InlineData("--at '1990-01-01' is before the dates the trend is read at; allowed: YYYY-MM-DD between 2000-01-01", "trend", "--at", "1990-01-01")]
    [InlineData("--at '2150-01-01' is after the dates the trend is read at; allowed", "trend", "--at", "2150-01-01")]
    [InlineData("--below-trend, --at and --launch-prices go with --from-trend", "ceiling", "vr-nvl72", "--below-trend", "0.2")]
    [InlineData("--from-trend takes the reference from the launch trend", "ceiling", "vr-nvl72", "--from-trend", "--reference-price-per-pflop-hour", "0.5")]
    [InlineData("--below-trend and --launch-prices go with --ceiling-from-trend", "chart", "vr-nvl72", "--below-trend", "0.2")]
    public void Bad_trend_flags_are_refused_with_exit_code_2(string message, params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
    }

    [Fact]
    public void A_bad_launch_price_file_is_refused_naming_the_row_and_field()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "prices": [ { "system": "h100", "name": "H100", "launchDate": "2023-07-26", "pricePerGpuHour": "12", "priceDate": "2023-07-26", "pricingType": "on-demand", "offer": "o", "source": "s" } ] }""");
        try
        {
            var r = Cli.Run("trend", "--launch-prices", file);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("prices[0].pricePerGpuHour: \"12\" is not allowed; must be a number", r.Err);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_launch_price_file_with_one_generation_has_no_trend_and_says_why()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "prices": [ { "system": "h100", "name": "H100", "launchDate": "2023-07-26", "pricePerGpuHour": 12.29, "priceDate": "2023-07-26", "pricingType": "on-demand", "offer": "o", "source": "s" } ] }""");
        try
        {
            var r = Cli.Run("trend", "--launch-prices", file);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("no launch trend: a trend needs at least two generations", r.Err);
        }
        finally { File.Delete(file); }
    }
}
