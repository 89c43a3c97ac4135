using System.Text.Json;
using Gpunomics.Json;

namespace Gpunomics.Catalog;

/// <summary>Reads the hardware catalog from its JSON form (see docs/methodology.md, "Catalog").</summary>
public static class CatalogReader
{
    /// <summary>Parses catalog JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static ReadResult<HardwareCatalog> Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<HardwareCatalog>.Failure(errors);
        var root = new ObjectReader(doc.RootElement, source, "", errors);
        var version = root.String("catalogVersion", required: true) ?? "";
        root.String("description", required: false);
        var systems = new List<AcceleratorSystem>();
        var items = root.Array("systems", required: true, 1, 1000) ?? [];
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
        var id = r.String("id", true);
        var name = r.String("name", true);
        var vendor = r.String("vendor", true);
        var launchText = r.String("launchQuarter", true, "must be a quarter written YYYYQn, e.g. 2025Q3");
        LaunchQuarter launch = default;
        if (launchText is not null && !LaunchQuarter.TryParse(launchText, out launch))
            r.Errors.Add(new InputError(r.Source, r.KeyPath("launchQuarter"), $"\"{launchText}\"", "must be a quarter written YYYYQn, e.g. 2025Q3"));
        var gpus = r.Integer("gpusPerSystem", true, 1, 100_000);
        var dense = ReadTflops(r.Object("denseTflops", true));
        var sparse = ReadTflops(r.Object("sparseTflops", false));
        var memGb = r.Number("memoryGb", true, 0, 1e6, minExclusive: true, unit: "GB");
        var memType = r.String("memoryType", true);
        var bw = r.Number("memoryBandwidthTBps", true, 0, 1e4, minExclusive: true, unit: "TB/s");
        CpuMemory? cpu = null;
        if (r.Object("cpuMemory", false) is { } c)
        {
            var gb = c.Number("gbPerGpu", true, 0, 1e6, unit: "GB");
            var type = c.String("type", true);
            c.RejectUnknownKeys();
            if (gb is not null && type is not null) cpu = new CpuMemory(gb.Value, type);
        }
        var tdp = r.Number("chipTdpW", true, 0, 1e5, minExclusive: true, unit: "W");
        var allIn = r.Number("allInKwPerGpu", true, 0, 100, minExclusive: true, unit: "kW");
        var market = r.Number("marketPricePerGpuHour", false, 0, 1000, minExclusive: true, unit: "$/GPU-hour");
        var bom = ReadBom(r.Object("capex", true));
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Object("sources", true) is { } src)
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
            MemoryGb = memGb!.Value, MemoryType = memType!, MemoryBandwidthTBps = bw!.Value, CpuMemory = cpu,
            ChipTdpW = tdp!.Value, AllInKwPerGpu = allIn!.Value, MarketPricePerGpuHour = market,
            Capex = bom, Sources = sources,
        };
    }

    private static Dictionary<Precision, double>? ReadTflops(ObjectReader? r)
    {
        if (r is null) return null;
        var result = new Dictionary<Precision, double>();
        foreach (var (key, value) in r.Members())
        {
            if (!PrecisionNames.TryParse(key, out var p))
            {
                r.Errors.Add(new InputError(r.Source, r.KeyPath(key), ObjectReader.Show(value), $"unknown precision; allowed: {PrecisionNames.Allowed}"));
                continue;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !(d > 0) || d > 1e7)
            {
                r.Error(key, value, "must be a number of TFLOPS in (0, 1e7]");
                continue;
            }
            result[p] = d;
        }
        return result;
    }

    private static BillOfMaterials? ReadBom(ObjectReader? r)
    {
        if (r is null) return null;
        var before = r.Errors.Count;
        var compute = r.Number("computeSystem", true, 0, 1e8, unit: "$ per GPU");
        var margin = r.Number("supplierGrossMargin", true, 0, 1, maxExclusive: true);
        SupplierMemory? memory = null;
        if (r.Object("supplierMemory", false) is { } m)
        {
            var gb = m.Number("gbPerGpu", true, 0, 1e6, unit: "GB");
            var cost = m.Number("costPerGb", true, 0, 1e4, unit: "$/GB");
            var gm = m.Number("grossMargin", true, 0, 1, maxExclusive: true);
            m.RejectUnknownKeys();
            if (gb is not null && cost is not null && gm is not null) memory = new SupplierMemory(gb.Value, cost.Value, gm.Value);
        }
        var networking = ReadTiers(r.Object("networking", true));
        var storage = r.Number("storage", true, 0, 1e8, unit: "$ per GPU");
        var install = r.Number("installation", true, 0, 1e8, unit: "$ per GPU");
        var other = r.Number("other", true, 0, 1e8, unit: "$ per GPU");
        r.RejectUnknownKeys();
        if (r.Errors.Count > before || networking is null) return null;
        return new BillOfMaterials
        {
            ComputeSystem = compute!.Value, SupplierGrossMargin = margin!.Value, SupplierMemory = memory,
            NetworkingByTier = networking, Storage = storage!.Value, Installation = install!.Value, Other = other!.Value,
        };
    }

    internal static Dictionary<string, double>? ReadTiers(ObjectReader? r)
    {
        if (r is null) return null;
        var tiers = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in r.Members())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || d < 0 || d > 1e8)
            {
                r.Error(key, value, "must be a number in [0, 1e8] $ per GPU");
                continue;
            }
            tiers[key] = d;
        }
        return tiers;
    }
}
