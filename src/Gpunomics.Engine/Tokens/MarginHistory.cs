using Gpunomics.InferenceX;

namespace Gpunomics.Tokens;

/// <summary>A new best cost to serve on one hardware: the best measured throughput published up to a run date.</summary>
/// <param name="Date">Run date that set the new best (yyyy-mm-dd).</param>
/// <param name="Hardware">Hardware as the benchmark names it.</param>
/// <param name="TcoPerGpuHour">TCO of the hardware's catalog system, $ per GPU-hour.</param>
/// <param name="TputPerGpu">Best measured throughput reaching the interactivity up to <paramref name="Date"/>, tokens/s per GPU.</param>
/// <param name="Configuration">The configuration measured at <paramref name="TputPerGpu"/>.</param>
/// <param name="CostPerMillion">Cost to serve, $ per million tokens: TCO / (throughput x 3,600) x 1e6.</param>
/// <param name="GrossMargin">1 - cost / blended price.</param>
public sealed record MarginStep(string Date, string Hardware, double TcoPerGpuHour, double TputPerGpu, ServingConfiguration Configuration,
    double CostPerMillion, double GrossMargin);

/// <summary>
/// A model lab's gross margin over time (methodology: "Gross margin over time"): a blended price against the cost to
/// serve, as dated serving results raise the best measured throughput on each hardware and newer hardware arrives.
/// </summary>
public static class MarginHistory
{
    /// <summary>
    /// For each hardware with a TCO in <paramref name="tcoPerGpuHour"/>, every run date whose measurements raise the best
    /// throughput so far reaching <paramref name="interactivity"/> on <paramref name="workload"/>, with its cost and margin
    /// at <paramref name="pricePerMillion"/>; ordered by date, then hardware.
    /// </summary>
    public static IReadOnlyList<MarginStep> ByHardware(IEnumerable<ServingMeasurement> rows, ServingWorkload workload, double interactivity,
        IReadOnlyDictionary<string, double> tcoPerGpuHour, double pricePerMillion)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(tcoPerGpuHour);
        if (!(pricePerMillion > 0)) throw new ArgumentOutOfRangeException(nameof(pricePerMillion), pricePerMillion, "must be positive");
        var all = rows as IReadOnlyList<ServingMeasurement> ?? rows.ToList();
        var steps = new List<MarginStep>();
        foreach (var (hardware, tco) in tcoPerGpuHour)
        {
            var filter = new ServingFilter { Hardware = hardware }.For(workload);
            var best = 0.0;
            foreach (var d in ServingAnalysis.ByDate(all, filter, interactivity))
            {
                if (d.TputPerGpu is not { } t || t <= best) continue;
                best = t;
                var cost = TokenEconomics.CostPerMillion(tco, t);
                steps.Add(new MarginStep(d.Date, hardware, tco, t, d.Best!, cost, TokenEconomics.GrossMargin(cost, pricePerMillion)));
            }
        }
        return steps.OrderBy(s => s.Date, StringComparer.Ordinal).ThenBy(s => s.Hardware, StringComparer.Ordinal).ToList();
    }

    /// <summary>The steps that lower the cheapest cost to serve on any hardware so far: the lab's best option by date.</summary>
    public static IReadOnlyList<MarginStep> Cheapest(IReadOnlyList<MarginStep> byHardware)
    {
        ArgumentNullException.ThrowIfNull(byHardware);
        var cheapest = new List<MarginStep>();
        foreach (var s in byHardware.OrderBy(s => s.Date, StringComparer.Ordinal).ThenBy(s => s.CostPerMillion))
            if (cheapest.Count == 0 || s.CostPerMillion < cheapest[^1].CostPerMillion) cheapest.Add(s);
        return cheapest;
    }
}
