using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gpunomics.Finance;

namespace Gpunomics.Batch;

/// <summary>
/// The IRR of up to four streams of conventional explicit flows (month 0 out, then only in) at once, month-major
/// (month m of lane k at <c>4 m + k</c>), by Newton's method in u = ln(1 + r) with Horner's rule, four lanes per
/// 256-bit instruction: the start, stop and check of <see cref="BatchIrr"/>'s general path (methodology: "Batch IRR"),
/// with the start from the first two cumulants of the inflow-weighted months. The scalar code (where vectors are not
/// accelerated, or asked for) does the same operations lane by lane, so both give the same bits.
/// </summary>
internal sealed class ConventionalLanes
{
    public const int Width = 4;
    private const double UMax = IrrSolver.MaxLogRate;
    private const double StopSquared = 2 * BatchIrr.Tolerance;

    private double[] _flows = new double[Width * 128];
    private readonly double[] _c0 = new double[Width];
    private readonly double[] _inflow = new double[Width];
    private readonly double[] _first = new double[Width];
    private readonly double[] _second = new double[Width];
    private readonly int[] _last = new int[Width];
    private readonly double[] _u = new double[Width], _uMin = new double[Width], _x = new double[Width], _p = new double[Width], _dp = new double[Width];

    /// <summary>The rates per month of the lanes of the last <see cref="Solve"/>.</summary>
    public double[] Rates { get; } = new double[Width];
    private int _months;
    private int _lanes;

    /// <summary>The lanes loaded with conventional flows (bit k for lane k).</summary>
    public int Lanes => _lanes;

    /// <summary>Empties every lane for a new group of up to four streams of at most <paramref name="months"/> months after month 0.</summary>
    public void Reset(int months)
    {
        var size = Width * (months + 1);
        if (_flows.Length < size) _flows = new double[Math.Max(size, 2 * _flows.Length)];
        _months = months;
        _lanes = 0;
        _used = 0;
    }

    private int _used;

    /// <summary>
    /// Copies <paramref name="flows"/> into lane <paramref name="lane"/> (zeros after its last month) for <see cref="Npv"/>,
    /// and, when they are conventional, loads them for <see cref="Solve"/> with their moments.
    /// </summary>
    public void Copy(int lane, ReadOnlySpan<double> flows, FlowSummary summary)
    {
        if (flows.Length > _months + 1) throw new ArgumentException("flows of at most the group's months are copied", nameof(flows));
        var f = _flows;
        for (var t = 0; t < flows.Length; t++) f[Width * t + lane] = flows[t];
        for (var t = flows.Length; t <= _months; t++) f[Width * t + lane] = 0;
        _used |= 1 << lane;
        if (summary.Shape != FlowShape.Conventional) return;
        _c0[lane] = flows[0];
        _inflow[lane] = summary.Inflow;
        _first[lane] = summary.First;
        _second[lane] = summary.Second;
        _last[lane] = flows.Length - 1;
        _lanes |= 1 << lane;
    }

    /// <summary>
    /// NPV of every lane copied at its per-month rate (lanes not copied: any value), by Horner's rule as
    /// <see cref="Finance.Rates.Npv"/> computes it (a multiply, then an add, month by month from the last), so of the same bits.
    /// </summary>
    public void Npv(ReadOnlySpan<double> ratePerMonth, Span<double> npv)
    {
        var x = Vector256.Create(1.0 / (1.0 + ratePerMonth[0]), 1.0 / (1.0 + ratePerMonth[1]), 1.0 / (1.0 + ratePerMonth[2]), 1.0 / (1.0 + ratePerMonth[3]));
        var sum = Vector256<double>.Zero;
        ref var f = ref MemoryMarshal.GetArrayDataReference(_flows);
        for (var t = _months; t >= 0; t--) sum = sum * x + Vector256.LoadUnsafe(ref f, (nuint)(Width * t));
        sum.CopyTo(npv);
    }

    /// <summary>The month-major flows of the group (month m of lane k at <c>4 m + k</c>), for a caller that writes them in place.</summary>
    internal double[] Flows => _flows;

    /// <summary>
    /// Marks lane <paramref name="lane"/> as written in place in <see cref="Flows"/> (months after <paramref name="last"/>
    /// zero), and loads it for <see cref="Solve"/> when its flows are conventional, as <see cref="Copy"/> does.
    /// </summary>
    internal void Written(int lane, int last, FlowSummary summary)
    {
        _used |= 1 << lane;
        if (summary.Shape != FlowShape.Conventional) return;
        _c0[lane] = _flows[lane];
        _inflow[lane] = summary.Inflow;
        _first[lane] = summary.First;
        _second[lane] = summary.Second;
        _last[lane] = last;
        _lanes |= 1 << lane;
    }

    /// <summary>Loads conventional <paramref name="flows"/> (see <see cref="FinancedFlows.FillScenario"/>) into lane <paramref name="lane"/>.</summary>
    public void Load(int lane, ReadOnlySpan<double> flows, FlowSummary summary)
    {
        if (summary.Shape != FlowShape.Conventional || flows.Length > _months + 1) throw new ArgumentException("conventional flows of at most the group's months are loaded", nameof(flows));
        var c0 = flows[0];
        var (inflow, first, second) = (summary.Inflow, summary.First, summary.Second);
        var f = _flows;
        for (var t = 0; t < flows.Length; t++) f[Width * t + lane] = flows[t];
        for (var t = flows.Length; t <= _months; t++) f[Width * t + lane] = 0;
        _c0[lane] = c0;
        _inflow[lane] = inflow;
        _first[lane] = first;
        _second[lane] = second;
        _last[lane] = flows.Length - 1;
        _lanes |= 1 << lane;
    }

    /// <summary>
    /// Solves the lanes loaded; returns the lanes whose answer passed the check (bit k), their rate per month in
    /// <see cref="Rates"/>. A lane not returned has no answer here (the scalar solver decides).
    /// </summary>
    public int Solve(bool simd)
    {
        Span<double> u = _u, uMin = _uMin, x = _x, p = _p, dp = _dp;
        var active = 0;
        for (var k = 0; k < Width; k++)
        {
            uMin[k] = Math.Max(-30.0, -700.0 / Math.Max(1, _last[k]));
            if ((_lanes & (1 << k)) == 0) continue;
            u[k] = Start(_c0[k], _inflow[k], _first[k], _second[k]);
            if (u[k] <= UMax && u[k] >= uMin[k]) active |= 1 << k;
        }
        var converged = 0;
        for (var i = 0; i < BatchIrr.MaxIterations && (active & ~converged) != 0; i++)
        {
            for (var k = 0; k < Width; k++) x[k] = Math.Exp(-u[k]);
            Horner(x, p, dp, simd);
            for (var k = 0; k < Width; k++)
            {
                var bit = 1 << k;
                if ((active & ~converged & bit) == 0) continue;
                var step = p[k] / (x[k] * dp[k]);
                u[k] = Math.Max(u[k] + step, uMin[k]);
                if (!(step * step * _last[k] > StopSquared)) converged |= bit;
            }
        }
        var solved = active & converged;
        for (var k = 0; k < Width; k++) x[k] = Math.Exp(-u[k]);
        Horner(x, p, dp, simd);
        for (var k = 0; k < Width; k++)
        {
            var bit = 1 << k;
            if ((solved & bit) == 0) continue;
            // The check of every answer: within the searched range, |NPV| small against the discounted absolute flows.
            if (!(u[k] <= UMax) || !double.IsFinite(u[k]) || !(Math.Abs(p[k]) <= BatchIrr.ResidualTolerance * (p[k] - 2.0 * _c0[k])))
            {
                solved &= ~bit;
                continue;
            }
            Rates[k] = VecMath.Expm1(u[k]);
        }
        return solved;
    }

    // NPV and its derivative in x by Horner's rule, fused multiply-adds, for the four lanes.
    private void Horner(ReadOnlySpan<double> x, Span<double> p, Span<double> dp, bool simd)
    {
        if (simd)
        {
            var vx = Vector256.Create(x);
            Vector256<double> vp = Vector256<double>.Zero, vdp = Vector256<double>.Zero;
            ref var f = ref MemoryMarshal.GetArrayDataReference(_flows);
            for (var t = _months; t >= 0; t--)
            {
                vdp = Vector256.FusedMultiplyAdd(vdp, vx, vp);
                vp = Vector256.FusedMultiplyAdd(vp, vx, Vector256.LoadUnsafe(ref f, (nuint)(Width * t)));
            }
            vp.CopyTo(p);
            vdp.CopyTo(dp);
            return;
        }
        for (var k = 0; k < Width; k++)
        {
            double a = 0, da = 0, xk = x[k];
            for (var t = _months; t >= 0; t--)
            {
                da = Math.FusedMultiplyAdd(da, xk, a);
                a = Math.FusedMultiplyAdd(a, xk, _flows[Width * t + k]);
            }
            p[k] = a;
            dp[k] = da;
        }
    }

    /// <summary>
    /// Start for Newton in u: I exp(-u D + u^2 V / 2) = -c0 with D and V the mean and variance of the inflow-weighted
    /// months (the smaller root), Jensen's u = ln(I / -c0) / D when V is zero or the quadratic has no real root.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Start(double c0, double inflow, double first, double second)
    {
        var mean = first / inflow;
        var variance = Math.Max(second / inflow - mean * mean, 0.0);
        var l = Math.Log(inflow / -c0);
        var disc = mean * mean - 2.0 * variance * l;
        return variance > 0 && disc > 0 ? 2.0 * l / (mean + Math.Sqrt(disc)) : l / mean;
    }
}

/// <summary>What <see cref="FinancedFlows.FillScenario"/> found a stream of flows to be.</summary>
internal enum FlowShape
{
    /// <summary>Month 0 out, then only in (loaded into its lane).</summary>
    Conventional,
    /// <summary>No flow is negative: no IRR (<see cref="IrrStatus.NoOutflow"/>).</summary>
    NoOutflow,
    /// <summary>No flow is positive: no IRR (<see cref="IrrStatus.NoInflow"/>).</summary>
    NoInflow,
    /// <summary>Any other shape, for the other solvers.</summary>
    Other,
}
