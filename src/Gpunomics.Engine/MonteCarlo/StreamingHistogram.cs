namespace Gpunomics.MonteCarlo;

/// <summary>
/// Streaming histogram with relative-accuracy bins (methodology: "Monte Carlo"): a value's bin is its sign,
/// its binary exponent and the top <see cref="MantissaBits"/> bits of its mantissa, so every bin spans at
/// most 2^-10 of its lower edge whatever the spread of the values (from 1e-300 to 1e300, signed). A quantile
/// is the nearest-rank order statistic of the values added, returned within <see cref="RelativeAccuracy"/>
/// of it. Counts, min and max are exact; the mean uses an order-independent fixed-point sum. Merging
/// per-thread copies is exact addition, so the result does not depend on the order of merging. Memory:
/// 8 KB per binary exponent (of either sign) that a value has fallen into, at most 32 MB in all.
/// </summary>
public sealed class StreamingHistogram
{
    /// <summary>Mantissa bits kept in a bin's index: 2^10 bins per binary exponent and sign.</summary>
    public const int MantissaBits = 10;

    /// <summary>
    /// Bound on the relative error of every <see cref="ValueAtRank"/> and <see cref="Quantile"/>:
    /// |returned - exact| &lt;= 2^-11 x |exact| (0.0488%), for values of magnitude 2^-1022 (2.2e-308) and above;
    /// smaller magnitudes are returned as 0.
    /// </summary>
    public const double RelativeAccuracy = 1.0 / (1 << (MantissaBits + 1));

    private const int Shift = 52 - MantissaBits;
    private const int BinsPerPage = 1 << MantissaBits;
    private const int Pages = 1 << 12; // sign bit and 11 exponent bits
    private const double SumScale = 1 << 20;
    private const double SumLimit = 1L << 56; // |x| below this keeps the sum of up to 2^50 values inside Int128
    private const double LongLimit = 1L << 42; // |x| below this has x 2^20 inside a long

    private readonly long[]?[] _pages = new long[Pages][];
    private Int128 _sum;
    private bool _sumOutOfRange;

    /// <summary>An empty histogram.</summary>
    public StreamingHistogram()
    {
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Smallest value added (+infinity when empty).</summary>
    public double Min { get; private set; }

    /// <summary>Largest value added (-infinity when empty).</summary>
    public double Max { get; private set; }

    /// <summary>
    /// Mean of the values (sum kept in fixed point, 2^-20 resolution); null when there are none, or when a
    /// value's magnitude reached 2^56 (7.2e16), beyond which the exact sum is not kept.
    /// </summary>
    public double? Mean => Count == 0 || _sumOutOfRange ? null : (double)_sum / SumScale / Count;

    /// <summary>Adds a value (NaN is refused: it has no place in an order).</summary>
    public void Add(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "NaN cannot be added to a histogram");
        var bits = BitConverter.DoubleToUInt64Bits(x);
        var page = _pages[bits >> 52] ??= new long[BinsPerPage];
        page[(int)(bits >> Shift) & (BinsPerPage - 1)]++;
        Count++;
        if (x < Min) Min = x;
        if (x > Max) Max = x;
        var a = Math.Abs(x);
        if (a < LongLimit) _sum += (long)Math.Round(x * SumScale); // the cheap conversion where it is exact
        else if (a < SumLimit) _sum += (Int128)Math.Round(x * SumScale);
        else _sumOutOfRange = true;
    }

    /// <summary>Adds the values of another histogram.</summary>
    public void Merge(StreamingHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var p = 0; p < Pages; p++)
        {
            var theirs = other._pages[p];
            if (theirs is null) continue;
            var mine = _pages[p] ??= new long[BinsPerPage];
            for (var i = 0; i < BinsPerPage; i++) mine[i] += theirs[i];
        }
        Count += other.Count;
        _sum += other._sum;
        _sumOutOfRange |= other._sumOutOfRange;
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
    }

    /// <summary>
    /// The <paramref name="rank"/>-th smallest value (1 = <see cref="Min"/>, <see cref="Count"/> = <see cref="Max"/>),
    /// within <see cref="RelativeAccuracy"/> of the exact one.
    /// </summary>
    public double ValueAtRank(long rank)
    {
        if (rank < 1 || rank > Count) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"must be from 1 to the count, {Count}");
        if (rank == 1) return Min;
        if (rank == Count) return Max;
        long cumulative = 0;
        foreach (var (value, count) in Bins())
        {
            cumulative += count;
            if (cumulative >= rank) return Math.Clamp(value, Min, Max);
        }
        return Max;
    }

    /// <summary>
    /// The nearest-rank quantile: the ceil(<paramref name="p"/> x Count)-th smallest value (at least the first),
    /// within <see cref="RelativeAccuracy"/> of the exact one; <paramref name="p"/> in [0, 1]; null when empty.
    /// </summary>
    public double? Quantile(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must be in [0, 1]");
        if (Count == 0) return null;
        return ValueAtRank(Math.Clamp((long)Math.Ceiling(p * Count), 1, Count));
    }

    /// <summary>
    /// The non-empty bins in ascending order of value, each as the value that stands for it (the midpoint of
    /// its range, 0 for magnitudes below 2^-1022) and the number of values in it.
    /// </summary>
    public IEnumerable<(double Value, long Count)> Bins()
    {
        // Negative values: sign bit set, larger exponent and mantissa mean more negative.
        for (var p = Pages - 1; p >= Pages / 2; p--)
        {
            var page = _pages[p];
            if (page is null) continue;
            for (var i = BinsPerPage - 1; i >= 0; i--)
                if (page[i] != 0) yield return (-Midpoint(p - Pages / 2, i), page[i]);
        }
        for (var p = 0; p < Pages / 2; p++)
        {
            var page = _pages[p];
            if (page is null) continue;
            for (var i = 0; i < BinsPerPage; i++)
                if (page[i] != 0) yield return (Midpoint(p, i), page[i]);
        }
    }

    /// <summary>Midpoint of the bin of magnitudes [2^e (1 + i/2^m), 2^e (1 + (i+1)/2^m)), e from the biased exponent.</summary>
    private static double Midpoint(int biasedExponent, int i)
    {
        if (biasedExponent == 0) return 0; // zero and subnormals
        var low = BitConverter.UInt64BitsToDouble(((ulong)biasedExponent << 52) | ((ulong)i << Shift));
        if (biasedExponent == 2047) return low; // infinity
        return low * (1 + 0.5 / (BinsPerPage + i));
    }
}
