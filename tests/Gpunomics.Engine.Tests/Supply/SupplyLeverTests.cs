using Gpunomics.Capex;
using Gpunomics.Supply;

namespace Gpunomics.Engine.Tests.Supply;

public class SupplyLeverTests
{
    [Fact]
    public void Memory_line_price_is_gb_times_cost_over_one_minus_margin()
    {
        var vr = TestData.Model.System("vr-nvl72");
        var gb = vr.Capex.SupplierMemory!.GbPerGpu;
        var repriced = SupplyLevers.RepriceMemoryLine(vr, 13, 0.3);
        var line = CapexModel.Compute(repriced, SupplierPricing.Today, "neocloud").Lines.Single(l => l.Name == "supplierMemory");
        Assert.Equal(gb * 13 / 0.7, line.PerGpu, 9);
        var before = CapexModel.Compute(vr, SupplierPricing.Today, "neocloud").PerGpu;
        var after = CapexModel.Compute(repriced, SupplierPricing.Today, "neocloud").PerGpu;
        Assert.Equal(gb * 13 / 0.7 - vr.Capex.SupplierMemory.Price, after - before, 9);
    }

    [Fact]
    public void Bundled_memory_moves_the_board_price_at_the_board_margin_or_by_the_dollar()
    {
        var gb300 = TestData.Model.System("gb300-nvl72");
        var gb = gb300.CpuMemory!.GbPerGpu; // 240
        var m = gb300.Capex.SupplierGrossMargin;
        var pct = SupplyLevers.RepriceBundledMemory(gb300, 10, 13, MarginMode.Percentage);
        Assert.Equal(gb300.Capex.ComputeSystem + gb * 3 / (1 - m), pct.Capex.ComputeSystem, 6);
        Assert.Equal(m, pct.Capex.SupplierGrossMargin, 12);
        var dollar = SupplyLevers.RepriceBundledMemory(gb300, 10, 13, MarginMode.Dollar);
        Assert.Equal(gb300.Capex.ComputeSystem + gb * 3, dollar.Capex.ComputeSystem, 6);
        // Dollar margin kept: the same margin dollars over a higher price.
        Assert.Equal(gb300.Capex.ComputeSystem * m, dollar.Capex.ComputeSystem * dollar.Capex.SupplierGrossMargin, 6);
    }

    [Fact]
    public void Unbundling_moves_memory_to_its_own_line_and_keeps_the_total_at_equal_margin_and_cost()
    {
        var gb300 = TestData.Model.System("gb300-nvl72");
        var m = gb300.Capex.SupplierGrossMargin;
        var same = SupplyLevers.UnbundleMemory(gb300, 10, 10, m);
        Assert.Equal(CapexModel.Compute(gb300, SupplierPricing.Today, "neocloud").PerGpu, CapexModel.Compute(same, SupplierPricing.Today, "neocloud").PerGpu, 6);
        var thin = SupplyLevers.UnbundleMemory(gb300, 10, 10, 0.1);
        Assert.Equal(-240 * 10 / (1 - m) + 240 * 10 / 0.9,
            CapexModel.Compute(thin, SupplierPricing.Today, "neocloud").PerGpu - CapexModel.Compute(gb300, SupplierPricing.Today, "neocloud").PerGpu, 6);
    }

    [Fact]
    public void Wafer_price_passes_through_by_dollar_or_percentage_margin_and_raises_the_floor()
    {
        var model = TestData.Model;
        var gb300 = model.System("gb300-nvl72");
        var delta = SupplyLevers.WaferCostDeltaPerGpu(3_000, 2, 30); // +$3,000/wafer, 2 dies per GPU, 30 good dies per wafer
        Assert.Equal(200, delta, 12);
        var m = gb300.Capex.SupplierGrossMargin;
        var pct = SupplyLevers.PassThroughCost(gb300, delta, MarginMode.Percentage);
        var dollar = SupplyLevers.PassThroughCost(gb300, delta, MarginMode.Dollar);
        Assert.Equal(gb300.Capex.ComputeSystem + delta / (1 - m), pct.Capex.ComputeSystem, 6);
        Assert.Equal(gb300.Capex.ComputeSystem + delta, dollar.Capex.ComputeSystem, 6);
        var floor = model.Floor("gb300-nvl72");
        var floorPct = SupplyLevers.With(model, pct).Floor("gb300-nvl72");
        var floorDollar = SupplyLevers.With(model, dollar).Floor("gb300-nvl72");
        Assert.True(floor < floorDollar && floorDollar < floorPct);
        // The floor is affine in capex: its rise is proportional to the price rise.
        Assert.Equal((floorPct - floor) / (floorDollar - floor), 1 / (1 - m), 6);
    }

    [Fact]
    public void Network_tier_changes_capex_by_the_tier_difference()
    {
        var model = TestData.Model;
        var s = model.System("gb300-nvl72");
        var hyper = SupplyLevers.With(model, s, "hyperscaler");
        Assert.Equal(s.Capex.NetworkingByTier["neocloud"] - s.Capex.NetworkingByTier["hyperscaler"],
            model.Tco("gb300-nvl72").Capex.PerGpu - hyper.Tco("gb300-nvl72").Capex.PerGpu, 9);
        Assert.True(hyper.Floor("gb300-nvl72") < model.Floor("gb300-nvl72"));
    }

    [Fact]
    public void Memory_price_file_parses_with_published_points()
    {
        var p = MemoryPrices.Parse(File.ReadAllText(Path.Combine(TestData.DataDir, "memory-prices.json")), "memory-prices.json");
        Assert.Equal(10, p.CostAssumptionPerGb);
        Assert.Equal(8, p.Types["socamm"].PricePerGb[new Gpunomics.Catalog.LaunchQuarter(2026, 1)]);
        Assert.True(p.Types["socamm"].PricePerGb[new Gpunomics.Catalog.LaunchQuarter(2026, 4)] >= 13);
        Assert.All(p.Types.Values, t => Assert.All(t.PricePerGb.Keys, q => Assert.True(t.Sources.ContainsKey(q.ToString()))));
        Assert.Throws<FormatException>(() => MemoryPrices.Parse("{\"costAssumptionPerGb\": 1, \"types\": {\"x\": {\"name\": \"x\", \"quarters\": {\"2026Q9\": 1}, \"sources\": {}}}}", "bad.json"));
    }
}
