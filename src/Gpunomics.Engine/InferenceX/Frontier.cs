namespace Gpunomics.InferenceX;

/// <summary>A point on a throughput-versus-interactivity frontier.</summary>
/// <param name="Interactivity">Tokens/s seen by one user.</param>
/// <param name="TputPerGpu">Total tokens/s per GPU.</param>
public readonly record struct FrontierPoint(double Interactivity, double TputPerGpu);

/// <summary>
/// A figure between two measured frontier points, read off the power law through them (linear in
/// log-log space). Not measured: no configuration was run there, and it lies above the measured
/// envelope (methodology: "Frontiers").
/// </summary>
/// <param name="TputPerGpu">Interpolated tokens/s per GPU.</param>
/// <param name="Below">The measured point at lower interactivity (higher throughput).</param>
/// <param name="Above">The measured point at higher interactivity (lower throughput).</param>
public sealed record InterpolatedThroughput(double TputPerGpu, FrontierPoint Below, FrontierPoint Above);

/// <summary>
/// The Pareto frontier of throughput per GPU against interactivity: the measured points that no other
/// point beats on both, in rising interactivity (and so falling throughput). Throughput "at" an
/// interactivity U is the measured envelope: the best throughput among the points reaching at least U,
/// a step function, non-increasing in U and never above a measured point. Above the highest measured
/// interactivity there is no answer (methodology: "Frontiers").
/// </summary>
public sealed class Frontier
{
    private Frontier(IReadOnlyList<FrontierPoint> points) => Points = points;

    /// <summary>Frontier points, interactivity rising, throughput falling.</summary>
    public IReadOnlyList<FrontierPoint> Points { get; }

    /// <summary>Lowest interactivity measured on the frontier.</summary>
    public double MinInteractivity => Points[0].Interactivity;

    /// <summary>Highest interactivity measured.</summary>
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

    /// <summary>True when some measured point reaches <paramref name="interactivity"/>.</summary>
    public bool Reaches(double interactivity) => interactivity <= MaxInteractivity;

    /// <summary>
    /// The measured point with the highest throughput among those reaching at least
    /// <paramref name="interactivity"/>, or null when none does.
    /// </summary>
    public FrontierPoint? BestReaching(double interactivity)
    {
        // Interactivity rises and throughput falls along the frontier: the first point reaching U is the best.
        foreach (var p in Points)
            if (p.Interactivity >= interactivity) return p;
        return null;
    }

    /// <summary>Measured envelope: the best throughput per GPU among the points reaching at least <paramref name="interactivity"/>, or null when none does.</summary>
    public double? ThroughputAt(double interactivity) => BestReaching(interactivity)?.TputPerGpu;

    /// <summary>
    /// The power law through the two frontier points around <paramref name="interactivity"/>, or null when it
    /// is not strictly between two of them (at a measured point, below the first or above the last).
    /// </summary>
    public InterpolatedThroughput? Interpolated(double interactivity)
    {
        for (var i = 0; i + 1 < Points.Count; i++)
        {
            var p = Points[i];
            var q = Points[i + 1];
            if (interactivity > p.Interactivity && interactivity < q.Interactivity)
            {
                var exponent = Math.Log(q.TputPerGpu / p.TputPerGpu) / Math.Log(q.Interactivity / p.Interactivity);
                return new InterpolatedThroughput(p.TputPerGpu * Math.Pow(interactivity / p.Interactivity, exponent), p, q);
            }
        }
        return null;
    }

    /// <summary>
    /// The envelope as a staircase to draw: from the first point, at each measured interactivity down to the
    /// next point's throughput, then across to that point.
    /// </summary>
    public IReadOnlyList<FrontierPoint> Steps()
    {
        var steps = new List<FrontierPoint> { Points[0] };
        for (var i = 1; i < Points.Count; i++)
        {
            steps.Add(new FrontierPoint(Points[i - 1].Interactivity, Points[i].TputPerGpu));
            steps.Add(Points[i]);
        }
        return steps;
    }
}
