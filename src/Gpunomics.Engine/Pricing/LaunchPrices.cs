using System.Globalization;
using System.Text.Json;
using Gpunomics.Catalog;
using Gpunomics.Json;

namespace Gpunomics.Pricing;

/// <summary>
/// One generation's launch-era rental price: the $ per GPU-hour at which it could first be rented, when and
/// where that was observed, and the source (a row of <c>data/launch-prices.json</c>; methodology: "Trend").
/// </summary>
public sealed record LaunchPrice
{
    /// <summary>System id: a catalog id, or a generation's own id when <see cref="DenseTflops"/> is given.</summary>
    public required string SystemId { get; init; }
    /// <summary>Name of the generation and the offer.</summary>
    public required string Name { get; init; }
    /// <summary>Date the generation could first be rented; the x of the trend.</summary>
    public required DateOnly LaunchDate { get; init; }
    /// <summary>Launch-era rental price, $ per GPU-hour.</summary>
    public required double PricePerGpuHour { get; init; }
    /// <summary>Date the price was observed.</summary>
    public required DateOnly PriceDate { get; init; }
    /// <summary>Kind of price: <c>on-demand</c>, <c>contract</c>, <c>reserved</c> or <c>spot</c>.</summary>
    public required string PricingType { get; init; }
    /// <summary>The offer the price is of (provider, instance, region, how the per-GPU figure was derived).</summary>
    public required string Offer { get; init; }
    /// <summary>Publication or price page with its address.</summary>
    public required string Source { get; init; }
    /// <summary>Dense TFLOPS per GPU by precision, used when the catalog in use does not hold the system; null: the catalog's figures only.</summary>
    public IReadOnlyDictionary<Precision, double>? DenseTflops { get; init; }
    /// <summary>Where <see cref="DenseTflops"/> come from.</summary>
    public string? TflopsSource { get; init; }
}

/// <summary>Reads <c>{ "prices": [ { system, name, launchDate, pricePerGpuHour, priceDate, pricingType, offer, source, denseTflops?, tflopsSource? } ] }</c>, naming every bad row by file, row and field.</summary>
public static class LaunchPriceReader
{
    /// <summary>The kinds of price a row may be.</summary>
    public static readonly IReadOnlyList<string> PricingTypes = ["on-demand", "contract", "reserved", "spot"];

    private const string DateAllowed = "must be a date written YYYY-MM-DD, e.g. 2023-07-26";

    /// <summary>Reads launch prices; a row whose system is not in <paramref name="catalog"/> must give its <c>denseTflops</c>.</summary>
    public static ReadResult<IReadOnlyList<LaunchPrice>> Read(string json, string source, HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<IReadOnlyList<LaunchPrice>>.Failure(errors);
        var root = new ObjectReader(doc.RootElement, source, "", errors);
        root.String("description", false);
        var items = root.Array("prices", true, 1, 1000) ?? [];
        var list = new List<LaunchPrice>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"prices[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(source, path, ObjectReader.Show(items[i]), "must be an object { ... }"));
                continue;
            }
            var before = errors.Count;
            var r = new ObjectReader(items[i], source, path, errors);
            var id = r.String("system", true);
            var name = r.String("name", true);
            var launch = Date(r, "launchDate");
            var price = r.Number("pricePerGpuHour", true, 0, 10_000, minExclusive: true, unit: "$ per GPU-hour");
            var priceDate = Date(r, "priceDate");
            var type = r.String("pricingType", true, $"must be one of: {string.Join(", ", PricingTypes)}");
            if (type is not null && !PricingTypes.Contains(type))
                errors.Add(new InputError(source, r.KeyPath("pricingType"), $"\"{type}\"", $"must be one of: {string.Join(", ", PricingTypes)}"));
            var offer = r.String("offer", true);
            var src = r.String("source", true, "must name the publication or price page and its address");
            var tflops = Tflops(r);
            var tflopsSource = r.String("tflopsSource", tflops is not null, "must say where denseTflops come from");
            if (id is not null && tflops is null && !catalog.TryGet(id, out _))
                errors.Add(new InputError(source, r.KeyPath("system"), $"\"{id}\"", $"is not in the catalog: give its denseTflops (e.g. {{ \"bf16\": 312 }}) and tflopsSource, or use a catalog id ({string.Join(", ", catalog.Systems.Select(s => s.Id))})"));
            if (id is not null && !seen.Add(id))
                errors.Add(new InputError(source, r.KeyPath("system"), $"\"{id}\"", "appears in an earlier row: one row per generation"));
            if (launch is { } l && priceDate is { } p && p < l)
                errors.Add(new InputError(source, r.KeyPath("priceDate"), $"\"{p:yyyy-MM-dd}\"", $"is before the launchDate {l:yyyy-MM-dd}: a launch-era price is observed at or after launch"));
            r.RejectUnknownKeys();
            if (errors.Count > before) continue;
            list.Add(new LaunchPrice
            {
                SystemId = id!, Name = name!, LaunchDate = launch!.Value, PricePerGpuHour = price!.Value, PriceDate = priceDate!.Value,
                PricingType = type!, Offer = offer!, Source = src!, DenseTflops = tflops, TflopsSource = tflopsSource,
            });
        }
        root.RejectUnknownKeys();
        return errors.Count > 0 ? ReadResult<IReadOnlyList<LaunchPrice>>.Failure(errors) : ReadResult<IReadOnlyList<LaunchPrice>>.Success(list);
    }

    private static DateOnly? Date(ObjectReader r, string key)
    {
        var text = r.String(key, true, DateAllowed);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100) return d;
        r.Errors.Add(new InputError(r.Source, r.KeyPath(key), $"\"{text}\"", DateAllowed + ", between 2000 and 2100"));
        return null;
    }

    private static Dictionary<Precision, double>? Tflops(ObjectReader r)
    {
        var o = r.Object("denseTflops", false);
        if (o is null) return null;
        var map = new Dictionary<Precision, double>();
        var before = r.Errors.Count;
        foreach (var (key, _) in o.Members().ToList())
        {
            if (!PrecisionNames.TryParse(key, out var precision))
            {
                r.Errors.Add(new InputError(r.Source, o.KeyPath(key), null, $"unknown precision '{key}'; allowed: {PrecisionNames.Allowed}"));
                continue;
            }
            if (o.Number(key, true, 0, 1e6, minExclusive: true, unit: "TFLOPS per GPU") is { } v) map[precision] = v;
        }
        if (map.Count == 0 && r.Errors.Count == before)
            r.Errors.Add(new InputError(r.Source, r.KeyPath("denseTflops"), "{}", $"must give at least one precision: {PrecisionNames.Allowed}"));
        return map.Count > 0 ? map : null;
    }
}
