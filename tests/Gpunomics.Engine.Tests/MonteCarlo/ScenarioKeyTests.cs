using CsCheck;
using Gpunomics.Inputs;
using Gpunomics.MonteCarlo;
using Gpunomics.Scenarios;
using Gpunomics.Sensitivity;

namespace Gpunomics.Engine.Tests.MonteCarlo;

/// <summary>Monte Carlo and the tornado on scenario keys agree with the scalar model under a scenario with the key set.</summary>
public class ScenarioKeyTests
{
    // vr-nvl72 has a supplier-priced memory line, gb300-nvl72 has none.
    private static readonly string[] Systems = ["gb300-nvl72", "vr-nvl72"];

    private static Scenario WithDebtAndTax => TestData.Article with { Financing = new ProjectFinancing(0.5, 0.07, null, 0.21, 5) };

    /// <summary>
    /// <paramref name="scenario"/> with <paramref name="input"/>'s scenario key set to <paramref name="value"/> for
    /// <paramref name="systemId"/>, as a scenario file setting that key would make it.
    /// </summary>
    private static Scenario Set(Scenario scenario, string systemId, ModelInput input, double value)
    {
        var c = scenario.Contract;
        var o = scenario.Operations;
        var f = scenario.Financing;
        var term = (int)Math.Round(value);
        Scenario System(Func<SystemOverride, SystemOverride> change)
        {
            var systems = new Dictionary<string, SystemOverride>(scenario.Systems, StringComparer.OrdinalIgnoreCase);
            systems[systemId] = change(systems.TryGetValue(systemId, out var prior) ? prior : new SystemOverride());
            return scenario with { Systems = systems };
        }
        return input.Name switch
        {
            "termMonths" => scenario with { Contract = c with { TermMonths = term } },
            "prepay" => scenario with { Contract = c with { PrepayShare = value } },
            "utilization" => scenario with { Contract = c with { BilledUtilization = value } },
            "residual" => scenario with { Contract = c with { ResidualValueShare = value } },
            "setupMonths" => scenario with { Contract = c with { SetupMonths = term } },
            "hurdle" => scenario with { HurdleRate = value },
            "electricityPricePerKwh" => scenario with { Operations = o with { ElectricityPricePerKwh = value } },
            "pue" => scenario with { Operations = o with { Pue = value } },
            "powerDrawShare" => scenario with { Operations = o with { PowerDrawShare = value } },
            "idlePowerShare" => scenario with { Operations = o with { IdlePowerShare = value } },
            "colocationPerKwMonth" => scenario with { Operations = o with { ColocationPerKwMonth = value } },
            "maintenanceShareOfCapexPerYear" => scenario with { Operations = o with { MaintenanceShareOfCapexPerYear = value } },
            "insuranceShareOfCapexPerYear" => scenario with { Operations = o with { InsuranceShareOfCapexPerYear = value } },
            "debtShare" => scenario with { Financing = f with { DebtShare = value } },
            "debtRate" => scenario with { Financing = f with { DebtRate = value } },
            "debtTermMonths" => scenario with { Financing = f with { DebtTermMonths = term } },
            "taxRate" => scenario with { Financing = f with { TaxRate = value } },
            "depreciationYears" => scenario with { Financing = f with { DepreciationYears = value } },
            "computeSystem" => System(s => s with { ComputeSystem = value }),
            "memoryPricePerGb" => System(s => s with { MemoryCostPerGb = value }),
            "hbmPricePerGb" => System(s => s with { HbmCostPerGb = value }),
            "memoryMargin" => System(s => s with { MemoryGrossMargin = value }),
            "networking" => System(s => s with { NetworkingByTier = new Dictionary<string, double> { [scenario.NetworkTier] = value } }),
            "storage" => System(s => s with { Storage = value }),
            "installation" => System(s => s with { Installation = value }),
            "otherCapex" => System(s => s with { Other = value }),
            "allInKwPerGpu" => System(s => s with { AllInKwPerGpu = value }),
            _ => throw new ArgumentException($"no scenario key for {input.Name}"),
        };
    }

    private static double Inside(ModelInput input, double value)
    {
        var v = input.Whole ? Math.Round(value) : value;
        return input.Check(v) is null ? v : input.Range.Contains(input.Range.Min + 1e-9) && input.Whole is false ? Math.Clamp(v, input.Range.Min + 1e-9, input.Range.Max - 1e-9) : Math.Clamp(v, input.Range.Min + 1, input.Range.Max - 1);
    }

    public static TheoryData<string> KeyedInputs() =>
        [.. MonteCarloSetup.Inputs.Where(i => i.ScenarioKey is not null).Select(i => i.Name)];

    [Fact]
    public void Every_declared_scenario_key_is_a_tornado_input()
    {
        // chartMultipliers[] is a list of curves, not one number.
        var keyed = ModelInputs.All.Where(i => i.ScenarioKey is { } k && !k.EndsWith("[]", StringComparison.Ordinal));
        // Each is a tornado input or is left out with its reason.
        Assert.All(keyed, i => Assert.True(MonteCarloSetup.TornadoInputs.Contains(i) || MonteCarloSetup.NotVaried.ContainsKey(i), $"{i.ScenarioKey} is neither moved nor left out with a reason"));
        Assert.Empty(MonteCarloSetup.NotVaried.Keys.Intersect(MonteCarloSetup.TornadoInputs));
    }

    [Fact]
    public void A_fixed_distribution_on_a_scenario_key_gives_the_scalar_project_under_a_scenario_with_that_key_set()
    {
        var keyed = MonteCarloSetup.Inputs.Where(i => i.ScenarioKey is not null).ToList();
        Gen.Select(Gen.Int[0, keyed.Count - 1], Gen.Int[0, Systems.Length - 1], Gen.Double[0.5, 1.5], Gen.Double[2, 6]).Sample((k, sys, factor, price) =>
        {
            var input = keyed[k];
            var id = Systems[sys];
            var baseSetup = MonteCarloSetup.For(TestData.Model, id, price);
            if (!baseSetup.Varied.Contains(input)) return; // memory inputs exist only with a supplier-priced memory line
            var value = Inside(input, baseSetup.Base[input.Name] * factor + (baseSetup.Base[input.Name] == 0 ? factor / 10 : 0));
            // Named by its scenario-file key, as a user writes it.
            var key = baseSetup.KeyOf(input)!;
            var setup = baseSetup with { Distributions = new Dictionary<string, Distribution> { [key] = new Fixed(value) } };
            var drawn = MonteCarloSimulation.Outcomes(setup, 1, 1).Single();

            var model = new EconomicsModel(TestData.Catalog, Set(TestData.Article, id, input, value));
            var scalar = model.Project(id, price);
            Assert.Equal(scalar.Npv, drawn.Npv, Math.Max(1e-6, Math.Abs(scalar.Npv) * 1e-9));
            Assert.Equal(scalar.Irr is null, drawn.Irr is null);
            if (scalar.Irr is { } irr) Assert.Equal(irr, drawn.Irr!.Value, 1e-9);
            if (model.TryFloor(id, out var floor, out _)) Assert.Equal(floor, drawn.Floor!.Value, Math.Max(1e-9, floor * 1e-9));
        }, iter: 300);
    }

    [Theory]
    [InlineData("gb300-nvl72", false)]
    [InlineData("vr-nvl72", false)]
    [InlineData("gb300-nvl72", true)]
    public void A_tornado_bar_is_the_scalar_project_at_its_low_and_high_values(string id, bool debtAndTax)
    {
        var scenario = debtAndTax ? WithDebtAndTax : TestData.Article;
        var baseModel = new EconomicsModel(TestData.Catalog, scenario);
        const double price = 3.5;
        var t = SensitivityAnalysis.Tornado(MonteCarloSetup.For(baseModel, id, price), 0.2);
        Assert.Equal(baseModel.Project(id, price).Irr!.Value, t.BaseIrr!.Value, 1e-9);
        foreach (var b in t.Bars.Where(b => b.Key is not null && b.NoEffect is null))
        {
            var input = ModelInputs.Find(b.Input)!;
            foreach (var (value, irr, floor) in new[] { (b.LowValue, b.IrrLow, b.FloorLow), (b.HighValue, b.IrrHigh, b.FloorHigh) })
            {
                var model = new EconomicsModel(TestData.Catalog, Set(scenario, id, input, value));
                var scalar = model.Project(id, price);
                Assert.True(scalar.Irr.HasValue == irr.HasValue, $"{b.Input} at {value}");
                if (irr is { } i) Assert.True(Math.Abs(scalar.Irr!.Value - i) < 1e-9, $"{b.Input} at {value}: {i} against {scalar.Irr}");
                if (model.TryFloor(id, out var f, out _)) Assert.True(Math.Abs(f - floor) < 1e-8 * Math.Max(1, f), $"{b.Input} at {value}: floor {floor} against {f}");
            }
            // The bar's width is the difference of the two scalar runs.
            var low = new EconomicsModel(TestData.Catalog, Set(scenario, id, input, b.LowValue)).Project(id, price).Irr;
            var high = new EconomicsModel(TestData.Catalog, Set(scenario, id, input, b.HighValue)).Project(id, price).Irr;
            if (low is { } l && high is { } h) Assert.Equal(Math.Abs(h - l), b.IrrSwing, 1e-9);
        }
        if (debtAndTax) Assert.Contains(t.Bars, b => b.Input == "debtRate" && b.NoEffect is null && b.IrrSwing > 0);
    }

    [Fact]
    public void An_input_outside_the_project_is_a_zero_width_bar_with_the_reason_and_refused_as_a_distribution()
    {
        var setup = MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.5);
        var t = SensitivityAnalysis.Tornado(setup, 0.2);
        var bar = t.Bars.Single(b => b.Input == "costOfCapital");
        Assert.Equal("finance.costOfCapital", bar.Key);
        Assert.Contains("does not enter the rental project", bar.NoEffect);
        Assert.Equal(bar.IrrLow, bar.IrrHigh);
        Assert.Equal(t.BaseIrr, bar.IrrLow);
        // The article has no debt: the debt rate's bar says why it is flat.
        Assert.Contains("debt.share 0", t.Bars.Single(b => b.Input == "debtRate").NoEffect);
        Assert.All(t.Bars.Where(b => b.NoEffect is null && b.BaseValue != 0 && b.LowValue != b.HighValue), b => Assert.True(b.IrrSwing > 0 || b.FloorHigh != b.FloorLow, b.Input));

        var problem = MonteCarloSpecs.ReadDistributions(["finance.costOfCapital=uniform(0.05,0.1)"], setup, out _);
        Assert.Contains("does not enter the rental project", problem);
        Assert.Contains("debt and tax", MonteCarloSpecs.ReadDistributions(["debt.rate=0.05"], setup, out _));
        Assert.Contains("of system 'h100'", MonteCarloSpecs.ReadDistributions(["systems.h100.storage=100"], setup, out _));
        Assert.Contains($"buys networking at tier '{TestData.Article.NetworkTier}'", MonteCarloSpecs.ReadDistributions(["systems.gb300-nvl72.networking.other-tier=100"], setup, out _));
        Assert.Null(MonteCarloSpecs.ReadDistributions([$"systems.gb300-nvl72.networking.{TestData.Article.NetworkTier}=4000"], setup, out _));
        Assert.Contains("no supplier-priced memory line", MonteCarloSpecs.ReadDistributions(["memoryPricePerGb=10"], setup, out _));
        Assert.Contains("allowed: [1, 3]", MonteCarloSpecs.ReadDistributions(["operations.pue=uniform(0.5,1.2)"], setup, out _));
    }

    [Fact]
    public void Correlations_work_across_scenario_keys()
    {
        var setup = MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.5);
        Assert.Null(MonteCarloSpecs.ReadDistributions(["operations.colocationPerKwMonth=uniform(120,220)", "operations.electricityPricePerKwh=normal(0.08,0.01)"], setup, out var d));
        var independent = MonteCarloSimulation.Run(setup with { Distributions = d }, 50_000, 3);
        var together = MonteCarloSimulation.Run(setup with
        {
            Distributions = d,
            Correlations = [new Correlation("operations.colocationPerKwMonth", "electricityPricePerKwh", 0.9)],
        }, 50_000, 3);
        // Both raise the operating cost: moving together widens the floor's spread.
        Assert.True(together.Floor.P95 - together.Floor.P5 > 1.1 * (independent.Floor.P95 - independent.Floor.P5));
    }
}
