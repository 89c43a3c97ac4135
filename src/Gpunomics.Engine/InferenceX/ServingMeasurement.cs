namespace Gpunomics.InferenceX;

/// <summary>
/// What is served: the model, the input and output sequence lengths and the weights precision. Throughput
/// figures of two workloads measure different work, so a frontier, an envelope and a figure "at an
/// interactivity" always belong to one workload (methodology: "Frontiers"). fp4 and fp8 rows of the same
/// hardware are two workloads.
/// </summary>
/// <param name="Model">Model key (dsr1, ...), lower case.</param>
/// <param name="Isl">Input sequence length, tokens.</param>
/// <param name="Osl">Output sequence length, tokens.</param>
/// <param name="Precision">Weights precision (fp8, fp4), lower case.</param>
public sealed record ServingWorkload(string Model, int Isl, int Osl, string Precision)
{
    /// <summary>
    /// The workload used when none is named (command line, web API, dashboard, report, value chain):
    /// DeepSeek R1, 8k input / 1k output tokens, fp8 weights, which every measured system runs, so the
    /// systems are compared on the same work.
    /// </summary>
    public static ServingWorkload Default { get; } = new("dsr1", 8192, 1024, "fp8");

    /// <summary>A short readable label, e.g. <c>dsr1 8192/1024 fp8</c>.</summary>
    public string Label => $"{Model} {Isl}/{Osl} {Precision}";

    /// <summary>The workload with its names in lower case (the benchmark's names are case-insensitive).</summary>
    public static ServingWorkload Of(string model, int isl, int osl, string precision)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(precision);
        return new(model.ToLowerInvariant(), isl, osl, precision.ToLowerInvariant());
    }
}

/// <summary>What identifies a served configuration: one throughput-versus-interactivity curve.</summary>
/// <param name="Hardware">Accelerator as the benchmark names it (h100, gb300, mi355x, ...).</param>
/// <param name="Model">Model key (dsr1, ...).</param>
/// <param name="Precision">Weights precision (fp8, fp4).</param>
/// <param name="Framework">Serving framework (sglang, trt, dynamo-trt, vllm, ...).</param>
/// <param name="Isl">Input sequence length, tokens.</param>
/// <param name="Osl">Output sequence length, tokens.</param>
/// <param name="Disaggregated">True for disaggregated prefill and decode.</param>
/// <param name="SpecMethod">Speculative decoding method (<c>none</c>, <c>mtp</c>).</param>
public sealed record ServingConfiguration(string Hardware, string Model, string Precision, string Framework, int Isl, int Osl, bool Disaggregated, string SpecMethod)
{
    /// <summary>A short readable label.</summary>
    public string Label => $"{Hardware} {Model} {Precision} {Framework}{(Disaggregated ? " disagg" : "")}{(SpecMethod == "none" ? "" : " " + SpecMethod)} {Isl}/{Osl}";

    /// <summary>The workload this configuration serves.</summary>
    public ServingWorkload Workload => ServingWorkload.Of(Model, Isl, Osl, Precision);
}

/// <summary>One measured operating point of a served configuration.</summary>
public sealed record ServingMeasurement
{
    /// <summary>The configuration.</summary>
    public required ServingConfiguration Configuration { get; init; }
    /// <summary>Concurrent requests.</summary>
    public required int Concurrency { get; init; }
    /// <summary>GPUs serving (prefill + decode when disaggregated), or 0 when not recorded.</summary>
    public required int Gpus { get; init; }
    /// <summary>Run date, ISO (yyyy-MM-dd).</summary>
    public required string Date { get; init; }
    /// <summary>Interactivity: tokens/s seen by one user (1 / TPOT), median.</summary>
    public required double Interactivity { get; init; }
    /// <summary>Total (input + output) tokens/s per GPU.</summary>
    public required double TputPerGpu { get; init; }
    /// <summary>Input tokens/s per GPU, where recorded.</summary>
    public double? InputTputPerGpu { get; init; }
    /// <summary>Output tokens/s per GPU, where recorded.</summary>
    public double? OutputTputPerGpu { get; init; }
    /// <summary>Where the run is published.</summary>
    public string? RunUrl { get; init; }
}

/// <summary>A row that could not be used: the file, the row (0-based), the field and why.</summary>
public sealed record ImportIssue(string File, int Row, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: row {Row}: {Field}: {Message}";
}

/// <summary>The rows read and the rows skipped, with why.</summary>
/// <param name="Rows">Usable measurements.</param>
/// <param name="Issues">One entry per skipped row's problem.</param>
/// <param name="RowsRead">Rows seen in the input.</param>
public sealed record ImportResult(IReadOnlyList<ServingMeasurement> Rows, IReadOnlyList<ImportIssue> Issues, int RowsRead)
{
    /// <summary>Rows skipped.</summary>
    public int RowsSkipped => RowsRead - Rows.Count;

    /// <summary>Two results as one.</summary>
    public ImportResult Concat(ImportResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ImportResult([.. Rows, .. other.Rows], [.. Issues, .. other.Issues], RowsRead + other.RowsRead);
    }
}
