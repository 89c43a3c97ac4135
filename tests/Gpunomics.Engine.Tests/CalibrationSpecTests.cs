using System.Text.Json.Nodes;
using CsCheck;
using Gpunomics.Calibration;

namespace Gpunomics.Engine.Tests;

/// <summary>Calibration specs: reading (each key wrong), bound warnings, and the reading's premise changing the fit.</summary>
public class CalibrationSpecTests
{
    private static string ShippedText(string name) => File.ReadAllText(Path.Combine(TestData.DataDir, "calibration", name + ".json"));

    private static string Mutate(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(ShippedText("market-price"))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    public static TheoryData<string, string, string> BadSpecs() => new()
    {
        { "name", "name", "non-empty string" },
        { "premise-word", "premises.gb300IllustrativeDealPrice", "\"market\"" },
        { "premise-zero", "premises.gb300IllustrativeDealPrice", "(0, 100]" },
        { "premise-missing", "premises.gb300IllustrativeDealPrice", "is required" },
        { "premise-unknown", "premises.dealIrr", "unknown key" },
        { "target-id", "targets[0].id", "not a figure the model can compute" },
        { "target-twice", "checks[0].id", "counted once" },
        { "target-value", "targets[0].value", "must be a number" },
        { "target-tolerance", "targets[0].tolerance", "(0, 1000000]" },
        { "target-kind", "targets[0].toleranceKind", "\"relative\" or \"absolute\"" },
        { "target-weight", "targets[0].weight", "(0, 1000000]" },
        { "target-unit", "targets[0].unit", "is required" },
        { "target-description", "targets[0].description", "is required" },
        { "check-weight", "checks[0].weight", "unknown key" },
        { "free-key", "free[0].key", "cannot be a free parameter" },
        { "free-system", "free[4].key", "cannot be a free parameter" },
        { "free-twice", "free[1].key", "free once" },
        { "free-order", "free[0].max", "must be above min" },
        { "free-range", "free[0].min", "out of range" },
        { "free-reason", "free[0].minReason", "why the lower bound" },
        { "free-no-target", "targets", "at least one target" },
        { "root-unknown", "extra", "unknown key" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void A_wrong_key_is_refused_naming_file_key_and_what_is_allowed(string kind, string path, string allowed)
    {
        var json = Mutate(root =>
        {
            var target = root["targets"]!.AsArray()[0]!.AsObject();
            var free = root["free"]!.AsArray();
            var premises = root["premises"]!.AsObject();
            switch (kind)
            {
                case "name": root["name"] = ""; break;
                case "premise-word": premises["gb300IllustrativeDealPrice"] = "today"; break;
                case "premise-zero": premises["gb300IllustrativeDealPrice"] = 0; break;
                case "premise-missing": premises.Remove("gb300IllustrativeDealPrice"); break;
                case "premise-unknown": premises["dealIrr"] = 0.156; break;
                case "target-id": target["id"] = "gb300-nvl72.tco"; break;
                case "target-twice": root["checks"]!.AsArray()[0]!["id"] = target["id"]!.GetValue<string>(); break;
                case "target-value": target["value"] = "37.4"; break;
                case "target-tolerance": target["tolerance"] = 0; break;
                case "target-kind": target["toleranceKind"] = "percent"; break;
                case "target-weight": target["weight"] = -1; break;
                case "target-unit": target.Remove("unit"); break;
                case "target-description": target.Remove("description"); break;
                case "check-weight": root["checks"]!.AsArray()[0]!["weight"] = 1; break;
                case "free-key": free[0]!["key"] = "contract.prepayShare"; break;
                case "free-system": free[4]!["key"] = "systems.a100.computeSystem"; break;
                case "free-twice": free[1]!["key"] = free[0]!["key"]!.GetValue<string>(); break;
                case "free-order": free[0]!["max"] = 0.01; break;
                case "free-range": free[0]!["min"] = -0.1; break;
                case "free-reason": free[0]!["minReason"] = " "; break;
                case "free-no-target": root["checks"] = new JsonArray(); root["targets"] = new JsonArray(); break;
                case "root-unknown": root["extra"] = 1; break;
            }
        });
        var r = CalibrationSpecReader.Read(json, "spec.json", TestData.Catalog);
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.Source == "spec.json" && e.Path == path && e.ToString().Contains(allowed, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("market-price")]
    [InlineData("deal-price")]
    public void Every_figure_the_model_can_compute_is_in_each_shipped_spec_once(string name)
    {
        var spec = TestData.Spec(name);
        Assert.Equal(PublishedFigures.Ids.Order(StringComparer.Ordinal), spec.Figures.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bound_that_binds_is_a_warning()
    {
        // The deal-price reading solves the cost of capital to about 12%; free alone (the useful life, which trades
        // off against it in the capital charge, held at its solved value), a 6% ceiling must bind.
        var spec = TestData.Spec("deal-price");
        var tight = spec with { Free = spec.Free.Where(f => f.Key == "finance.costOfCapital").Select(f => f with { Max = 0.06 }).ToList() };
        var r = Calibrator.Solve(TestData.Catalog, TestData.Scenario("deal-price"), tight);
        var warning = Assert.Single(r.BoundWarnings, p => p.Name == "finance.costOfCapital");
        Assert.Equal("upper", warning.OnBound);
        Assert.Equal(0.06, warning.Value, 9);
    }

    [Fact]
    public void The_check_of_the_built_in_scenario_warns_of_its_binding_bounds()
    {
        // The shipped scenario's cost of capital (5%) and colocation ($80/kW-month) are their calibration bounds.
        var r = Calibrator.Check(TestData.Catalog, TestData.Article, TestData.Spec("market-price"));
        Assert.False(r.Solved);
        Assert.Equal(["finance.costOfCapital", "operations.colocationPerKwMonth"], r.BoundWarnings.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(r.BoundWarnings, p => Assert.Equal("lower", p.OnBound));
    }

    /// <summary>
    /// Whatever the bounds: the solved value stays inside them, and it is a warning exactly when the optimum
    /// (the shipped deal-price colocation, the others held at their solved values) lies outside them.
    /// </summary>
    [Fact]
    public void Solved_values_stay_in_their_bounds_and_a_warning_names_the_bound_the_optimum_lies_beyond()
    {
        var spec = TestData.Spec("deal-price");
        var scenario = TestData.Scenario("deal-price");
        var optimum = scenario.Operations.ColocationPerKwMonth;
        var colocation = spec.Free.Single(f => f.Key == "operations.colocationPerKwMonth");
        Gen.Select(Gen.Double[20, 250], Gen.Double[2, 120]).Sample((lo, width) =>
        {
            var hi = lo + width;
            var one = spec with { Free = [colocation with { Min = lo, Max = hi }] };
            var p = Assert.Single(Calibrator.Solve(TestData.Catalog, scenario, one).Parameters);
            Assert.InRange(p.Value, lo, hi);
            if (hi < optimum - 0.5) Assert.Equal("upper", p.OnBound);
            else if (lo > optimum + 0.5) Assert.Equal("lower", p.OnBound);
            else if (lo < optimum - 0.5 - 1e-3 * width && hi > optimum + 0.5 + 1e-3 * width) Assert.Null(p.OnBound);
        }, iter: 40);
    }

    [Fact]
    public void A_parameter_inside_its_bounds_is_no_warning()
    {
        var p = new CalibrationParameter("finance.costOfCapital", 0.12, 0.05, 0.20);
        Assert.Null(p.OnBound);
        Assert.Equal("lower", (p with { Value = 0.05 }).OnBound);
    }

    [Fact]
    public void The_deal_price_premise_changes_the_fit()
    {
        var market = TestData.Spec("market-price");
        var deal = TestData.Spec("deal-price");
        Assert.Null(market.Premises.Gb300DealPrice);
        Assert.Equal(market.Figures, deal.Figures);
        Assert.Equal(market.Free, deal.Free);
        // Same scenario, only the premise differs: the GB300 IRR is that of a lower price.
        var atMarket = Calibrator.Check(TestData.Catalog, TestData.Article, market).Targets.Single(t => t.Name == "gb300-nvl72.projectIrr").Model;
        var atDeal = Calibrator.Check(TestData.Catalog, TestData.Article, deal).Targets.Single(t => t.Name == "gb300-nvl72.projectIrr").Model;
        Assert.True(atDeal < atMarket - 0.02, $"IRR at the deal price {atDeal} is not below that at the market price {atMarket}");
        // Solved from the same start, the deal premise meets every target; the market premise cannot meet the VR floor.
        var solvedMarket = Calibrator.Solve(TestData.Catalog, TestData.Article, market);
        var solvedDeal = Calibrator.Solve(TestData.Catalog, TestData.Article, deal);
        Assert.Contains(solvedMarket.Targets, t => t.Fitted && !t.Within);
        Assert.All(solvedDeal.Targets, t => Assert.True(t.Within, $"{t.Name}: published {t.Published}, model {t.Model}"));
        Assert.True(solvedDeal.Objective < solvedMarket.Objective);
    }

    [Fact]
    public void The_deal_price_scenario_is_what_its_spec_solves_to()
    {
        var spec = TestData.Spec("deal-price");
        var shipped = TestData.Scenario("deal-price");
        var before = Calibrator.Check(TestData.Catalog, shipped, spec).Objective;
        var solved = Calibrator.Solve(TestData.Catalog, shipped, spec);
        Assert.True(solved.Objective >= before - 1e-3, $"calibration improves on the shipped scenario: {solved.Objective} < {before}; run 'gpunomics calibrate --spec data/calibration/deal-price.json --scenario data/scenarios/deal-price.json --write data/scenarios/deal-price.json'");
    }
}
