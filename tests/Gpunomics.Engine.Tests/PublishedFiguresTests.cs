using Gpunomics.Calibration;

namespace Gpunomics.Engine.Tests;

/// <summary>
/// The built-in 'article' scenario against the figures published in the 2026 analysis of GPU rental economics
/// (the figures listed in data/calibration/hyperscaler-deal-price.json, the default reading). Tolerance: 3% relative,
/// IRR 1 percentage point. With sourced operating costs the capex per watt and TCO figures cannot all be met; each
/// miss is pinned to its documented residual (methodology: "Calibration") so that a change that moves it is seen.
/// </summary>
public class PublishedFiguresTests
{
    private static readonly IReadOnlyList<CalibrationTarget> Targets = Calibrator.Evaluate(TestData.Catalog, TestData.Article, TestData.Spec("hyperscaler-deal-price"));

    private static CalibrationTarget Target(string name) => Targets.Single(t => t.Name == name);

    [Theory]
    [InlineData("gb300-nvl72.tcoVsH100")]             // about 70% above H100
    [InlineData("gb300-nvl72.projectIrr")]            // 15.6% at the $3.16 deal price, 60 months, 15% prepay
    [InlineData("vr-nvl72.floorPrice")]               // $4.92
    [InlineData("gb300-nvl72.tcoPerPflopHour.fp8")]   // $0.54
    [InlineData("gb300-nvl72.tcoPerPflopHour.fp4")]   // $0.18
    [InlineData("gb300-nvl72.pricePerPflopHour")]     // $0.70
    [InlineData("vr-nvl72.ceiling.0.70")]             // $12.25
    [InlineData("vr-nvl72.ceiling.0.55")]             // $9.63
    [InlineData("vr-nvl72.floorAtGb300Irr")]          // $4.90
    [InlineData("vr-nvl72.floorAtGb300IrrPerPflopHour")] // $0.28
    [InlineData("vr-nvl72.floorAtGb300IrrBelowGb300PerPflop")] // 60% below GB300
    public void Published_figure_is_reproduced_within_tolerance(string name)
    {
        var t = Target(name);
        Assert.True(t.Within, $"{t.Description}: published {t.Published}, model {t.Model}, residual {t.RelativeResidual:P2}");
    }

    /// <summary>
    /// Sourced colocation ($175/kW-month), maintenance, insurance and an investment-grade cost of capital over six
    /// years cost more per GPU-hour than the published TCOs allow at the published capex per watt: the calibration
    /// splits the difference between the two, and each lands a few percent outside its tolerance.
    /// </summary>
    [Theory]
    [InlineData("gb300-nvl72.capexPerWatt", -0.07, -0.05)]
    [InlineData("vr-nvl72.capexPerWatt", -0.06, -0.04)]
    [InlineData("gb300-nvl72.tcoPerGpuHour", 0.03, 0.04)]
    [InlineData("vr-nvl72.tcoPerGpuHour", 0.035, 0.05)]
    [InlineData("gb300-nvl72.tcoPerPflopHour.bf16", 0.03, 0.045)]
    [InlineData("vr-nvl72.tcoPerPflopHour.bf16", 0.04, 0.055)]
    [InlineData("vr-nvl72.tcoPerPflopHour.fp8", 0.03, 0.045)]
    [InlineData("vr-nvl72.tcoPerPflopHour.fp4", 0.03, 0.045)]
    public void Capex_and_tco_figures_miss_by_the_documented_residual(string name, double low, double high)
    {
        var t = Target(name);
        Assert.False(t.Within);
        Assert.InRange(t.RelativeResidual, low, high);
    }

    [Fact]
    public void The_article_scenario_is_what_calibration_solves_to()
    {
        var solved = Calibrator.Solve(TestData.Catalog, TestData.Article, TestData.Spec("hyperscaler-deal-price"));
        var before = Targets.Where(t => t.Fitted).Sum(t => t.Weight * t.Normalized * t.Normalized);
        // Re-solving from the shipped values does not find a materially better fit.
        Assert.True(solved.Objective >= before - 1e-3, $"calibration improves on the shipped scenario: {solved.Objective} < {before}; run 'gpunomics calibrate --write data/scenarios/article.json'");
        Assert.Empty(solved.BoundWarnings);
    }
}
