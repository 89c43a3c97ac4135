using System.Globalization;
using System.Text.Json;
using Gpunomics.Catalog;
using Gpunomics.Json;
using Gpunomics.Scenarios;

namespace Gpunomics.Calibration;

/// <summary>
/// Reads a calibration spec (JSON; format in docs/methodology.md, "Calibration"). Every key is required except
/// <c>description</c>; unknown keys, wrong types, unknown figure ids, a figure named twice, a parameter that cannot
/// be free and bounds out of order are errors naming the source, the key, the value and what is allowed.
/// </summary>
public static class CalibrationSpecReader
{
    /// <summary>Most targets plus checks, and most free parameters, a spec may hold.</summary>
    public const int MaxEntries = 256;

    /// <summary>Reads <paramref name="json"/>; system ids in free parameters must be in <paramref name="catalog"/>.</summary>
    public static ReadResult<CalibrationSpec> Read(string json, string source, HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<CalibrationSpec>.Failure(errors);
        var r = new ObjectReader(doc.RootElement, source, "", errors);
        var name = r.String("name", true) ?? "";
        var description = r.String("description", false) ?? "";

        CalibrationPremises premises = new(null);
        if (r.Object("premises", true) is { } p)
        {
            const string dealKey = "gb300IllustrativeDealPrice";
            const string allowed = "must be \"market\" (the deal earns its IRR at the published $3.50 market price) or a price in (0, 100] $/GPU-hour";
            if (!p.Has(dealKey)) p.Error(dealKey, null, "is required; " + allowed);
            else if (doc.RootElement.GetProperty("premises").GetProperty(dealKey) is { ValueKind: JsonValueKind.Number }) premises = new(p.Number(dealKey, true, 0, 100, minExclusive: true, unit: "$/GPU-hour"));
            else if (p.String(dealKey, true, allowed) is { } text && text != "market") p.Error(dealKey, doc.RootElement.GetProperty("premises").GetProperty(dealKey), allowed);
            if (p.String("owner", false, $"must be one of {OwnerProfiles.Allowed}") is { } owner)
            {
                if (OwnerProfiles.Find(owner) is { } profile) premises = premises with { Owner = profile.Id };
                else p.Error("owner", doc.RootElement.GetProperty("premises").GetProperty("owner"), $"must be one of {OwnerProfiles.Allowed}");
            }
            p.RejectUnknownKeys();
        }

        var figures = new List<FigureSpec>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        Figures(r, "targets", true, figures, seen);
        Figures(r, "checks", false, figures, seen);

        var free = new List<FreeParameterSpec>();
        if (r.Array("free", true, 0, MaxEntries) is { } items)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"free[{i}]";
                if (items[i].ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new InputError(source, path, ObjectReader.Show(items[i]), "must be an object { \"key\", \"min\", \"max\", \"minReason\", \"maxReason\" }"));
                    continue;
                }
                var f = new ObjectReader(items[i], source, path, errors);
                var key = f.String("key", true);
                FreeParameters.Access? access = null;
                if (key is not null)
                {
                    access = FreeParameters.Find(key, catalog);
                    if (access is null) f.Error("key", items[i].GetProperty("key"), $"cannot be a free parameter; allowed: {string.Join(", ", FreeParameters.Keys)} (<id>: a catalog system)");
                    else if (!keys.Add(key)) f.Error("key", items[i].GetProperty("key"), "is already free above; each parameter is free once");
                }
                var min = Bound(f, items[i], "min", access);
                var max = Bound(f, items[i], "max", access);
                if (min is { } lo && max is { } hi && !(lo < hi)) f.Error("max", items[i].GetProperty("max"), $"must be above min ({lo.ToString("G", CultureInfo.InvariantCulture)})");
                var minReason = f.String("minReason", true, "must say why the lower bound is where it is (a non-empty string)");
                var maxReason = f.String("maxReason", true, "must say why the upper bound is where it is (a non-empty string)");
                f.RejectUnknownKeys();
                if (access is not null && min is not null && max is not null && minReason is not null && maxReason is not null)
                    free.Add(new FreeParameterSpec(key!, min.Value, max.Value, minReason, maxReason));
            }
        }
        if (free.Count > 0 && !figures.Any(f => f.Fitted)) errors.Add(new InputError(source, "targets", null, "free parameters need at least one target with a weight above 0"));
        r.RejectUnknownKeys();
        return errors.Count > 0 ? ReadResult<CalibrationSpec>.Failure(errors) : ReadResult<CalibrationSpec>.Success(new CalibrationSpec(name, description, premises, figures, free));
    }

    private static double? Bound(ObjectReader f, JsonElement item, string key, FreeParameters.Access? access)
    {
        var d = f.Number(key, true, double.MinValue, double.MaxValue);
        if (d is null || access is null) return d;
        if (access.Input.Check(d.Value) is { } problem)
        {
            f.Error(key, item.GetProperty(key), $"is outside what {access.Input.Description} may be: {problem}");
            return null;
        }
        return d;
    }

    private static void Figures(ObjectReader r, string key, bool targets, List<FigureSpec> figures, Dictionary<string, string> seen)
    {
        if (r.Array(key, targets, 0, MaxEntries) is not { } items) return;
        var ids = new HashSet<string>(PublishedFigures.Ids, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                r.Errors.Add(new InputError(r.Source, path, ObjectReader.Show(items[i]), "must be an object { \"id\", \"description\", \"value\", \"unit\", \"tolerance\", \"toleranceKind\"" + (targets ? ", \"weight\" }" : " }")));
                continue;
            }
            var f = new ObjectReader(items[i], r.Source, path, r.Errors);
            var id = f.String("id", true);
            if (id is not null)
            {
                if (!ids.Contains(id)) { f.Error("id", items[i].GetProperty("id"), $"is not a figure the model can compute; allowed: {string.Join(", ", PublishedFigures.Ids)}"); id = null; }
                else if (seen.TryGetValue(id, out var where)) { f.Error("id", items[i].GetProperty("id"), $"is already at {where}; each published figure is counted once, as a target or a check"); id = null; }
                else seen[id] = path;
            }
            var description = f.String("description", true);
            var value = f.Number("value", true, double.MinValue, double.MaxValue);
            var unit = f.String("unit", true);
            var tolerance = f.Number("tolerance", true, 0, 1e6, minExclusive: true);
            ToleranceKind? kind = f.String("toleranceKind", true, "must be \"relative\" or \"absolute\"") switch
            {
                null => null,
                "relative" => ToleranceKind.Relative,
                "absolute" => ToleranceKind.Absolute,
                _ => null,
            };
            if (kind is null && f.Has("toleranceKind") && items[i].GetProperty("toleranceKind") is { ValueKind: JsonValueKind.String } k)
                f.Error("toleranceKind", k, "must be \"relative\" or \"absolute\"");
            if (kind == ToleranceKind.Relative && value == 0) f.Error("toleranceKind", items[i].GetProperty("toleranceKind"), "must be \"absolute\" for a published value of 0");
            var weight = targets ? f.Number("weight", true, 0, 1e6, minExclusive: true) : 0;
            f.RejectUnknownKeys();
            if (id is not null && description is not null && value is not null && unit is not null && tolerance is not null && kind is not null && weight is not null)
                figures.Add(new FigureSpec(id, description, value.Value, unit, tolerance.Value, kind.Value, weight.Value));
        }
    }
}
