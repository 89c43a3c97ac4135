using Gpunomics.Catalog;
using Gpunomics.Pricing;

namespace Gpunomics.Engine.Tests;

public class PricingTests
{
    private static readonly ThroughputBasis Fp8 = new(Precision.Fp8, false);

    [Fact]
    public void Ceiling_is_the_reference_price_per_pflop_hour_times_pflops()
    {
        var vr = TestData.Model.System("vr-nvl72");
        Assert.Equal(12.25, CeilingPrice.FromReferencePerPflopHour(vr, 0.70, Fp8), 9);
    }

    [Fact]
    public void Ceiling_from_a_reference_system_uses_its_price_per_pflop_hour()
    {
        var m = TestData.Model;
        var perPflop = CeilingPrice.ReferencePerPflopHour(m.System("gb300-nvl72"), 3.50, Fp8);
        Assert.Equal(0.70, perPflop, 12);
        Assert.Equal(12.25, CeilingPrice.FromReferencePerPflopHour(m.System("vr-nvl72"), perPflop, Fp8), 9);
    }

    [Fact]
    public void Ceiling_at_an_unmarketed_precision_is_refused()
    {
        var tpu = TestData.Model.System("tpu-v7");
        Assert.Throws<ArgumentException>(() => CeilingPrice.FromReferencePerPflopHour(tpu, 0.7, new ThroughputBasis(Precision.Fp4, true)));
    }

    [Fact]
    public void Trend_fit_recovers_an_exact_exponential()
    {
        var baseSystem = TestData.Model.System("h100");
        var systems = Enumerable.Range(0, 4).Select(i => baseSystem with
        {
            Id = $"s{i}",
            Launch = new LaunchQuarter(2022 + i, 2),
            MarketPricePerGpuHour = 2.0 * Math.Pow(0.6, i),
        });
        var fit = PriceTrend.Fit(systems, Fp8)!;
        Assert.Equal(-0.4, fit.AnnualChange, 9);
        Assert.All(fit.Points, p => Assert.Equal(0, p.DeviationFromTrend, 9));
    }

    [Fact]
    public void Trend_over_the_catalog_falls_and_says_which_prices_sit_above_it()
    {
        var fit = TestData.Model.Trend()!;
        Assert.True(fit.AnnualChange < 0);
        Assert.True(fit.Points.Count >= 5);
        Assert.Contains(fit.Points, p => p.DeviationFromTrend > 0);
        Assert.Contains(fit.Points, p => p.DeviationFromTrend < 0);
    }
}
