namespace Gpunomics.Tokens;

/// <summary>A model tier's list prices, $ per million tokens.</summary>
public sealed record PriceSheet
{
    /// <summary>Tier key, e.g. <c>frontier</c>.</summary>
    public required string Name { get; init; }
    /// <summary>What the tier is.</summary>
    public required string Description { get; init; }
    /// <summary>Uncached input tokens, $ per million.</summary>
    public required double InputPerMillion { get; init; }
    /// <summary>Output tokens, $ per million.</summary>
    public required double OutputPerMillion { get; init; }
    /// <summary>Cached input read, $ per million.</summary>
    public required double CacheReadPerMillion { get; init; }
    /// <summary>Input written to the cache, $ per million (charged instead of the input price).</summary>
    public required double CacheWritePerMillion { get; init; }
    /// <summary>Where the prices come from.</summary>
    public required string Source { get; init; }
}

/// <summary>
/// The shape of a workload's token use.
/// </summary>
/// <param name="InputPerOutput">Input tokens per output token (agentic coding: about 300).</param>
/// <param name="CacheHitRate">Share of input tokens read from the cache, in [0, 1] (agentic coding: above 0.9).</param>
/// <param name="CacheWriteShare">Share of the uncached input that is written to the cache, in [0, 1].</param>
public sealed record Workload(double InputPerOutput, double CacheHitRate, double CacheWriteShare)
{
    /// <summary>Agentic coding: 300 input tokens per output token, 92% cache hits, new context cached.</summary>
    public static Workload AgenticCoding { get; } = new(300, 0.92, 1.0);

    /// <summary>Input tokens as a share of all tokens: R / (R + 1).</summary>
    public double InputShare => InputPerOutput / (InputPerOutput + 1);
}

/// <summary>A price sheet blended over a workload.</summary>
/// <param name="EffectiveInputPerMillion">Average price of an input token, $ per million: H c + (1 - H)(W w + (1 - W) i).</param>
/// <param name="PerMillionOutputTokens">Spend per million output tokens, input included: R x effective input + output.</param>
/// <param name="PerMillionTokens">Blended price over all tokens, $ per million: spend per output token / (R + 1).</param>
public sealed record BlendedPrice(double EffectiveInputPerMillion, double PerMillionOutputTokens, double PerMillionTokens);

/// <summary>Token prices and the cost of serving them (methodology: "Token economics").</summary>
public static class TokenEconomics
{
    /// <summary>Blends a price sheet over a workload.</summary>
    public static BlendedPrice Blend(PriceSheet sheet, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(workload);
        var h = workload.CacheHitRate;
        var w = workload.CacheWriteShare;
        var input = h * sheet.CacheReadPerMillion + (1 - h) * (w * sheet.CacheWritePerMillion + (1 - w) * sheet.InputPerMillion);
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
