using System.Text.Json;
using System.Text.RegularExpressions;
using Gpunomics.Json;

namespace Gpunomics.Catalog;

/// <summary>Reads the hardware catalog from its JSON form (see docs/methodology.md, "Catalog").</summary>
public static partial class CatalogReader
{
    /// <summary>Parses catalog JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static ReadResult<HardwareCatalog> Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<HardwareCatalog>.Failure(errors);
        var root = new ObjectReader(doc.RootElement, source, "", errors);
        root.String("$schema", false, "must be a string: the address of the catalog's JSON Schema"); // for editors only
        var version = Text(root, CatalogFields.CatalogVersion) ?? "";
        Text(root, CatalogFields.Description);
        var systems = new List<AcceleratorSystem>();
        var items = Items(root, CatalogFields.Systems) ?? [];
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"systems[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(source, path, ObjectReader.Show(items[i]), "must be an object { ... }"));
                continue;
            }
            var s = ReadSystem(new ObjectReader(items[i], source, path, errors));
            if (s is null) continue;
            if (!ids.Add(s.Id)) errors.Add(new InputError(source, path + ".id", $"\"{s.Id}\"", "must be unique in the catalog"));
            else systems.Add(s);
        }
        root.RejectUnknownKeys();
        return errors.Count > 0
            ? ReadResult<HardwareCatalog>.Failure(errors)
            : ReadResult<HardwareCatalog>.Success(new HardwareCatalog(version, systems));
    }

    private static AcceleratorSystem? ReadSystem(ObjectReader r)
    {
        var before = r.Errors.Count;
        var id = Text(r, CatalogFields.Id);
        var name = Text(r, CatalogFields.Name);
        var vendor = Text(r, CatalogFields.Vendor);
        var launchText = Text(r, CatalogFields.LaunchQuarter);
        LaunchQuarter launch = default;
        if (launchText is not null && !LaunchQuarter.TryParse(launchText, out launch))
            r.Errors.Add(new InputError(r.Source, r.KeyPath(CatalogFields.LaunchQuarter.Key), $"\"{launchText}\"", CatalogFields.LaunchQuarter.Allowed));
        var gpus = Whole(r, CatalogFields.GpusPerSystem);
        var dense = ReadTflops(r, CatalogFields.DenseTflops);
        var sparse = ReadTflops(r, CatalogFields.SparseTflops);
        var board = Text(r, CatalogFields.Board);
        var memGb = Number(r, CatalogFields.MemoryGb);
        var memType = Text(r, CatalogFields.MemoryType);
        var bw = Number(r, CatalogFields.MemoryBandwidth);
        CpuMemory? cpu = null;
        if (Object(r, CatalogFields.CpuMemory) is { } c)
        {
            var gb = Number(c, CatalogFields.CpuMemoryGb);
            var type = Text(c, CatalogFields.CpuMemoryType);
            c.RejectUnknownKeys();
            if (gb is not null && type is not null) cpu = new CpuMemory(gb.Value, type);
        }
        var tdp = Number(r, CatalogFields.ChipTdp);
        var allIn = Number(r, CatalogFields.AllInKw);
        var market = Number(r, CatalogFields.MarketPrice);
        var bom = ReadBom(Object(r, CatalogFields.Capex));
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(r, CatalogFields.Sources) is { } src)
        {
            foreach (var (key, value) in src.Members())
            {
                if (value.ValueKind == JsonValueKind.String) sources[key] = value.GetString()!;
                else src.Error(key, value, "must be a string naming the source");
            }
        }
        r.RejectUnknownKeys();
        if (r.Errors.Count > before || dense is null || bom is null) return null;
        return new AcceleratorSystem
        {
            Id = id!, Name = name!, Vendor = vendor!, Launch = launch, GpusPerSystem = gpus!.Value,
            DenseTflops = dense, SparseTflops = sparse ?? new Dictionary<Precision, double>(),
            Board = board, MemoryGb = memGb!.Value, MemoryType = memType!, MemoryBandwidthTBps = bw!.Value, CpuMemory = cpu,
            ChipTdpW = tdp!.Value, AllInKwPerGpu = allIn!.Value, MarketPricePerGpuHour = market,
            Capex = bom, Sources = sources,
        };
    }

    private static Dictionary<Precision, double>? ReadTflops(ObjectReader parent, CatalogField field)
    {
        if (Object(parent, field) is not { } r) return null;
        var result = new Dictionary<Precision, double>();
        foreach (var (key, value) in r.Members())
        {
            if (!PrecisionNames.TryParse(key, out var p))
            {
                r.Errors.Add(new InputError(r.Source, r.KeyPath(key), ObjectReader.Show(value), $"unknown precision; allowed: {PrecisionNames.Allowed}"));
                continue;
            }
            if (MapValue(r, field, key, value) is { } d) result[p] = d;
        }
        return result;
    }

    private static BillOfMaterials? ReadBom(ObjectReader? r)
    {
        if (r is null) return null;
        var before = r.Errors.Count;
        var compute = Number(r, CatalogFields.ComputeSystem);
        var margin = Number(r, CatalogFields.SupplierGrossMargin);
        SupplierMemory? hbm = null;
        if (Object(r, CatalogFields.Hbm) is { } h)
        {
            var gb = Number(h, CatalogFields.HbmGb);
            var cost = Number(h, CatalogFields.HbmCost);
            var gm = Number(h, CatalogFields.HbmMargin);
            h.RejectUnknownKeys();
            if (gb is not null && cost is not null && margin is not null) hbm = new SupplierMemory(gb.Value, cost.Value, gm ?? margin.Value);
        }
        SupplierMemory? memory = null;
        if (Object(r, CatalogFields.SupplierMemory) is { } m)
        {
            var gb = Number(m, CatalogFields.SupplierMemoryGb);
            var cost = Number(m, CatalogFields.SupplierMemoryCost);
            var gm = Number(m, CatalogFields.SupplierMemoryMargin);
            m.RejectUnknownKeys();
            if (gb is not null && cost is not null && gm is not null) memory = new SupplierMemory(gb.Value, cost.Value, gm.Value);
        }
        var (networking, components) = ReadNetworking(Object(r, CatalogFields.Networking));
        var storage = Number(r, CatalogFields.Storage);
        var install = Number(r, CatalogFields.Installation);
        var other = Number(r, CatalogFields.Other);
        r.RejectUnknownKeys();
        if (r.Errors.Count > before || networking is null) return null;
        return new BillOfMaterials
        {
            ComputeSystem = compute!.Value, SupplierGrossMargin = margin!.Value, Hbm = hbm, SupplierMemory = memory,
            NetworkingByTier = networking, NetworkingComponentsByTier = components!,
            Storage = storage!.Value, Installation = install!.Value, Other = other!.Value,
        };
    }

    /// <summary>
    /// A catalog's networking by buyer tier: each tier a total, or an object of its components (which then sum to the
    /// tier's total), checked as <see cref="CatalogFields.Networking"/>.
    /// </summary>
    private static (Dictionary<string, double>? Totals, Dictionary<string, NetworkingComponents>? Components) ReadNetworking(ObjectReader? r)
    {
        if (r is null) return (null, null);
        var field = CatalogFields.Networking;
        var totals = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var components = new Dictionary<string, NetworkingComponents>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in r.Members())
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                if (MapValue(r, field, key, value) is { } d) totals[key] = d;
                continue;
            }
            var tier = new ObjectReader(value, r.Source, r.KeyPath(key), r.Errors);
            var parts = NetworkingComponents.Keys.Select(k =>
                tier.Number(k, true, field.Range!.Min, field.Range.Max, field.Range.MinExclusive, field.Range.MaxExclusive, field.Unit)).ToList();
            tier.RejectUnknownKeys();
            if (parts.Any(p => p is null)) continue;
            var c = new NetworkingComponents(parts[0]!.Value, parts[1]!.Value, parts[2]!.Value, parts[3]!.Value);
            components[key] = c;
            totals[key] = c.Total;
        }
        return (totals, components);
    }

    /// <summary>Networking totals by buyer tier, each checked as the catalog's <see cref="CatalogFields.Networking"/> total (a scenario's override).</summary>
    internal static Dictionary<string, double>? ReadTiers(ObjectReader? r)
    {
        if (r is null) return null;
        var field = CatalogFields.Networking;
        var tiers = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in r.Members())
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && field.Range!.Contains(d)) tiers[key] = d;
            else r.Error(key, value, field.ComponentAllowed + " (the tier's total)");
        }
        return tiers;
    }

    // Each read names its declaration, which must sit at the key path read: the reader and the schema cannot drift apart.
    private static string? Text(ObjectReader r, CatalogField f) => r.String(At(r, f, CatalogFieldKind.Text, CatalogFieldKind.Quarter), f.Required, f.Allowed);

    private static double? Number(ObjectReader r, CatalogField f) =>
        r.Number(At(r, f, CatalogFieldKind.Number), f.Required, f.Range!.Min, f.Range.Max, f.Range.MinExclusive, f.Range.MaxExclusive, f.Unit);

    private static int? Whole(ObjectReader r, CatalogField f) =>
        r.Integer(At(r, f, CatalogFieldKind.Whole), f.Required, (int)f.Range!.Min, (int)f.Range.Max, f.Unit);

    private static ObjectReader? Object(ObjectReader r, CatalogField f) =>
        r.Object(At(r, f, CatalogFieldKind.Object, CatalogFieldKind.PrecisionMap, CatalogFieldKind.TierMap, CatalogFieldKind.Sources), f.Required);

    private static IReadOnlyList<JsonElement>? Items(ObjectReader r, CatalogField f) =>
        r.Array(At(r, f, CatalogFieldKind.Array), f.Required, (int)f.Range!.Min, (int)f.Range.Max);

    private static double? MapValue(ObjectReader map, CatalogField f, string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && f.Range!.Contains(d)) return d;
        map.Error(key, value, f.ValueAllowed);
        return null;
    }

    private static string At(ObjectReader r, CatalogField f, params CatalogFieldKind[] kinds)
    {
        var path = ArrayIndex().Replace(r.KeyPath(f.Key), "[]");
        if (path != f.Path || !kinds.Contains(f.Kind)) throw new ArgumentException($"{f.Path} ({f.Kind}) is not the field read at {path}", nameof(f));
        return f.Key;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();
}
