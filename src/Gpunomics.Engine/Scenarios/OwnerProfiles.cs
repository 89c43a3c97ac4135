namespace Gpunomics.Scenarios;

/// <summary>A kind of GPU owner and the cost of capital its public financing shows.</summary>
/// <param name="Id">Key used in scenario files (<c>finance.owner</c>).</param>
/// <param name="Name">The owner as a table shows it.</param>
/// <param name="CostOfCapital">Annual cost of capital for the TCO capital charge.</param>
/// <param name="Source">Where the rate comes from, with its date.</param>
public sealed record OwnerProfile(string Id, string Name, double CostOfCapital, string Source);

/// <summary>
/// The owner profiles a scenario can name instead of a cost of capital (methodology: "Default assumptions and their sources").
/// Each rate is the marginal cost of the money that buys GPUs for that kind of owner, read from public filings.
/// </summary>
public static class OwnerProfiles
{
    /// <summary>An investment-grade cloud owner.</summary>
    public static OwnerProfile Hyperscaler { get; } = new("hyperscaler", "hyperscaler", 0.08,
        "investment-grade owner: secured data-center debt at 6.58% (Meta's Hyperion financing, Beignet Investor LLC bonds rated A+, October 2025) blended with equity at about 10%");

    /// <summary>A large neocloud with contracted, partly investment-grade renters.</summary>
    public static OwnerProfile LargeNeocloud { get; } = new("large-neocloud", "large neocloud", 0.11,
        "CoreWeave 10-Q for the quarter to 30 June 2025, note 'Debt': effective interest 11% on DDTL 2.0 (its largest GPU-backed facility, $5.0B), 10% on the 2030 senior notes, 9-10% on OEM financing");

    /// <summary>A young neocloud without rated renters.</summary>
    public static OwnerProfile EmergingNeocloud { get; } = new("emerging-neocloud", "emerging neocloud", 0.15,
        "CoreWeave 10-Q for the quarter to 30 June 2025: effective interest 15% on DDTL 1.0, its first GPU-backed loan (2023); DDTL 2.0 lends to non-investment-grade contracts at term SOFR + 13.00% (8-K of 2 October 2025)");

    /// <summary>Every profile.</summary>
    public static IReadOnlyList<OwnerProfile> All { get; } = [Hyperscaler, LargeNeocloud, EmergingNeocloud];

    /// <summary>The ids, for messages.</summary>
    public static string Allowed => string.Join(", ", All.Select(p => p.Id));

    /// <summary>The profile with <paramref name="id"/> (case-insensitive), or null.</summary>
    public static OwnerProfile? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
