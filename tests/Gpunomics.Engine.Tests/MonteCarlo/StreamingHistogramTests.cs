using CsCheck;
using Gpunomics.MonteCarlo;

namespace Gpunomics.Engine.Tests.MonteCarlo;

public class StreamingHistogramTests
{
    private const double Bound = StreamingHistogram.RelativeAccuracy;
    private const double SmallestNormal = 2.2250738585072014E-308;

    private static readonly Gen<double> Sign = Gen.OneOf(Gen.Const(1.0), Gen.Const(-1.0));

    // Pareto with tail index 0.2-3 (infinite mean below 1, infinite variance below 2) and scale 1e-6..1e6.
    private static readonly Gen<double> Pareto =
        from u in Gen.Double[1e-15, 1]
        from alpha in Gen.Double[0.2, 3]
        from scale in Gen.Double[1e-6, 1e6]
        select scale * Math.Pow(u, -1 / alpha);

    // Lognormal with sigma up to 30 (values from about 1e-300 to 1e300), by Box-Muller.
    private static readonly Gen<double> LogNormal =
        from u1 in Gen.Double[1e-300, 1]
        from u2 in Gen.Double[0, 1]
        from mu in Gen.Double[-50, 50]
        from sigma in Gen.Double[0, 30]
        select Math.Exp(Math.Clamp(mu + sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), -700, 700));

    // IRR-like values in (-100%, 100%) with about one in fifty from 1e6 to 1e15.
    private static readonly Gen<double> Mixture = Gen.Frequency(
        (49, Gen.Double[-1, 1]),
        (1, Gen.Double[1e6, 1e15]));

    private static readonly Gen<double> Signed =
        from x in Gen.OneOf(Pareto, LogNormal, Mixture)
        from s in Sign
        select s * x;

    // Exact zeros, repeated values and any double (infinities and subnormals included, NaN not).
    private static readonly Gen<double> Edge = Gen.OneOf(Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(1.0), Gen.Double[-1e-300, 1e-300],
        Gen.Double.Where(x => !double.IsNaN(x)));

    private static readonly Gen<double[]> HeavyTailed = Gen.OneOf(
        Pareto.Array[1, 3000], LogNormal.Array[1, 3000], Mixture.Array[1, 3000], Signed.Array[1, 3000],
        Gen.OneOf(Signed, Edge).Array[1, 3000]);

    private static StreamingHistogram Of(IEnumerable<double> values)
    {
        var h = new StreamingHistogram();
        foreach (var v in values) h.Add(v);
        return h;
    }

    /// <summary>Every percentile rank (and the extremes) against the sorted values.</summary>
    private static void AssertWithinBound(double[] values, StreamingHistogram h)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var ranks = Enumerable.Range(1, 99).Select(k => ((long)n * k + 99) / 100).Append(1).Append(n).Distinct();
        foreach (var rank in ranks)
        {
            var exact = sorted[rank - 1];
            var got = h.ValueAtRank(rank);
            var ok = got == exact || Math.Abs(got - exact) <= Bound * Math.Abs(exact) || (Math.Abs(exact) < SmallestNormal && got == 0);
            Assert.True(ok, $"rank {rank} of {n}: {got:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Every_percentile_is_within_the_stated_relative_accuracy_of_the_exact_one()
    {
        HeavyTailed.Sample(values => AssertWithinBound(values, Of(values)), iter: 300);
    }

    [Fact]
    public void Merging_parts_in_any_order_gives_the_same_histogram_as_one_pass()
    {
        Gen.Select(HeavyTailed, Gen.Int[1, 5], Gen.Int[0, 1000]).Sample((values, parts, seed) =>
        {
            var whole = Of(values);
            var rng = new Random(seed);
            var part = values.Select(_ => rng.Next(parts)).ToArray();
            var pieces = Enumerable.Range(0, parts).Select(p => Of(values.Where((_, i) => part[i] == p))).ToList();
            var merged = new StreamingHistogram();
            foreach (var p in pieces.OrderBy(_ => rng.Next())) merged.Merge(p);
            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(whole.Min, merged.Min);
            Assert.Equal(whole.Max, merged.Max);
            Assert.Equal(whole.Mean, merged.Mean);
            Assert.Equal(whole.Bins(), merged.Bins());
            AssertWithinBound(values, merged);
        }, iter: 100);
    }

    [Fact]
    public void Values_ten_orders_of_magnitude_apart_do_not_blur_the_small_ones()
    {
        // The shape of the reported case: most IRRs between -90% and +200%, a few in the billions.
        var rng = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(i => i % 500 == 0 ? 1e9 * (1 + rng.NextDouble()) : -0.9 + 2.9 * rng.NextDouble()).ToArray();
        var h = Of(values);
        AssertWithinBound(values, h);
        // 99.8% uniform on (-0.9, 2): the median is that uniform's 0.5 / 0.998 quantile; sampling error about 0.005.
        Assert.InRange(h.Quantile(0.5)!.Value, -0.9 + 2.9 * 0.5 / 0.998 - 0.03, -0.9 + 2.9 * 0.5 / 0.998 + 0.03);
    }

    [Fact]
    public void The_mean_is_exact_to_its_fixed_point_and_absent_beyond_its_range()
    {
        var rng = new Random(9);
        var values = Enumerable.Range(0, 100_000).Select(_ => Math.Exp(rng.NextDouble() * 20) * (rng.Next(2) * 2 - 1)).ToArray();
        var h = Of(values);
        double sum = 0, carry = 0; // Neumaier's compensated sum
        foreach (var v in values)
        {
            var t = sum + v;
            carry += Math.Abs(sum) >= Math.Abs(v) ? sum - t + v : v - t + sum;
            sum = t;
        }
        var exact = (sum + carry) / values.Length;
        Assert.True(Math.Abs(exact - h.Mean!.Value) <= Math.Pow(2, -20) + 1e-12 * values.Max(Math.Abs), $"{h.Mean:R} vs {exact:R}");
        Assert.Null(new StreamingHistogram().Mean);
        h.Add(1e17);
        Assert.Null(h.Mean);
    }

    [Fact]
    public void Nan_is_refused_and_ranks_outside_the_count_are_programming_errors()
    {
        var h = new StreamingHistogram();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Add(double.NaN));
        h.Add(2);
        Assert.Equal(2, h.ValueAtRank(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.ValueAtRank(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.ValueAtRank(2));
        Assert.Null(new StreamingHistogram().Quantile(0.5));
    }
}
