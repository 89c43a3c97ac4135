using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Calibration;

/// <summary>A published figure, the model's value for it, and the residual.</summary>
public sealed record CalibrationTarget
{
    /// <summary>Short key, e.g. <c>gb300-nvl72.tcoPerGpuHour</c>.</summary>
    public required string Name { get; init; }
    /// <summary>What the figure is, with its unit.</summary>
    public required string Description { get; init; }
    /// <summary>The published value.</summary>
    public required double Published { get; init; }
    /// <summary>The model's value under the scenario.</summary>
    public required double Model { get; init; }
    /// <summary>Tolerance: relative (0.03 = 3%) unless <see cref="AbsoluteTolerance"/>.</summary>
    public required double Tolerance { get; init; }
    /// <summary>True when <see cref="Tolerance"/> is in the figure's own unit (IRR: 0.01 = 1 point).</summary>
    public required bool AbsoluteTolerance { get; init; }
    /// <summary>True when the calibration solve fits this figure; false when it is only checked.</summary>
    public required bool Fitted { get; init; }
    /// <summary>Model - published.</summary>
    public double Residual => Model - Published;
    /// <summary>Model / published - 1.</summary>
    public double RelativeResidual => Model / Published - 1.0;
    /// <summary>Residual in units of the tolerance (|x| &lt;= 1 is within tolerance).</summary>
    public double Normalized => AbsoluteTolerance ? Residual / Tolerance : RelativeResidual / Tolerance;
    /// <summary>True when the model is within tolerance of the published figure.</summary>
    public bool Within => Math.Abs(Normalized) <= 1.0 + 1e-9;
    /// <summary>True when the scenario gives the figure at all (an IRR that is a return, a floor that exists).</summary>
    public bool HasModel => double.IsFinite(Model);
}

/// <summary>A free assumption the calibration solves for, with its bounds.</summary>
/// <param name="Name">Scenario key path, e.g. <c>finance.costOfCapital</c>.</param>
/// <param name="Value">Solved value.</param>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound.</param>
public sealed record CalibrationParameter(string Name, double Value, double Min, double Max);

/// <summary>The solved scenario, its free assumptions and every target.</summary>
/// <param name="Scenario">The scenario with the solved values.</param>
/// <param name="Parameters">The free assumptions.</param>
/// <param name="Targets">Every published figure against the model.</param>
/// <param name="Objective">Sum of squared normalized residuals of the fitted targets.</param>
public sealed record CalibrationResult(Scenario Scenario, IReadOnlyList<CalibrationParameter> Parameters, IReadOnlyList<CalibrationTarget> Targets, double Objective);

/// <summary>
/// Solves the free assumptions against the published figures (methodology: "Calibration").
/// Shared: cost of capital, useful life, colocation rate, maintenance share. Per system: the
/// compute-system price of H100, GB300 NVL72 and VR NVL72. Everything else (power, electricity, PUE,
/// contract, hurdle) stays at its sourced value. Bounds keep each assumption within what the industry
/// uses (methodology: "Calibration"). The objective is the sum of squared residuals, each in units
/// of its tolerance (3% relative; IRR 1 point), minimised by Nelder-Mead inside the bounds.
/// </summary>
public static class Calibrator
{
    /// <summary>GB300 NVL72 catalog id.</summary>
    public const string Gb300 = "gb300-nvl72";
    /// <summary>VR NVL72 catalog id.</summary>
    public const string Vr = "vr-nvl72";
    /// <summary>H100 catalog id.</summary>
    public const string H100 = "h100";

    private const double Rel = 0.03;
    private static readonly ThroughputBasis Bf16 = new(Precision.Bf16, false);
    private static readonly ThroughputBasis Fp8 = new(Precision.Fp8, false);
    private static readonly ThroughputBasis Fp4 = new(Precision.Fp4, false);

    private sealed record Free(string Name, double Min, double Max, Func<Scenario, HardwareCatalog, double> Get, Func<Scenario, double, Scenario> Set);

    private static readonly Free[] FreeParameters =
    [
        new("finance.costOfCapital", 0.05, 0.20, (s, _) => s.Finance.CostOfCapital, (s, v) => s with { Finance = s.Finance with { CostOfCapital = v } }),
        new("finance.usefulLifeYears", 4, 8, (s, _) => s.Finance.UsefulLifeYears, (s, v) => s with { Finance = s.Finance with { UsefulLifeYears = v } }),
        new("operations.colocationPerKwMonth", 80, 250, (s, _) => s.Operations.ColocationPerKwMonth, (s, v) => s with { Operations = s.Operations with { ColocationPerKwMonth = v } }),
        new("operations.maintenanceShareOfCapexPerYear", 0, 0.05, (s, _) => s.Operations.MaintenanceShareOfCapexPerYear, (s, v) => s with { Operations = s.Operations with { MaintenanceShareOfCapexPerYear = v } }),
        ComputePrice(H100, 15_000, 60_000),
        ComputePrice(Gb300, 30_000, 120_000),
        ComputePrice(Vr, 40_000, 200_000),
    ];

    private static Free ComputePrice(string id, double min, double max) => new(
        $"systems.{id}.computeSystem", min, max,
        (s, c) => s.ApplyTo(c).Get(id).Capex.ComputeSystem,
        (s, v) =>
        {
            var systems = new Dictionary<string, SystemOverride>(s.Systems, StringComparer.OrdinalIgnoreCase);
            var prior = systems.TryGetValue(id, out var o) ? o : new SystemOverride();
            systems[id] = prior with { ComputeSystem = v };
            return s with { Systems = systems };
        });

    /// <summary>Every published figure against the model under <paramref name="scenario"/>.</summary>
    public static IReadOnlyList<CalibrationTarget> Evaluate(HardwareCatalog catalog, Scenario scenario)
    {
        var m = new EconomicsModel(catalog, scenario);
        var gb = m.Tco(Gb300);
        var vr = m.Tco(Vr);
        var h100 = m.Tco(H100);
        var fiveYear = scenario.Contract with { TermMonths = 60, PrepayShare = 0.15 };
        var gbIrr = m.Project(Gb300, 3.50, fiveYear).Irr ?? double.NaN;
        // A figure the scenario does not give (no IRR that is a return, no floor) is not a number: HasModel is false.
        var vrFloor = m.TryFloor(Vr, out var f, out _, 0.156, fiveYear) ? f : double.NaN;
        var vrFloorAtGbIrr = double.IsFinite(gbIrr) && m.TryFloor(Vr, out var g, out _, gbIrr, fiveYear) ? g : double.NaN;
        var vrFp8 = m.System(Vr).Pflops(Fp8)!.Value;
        var gbFp8 = m.System(Gb300).Pflops(Fp8)!.Value;

        CalibrationTarget T(string name, string description, double published, double model, bool fitted, double tolerance = Rel, bool absolute = false) => new()
        {
            Name = name, Description = description, Published = published, Model = model,
            Tolerance = tolerance, AbsoluteTolerance = absolute, Fitted = fitted,
        };

        return
        [
            T($"{Gb300}.capexPerWatt", "GB300 NVL72 capex per watt, $/W (all-in IT power)", 37.4, gb.Capex.PerWattAllIn, true),
            T($"{Vr}.capexPerWatt", "VR NVL72 capex per watt, $/W (all-in IT power)", 38.1, vr.Capex.PerWattAllIn, true),
            T($"{Gb300}.tcoPerGpuHour", "GB300 NVL72 TCO, $/GPU-hour", 2.69, gb.PerGpuHour, true),
            T($"{Vr}.tcoPerGpuHour", "VR NVL72 TCO, $/GPU-hour", 4.18, vr.PerGpuHour, true),
            T($"{Gb300}.tcoVsH100", "GB300 NVL72 TCO / H100 TCO (about 70% higher)", 1.70, gb.PerGpuHour / h100.PerGpuHour, true),
            T($"{Gb300}.projectIrr", "GB300 NVL72 project IRR at $3.50/GPU-hour, 60 months, 15% prepay (annual)", 0.156, gbIrr, true, 0.01, true),
            T($"{Vr}.floorPrice", "VR NVL72 floor for a 15.6% IRR, 60 months, 15% prepay, $/GPU-hour", 4.92, vrFloor, true),
            T($"{Gb300}.tcoPerPflopHour.bf16", "GB300 NVL72 TCO per dense BF16 PFLOP-hour, $", 1.07, gb.PerPflopHour[Bf16], false),
            T($"{Gb300}.tcoPerPflopHour.fp8", "GB300 NVL72 TCO per dense FP8 PFLOP-hour, $", 0.54, gb.PerPflopHour[Fp8], false),
            T($"{Gb300}.tcoPerPflopHour.fp4", "GB300 NVL72 TCO per dense FP4 PFLOP-hour, $", 0.18, gb.PerPflopHour[Fp4], false),
            T($"{Vr}.tcoPerPflopHour.bf16", "VR NVL72 TCO per dense BF16 PFLOP-hour, $", 1.04, vr.PerPflopHour[Bf16], false),
            T($"{Vr}.tcoPerPflopHour.fp8", "VR NVL72 TCO per dense FP8 PFLOP-hour, $", 0.24, vr.PerPflopHour[Fp8], false),
            T($"{Vr}.tcoPerPflopHour.fp4", "VR NVL72 TCO per dense FP4 PFLOP-hour, $", 0.12, vr.PerPflopHour[Fp4], false),
            T($"{Gb300}.pricePerPflopHour", "GB300 NVL72 5-year rental at $3.50/GPU-hour, $ per dense FP8 PFLOP-hour", 0.70, 3.50 / gbFp8, false),
            T($"{Vr}.floorAtGb300Irr", "VR NVL72 price for the same IRR as GB300 at $3.50, $/GPU-hour", 4.90, vrFloorAtGbIrr, false),
            T($"{Vr}.floorPricePerPflopHour", "VR NVL72 floor per dense FP8 PFLOP-hour, $", 0.28, vrFloor / vrFp8, false),
            T($"{Vr}.floorBelowGb300PerPflop", "VR NVL72 floor per FP8 PFLOP-hour below GB300's $0.70 (share)", 0.60, 1 - vrFloor / vrFp8 / (3.50 / gbFp8), false),
            T($"{Vr}.ceiling.0.70", "VR NVL72 ceiling at $0.70 per FP8 PFLOP-hour, $/GPU-hour", 12.25, m.Ceiling(Vr, 0.70, Fp8), false),
            T($"{Vr}.ceiling.0.55", "VR NVL72 ceiling at $0.55 per FP8 PFLOP-hour, $/GPU-hour", 9.63, m.Ceiling(Vr, 0.55, Fp8), false),
        ];
    }

    /// <summary>The published figures against <paramref name="scenario"/> as it stands, without solving (no free parameters).</summary>
    public static CalibrationResult Check(HardwareCatalog catalog, Scenario scenario)
    {
        var targets = Evaluate(catalog, scenario);
        return new CalibrationResult(scenario, [], targets, Objective(targets));
    }

    private static double Objective(IEnumerable<CalibrationTarget> targets) =>
        targets.Where(t => t.Fitted).Sum(t => double.IsFinite(t.Normalized) ? t.Normalized * t.Normalized : 1e6);

    /// <summary>Solves the free assumptions, starting from <paramref name="start"/>'s values.</summary>
    public static CalibrationResult Solve(HardwareCatalog catalog, Scenario start)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(start);
        Scenario Apply(double[] x)
        {
            var s = start;
            for (var i = 0; i < FreeParameters.Length; i++) s = FreeParameters[i].Set(s, x[i]);
            return s;
        }
        double ObjectiveAt(double[] x) => Objective(Evaluate(catalog, Apply(x)));
        var lower = FreeParameters.Select(p => p.Min).ToArray();
        var upper = FreeParameters.Select(p => p.Max).ToArray();
        var x0 = FreeParameters.Select(p => p.Get(start, catalog)).ToArray();
        var (x, value) = NelderMead.Minimize(ObjectiveAt, x0, lower, upper);
        // Restart from the optimum until it stops improving: Nelder-Mead can stall on a ridge.
        for (var i = 0; i < 5; i++)
        {
            var (x2, v2) = NelderMead.Minimize(ObjectiveAt, x, lower, upper);
            if (v2 >= value - 1e-12) break;
            (x, value) = (x2, v2);
        }
        var solved = Apply(x);
        var parameters = FreeParameters.Select((p, i) => new CalibrationParameter(p.Name, x[i], p.Min, p.Max)).ToList();
        return new CalibrationResult(solved, parameters, Evaluate(catalog, solved), value);
    }
}
