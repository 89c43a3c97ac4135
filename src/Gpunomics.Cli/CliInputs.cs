using Gpunomics.Inputs;

namespace Gpunomics.Cli;

/// <summary>
/// Whole-number settings of the command line that are not model inputs (counts, lengths, a seed), declared like
/// the model's inputs so that they are read by the same reader (<see cref="NumberText"/>: <c>2,5</c> and <c>2.5</c>
/// are refused with a hint) and each names its allowed range.
/// </summary>
internal static class CliInputs
{
    private static ModelInput Count(string flag, string description, double min, double max, string @default) =>
        new(flag.TrimStart('-'), description, InputUnit.Count, new InputRange(min, max), @default) { Flag = flag, Whole = true };

    /// <summary>Monte Carlo scenarios.</summary>
    public static ModelInput Scenarios { get; } = Count("--scenarios", "Monte Carlo scenarios", 1, 1_000_000_000, "100000");

    /// <summary>Steps of a portfolio shift.</summary>
    public static ModelInput Steps { get; } = Count("--steps", "steps from 0% to 100% moved", 1, 100, "10");

    /// <summary>Input sequence length of a serving workload, tokens.</summary>
    public static ModelInput Isl { get; } = Count("--isl", "input sequence length, tokens", 1, 10_000_000, "8192 where measured");

    /// <summary>Output sequence length of a serving workload, tokens.</summary>
    public static ModelInput Osl { get; } = Count("--osl", "output sequence length, tokens", 1, 10_000_000, "1024 where measured");

    /// <summary>GPUs that served each raw per-run file.</summary>
    public static ModelInput RawGpus { get; } = Count("--raw-gpus", "GPUs that served each raw per-run file", 1, 100_000, "none");

    /// <summary>Market price paths.</summary>
    public static ModelInput Paths { get; } = Count("--paths", "market price paths", 1, 100_000_000, "10000");

    /// <summary>Years of market price paths.</summary>
    public static ModelInput Years { get; } = Count("--years", "years ahead of market price paths", 1, 10, "5");

    /// <summary>Every declaration.</summary>
    public static IReadOnlyList<ModelInput> All { get; } = [Scenarios, Steps, Isl, Osl, RawGpus, Paths, Years];
}
