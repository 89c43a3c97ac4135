using System.Globalization;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;

namespace Gpunomics.Charts;

/// <summary>Cost per million tokens (or throughput) against interactivity, one line per hardware: the chart the report, the command line and the dashboard draw.</summary>
public static class ServingCharts
{
    /// <summary>
    /// Each hardware's Pareto frontier over all its configurations on a log grid of interactivity, with the
    /// measured points; cost uses the TCO of the matching catalog system.
    /// </summary>
    /// <exception cref="ArgumentException">When a hardware has no matching rows, or (for cost) no catalog system.</exception>
    public static LineChart Build(EconomicsModel model, IReadOnlyList<ServingMeasurement> rows, IReadOnlyList<string> hardware, ServingFilter baseFilter, bool cost, string note)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(baseFilter);
        var series = new List<LineSeries>();
        foreach (var hw in hardware)
        {
            var filter = baseFilter with { Hardware = hw };
            // The Pareto frontier over every configuration: the best measured trade-off, monotone.
            var envelope = ServingAnalysis.Envelope(rows, filter)
                ?? throw new ArgumentException($"no rows match hardware '{hw}'{Describe(filter)}", nameof(hardware));
            double? tco = null;
            if (cost)
            {
                var id = ServingAnalysis.CatalogSystemId(hw) ?? throw new ArgumentException($"hardware '{hw}' has no catalog system, so no TCO for its cost; draw throughput, or give a TCO per GPU-hour", nameof(hardware));
                tco = model.Tco(id).PerGpuHour;
            }
            double Y(double tput) => tco is { } h ? TokenEconomics.CostPerMillion(h, tput) : tput;
            var lo = envelope.MinInteractivity;
            var hi = envelope.MaxInteractivity;
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i <= 120; i++)
            {
                var u = lo * Math.Pow(hi / lo, i / 120.0);
                if (envelope.ThroughputAt(u) is { } tput) { xs.Add(u); ys.Add(Y(tput)); }
            }
            var measured = rows.Where(filter.Matches).ToList();
            var label = tco is { } t ? $"{hw} (TCO {t.ToString("$0.00", CultureInfo.InvariantCulture)}/GPU-hour)" : hw;
            series.Add(new LineSeries(label, xs, ys, measured.Select(m => m.Interactivity).ToList(), measured.Select(m => Y(m.TputPerGpu)).ToList()));
        }
        var what = Describe(baseFilter).TrimStart(',', ' ');
        var suffix = what.Length > 0 ? " (" + what + ")" : "";
        return cost
            ? new LineChart($"Cost to serve against interactivity, Pareto frontier per system{suffix}", "interactivity, tokens/s per user", "$ per million tokens (all tokens)", series, LogY: true, YPrefix: "$", Note: note)
            : new LineChart($"Throughput against interactivity, Pareto frontier per system{suffix}", "interactivity, tokens/s per user", "tokens/s per GPU", series, Note: note);
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
