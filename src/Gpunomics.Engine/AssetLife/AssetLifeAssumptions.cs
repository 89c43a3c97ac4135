using Gpunomics.Market;
using Gpunomics.Pricing;

namespace Gpunomics.AssetLife;

/// <summary>What prices re-leases and spot hours when no price path is given (scenario key <c>assetLife.releasePriceSource</c>).</summary>
public enum ReleasePriceSource
{
    /// <summary>The market's forward curve: the system's level from its dated observations, decayed by age (<c>forward-curve</c>, the default).</summary>
    ForwardCurve,
    /// <summary>The launch trend of list prices at launch x the system's PFLOPS (<c>launch-trend</c>).</summary>
    LaunchTrend,
}

/// <summary>Names of <see cref="ReleasePriceSource"/> as files, flags and JSON write them, and of the price path.</summary>
public static class ReleasePriceSources
{
    /// <summary>Every source's name, in order: forward-curve, launch-trend.</summary>
    public static IReadOnlyList<string> Names { get; } = ["forward-curve", "launch-trend"];

    /// <summary>The name of a given price path (<c>assetLife.releasePricesPerGpuHour</c>) as outputs show it.</summary>
    public const string PricePath = "price-path";

    /// <summary>The allowed names, comma-separated, for messages.</summary>
    public static string Allowed => string.Join(", ", Names);

    /// <summary>The source's name.</summary>
    public static string Name(this ReleasePriceSource source) => Names[(int)source];

    /// <summary>Reads a source's name (ignoring case); false for any other text.</summary>
    public static bool TryParse(string? text, out ReleasePriceSource source)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                source = (ReleasePriceSource)i;
                return true;
            }
        source = default;
        return false;
    }
}

/// <summary>The market whose forward curve prices re-leases and spot hours (methodology: "Asset life").</summary>
/// <param name="Market">The market model: observations, launches and decay fits.</param>
/// <param name="PricingType">The kind of price whose decay and level are used (on-demand: the only kind the shipped observations fit).</param>
public sealed record ReleaseForwardCurve(MarketModel Market, PricingType PricingType = PricingType.OnDemand);

/// <summary>The launch trend that prices re-leases and spot hours when no price path is given, with the launch prices it was fitted to.</summary>
/// <param name="Fit">The launch trend of $ per PFLOP-hour.</param>
/// <param name="LaunchPrices">The launch prices (for each system's launch date, the default start of its life).</param>
public sealed record ReleaseTrend(LaunchTrendFit Fit, IReadOnlyList<LaunchPrice> LaunchPrices);

/// <summary>
/// The asset's whole life after the first contract (methodology: "Asset life"): re-leased until the end of its useful
/// life, then sold at the residual curve's share of capex; and, within the first contract, a utilization ramp and a
/// share of the GPU left uncontracted and sold at a spot price. Off by default (<see cref="Off"/>): the life then ends
/// with the first contract, as the contract's own terms say.
/// </summary>
public sealed record AssetLifeAssumptions
{
    /// <summary>Billed utilization of re-leased and spot hours when none is given: 0.8 (an estimate).</summary>
    public const double DefaultReleaseUtilization = 0.8;

    /// <summary>No life beyond the first contract.</summary>
    public static AssetLifeAssumptions Off { get; } = new();

    /// <summary>Useful life from the capex (month 0), years; null: off.</summary>
    public double? UsefulLifeYears { get; init; }

    /// <summary>True when the life goes on after the first contract.</summary>
    public bool IsOn => UsefulLifeYears is not null;

    /// <summary>Re-lease price, $ per GPU-hour, by year of age (index 0: year 1, months 1-12); null: from <see cref="Source"/>.</summary>
    public IReadOnlyList<double>? ReleasePrices { get; init; }

    /// <summary>What prices the re-leases when no <see cref="ReleasePrices"/> path is given: the forward curve (default) or the launch trend.</summary>
    public ReleasePriceSource Source { get; init; } = ReleasePriceSource.ForwardCurve;

    /// <summary>With prices from the launch trend: how far below it re-leases are priced, a share of the trend (0: on it).</summary>
    public double ReleaseBelowTrend { get; init; }

    /// <summary>With prices from the forward curve: how far below it re-leases are priced, a share of the curve (0: on it).</summary>
    public double ReleaseBelowCurve { get; init; }

    /// <summary>Share of re-leased and spot hours billed.</summary>
    public double ReleaseUtilization { get; init; } = DefaultReleaseUtilization;

    /// <summary>Months over which the first contract's billing ramps up to its full level (0: no ramp).</summary>
    public int RampMonths { get; init; }

    /// <summary>Share of the full billing in the first billed month of the ramp; it rises linearly to 1 after <see cref="RampMonths"/>.</summary>
    public double RampStartShare { get; init; }

    /// <summary>Share of the GPU's hours the first contract leaves uncontracted, sold at the spot price.</summary>
    public double UncontractedShare { get; init; }

    /// <summary>Spot price of the uncontracted hours, $ per GPU-hour; null: the re-lease price at that age.</summary>
    public double? SpotPricePerGpuHour { get; init; }

    /// <summary>Resale value by age.</summary>
    public ResidualCurve Residual { get; init; } = ResidualCurve.Default;

    /// <summary>When month 0 falls, as a fractional year, for the trend's or the curve's prices; null: the system's launch (the launch prices' date for the trend, the catalog's mid-quarter for the curve).</summary>
    public double? StartYear { get; init; }

    /// <summary>The launch trend that prices re-leases with <see cref="ReleasePriceSource.LaunchTrend"/> (attached by the caller, not read from a scenario file).</summary>
    public ReleaseTrend? Trend { get; init; }

    /// <summary>The market that prices re-leases with <see cref="ReleasePriceSource.ForwardCurve"/> (attached by the caller, not read from a scenario file).</summary>
    public ReleaseForwardCurve? Curve { get; init; }

    /// <summary>The name of what prices the re-leases: <see cref="ReleasePriceSources.PricePath"/> with a path, else the source's.</summary>
    public string SourceName => ReleasePrices is not null ? ReleasePriceSources.PricePath : Source.Name();
}

/// <summary>
/// The asset life cannot be built for these inputs (<see cref="AssetLifePlan.TryBuild"/>): its life ends before the
/// first contract, its price path is too short, or nothing prices its re-leases. The message says which.
/// </summary>
public sealed class AssetLifeException : Exception
{
    /// <summary>The problem, worded for the user.</summary>
    public AssetLifeException(string message) : base(message) { }

    /// <summary>The standard wording.</summary>
    public AssetLifeException() : base("the asset life cannot be built for these inputs") { }

    /// <summary>The problem and its cause.</summary>
    public AssetLifeException(string message, Exception inner) : base(message, inner) { }
}
