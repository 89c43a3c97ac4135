using Gpunomics.Catalog;

namespace Gpunomics.Supply;

/// <summary>How a supplier passes a component cost change through to its price.</summary>
public enum MarginMode
{
    /// <summary>Keeps its gross margin percentage: price change = cost change / (1 - margin).</summary>
    Percentage,
    /// <summary>Keeps its dollar margin: price change = cost change.</summary>
    Dollar,
}

/// <summary>
/// Supply-side levers on a catalog system: memory $/GB (as its own line or bundled in the board), foundry
/// wafer prices, and networking tiers (methodology: "Supply-side levers"). Each returns a new system; the
/// model then carries the change to capex, TCO, floor and ceiling headroom.
/// </summary>
public static class SupplyLevers
{
    /// <summary>
    /// Memory priced by the supplier as its own line: sets its cost $/GB (and optionally its gross margin);
    /// line price = GB x $/GB / (1 - margin).
    /// </summary>
    /// <exception cref="ArgumentException">When the system has no separately priced memory line.</exception>
    public static AcceleratorSystem RepriceMemoryLine(AcceleratorSystem system, double costPerGb, double? grossMargin = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        CheckCost(costPerGb);
        if (grossMargin is { } g) CheckMargin(g);
        var memory = system.Capex.SupplierMemory ?? throw new ArgumentException($"system '{system.Id}' has no separately priced memory line");
        return system with { Capex = system.Capex with { SupplierMemory = memory with { CostPerGb = costPerGb, GrossMargin = grossMargin ?? memory.GrossMargin } } };
    }

    /// <summary>
    /// The HBM line: sets its supplier cost $/GB (and optionally its gross margin); line price = GB x $/GB / (1 - margin).
    /// The compute system (without HBM) does not move.
    /// </summary>
    /// <exception cref="ArgumentException">When the system has no HBM line.</exception>
    public static AcceleratorSystem RepriceHbm(AcceleratorSystem system, double costPerGb, double? grossMargin = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        CheckCost(costPerGb);
        if (grossMargin is { } g) CheckMargin(g);
        var hbm = system.Capex.Hbm ?? throw new ArgumentException($"system '{system.Id}' has no HBM line (capex.hbm)");
        return system with { Capex = system.Capex with { Hbm = hbm with { CostPerGb = costPerGb, GrossMargin = grossMargin ?? hbm.GrossMargin } } };
    }

    /// <summary>
    /// Memory bundled in the board: the compute system price moves by GB x (new - reference $/GB), divided by
    /// (1 - board margin) when the supplier keeps its percentage margin.
    /// </summary>
    public static AcceleratorSystem RepriceBundledMemory(AcceleratorSystem system, double referenceCostPerGb, double costPerGb, MarginMode mode = MarginMode.Percentage)
    {
        ArgumentNullException.ThrowIfNull(system);
        var gb = BundledGb(system);
        CheckCost(referenceCostPerGb);
        CheckCost(costPerGb);
        return PassThroughCost(system, gb * (costPerGb - referenceCostPerGb), mode);
    }

    /// <summary>
    /// Takes bundled memory out of the board price (at the reference $/GB and the board margin) and prices it
    /// as its own line: GB x $/GB / (1 - <paramref name="memoryMargin"/>).
    /// </summary>
    public static AcceleratorSystem UnbundleMemory(AcceleratorSystem system, double referenceCostPerGb, double costPerGb, double memoryMargin)
    {
        ArgumentNullException.ThrowIfNull(system);
        var gb = BundledGb(system);
        CheckCost(referenceCostPerGb);
        CheckCost(costPerGb);
        CheckMargin(memoryMargin);
        var bom = system.Capex;
        var bundledPrice = gb * referenceCostPerGb / (1.0 - bom.SupplierGrossMargin);
        if (bundledPrice >= bom.ComputeSystem)
            throw new ArgumentException($"system '{system.Id}': bundled memory at ${referenceCostPerGb}/GB would cost more than the whole compute system");
        return system with
        {
            Capex = bom with
            {
                ComputeSystem = bom.ComputeSystem - bundledPrice,
                SupplierMemory = new SupplierMemory(gb, costPerGb, memoryMargin),
            },
        };
    }

    /// <summary>
    /// A supplier cost change per GPU (e.g. from a wafer price change) passed to the compute system price:
    /// + delta (dollar margin kept) or + delta / (1 - margin) (percentage margin kept). With the dollar margin
    /// kept the margin percentage becomes (price' - cost') / price'.
    /// </summary>
    public static AcceleratorSystem PassThroughCost(AcceleratorSystem system, double costDeltaPerGpu, MarginMode mode)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!double.IsFinite(costDeltaPerGpu)) throw new ArgumentException("cost change must be a finite number", nameof(costDeltaPerGpu));
        var bom = system.Capex;
        var cost = bom.ComputeSystem * (1.0 - bom.SupplierGrossMargin);
        var newCost = cost + costDeltaPerGpu;
        if (!(newCost > 0)) throw new ArgumentException($"system '{system.Id}': a cost change of {costDeltaPerGpu} would leave a cost of {newCost}");
        var price = mode == MarginMode.Percentage ? newCost / (1.0 - bom.SupplierGrossMargin) : bom.ComputeSystem + costDeltaPerGpu;
        var margin = 1.0 - newCost / price;
        return system with { Capex = bom with { ComputeSystem = price, SupplierGrossMargin = margin } };
    }

    /// <summary>
    /// Supplier cost change per GPU from a wafer price change: delta $/wafer x wafers per GPU, where wafers per
    /// GPU = dies per GPU / good dies per wafer.
    /// </summary>
    public static double WaferCostDeltaPerGpu(double waferPriceDelta, double diesPerGpu, double goodDiesPerWafer)
    {
        if (!double.IsFinite(waferPriceDelta)) throw new ArgumentException("wafer price change must be finite", nameof(waferPriceDelta));
        if (!(diesPerGpu > 0) || !(goodDiesPerWafer > 0)) throw new ArgumentException("dies per GPU and good dies per wafer must be positive");
        return waferPriceDelta * diesPerGpu / goodDiesPerWafer;
    }

    /// <summary>A model whose catalog holds <paramref name="system"/> in place of the system with its id, and optionally another networking tier.</summary>
    public static EconomicsModel With(EconomicsModel model, AcceleratorSystem system, string? networkTier = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(system);
        // The model's catalog already carries the scenario's overrides, so the new model takes none.
        var scenario = model.Scenario with
        {
            Systems = new Dictionary<string, Scenarios.SystemOverride>(),
            NetworkTier = networkTier ?? model.Scenario.NetworkTier,
        };
        return new EconomicsModel(model.Catalog.With(system), scenario);
    }

    private static double BundledGb(AcceleratorSystem system)
    {
        if (system.Capex.SupplierMemory is not null)
            throw new ArgumentException($"system '{system.Id}' prices its memory as its own line, not bundled");
        return system.CpuMemory?.GbPerGpu is > 0 and var gb ? gb
            : throw new ArgumentException($"system '{system.Id}' has no CPU-side memory to reprice");
    }

    private static void CheckCost(double costPerGb)
    {
        if (!(costPerGb >= 0 && double.IsFinite(costPerGb))) throw new ArgumentException($"memory cost {costPerGb} $/GB must be a finite number >= 0");
    }

    private static void CheckMargin(double margin)
    {
        if (!(margin >= 0 && margin < 1)) throw new ArgumentException($"gross margin {margin} must be in [0, 1)");
    }
}
