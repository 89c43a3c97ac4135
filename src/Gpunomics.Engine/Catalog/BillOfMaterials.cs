namespace Gpunomics.Catalog;

/// <summary>
/// Capital cost per GPU by bill-of-materials line, in US dollars.
/// </summary>
/// <remarks>
/// <see cref="ComputeSystem"/>, <see cref="Hbm"/> and <see cref="SupplierMemory"/> are what the system supplier charges;
/// the system price multiplier scales those and nothing else (methodology: "Capex").
/// </remarks>
public sealed record BillOfMaterials
{
    /// <summary>
    /// Supplier price of the compute system per GPU, $: board, CPU, GPU and any bundled CPU memory, without the HBM
    /// (its own line, <see cref="Hbm"/>) and without the scale-out NICs where the networking line counts them.
    /// </summary>
    public required double ComputeSystem { get; init; }
    /// <summary>The supplier's gross margin on <see cref="ComputeSystem"/>, a fraction in [0, 1).</summary>
    public required double SupplierGrossMargin { get; init; }
    /// <summary>The GPU's HBM, priced by the supplier as its own line, or null when the system has none split out.</summary>
    public SupplierMemory? Hbm { get; init; }
    /// <summary>CPU-side memory that the supplier quotes as its own line (e.g. SOCAMM), or null when it is bundled.</summary>
    public SupplierMemory? SupplierMemory { get; init; }
    /// <summary>Scale-out networking per GPU (switches, transceivers, cables, NICs) by buyer tier: the tier's total, $.</summary>
    public required IReadOnlyDictionary<string, double> NetworkingByTier { get; init; }
    /// <summary>
    /// The networking total's components by buyer tier, for the tiers that give them; each tier's components sum to its
    /// <see cref="NetworkingByTier"/> total. A tier given as a total alone has no entry.
    /// </summary>
    public IReadOnlyDictionary<string, NetworkingComponents> NetworkingComponentsByTier { get; init; } = new Dictionary<string, NetworkingComponents>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Storage per GPU, $.</summary>
    public required double Storage { get; init; }
    /// <summary>Installation and integration per GPU, $.</summary>
    public required double Installation { get; init; }
    /// <summary>Other capital items per GPU, $.</summary>
    public required double Other { get; init; }

    /// <summary>
    /// The compute system as the supplier quotes it per GPU, $: <see cref="ComputeSystem"/> plus the HBM line at today's
    /// price plus the tier's scale-out NICs where the networking components count them (they ship in the system). A
    /// scenario's <c>computeSystem</c> override is this figure.
    /// </summary>
    /// <param name="networkTier">Buyer tier whose NICs are counted (none when the tier gives no components).</param>
    public double QuotedComputeSystem(string networkTier) => ComputeSystem + HeldInQuote(networkTier);

    /// <summary>
    /// What the quoted compute system holds beside <see cref="ComputeSystem"/>, $ per GPU: the HBM line at today's price
    /// and the tier's NICs where its networking components count them.
    /// </summary>
    /// <param name="networkTier">Buyer tier whose NICs are counted.</param>
    public double HeldInQuote(string networkTier) =>
        (Hbm?.Price ?? 0) + (NetworkingComponentsByTier.TryGetValue(networkTier, out var c) ? c.Nics : 0);
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

/// <summary>Scale-out networking per GPU by component, $ (methodology: "Capex", networking components).</summary>
/// <param name="Switches">The GPU's share of leaf and spine switch ports.</param>
/// <param name="Transceivers">Optical transceivers at both ends of the GPU's links.</param>
/// <param name="Cables">Fibre and copper cables of the GPU's links.</param>
/// <param name="Nics">The GPU's scale-out network interface cards.</param>
public sealed record NetworkingComponents(double Switches, double Transceivers, double Cables, double Nics)
{
    /// <summary>The component keys in bill-of-materials order, as the catalog writes them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["switches", "transceivers", "cables", "nics"];

    /// <summary>The components' sum, $ per GPU.</summary>
    public double Total => Switches + Transceivers + Cables + Nics;

    /// <summary>The components as (key, $ per GPU) in <see cref="Keys"/> order.</summary>
    public IReadOnlyList<(string Key, double PerGpu)> Items => [("switches", Switches), ("transceivers", Transceivers), ("cables", Cables), ("nics", Nics)];
}
