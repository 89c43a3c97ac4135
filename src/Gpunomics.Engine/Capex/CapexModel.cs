using Gpunomics.Catalog;

namespace Gpunomics.Capex;

/// <summary>How the system supplier prices its lines (compute system and supplier-priced memory).</summary>
/// <param name="Multiplier">System price multiplier over today's price (1.0 = today).</param>
/// <param name="AtComponentCost">When true, supplier lines are priced at component cost (zero supplier margin) and the multiplier is ignored.</param>
public readonly record struct SupplierPricing(double Multiplier, bool AtComponentCost)
{
    /// <summary>Today's supplier price.</summary>
    public static SupplierPricing Today => new(1.0, false);

    /// <summary>Today's price scaled by <paramref name="multiplier"/>.</summary>
    public static SupplierPricing Scaled(double multiplier) => new(multiplier, false);

    /// <summary>The system sold at component cost.</summary>
    public static SupplierPricing ComponentCost => new(1.0, true);
}

/// <summary>One bill-of-materials line, $ per GPU.</summary>
/// <param name="Name">Line key (<c>computeSystem</c>, <c>hbm</c>, <c>supplierMemory</c>, <c>networking</c>, ...; a networking component: <c>switches</c>, <c>transceivers</c>, <c>cables</c>, <c>nics</c>).</param>
/// <param name="PerGpu">Dollars per GPU.</param>
/// <param name="SupplierPriced">True when the system supplier charges it (scaled by the system price multiplier).</param>
public sealed record CapexLine(string Name, double PerGpu, bool SupplierPriced)
{
    /// <summary>The line as a table shows it, e.g. <c>compute system</c>, <c>HBM</c>, <c>NICs</c>.</summary>
    public string Label => Name switch
    {
        "hbm" => "HBM",
        "nics" => "NICs",
        _ => LineKeys.Words(Name),
    };
}

/// <summary>Capital cost per GPU by line, with capex per watt on both power bases.</summary>
public sealed record CapexBreakdown
{
    /// <summary>The lines, in bill-of-materials order.</summary>
    public required IReadOnlyList<CapexLine> Lines { get; init; }
    /// <summary>Total capex per GPU, $.</summary>
    public required double PerGpu { get; init; }
    /// <summary>Capex per watt of all-in IT power, $/W.</summary>
    public required double PerWattAllIn { get; init; }
    /// <summary>Capex per watt of chip TDP, $/W.</summary>
    public required double PerWattChipTdp { get; init; }
    /// <summary>Buyer tier whose networking price was used.</summary>
    public required string NetworkTier { get; init; }
    /// <summary>
    /// The networking line's components for <see cref="NetworkTier"/> (switches, transceivers, cables, NICs; never
    /// supplier-priced), summing to the networking line; null when the tier gives its total alone, and then
    /// <see cref="NetworkingComponentsNote"/> says so.
    /// </summary>
    public IReadOnlyList<CapexLine>? NetworkingComponents { get; init; }
    /// <summary>
    /// Why there are no <see cref="NetworkingComponents"/> (the catalog gives the tier a total only, or a scenario sets
    /// the tier's total), or null when there are.
    /// </summary>
    public string? NetworkingComponentsNote { get; init; }
    /// <summary>Sum of the supplier-priced lines, $ per GPU.</summary>
    public double SupplierPricedPerGpu => Lines.Where(l => l.SupplierPriced).Sum(l => l.PerGpu);
}

/// <summary>Capital cost per GPU from a bill of materials (methodology: "Capex").</summary>
public static class CapexModel
{
    /// <summary>The named basis of the headline capex-per-watt figure.</summary>
    public const string HeadlinePerWattBasis = "all-in IT power";

    /// <summary>Computes capex per GPU for <paramref name="system"/>.</summary>
    /// <param name="system">The system, with its bill of materials.</param>
    /// <param name="pricing">Supplier pricing (multiplier, or component cost).</param>
    /// <param name="networkTier">Buyer tier for networking (e.g. <c>neocloud</c>).</param>
    public static CapexBreakdown Compute(AcceleratorSystem system, SupplierPricing pricing, string networkTier)
    {
        ArgumentNullException.ThrowIfNull(system);
        var bom = system.Capex;
        if (!bom.NetworkingByTier.TryGetValue(networkTier, out var networking))
            throw new ArgumentException($"system '{system.Id}' has no networking price for tier '{networkTier}' (known: {string.Join(", ", bom.NetworkingByTier.Keys)})", nameof(networkTier));

        var compute = pricing.AtComponentCost
            ? bom.ComputeSystem * (1.0 - bom.SupplierGrossMargin)
            : bom.ComputeSystem * pricing.Multiplier;
        var lines = new List<CapexLine> { new("computeSystem", compute, true) };
        if (bom.Hbm is { } hbm)
            lines.Add(new CapexLine("hbm", pricing.AtComponentCost ? hbm.Cost : hbm.Price * pricing.Multiplier, true));
        if (bom.SupplierMemory is { } memory)
        {
            var memoryLine = pricing.AtComponentCost ? memory.Cost : memory.Price * pricing.Multiplier;
            lines.Add(new CapexLine("supplierMemory", memoryLine, true));
        }
        lines.Add(new CapexLine("networking", networking, false));
        lines.Add(new CapexLine("storage", bom.Storage, false));
        lines.Add(new CapexLine("installation", bom.Installation, false));
        lines.Add(new CapexLine("other", bom.Other, false));

        var total = lines.Sum(l => l.PerGpu);
        return new CapexBreakdown
        {
            Lines = lines,
            PerGpu = total,
            PerWattAllIn = total / (system.AllInKwPerGpu * 1000.0),
            PerWattChipTdp = total / system.ChipTdpW,
            NetworkTier = networkTier,
            NetworkingComponents = bom.NetworkingComponentsByTier.TryGetValue(networkTier, out var parts)
                ? [.. parts.Items.Select(p => new CapexLine(p.Key, p.PerGpu, false))]
                : null,
            NetworkingComponentsNote = bom.NetworkingComponentsByTier.ContainsKey(networkTier)
                ? null
                : $"none: {networkTier} networking is a total only",
        };
    }
}
