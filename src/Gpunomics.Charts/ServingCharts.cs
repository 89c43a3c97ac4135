using System.Globalization;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;

namespace Gpunomics.Charts;

/// <summary>Cost per million tokens (or throughput) against interactivity, one line per hardware: the chart the report, the command line and the dashboard draw.</summary>
public static class ServingCharts
{
    /// <summary>
    /// Each hardware's measured envelope over all its configurations of one workload (the best throughput
    /// among points reaching at least each interactivity: a staircase through the frontier points), with the
    /// measured points of that workload; cost uses the TCO of the matching catalog system. The workload is
    /// chosen per hardware as <see cref="ServingAnalysis.ChooseWorkload"/> does and named in the title (or in
    /// each line's label when the lines differ).
    /// </summary>
    /// <exception cref="ArgumentException">When a hardware has no matching rows, rows of several workloads, or (for cost) no catalog system.</exception>
    public static LineChart Build(EconomicsModel model, IReadOnlyList<ServingMeasurement> rows, IReadOnlyList<string> hardware, ServingFilter baseFilter, bool cost, string note)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(baseFilter);
        var lines = new List<(string Hardware, ServingWorkload Workload, Frontier Envelope, List<ServingMeasurement> Measured, double? Tco)>();
        foreach (var hw in hardware)
        {
            var open = baseFilter with { Hardware = hw };
            var choice = ServingAnalysis.ChooseWorkload(rows, open);
            if (choice.Workload is not { } workload)
                throw new ArgumentException(choice.Present.Count == 0
                    ? $"no rows match hardware '{hw}'{Describe(open)}"
                    : $"the rows for hardware '{hw}'{Describe(open)} hold {choice.Present.Count} workloads ({choice.PresentLabels}): a frontier belongs to one; name the model, input and output lengths and precision", nameof(hardware));
            var filter = open.For(workload);
            double? tco = null;
            if (cost)
            {
                var id = ServingAnalysis.CatalogSystemId(hw) ?? throw new ArgumentException($"hardware '{hw}' has no catalog system, so no TCO for its cost; draw throughput, or give a TCO per GPU-hour", nameof(hardware));
                tco = model.Tco(id).PerGpuHour;
            }
            lines.Add((hw, workload, ServingAnalysis.Envelope(rows, filter)!, rows.Where(filter.Matches).ToList(), tco));
        }
        var common = lines.Select(l => l.Workload).Distinct().Count() == 1 ? lines[0].Workload : null;
        var series = lines.Select(l =>
        {
            double Y(double tput) => l.Tco is { } h ? TokenEconomics.CostPerMillion(h, tput) : tput;
            var steps = l.Envelope.Steps();
            var name = common is null ? $"{l.Hardware} {l.Workload.Label}" : l.Hardware;
            var label = l.Tco is { } t ? $"{name} (TCO {t.ToString("$0.00", CultureInfo.InvariantCulture)}/GPU-hour)" : name;
            return new LineSeries(label, steps.Select(q => q.Interactivity).ToList(), steps.Select(q => Y(q.TputPerGpu)).ToList(),
                l.Measured.Select(m => m.Interactivity).ToList(), l.Measured.Select(m => Y(m.TputPerGpu)).ToList());
        }).ToList();
        var suffix = common is null ? "" : $" ({common.Label})";
        return cost
            ? new LineChart($"Cost to serve against interactivity, best measured per system{suffix}", "interactivity, tokens/s per user", "$ per million tokens (all tokens)", series, LogY: true, YPrefix: "$", Note: note)
            : new LineChart($"Throughput against interactivity, best measured per system{suffix}", "interactivity, tokens/s per user", "tokens/s per GPU", series, Note: note);
    }

    /// <summary>The filter in words, e.g. ", dsr1, 8192/1024".</summary>
    public static string Describe(ServingFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return string.Concat(
            f.Model is null ? "" : $", {f.Model}",
            f.Isl is null && f.Osl is null ? "" : $", {f.Isl?.ToString(CultureInfo.InvariantCulture) ?? "any"}/{f.Osl?.ToString(CultureInfo.InvariantCulture) ?? "any"}",
            f.Precision is null ? "" : $", {f.Precision}",
            f.Framework is null ? "" : $", {f.Framework}");
    }
}
