namespace Gpunomics.Catalog;

/// <summary>
/// Capital cost per GPU by bill-of-materials line, in US dollars.
/// </summary>
/// <remarks>
/// <see cref="ComputeSystem"/> and <see cref="SupplierMemory"/> are what the system supplier charges;
/// the system price multiplier scales those two and nothing else.
/// </remarks>
public sealed record BillOfMaterials
{
    /// <summary>Supplier price of the compute system (board, CPU, GPU, any bundled memory) per GPU, $.</summary>
    public required double ComputeSystem { get; init; }
    /// <summary>The supplier's gross margin on <see cref="ComputeSystem"/>, a fraction in [0, 1).</summary>
    public required double SupplierGrossMargin { get; init; }
    /// <summary>Memory that the supplier quotes as its own line, or null when it is bundled.</summary>
    public SupplierMemory? SupplierMemory { get; init; }
    /// <summary>Scale-out networking per GPU (switches, transceivers, cables) by buyer tier, $.</summary>
    public required IReadOnlyDictionary<string, double> NetworkingByTier { get; init; }
    /// <summary>Storage per GPU, $.</summary>
    public required double Storage { get; init; }
    /// <summary>Installation and integration per GPU, $.</summary>
    public required double Installation { get; init; }
    /// <summary>Other capital items per GPU, $.</summary>
    public required double Other { get; init; }
}

/// <summary>Memory priced by the supplier as its own line: component $/GB marked up to a gross margin.</summary>
/// <param name="GbPerGpu">Gigabytes per GPU.</param>
/// <param name="CostPerGb">Supplier's component cost, $/GB.</param>
/// <param name="GrossMargin">Supplier's gross margin on this line, a fraction in [0, 1).</param>
public sealed record SupplierMemory(double GbPerGpu, double CostPerGb, double GrossMargin)
{
    /// <summary>Component cost per GPU, $: GB x $/GB.</summary>
    public double Cost => GbPerGpu * CostPerGb;

    /// <summary>Supplier price per GPU, $: cost / (1 - gross margin).</summary>
    public double Price => Cost / (1.0 - GrossMargin);
}
