using System.Globalization;
using Gpunomics.Inputs;

namespace Gpunomics.Tests.Shared;

/// <summary>
/// The edges of every declared input's range, written as a user would type them: each bound (allowed unless open)
/// and the nearest value past it (refused), or just inside an open bound. Generated from <see cref="ModelInputs"/>,
/// so a new input is checked on every way of giving it without a new test.
/// </summary>
internal static class InputEdges
{
    /// <summary>One value at an edge: as typed, its number, and whether the range holds it.</summary>
    public sealed record Edge(string Text, double Value, bool Allowed)
    {
        public override string ToString() => $"{Text} ({(Allowed ? "allowed" : "refused")})";
    }

    public static IEnumerable<Edge> Of(ModelInput input)
    {
        var r = input.Range;
        foreach (var (bound, exclusive, outward) in new[] { (r.Min, r.MinExclusive, -1.0), (r.Max, r.MaxExclusive, 1.0) })
        {
            var step = input.Whole ? 1 : Math.Max(Math.Abs(bound) * 1e-6, 1e-6);
            yield return Make(input, bound, !exclusive);
            yield return exclusive ? Make(input, bound - outward * step, true) : Make(input, bound + outward * step, false);
        }
    }

    private static Edge Make(ModelInput input, double value, bool allowed) => new(Text(input, value), value, allowed);

    /// <summary>A rate or share beyond ±1 is written with its % sign: a bare 5 is refused as a likely 5%.</summary>
    public static string Text(ModelInput input, double value) =>
        input.Unit.IsFraction() && Math.Abs(value) > 1
            ? (value * 100).ToString("R", CultureInfo.InvariantCulture) + "%"
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value as a scenario file holds it: a JSON number, or a string with a % sign for a rate beyond ±1.</summary>
    public static string Json(ModelInput input, Edge edge) => edge.Text.EndsWith('%') ? $"\"{edge.Text}\"" : edge.Text;

    /// <summary>A value inside the input's range: its edges now and then, else uniform (log-uniform over a wide range).</summary>
    public static double Inside(ModelInput input, Random random)
    {
        var r = input.Range;
        var lo = r.MinExclusive ? r.Min + Math.Max(Math.Abs(r.Min) * 1e-6, 1e-6) : r.Min;
        var hi = r.MaxExclusive ? r.Max - Math.Max(Math.Abs(r.Max) * 1e-6, 1e-6) : r.Max;
        var u = random.NextDouble();
        var v = u < 0.15 ? lo : u > 0.85 ? hi
            : lo >= 0 && hi > 1000 * Math.Max(lo, 1e-3) ? Math.Exp(Math.Log(Math.Max(lo, 1e-3)) + random.NextDouble() * (Math.Log(hi) - Math.Log(Math.Max(lo, 1e-3))))
            : lo + random.NextDouble() * (hi - lo);
        v = input.Whole ? Math.Round(v) : Math.Round(v, 6);
        return Math.Clamp(v, lo, hi);
    }
}
