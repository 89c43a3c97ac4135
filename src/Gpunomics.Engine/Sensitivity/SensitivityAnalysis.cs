using Gpunomics.Batch;
using Gpunomics.Inputs;
using Gpunomics.MonteCarlo;
using Gpunomics.Scenarios;

namespace Gpunomics.Sensitivity;

/// <summary>One tornado bar: the project at an input's low and high values, every other input at base.</summary>
/// <param name="Input">Input name (see <see cref="MonteCarloSetup.TornadoInputs"/>).</param>
/// <param name="BaseValue">Base value of the input.</param>
/// <param name="LowValue">Base x (1 - range), within the input's declared range.</param>
/// <param name="HighValue">Base x (1 + range), within the input's declared range.</param>
/// <param name="IrrLow">Annual IRR at the low value, or null when there is none.</param>
/// <param name="IrrHigh">Annual IRR at the high value, or null when there is none.</param>
/// <param name="FloorLow">Floor price at the low value, $/GPU-hour.</param>
/// <param name="FloorHigh">Floor price at the high value, $/GPU-hour.</param>
public sealed record TornadoBar(string Input, double BaseValue, double LowValue, double HighValue, double? IrrLow, double? IrrHigh, double FloorLow, double FloorHigh)
{
    /// <summary>|IRR high - IRR low| (0 when either is missing): the bar's length, used to sort.</summary>
    public double IrrSwing => IrrLow is { } l && IrrHigh is { } h ? Math.Abs(h - l) : 0;
    /// <summary>The input's scenario-file key for the run's system (e.g. <c>systems.h100.storage</c>), or null when it has none.</summary>
    public string? Key { get; init; }
    /// <summary>
    /// Why the bar has zero width by construction, or null: the input does not enter the project (the TCO's cost of
    /// capital, say), its base value is 0 so a relative move leaves it there, or it acts only with debt or tax the
    /// scenario does not have, or on unbilled hours a take-or-pay contract does not have. Then the IRRs and floors are
    /// the base ones.
    /// </summary>
    public string? NoEffect { get; init; }
}

/// <summary>A tornado: base IRR and floor, and one bar per input sorted by IRR swing (largest first).</summary>
/// <param name="Range">Relative change applied to each input (0.2 = ±20%).</param>
/// <param name="BaseIrr">Annual IRR with every input at base.</param>
/// <param name="BaseFloor">Floor with every input at base, $/GPU-hour.</param>
/// <param name="Bars">The bars.</param>
public sealed record Tornado(double Range, double? BaseIrr, double BaseFloor, IReadOnlyList<TornadoBar> Bars);

/// <summary>A two-way grid of annual IRR over rental price x system price multiplier.</summary>
/// <param name="Prices">Rental prices, $/GPU-hour (rows).</param>
/// <param name="Multipliers">System price multipliers (columns).</param>
/// <param name="Irr">Irr[row][column], null where there is no IRR.</param>
/// <param name="Floors">Floor at each multiplier, $/GPU-hour.</param>
public sealed record TwoWayGrid(IReadOnlyList<double> Prices, IReadOnlyList<double> Multipliers, IReadOnlyList<IReadOnlyList<double?>> Irr, IReadOnlyList<double> Floors);

/// <summary>
/// One-at-a-time sensitivity (tornado) and two-way grids of the rental project, evaluated on the batch engine
/// (methodology: "Sensitivity").
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>
    /// Moves each of <paramref name="inputs"/> (default: every input of <see cref="MonteCarloSetup.TornadoVaried"/>) by
    /// ±<paramref name="range"/> (relative; whole-number inputs rounded), stopping at the input's declared range (a billed
    /// utilization of 1 has no high side): the bar's low and high values are the ones evaluated. Inputs of
    /// <see cref="MonteCarloSetup.Inputs"/> run on the batch engine with capex and operating cost computed from the moved
    /// values; debt and tax through the scalar model; an input outside the project gets a zero-width bar with the reason.
    /// </summary>
    /// <exception cref="ArgumentException">When an input is not one of the setup's tornado inputs.</exception>
    public static Tornado Tornado(MonteCarloSetup setup, double range, IReadOnlyList<ModelInput>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!(range > 0 && range < 1)) throw new ArgumentOutOfRangeException(nameof(range), range, "must be in (0, 1)");
        var all = setup.TornadoVaried;
        inputs ??= all;
        foreach (var input in inputs)
            if (!all.Contains(input)) throw new ArgumentException($"{input.Name} is not a tornado input of {setup.SystemId}", nameof(inputs));
        var points = new List<Dictionary<string, double>> { new(setup.Base, StringComparer.OrdinalIgnoreCase) };
        foreach (var input in inputs)
            foreach (var sign in new[] { -1.0, 1.0 })
                points.Add(new Dictionary<string, double>(setup.Base, StringComparer.OrdinalIgnoreCase) { [input.Name] = Within(input, setup.Base[input.Name] * (1 + sign * range)) });
        var (irr, floor) = Evaluate(setup, points);
        var bars = inputs.Select((input, k) =>
            {
                var n = input.Name;
                var noEffect = NoEffect(setup, input);
                var (lo, hi) = noEffect is null ? (1 + 2 * k, 2 + 2 * k) : (0, 0);
                return new TornadoBar(n, setup.Base[n], points[1 + 2 * k][n], points[2 + 2 * k][n], irr[lo], irr[hi], floor[lo], floor[hi])
                {
                    Key = setup.KeyOf(input),
                    NoEffect = noEffect,
                };
            })
            .OrderBy(b => b.NoEffect is null ? 0 : 1)
            .ThenByDescending(b => b.IrrSwing).ThenByDescending(b => Math.Abs(b.FloorHigh - b.FloorLow)).ToList();
        return new Tornado(range, irr[0], floor[0], bars);
    }

    /// <summary>
    /// The tornado inputs <paramref name="names"/> name (names or scenario-file keys, see <see cref="MonteCarloSetup.Find"/>),
    /// each once; null and the inputs, or the first problem.
    /// </summary>
    public static string? ReadInputs(MonteCarloSetup setup, IEnumerable<string> names, out List<ModelInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(names);
        inputs = [];
        foreach (var name in names)
        {
            var input = setup.Find(name, out var problem);
            if (input is null) { inputs = []; return problem; }
            if (inputs.Contains(input)) { inputs = []; return $"'{name}': {input.Name} is given twice"; }
            inputs.Add(input);
        }
        return null;
    }

    private static string? NoEffect(MonteCarloSetup setup, ModelInput input)
    {
        if (MonteCarloSetup.OutsideProject.TryGetValue(input, out var why)) return "does not enter the rental project: " + why;
        var b = setup.Base;
        if ((input == ModelInputs.DebtRate || input == ModelInputs.DebtTermMonths) && b[ModelInputs.DebtShare.Name] == 0)
            return "acts only with debt; the scenario has none (debt.share 0)";
        if (input == ModelInputs.DepreciationYears && b[ModelInputs.TaxRate.Name] == 0)
            return "acts only with tax; the scenario has none (tax.rate 0)";
        if (input == ModelInputs.IdlePowerShare && b[ModelInputs.Utilization.Name] == 1 && setup.Life is null)
            return "acts only on unbilled hours; the contract bills every hour (contract.billedUtilization 1)";
        if (b[input.Name] == 0) return "base value 0: a relative move leaves it at 0";
        return null;
    }

    private static double Within(Inputs.ModelInput input, double value)
    {
        var r = input.Range;
        var v = Math.Clamp(input.Whole ? Math.Round(value) : value, r.Min, r.Max);
        if (r.MinExclusive && v <= r.Min) v = Math.BitIncrement(r.Min);
        if (r.MaxExclusive && v >= r.Max) v = Math.BitDecrement(r.Max);
        return v;
    }

    /// <summary>The grid's rental prices around <paramref name="basePrice"/>: -30% to +30% in steps of 10%, rounded to $0.0001.</summary>
    public static IReadOnlyList<double> GridPrices(double basePrice) => [.. Enumerable.Range(-3, 7).Select(k => Math.Round(basePrice * (1 + k * 0.1), 4))];

    /// <summary>The grid's system price multipliers.</summary>
    public static IReadOnlyList<double> GridMultipliers { get; } = [0.8, 0.9, 1.0, 1.1, 1.2, 1.4];

    /// <summary>IRR over every (price, multiplier) pair, other inputs at base.</summary>
    public static TwoWayGrid Grid(MonteCarloSetup setup, IReadOnlyList<double> prices, IReadOnlyList<double> multipliers)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(multipliers);
        var points = new List<Dictionary<string, double>>();
        foreach (var p in prices)
            foreach (var m in multipliers)
                points.Add(new Dictionary<string, double>(setup.Base, StringComparer.OrdinalIgnoreCase) { ["price"] = p, ["systemPriceMultiplier"] = m });
        var (irr, floor) = Evaluate(setup, points);
        var rows = prices.Select((_, r) => (IReadOnlyList<double?>)[.. multipliers.Select((_, c) => irr[r * multipliers.Count + c])]).ToList();
        return new TwoWayGrid(prices, multipliers, rows, [.. multipliers.Select((_, c) => floor[c])]);
    }

    // Each point through the batch engine; the points are grouped by their debt and tax, one batch per financing (a
    // financing differing from the scenario's comes only from the tornado's debt and tax bars).
    // With an asset life every point is a whole-life project, built from its values and solved as explicit flows.
    private static (double?[] Irr, double[] Floor) Evaluate(MonteCarloSetup setup, List<Dictionary<string, double>> points)
    {
        var varied = setup.Varied;
        var index = new MonteCarloSetup.CostIndex(setup);
        if (setup.Life is not null) return EvaluateLife(setup, index, points);
        var irr = new double?[points.Count];
        var floor = new double[points.Count];
        foreach (var group in Enumerable.Range(0, points.Count).GroupBy(i => FinancingAt(setup, points[i])))
        {
            var rows = group.ToList();
            var batch = new RentalBatch(rows.Count) { Financing = group.Key.IsNone ? null : group.Key };
            var values = new double[varied.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var k = 0; k < varied.Count; k++) values[k] = points[rows[r]][varied[k].Name];
                index.Fill(batch, r, values);
            }
            var results = new RentalBatchResults(rows.Count);
            RentalBatchEvaluator.Evaluate(batch, results);
            for (var r = 0; r < rows.Count; r++)
            {
                irr[rows[r]] = results.Status[r] == IrrStatus.Converged ? results.Irr[r] : null;
                floor[rows[r]] = results.Floor[r];
            }
        }
        return (irr, floor);
    }

    private static (double?[] Irr, double[] Floor) EvaluateLife(MonteCarloSetup setup, MonteCarloSetup.CostIndex index, List<Dictionary<string, double>> points)
    {
        var varied = setup.Varied;
        var values = new double[points.Count * varied.Count];
        for (var p = 0; p < points.Count; p++)
            for (var k = 0; k < varied.Count; k++) values[p * varied.Count + k] = points[p][varied[k].Name];
        var financing = points.Select(p => FinancingAt(setup, p)).Select(f => f.IsNone ? null : f).ToList();
        var results = new RentalBatchResults(points.Count);
        var hasFloor = new bool[points.Count];
        new WholeLifeEvaluator().Evaluate(setup, index, values, varied.Count, points.Count, i => financing[i], results, hasFloor, 0, default);
        var irr = new double?[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (!hasFloor[i]) throw new Pricing.NoFloorException($"{Pricing.NoFloorException.Prefix}no price gives the hurdle IRR over the whole life at one of the tornado's points, so its bar has no floor");
            irr[i] = results.Status[i] == IrrStatus.Converged ? results.Irr[i] : null;
        }
        return (irr, results.Floor[..points.Count]);
    }

    private static ProjectFinancing FinancingAt(MonteCarloSetup setup, Dictionary<string, double> v)
    {
        var f = setup.Financing;
        double V(ModelInput i) => v.TryGetValue(i.Name, out var x) ? x : setup.Base[i.Name];
        var term = V(ModelInputs.DebtTermMonths);
        // A loan without a term of its own follows the contract term, unless its term is the input moved.
        int? debtTerm = f.DebtTermMonths is null && term == setup.Base[ModelInputs.DebtTermMonths.Name] ? null : (int)Math.Round(term);
        // The loan keeps its shape (sizing, draws, repayment, covenants): only the bar's own input moves.
        var at = f with
        {
            DebtShare = V(ModelInputs.DebtShare), DebtRate = V(ModelInputs.DebtRate), DebtTermMonths = debtTerm,
            TaxRate = V(ModelInputs.TaxRate), DepreciationYears = V(ModelInputs.DepreciationYears),
        };
        return at == f ? f : at;
    }
}
