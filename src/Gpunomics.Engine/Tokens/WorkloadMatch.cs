using System.Globalization;
using Gpunomics.InferenceX;

namespace Gpunomics.Tokens;

/// <summary>
/// The serving workload a throughput was measured on beside the pricing workload its tokens are billed at, and
/// whether they are the same work (methodology: "Pricing and serving workloads"). They match when the pricing
/// workload's input:output ratio is the serving workload's isl / osl (within 1%) and its cache hit rate is the
/// serving workload's prefix reuse, which is none for the shipped serving results (random prompts).
/// </summary>
/// <param name="Serving">What the throughput was measured on, or null when the throughput was given without one.</param>
/// <param name="Pricing">What the price sheet is blended over.</param>
public sealed record WorkloadMatch(ServingWorkload? Serving, Workload Pricing)
{
    /// <summary>The price sheet the tokens are billed at, when known: its model is part of the workload.</summary>
    public PriceSheet? Sheet { get; init; }

    /// <summary>Tolerance on the input:output ratio, relative.</summary>
    public const double RatioTolerance = 0.01;

    /// <summary>True when throughput and price come from the same workload.</summary>
    public bool Matches => Mismatch is null;

    /// <summary>
    /// Why throughput and price do not belong to the same workload, in words; null when they do. A throughput given
    /// without a serving workload cannot be checked, and says so.
    /// </summary>
    public string? Mismatch
    {
        get
        {
            ArgumentNullException.ThrowIfNull(Pricing);
            if (Serving is not { } s)
                return $"the tokens/s was given without the workload it was measured on, so it cannot be checked against the pricing workload ({Pricing.Label})";
            var ratio = (double)s.Isl / s.Osl;
            var differences = new List<string>();
            if (Math.Abs(Pricing.InputPerOutput - ratio) > RatioTolerance * ratio)
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{Pricing.InputPerOutput:0.##}:1 input:output against the measured {ratio:0.##}:1"));
            if (Sheet is { } sheet && !string.Equals(sheet.Model, s.Model, StringComparison.OrdinalIgnoreCase))
                differences.Add($"the {sheet.Name} sheet prices {(sheet.Model is { } m ? m : sheet.Description.ToLowerInvariant())}, not {s.Model}, the model measured");
            if (Pricing.CacheHitRate > 0)
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{Pricing.CacheHitRate * 100:0.#}% cache hits against none measured (random prompts, no prefix reuse)"));
            return differences.Count == 0 ? null
                : $"throughput and price come from different workloads: tokens/s measured on {s.Label} is priced as {Pricing.Name} ({string.Join("; ", differences)})";
        }
    }
}
