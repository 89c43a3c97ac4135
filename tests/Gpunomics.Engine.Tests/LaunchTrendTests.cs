using System.Globalization;
using System.Text.Json;
using CsCheck;
using Gpunomics.Catalog;
using Gpunomics.Pricing;

namespace Gpunomics.Engine.Tests;

/// <summary>The launch trend against figures computed here from data/launch-prices.json, independently of the fit code.</summary>
public class LaunchTrendTests
{
    private static readonly ThroughputBasis Fp8 = new(Precision.Fp8, false);

    private static string PricesPath => Path.Combine(TestData.DataDir, "launch-prices.json");

    private static IReadOnlyList<LaunchPrice> Shipped()
    {
        var r = LaunchPriceReader.Read(File.ReadAllText(PricesPath), "launch-prices.json", TestData.Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    /// <summary>Each row as written in the file: x = year + (day of year - 1) / days in year, y = ln(price / PFLOPS), with
    /// FP8 from the row or the catalog file and, for a generation without FP8, its BF16 (16-bit) rate.</summary>
    private static List<(string Id, double X, double Y)> ByHand()
    {
        using var prices = JsonDocument.Parse(File.ReadAllText(PricesPath));
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.DataDir, "catalog.json")));
        var rows = new List<(string, double, double)>();
        foreach (var row in prices.RootElement.GetProperty("prices").EnumerateArray())
        {
            var id = row.GetProperty("system").GetString()!;
            var tflops = row.TryGetProperty("denseTflops", out var own) ? own
                : catalog.RootElement.GetProperty("systems").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("denseTflops");
            var pflops = (tflops.TryGetProperty("fp8", out var f) ? f : tflops.GetProperty("bf16")).GetDouble() / 1000;
            var date = DateTime.ParseExact(row.GetProperty("launchDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var x = date.Year + (date.DayOfYear - 1) / (DateTime.IsLeapYear(date.Year) ? 366.0 : 365.0);
            rows.Add((id, x, Math.Log(row.GetProperty("pricePerGpuHour").GetDouble() / pflops)));
        }
        return rows;
    }

    private static (double A, double B, double R2) LeastSquares(List<(string Id, double X, double Y)> rows)
    {
        double n = rows.Count, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        foreach (var (_, x, y) in rows) { sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y; }
        var b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        var a = (sy - b * sx) / n;
        var r = (n * sxy - sx * sy) / Math.Sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        return (a, b, r * r);
    }

    [Fact]
    public void Shipped_launch_prices_fit_to_the_least_squares_line_computed_by_hand()
    {
        var hand = ByHand();
        var (a, b, r2) = LeastSquares(hand);
        Assert.True(LaunchTrend.TryFit(Shipped(), TestData.Catalog, Fp8, out var fit, out var reason), reason);
        Assert.Equal(hand.Count, fit!.Count);
        Assert.Equal(b, fit.SlopePerYear, 10);
        Assert.Equal(a, fit.Intercept, 7);
        Assert.Equal(r2, fit.RSquared!.Value, 10);
        Assert.Equal(Math.Exp(b) - 1, fit.AnnualChange, 10);
        Assert.Equal(Math.Log(2) / -b, fit.HalvingYears!.Value, 8);
        foreach (var (id, x, y) in hand)
        {
            var p = fit.Points.Single(q => q.Price.SystemId == id);
            Assert.Equal(x, p.LaunchYear, 12);
            Assert.Equal(Math.Exp(y), p.PricePerPflopHour, 10);
            Assert.Equal(y - (a + b * x), p.LogResidual, 8);
        }
    }

    [Fact]
    public void H100_at_launch_is_its_on_demand_price_over_its_fp8_pflops_and_a100_uses_its_bf16_rate()
    {
        Assert.True(LaunchTrend.TryFit(Shipped(), TestData.Catalog, Fp8, out var fit, out _));
        var h100 = fit!.Points.Single(p => p.Price.SystemId == "h100");
        Assert.Equal(98.32 / 8 / 1.979, h100.PricePerPflopHour, 9);
        Assert.False(h100.Substituted);
        var a100 = fit.Points.Single(p => p.Price.SystemId == "a100");
        Assert.Equal(32.77 / 8 / 0.312, a100.PricePerPflopHour, 9);
        Assert.True(a100.Substituted);
        Assert.Equal(Precision.Bf16, a100.PflopsBasis.Precision);
    }

    [Fact]
    public void At_fp4_a_generation_without_fp4_stands_in_with_its_narrowest_wider_precision()
    {
        Assert.True(LaunchTrend.TryFit(Shipped(), TestData.Catalog, new ThroughputBasis(Precision.Fp4, false), out var fit, out _));
        var byId = fit!.Points.ToDictionary(p => p.Price.SystemId);
        Assert.Equal(Precision.Fp8, byId["h100"].PflopsBasis.Precision);
        Assert.Equal(98.32 / 8 / 1.979, byId["h100"].PricePerPflopHour, 9);
        Assert.Equal(Precision.Bf16, byId["a100"].PflopsBasis.Precision);
        Assert.Equal(Precision.Fp4, byId["b200"].PflopsBasis.Precision);
        Assert.False(byId["b200"].Substituted);
    }

    [Fact]
    public void A_sparse_precision_leaves_out_a_generation_that_does_not_market_it()
    {
        Assert.True(LaunchTrend.TryFit(Shipped(), TestData.Catalog, new ThroughputBasis(Precision.Fp8, true), out var fit, out _));
        Assert.Contains(fit!.Excluded, x => x.SystemId == "v100" && x.Reason.Contains("fp8Sparse", StringComparison.Ordinal));
        Assert.DoesNotContain(fit.Points, p => p.Substituted);
    }

    [Fact]
    public void Trend_at_a_date_is_the_line_read_at_that_fractional_year()
    {
        var (a, b, _) = LeastSquares(ByHand());
        Assert.True(LaunchTrend.TryFit(Shipped(), TestData.Catalog, Fp8, out var fit, out _));
        // 2026-07-01 is day 182 of 365.
        Assert.Equal(Math.Exp(a + b * (2026 + 181 / 365.0)), fit!.At(new DateOnly(2026, 7, 1)), 8);
    }

    [Fact]
    public void Ceiling_from_trend_is_the_trend_at_the_catalog_launch_times_pflops_below_trend()
    {
        var (a, b, _) = LeastSquares(ByHand());
        var prices = Shipped();
        Assert.True(LaunchTrend.TryFit(prices, TestData.Catalog, Fp8, out var fit, out _));
        var vr = TestData.Catalog.Get("vr-nvl72");
        // Vera Rubin has no launch-price row: the middle of its catalog quarter, 2026Q3 = 2026.625.
        var c = CeilingPrice.FromTrend(vr, fit!, prices, null, 0.2);
        Assert.Equal(2026.625, c.Year, 12);
        Assert.Equal(Math.Exp(a + b * 2026.625) * 0.8 * 17.5, c.Ceiling, 7);
        Assert.Contains("catalog", c.When);
        // B200 has a row: its own launch date.
        var b200 = CeilingPrice.FromTrend(TestData.Catalog.Get("b200"), fit!, prices);
        Assert.Equal(Math.Exp(a + b * (2025 + 134 / 365.0)) * 4.5, b200.Ceiling, 7);
    }

    [Fact]
    public void Fit_recovers_any_log_linear_line_through_its_points() =>
        Gen.Select(Gen.Double[0.01, 1.0].Select(Gen.Bool, (m, up) => up ? m / 2 : -m), Gen.Double[-3, 5], Gen.Int[2, 8], Gen.Int[0, 100_000])
            .Sample((slope, level, n, seed) =>
            {
                var rng = new Random(seed);
                var rows = Enumerable.Range(0, n).Select(i =>
                {
                    var date = new DateOnly(2015, 1, 1).AddDays(i * 400 + rng.Next(0, 300));
                    var x = LaunchTrend.DecimalYear(date);
                    return Row($"g{i}", date, Math.Exp(level + slope * (x - 2020)) * 2.0, 2000);
                }).ToList();
                Assert.True(LaunchTrend.TryFit(rows, TestData.Catalog, Fp8, out var fit, out var reason), reason);
                Assert.Equal(slope, fit!.SlopePerYear, 9);
                Assert.Equal(1.0, fit.RSquared!.Value, 9);
                Assert.All(fit.Points, p => Assert.Equal(0, p.LogResidual, 9));
            });

    [Fact]
    public void No_trend_from_a_single_generation_and_the_reason_says_so()
    {
        Assert.False(LaunchTrend.TryFit([Row("g", new DateOnly(2024, 1, 1), 2, 1000)], TestData.Catalog, Fp8, out var fit, out var reason));
        Assert.Null(fit);
        Assert.Contains("at least two generations", reason);
    }

    [Fact]
    public void Every_generation_at_one_price_per_pflop_hour_has_no_r_squared()
    {
        var rows = new[] { Row("g1", new DateOnly(2020, 1, 1), 3, 1000), Row("g2", new DateOnly(2022, 1, 1), 6, 2000) };
        Assert.True(LaunchTrend.TryFit(rows, TestData.Catalog, Fp8, out var fit, out _));
        Assert.Null(fit!.RSquared);
        Assert.Null(fit.HalvingYears);
    }

    [Fact]
    public void A_rising_trend_has_no_halving_time()
    {
        var rows = new[] { Row("g1", new DateOnly(2020, 1, 1), 1, 1000), Row("g2", new DateOnly(2022, 1, 1), 2, 1000) };
        Assert.True(LaunchTrend.TryFit(rows, TestData.Catalog, Fp8, out var fit, out _));
        Assert.Null(fit!.HalvingYears);
    }

    private static LaunchPrice Row(string id, DateOnly launch, double price, double fp8Tflops) => new()
    {
        SystemId = id, Name = id, LaunchDate = launch, PricePerGpuHour = price, PriceDate = launch, PricingType = "on-demand",
        Offer = "test", Source = "test", DenseTflops = new Dictionary<Precision, double> { [Precision.Fp8] = fp8Tflops },
    };

    public class Reader
    {
        private const string Good = """{ "system": "h100", "name": "H100", "launchDate": "2023-07-26", "pricePerGpuHour": 12.29, "priceDate": "2023-07-26", "pricingType": "on-demand", "offer": "o", "source": "s" }""";

        private static IReadOnlyList<string> Errors(string rows)
        {
            var r = LaunchPriceReader.Read($$"""{ "prices": [ {{rows}} ] }""", "lp.json", TestData.Catalog);
            Assert.False(r.Ok);
            return r.Errors.Select(e => e.ToString()).ToList();
        }

        [Fact]
        public void A_good_row_reads()
        {
            var r = LaunchPriceReader.Read($$"""{ "prices": [ {{Good}} ] }""", "lp.json", TestData.Catalog);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            Assert.Equal(new DateOnly(2023, 7, 26), r.Value![0].LaunchDate);
        }

        [Theory]
        [InlineData("\"launchDate\": \"2023-07-26\"", "\"launchDate\": \"26/07/2023\"", "lp.json: prices[1].launchDate: \"26/07/2023\" is not allowed; must be a date written YYYY-MM-DD")]
        [InlineData("\"pricePerGpuHour\": 12.29", "\"pricePerGpuHour\": -1", "lp.json: prices[1].pricePerGpuHour: -1 is not allowed; must be a number in (0, 10000] $ per GPU-hour")]
        [InlineData("\"pricingType\": \"on-demand\"", "\"pricingType\": \"list\"", "lp.json: prices[1].pricingType: \"list\" is not allowed; must be one of: on-demand, contract, reserved, spot")]
        [InlineData("\"priceDate\": \"2023-07-26\"", "\"priceDate\": \"2022-01-01\"", "lp.json: prices[1].priceDate: \"2022-01-01\" is not allowed; is before the launchDate 2023-07-26")]
        [InlineData("\"system\": \"h100\"", "\"system\": \"tpu-v1\"", "lp.json: prices[1].system: \"tpu-v1\" is not allowed; is not in the catalog: give its denseTflops")]
        [InlineData("\"source\": \"s\"", "\"sauce\": \"s\"", "lp.json: prices[1].source: is required")]
        public void A_bad_row_is_named_by_file_row_and_field(string from, string to, string expected)
        {
            var other = Good.Replace("\"h100\"", "\"b200\"", StringComparison.Ordinal);
            var errors = Errors(other + ", " + Good.Replace(from, to, StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
            Assert.DoesNotContain(errors, e => e.Contains("prices[0]", StringComparison.Ordinal));
        }

        [Fact]
        public void A_generation_twice_is_refused()
        {
            var errors = Errors(Good + ", " + Good);
            Assert.Contains(errors, e => e.StartsWith("lp.json: prices[1].system: \"h100\" is not allowed; appears in an earlier row", StringComparison.Ordinal));
        }

        [Fact]
        public void A_generation_outside_the_catalog_gives_known_precisions()
        {
            var row = Good.Replace("\"h100\"", "\"v100\"", StringComparison.Ordinal).Replace("\"source\": \"s\"", "\"source\": \"s\", \"denseTflops\": { \"fp16\": 125 }, \"tflopsSource\": \"t\"", StringComparison.Ordinal);
            Assert.Contains(Errors(row), e => e.StartsWith("lp.json: prices[0].denseTflops.fp16: unknown precision 'fp16'", StringComparison.Ordinal));
        }
    }
}
