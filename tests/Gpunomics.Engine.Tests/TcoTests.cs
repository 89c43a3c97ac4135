using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;

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
        var expectedOpex = kw * s.Operations.Pue * s.Operations.ElectricityPricePerKwh
            + kw * s.Operations.ColocationPerKwMonth / 730
            + s.Operations.MaintenanceShareOfCapexPerYear * capex / 8760;
        Assert.Equal(expectedOpex, tco.OperatingCostPerHour, 12);
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
