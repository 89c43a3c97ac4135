namespace Gpunomics.MonteCarlo;

/// <summary>
/// Fixed-bin histogram with exact count, min, max and an order-independent fixed-point sum: memory is
/// fixed whatever the number of values, and merging per-thread copies gives the same result in any order.
/// Quantiles interpolate linearly inside a bin (error at most one bin width); values outside [Low, High)
/// are counted in the end bins.
/// </summary>
public sealed class StreamingHistogram
{
    private const double SumScale = 1 << 20;
    private readonly long[] _counts;
    private readonly double _invWidth;
    private Int128 _sum;

    /// <summary>A histogram of <paramref name="bins"/> equal bins over [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public StreamingHistogram(double low, double high, int bins)
    {
        if (!(high > low) || bins < 1) throw new ArgumentException($"need low < high and at least one bin (got [{low}, {high}), {bins})");
        Low = low;
        High = high;
        _counts = new long[bins];
        _invWidth = bins / (high - low);
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>Lower edge of the first bin.</summary>
    public double Low { get; }
    /// <summary>Upper edge of the last bin.</summary>
    public double High { get; }
    /// <summary>Number of bins.</summary>
    public int Bins => _counts.Length;
    /// <summary>Values added.</summary>
    public long Count { get; private set; }
    /// <summary>Smallest value added.</summary>
    public double Min { get; private set; }
    /// <summary>Largest value added.</summary>
    public double Max { get; private set; }
    /// <summary>Values that fell below <see cref="Low"/> or at or above <see cref="High"/> (counted in the end bins).</summary>
    public long OutOfRange { get; private set; }
    /// <summary>Mean of the values (sum kept in fixed point, 2^-20 resolution).</summary>
    public double Mean => Count == 0 ? double.NaN : (double)_sum / SumScale / Count;

    /// <summary>Count in bin <paramref name="i"/>.</summary>
    public long this[int i] => _counts[i];

    /// <summary>Adds a value.</summary>
    public void Add(double x)
    {
        var k = (int)Math.Floor((x - Low) * _invWidth);
        if (k < 0 || k >= _counts.Length)
        {
            OutOfRange++;
            k = k < 0 ? 0 : _counts.Length - 1;
        }
        _counts[k]++;
        Count++;
        if (x < Min) Min = x;
        if (x > Max) Max = x;
        _sum += (Int128)Math.Round(x * SumScale);
    }

    /// <summary>Adds another histogram with the same bins.</summary>
    public void Merge(StreamingHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Bins != Bins || other.Low != Low || other.High != High) throw new ArgumentException("histograms must have the same bins");
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        OutOfRange += other.OutOfRange;
        _sum += other._sum;
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
    }

    /// <summary>The value below which a share <paramref name="p"/> in [0, 1] of the values lie (clamped to [Min, Max]).</summary>
    public double Quantile(double p)
    {
        if (Count == 0) return double.NaN;
        var target = p * Count;
        double cumulative = 0;
        var width = (High - Low) / _counts.Length;
        for (var i = 0; i < _counts.Length; i++)
        {
            var c = _counts[i];
            if (c > 0 && cumulative + c >= target)
            {
                var x = Low + width * (i + (target - cumulative) / c);
                return Math.Clamp(x, Min, Max);
            }
            cumulative += c;
        }
        return Max;
    }
}
