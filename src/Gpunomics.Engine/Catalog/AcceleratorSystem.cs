namespace Gpunomics.Catalog;

/// <summary>The quarter a system first shipped in volume.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Quarter">1 to 4.</param>
public readonly record struct LaunchQuarter(int Year, int Quarter)
{
    /// <summary>The middle of the quarter as a fractional year (2025Q3 is 2025.625).</summary>
    public double DecimalYear => Year + (Quarter - 0.5) / 4.0;

    /// <inheritdoc />
    public override string ToString() => $"{Year}Q{Quarter}";

    /// <summary>Parses <c>YYYYQn</c>.</summary>
    public static bool TryParse(string? text, out LaunchQuarter quarter)
    {
        quarter = default;
        if (text is not { Length: 6 } || char.ToUpperInvariant(text[4]) != 'Q') return false;
        if (!int.TryParse(text.AsSpan(0, 4), out var year) || !int.TryParse(text.AsSpan(5, 1), out var q)) return false;
        if (q is < 1 or > 4 || year < 2000) return false;
        quarter = new LaunchQuarter(year, q);
        return true;
    }
}

/// <summary>CPU-side memory attached to each GPU's share of host CPUs.</summary>
/// <param name="GbPerGpu">Gigabytes per GPU.</param>
/// <param name="Type">Memory type, e.g. LPDDR5X or SOCAMM.</param>
public sealed record CpuMemory(double GbPerGpu, string Type);

/// <summary>
/// One accelerator system in the catalog. All per-GPU figures refer to one marketed accelerator
/// package (an NVL72 rack holds 72).
/// </summary>
public sealed record AcceleratorSystem
{
    /// <summary>Catalog id, e.g. <c>gb300-nvl72</c>.</summary>
    public required string Id { get; init; }
    /// <summary>Marketing name.</summary>
    public required string Name { get; init; }
    /// <summary>Vendor of the accelerator.</summary>
    public required string Vendor { get; init; }
    /// <summary>First volume shipments.</summary>
    public required LaunchQuarter Launch { get; init; }
    /// <summary>GPUs per system (an NVL72 rack: 72; an HGX server: 8).</summary>
    public required int GpusPerSystem { get; init; }
    /// <summary>Dense TFLOPS per GPU, by precision, as marketed.</summary>
    public required IReadOnlyDictionary<Precision, double> DenseTflops { get; init; }
    /// <summary>Sparse (2:4) TFLOPS per GPU, by precision, where marketed.</summary>
    public required IReadOnlyDictionary<Precision, double> SparseTflops { get; init; }
    /// <summary>
    /// The GPU die and board (e.g. <c>GH100 on HGX 8-GPU baseboard</c>), or null. Systems naming the same board have the
    /// same compute system without HBM; the one with more or newer HBM costs at least as much.
    /// </summary>
    public string? Board { get; init; }
    /// <summary>Accelerator memory capacity per GPU, GB.</summary>
    public required double MemoryGb { get; init; }
    /// <summary>Accelerator memory type (HBM3e, HBM4, ...).</summary>
    public required string MemoryType { get; init; }
    /// <summary>Accelerator memory bandwidth per GPU, TB/s.</summary>
    public required double MemoryBandwidthTBps { get; init; }
    /// <summary>CPU-side memory per GPU, where the system has it.</summary>
    public CpuMemory? CpuMemory { get; init; }
    /// <summary>Chip thermal design power, W.</summary>
    public required double ChipTdpW { get; init; }
    /// <summary>All-in IT power per GPU, kW: the GPU's share of CPUs, NICs, switches, fans, storage.</summary>
    public required double AllInKwPerGpu { get; init; }
    /// <summary>Observed multi-year contract rental price, $/GPU-hour, where a market exists.</summary>
    public double? MarketPricePerGpuHour { get; init; }
    /// <summary>Capital cost per GPU, by bill-of-materials line.</summary>
    public required BillOfMaterials Capex { get; init; }
    /// <summary>Where each figure comes from, keyed by field name.</summary>
    public required IReadOnlyDictionary<string, string> Sources { get; init; }

    /// <summary>Marketed throughput per GPU in PFLOPS for a precision, or null if not marketed.</summary>
    public double? Pflops(ThroughputBasis basis)
    {
        var table = basis.Sparse ? SparseTflops : DenseTflops;
        return table.TryGetValue(basis.Precision, out var tflops) ? tflops / 1000.0 : null;
    }

    /// <summary>Every precision the system markets, dense first then sparse.</summary>
    public IEnumerable<ThroughputBasis> MarketedBases()
    {
        foreach (var p in PrecisionNames.All)
            if (DenseTflops.ContainsKey(p)) yield return new ThroughputBasis(p, false);
        foreach (var p in PrecisionNames.All)
            if (SparseTflops.ContainsKey(p)) yield return new ThroughputBasis(p, true);
    }
}
