using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>'market paths' as the user meets it: the fan of random market paths around the forward curves.</summary>
public class MarketPathsCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    // Normal quantile for a two-sided test at 1e-4.
    private const double Z = 3.890591886413094;

    [Fact]
    public void The_volatility_fit_is_the_growth_of_the_market_command_s_residuals_with_time()
    {
        // By hand from 'market --json': every pair of one system's on-demand observations, squared difference of their
        // ln residuals against the years between them, least squares.
        var market = Json("market", "--json");
        var x = new List<double>();
        var y = new List<double>();
        foreach (var s in market.GetProperty("systems").EnumerateArray())
        {
            var rows = s.GetProperty("observations").EnumerateArray().Where(o => o.GetProperty("pricingType").GetString() == "on-demand")
                .Select(o => (Age: o.GetProperty("ageYears").GetDouble(), E: o.GetProperty("logResidual").GetDouble())).ToList();
            for (var i = 0; i < rows.Count; i++)
                for (var j = i + 1; j < rows.Count; j++)
                {
                    x.Add(Math.Abs(rows[i].Age - rows[j].Age));
                    y.Add(Math.Pow(rows[i].E - rows[j].E, 2));
                }
        }
        double mx = x.Average(), my = y.Average();
        var slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));

        var j2 = Json("market", "paths", "--system", "h100", "--paths", "100", "--years", "1", "--json");
        var fit = j2.GetProperty("volatilityFit");
        Assert.Equal(x.Count, fit.GetProperty("pairs").GetInt32());
        Assert.Equal(slope, fit.GetProperty("growthPerYear").GetDouble(), 12);
        // A positive slope is the volatility squared, fitted; otherwise none is fitted and the decay's residual sd is assumed in its place, each said so.
        var onDemand = market.GetProperty("fits").EnumerateArray().Single(f => f.GetProperty("pricingType").GetString() == "on-demand");
        var process = j2.GetProperty("process");
        if (slope > 0)
        {
            Assert.Equal(Math.Sqrt(slope), fit.GetProperty("volatility").GetDouble(), 12);
            Assert.Equal(Math.Sqrt(slope), process.GetProperty("volatility").GetDouble(), 12);
            Assert.StartsWith("fitted", process.GetProperty("volatilityFrom").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, fit.GetProperty("volatility").ValueKind);
            Assert.Contains("do not grow", fit.GetProperty("noVolatility").GetString(), StringComparison.Ordinal);
            Assert.Equal(onDemand.GetProperty("residualSd").GetDouble(), process.GetProperty("volatility").GetDouble(), 15);
            Assert.StartsWith("assumed", process.GetProperty("volatilityFrom").GetString(), StringComparison.Ordinal);
        }
        // The correlation: the fit's estimate, clamped into [0, 1], where one source priced two systems on two dates; else 1, assumed.
        var cf = j2.GetProperty("correlationFit");
        if (cf.GetProperty("estimate").ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(Math.Clamp(cf.GetProperty("estimate").GetDouble(), 0, 1), process.GetProperty("correlation").GetDouble(), 15);
            Assert.Equal(1 - cf.GetProperty("idiosyncraticVariancePerYear").GetDouble() / Math.Pow(process.GetProperty("volatility").GetDouble(), 2), cf.GetProperty("estimate").GetDouble(), 12);
            Assert.StartsWith("fitted", process.GetProperty("correlationFrom").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(1, process.GetProperty("correlation").GetDouble());
            Assert.StartsWith("assumed", process.GetProperty("correlationFrom").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_fan_s_mean_is_the_forward_curve_command_s_price_within_its_standard_error()
    {
        const int n = 20_000;
        var j = Json("market", "paths", "--system", "h100", "--system", "b200", "--paths", $"{n}", "--seed", "3", "--years", "3", "--volatility", "0.4", "--json");
        Assert.Equal("given", j.GetProperty("process").GetProperty("volatilityFrom").GetString());
        foreach (var s in j.GetProperty("systems").EnumerateArray())
        {
            var id = s.GetProperty("system").GetString()!;
            var curve = Json("forward-curve", id, "--from", j.GetProperty("from").GetString()!, "--months", "36", "--json").GetProperty("points");
            foreach (var year in s.GetProperty("years").EnumerateArray())
            {
                var t = year.GetProperty("year").GetInt32();
                var f = curve[12 * t].GetProperty("pricePerGpuHour").GetDouble();
                Assert.Equal(f, year.GetProperty("forward").GetDouble(), 12);
                // A random walk of sigma 0.4: Var ln P = 0.16 t; the mean of n lognormal prices has sd F sqrt((e^v - 1) / n).
                var tolerance = Z * f * Math.Sqrt((Math.Exp(0.16 * t) - 1) / n);
                var mean = year.GetProperty("prices").GetProperty("mean").GetDouble();
                Assert.True(Math.Abs(mean - f) <= tolerance, $"{id} year {t}: mean {mean}, forward {f}, tolerance {tolerance}");
                // And the median is the lognormal's, F e^(-v/2), within the percentiles' sampling error and stated accuracy.
                var p50 = year.GetProperty("prices").GetProperty("p50").GetDouble();
                var median = f * Math.Exp(-0.08 * t);
                var sdMedian = Math.Sqrt(0.16 * t) * median * Math.Sqrt(Math.PI / 2 / n);
                Assert.True(Math.Abs(p50 - median) <= Z * sdMedian + median * j.GetProperty("percentileRelativeAccuracy").GetDouble(), $"{id} year {t}: median {p50}, expected {median}");
            }
        }
    }

    [Fact]
    public void The_same_seed_prints_the_same_fan_and_another_seed_another()
    {
        string[] args = ["market", "paths", "--paths", "3000", "--years", "2"];
        var a = Cli.Run([.. args, "--seed", "9"]);
        var b = Cli.Run([.. args, "--seed", "9"]);
        var c = Cli.Run([.. args, "--seed", "10"]);
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
        Assert.Contains("p5", a.Out, StringComparison.Ordinal);
        Assert.Contains("correlation rho:", a.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_paths_for_a_tail_percentile_say_so_in_its_place()
    {
        var r = Cli.Run("market", "paths", "--system", "h100", "--paths", "10", "--years", "1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("too few", r.Out, StringComparison.Ordinal);
        var j = Json("market", "paths", "--system", "h100", "--paths", "10", "--years", "1", "--json");
        Assert.Equal(JsonValueKind.Null, j.GetProperty("systems")[0].GetProperty("years")[0].GetProperty("prices").GetProperty("p5").ValueKind);
    }

    [Theory]
    [InlineData(new[] { "--system", "zz" }, "--system", "zz")]
    [InlineData(new[] { "--system-correlation", "1.5" }, "--system-correlation", "1.5")]
    [InlineData(new[] { "--volatility", "-0.1" }, "--volatility", "-0.1")]
    [InlineData(new[] { "--years", "11" }, "--years", "11")]
    [InlineData(new[] { "--paths", "0" }, "--paths", "0")]
    [InlineData(new[] { "--pricing", "spot" }, "spot", "no decay with age")]
    [InlineData(new[] { "--start-price", "2" }, "--start-price", "exactly one --system")]
    [InlineData(new[] { "--pricing", "contract", "--annual-change", "-0.2", "--start-price", "2.35", "--system", "h100" }, "contract", "--volatility")]
    public void Bad_input_names_the_flag_and_the_value(string[] flags, string flag, string value) =>
        Cli.AssertUserError(Cli.Run(["market", "paths", .. flags]), flag, value);
}
