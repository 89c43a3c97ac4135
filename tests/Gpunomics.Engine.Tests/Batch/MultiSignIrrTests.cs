using CsCheck;
using Gpunomics.Batch;
using Gpunomics.Finance;

namespace Gpunomics.Engine.Tests.Batch;

/// <summary>The batch's verdict on flows whose signs change more than once against <see cref="IrrSolver.SolveReturn(ReadOnlySpan{double}, double)"/>.</summary>
public class MultiSignIrrTests
{
    // Flows in blocks of one sign, alternating, starting with either sign: 2-5 blocks of 1-60 months, magnitudes over
    // six decades within a block's scale, which itself spans four decades (a small tax or write-off month beside rents).
    private static readonly Gen<double[]> GenBlocks =
        from first in Gen.OneOf(Gen.Const(-1.0), Gen.Const(1.0))
        from blocks in Gen.Select(Gen.Int[1, 60], Gen.Double[-2, 2], Gen.Double[0, 1]).Array[3, 5]
        from zeros in Gen.Int[0, 3]
        select Build(first, blocks, zeros);

    private static double[] Build(double first, (int Months, double LogScale, double Spread)[] blocks, int zeros)
    {
        var flows = new List<double>();
        var sign = first;
        var rng = new Random((int)(blocks[0].LogScale * 1e6) ^ blocks.Length);
        foreach (var (months, logScale, spread) in blocks)
        {
            var scale = Math.Pow(10, logScale);
            for (var m = 0; m < months; m++) flows.Add(sign * scale * (1 + spread * rng.NextDouble()));
            sign = -sign;
        }
        for (var z = 0; z < zeros; z++) flows.Insert(1 + rng.Next(flows.Count - 1), 0.0);
        return [.. flows];
    }

    // Levered, taxed project flows: the equity out at month 0 (or in, with a prepayment above it), rents in, late
    // months out as tax outgrows the rent left after the loan, and the write-off's month back in.
    private static readonly Gen<double[]> GenProjectShape =
        from equity in Gen.Double[-100_000, 30_000]
        from months in Gen.Int[12, 96]
        from rent in Gen.Double[500, 5_000]
        from drift in Gen.Double[-0.1, 0.02]
        from tail in Gen.Double[0, 20_000]
        from last in Gen.Double[-5_000, 60_000]
        select Project(equity, months, rent, drift, tail, last);

    private static double[] Project(double equity, int months, double rent, double drift, double tail, double last)
    {
        var flows = new double[months + 1];
        flows[0] = equity;
        for (var m = 1; m < months; m++) flows[m] = rent * (1 + drift * m) - (m > months - 6 ? tail / 6 : 0);
        flows[months] = last;
        return flows;
    }

    private static void AssertAgrees(double[] flows, double hurdle)
    {
        if (!MultiSignIrr.TrySolve(flows, hurdle, out var status, out var rate)) return;
        var scalar = IrrSolver.SolveReturn(flows, hurdle);
        var expected = BatchIrr.StatusOf(scalar, flows);
        Assert.True(expected == status, $"status: scalar {expected} ({scalar.Note}), batch {status}; flows {string.Join(", ", flows.Select(f => f.ToString("R")))}");
        if (expected == IrrStatus.Converged)
        {
            var r = scalar.RatePerPeriod!.Value;
            Assert.True(Math.Abs(r - rate) <= 1e-9 * (1 + Math.Abs(r)), $"rate: scalar {r:R}, batch {rate:R}");
        }
        else Assert.Equal(0.0, rate);
    }

    [Fact]
    public void Flows_in_blocks_of_alternating_sign_get_the_scalar_verdict()
    {
        Gen.Select(GenBlocks, Gen.Double[-0.02, 0.05]).Sample((flows, hurdle) => AssertAgrees(flows, hurdle), iter: 20_000);
    }

    [Fact]
    public void Levered_taxed_project_shapes_get_the_scalar_verdict()
    {
        Gen.Select(GenProjectShape, Gen.Double[0, 0.03]).Sample((flows, hurdle) => AssertAgrees(flows, hurdle), iter: 20_000);
    }

    [Fact]
    public void Each_shape_is_settled_in_the_batch_somewhere_among_the_draws()
    {
        // Out-in-out with two roots, in-out-in with two and with none, and out-in-out-in with one: each verdict is
        // reached by some draw (so the comparisons above are not all skipped).
        var seen = new HashSet<(string, IrrStatus)>();
        Gen.Select(Gen.OneOf(GenProjectShape, GenBlocks), Gen.Double[0, 0.03]).Sample((flows, hurdle) =>
        {
            if (!MultiSignIrr.TrySolve(flows, hurdle, out var status, out _)) return;
            var signs = string.Concat(flows.Where(f => f != 0).Select(f => f > 0 ? '+' : '-').Aggregate("", (s, c) => s.Length > 0 && s[^1] == c ? s : s + c));
            lock (seen) seen.Add((signs, status));
        }, iter: 40_000);
        Assert.Contains(("-+-", IrrStatus.Converged), seen);
        Assert.Contains(("+-+", IrrStatus.NoRoot), seen);
        Assert.Contains(("-+-+", IrrStatus.Converged), seen);
    }
}
