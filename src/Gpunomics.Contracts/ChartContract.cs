using System.Text.Json.Serialization;
using Gpunomics.OneChart;

namespace Gpunomics.Contracts;

/// <summary>
/// The One Chart as the command line's --json and the web API give it. The curves' points, which are drawn, carry
/// the precision a chart needs: price to 4 decimals ($0.0001 per GPU-hour), IRR to 6 decimals (0.0001 percentage
/// point), NPV to 2 decimals (a cent per GPU). Every other figure (floors, ceiling, value split, maximum system price
/// multiplier, market points) is at full precision, since it is shown as a figure and rounding it twice, here and for
/// display, could change its last shown digit. Serialized by <see cref="ChartJsonContext"/> (generated at build time).
/// </summary>
public sealed record ChartContract(
    string System,
    double Hurdle,
    double Ceiling,
    string CeilingFrom,
    string CeilingSource,
    string Precision,
    double Pflops,
    double FloorPrice,
    double FloorAtComponentCost,
    double? MaxSystemPriceMultiplier,
    string? MaxSystemPriceNote,
    ChartValueSplit ValueSplit,
    string? Note,
    IReadOnlyList<ChartMarketPoint> MarketPoints,
    IReadOnlyList<ChartCurve> Curves,
    string? File)
{
    /// <summary>Decimals of a curve point's price, $ per GPU-hour.</summary>
    public const int PriceDecimals = 4;

    /// <summary>Decimals of a curve point's IRR (annual, as a share: 6 decimals are 0.0001 percentage point).</summary>
    public const int IrrDecimals = 6;

    /// <summary>Decimals of a curve point's NPV, $ per GPU.</summary>
    public const int NpvDecimals = 2;

    /// <summary>The contract of a chart.</summary>
    /// <param name="c">The chart.</param>
    /// <param name="file">Image written, if any.</param>
    /// <param name="ceilingFromTrend">Where a ceiling from the launch trend comes from, in words; null when it is the scenario's reference.</param>
    public static ChartContract From(OneChartModel c, string? file = null, string? ceilingFromTrend = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var split = c.ValueSplit;
        return new ChartContract(
            c.System.Id,
            c.Hurdle,
            c.Ceiling,
            ceilingFromTrend is null ? "reference" : "trend",
            ceilingFromTrend ?? "the scenario's reference $/PFLOP-hour",
            c.Basis.Key,
            c.Pflops,
            c.FloorPrice,
            c.FloorAtComponentCost,
            c.MaxSystemPriceMultiplier,
            c.MaxSystemPriceNote,
            new ChartValueSplit(split.Price, split.Renter, split.Neocloud, split.Supplier, split.Pool, split.Status, split.Note,
                split.Shares?.Renter, split.Shares?.Neocloud, split.Shares?.Supplier),
            c.Note,
            [.. c.MarketPoints.Select(m => new ChartMarketPoint(m.Label, m.Price, m.Irr))],
            [.. c.Curves.Select(k => new ChartCurve(k.Multiplier, k.FloorPrice, [.. k.Points.Select(ChartPoint.From)]))],
            file);
    }
}

/// <summary>The value split at a price, $ per GPU-hour, and the pool's shares (<see cref="ChartContract"/>).</summary>
public sealed record ChartValueSplit(
    double Price,
    double Renter,
    double Neocloud,
    double Supplier,
    double Pool,
    string Status,
    string? Note,
    double? RenterShare,
    double? NeocloudShare,
    double? SupplierShare);

/// <summary>An observed market point: price, $ per GPU-hour, and the IRR it earns (<see cref="ChartContract"/>).</summary>
public sealed record ChartMarketPoint(string Label, double Price, double? Irr);

/// <summary>One curve: its system price multiplier and floor price, and its points (<see cref="ChartContract"/>).</summary>
public sealed record ChartCurve(double Multiplier, double FloorPrice, IReadOnlyList<ChartPoint> Points);

/// <summary>
/// One point of a curve, to the precision a chart needs: price to <see cref="ChartContract.PriceDecimals"/> decimals,
/// IRR (null where there is none) to <see cref="ChartContract.IrrDecimals"/>, NPV to <see cref="ChartContract.NpvDecimals"/>.
/// </summary>
public sealed record ChartPoint(double Price, double? Irr, double Npv)
{
    /// <summary>The point of <paramref name="p"/>, rounded.</summary>
    public static ChartPoint From(OneChartPoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(Round(p.Price, ChartContract.PriceDecimals), p.Irr is { } irr ? Round(irr, ChartContract.IrrDecimals) : null, Round(p.Npv, ChartContract.NpvDecimals));
    }

    // Half away from zero, as a spreadsheet rounds; + 0.0 turns a negative zero into 0 (JSON would print "-0").
    private static double Round(double v, int decimals) => Math.Round(v, decimals, MidpointRounding.AwayFromZero) + 0.0;
}

/// <summary>Serialization of <see cref="ChartContract"/> generated at build time (camelCase, as every contract).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChartContract))]
public sealed partial class ChartJsonContext : JsonSerializerContext;
