using Gpunomics.Inputs;

namespace Gpunomics.Catalog;

/// <summary>What a catalog field holds.</summary>
public enum CatalogFieldKind
{
    /// <summary>A non-empty string.</summary>
    Text,
    /// <summary>A launch quarter written YYYYQn (e.g. 2025Q3), year 2000 or later.</summary>
    Quarter,
    /// <summary>A whole number in the field's range.</summary>
    Whole,
    /// <summary>A number in the field's range.</summary>
    Number,
    /// <summary>An object of the fields declared under it; no other keys.</summary>
    Object,
    /// <summary>An array of objects of the fields declared under <c>path[]</c>; the range bounds its length.</summary>
    Array,
    /// <summary>An object keyed by precision name (<see cref="PrecisionNames"/>), each value a number in the field's range.</summary>
    PrecisionMap,
    /// <summary>
    /// An object keyed by buyer tier (any name), each value a number in the field's range (the tier's total) or an object
    /// of its components (<see cref="NetworkingComponents.Keys"/>), each a number in the field's range.
    /// </summary>
    TierMap,
    /// <summary>An object of strings, keyed by what each names the source of.</summary>
    Sources,
}

/// <summary>
/// One catalog field's declaration: its key path (<c>systems[].capex.storage</c>), what it holds, its unit and range,
/// and whether it is required. <see cref="CatalogReader"/> checks a catalog against these declarations and
/// <see cref="CatalogSchema"/> makes the catalog's JSON Schema from them (methodology: "Catalog"). An optional field
/// may be absent or null.
/// </summary>
/// <param name="Path">Key path from the file's root; <c>[]</c> marks each item of an array.</param>
/// <param name="Kind">What the field holds.</param>
/// <param name="Description">What the field is.</param>
/// <param name="Required">True when the field must be given (and not null).</param>
public sealed record CatalogField(string Path, CatalogFieldKind Kind, string Description, bool Required = true)
{
    /// <summary>Allowed range of a number (of each value of a map; of an array's length), or null.</summary>
    public InputRange? Range { get; init; }

    /// <summary>Unit of a number, as messages write it (e.g. <c>TB/s</c>), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>The field's own key: the last part of <see cref="Path"/>.</summary>
    public string Key => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The key path of the object holding the field ("" for the root).</summary>
    public string Parent => Path.Contains('.') ? Path[..Path.LastIndexOf('.')] : "";

    /// <summary>What is allowed, as messages write it, e.g. <c>must be a number in (0, 1e6] GB</c>.</summary>
    public string Allowed => Kind switch
    {
        CatalogFieldKind.Text => "must be a non-empty string",
        CatalogFieldKind.Quarter => "must be a quarter written YYYYQn, e.g. 2025Q3",
        CatalogFieldKind.Whole => $"must be a whole number in {Range}{UnitText}",
        CatalogFieldKind.Number => $"must be a number in {Range}{UnitText}",
        CatalogFieldKind.Object => "must be an object { ... }",
        CatalogFieldKind.Array => $"must be an array of {Range!.Min:G} to {Range.Max:G} items",
        CatalogFieldKind.PrecisionMap => $"must be an object of numbers in {Range}{UnitText} keyed by precision ({PrecisionNames.Allowed})",
        CatalogFieldKind.TierMap => $"must be an object keyed by buyer tier, each a number in {Range}{UnitText} (the tier's total) or an object of its components {{ {string.Join(", ", NetworkingComponents.Keys)} }}",
        CatalogFieldKind.Sources => "must be an object of strings naming the sources",
        _ => throw new InvalidOperationException($"unknown kind {Kind}"),
    };

    /// <summary>What each value of a map must be, as messages write it.</summary>
    public string ValueAllowed => Kind == CatalogFieldKind.TierMap
        ? $"must be a number in {Range}{UnitText} (the tier's total) or an object {{ {string.Join(", ", NetworkingComponents.Keys)} }} of numbers in {Range}{UnitText}"
        : $"must be a number in {Range}{UnitText}";

    /// <summary>What each component of a tier must be, as messages write it.</summary>
    public string ComponentAllowed => $"must be a number in {Range}{UnitText}";

    private string UnitText => Unit is null ? "" : " " + Unit;
}

/// <summary>Every field of a catalog file, in file order (see <see cref="CatalogField"/>).</summary>
public static class CatalogFields
{
#pragma warning disable CS1591 // each field is described by its declaration
    public static readonly CatalogField CatalogVersion = new("catalogVersion", CatalogFieldKind.Text, "version of the catalog, e.g. 2026-11");
    public static readonly CatalogField Description = new("description", CatalogFieldKind.Text, "what the catalog holds", Required: false);
    public static readonly CatalogField Systems = new("systems", CatalogFieldKind.Array, "the accelerator systems") { Range = new InputRange(1, 1000) };

    public static readonly CatalogField Id = new("systems[].id", CatalogFieldKind.Text, "system id, unique in the catalog (any case), used by --system and scenario files");
    public static readonly CatalogField Name = new("systems[].name", CatalogFieldKind.Text, "system name as tables show it");
    public static readonly CatalogField Vendor = new("systems[].vendor", CatalogFieldKind.Text, "vendor");
    public static readonly CatalogField LaunchQuarter = new("systems[].launchQuarter", CatalogFieldKind.Quarter, "quarter of volume availability, YYYYQn");
    public static readonly CatalogField GpusPerSystem = new("systems[].gpusPerSystem", CatalogFieldKind.Whole, "GPU packages per system (8 for HGX, 72 for an NVL72 rack)") { Range = new InputRange(1, 100_000) };
    public static readonly CatalogField DenseTflops = new("systems[].denseTflops", CatalogFieldKind.PrecisionMap, "dense throughput per GPU by precision") { Range = new InputRange(0, 1e7, MinExclusive: true), Unit = "TFLOPS" };
    public static readonly CatalogField SparseTflops = new("systems[].sparseTflops", CatalogFieldKind.PrecisionMap, "marketed 2:4-sparse throughput per GPU by precision", Required: false) { Range = new InputRange(0, 1e7, MinExclusive: true), Unit = "TFLOPS" };
    public static readonly CatalogField Board = new("systems[].board", CatalogFieldKind.Text, "the GPU die and board, e.g. 'GH100 on HGX 8-GPU baseboard'; systems that name the same board have the same compute system without HBM", Required: false);
    public static readonly CatalogField MemoryGb = new("systems[].memoryGb", CatalogFieldKind.Number, "GPU memory (HBM) per GPU") { Range = new InputRange(0, 1e6, MinExclusive: true), Unit = "GB" };
    public static readonly CatalogField MemoryType = new("systems[].memoryType", CatalogFieldKind.Text, "GPU memory type, e.g. HBM3E");
    public static readonly CatalogField MemoryBandwidth = new("systems[].memoryBandwidthTBps", CatalogFieldKind.Number, "GPU memory bandwidth per GPU") { Range = new InputRange(0, 1e4, MinExclusive: true), Unit = "TB/s" };
    public static readonly CatalogField CpuMemory = new("systems[].cpuMemory", CatalogFieldKind.Object, "CPU-side memory per GPU (Grace/Vera-style pools); null for an ordinary host", Required: false);
    public static readonly CatalogField CpuMemoryGb = new("systems[].cpuMemory.gbPerGpu", CatalogFieldKind.Number, "CPU memory per GPU") { Range = new InputRange(0, 1e6), Unit = "GB" };
    public static readonly CatalogField CpuMemoryType = new("systems[].cpuMemory.type", CatalogFieldKind.Text, "CPU memory type, e.g. LPDDR5X");
    public static readonly CatalogField ChipTdp = new("systems[].chipTdpW", CatalogFieldKind.Number, "chip TDP") { Range = new InputRange(0, 1e5, MinExclusive: true), Unit = "W" };
    public static readonly CatalogField AllInKw = new("systems[].allInKwPerGpu", CatalogFieldKind.Number, "all-in IT power per GPU (its share of host, networking, storage)") { Range = new InputRange(0, 100, MinExclusive: true), Unit = "kW" };
    public static readonly CatalogField MarketPrice = new("systems[].marketPricePerGpuHour", CatalogFieldKind.Number, "market rental price", Required: false) { Range = new InputRange(0, 1000, MinExclusive: true), Unit = "$/GPU-hour" };
    public static readonly CatalogField Capex = new("systems[].capex", CatalogFieldKind.Object, "capital cost per GPU (bill of materials)");
    public static readonly CatalogField ComputeSystem = new("systems[].capex.computeSystem", CatalogFieldKind.Number, "compute system (server or rack) price per GPU, without its HBM when capex.hbm is given and without the scale-out NICs a tier's networking components count") { Range = new InputRange(0, 1e8), Unit = "$ per GPU" };
    public static readonly CatalogField SupplierGrossMargin = new("systems[].capex.supplierGrossMargin", CatalogFieldKind.Number, "system supplier's gross margin, a fraction") { Range = new InputRange(0, 1, MaxExclusive: true) };
    public static readonly CatalogField Hbm = new("systems[].capex.hbm", CatalogFieldKind.Object, "the GPU's HBM priced by the supplier as its own line; the compute system then excludes it. Null when not split out", Required: false);
    public static readonly CatalogField HbmGb = new("systems[].capex.hbm.gbPerGpu", CatalogFieldKind.Number, "HBM per GPU") { Range = new InputRange(0, 1e6), Unit = "GB" };
    public static readonly CatalogField HbmCost = new("systems[].capex.hbm.costPerGb", CatalogFieldKind.Number, "HBM price the supplier pays (data/memory-prices.json)") { Range = new InputRange(0, 1e4), Unit = "$/GB" };
    public static readonly CatalogField HbmMargin = new("systems[].capex.hbm.grossMargin", CatalogFieldKind.Number, "supplier's gross margin on the HBM, a fraction (default: the board's supplierGrossMargin)", Required: false) { Range = new InputRange(0, 1, MaxExclusive: true) };
    public static readonly CatalogField SupplierMemory = new("systems[].capex.supplierMemory", CatalogFieldKind.Object, "memory the supplier buys, per GPU (for the memory-price scenario); null when not split out", Required: false);
    public static readonly CatalogField SupplierMemoryGb = new("systems[].capex.supplierMemory.gbPerGpu", CatalogFieldKind.Number, "memory bought per GPU") { Range = new InputRange(0, 1e6), Unit = "GB" };
    public static readonly CatalogField SupplierMemoryCost = new("systems[].capex.supplierMemory.costPerGb", CatalogFieldKind.Number, "memory price paid") { Range = new InputRange(0, 1e4), Unit = "$/GB" };
    public static readonly CatalogField SupplierMemoryMargin = new("systems[].capex.supplierMemory.grossMargin", CatalogFieldKind.Number, "gross margin on the memory, a fraction") { Range = new InputRange(0, 1, MaxExclusive: true) };
    public static readonly CatalogField Networking = new("systems[].capex.networking", CatalogFieldKind.TierMap, "scale-out networking per GPU by buyer tier: the tier's total, or its components (switches, transceivers, cables, nics) which sum to it") { Range = new InputRange(0, 1e8), Unit = "$ per GPU" };
    public static readonly CatalogField Storage = new("systems[].capex.storage", CatalogFieldKind.Number, "storage per GPU") { Range = new InputRange(0, 1e8), Unit = "$ per GPU" };
    public static readonly CatalogField Installation = new("systems[].capex.installation", CatalogFieldKind.Number, "installation per GPU") { Range = new InputRange(0, 1e8), Unit = "$ per GPU" };
    public static readonly CatalogField Other = new("systems[].capex.other", CatalogFieldKind.Number, "other capex per GPU (spares, management network, software)") { Range = new InputRange(0, 1e8), Unit = "$ per GPU" };
    public static readonly CatalogField Sources = new("systems[].sources", CatalogFieldKind.Sources, "the source or stated estimate of each figure, keyed by the figure");
#pragma warning restore CS1591

    /// <summary>Every declared field, in file order.</summary>
    public static IReadOnlyList<CatalogField> All { get; } =
    [
        CatalogVersion, Description, Systems, Id, Name, Vendor, LaunchQuarter, GpusPerSystem, DenseTflops, SparseTflops,
        Board, MemoryGb, MemoryType, MemoryBandwidth, CpuMemory, CpuMemoryGb, CpuMemoryType, ChipTdp, AllInKw, MarketPrice,
        Capex, ComputeSystem, SupplierGrossMargin, Hbm, HbmGb, HbmCost, HbmMargin, SupplierMemory, SupplierMemoryGb, SupplierMemoryCost, SupplierMemoryMargin,
        Networking, Storage, Installation, Other, Sources,
    ];
}
