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
        Assert.Equal(irr, r.Irr.P50, 9);
        Assert.Equal(irr, r.Irr.P5, 9);
        Assert.Equal(model.Floor("gb300-nvl72"), r.Floor.P50, 7);
        Assert.Equal(irr >= model.Scenario.HurdleRate ? 1.0 : 0.0, r.ProbabilityAboveHurdle);
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
        Assert.NotEqual(a.Irr.P50, c.Irr.P50);
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
        Assert.Equal(irrAtMedian, r.Irr.P50, 2);
    }

    [Fact]
    public void Normal_inputs_have_the_requested_mean_and_spread()
    {
        // Floor is affine in the opex multiplier, so its percentiles follow a normal's: p95 - p50 = 1.645 sd.
        var r = MonteCarloSimulation.Run(Setup(("opexMultiplier", "normal(1,0.1)")), 100_000, 3);
        var model = TestData.Model;
        var f1 = model.Floor("gb300-nvl72");
        var r0 = MonteCarloSimulation.Run(Setup(("opexMultiplier", "0")), 1, 3).Floor.P50;
        var perUnit = f1 - r0;
        Assert.Equal(f1, r.Floor.Mean, 2);
        Assert.Equal(1.645 * 0.1 * perUnit, r.Floor.P95 - r.Floor.P50, 2);
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

    [Fact]
    public void Streaming_quantiles_are_within_one_bin_of_the_exact_ones()
    {
        var rng = new Random(9);
        var values = Enumerable.Range(0, 100_000).Select(_ => Math.Exp(rng.NextDouble() * 3)).ToArray();
        var h = new StreamingHistogram(0, 25, 20_000);
        foreach (var v in values) h.Add(v);
        Array.Sort(values);
        foreach (var p in new[] { 0.05, 0.5, 0.95 })
            Assert.InRange(h.Quantile(p), values[(int)(p * values.Length) - 1] - 25.0 / 20_000, values[(int)(p * values.Length)] + 25.0 / 20_000);
        Assert.Equal(values.Average(), h.Mean, 5);
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
