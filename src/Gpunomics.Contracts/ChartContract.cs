using System.Text.Json;
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
/// Written in fixed-point notation from the rounded integer (<see cref="ChartPointJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(ChartPointJsonConverter))]
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

/// <summary>
/// Writes a <see cref="ChartPoint"/> as <c>{"price":…,"irr":…,"npv":…}</c>, each number in fixed-point notation from
/// its value times 10^decimals as an integer, at most the stated decimals and no trailing zeros: the curves are most
/// of a chart's numbers, and formatting a double to the shortest text that reads back the same costs several times as much.
/// </summary>
public sealed class ChartPointJsonConverter : JsonConverter<ChartPoint>
{
    /// <inheritdoc/>
    public override ChartPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a chart point is an object");
        double price = 0, npv = 0;
        double? irr = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "price": price = reader.GetDouble(); break;
                case "irr": irr = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble(); break;
                case "npv": npv = reader.GetDouble(); break;
                default: reader.Skip(); break;
            }
        }
        return new ChartPoint(price, irr, npv);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ChartPoint value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WritePropertyName("price"u8);
        WriteFixed(writer, value.Price, ChartContract.PriceDecimals);
        writer.WritePropertyName("irr"u8);
        if (value.Irr is { } irr) WriteFixed(writer, irr, ChartContract.IrrDecimals); else writer.WriteNullValue();
        writer.WritePropertyName("npv"u8);
        WriteFixed(writer, value.Npv, ChartContract.NpvDecimals);
        writer.WriteEndObject();
    }

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    private static void WriteFixed(Utf8JsonWriter writer, double v, int decimals)
    {
        var scaled = Math.Round(v * Pow10[decimals]);
        // Beyond 2^53 the integer is not exact (and such a figure is no chart's): the writer's own notation.
        if (!(Math.Abs(scaled) < 9007199254740992.0)) { writer.WriteNumberValue(v); return; }
        var n = (long)scaled;
        Span<byte> text = stackalloc byte[32];
        var i = 0;
        if (n < 0) { text[i++] = (byte)'-'; n = -n; }
        var whole = n / Pow10[decimals];
        var fraction = n % Pow10[decimals];
        whole.TryFormat(text[i..], out var written, default, global::System.Globalization.CultureInfo.InvariantCulture);
        i += written;
        if (fraction != 0)
        {
            var digits = decimals;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            text[i++] = (byte)'.';
            for (var k = digits - 1; k >= 0; k--) { text[i + k] = (byte)('0' + fraction % 10); fraction /= 10; }
            i += digits;
        }
        writer.WriteRawValue(text[..i], skipInputValidation: true);
    }
}

/// <summary>Serialization of <see cref="ChartContract"/> generated at build time (camelCase, as every contract).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChartContract))]
public sealed partial class ChartJsonContext : JsonSerializerContext;
