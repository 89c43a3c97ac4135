using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Calibration;

/// <summary>
/// Every published figure the model can express, by id, and how the model computes it (methodology:
/// "Calibration"). A calibration spec names which are targets and which are checks; the published values,
/// wording, units and tolerances live in the spec.
/// </summary>
public static class PublishedFigures
{
    /// <summary>GB300 NVL72 catalog id.</summary>
    public const string Gb300 = "gb300-nvl72";
    /// <summary>VR NVL72 catalog id.</summary>
    public const string Vr = "vr-nvl72";
    /// <summary>H100 catalog id.</summary>
    public const string H100 = "h100";

    /// <summary>The published 5-year GB300 rental price, $/GPU-hour ("about $3.50", i.e. $0.70 per dense FP8 PFLOP-hour).</summary>
    public const double Gb300MarketPrice = 3.50;

    /// <summary>The published hurdle of the VR floor, annual.</summary>
    public const double VrFloorHurdle = 0.156;

    private static readonly ThroughputBasis Bf16 = new(Precision.Bf16, false);
    private static readonly ThroughputBasis Fp8 = new(Precision.Fp8, false);
    private static readonly ThroughputBasis Fp4 = new(Precision.Fp4, false);
    private static readonly ThroughputBasis Fp4Sparse = new(Precision.Fp4, true);

    /// <summary>The systems of the published figures that <paramref name="catalog"/> lacks (none: the figures can be computed).</summary>
    public static IReadOnlyList<string> MissingSystems(HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new[] { Gb300, Vr, H100 }.Where(id => !catalog.TryGet(id, out _)).ToList();
    }

    /// <summary>Every figure id the model can compute, in the order the published analysis gives them (data/calibration/*.json lists each with its wording).</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        $"{Gb300}.pflops.bf16", $"{Gb300}.pflops.fp8", $"{Gb300}.pflops.fp4", $"{Gb300}.memoryBandwidth", $"{Gb300}.chipTdp",
        $"{Vr}.pflops.bf16", $"{Vr}.pflops.fp8", $"{Vr}.pflops.fp4", $"{Vr}.pflops.fp4Sparse", $"{Vr}.memoryBandwidth", $"{Vr}.chipTdp",
        $"{Gb300}.capexPerWatt", $"{Vr}.capexPerWatt",
        $"{Gb300}.supplierGrossMargin", $"{Vr}.memoryGrossMargin", $"{Vr}.memoryCostPerGb",
        $"{Gb300}.tcoPerGpuHour", $"{Vr}.tcoPerGpuHour",
        $"{Gb300}.tcoPerPflopHour.bf16", $"{Gb300}.tcoPerPflopHour.fp8", $"{Gb300}.tcoPerPflopHour.fp4",
        $"{Vr}.tcoPerPflopHour.bf16", $"{Vr}.tcoPerPflopHour.fp8", $"{Vr}.tcoPerPflopHour.fp4",
        $"{Gb300}.tcoVsH100",
        $"{Gb300}.projectIrr", $"{Gb300}.pricePerPflopHour",
        $"{Vr}.floorPrice", $"{Vr}.ceiling.0.70", $"{Vr}.ceiling.0.55",
        $"{Vr}.floorAtGb300Irr", $"{Vr}.floorAtGb300IrrPerPflopHour", $"{Vr}.floorAtGb300IrrBelowGb300PerPflop",
    ];

    /// <summary>
    /// The model's value of every figure in <see cref="Ids"/> under <paramref name="scenario"/> and the reading's
    /// <paramref name="premises"/>. A figure with no meaning for the inputs (an IRR that does not exist) is NaN.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Compute(HardwareCatalog catalog, Scenario scenario, CalibrationPremises premises, IEnumerable<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(premises);
        var wanted = only is null ? null : new HashSet<string>(only, StringComparer.Ordinal);
        bool Want(string id) => wanted is null || wanted.Contains(id);
        var m = new EconomicsModel(catalog, scenario);
        var gbSystem = m.System(Gb300);
        var vrSystem = m.System(Vr);
        var gbFp8 = gbSystem.Pflops(Fp8) ?? double.NaN;
        var vrFp8 = vrSystem.Pflops(Fp8) ?? double.NaN;
        var fiveYear = scenario.Contract with { TermMonths = 60, PrepayShare = 0.15 };
        var v = new Dictionary<string, double>(StringComparer.Ordinal);

        void Catalog(string id, AcceleratorSystem s)
        {
            v[$"{id}.pflops.bf16"] = s.Pflops(Bf16) ?? double.NaN;
            v[$"{id}.pflops.fp8"] = s.Pflops(Fp8) ?? double.NaN;
            v[$"{id}.pflops.fp4"] = s.Pflops(Fp4) ?? double.NaN;
            v[$"{id}.memoryBandwidth"] = s.MemoryBandwidthTBps;
            v[$"{id}.chipTdp"] = s.ChipTdpW;
        }
        Catalog(Gb300, gbSystem);
        Catalog(Vr, vrSystem);
        v[$"{Vr}.pflops.fp4Sparse"] = vrSystem.Pflops(Fp4Sparse) ?? double.NaN;
        v[$"{Gb300}.supplierGrossMargin"] = gbSystem.Capex.SupplierGrossMargin;
        v[$"{Vr}.memoryGrossMargin"] = vrSystem.Capex.SupplierMemory?.GrossMargin ?? double.NaN;
        v[$"{Vr}.memoryCostPerGb"] = vrSystem.Capex.SupplierMemory?.CostPerGb ?? double.NaN;

        var gb = m.Tco(Gb300);
        var vr = m.Tco(Vr);
        v[$"{Gb300}.capexPerWatt"] = gb.Capex.PerWattAllIn;
        v[$"{Vr}.capexPerWatt"] = vr.Capex.PerWattAllIn;
        v[$"{Gb300}.tcoPerGpuHour"] = gb.PerGpuHour;
        v[$"{Vr}.tcoPerGpuHour"] = vr.PerGpuHour;
        foreach (var (key, basis) in new[] { ("bf16", Bf16), ("fp8", Fp8), ("fp4", Fp4) })
        {
            v[$"{Gb300}.tcoPerPflopHour.{key}"] = gb.PerPflopHour.TryGetValue(basis, out var g) ? g : double.NaN;
            v[$"{Vr}.tcoPerPflopHour.{key}"] = vr.PerPflopHour.TryGetValue(basis, out var r) ? r : double.NaN;
        }
        if (Want($"{Gb300}.tcoVsH100")) v[$"{Gb300}.tcoVsH100"] = gb.PerGpuHour / m.Tco(H100).PerGpuHour;
        v[$"{Gb300}.pricePerPflopHour"] = Gb300MarketPrice / gbFp8;
        v[$"{Vr}.ceiling.0.70"] = m.Ceiling(Vr, 0.70, Fp8);
        v[$"{Vr}.ceiling.0.55"] = m.Ceiling(Vr, 0.55, Fp8);
        // A figure the scenario does not give (no IRR that is a return, no floor) is not a number: HasModel is false.
        if (Want($"{Vr}.floorPrice")) v[$"{Vr}.floorPrice"] = m.TryFloor(Vr, out var f, out _, VrFloorHurdle, fiveYear) ? f : double.NaN;

        var needIrr = Want($"{Gb300}.projectIrr") || Want($"{Vr}.floorAtGb300Irr") || Want($"{Vr}.floorAtGb300IrrPerPflopHour") || Want($"{Vr}.floorAtGb300IrrBelowGb300PerPflop");
        if (needIrr)
        {
            var gbIrr = m.Project(Gb300, premises.DealPrice, fiveYear).Irr ?? double.NaN;
            var atGbIrr = double.IsFinite(gbIrr) && m.TryFloor(Vr, out var g, out _, gbIrr, fiveYear) ? g : double.NaN;
            v[$"{Gb300}.projectIrr"] = gbIrr;
            v[$"{Vr}.floorAtGb300Irr"] = atGbIrr;
            v[$"{Vr}.floorAtGb300IrrPerPflopHour"] = atGbIrr / vrFp8;
            v[$"{Vr}.floorAtGb300IrrBelowGb300PerPflop"] = 1 - atGbIrr / vrFp8 / (Gb300MarketPrice / gbFp8);
        }
        return v;
    }
}
