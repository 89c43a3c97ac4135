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
    public bool Fitted => Weight > 0;
    /// <summary>Weight of the squared normalized residual in the objective (0: a check).</summary>
    public required double Weight { get; init; }
    /// <summary>The figure's unit.</summary>
    public required string Unit { get; init; }
    /// <summary>Model - published.</summary>
    public double Residual => Model - Published;
    /// <summary>Model / published - 1 (NaN when the published figure is 0).</summary>
    public double RelativeResidual => Published == 0 ? double.NaN : Model / Published - 1.0;
    /// <summary>Residual in units of the tolerance (|x| &lt;= 1 is within tolerance).</summary>
    public double Normalized => AbsoluteTolerance ? Residual / Tolerance : RelativeResidual / Tolerance;
    /// <summary>True when the model is within tolerance of the published figure.</summary>
    public bool Within => Math.Abs(Normalized) <= 1.0 + 1e-9;
    /// <summary>True when the scenario gives the figure at all (an IRR that is a return, a floor that exists).</summary>
    public bool HasModel => double.IsFinite(Model);
}

/// <summary>A free assumption the calibration solves for, with its bounds and their reasons.</summary>
/// <param name="Name">Scenario key path, e.g. <c>finance.costOfCapital</c>.</param>
/// <param name="Value">Solved value.</param>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound.</param>
/// <param name="MinReason">Why the lower bound is where it is.</param>
/// <param name="MaxReason">Why the upper bound is where it is.</param>
public sealed record CalibrationParameter(string Name, double Value, double Min, double Max, string MinReason = "", string MaxReason = "")
{
    /// <summary>Share of the bounds' span within which a solved value counts as on its bound.</summary>
    public const double BoundTolerance = 1e-3;

    /// <summary>"lower" or "upper" when the solved value is on that bound (a bound that binds), otherwise null.</summary>
    public string? OnBound =>
        Value <= Min + BoundTolerance * (Max - Min) ? "lower"
        : Value >= Max - BoundTolerance * (Max - Min) ? "upper"
        : null;
}

/// <summary>The solved scenario, its free assumptions and every figure of the spec.</summary>
/// <param name="Scenario">The scenario with the solved values.</param>
/// <param name="Parameters">The free assumptions, solved or (a check) as the scenario has them.</param>
/// <param name="Targets">Every figure of the spec against the model, targets and checks.</param>
/// <param name="Objective">Weighted sum of squared normalized residuals of the fitted targets.</param>
public sealed record CalibrationResult(Scenario Scenario, IReadOnlyList<CalibrationParameter> Parameters, IReadOnlyList<CalibrationTarget> Targets, double Objective)
{
    /// <summary>True when <see cref="Parameters"/> were solved; false when they are the scenario's values as it stands (a check).</summary>
    public bool Solved { get; init; } = true;

    /// <summary>The spec's name (the reading).</summary>
    public string Spec { get; init; } = "";

    /// <summary>The reading's premises.</summary>
    public CalibrationPremises Premises { get; init; } = new(null);

    /// <summary>The free parameters that end on a bound: a bound that binds says the model lacks something.</summary>
    public IReadOnlyList<CalibrationParameter> BoundWarnings => Parameters.Where(p => p.OnBound is not null).ToList();
}

/// <summary>
/// Solves a spec's free assumptions against its target figures (methodology: "Calibration"). The objective is the
/// sum of the targets' squared residuals, each in units of its tolerance and times its weight, minimised by
/// Nelder-Mead inside the bounds from the scenario's current values, restarted until it stops improving.
/// </summary>
public static class Calibrator
{
    /// <summary>Every figure of <paramref name="spec"/> against the model under <paramref name="scenario"/>.</summary>
    public static IReadOnlyList<CalibrationTarget> Evaluate(HardwareCatalog catalog, Scenario scenario, CalibrationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var values = PublishedFigures.Compute(catalog, scenario, spec.Premises, spec.Figures.Select(f => f.Id));
        return spec.Figures.Select(f => new CalibrationTarget
        {
            Name = f.Id, Description = f.Description, Published = f.Value, Model = values.TryGetValue(f.Id, out var x) ? x : double.NaN,
            Tolerance = f.Tolerance, AbsoluteTolerance = f.Kind == ToleranceKind.Absolute, Weight = f.Weight, Unit = f.Unit,
        }).ToList();
    }

    /// <summary>
    /// The figures of <paramref name="spec"/> against <paramref name="scenario"/> as it stands, without solving; the
    /// spec's free parameters are reported at the scenario's values, so a value on its bound is a warning here too.
    /// </summary>
    public static CalibrationResult Check(HardwareCatalog catalog, Scenario scenario, CalibrationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(spec);
        scenario = spec.Premises.ApplyTo(scenario);
        var targets = Evaluate(catalog, scenario, spec);
        var parameters = spec.Free.Select(p => new CalibrationParameter(p.Key,
            (FreeParameters.Find(p.Key, catalog) ?? throw new ArgumentException($"'{p.Key}' cannot be a free parameter", nameof(spec))).Get(scenario, catalog),
            p.Min, p.Max, p.MinReason, p.MaxReason)).ToList();
        return new CalibrationResult(scenario, parameters, targets, Objective(targets)) { Spec = spec.Name, Premises = spec.Premises, Solved = false };
    }

    // A figure the model cannot give (NaN) counts as far off, so the solve moves away from it.
    private static double Objective(IEnumerable<CalibrationTarget> targets) =>
        targets.Where(t => t.Fitted).Sum(t => t.Weight * (double.IsFinite(t.Normalized) ? t.Normalized * t.Normalized : 1e6));

    /// <summary>Solves the spec's free assumptions, starting from <paramref name="start"/>'s values (clamped into the bounds).</summary>
    public static CalibrationResult Solve(HardwareCatalog catalog, Scenario start, CalibrationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(spec);
        start = spec.Premises.ApplyTo(start);
        var free = spec.Free.Select(f => FreeParameters.Find(f.Key, catalog) ?? throw new ArgumentException($"'{f.Key}' cannot be a free parameter", nameof(spec))).ToArray();
        Scenario Apply(double[] x)
        {
            var s = start;
            for (var i = 0; i < free.Length; i++) s = free[i].Set(s, x[i]);
            return s;
        }
        double ObjectiveAt(double[] x) => Objective(Evaluate(catalog, Apply(x), spec));
        var lower = spec.Free.Select(p => p.Min).ToArray();
        var upper = spec.Free.Select(p => p.Max).ToArray();
        var x = free.Select((p, i) => Math.Clamp(p.Get(start, catalog), lower[i], upper[i])).ToArray();
        var value = ObjectiveAt(x);
        if (free.Length > 0)
        {
            (x, value) = NelderMead.Minimize(ObjectiveAt, x, lower, upper);
            // Restart from the optimum until it stops improving: Nelder-Mead can stall on a ridge.
            for (var i = 0; i < 5; i++)
            {
                var (x2, v2) = NelderMead.Minimize(ObjectiveAt, x, lower, upper);
                if (v2 >= value - 1e-12) break;
                (x, value) = (x2, v2);
            }
        }
        var solved = Apply(x);
        var parameters = spec.Free.Select((p, i) => new CalibrationParameter(p.Key, x[i], p.Min, p.Max, p.MinReason, p.MaxReason)).ToList();
        return new CalibrationResult(solved, parameters, Evaluate(catalog, solved, spec), value) { Spec = spec.Name, Premises = spec.Premises };
    }
}
