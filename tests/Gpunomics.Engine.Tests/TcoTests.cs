using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;
using Gpunomics.Tco;

namespace Gpunomics.Engine.Tests;

public class TcoTests
{
    [Fact]
    public void Tco_is_the_capital_charge_plus_the_operating_lines()
    {
        var m = TestData.Model;
        var tco = m.Tco("gb300-nvl72");
        var s = m.Scenario;
        var capex = tco.Capex.PerGpu;
        var expectedCharge = capex * Rates.CapitalRecoveryFactor(s.Finance.CostOfCapital, s.Finance.UsefulLifeYears) / 8760;
        Assert.Equal(expectedCharge, tco.CapitalChargePerHour, 12);
        var kw = tco.System.AllInKwPerGpu;
        // TCO is at full use: power at the busy draw.
        var expectedOpex = kw * s.Operations.PowerDrawShare * s.Operations.Pue * s.Operations.ElectricityPricePerKwh
            + kw * s.Operations.ColocationPerKwMonth / 730
            + (s.Operations.MaintenanceShareOfCapexPerYear + s.Operations.InsuranceShareOfCapexPerYear) * capex / 8760;
        Assert.Equal(expectedOpex, tco.OperatingCostPerHour, 12);
        Assert.Equal(["capitalCharge", "electricity", "colocation", "maintenance", "insurance"], tco.Lines.Select(l => l.Name));
    }

    [Fact]
    public void Electricity_follows_billed_utilization_down_to_the_idle_draw_and_nothing_else_does()
    {
        var m = TestData.Model;
        var system = m.System("gb300-nvl72");
        var ops = m.Scenario.Operations;
        const double capex = 80_000;
        double Line(double u, string name) => TcoModel.OperatingLines(system, capex, ops, u).Single(l => l.Name == name).PerGpuHour;
        var busy = Line(1, "electricity");
        Assert.Equal(busy * ops.IdlePowerShare, Line(0, "electricity"), 12);
        Assert.Equal(busy * (ops.IdlePowerShare + (1 - ops.IdlePowerShare) * 0.6), Line(0.6, "electricity"), 12);
        foreach (var name in new[] { "colocation", "maintenance", "insurance" }) Assert.Equal(Line(1, name), Line(0.3, name), 12);
        // The rental project pays the operating cost of its own utilization.
        var terms = m.Scenario.Contract with { BilledUtilization = 0.6 };
        var inputs = Gpunomics.Rental.RentalInputs.For(system, m.Scenario, 3.0, Gpunomics.Capex.SupplierPricing.Today, terms);
        Assert.Equal(TcoModel.OperatingCostPerHour(system, inputs.CapexPerGpu, ops, 0.6), inputs.OperatingCostPerHour, 12);
        Assert.True(inputs.OperatingCostPerHour < m.Tco("gb300-nvl72").OperatingCostPerHour);
    }

    /// <summary>The TCO order follows what the prices and specs imply: more and newer hardware costs more to own.</summary>
    [Fact]
    public void Tco_rises_from_h100_through_h200_b200_gb300_to_vr()
    {
        var m = TestData.Model;
        var order = new[] { "h100", "h200", "b200", "gb300-nvl72", "vr-nvl72" }.Select(id => (id, m.Tco(id).PerGpuHour)).ToList();
        for (var i = 1; i < order.Count; i++)
            Assert.True(order[i].PerGpuHour >= order[i - 1].PerGpuHour, $"{order[i].id} ${order[i].PerGpuHour:0.0000} is cheaper to own than {order[i - 1].id} ${order[i - 1].PerGpuHour:0.0000}");
    }

    [Fact]
    public void Mfu_effective_cost_is_the_dense_cost_per_pflop_hour_over_the_mfu_and_has_no_sparse_figure()
    {
        var tco = TestData.Model.Tco("gb300-nvl72");
        var fp8 = new ThroughputBasis(Precision.Fp8, false);
        Assert.Equal(tco.PerPflopHour[fp8] / 0.4, tco.EffectiveCostPerPflopHour(fp8, 0.4), 12);
        Assert.Equal(tco.PerPflopHour[fp8], tco.EffectiveCostPerPflopHour(fp8, 1), 12);
        Assert.Throws<ArgumentException>(() => tco.EffectiveCostPerPflopHour(new ThroughputBasis(Precision.Fp8, true), 0.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => tco.EffectiveCostPerPflopHour(fp8, 0));
    }

    [Fact]
    public void Tco_per_pflop_hour_is_given_for_every_marketed_precision_dense_and_sparse()
    {
        var tco = TestData.Model.Tco("vr-nvl72");
        Assert.Equal(tco.PerGpuHour / 35.0, tco.PerPflopHour[new ThroughputBasis(Precision.Fp4, false)], 12);
        Assert.Equal(tco.PerGpuHour / 50.0, tco.PerPflopHour[new ThroughputBasis(Precision.Fp4, true)], 12);
        Assert.Equal(tco.System.MarketedBases().Count(), tco.PerPflopHour.Count);
    }

    [Fact]
    public void System_price_multiplier_scales_only_the_supplier_priced_lines()
    {
        var system = TestData.Model.System("vr-nvl72");
        var today = CapexModel.Compute(system, SupplierPricing.Today, "neocloud");
        var dearer = CapexModel.Compute(system, SupplierPricing.Scaled(1.4), "neocloud");
        Assert.Equal(today.PerGpu + 0.4 * today.SupplierPricedPerGpu, dearer.PerGpu, 9);
        Assert.Equal(today.Lines.Single(l => l.Name == "networking").PerGpu, dearer.Lines.Single(l => l.Name == "networking").PerGpu);
    }

    [Fact]
    public void Supplier_memory_is_priced_at_its_own_margin_and_at_cost_without_it()
    {
        // Published assumption: SOCAMM at ~$10/GB cost, 60% supplier gross margin.
        var system = TestData.Model.System("vr-nvl72");
        var memory = system.Capex.SupplierMemory!;
        var today = CapexModel.Compute(system, SupplierPricing.Today, "neocloud");
        var atCost = CapexModel.Compute(system, SupplierPricing.ComponentCost, "neocloud");
        Assert.Equal(memory.GbPerGpu * 10 / 0.4, today.Lines.Single(l => l.Name == "supplierMemory").PerGpu, 9);
        Assert.Equal(memory.GbPerGpu * 10, atCost.Lines.Single(l => l.Name == "supplierMemory").PerGpu, 9);
        Assert.Equal(system.Capex.ComputeSystem * 0.25, atCost.Lines[0].PerGpu, 9);
    }

    [Fact]
    public void Capex_per_watt_names_its_basis_and_gives_both()
    {
        var tco = TestData.Model.Tco("gb300-nvl72");
        Assert.Equal("all-in IT power", CapexModel.HeadlinePerWattBasis);
        Assert.Equal(tco.Capex.PerGpu / (2.25 * 1000), tco.Capex.PerWattAllIn, 12);
        Assert.Equal(tco.Capex.PerGpu / 1400, tco.Capex.PerWattChipTdp, 12);
    }
}
