using Gpunomics.Catalog;

namespace Gpunomics.Pricing;

/// <summary>
/// The value-based ceiling: the most a renter pays before preferring the incumbent, the incumbent's
/// price per PFLOP-hour times the new system's PFLOPS at the same precision (methodology: "Ceiling").
/// </summary>
public static class CeilingPrice
{
    /// <summary>Ceiling, $ per GPU-hour, from a reference price per PFLOP-hour.</summary>
    public static double FromReferencePerPflopHour(AcceleratorSystem system, double referencePricePerPflopHour, ThroughputBasis basis)
    {
        ArgumentNullException.ThrowIfNull(system);
        var pflops = system.Pflops(basis) ?? throw new ArgumentException($"{system.Id} does not market {basis} throughput", nameof(basis));
        return referencePricePerPflopHour * pflops;
    }

    /// <summary>The reference price per PFLOP-hour implied by a reference system rented at <paramref name="referencePricePerGpuHour"/>.</summary>
    public static double ReferencePerPflopHour(AcceleratorSystem reference, double referencePricePerGpuHour, ThroughputBasis basis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var pflops = reference.Pflops(basis) ?? throw new ArgumentException($"{reference.Id} does not market {basis} throughput", nameof(basis));
        return referencePricePerGpuHour / pflops;
    }
}
