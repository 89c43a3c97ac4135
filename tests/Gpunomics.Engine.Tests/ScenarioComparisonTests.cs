using CsCheck;
using Gpunomics.Comparison;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests;

/// <summary>Two scenarios compared: the inputs that differ and each headline output under both, with B - A.</summary>
public class ScenarioComparisonTests
{
    private static readonly string[] Systems = ["h100", "gb300-nvl72", "vr-nvl72"];

    // A scenario file's keys over the built-in scenario, as --scenario reads them.
    private static Scenario Over(string json)
    {
        var r = ScenarioReader.Read(json, "b.json", TestData.Article, TestData.Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    private static string N(double d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static MeasureComparison Measure(ScenarioDifference d, string system, string name) =>
        d.Systems.Single(s => s.SystemId == system).Measures.Single(m => m.Name == name);

    [Fact]
    public void A_scenario_compared_with_itself_has_no_input_difference_and_every_difference_zero_or_none_in_both()
    {
        var d = ScenarioComparison.Compare(TestData.Catalog, TestData.Article, TestData.Article, Systems);
        Assert.Empty(d.Inputs);
        foreach (var m in d.Systems.SelectMany(s => s.Measures))
        {
            if (m.A.Value is not null) Assert.Equal(0.0, m.Difference.Value);
            else Assert.Equal("neither has a figure", m.Difference.None);
        }
    }

    [Fact]
    public void The_inputs_that_differ_are_the_keys_a_file_changes_in_the_file_order_and_a_system_override_shows_against_the_catalog()
    {
        var b = Over("""{ "hurdleRate": 0.2, "contract": { "prepayShare": 0.25 }, "systems": { "b200": { "storage": 1234 } } }""");
        var d = ScenarioComparison.Compare(TestData.Catalog, TestData.Article, b, ["gb300-nvl72"]);
        Assert.Equal(["contract.prepayShare", "hurdleRate", "systems.b200.storage"], d.Inputs.Select(i => i.Key));
        Assert.Equal(0.2, d.Inputs[1].B);
        Assert.Equal(TestData.Article.HurdleRate, d.Inputs[1].A);
        Assert.Equal(TestData.Catalog.Get("b200").Capex.Storage, d.Inputs[2].A);
        Assert.Equal(1234.0, d.Inputs[2].B);
    }

    [Fact]
    public void Each_figure_is_the_models_own_under_that_scenario()
    {
        var b = Over("""{ "operations": { "electricityPricePerKwh": 0.12 }, "hurdleRate": 0.18 }""");
        var d = ScenarioComparison.Compare(TestData.Catalog, TestData.Article, b, ["gb300-nvl72"]);
        foreach (var (scenario, side) in new[] { (TestData.Article, 'A'), (b, 'B') })
        {
            var model = new EconomicsModel(TestData.Catalog, scenario);
            Figure Of(string name) => side == 'A' ? Measure(d, "gb300-nvl72", name).A : Measure(d, "gb300-nvl72", name).B;
            Assert.True(model.TryFloor("gb300-nvl72", out var floor, out _));
            Assert.Equal(floor, Of("floor").Value);
            Assert.Equal(model.Tco("gb300-nvl72").PerGpuHour, Of("TCO per GPU-hour").Value);
            Assert.Equal(model.Ceiling("gb300-nvl72") - floor, Of("headroom (ceiling - floor)").Value);
            var project = model.Project("gb300-nvl72", model.System("gb300-nvl72").MarketPricePerGpuHour!.Value);
            Assert.Equal(project.Irr, Of("IRR at the market price").Value);
            Assert.Equal(project.Npv, Of("NPV at the hurdle, at the market price").Value);
        }
    }

    [Fact]
    public void Without_a_market_price_the_figures_at_it_say_so_rather_than_give_a_number()
    {
        var d = ScenarioComparison.Compare(TestData.Catalog, TestData.Article, TestData.Article, ["vr-nvl72"]);
        Assert.Null(TestData.Catalog.Get("vr-nvl72").MarketPricePerGpuHour);
        foreach (var name in new[] { "market price", "IRR at the market price", "NPV at the hurdle, at the market price", "payback month at the market price" })
        {
            var m = Measure(d, "vr-nvl72", name);
            Assert.Null(m.A.Value);
            Assert.NotNull(m.A.None);
            Assert.Null(m.Difference.Value);
        }
    }

    [Fact]
    public void An_equity_irr_is_not_subtracted_from_a_project_irr()
    {
        var levered = Over("""{ "debt": { "share": 0.5, "rate": 0.08 } }""");
        var m = Measure(ScenarioComparison.Compare(TestData.Catalog, TestData.Article, levered, ["gb300-nvl72"]), "gb300-nvl72", "IRR at the market price");
        Assert.NotNull(m.A.Value);
        Assert.NotNull(m.B.Value);
        Assert.Null(m.Difference.Value);
        Assert.Equal("A's is the project IRR, B's the equity IRR", m.Difference.None);
    }

    [Fact]
    public void Swapping_the_scenarios_swaps_the_inputs_and_negates_every_difference()
    {
        Gen.Select(Gen.Double[0.02, 0.2], Gen.Double[0.05, 0.3], Gen.Double[0, 0.5], Gen.Int[12, 96]).Sample((power, hurdle, prepay, term) =>
        {
            var b = Over($$"""{ "operations": { "electricityPricePerKwh": {{N(power)}} }, "hurdleRate": {{N(hurdle)}}, "contract": { "prepayShare": {{N(prepay)}}, "termMonths": {{term}} } }""");
            var ab = ScenarioComparison.Compare(TestData.Catalog, TestData.Article, b, Systems);
            var ba = ScenarioComparison.Compare(TestData.Catalog, b, TestData.Article, Systems);
            Assert.Equal(ab.Inputs.Select(i => (i.Key, i.A, i.B)), ba.Inputs.Select(i => (i.Key, i.B, i.A)));
            foreach (var (x, y) in ab.Systems.SelectMany(s => s.Measures).Zip(ba.Systems.SelectMany(s => s.Measures)))
            {
                Assert.Equal(x.A, y.B);
                Assert.Equal(x.B, y.A);
                if (x.Difference.Value is { } dx) Assert.Equal(-dx, y.Difference.Value);
                else Assert.Null(y.Difference.Value);
            }
        }, iter: 20);
    }
}
