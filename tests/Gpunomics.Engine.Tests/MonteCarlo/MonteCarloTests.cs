using Gpunomics.Batch;
using Gpunomics.MonteCarlo;

namespace Gpunomics.Engine.Tests.MonteCarlo;

public class MonteCarloTests
{
    private static MonteCarloSetup Setup(params (string, string)[] dists) =>
        MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.0) with
        {
            Distributions = dists.ToDictionary(d => d.Item1, d => Distribution.Parse(d.Item2), StringComparer.OrdinalIgnoreCase),
        };

    [Fact]
    public void Fixed_inputs_reproduce_the_scalar_project()
    {
        var r = MonteCarloSimulation.Run(Setup(), 20_000, 7);
        var model = TestData.Model;
        var irr = model.Project("gb300-nvl72", 3.0).Irr!.Value;
        Assert.Equal(irr, r.Irr.P50!.Value, 9);
        Assert.Equal(irr, r.Irr.P5!.Value, 9);
        Assert.Equal(model.Floor("gb300-nvl72"), r.Floor.P50!.Value, 7);
        Assert.Equal(irr >= model.Scenario.HurdleRate ? 1.0 : 0.0, r.ProbabilityAboveHurdle);
        // Scenarios all alike fall in the histogram's bars, not in none (every bar was empty).
        Assert.Equal(20_000, r.IrrHistogram.Sum(b => b.Count));
    }

    [Fact]
    public void Same_seed_same_result_whatever_the_thread_count_and_another_seed_differs()
    {
        var s = Setup(("price", "uniform(2.5,4)"), ("systemPriceMultiplier", "triangular(0.9,1,1.4)"), ("opexMultiplier", "lognormal(1,0.1)"));
        var a = MonteCarloSimulation.Run(s, 50_000, 42);
        var b = MonteCarloSimulation.Run(s, 50_000, 42, options: new BatchOptions(false, 1));
        var c = MonteCarloSimulation.Run(s, 50_000, 43);
        Assert.Equal(a.Irr, b.Irr);
        Assert.Equal(a.Npv, b.Npv);
        Assert.Equal(a.ProbabilityAboveHurdle, b.ProbabilityAboveHurdle);
        // Percentiles come from bins, so a median may share its bin across seeds; the draws themselves differ.
        Assert.NotEqual(a.Npv, c.Npv);
    }

    [Fact]
    public void Probability_above_hurdle_matches_the_share_of_prices_above_the_floor()
    {
        // Only the price varies: IRR >= hurdle exactly when price >= floor, so P = (4 - floor) / 1.5.
        var floor = TestData.Model.Floor("gb300-nvl72");
        var n = 200_000;
        var r = MonteCarloSimulation.Run(Setup(("price", "uniform(2.5,4)")), n, 1);
        var expected = (4 - floor) / 1.5;
        var sigma = Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange(r.ProbabilityAboveHurdle, expected - 4 * sigma, expected + 4 * sigma);
        // Median IRR is the IRR at the median price.
        var irrAtMedian = TestData.Model.Project("gb300-nvl72", 3.25).Irr!.Value;
        Assert.Equal(irrAtMedian, r.Irr.P50!.Value, 2);
    }

    [Fact]
    public void Normal_inputs_have_the_requested_mean_and_spread()
    {
        // Floor is affine in the opex multiplier, so its percentiles follow a normal's: p95 - p50 = 1.645 sd.
        var r = MonteCarloSimulation.Run(Setup(("opexMultiplier", "normal(1,0.1)")), 100_000, 3);
        var model = TestData.Model;
        var f1 = model.Floor("gb300-nvl72");
        var r0 = MonteCarloSimulation.Run(Setup(("opexMultiplier", "0")), 1, 3).Floor.Min!.Value;
        var perUnit = f1 - r0;
        Assert.Equal(f1, r.Floor.Mean!.Value, 2);
        Assert.Equal(1.645 * 0.1 * perUnit, r.Floor.P95!.Value - r.Floor.P50!.Value, 2);
    }

    [Fact]
    public void Correlated_inputs_move_together()
    {
        var baseSetup = Setup(("price", "normal(3,0.3)"), ("systemPriceMultiplier", "normal(1,0.1)"));
        var independent = MonteCarloSimulation.Run(baseSetup, 100_000, 5);
        var correlated = MonteCarloSimulation.Run(baseSetup with { Correlations = [new Correlation("price", "systemPriceMultiplier", 0.9)] }, 100_000, 5);
        // Higher prices arrive with higher capex: IRR spreads less.
        Assert.True(correlated.Irr.P95 - correlated.Irr.P5 < 0.8 * (independent.Irr.P95 - independent.Irr.P5));
        Assert.Throws<ArgumentException>(() => MonteCarloSimulation.Run(baseSetup with { Correlations = [new Correlation("price", "hurdle", 0.5)] }, 10, 1));
    }

    [Theory]
    [InlineData("price=uniform(1,13)")] // a few scenarios near prepay = capex have IRRs in the millions of percent
    [InlineData("price=lognormal(3,1.5)", "prepay=uniform(0,0.5)")]
    [InlineData("price=normal(3.5,2)", "termMonths=uniform(1,120)", "utilization=uniform(0.05,1)")]
    public void Percentiles_are_within_the_stated_accuracy_of_the_exact_ones_on_heavy_tailed_outputs(params string[] specs)
    {
        var setup = Setup([.. specs.Select(s => (s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..]))]);
        const int n = 20_000;
        var r = MonteCarloSimulation.Run(setup, n, 1);
        var outcomes = MonteCarloSimulation.Outcomes(setup, n, 1).ToList();
        var irr = outcomes.Where(o => o.Irr is not null).Select(o => o.Irr!.Value).ToArray();
        Assert.Equal(n - irr.Length, r.ScenariosWithoutIrr);
        AssertMatchesExact(r.Irr, irr);
        AssertMatchesExact(r.Npv, [.. outcomes.Select(o => o.Npv)]);
        AssertMatchesExact(r.Floor, [.. outcomes.Select(o => o.Floor!.Value)]);
        Assert.Equal(r, MonteCarloSimulation.Run(setup, n, 1, options: new BatchOptions(false, 1)), MonteCarloResultComparer.Instance);
    }

    private static void AssertMatchesExact(OutputSummary s, double[] values)
    {
        Array.Sort(values);
        Assert.Equal(values.Length, s.Count);
        Assert.Equal(values[0], s.Min);
        Assert.Equal(values[^1], s.Max);
        foreach (var (percent, got) in new[] { (5, s.P5), (10, s.P10), (25, s.P25), (50, s.P50), (75, s.P75), (90, s.P90), (95, s.P95) })
        {
            var exact = values[(values.Length * percent + 99) / 100 - 1]; // nearest rank
            Assert.True(Math.Abs(got!.Value - exact) <= StreamingHistogram.RelativeAccuracy * Math.Abs(exact),
                $"p{percent}: {got:R}, exact {exact:R}");
        }
        // The exact mean is kept only while every value is below 2^56 in magnitude.
        Assert.Equal(values.Max(Math.Abs) < Math.Pow(2, 56), s.Mean is not null);
        var mean = values.Average();
        if (s.Mean is { } m) Assert.True(Math.Abs(m - mean) <= 1e-9 * Math.Abs(mean) + 1e-6, $"mean {m:R}, exact {mean:R}");
    }

    private sealed class MonteCarloResultComparer : IEqualityComparer<MonteCarloResult>
    {
        public static readonly MonteCarloResultComparer Instance = new();
        public bool Equals(MonteCarloResult? a, MonteCarloResult? b) =>
            a is not null && b is not null && a.Irr == b.Irr && a.Npv == b.Npv && a.Floor == b.Floor
            && a.ScenariosWithoutIrr == b.ScenariosWithoutIrr && a.IrrHistogram.SequenceEqual(b.IrrHistogram);
        public int GetHashCode(MonteCarloResult r) => r.Irr.GetHashCode();
    }

    [Fact]
    public void Histogram_bars_cover_the_bulk_of_heavy_tailed_irrs_and_none_straddles_the_hurdle()
    {
        var setup = Setup(("price", "uniform(1,13)"));
        var r = MonteCarloSimulation.Run(setup, 20_000, 1);
        var hurdle = setup.Base["hurdle"];
        var bars = r.IrrHistogram;
        Assert.All(bars, b => Assert.True(b.High <= hurdle + 1e-12 || b.Low >= hurdle - 1e-12, $"bar [{b.Low}, {b.High}) straddles {hurdle}"));
        Assert.True(bars[0].Low <= r.Irr.P25 && bars[^1].High >= r.Irr.P75);
        Assert.True(bars.Max(b => b.Count) < r.Irr.Count / 2, "one bar holds most IRRs");
        Assert.InRange(bars.Sum(b => b.Count), r.Irr.Count / 2, r.Irr.Count);
    }

    [Fact]
    public void A_percentile_needs_enough_scenarios_to_reach_its_tail()
    {
        // Fixed inputs: every scenario has the same IRR, so only the count decides what is reported.
        var one = MonteCarloSimulation.Run(Setup(), 1, 1).Irr;
        Assert.Null(one.P50);
        Assert.Equal(one.Min, one.Max);
        Assert.NotNull(one.Mean);
        var nineteen = MonteCarloSimulation.Run(Setup(), 19, 1).Irr;
        Assert.Null(nineteen.P5);
        Assert.Null(nineteen.P95);
        Assert.NotNull(nineteen.P10);
        Assert.NotNull(nineteen.P90);
        var twenty = MonteCarloSimulation.Run(Setup(), 20, 1).Irr;
        Assert.NotNull(twenty.P5);
        Assert.NotNull(twenty.P95);
    }

    [Fact]
    public void Scenarios_without_an_irr_are_counted_apart_and_an_output_with_none_has_no_percentiles()
    {
        // Rent below the operating cost: no rate makes NPV zero in any scenario.
        var r = MonteCarloSimulation.Run(Setup(("price", "uniform(0.01,0.02)")), 1_000, 1);
        Assert.Equal(1_000, r.ScenariosWithoutIrr);
        Assert.Equal(0, r.Irr.Count);
        Assert.Null(r.Irr.P50);
        Assert.Null(r.Irr.Mean);
        Assert.Null(r.Irr.Min);
        Assert.Empty(r.IrrHistogram);
        Assert.NotNull(r.Npv.P50);
    }

    [Theory]
    [InlineData("uniform(3,2)")]
    [InlineData("triangular(1,5,2)")]
    [InlineData("normal(1,-1)")]
    [InlineData("lognormal(0,1)")]
    [InlineData("beta(1,2)")]
    [InlineData("uniform(1)")]
    [InlineData("uniform(a,2)")]
    public void Bad_distribution_specs_are_refused_with_the_spec(string spec)
    {
        var e = Assert.Throws<FormatException>(() => Distribution.Parse(spec));
        Assert.Contains(spec, e.Message);
    }

    [Fact]
    public void Quantile_functions_invert_their_cdfs()
    {
        Assert.Equal(1.6448536, Normal.InverseCdf(0.95), 6);
        Assert.Equal(0.95, Normal.Cdf(1.6448536), 6);
        Assert.Equal(2.0, new Triangular(1, 2, 3).Quantile(0.5), 12);
        Assert.Equal(3.0, new LogNormal(3, 0.5).Quantile(0.5), 9);
    }
}
