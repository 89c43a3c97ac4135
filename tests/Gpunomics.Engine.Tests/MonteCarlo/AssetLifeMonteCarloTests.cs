using CsCheck;
using Gpunomics.AssetLife;
using Gpunomics.Engine.Tests.AssetLife;
using Gpunomics.Inputs;
using Gpunomics.MonteCarlo;
using Gpunomics.Scenarios;
using Gpunomics.Sensitivity;

namespace Gpunomics.Engine.Tests.MonteCarlo;

/// <summary>Monte Carlo and the tornado over the whole asset life: each drawn scenario is the scalar whole-life project.</summary>
public class AssetLifeMonteCarloTests
{
    private static readonly Lazy<ReleaseForwardCurve> Curve = new(() => new ReleaseForwardCurve(ReleaseForwardCurveTests.ShippedMarket()));

    // The reported H100 case: a 3-year contract, then re-leased to a 6-year life, priced by the forward curve.
    private static Scenario WithLife(AssetLifeAssumptions? life = null, int termMonths = 36, ProjectFinancing? financing = null) => TestData.Article with
    {
        Contract = TestData.Article.Contract with { TermMonths = termMonths },
        AssetLife = (life ?? new AssetLifeAssumptions { UsefulLifeYears = 6 }) with { Curve = Curve.Value },
        Financing = financing ?? TestData.Article.Financing,
    };

    private static MonteCarloSetup Setup(Scenario scenario, double price, Dictionary<string, Distribution>? distributions = null) =>
        MonteCarloSetup.For(new EconomicsModel(TestData.Catalog, scenario), "h100", price) with { Distributions = distributions ?? [] };

    [Fact]
    public void Every_key_fixed_gives_the_scalar_whole_life_project()
    {
        Gen.Select(Gen.Select(Gen.Int[0, 1], Gen.Double[0, 8], Gen.Double[0.3, 1], Gen.Double[0, 0.8], Gen.Int[0, 12]),
                Gen.Select(Gen.Double[0, 1], Gen.Double[0, 0.5], Gen.Double[0, 1.5], Gen.Double[1.2, 4], Gen.Bool))
            .Sample((a, b) =>
            {
                var ((termIndex, extraYears, releaseUtilization, belowCurve, ramp), (rampStart, uncontracted, residualMultiplier, price, debtAndTax)) = (a, b);
                var term = termIndex == 0 ? 36 : 48;
                var years = term / 12.0 + extraYears;
                var financing = debtAndTax ? new ProjectFinancing(0.5, 0.07, null, 0.21, 5) : null;
                var setup = Setup(WithLife(termMonths: term, financing: financing), price, new Dictionary<string, Distribution>
                {
                    ["assetLife.usefulLifeYears"] = new Fixed(years),
                    ["assetLife.releaseUtilization"] = new Fixed(releaseUtilization),
                    ["assetLife.releaseBelowCurve"] = new Fixed(belowCurve),
                    ["assetLife.rampMonths"] = new Fixed(ramp),
                    ["assetLife.rampStartShare"] = new Fixed(rampStart),
                    ["assetLife.uncontractedShare"] = new Fixed(uncontracted),
                    ["residualCurveMultiplier"] = new Fixed(residualMultiplier),
                });
                var drawn = MonteCarloSimulation.Outcomes(setup, 1, 7).Single();

                var life = new AssetLifeAssumptions
                {
                    UsefulLifeYears = years, ReleaseUtilization = releaseUtilization, ReleaseBelowCurve = belowCurve, RampMonths = ramp, RampStartShare = rampStart,
                    UncontractedShare = uncontracted, Residual = new ResidualCurve([.. ResidualCurve.Default.ShareByYear.Select(s => s * residualMultiplier)]),
                };
                var model = new EconomicsModel(TestData.Catalog, WithLife(life, term, financing));
                var scalar = model.Project("h100", price);
                Assert.Equal(scalar.Npv, drawn.Npv, Math.Max(1e-6, Math.Abs(scalar.Npv) * 1e-9));
                Assert.Equal(scalar.Irr is null, drawn.Irr is null);
                if (scalar.Irr is { } irr) Assert.Equal(irr, drawn.Irr!.Value, 1e-9);
                Assert.Equal(model.TryFloor("h100", out var floor, out _), drawn.Floor is not null);
                if (drawn.Floor is { } f) Assert.Equal(floor, f, Math.Max(1e-9, Math.Abs(floor) * 1e-9));
            }, iter: 150);
    }

    [Fact]
    public void With_no_distribution_a_run_is_the_scenario_s_whole_life_project_in_every_scenario()
    {
        var scenario = WithLife();
        var scalar = new EconomicsModel(TestData.Catalog, scenario).Project("h100", 2.0);
        var r = MonteCarloSimulation.Run(Setup(scenario, 2.0), 1000, 3);
        Assert.Equal(scalar.Irr!.Value, r.Irr.Min!.Value, 1e-9);
        Assert.Equal(scalar.Irr!.Value, r.Irr.Max!.Value, 1e-9);
        Assert.Equal(scalar.Npv, r.Npv.Mean!.Value, 1e-6);
        Assert.Equal(scalar.Npv >= 0 ? 1.0 : 0.0, r.ProbabilityAboveHurdle);
        Assert.Equal(1000, r.Floor.Count);
        Assert.StartsWith("over a 6-year life: 36-month contract, then re-leased for 36 months at $3.33", r.AssetLife);
    }

    [Fact]
    public void A_whole_life_run_s_statistics_are_those_of_its_scenarios_over_several_chunks()
    {
        var setup = Setup(WithLife(), 2.0, new Dictionary<string, Distribution>
        {
            ["assetLife.usefulLifeYears"] = new Triangular(4, 6, 8),
            ["assetLife.releaseBelowCurve"] = new Uniform(0, 0.5),
            ["price"] = new Normal(2.0, 0.3),
        });
        const int n = MonteCarloSimulation.ChunkSize + 500;
        var outcomes = MonteCarloSimulation.Outcomes(setup, n, 11).ToList();
        var r = MonteCarloSimulation.Run(setup, n, 11);
        Assert.Equal(outcomes.Average(o => o.Npv), r.Npv.Mean!.Value, 1e-6 * Math.Abs(r.Npv.Mean.Value));
        Assert.Equal(outcomes.Count(o => o.Npv >= 0) / (double)n, r.ProbabilityAboveHurdle);
        Assert.Equal(outcomes.Count(o => o.Irr is null), r.ScenariosWithoutIrr);
        Assert.Equal(outcomes.Min(o => o.Floor!.Value), r.Floor.Min!.Value);
    }

    [Fact]
    public void Npv_rises_with_the_resale_value_and_falls_with_the_discount_below_the_curve()
    {
        Gen.Select(Gen.Double[0, 1.4], Gen.Double[0, 1.4], Gen.Double[0, 0.9], Gen.Double[0, 0.9], Gen.Double[3.5, 9]).Sample((m1, m2, d1, d2, years) =>
        {
            double Npv(double m, double d) => MonteCarloSimulation.Outcomes(Setup(WithLife(), 2.0, new Dictionary<string, Distribution>
            {
                ["residualCurveMultiplier"] = new Fixed(m), ["assetLife.releaseBelowCurve"] = new Fixed(d), ["assetLife.usefulLifeYears"] = new Fixed(years),
            }), 1, 1).Single().Npv;
            var (lo, hi) = (Math.Min(m1, m2), Math.Max(m1, m2));
            Assert.True(Npv(hi, d1) >= Npv(lo, d1));
            var (less, more) = (Math.Min(d1, d2), Math.Max(d1, d2));
            Assert.True(Npv(m1, more) <= Npv(m1, less));
        }, iter: 60);
    }

    [Fact]
    public void The_tornado_moves_the_life_keys_in_the_right_direction_and_each_bar_is_the_scalar_whole_life_project()
    {
        var scenario = WithLife();
        var t = SensitivityAnalysis.Tornado(Setup(scenario, 2.0), 0.2);
        Assert.Equal(new EconomicsModel(TestData.Catalog, scenario).Project("h100", 2.0).Irr!.Value, t.BaseIrr!.Value, 1e-9);
        TornadoBar Bar(string name) => t.Bars.Single(b => b.Input == name);
        // A longer life re-leases for longer at prices above the operating cost: a higher IRR and a lower floor.
        Assert.True(Bar("assetLifeYears").IrrHigh > Bar("assetLifeYears").IrrLow);
        Assert.True(Bar("assetLifeYears").FloorHigh < Bar("assetLifeYears").FloorLow);
        Assert.True(Bar("releaseUtilization").IrrHigh > Bar("releaseUtilization").IrrLow);
        Assert.True(Bar("residualCurveMultiplier").IrrHigh > Bar("residualCurveMultiplier").IrrLow);
        // Base 0: a relative move leaves it there.
        Assert.NotNull(Bar("releaseBelowCurve").NoEffect);
        Assert.DoesNotContain(t.Bars, b => b.Input == "residual" || b.Input == "releaseBelowTrend");
        foreach (var (years, irr) in new[] { (Bar("assetLifeYears").LowValue, Bar("assetLifeYears").IrrLow), (Bar("assetLifeYears").HighValue, Bar("assetLifeYears").IrrHigh) })
        {
            var model = new EconomicsModel(TestData.Catalog, WithLife(new AssetLifeAssumptions { UsefulLifeYears = years }));
            Assert.Equal(model.Project("h100", 2.0).Irr!.Value, irr!.Value, 1e-9);
        }
    }

    [Fact]
    public void Life_keys_without_a_life_and_the_contract_residual_with_one_are_refused_with_the_reason()
    {
        var plain = MonteCarloSetup.For(TestData.Model, "h100", 2.0);
        Assert.Null(plain.Find("assetLife.usefulLifeYears", out var why));
        Assert.Contains("acts only with an asset life", why, StringComparison.Ordinal);
        var life = Setup(WithLife(), 2.0);
        Assert.Null(life.Find("contract.residualValueShare", out why));
        Assert.Contains("vary residualCurveMultiplier", why, StringComparison.Ordinal);
        Assert.Null(life.Find("assetLife.releaseBelowTrend", out why));
        Assert.Contains("forward curve", why, StringComparison.Ordinal);
        Assert.Equal(ModelInputs.AssetLifeYears, life.Find("assetLife.usefulLifeYears", out _));
        // A drawn life ending before the contract has no whole life: the run says so rather than drop it.
        var short_ = life with { Distributions = new Dictionary<string, Distribution> { ["assetLife.usefulLifeYears"] = new Fixed(2) } };
        var e = Assert.Throws<AssetLifeException>(() => MonteCarloSimulation.Run(short_, 10, 1));
        Assert.Contains("ends before the first contract", e.Message, StringComparison.Ordinal);
    }
}
