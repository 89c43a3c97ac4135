namespace Gpunomics.Catalog;

/// <summary>A numeric format that accelerators market throughput in.</summary>
public enum Precision
{
    /// <summary>Brain floating point, 16 bits.</summary>
    Bf16,
    /// <summary>8-bit floating point (E4M3/E5M2).</summary>
    Fp8,
    /// <summary>6-bit floating point.</summary>
    Fp6,
    /// <summary>8-bit integer.</summary>
    Int8,
    /// <summary>4-bit floating point (NVFP4, MXFP4).</summary>
    Fp4,
}

/// <summary>A precision together with whether the figure assumes 2:4 structured sparsity.</summary>
/// <param name="Precision">The numeric format.</param>
/// <param name="Sparse">True for the marketed sparse figure, false for dense.</param>
public readonly record struct ThroughputBasis(Precision Precision, bool Sparse)
{
    /// <summary>The key used in files and JSON output: <c>bf16</c>, <c>fp8</c>, <c>fp4Sparse</c>, ...</summary>
    public string Key => PrecisionNames.Key(Precision) + (Sparse ? "Sparse" : "");

    /// <inheritdoc />
    public override string ToString() => Key;

    /// <summary>Parses a key such as <c>fp8</c> or <c>fp4Sparse</c>.</summary>
    public static bool TryParse(string? text, out ThroughputBasis basis)
    {
        basis = default;
        if (string.IsNullOrEmpty(text)) return false;
        var sparse = text.EndsWith("Sparse", StringComparison.OrdinalIgnoreCase);
        var head = sparse ? text[..^"Sparse".Length] : text;
        if (!PrecisionNames.TryParse(head, out var precision)) return false;
        basis = new ThroughputBasis(precision, sparse);
        return true;
    }
}

/// <summary>Names of precisions as files and the command line spell them.</summary>
public static class PrecisionNames
{
    /// <summary>Every precision, in the order tables show them.</summary>
    public static IReadOnlyList<Precision> All { get; } = [Precision.Bf16, Precision.Fp8, Precision.Fp6, Precision.Int8, Precision.Fp4];

    /// <summary>The lower-case key of a precision (<c>bf16</c>, <c>fp8</c>, ...).</summary>
    public static string Key(Precision precision) => precision switch
    {
        Precision.Bf16 => "bf16",
        Precision.Fp8 => "fp8",
        Precision.Fp6 => "fp6",
        Precision.Int8 => "int8",
        Precision.Fp4 => "fp4",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>Parses <c>bf16</c>, <c>fp8</c>, <c>fp6</c>, <c>int8</c> or <c>fp4</c> (any case).</summary>
    public static bool TryParse(string? text, out Precision precision)
    {
        foreach (var p in All)
        {
            if (string.Equals(Key(p), text, StringComparison.OrdinalIgnoreCase))
            {
                precision = p;
                return true;
            }
        }
        precision = default;
        return false;
    }

    /// <summary>The allowed keys, for error messages.</summary>
    public static string Allowed => string.Join(", ", All.Select(Key));
}
