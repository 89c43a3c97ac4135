using System.Globalization;
using CsCheck;
using Gpunomics.Market;
using Gpunomics.Pricing;

namespace Gpunomics.Engine.Tests;

/// <summary>The market: reading observations, the decay fit, the forward curve and its held-out error.</summary>
public class MarketTests
{
    private static readonly DateOnly Launch = new(2020, 1, 1);

    private static MarketObservation Obs(string system, double ageDays, double price, PricingType type = PricingType.OnDemand) => new()
    {
        Date = Launch.AddDays((int)ageDays), DateText = "t", SystemId = system, Provider = $"p{ageDays}", PricingType = type,
        TermMonths = type == PricingType.Contract ? 12 : null, PricePerGpuHour = price, Source = "https://example.org",
    };

    private static readonly SystemLaunch[] Launches = [new("a", Launch, "test"), new("b", Launch, "test"), new("c", Launch, "test")];

    // Ages are counted in days / 365.25, so a step of 1461 days is exactly Y = 4 years.
    private const double Y = 4;

    private static double Days(int steps) => steps * 1461;

    /// <summary>System a at ages 0, Y, 2Y ($8, $4, $2.50); system b at ages Y and 3Y ($6, $2).</summary>
    private static MarketModel HandMade(IEnumerable<LaunchLevel>? levels = null, double? trendSd = null) => new(
        [Obs("a", 0, 8), Obs("a", Days(1), 4), Obs("a", Days(2), 2.5), Obs("b", Days(1), 6), Obs("b", Days(3), 2)],
        Launches, levels ?? [], trendSd);

    public class Reading
    {
        private const string Good = """{ "date": "2026-03-17", "system": "h100", "provider": "Lambda", "pricingType": "on-demand", "pricePerGpuHour": 2.99, "source": "https://example.org/p" }""";

        private static Json.ReadResult<IReadOnlyList<MarketObservation>> Read(params string[] rows) =>
            MarketObservationReader.Read($$"""{ "observations": [ {{string.Join(",", rows)}} ] }""", "obs.json", ["h100", "a100"]);

        private static string With(string key, string json) =>
            Good.Replace($"\"{key}\": ", $"\"{key}\": {json}, \"_was\": ", StringComparison.Ordinal) is var s && s.Contains("_was", StringComparison.Ordinal)
                ? System.Text.RegularExpressions.Regex.Replace(s, "\"_was\": (\"[^\"]*\"|[^,}]+)", "\"_drop\": 0").Replace(", \"_drop\": 0", "", StringComparison.Ordinal)
                : throw new ArgumentException(key);

        [Fact]
        public void A_good_row_reads_with_its_fields_and_a_monthly_date_is_its_15th()
        {
            var r = Read(Good, """{ "date": "2025-10", "system": "H100", "provider": "Index", "pricingType": "contract", "termMonths": 12, "prepayShare": 0.25, "pricePerGpuHour": 1.7, "source": "Report, https://example.org/r", "note": "n" }""");
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            var o = r.Value!;
            Assert.Equal(new DateOnly(2026, 3, 17), o[0].Date);
            Assert.Equal(PricingType.OnDemand, o[0].PricingType);
            Assert.Null(o[0].TermMonths);
            Assert.Equal(new DateOnly(2025, 10, 15), o[1].Date);
            Assert.Equal("2025-10", o[1].DateText);
            Assert.Equal((12, 0.25, 1.7), (o[1].TermMonths!.Value, o[1].PrepayShare!.Value, o[1].PricePerGpuHour));
            Assert.Equal("contract 12 mo, 25% prepaid", o[1].PricingLabel);
        }

        public static TheoryData<string, string, string, string> BadFields() => new()
        {
            { "date", "\"2026-13-01\"", "observations[0].date", "YYYY-MM-DD" },
            { "date", "\"17/03/2026\"", "observations[0].date", "YYYY-MM for a monthly figure" },
            { "date", "\"1999-12-31\"", "observations[0].date", "between 2000 and 2100" },
            { "system", "\"h999\"", "observations[0].system", "must be a known system: h100, a100" },
            { "provider", "\"\"", "observations[0].provider", "must name the provider or the index" },
            { "pricingType", "\"reserved\"", "observations[0].pricingType", "must be one of: on-demand, spot, contract" },
            { "pricingType", "\"On-Demand\"", "observations[0].pricingType", "must be one of: on-demand, spot, contract" },
            { "pricePerGpuHour", "0", "observations[0].pricePerGpuHour", "(0, 10000] $ per GPU-hour" },
            { "pricePerGpuHour", "\"2.99\"", "observations[0].pricePerGpuHour", "must be a number" },
            { "source", "\"a blog post\"", "observations[0].source", "with its address (http:// or https://)" },
        };

        [Theory]
        [MemberData(nameof(BadFields))]
        public void Each_bad_field_is_named_with_its_row_value_and_what_is_allowed(string key, string json, string path, string allowed)
        {
            var r = Read(With(key, json));
            Assert.False(r.Ok);
            var e = Assert.Single(r.Errors);
            Assert.Equal(("obs.json", path), (e.Source, e.Path));
            Assert.Equal(json, e.Value);
            Assert.Contains(allowed, e.Allowed, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("date")]
        [InlineData("system")]
        [InlineData("provider")]
        [InlineData("pricingType")]
        [InlineData("pricePerGpuHour")]
        [InlineData("source")]
        public void Each_required_field_left_out_is_named(string key)
        {
            var row = System.Text.RegularExpressions.Regex.Replace(Good, $"\"{key}\": (\"[^\"]*\"|[^,}}]+),? ?", "");
            var r = Read(Good, row.Replace(", }", " }", StringComparison.Ordinal));
            var e = Assert.Single(r.Errors);
            Assert.Equal($"observations[1].{key}", e.Path);
            Assert.Contains("is required", e.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void A_contract_needs_its_term_and_its_prepay_is_a_share_while_other_kinds_take_neither()
        {
            var contract = Good.Replace("\"on-demand\"", "\"contract\"", StringComparison.Ordinal);
            var r = Read(contract, contract.Replace("\"provider\": \"Lambda\"", "\"provider\": \"X\", \"termMonths\": 121, \"prepayShare\": 1.5", StringComparison.Ordinal),
                Good.Replace("\"provider\": \"Lambda\"", "\"provider\": \"Y\", \"termMonths\": 12", StringComparison.Ordinal),
                Good.Replace("\"provider\": \"Lambda\"", "\"provider\": \"Z\", \"extra\": 1", StringComparison.Ordinal));
            Assert.Equal(
                ["observations[0].termMonths", "observations[1].termMonths", "observations[1].prepayShare", "observations[2].termMonths", "observations[3].extra"],
                r.Errors.Select(e => e.Path).ToList());
            Assert.Contains("[1, 120] months", r.Errors[1].Allowed, StringComparison.Ordinal);
            Assert.Contains("[0, 1]", r.Errors[2].Allowed, StringComparison.Ordinal);
            Assert.Contains("goes only with pricingType \"contract\"", r.Errors[3].Allowed, StringComparison.Ordinal);
            Assert.Contains("unknown key", r.Errors[4].Allowed, StringComparison.Ordinal);
        }

        [Fact]
        public void Without_a_list_of_systems_any_id_reads_and_the_market_leaves_out_those_without_a_launch()
        {
            var r = MarketObservationReader.Read($$"""{ "observations": [ {{Good}}, {{Good.Replace("h100", "a100", StringComparison.Ordinal)}} ] }""", "obs.json", null);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            var m = new MarketModel(r.Value!, [new SystemLaunch("h100", new DateOnly(2022, 11, 15), "test")], [], null);
            Assert.Equal("h100", Assert.Single(m.Observations).SystemId);
            Assert.Equal("a100", Assert.Single(m.Excluded).SystemId);
            Assert.Equal(new DateOnly(2026, 3, 17), m.LatestDate);
            Assert.Null(new MarketModel([], Launches, [], null).LatestDate);
        }

        [Fact]
        public void A_repeated_observation_is_refused_naming_the_first()
        {
            var r = Read(Good, Good);
            var e = Assert.Single(r.Errors);
            Assert.Equal("observations[1]", e.Path);
            Assert.Contains("repeats observations[0]", e.Allowed, StringComparison.Ordinal);
        }

        [Fact]
        public void The_shipped_observations_read_and_each_cites_an_address()
        {
            var launches = MarketModel.Launches(TestData.Catalog, LaunchPrices());
            var r = MarketObservationReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "market-observations.json")), "market-observations.json", [.. launches.Select(l => l.SystemId)]);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            Assert.True(r.Value!.Count >= 12);
            Assert.All(r.Value!, o => Assert.Contains("https://", o.Source, StringComparison.Ordinal));
            Assert.Equal(3, r.Value!.Select(o => o.PricingType).Distinct().Count());
        }
    }

    internal static IReadOnlyList<LaunchPrice> LaunchPrices()
    {
        var r = LaunchPriceReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "launch-prices.json")), "launch-prices.json", TestData.Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    public class Fit
    {
        [Fact]
        public void The_decay_matches_the_hand_computed_least_squares_with_one_level_per_system()
        {
            Assert.True(HandMade().TryFit(PricingType.OnDemand, out var fit, out var reason), reason);
            // Within-system sums: a at ages 0, Y, 2Y gives Sxx = 2Y^2, Sxy = Y (y2 - y0); b at Y, 3Y gives Sxx = 2Y^2, Sxy = Y (y3 - y1).
            var b = (Math.Log(2.5 / 8) + Math.Log(2.0 / 6)) / (4 * Y);
            var ya = (Math.Log(8) + Math.Log(4) + Math.Log(2.5)) / 3;
            var yb = (Math.Log(6) + Math.Log(2)) / 2;
            Assert.Equal(b, fit!.SlopePerYear, 12);
            Assert.Equal(ya - b * Y, fit.Level("a")!.Intercept, 12);
            Assert.Equal(yb - b * 2 * Y, fit.Level("b")!.Intercept, 12);
            double[] residuals = [Math.Log(8) - ya + b * Y, Math.Log(4) - ya, Math.Log(2.5) - ya - b * Y, Math.Log(6) - yb + b * Y, Math.Log(2) - yb - b * Y];
            var ssr = residuals.Sum(e => e * e);
            Assert.Equal(2, fit.DegreesOfFreedom);
            Assert.Equal(Math.Sqrt(ssr / 2), fit.ResidualSd!.Value, 12);
            Assert.Equal(Math.Sqrt(ssr / 2) / Math.Sqrt(4 * Y * Y), fit.SlopeStandardError!.Value, 12);
            var syy = new[] { 8, 4, 2.5 }.Sum(p => Math.Pow(Math.Log(p) - ya, 2)) + new[] { 6.0, 2 }.Sum(p => Math.Pow(Math.Log(p) - yb, 2));
            Assert.Equal(1 - ssr / syy, fit.RSquared!.Value, 12);
            Assert.Equal(Math.Exp(b) - 1, fit.AnnualChange, 12);
            Assert.Equal(Math.Log(2) / -b, fit.HalvingYears!.Value, 12);
        }

        /// <summary>
        /// A decay per year needs some system seen at least a year apart, whatever the prices: a few months of one
        /// market's swing (the shipped spot rows once gave +27,939% a year) is no decay with age.
        /// </summary>
        [Fact]
        public void Systems_seen_over_under_a_year_of_age_give_no_decay_however_many_rows()
        {
            Gen.Select(Gen.Int[1, 364], Gen.Double[0.5, 20], Gen.Double[0.5, 20], Gen.Int[2, 6]).Sample((span, p1, p2, rows) =>
            {
                var obs = Enumerable.Range(0, rows).SelectMany(k => new[] { Obs("a", 400 + span * k / (rows - 1), p1 + k), Obs("b", 900 + span * k / (rows - 1), p2 * (k + 1)) }).ToList();
                var m = new MarketModel(obs, Launches, [], null);
                Assert.False(m.TryFit(PricingType.OnDemand, out var fit, out var reason));
                Assert.Null(fit);
                Assert.Contains("at least 12 months apart", reason, StringComparison.Ordinal);
                Assert.False(m.TryForwardCurve("a", PricingType.OnDemand, new ForwardCurveOptions { From = Launch.AddDays(1000) }, out _, out var noCurve));
                Assert.Contains("--annual-change", noCurve, StringComparison.Ordinal);
            });
            var yearApart = new MarketModel([Obs("a", 100, 8), Obs("a", 100 + 366, 6)], Launches, [], null);
            Assert.True(yearApart.TryFit(PricingType.OnDemand, out var one, out _));
            Assert.Equal(Math.Log(6.0 / 8) / (366 / 365.25), one!.SlopePerYear, 12);
        }

        [Fact]
        public void No_system_at_two_ages_is_no_fit_with_the_reason_and_an_exact_fit_has_no_residual_or_r_squared()
        {
            var single = new MarketModel([Obs("a", 0, 8), Obs("b", Days(1), 4)], Launches, [], null);
            Assert.False(single.TryFit(PricingType.OnDemand, out _, out var reason));
            Assert.Contains("no system at two different ages", reason, StringComparison.Ordinal);
            Assert.False(single.TryFit(PricingType.Spot, out _, out var none));
            Assert.Equal("no spot observations", none);
            var exact = new MarketModel([Obs("a", 0, 8), Obs("a", Days(1), 4)], Launches, [], null);
            Assert.True(exact.TryFit(PricingType.OnDemand, out var fit, out _));
            Assert.Equal(Math.Log(0.5) / Y, fit!.SlopePerYear, 12);
            Assert.Equal(0, fit.DegreesOfFreedom);
            Assert.Null(fit.ResidualSd);
            Assert.Null(fit.SlopeStandardError);
            Assert.Null(fit.RSquared);
        }

        [Fact]
        public void Exact_log_linear_prices_give_back_their_decay_and_levels_and_no_held_out_error()
        {
            Gen.Select(Gen.Double[-1.5, 0.5], Gen.Double[-1, 3].Array[2, 4], Gen.Int[0, 1_000_000]).Sample((b, levels, seed) =>
            {
                var rng = new Random(seed);
                var obs = new List<MarketObservation>();
                var ids = new[] { "a", "b", "c", "d" };
                for (var s = 0; s < levels.Length; s++)
                    for (var k = 0; k < 3; k++)
                    {
                        var age = rng.Next(0, 2000);
                        if (obs.Any(o => o.SystemId == ids[s] && o.Date == Launch.AddDays(age))) continue;
                        obs.Add(Obs(ids[s], age, Math.Exp(levels[s] + b * (age / 365.25))) with { Provider = $"p{s}-{k}" });
                    }
                var m = new MarketModel(obs, [.. ids.Select(i => new SystemLaunch(i, Launch, "t"))], [], null);
                if (!m.TryFit(PricingType.OnDemand, out var fit, out _)) return;
                Assert.Equal(b, fit!.SlopePerYear, 1e-9);
                foreach (var l in fit.Systems) Assert.Equal(levels[Array.IndexOf(ids, l.SystemId)], l.Intercept, 1e-9);
                var held = m.LeaveOneOut(PricingType.OnDemand);
                foreach (var r in held.Rows.Where(r => r.Predicted is not null)) Assert.Equal(0, r.LogError!.Value, 1e-8);
            }, iter: 200);
        }
    }

    public class Curve
    {
        [Fact]
        public void A_system_with_observations_is_projected_from_its_own_level_with_the_band_of_the_fit()
        {
            var m = HandMade();
            m.TryFit(PricingType.OnDemand, out var fit, out _);
            var from = Launch.AddDays((int)Days(4));
            const double x = 4 * Y;
            Assert.True(m.TryForwardCurve("a", PricingType.OnDemand, new ForwardCurveOptions { From = from, Months = 12 }, out var c, out var reason), reason);
            var b = fit!.SlopePerYear;
            var ya = (Math.Log(8) + Math.Log(4) + Math.Log(2.5)) / 3;
            var p0 = c!.Points[0];
            Assert.Equal(x, p0.AgeYears, 12);
            Assert.Equal(Math.Exp(ya + b * (x - Y)), p0.PricePerGpuHour, 12);
            var s = fit.ResidualSd!.Value;
            var sd = Math.Sqrt(s * s * (1 + 1.0 / 3) + Math.Pow((x - Y) * fit.SlopeStandardError!.Value, 2));
            Assert.Equal(p0.PricePerGpuHour * Math.Exp(-1.6448536269514722 * sd), p0.Low!.Value, 12);
            Assert.Equal(p0.PricePerGpuHour * Math.Exp(1.6448536269514722 * sd), p0.High!.Value, 12);
            Assert.Equal(13, c.Points.Count);
            Assert.Equal(from.AddMonths(12), c.Points[12].Date);
            Assert.Null(c.NoBand);
        }

        [Fact]
        public void A_system_without_observations_takes_the_launch_trend_level_relative_to_those_observed()
        {
            // The launch trend prices c at launch at twice a's level and four times b's.
            var m = HandMade([new LaunchLevel("a", 10), new LaunchLevel("b", 5), new LaunchLevel("c", 20)], trendSd: 0.3);
            m.TryFit(PricingType.OnDemand, out var fit, out _);
            var from = Launch.AddDays((int)Days(1));
            Assert.True(m.TryForwardCurve("c", PricingType.OnDemand, new ForwardCurveOptions { From = from, Months = 0 }, out var c, out var reason), reason);
            var b = fit!.SlopePerYear;
            var ya = (Math.Log(8) + Math.Log(4) + Math.Log(2.5)) / 3;
            var yb = (Math.Log(6) + Math.Log(2)) / 2;
            var a = ((ya - b * Y + Math.Log(2)) + (yb - b * 2 * Y + Math.Log(4))) / 2;
            Assert.Equal(Math.Exp(a + b * Y), c!.Points[0].PricePerGpuHour, 12);
            var s = fit.ResidualSd!.Value;
            var sd = Math.Sqrt(s * s * (1 + 1.0 / 5) + 0.3 * 0.3 + Math.Pow((Y - fit.MeanAge) * fit.SlopeStandardError!.Value, 2));
            Assert.Equal(c.Points[0].PricePerGpuHour * Math.Exp(1.6448536269514722 * sd), c.Points[0].High!.Value, 12);
            Assert.Contains("launch trend", c.LevelBasis, StringComparison.Ordinal);
            Assert.False(HandMade().TryForwardCurve("c", PricingType.OnDemand, new ForwardCurveOptions { From = from }, out _, out var none));
            Assert.Contains("--start-price", none, StringComparison.Ordinal);
        }

        [Fact]
        public void A_given_start_price_and_decay_override_the_fit_and_leave_no_band()
        {
            var from = new DateOnly(2026, 1, 1);
            Assert.True(HandMade().TryForwardCurve("a", PricingType.OnDemand, new ForwardCurveOptions { From = from, Months = 24, AnnualChange = -0.25, StartPrice = 3 }, out var c, out var reason), reason);
            Assert.Equal(3, c!.Points[0].PricePerGpuHour, 12);
            Assert.Equal(3 * Math.Pow(0.75, (from.AddMonths(24).DayNumber - from.DayNumber) / 365.25), c.Points[24].PricePerGpuHour, 12);
            Assert.True(c.SlopeGiven);
            Assert.Null(c.Points[24].Low);
            Assert.Equal("none: the start price and the decay are both given", c.NoBand);
            // A given decay projects a kind of price the data cannot fit; without it there is no curve and the reason says what to give.
            Assert.False(HandMade().TryForwardCurve("a", PricingType.Spot, new ForwardCurveOptions { From = from }, out _, out var why));
            Assert.Contains("--annual-change", why, StringComparison.Ordinal);
            Assert.True(HandMade().TryForwardCurve("a", PricingType.Spot, new ForwardCurveOptions { From = from, AnnualChange = -0.2, StartPrice = 2 }, out _, out _));
        }

        [Fact]
        public void Every_band_holds_its_price_and_a_start_price_scales_the_whole_curve()
        {
            Gen.Select(Gen.Double[-0.8, 0.3], Gen.Double[0.05, 0.6], Gen.Int[0, 1_000_000], Gen.Double[0.5, 20]).Sample((b, noise, seed, p0) =>
            {
                var rng = new Random(seed);
                var obs = new List<MarketObservation>();
                foreach (var id in new[] { "a", "b" })
                    for (var k = 0; k < 4; k++)
                        obs.Add(Obs(id, 200 * k + rng.Next(0, 90), Math.Exp(1 + b * k * 200 / 365.25 + noise * (rng.NextDouble() - 0.5))) with { Provider = $"{id}{k}" });
                var m = new MarketModel(obs, Launches, [new LaunchLevel("a", 3), new LaunchLevel("b", 2), new LaunchLevel("c", 4)], 0.2);
                var from = Launch.AddDays(500);
                foreach (var id in new[] { "a", "c" })
                {
                    Assert.True(m.TryForwardCurve(id, PricingType.OnDemand, new ForwardCurveOptions { From = from, Months = 24 }, out var c, out var reason), reason);
                    Assert.All(c!.Points, p => Assert.True(p.Low < p.PricePerGpuHour && p.PricePerGpuHour < p.High, $"{id} month {p.Month}"));
                }
                m.TryForwardCurve("a", PricingType.OnDemand, new ForwardCurveOptions { From = from, Months = 24, StartPrice = p0 }, out var one, out _);
                m.TryForwardCurve("a", PricingType.OnDemand, new ForwardCurveOptions { From = from, Months = 24, StartPrice = 2 * p0 }, out var two, out _);
                for (var i = 0; i <= 24; i++) Assert.Equal(2 * one!.Points[i].PricePerGpuHour, two!.Points[i].PricePerGpuHour, 1e-9 * two.Points[i].PricePerGpuHour);
                Assert.All(m.LeaveOneOut(PricingType.OnDemand).Rows, r => Assert.True(r.Low < r.Predicted && r.Predicted < r.High));
            }, iter: 100);
        }

        [Fact]
        public void The_held_out_error_predicts_each_observation_from_the_fit_without_it()
        {
            var held = HandMade().LeaveOneOut(PricingType.OnDemand);
            Assert.Equal(5, held.Rows.Count);
            // a at age 2Y left out: a at ages 0, Y (Sxx Y^2/2, Sxy (Y/2) ln(4/8)) and b at Y, 3Y (Sxx 2Y^2, Sxy Y ln(2/6)).
            var b1 = (0.5 * Math.Log(4.0 / 8) + Math.Log(2.0 / 6)) / (2.5 * Y);
            var p1 = Math.Exp((Math.Log(8) + Math.Log(4)) / 2 + b1 * (2 * Y - Y / 2));
            var a2 = held.Rows.Single(r => r.Observation.Observation.SystemId == "a" && r.Observation.Observation.PricePerGpuHour == 2.5);
            Assert.Equal(p1, a2.Predicted!.Value, 12);
            Assert.Equal(Math.Log(2.5 / p1), a2.LogError!.Value, 12);
            // b at age 3Y left out: b keeps one observation (no slope from it), so b' is a's alone, ln(2.5/8) / 2Y.
            var b2 = Math.Log(2.5 / 8) / (2 * Y);
            var p2 = Math.Exp(Math.Log(6) + b2 * (3 * Y - Y));
            var b3 = held.Rows.Single(r => r.Observation.Observation.SystemId == "b" && r.Observation.Observation.PricePerGpuHour == 2);
            Assert.Equal(p2, b3.Predicted!.Value, 12);
            Assert.Equal(5, held.ScoredCount);
            Assert.Equal(Math.Sqrt(held.Rows.Average(r => r.LogError!.Value * r.LogError.Value)), held.RmsLogError!.Value, 12);
            Assert.Equal(held.Rows.Average(r => Math.Abs(r.Predicted!.Value / r.Observation.Observation.PricePerGpuHour - 1)), held.MeanAbsolutePercentError!.Value, 12);
            Assert.Equal(held.Rows.Count(r => r.InBand == true) / (double)held.BandCount, held.BandCoverage!.Value, 12);
        }
    }
}
