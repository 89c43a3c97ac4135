using Gpunomics.Calibration;

namespace Gpunomics.Engine.Tests;

/// <summary>
/// The built-in 'article' scenario against the figures published in the 2026 analysis of GPU rental
/// economics (the figures listed in data/calibration/market-price.json). Tolerance: 3% relative, IRR 1 percentage point.
/// </summary>
public class PublishedFiguresTests
{
    private static readonly IReadOnlyList<CalibrationTarget> Targets = Calibrator.Evaluate(TestData.Catalog, TestData.Article, TestData.Spec("market-price"));

    private static CalibrationTarget Target(string name) => Targets.Single(t => t.Name == name);

    [Theory]
    [InlineData("gb300-nvl72.capexPerWatt")]          // $37.4/W
    [InlineData("vr-nvl72.capexPerWatt")]             // $38.1/W
    [InlineData("gb300-nvl72.tcoPerGpuHour")]         // $2.69
    [InlineData("vr-nvl72.tcoPerGpuHour")]            // $4.18
    [InlineData("gb300-nvl72.tcoVsH100")]             // about 70% above H100
    [InlineData("gb300-nvl72.projectIrr")]            // 15.6% at $3.50, 60 months, 15% prepay
    [InlineData("gb300-nvl72.tcoPerPflopHour.bf16")]  // $1.07
    [InlineData("gb300-nvl72.tcoPerPflopHour.fp8")]   // $0.54
    [InlineData("gb300-nvl72.tcoPerPflopHour.fp4")]   // $0.18
    [InlineData("vr-nvl72.tcoPerPflopHour.bf16")]     // $1.04
    [InlineData("vr-nvl72.tcoPerPflopHour.fp8")]      // $0.24
    [InlineData("vr-nvl72.tcoPerPflopHour.fp4")]      // $0.12
    [InlineData("gb300-nvl72.pricePerPflopHour")]     // $0.70
    [InlineData("vr-nvl72.ceiling.0.70")]             // $12.25
    [InlineData("vr-nvl72.ceiling.0.55")]             // $9.63
    public void Published_figure_is_reproduced_within_tolerance(string name)
    {
        var t = Target(name);
        Assert.True(t.Within, $"{t.Description}: published {t.Published}, model {t.Model}, residual {t.RelativeResidual:P2}");
    }

    /// <summary>
    /// Under the market-price reading (the GB300 deal earns its IRR at $3.50), the VR NVL72 floor ($4.92) cannot
    /// be met together with the capex per watt, the TCOs and the GB300 IRR by any model in
    /// which every cash flow is affine in capex, opex and price (methodology: "Calibration", the
    /// residual and its reason). The model's residual is pinned so that a change that moves it is seen.
    /// </summary>
    [Theory]
    [InlineData("vr-nvl72.floorPrice", 0.04, 0.06)]
    [InlineData("vr-nvl72.floorAtGb300Irr", 0.05, 0.07)]
    [InlineData("vr-nvl72.floorAtGb300IrrPerPflopHour", 0.05, 0.07)]
    [InlineData("vr-nvl72.floorAtGb300IrrBelowGb300PerPflop", -0.05, -0.03)]
    public void Vr_floor_figures_miss_by_the_documented_residual(string name, double low, double high)
    {
        var t = Target(name);
        Assert.InRange(t.RelativeResidual, low, high);
    }

    [Fact]
    public void The_article_scenario_is_what_calibration_solves_to()
    {
        var solved = Calibrator.Solve(TestData.Catalog, TestData.Article, TestData.Spec("market-price"));
        var before = Targets.Where(t => t.Fitted).Sum(t => t.Weight * t.Normalized * t.Normalized);
        // Re-solving from the shipped values does not find a materially better fit.
        Assert.True(solved.Objective >= before - 1e-3, $"calibration improves on the shipped scenario: {solved.Objective} < {before}; run 'gpunomics calibrate --write data/scenarios/article.json'");
    }
}
