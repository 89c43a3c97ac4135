using Gpunomics.InferenceX;

namespace Gpunomics.Tokens;

/// <summary>A model tier's list prices, $ per million tokens.</summary>
public sealed record PriceSheet
{
    /// <summary>Tier key, e.g. <c>frontier</c>.</summary>
    public required string Name { get; init; }
    /// <summary>What the tier is.</summary>
    public required string Description { get; init; }
    /// <summary>
    /// The served model the sheet prices, as the serving results name it (e.g. <c>dsr1</c>), or null when the sheet
    /// prices a model no serving result measures (a closed frontier model): then a measured throughput stands in for it.
    /// </summary>
    public string? Model { get; init; }
    /// <summary>Uncached input tokens, $ per million.</summary>
    public required double InputPerMillion { get; init; }
    /// <summary>Output tokens, $ per million.</summary>
    public required double OutputPerMillion { get; init; }
    /// <summary>Cached input read, $ per million.</summary>
    public required double CacheReadPerMillion { get; init; }
    /// <summary>Input written to the cache at the short (five-minute) retention, $ per million (charged instead of the input price).</summary>
    public required double CacheWritePerMillion { get; init; }
    /// <summary>
    /// Input written to the cache at the long (one-hour) retention, $ per million; null when the sheet has none (a
    /// workload writing at long retention cannot then be priced on it).
    /// </summary>
    public double? CacheWriteLongPerMillion { get; init; }
    /// <summary>Where the prices come from.</summary>
    public required string Source { get; init; }
}

/// <summary>
/// A pricing workload: the shape of a workload's token use as the price sheet bills it (input tokens per output
/// token, cache hits, cache writes). The throughput it is divided by comes from a serving workload
/// (<see cref="ServingWorkload"/>); <see cref="WorkloadMatch"/> says whether the two are the same work
/// (methodology: "Pricing and serving workloads").
/// </summary>
/// <param name="InputPerOutput">Input tokens per output token (agentic coding: about 300).</param>
/// <param name="CacheHitRate">Share of input tokens read from the cache, in [0, 1] (agentic coding: above 0.9).</param>
/// <param name="CacheWriteShare">Share of the uncached input that is written to the cache, in [0, 1].</param>
public sealed record Workload(double InputPerOutput, double CacheHitRate, double CacheWriteShare)
{
    /// <summary>Profile name (<c>agentic-coding</c>, <c>served</c>), or <c>given</c> for figures given directly.</summary>
    public string Name { get; init; } = "given";

    /// <summary>Where the figures come from, in words.</summary>
    public string Source { get; init; } = "given";

    /// <summary>Share of the cache writes kept at the long (one-hour) retention rather than the short (five-minute) one, in [0, 1]; default 0.</summary>
    public double LongRetentionShare { get; init; }

    /// <summary>
    /// Agentic coding: 300 input tokens per output token, 92% cache hits, new context cached. The ratio and the hit
    /// rate are published (methodology: "Pricing and serving workloads"); the write share is an estimate.
    /// </summary>
    public static Workload AgenticCoding { get; } = new(300, 0.92, 1.0)
    {
        Name = "agentic-coding",
        Source = "published: about 300 input tokens per output token and cache hits above 90% (the 2026 analysis of GPU rental economics); 92% prompt-cache hits in Claude Code sessions (reported by the Claude Code team, Feb 2026); estimate: every uncached input token written to the cache once (an agent appends each turn's new context to the cached prefix it reads on the next turn)",
    };

    /// <summary>
    /// The pricing workload that bills exactly what a serving workload measured: input:output = isl / osl, no cache
    /// hits (the serving results draw random prompts, so no prefix is reused) and no cache writes.
    /// </summary>
    public static Workload ServedAs(ServingWorkload serving)
    {
        ArgumentNullException.ThrowIfNull(serving);
        return new Workload((double)serving.Isl / serving.Osl, 0, 0)
        {
            Name = "served",
            Source = $"the serving workload's own shape: {serving.Label}, {serving.Isl}/{serving.Osl} input:output, no prefix reuse",
        };
    }

    /// <summary>The named profiles <see cref="Profile"/> knows.</summary>
    public static IReadOnlyList<string> ProfileNames { get; } = ["served", "agentic-coding"];

    /// <summary>
    /// A named profile: <c>served</c> (<see cref="ServedAs"/> of <paramref name="serving"/>) or <c>agentic-coding</c>
    /// (<see cref="AgenticCoding"/>); null for any other name.
    /// </summary>
    public static Workload? Profile(string name, ServingWorkload serving)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "served" => ServedAs(serving),
            "agentic-coding" => AgenticCoding,
            _ => null,
        };
    }

    /// <summary>This workload with the figures given replaced, named as adjusted; itself when none is given.</summary>
    public Workload Adjusted(double? inputPerOutput, double? cacheHitRate, double? cacheWriteShare, double? longRetentionShare = null)
    {
        if (inputPerOutput is null && cacheHitRate is null && cacheWriteShare is null && longRetentionShare is null) return this;
        var given = new List<string>();
        if (inputPerOutput is { } r) given.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r:0.##}:1 input:output"));
        if (cacheHitRate is { } h) given.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{h * 100:0.#}% cache hits"));
        if (cacheWriteShare is { } w) given.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{w * 100:0.#}% of uncached input written"));
        if (longRetentionShare is { } l) given.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l * 100:0.#}% of cache writes at long retention"));
        return new Workload(inputPerOutput ?? InputPerOutput, cacheHitRate ?? CacheHitRate, cacheWriteShare ?? CacheWriteShare)
        {
            Name = $"{Name}, adjusted",
            Source = $"{Source}; given: {string.Join(", ", given)}",
            LongRetentionShare = longRetentionShare ?? LongRetentionShare,
        };
    }

    /// <summary>Input tokens as a share of all tokens: R / (R + 1).</summary>
    public double InputShare => InputPerOutput / (InputPerOutput + 1);

    /// <summary>A short readable label, e.g. <c>agentic-coding: 300:1 input:output, 92% cache hits, 100% of uncached input written</c>.</summary>
    public string Label => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Name}: {InputPerOutput:0.##}:1 input:output, {CacheHitRate * 100:0.#}% cache hits, {CacheWriteShare * 100:0.#}% of uncached input written to the cache{(LongRetentionShare > 0 ? $" ({LongRetentionShare * 100:0.#}% at long retention)" : "")}");
}

/// <summary>A price sheet blended over a workload.</summary>
/// <param name="EffectiveInputPerMillion">
/// Average price of an input token, $ per million: H c + (1 - H)(W w + (1 - W) i), where the cache-write price
/// w = (1 - L) w_short + L w_long for a long-retention share L.
/// </param>
/// <param name="PerMillionOutputTokens">Spend per million output tokens, input included: R x effective input + output.</param>
/// <param name="PerMillionTokens">Blended price over all tokens, $ per million: spend per output token / (R + 1).</param>
public sealed record BlendedPrice(double EffectiveInputPerMillion, double PerMillionOutputTokens, double PerMillionTokens);

/// <summary>Token prices and the cost of serving them (methodology: "Token economics").</summary>
public static class TokenEconomics
{
    /// <summary>
    /// Why <paramref name="sheet"/> cannot price <paramref name="workload"/>, in words: the workload writes part of its
    /// cache at long retention and the sheet has no long-retention cache-write price. Null when it can.
    /// </summary>
    public static string? CannotPrice(PriceSheet sheet, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(workload);
        return workload.LongRetentionShare > 0 && workload.CacheWriteShare > 0 && workload.CacheHitRate < 1 && sheet.CacheWriteLongPerMillion is null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"price sheet '{sheet.Name}' has no long-retention cache-write price (cacheWriteLongPerMillion), and the workload writes {workload.LongRetentionShare * 100:0.#}% of its cache at long retention")
            : null;
    }

    /// <summary>Cache-write price of a workload's writes, $ per million: (1 - L) w_short + L w_long.</summary>
    public static double CacheWritePerMillion(PriceSheet sheet, Workload workload)
    {
        if (CannotPrice(sheet, workload) is { } reason) throw new ArgumentException(reason, nameof(sheet));
        var l = workload.LongRetentionShare;
        return l > 0 && sheet.CacheWriteLongPerMillion is { } longPrice ? (1 - l) * sheet.CacheWritePerMillion + l * longPrice : sheet.CacheWritePerMillion;
    }

    /// <summary>Blends a price sheet over a workload; throws when it cannot price it (<see cref="CannotPrice"/>).</summary>
    public static BlendedPrice Blend(PriceSheet sheet, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(workload);
        var h = workload.CacheHitRate;
        var w = workload.CacheWriteShare;
        var input = h * sheet.CacheReadPerMillion + (1 - h) * (w * CacheWritePerMillion(sheet, workload) + (1 - w) * sheet.InputPerMillion);
        var perOutput = workload.InputPerOutput * input + sheet.OutputPerMillion;
        return new BlendedPrice(input, perOutput, perOutput / (workload.InputPerOutput + 1));
    }

    /// <summary>Cost to serve, $ per million tokens: TCO per GPU-hour / (tokens/s per GPU x 3,600) x 1e6.</summary>
    public static double CostPerMillion(double tcoPerGpuHour, double tokensPerSecondPerGpu)
    {
        if (!(tokensPerSecondPerGpu > 0))
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecondPerGpu), tokensPerSecondPerGpu, "must be positive");
        return tcoPerGpuHour / (tokensPerSecondPerGpu * 3600.0) * 1e6;
    }

    /// <summary>Gross margin: 1 - cost / price.</summary>
    public static double GrossMargin(double costPerMillion, double pricePerMillion) => 1.0 - costPerMillion / pricePerMillion;

    /// <summary>
    /// Token revenue per GPU-hour, $: (input tokens/s x effective input price + output tokens/s x output
    /// price) x 3,600 / 1e6.
    /// </summary>
    public static double RevenuePerGpuHour(PriceSheet sheet, Workload workload, double inputTokensPerSecond, double outputTokensPerSecond)
    {
        var blended = Blend(sheet, workload);
        return (inputTokensPerSecond * blended.EffectiveInputPerMillion + outputTokensPerSecond * sheet.OutputPerMillion) * 3600.0 / 1e6;
    }
}
