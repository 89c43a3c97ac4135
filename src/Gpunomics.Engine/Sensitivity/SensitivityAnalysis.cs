using Gpunomics.Batch;
using Gpunomics.MonteCarlo;

namespace Gpunomics.Sensitivity;

/// <summary>One tornado bar: the project at an input's low and high values, every other input at base.</summary>
/// <param name="Input">Input name (see <see cref="MonteCarloSetup.InputNames"/>).</param>
/// <param name="BaseValue">Base value of the input.</param>
/// <param name="LowValue">Base x (1 - range).</param>
/// <param name="HighValue">Base x (1 + range).</param>
/// <param name="IrrLow">Annual IRR at the low value, or null when there is none.</param>
/// <param name="IrrHigh">Annual IRR at the high value, or null when there is none.</param>
/// <param name="FloorLow">Floor price at the low value, $/GPU-hour.</param>
/// <param name="FloorHigh">Floor price at the high value, $/GPU-hour.</param>
public sealed record TornadoBar(string Input, double BaseValue, double LowValue, double HighValue, double? IrrLow, double? IrrHigh, double FloorLow, double FloorHigh)
{
    /// <summary>|IRR high - IRR low| (0 when either is missing): the bar's length, used to sort.</summary>
    public double IrrSwing => IrrLow is { } l && IrrHigh is { } h ? Math.Abs(h - l) : 0;
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
    /// Moves each input of <paramref name="setup"/> by ±<paramref name="range"/> (relative; term rounded to whole months),
    /// stopping at the input's declared range (a billed utilization of 1 has no high side): the bar's low and high values
    /// are the ones evaluated.
    /// </summary>
    public static Tornado Tornado(MonteCarloSetup setup, double range)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!(range > 0 && range < 1)) throw new ArgumentOutOfRangeException(nameof(range), range, "must be in (0, 1)");
        var names = MonteCarloSetup.InputNames;
        var points = new List<Dictionary<string, double>> { new(setup.Base, StringComparer.OrdinalIgnoreCase) };
        foreach (var input in MonteCarloSetup.Inputs)
            foreach (var sign in new[] { -1.0, 1.0 })
                points.Add(new Dictionary<string, double>(setup.Base, StringComparer.OrdinalIgnoreCase) { [input.Name] = Within(input, setup.Base[input.Name] * (1 + sign * range)) });
        var (irr, floor) = Evaluate(setup, points);
        var bars = names.Select((n, k) => new TornadoBar(n, setup.Base[n], points[1 + 2 * k][n], points[2 + 2 * k][n],
                irr[1 + 2 * k], irr[2 + 2 * k], floor[1 + 2 * k], floor[2 + 2 * k]))
            .OrderByDescending(b => b.IrrSwing).ThenByDescending(b => Math.Abs(b.FloorHigh - b.FloorLow)).ToList();
        return new Tornado(range, irr[0], floor[0], bars);
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

    private static (double?[] Irr, double[] Floor) Evaluate(MonteCarloSetup setup, List<Dictionary<string, double>> points)
    {
        var batch = new RentalBatch(points.Count) { Financing = setup.Financing.IsNone ? null : setup.Financing };
        for (var i = 0; i < points.Count; i++)
        {
            var v = points[i];
            var m = v["systemPriceMultiplier"];
            batch.PricePerGpuHour[i] = v["price"];
            batch.CapexPerGpu[i] = setup.CapexFixed + setup.CapexPerMultiplier * m;
            batch.OperatingCostPerHour[i] = setup.OperatingCostPerHour(m, v["utilization"], v["opexMultiplier"]);
            batch.TermMonths[i] = (int)Math.Round(v["termMonths"]);
            batch.PrepayShare[i] = v["prepay"];
            batch.BilledUtilization[i] = v["utilization"];
            batch.ResidualValueShare[i] = v["residual"];
            batch.Hurdle[i] = v["hurdle"];
            batch.SetupMonths[i] = setup.SetupMonths;
        }
        var results = new RentalBatchResults(points.Count);
        RentalBatchEvaluator.Evaluate(batch, results);
        var irr = new double?[points.Count];
        for (var i = 0; i < points.Count; i++) irr[i] = results.Status[i] == IrrStatus.Converged ? results.Irr[i] : null;
        return (irr, results.Floor);
    }
}
