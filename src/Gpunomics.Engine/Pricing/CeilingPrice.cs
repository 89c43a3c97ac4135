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

    /// <summary>
    /// The ceiling with its reference taken from the launch trend: trend $ per PFLOP-hour on <paramref name="date"/>
    /// (default: the system's launch) x (1 - <paramref name="belowTrendShare"/>) x the system's PFLOPS at the trend's precision.
    /// </summary>
    /// <param name="system">The new system; must market the trend's precision.</param>
    /// <param name="trend">The launch trend.</param>
    /// <param name="prices">The launch prices, for the system's launch date when it has a row.</param>
    /// <param name="date">Date to read the trend at; null for the system's launch.</param>
    /// <param name="belowTrendShare">Share below the trend, 0 (on trend) to below 1.</param>
    public static TrendCeiling FromTrend(AcceleratorSystem system, LaunchTrendFit trend, IReadOnlyList<LaunchPrice> prices, DateOnly? date = null, double belowTrendShare = 0)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentOutOfRangeException.ThrowIfLessThan(belowTrendShare, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(belowTrendShare, 1.0);
        var (year, when) = date is { } d ? (LaunchTrend.DecimalYear(d), $"{d:yyyy-MM-dd} (given)") : LaunchTrend.LaunchOf(system, prices);
        var onTrend = trend.At(year);
        var reference = onTrend * (1.0 - belowTrendShare);
        return new TrendCeiling(system.Id, trend.Basis, year, when, onTrend, belowTrendShare, reference,
            system.Pflops(trend.Basis) ?? throw new ArgumentException($"{system.Id} does not market {trend.Basis} throughput", nameof(system)),
            FromReferencePerPflopHour(system, reference, trend.Basis));
    }
}

/// <summary>A ceiling whose reference $ per PFLOP-hour is the launch trend's value (methodology: "Trend").</summary>
/// <param name="SystemId">The new system.</param>
/// <param name="Basis">Precision of the trend and the PFLOPS.</param>
/// <param name="Year">Fractional year the trend is read at.</param>
/// <param name="When">That date and where it comes from (the launch-price row, the catalog's launch quarter, or given).</param>
/// <param name="TrendPerPflopHour">Trend $ per PFLOP-hour at <paramref name="Year"/>.</param>
/// <param name="BelowTrendShare">Share below the trend, 0 to below 1.</param>
/// <param name="ReferencePerPflopHour">Reference $ per PFLOP-hour: trend x (1 - share).</param>
/// <param name="Pflops">The system's dense PFLOPS per GPU at <paramref name="Basis"/>.</param>
/// <param name="Ceiling">Ceiling, $ per GPU-hour: reference x PFLOPS.</param>
public sealed record TrendCeiling(string SystemId, ThroughputBasis Basis, double Year, string When, double TrendPerPflopHour,
    double BelowTrendShare, double ReferencePerPflopHour, double Pflops, double Ceiling);
