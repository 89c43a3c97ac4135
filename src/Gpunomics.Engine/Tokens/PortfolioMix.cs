namespace Gpunomics.Tokens;

/// <summary>One tier's share of token volume.</summary>
/// <param name="Sheet">The tier.</param>
/// <param name="VolumeShare">Share of all tokens, in [0, 1].</param>
public sealed record MixEntry(PriceSheet Sheet, double VolumeShare);

/// <summary>One step of a volume shift between two tiers.</summary>
/// <param name="ShiftedShare">Share of the volume moved from the first tier to the second.</param>
/// <param name="AveragePerMillion">Average revenue, $ per million tokens, after the move.</param>
public sealed record MixStep(double ShiftedShare, double AveragePerMillion);

/// <summary>Average revenue per token across a portfolio of model tiers (methodology: "Portfolio mix").</summary>
public static class PortfolioMix
{
    /// <summary>Volume-weighted average of each tier's blended price, $ per million tokens; shares must add up to 1.</summary>
    public static double AveragePerMillion(IReadOnlyList<MixEntry> mix, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(mix);
        var total = mix.Sum(m => m.VolumeShare);
        if (mix.Count == 0 || Math.Abs(total - 1) > 1e-9 || mix.Any(m => m.VolumeShare < 0))
            throw new ArgumentException($"volume shares must be non-negative and add up to 1 (they add up to {total})", nameof(mix));
        return mix.Sum(m => m.VolumeShare * TokenEconomics.Blend(m.Sheet, workload).PerMillionTokens);
    }

    /// <summary>The average as volume moves from <paramref name="from"/> to <paramref name="to"/>, in <paramref name="steps"/> equal steps.</summary>
    public static IReadOnlyList<MixStep> Shift(PriceSheet from, PriceSheet to, Workload workload, int steps = 10)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "must be at least 1");
        return Enumerable.Range(0, steps + 1).Select(i =>
        {
            var s = (double)i / steps;
            return new MixStep(s, AveragePerMillion([new MixEntry(from, 1 - s), new MixEntry(to, s)], workload));
        }).ToList();
    }
}
