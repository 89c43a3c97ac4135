namespace Gpunomics.InferenceX;

/// <summary>Which measurements to look at; null fields match anything.</summary>
public sealed record ServingFilter
{
    /// <summary>Hardware (InferenceX name).</summary>
    public string? Hardware { get; init; }
    /// <summary>Model key.</summary>
    public string? Model { get; init; }
    /// <summary>Input sequence length.</summary>
    public int? Isl { get; init; }
    /// <summary>Output sequence length.</summary>
    public int? Osl { get; init; }
    /// <summary>Weights precision.</summary>
    public string? Precision { get; init; }
    /// <summary>Serving framework.</summary>
    public string? Framework { get; init; }

    /// <summary>True when the measurement matches.</summary>
    public bool Matches(ServingMeasurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var c = m.Configuration;
        return Eq(Hardware, c.Hardware) && Eq(Model, c.Model) && Eq(Precision, c.Precision) && Eq(Framework, c.Framework)
            && (Isl is null || Isl == c.Isl) && (Osl is null || Osl == c.Osl);
    }

    /// <summary>The workload this filter names, or null unless model, input and output lengths and precision are all given.</summary>
    public ServingWorkload? Workload =>
        Model is { } m && Isl is { } i && Osl is { } o && Precision is { } p ? ServingWorkload.Of(m, i, o, p) : null;

    /// <summary>This filter narrowed to <paramref name="workload"/>.</summary>
    public ServingFilter For(ServingWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return this with { Model = workload.Model, Isl = workload.Isl, Osl = workload.Osl, Precision = workload.Precision };
    }

    private static bool Eq(string? want, string have) => want is null || string.Equals(want, have, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One configuration's frontier.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="Frontier">Its frontier over every date measured.</param>
/// <param name="Measurements">How many points were measured.</param>
public sealed record ConfigurationFrontier(ServingConfiguration Configuration, Frontier Frontier, int Measurements);

/// <summary>The best measured configuration reaching an interactivity.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="TputPerGpu">Its measured throughput per GPU.</param>
/// <param name="Interactivity">The interactivity it was measured at (at least the one asked for), tokens/s per user.</param>
public sealed record BestConfiguration(ServingConfiguration Configuration, double TputPerGpu, double Interactivity);

/// <summary>The workload chosen for a selection, or the workloads among which none could be chosen.</summary>
/// <param name="Workload">The one workload, or null when the rows hold none or several.</param>
/// <param name="Present">Every workload among the matching rows, by label.</param>
public sealed record WorkloadChoice(ServingWorkload? Workload, IReadOnlyList<ServingWorkload> Present)
{
    /// <summary>The workloads present, as a list of labels.</summary>
    public string PresentLabels => string.Join(", ", Present.Select(w => w.Label));
}

/// <summary>Best throughput of one date's runs.</summary>
/// <param name="Date">Run date.</param>
/// <param name="TputPerGpu">Best measured throughput among that date's points reaching the target interactivity, or null when none does.</param>
/// <param name="MaxTputPerGpu">Highest throughput measured that date at any interactivity.</param>
/// <param name="Best">The configuration giving <paramref name="TputPerGpu"/>.</param>
public sealed record DatedBest(string Date, double? TputPerGpu, double MaxTputPerGpu, ServingConfiguration? Best);

/// <summary>The best a serving technique reached over the history.</summary>
/// <param name="Variant">baseline, disaggregated, mtp, or disaggregated + mtp.</param>
/// <param name="MaxTputPerGpu">Highest throughput measured at any interactivity.</param>
/// <param name="TputPerGpuAtTarget">Best measured throughput reaching the target interactivity, or null when none does.</param>
/// <param name="Date">When <paramref name="MaxTputPerGpu"/> was measured.</param>
public sealed record VariantBest(string Variant, double MaxTputPerGpu, double? TputPerGpuAtTarget, string Date);

/// <summary>
/// Frontiers, best configurations and software gains over measured serving results (methodology:
/// "Frontiers"). Everything that puts rows of several configurations together (envelope, best
/// configuration, gains) takes a filter that names one workload (<see cref="ServingFilter.Workload"/>):
/// choose it with <see cref="ChooseWorkload"/>.
/// </summary>
public static class ServingAnalysis
{
    /// <summary>
    /// The one workload among the rows matching <paramref name="filter"/>: the only one there is, else the one
    /// that takes the default workload's value (<see cref="ServingWorkload.Default"/>) in every field the filter
    /// leaves open; when neither settles it (several workloads, none of them the default), none is chosen.
    /// </summary>
    public static WorkloadChoice ChooseWorkload(IEnumerable<ServingMeasurement> rows, ServingFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var present = rows.Where(filter.Matches).Select(m => m.Configuration.Workload).Distinct()
            .OrderBy(w => w.Model, StringComparer.Ordinal).ThenBy(w => w.Isl).ThenBy(w => w.Osl).ThenBy(w => w.Precision, StringComparer.Ordinal).ToList();
        var d = ServingWorkload.Default;
        var fits = present.Where(w => (filter.Model is not null || w.Model == d.Model) && (filter.Isl is not null || w.Isl == d.Isl)
            && (filter.Osl is not null || w.Osl == d.Osl) && (filter.Precision is not null || w.Precision == d.Precision)).ToList();
        var chosen = present.Count == 1 ? present[0] : fits.Count == 1 ? fits[0] : null;
        return new WorkloadChoice(chosen, present);
    }

    private static ServingWorkload RequireWorkload(ServingFilter filter, string parameter) =>
        filter.Workload ?? throw new ArgumentException("the filter must name one workload (model, input and output lengths, precision): rows of two workloads measure different work", parameter);

    /// <summary>
    /// The best measured configuration among the rows of <paramref name="filter"/>'s workload whose interactivity is
    /// at least <paramref name="interactivity"/>, or null when none reaches it.
    /// </summary>
    public static BestConfiguration? BestReaching(IEnumerable<ServingMeasurement> rows, ServingFilter filter, double interactivity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RequireWorkload(filter, nameof(filter));
        var best = rows.Where(m => filter.Matches(m) && m.Interactivity >= interactivity).MaxBy(m => m.TputPerGpu);
        return best is null ? null : new BestConfiguration(best.Configuration, best.TputPerGpu, best.Interactivity);
    }

    /// <summary>One frontier per configuration among the matching measurements.</summary>
    public static IReadOnlyList<ConfigurationFrontier> Frontiers(IEnumerable<ServingMeasurement> rows, ServingFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return rows.Where(filter.Matches)
            .GroupBy(m => m.Configuration)
            .Select(g => new ConfigurationFrontier(g.Key, Frontier.Of(g.Select(m => new FrontierPoint(m.Interactivity, m.TputPerGpu))), g.Count()))
            .OrderBy(f => f.Configuration.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The Pareto frontier of every matching measurement of the filter's one workload together (the envelope over configurations), or null if none match.</summary>
    public static Frontier? Envelope(IEnumerable<ServingMeasurement> rows, ServingFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RequireWorkload(filter, nameof(filter));
        var points = rows.Where(filter.Matches).Select(m => new FrontierPoint(m.Interactivity, m.TputPerGpu)).ToList();
        return points.Count == 0 ? null : Frontier.Of(points);
    }

    /// <summary>Per run date, the best measured throughput among that date's configurations of the filter's workload: the software-only gain on the same hardware.</summary>
    public static IReadOnlyList<DatedBest> ByDate(IEnumerable<ServingMeasurement> rows, ServingFilter filter, double interactivity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RequireWorkload(filter, nameof(filter));
        return rows.Where(filter.Matches).GroupBy(m => m.Date).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var best = BestReaching(g, filter, interactivity);
            return new DatedBest(g.Key, best?.TputPerGpu, g.Max(m => m.TputPerGpu), best?.Configuration);
        }).ToList();
    }

    /// <summary>The best each serving technique reached: baseline, disaggregated, MTP, and both.</summary>
    public static IReadOnlyList<VariantBest> ByVariant(IEnumerable<ServingMeasurement> rows, ServingFilter filter, double interactivity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RequireWorkload(filter, nameof(filter));
        var matching = rows.Where(filter.Matches).ToList();
        return matching.GroupBy(m => Variant(m.Configuration)).Select(g =>
        {
            var top = g.MaxBy(m => m.TputPerGpu)!;
            var atTarget = BestReaching(g, filter, interactivity)?.TputPerGpu;
            return new VariantBest(g.Key, top.TputPerGpu, atTarget, top.Date);
        }).OrderBy(v => v.MaxTputPerGpu).ToList();
    }

    /// <summary>baseline, disaggregated, mtp, or disaggregated + mtp.</summary>
    public static string Variant(ServingConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var mtp = !string.Equals(c.SpecMethod, "none", StringComparison.OrdinalIgnoreCase);
        return (c.Disaggregated, mtp) switch
        {
            (false, false) => "baseline",
            (true, false) => "disaggregated",
            (false, true) => c.SpecMethod,
            (true, true) => "disaggregated + " + c.SpecMethod,
        };
    }

    private static readonly Dictionary<string, string> CatalogIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["h100"] = "h100", ["h200"] = "h200", ["b200"] = "b200", ["b300"] = "b300",
        ["gb200"] = "gb200-nvl72", ["gb300"] = "gb300-nvl72", ["mi355x"] = "mi355x",
    };

    /// <summary>The catalog system id of an InferenceX hardware name, or null when the catalog has none.</summary>
    public static string? CatalogSystemId(string hardware) => CatalogIds.GetValueOrDefault(hardware);

    /// <summary>The InferenceX hardware name of a catalog system id, or null when the benchmark has none.</summary>
    public static string? HardwareName(string systemId) =>
        CatalogIds.FirstOrDefault(kv => string.Equals(kv.Value, systemId, StringComparison.OrdinalIgnoreCase)).Key;
}
