using System.Globalization;
using System.Text.Json;
using Gpunomics.Json;

namespace Gpunomics.Market;

/// <summary>The kind of rental price an observation is (methodology: "Market and forward curve").</summary>
public enum PricingType
{
    /// <summary>Pay by the hour, no commitment.</summary>
    OnDemand,
    /// <summary>Interruptible capacity at a price that moves with supply.</summary>
    Spot,
    /// <summary>A committed term (with its months and, where published, its prepaid share).</summary>
    Contract,
}

/// <summary>Names of the pricing types as files, flags and JSON write them.</summary>
public static class PricingTypes
{
    /// <summary>Every type's name, in order: on-demand, spot, contract.</summary>
    public static IReadOnlyList<string> Names { get; } = ["on-demand", "spot", "contract"];

    /// <summary>The allowed names, comma-separated, for messages.</summary>
    public static string Allowed => string.Join(", ", Names);

    /// <summary>The type's name: <c>on-demand</c>, <c>spot</c> or <c>contract</c>.</summary>
    public static string Name(this PricingType type) => Names[(int)type];

    /// <summary>Reads a type's name (ignoring case); false for any other text.</summary>
    public static bool TryParse(string? text, out PricingType type)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                type = (PricingType)i;
                return true;
            }
        type = default;
        return false;
    }
}

/// <summary>One dated rental price observation: a row of <c>data/market-observations.json</c>.</summary>
public sealed record MarketObservation
{
    /// <summary>Day the price was observed; a monthly figure is taken at the 15th of its month.</summary>
    public required DateOnly Date { get; init; }
    /// <summary>The date as written: <c>YYYY-MM-DD</c>, or <c>YYYY-MM</c> for a monthly figure.</summary>
    public required string DateText { get; init; }
    /// <summary>System id: a catalog id or a generation of the launch prices (e.g. a100).</summary>
    public required string SystemId { get; init; }
    /// <summary>The provider, or the index, that published the price.</summary>
    public required string Provider { get; init; }
    /// <summary>On-demand, spot or contract.</summary>
    public required PricingType PricingType { get; init; }
    /// <summary>A contract's term, months (1 to 120); null for on-demand and spot.</summary>
    public int? TermMonths { get; init; }
    /// <summary>A contract's prepaid share of its total value, 0 to 1; null when not published (and for on-demand and spot).</summary>
    public double? PrepayShare { get; init; }
    /// <summary>Price, $ per GPU-hour.</summary>
    public required double PricePerGpuHour { get; init; }
    /// <summary>Publication or price page, with its address.</summary>
    public required string Source { get; init; }
    /// <summary>How the per-GPU figure was derived, or other remarks; null when none.</summary>
    public string? Note { get; init; }

    /// <summary>The pricing as a reader sees it: <c>on-demand</c>, <c>spot</c>, <c>contract 12 mo</c> (with prepay where given).</summary>
    public string PricingLabel => PricingType != PricingType.Contract ? PricingType.Name()
        : $"contract {TermMonths} mo{(PrepayShare is { } p ? $", {(p * 100).ToString("0.#", CultureInfo.InvariantCulture)}% prepaid" : "")}";
}

/// <summary>
/// Reads rental price observations,
/// <c>{ "observations": [ { date, system, provider, pricingType, termMonths?, prepayShare?, pricePerGpuHour, source, note? } ] }</c>,
/// naming every bad row by file, row, field, value and what is allowed. Pure: text in, observations or errors out.
/// </summary>
public static class MarketObservationReader
{
    /// <summary>Most rows a file may hold.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Longest contract term, months.</summary>
    public const int MaxTermMonths = 120;

    private const string DateAllowed = "must be a date written YYYY-MM-DD (e.g. 2026-03-17), or YYYY-MM for a monthly figure, between 2000 and 2100";
    private const string SourceAllowed = "must name the publication or price page with its address (http:// or https://)";

    /// <summary>Reads observations from <paramref name="json"/>; <paramref name="knownSystems"/> are the ids a row may name.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="knownSystems">Ids a row may name (catalog systems and launch-price generations), compared ignoring case; null: any id (rows of systems without a launch are then left out of the market, each said so).</param>
    public static ReadResult<IReadOnlyList<MarketObservation>> Read(string json, string source, IReadOnlyCollection<string>? knownSystems)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<IReadOnlyList<MarketObservation>>.Failure(errors);
        var root = new ObjectReader(doc.RootElement, source, "", errors);
        root.String("description", false);
        var items = root.Array("observations", true, 1, MaxRows) ?? [];
        var known = knownSystems is null ? null : new HashSet<string>(knownSystems, StringComparer.OrdinalIgnoreCase);
        var list = new List<MarketObservation>();
        var seen = new Dictionary<(string, string, string, string), int>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"observations[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(source, path, ObjectReader.Show(items[i]), "must be an object { date, system, provider, pricingType, pricePerGpuHour, source, ... }"));
                continue;
            }
            var before = errors.Count;
            var r = new ObjectReader(items[i], source, path, errors);
            var (date, dateText) = Date(r);
            var id = r.String("system", true);
            if (id is not null && known is not null && !known.Contains(id))
                errors.Add(new InputError(source, r.KeyPath("system"), $"\"{id}\"", $"must be a known system: {string.Join(", ", knownSystems!)} (the catalog's systems and the launch prices' generations)"));
            var provider = r.String("provider", true, "must name the provider or the index that published the price");
            var typeText = r.String("pricingType", true, $"must be one of: {PricingTypes.Allowed}");
            PricingType? type = null;
            if (typeText is not null)
            {
                if (PricingTypes.TryParse(typeText, out var t) && t.Name() == typeText) type = t;
                else errors.Add(new InputError(source, r.KeyPath("pricingType"), $"\"{typeText}\"", $"must be one of: {PricingTypes.Allowed}"));
            }
            int? term = null;
            double? prepay = null;
            if (type == PricingType.Contract)
            {
                term = r.Integer("termMonths", true, 1, MaxTermMonths, "months (a contract gives its term)");
                prepay = r.Number("prepayShare", false, 0, 1, unit: "(share of the contract's total value paid up front; leave it out when not published)");
            }
            else if (type is not null)
            {
                foreach (var key in new[] { "termMonths", "prepayShare" })
                    if (items[i].TryGetProperty(key, out var v))
                    {
                        r.Accept(key);
                        errors.Add(new InputError(source, r.KeyPath(key), ObjectReader.Show(v), $"goes only with pricingType \"contract\"; this row is \"{type.Value.Name()}\""));
                    }
            }
            else
            {
                r.Accept("termMonths");
                r.Accept("prepayShare");
            }
            var price = r.Number("pricePerGpuHour", true, 0, 10_000, minExclusive: true, unit: "$ per GPU-hour");
            var src = r.String("source", true, SourceAllowed);
            if (src is not null && !src.Contains("http://", StringComparison.OrdinalIgnoreCase) && !src.Contains("https://", StringComparison.OrdinalIgnoreCase))
                errors.Add(new InputError(source, r.KeyPath("source"), Shorten(src), SourceAllowed));
            var note = r.String("note", false);
            r.RejectUnknownKeys();
            if (errors.Count > before) continue;
            var key2 = (dateText!, id!.ToLowerInvariant(), provider!, type!.Value.Name() + term);
            if (seen.TryGetValue(key2, out var first))
            {
                errors.Add(new InputError(source, path, $"{dateText} {id} {provider} {type.Value.Name()}", $"repeats observations[{first}] (same date, system, provider and pricing): give each observation once"));
                continue;
            }
            seen[key2] = i;
            list.Add(new MarketObservation
            {
                Date = date!.Value, DateText = dateText!, SystemId = id, Provider = provider!, PricingType = type.Value,
                TermMonths = term, PrepayShare = prepay, PricePerGpuHour = price!.Value, Source = src!, Note = note,
            });
        }
        root.RejectUnknownKeys();
        return errors.Count > 0 ? ReadResult<IReadOnlyList<MarketObservation>>.Failure(errors) : ReadResult<IReadOnlyList<MarketObservation>>.Success(list);
    }

    private static (DateOnly? Date, string? Text) Date(ObjectReader r)
    {
        var text = r.String("date", true, DateAllowed);
        if (text is null) return (null, null);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100) return (d, text);
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && m.Year is >= 2000 and <= 2100) return (m.AddDays(14), text);
        r.Errors.Add(new InputError(r.Source, r.KeyPath("date"), $"\"{text}\"", DateAllowed));
        return (null, null);
    }

    private static string Shorten(string text) => text.Length > 60 ? $"\"{text[..57]}...\"" : $"\"{text}\"";
}
