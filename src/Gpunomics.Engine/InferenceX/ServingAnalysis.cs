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

    private static bool Eq(string? want, string have) => want is null || string.Equals(want, have, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One configuration's frontier.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="Frontier">Its frontier over every date measured.</param>
/// <param name="Measurements">How many points were measured.</param>
public sealed record ConfigurationFrontier(ServingConfiguration Configuration, Frontier Frontier, int Measurements);

/// <summary>The best configuration at an interactivity.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="TputPerGpu">Its throughput per GPU there.</param>
public sealed record BestConfiguration(ServingConfiguration Configuration, double TputPerGpu);

/// <summary>Best throughput of one date's runs.</summary>
/// <param name="Date">Run date.</param>
/// <param name="TputPerGpu">Best throughput at the target interactivity among that date's configurations, or null when none covers it.</param>
/// <param name="MaxTputPerGpu">Highest throughput measured that date at any interactivity.</param>
/// <param name="Best">The configuration giving <paramref name="TputPerGpu"/>.</param>
public sealed record DatedBest(string Date, double? TputPerGpu, double MaxTputPerGpu, ServingConfiguration? Best);

/// <summary>The best a serving technique reached over the history.</summary>
/// <param name="Variant">baseline, disaggregated, mtp, or disaggregated + mtp.</param>
/// <param name="MaxTputPerGpu">Highest throughput measured at any interactivity.</param>
/// <param name="TputPerGpuAtTarget">Best throughput at the target interactivity, or null when not covered.</param>
/// <param name="Date">When <paramref name="MaxTputPerGpu"/> was measured.</param>
public sealed record VariantBest(string Variant, double MaxTputPerGpu, double? TputPerGpuAtTarget, string Date);

/// <summary>Frontiers, best configurations and software gains over measured serving results (methodology: "Frontiers").</summary>
public static class ServingAnalysis
{
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

    /// <summary>The Pareto frontier of every matching measurement together (the envelope over configurations), or null if none match.</summary>
    public static Frontier? Envelope(IEnumerable<ServingMeasurement> rows, ServingFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var points = rows.Where(filter.Matches).Select(m => new FrontierPoint(m.Interactivity, m.TputPerGpu)).ToList();
        return points.Count == 0 ? null : Frontier.Of(points);
    }

    /// <summary>The configuration with the highest throughput at <paramref name="interactivity"/>, or null when none covers it.</summary>
    public static BestConfiguration? BestAt(IEnumerable<ConfigurationFrontier> frontiers, double interactivity) =>
        frontiers.Select(f => f.Frontier.ThroughputAt(interactivity) is { } t ? new BestConfiguration(f.Configuration, t) : null)
            .Where(b => b is not null)
            .MaxBy(b => b!.TputPerGpu);

    /// <summary>Per run date, the best throughput among that date's configurations: the software-only gain on the same hardware.</summary>
    public static IReadOnlyList<DatedBest> ByDate(IEnumerable<ServingMeasurement> rows, ServingFilter filter, double interactivity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return rows.Where(filter.Matches).GroupBy(m => m.Date).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var best = BestAt(Frontiers(g, new ServingFilter()), interactivity);
            return new DatedBest(g.Key, best?.TputPerGpu, g.Max(m => m.TputPerGpu), best?.Configuration);
        }).ToList();
    }

    /// <summary>The best each serving technique reached: baseline, disaggregated, MTP, and both.</summary>
    public static IReadOnlyList<VariantBest> ByVariant(IEnumerable<ServingMeasurement> rows, ServingFilter filter, double interactivity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var matching = rows.Where(filter.Matches).ToList();
        return matching.GroupBy(m => Variant(m.Configuration)).Select(g =>
        {
            var top = g.MaxBy(m => m.TputPerGpu)!;
            var atTarget = BestAt(Frontiers(g, new ServingFilter()), interactivity)?.TputPerGpu;
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
