namespace Gpunomics.InferenceX;

/// <summary>A point on a throughput-versus-interactivity frontier.</summary>
/// <param name="Interactivity">Tokens/s seen by one user.</param>
/// <param name="TputPerGpu">Total tokens/s per GPU.</param>
public readonly record struct FrontierPoint(double Interactivity, double TputPerGpu);

/// <summary>
/// The Pareto frontier of throughput per GPU against interactivity: the measured points that no
/// other point beats on both, in rising interactivity (and so falling throughput). Between two frontier
/// points it interpolates as a power law, linear in log-log space: monotone, through both points, and
/// below the chord joining them, so it never reports a value above the measured points' hull. It does
/// not extrapolate (methodology: "Frontiers").
/// </summary>
public sealed class Frontier
{
    private Frontier(IReadOnlyList<FrontierPoint> points) => Points = points;

    /// <summary>Frontier points, interactivity rising, throughput falling.</summary>
    public IReadOnlyList<FrontierPoint> Points { get; }

    /// <summary>Lowest interactivity covered.</summary>
    public double MinInteractivity => Points[0].Interactivity;

    /// <summary>Highest interactivity covered.</summary>
    public double MaxInteractivity => Points[^1].Interactivity;

    /// <summary>The Pareto frontier of <paramref name="points"/> (at least one, all positive).</summary>
    public static Frontier Of(IEnumerable<FrontierPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.OrderByDescending(p => p.Interactivity).ThenByDescending(p => p.TputPerGpu).ToList();
        if (sorted.Count == 0) throw new ArgumentException("a frontier needs at least one point", nameof(points));
        if (sorted.Any(p => !(p.Interactivity > 0) || !(p.TputPerGpu > 0)))
            throw new ArgumentException("frontier points must have positive interactivity and throughput", nameof(points));
        var kept = new List<FrontierPoint>();
        var best = double.NegativeInfinity;
        foreach (var p in sorted)
        {
            if (p.TputPerGpu > best)
            {
                kept.Add(p);
                best = p.TputPerGpu;
            }
        }
        kept.Reverse();
        return new Frontier(kept);
    }

    /// <summary>True when <paramref name="interactivity"/> lies within the measured range.</summary>
    public bool Covers(double interactivity) =>
        interactivity >= MinInteractivity * (1 - 1e-9) && interactivity <= MaxInteractivity * (1 + 1e-9);

    /// <summary>Throughput per GPU at <paramref name="interactivity"/>, or null outside the measured range.</summary>
    public double? ThroughputAt(double interactivity)
    {
        if (!Covers(interactivity)) return null;
        for (var i = 0; i < Points.Count; i++)
        {
            var p = Points[i];
            if (Math.Abs(interactivity - p.Interactivity) <= 1e-9 * p.Interactivity) return p.TputPerGpu;
            if (i + 1 < Points.Count && interactivity < Points[i + 1].Interactivity)
            {
                var q = Points[i + 1];
                var exponent = Math.Log(q.TputPerGpu / p.TputPerGpu) / Math.Log(q.Interactivity / p.Interactivity);
                return p.TputPerGpu * Math.Pow(interactivity / p.Interactivity, exponent);
            }
        }
        return Points[^1].TputPerGpu;
    }
}
