using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gpunomics.Finance;

namespace Gpunomics.Batch;

/// <summary>
/// IRR for many scenarios at once: 4 scenarios per 256-bit vector instruction, chunks spread over all
/// cores, with the same answers as <see cref="IrrSolver"/> (methodology: "Batch IRR").
/// </summary>
/// <remarks>
/// Conventional flows (an outflow at period 0, then only inflows) have exactly one IRR. NPV as a
/// function of the log rate u = ln(1 + r) is then convex and decreasing, and by Jensen's inequality
/// the start u0 = ln(inflows / outflow) / D (D the inflow-weighted mean period) lies at or left of
/// the root, so Newton's method climbs to it monotonically without a bracket. For level flows the
/// NPV and its slope have closed forms (a geometric sum), so a Newton step costs three exponentials
/// whatever the number of periods. Every lane's answer is checked: Newton must have stopped by its step
/// criterion, within the searched range, with |NPV| there at most <see cref="ResidualTolerance"/> of the
/// discounted absolute flows. A lane that fails (a deep loss Newton approaches too slowly, say), any other
/// flow shape, and a start outside the searched range go to <see cref="IrrSolver"/>, scenario by scenario,
/// so they get the same verdict (a rate, several roots, none, above the range) as the scalar path.
/// </remarks>
public static class BatchIrr
{
    /// <summary>Target accuracy of the log rate u = ln(1 + r): Newton stops once the next step's predicted size, (last period) x step^2 / 2, is below this.</summary>
    public const double Tolerance = 1e-14;

    /// <summary>Newton iteration limit per scenario.</summary>
    public const int MaxIterations = 60;

    /// <summary>
    /// Largest |NPV| accepted at a lane's answer, relative to the discounted absolute flows sum |c_t| x^t: above it the
    /// lane goes to <see cref="IrrSolver"/>. Near the root of conventional flows |dNPV/du| is at least half that sum, so
    /// an accepted answer is within 2e-9 of the root in u = ln(1 + r).
    /// </summary>
    public const double ResidualTolerance = 1e-9;

    private const double UMax = IrrSolver.MaxLogRate;

    // Newton's next error is about (f''/2f') step^2 <= b step^2 / 2 in u: stop once that is below 1e-14.
    private const double StopSquared = 2 * Tolerance;

    /// <summary>
    /// Start for Newton in u: match the first two cumulants of the inflow-weighted period distribution,
    /// I exp(-u D + u^2 V / 2) = P, i.e. V u^2 / 2 - D u + ln(I / P) = 0 (the smaller root); Jensen's
    /// u = ln(I / P) / D when V is zero or the quadratic has no real root.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Start(double c0, double level, double terminal, int a, int n)
    {
        var b = a + n - 1;
        var inflow = level * n + terminal;
        var mean = (level * n * 0.5 * (a + b) + terminal * b) / inflow;
        var second = (level * (SumSquares(b) - SumSquares(a - 1)) + terminal * (double)b * b) / inflow;
        var variance = Math.Max(second - mean * mean, 0.0);
        var l = Math.Log(inflow / -c0);
        var disc = mean * mean - 2.0 * variance * l;
        return variance > 0 && disc > 0 ? 2.0 * l / (mean + Math.Sqrt(disc)) : l / mean;
    }

    private static double SumSquares(double m) => m * (m + 1.0) * (2.0 * m + 1.0) / 6.0;

    // The answer's check: NPV there small against the discounted absolute flows, which for conventional flows
    // (c0 < 0, the rest >= 0) are sum |c_t| x^t = NPV - 2 c0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Verified(double npv, double c0) => Math.Abs(npv) <= ResidualTolerance * (npv - 2.0 * c0);

    /// <summary>
    /// Solves the IRR per period of every scenario in <paramref name="flows"/>.
    /// <paramref name="ratePerPeriod"/>[i] is valid only where <paramref name="status"/>[i] is <see cref="IrrStatus.Converged"/> (else 0).
    /// </summary>
    public static void SolveLevel(LevelFlows flows, Span<double> ratePerPeriod, Span<IrrStatus> status, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (ratePerPeriod.Length < flows.Count || status.Length < flows.Count)
            throw new ArgumentException($"output spans must hold {flows.Count} scenarios");
        flows.Validate();
        // Spans cannot cross into Parallel.For; work through arrays when the caller gave spans.
        var rateArray = new double[flows.Count];
        var statusArray = new IrrStatus[flows.Count];
        SolveLevel(flows, rateArray, statusArray, 0, flows.Count, options);
        rateArray.AsSpan().CopyTo(ratePerPeriod);
        statusArray.AsSpan().CopyTo(status);
    }

    /// <summary>As <see cref="SolveLevel(LevelFlows, Span{double}, Span{IrrStatus}, BatchOptions)"/>, for scenarios [<paramref name="start"/>, <paramref name="end"/>), in place into arrays.</summary>
    public static void SolveLevel(LevelFlows flows, double[] ratePerPeriod, IrrStatus[] status, int start, int end, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(ratePerPeriod);
        ArgumentNullException.ThrowIfNull(status);
        if (start < 0 || end > flows.Count || start > end) throw new ArgumentOutOfRangeException(nameof(end));
        var simd = options.Simd;
        var chunks = (end - start + BatchOptions.ChunkSize - 1) / BatchOptions.ChunkSize;
        if (chunks <= 1 || options.MaxDegreeOfParallelism == 1)
        {
            LevelRange(flows, ratePerPeriod, status, start, end, simd);
            return;
        }
        Parallel.For(0, chunks, options.Parallel, c =>
        {
            var s = start + c * BatchOptions.ChunkSize;
            LevelRange(flows, ratePerPeriod, status, s, Math.Min(end, s + BatchOptions.ChunkSize), simd);
        });
    }

    /// <summary>
    /// Solves the IRR per period of <paramref name="count"/> general flow streams of <paramref name="periods"/> periods,
    /// stored period-major: flow t of scenario i at <paramref name="flows"/>[t * count + i].
    /// </summary>
    public static void SolveGeneral(double[] flows, int periods, int count, double[] ratePerPeriod, IrrStatus[] status, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(ratePerPeriod);
        ArgumentNullException.ThrowIfNull(status);
        if (periods < 2) throw new ArgumentOutOfRangeException(nameof(periods), periods, "at least two periods are needed");
        if (flows.Length < (long)periods * count) throw new ArgumentException($"flows must hold {periods} x {count} values", nameof(flows));
        if (ratePerPeriod.Length < count || status.Length < count) throw new ArgumentException($"output arrays must hold {count} scenarios");
        foreach (var f in flows.AsSpan(0, periods * count))
            if (!double.IsFinite(f)) throw new ArgumentException("cash flows must be finite numbers", nameof(flows));
        var simd = options.Simd;
        var chunks = (count + BatchOptions.ChunkSize - 1) / BatchOptions.ChunkSize;
        if (chunks <= 1 || options.MaxDegreeOfParallelism == 1)
        {
            GeneralRange(flows, periods, count, ratePerPeriod, status, 0, count, simd);
            return;
        }
        Parallel.For(0, chunks, options.Parallel, c =>
        {
            var s = c * BatchOptions.ChunkSize;
            GeneralRange(flows, periods, count, ratePerPeriod, status, s, Math.Min(count, s + BatchOptions.ChunkSize), simd);
        });
    }

    // ---------------------------------------------------------------- level flows

    private static void LevelRange(LevelFlows f, double[] rate, IrrStatus[] status, int start, int end, bool simd)
    {
        var i = start;
        if (simd)
        {
            for (; i + 4 <= end; i += 4) LevelVector(f, rate, status, i);
        }
        for (; i < end; i++) LevelScalar(f, rate, status, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Conventional(double c0, double level, double terminal) =>
        c0 < 0 && level >= 0 && terminal >= 0 && (level > 0 || terminal > 0);

    private static double UMin(int lastPeriod) => Math.Max(-30.0, -700.0 / lastPeriod);

    /// <summary>NPV and dNPV/du of one level stream at log rate u (closed form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (double F, double Slope) LevelNpv(double u, double c0, double level, double terminal, int a, int n)
    {
        var x = Math.Exp(-u);
        var y = -VecMath.Expm1(-u);            // 1 - x
        var nu = n * u;
        var xn = Math.Exp(-nu);
        double g, dg;
        if (Math.Abs(nu) < 1e-5)
        {
            // G(u) = sum_{j<n} e^{-ju} by its Taylor series (0/0 at u = 0 otherwise).
            double s1 = 0.5 * n * (n - 1.0), s2 = (n - 1.0) * n * (2.0 * n - 1.0) / 6.0;
            g = n - u * s1 + 0.5 * u * u * s2;
            dg = -s1 + u * s2;
        }
        else
        {
            g = -VecMath.Expm1(-nu) / y;       // (1 - x^n) / (1 - x)
            dg = (n * xn - x * g) / y;
        }
        var xa = Math.Exp(-a * u);
        var xb = xa * xn / x;                  // x^(a + n - 1)
        var b = a + n - 1;
        var f = c0 + level * xa * g + terminal * xb;
        var slope = level * xa * (dg - a * g) - b * terminal * xb;
        return (f, slope);
    }

    private static void LevelScalar(LevelFlows f, double[] rate, IrrStatus[] status, int i)
    {
        double c0 = f.Initial[i], level = f.Level[i], terminal = f.Terminal[i];
        int a = f.FirstLevelPeriod[i], n = f.LevelPeriods[i];
        if (!Conventional(c0, level, terminal))
        {
            Fallback(f.Expand(i), rate, status, i);
            return;
        }
        var b = a + n - 1;
        var u = Start(c0, level, terminal, a, n);
        var uMin = UMin(b);
        // A start outside the searched range: the scalar solver says whether the root is above it or there is none.
        if (!(u <= UMax && u >= uMin)) { Fallback(f.Expand(i), rate, status, i); return; }
        var converged = false;
        for (var k = 0; k < MaxIterations && !converged; k++)
        {
            var (npv, slope) = LevelNpv(u, c0, level, terminal, a, n);
            var step = -npv / slope;
            u = Math.Max(u + step, uMin);
            converged = !(step * step * b > StopSquared);
        }
        if (!converged || !(u <= UMax) || !Verified(LevelNpv(u, c0, level, terminal, a, n).F, c0))
        {
            Fallback(f.Expand(i), rate, status, i);
            return;
        }
        rate[i] = VecMath.Expm1(u);
        status[i] = IrrStatus.Converged;
    }

    private static void LevelVector(LevelFlows f, double[] rate, IrrStatus[] status, int i)
    {
        var c0 = Vector256.Create(f.Initial.AsSpan(i, 4));
        var level = Vector256.Create(f.Level.AsSpan(i, 4));
        var terminal = Vector256.Create(f.Terminal.AsSpan(i, 4));
        var fa = f.FirstLevelPeriod;
        var fn = f.LevelPeriods;
        var a = Vector256.Create((double)fa[i], fa[i + 1], fa[i + 2], fa[i + 3]);
        var n = Vector256.Create((double)fn[i], fn[i + 1], fn[i + 2], fn[i + 3]);
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);

        var conventional = Vector256.LessThan(c0, zero) & Vector256.GreaterThanOrEqual(level, zero)
            & Vector256.GreaterThanOrEqual(terminal, zero) & Vector256.GreaterThan(level + terminal, zero);
        var b = a + n - one;
        var inflow = level * n + terminal;
        var mean = (level * n * half * (a + b) + terminal * b) / inflow;
        var sixth = Vector256.Create(1.0 / 6.0);
        var two = Vector256.Create(2.0);
        var am = a - one;
        var sumSq = (b * (b + one) * VecMath.Fma(two, b, one) - am * a * VecMath.Fma(two, am, one)) * sixth;
        var second = (level * sumSq + terminal * b * b) / inflow;
        var variance = Vector256.Max(second - mean * mean, zero);
        var l = Vector256.Log(inflow / -c0);
        var disc = mean * mean - two * variance * l;
        var quadratic = Vector256.GreaterThan(variance, zero) & Vector256.GreaterThan(disc, zero);
        var u = Vector256.ConditionalSelect(quadratic, two * l / (mean + Vector256.Sqrt(Vector256.Max(disc, zero))), l / mean);
        var uMin = Vector256.Max(Vector256.Create(-30.0), Vector256.Create(-700.0) / b);
        var uMax = Vector256.Create(UMax);
        var ok = conventional & Vector256.LessThanOrEqual(u, uMax) & Vector256.GreaterThanOrEqual(u, uMin);
        if (ok.ExtractMostSignificantBits() != 0b1111)
        {
            // Rare: non-conventional flows or a start outside the search range; solve these four one by one.
            for (var k = 0; k < 4; k++) LevelScalar(f, rate, status, i + k);
            return;
        }

        var firstIsOne = Vector256.EqualsAll(a, one);
        var stop = Vector256.Create(StopSquared);
        var active = Vector256<double>.AllBitsSet;
        for (var k = 0; k < MaxIterations; k++)
        {
            var (npv, slope, _) = LevelNpvVector(u, c0, level, terminal, a, n, b, firstIsOne);
            var step = -npv / slope;
            u = Vector256.Max(u + (step & active), uMin);
            active &= Vector256.GreaterThan(step * step * b, stop);
            if (active == Vector256<double>.Zero) break;
        }
        // Check every lane's answer against NPV there; a lane that stopped early or fails goes to the scalar solver.
        var (end, _, x) = LevelNpvVector(u, c0, level, terminal, a, n, b, firstIsOne);
        var verified = ~active & Vector256.LessThanOrEqual(u, uMax)
            & Vector256.LessThanOrEqual(Vector256.Abs(end), Vector256.Create(ResidualTolerance) * (end - c0 - c0));
        VecMath.Expm1(u, one / x).CopyTo(rate.AsSpan(i, 4));
        status.AsSpan(i, 4).Clear(); // IrrStatus.Converged == 0
        var lanes = verified.ExtractMostSignificantBits();
        if (lanes != 0b1111)
            for (var k = 0; k < 4; k++)
                if ((lanes & (1u << k)) == 0) Fallback(f.Expand(i + k), rate, status, i + k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<double> F, Vector256<double> Slope, Vector256<double> X) LevelNpvVector(
        Vector256<double> u, Vector256<double> c0, Vector256<double> level, Vector256<double> terminal,
        Vector256<double> a, Vector256<double> n, Vector256<double> b, bool firstIsOne)
    {
        var one = Vector256<double>.One;
        var x = Vector256.Exp(-u);
        var nu = n * u;
        var xn = Vector256.Exp(-nu);
        var y = one - x;               // 1 - x
        var numerator = one - xn;      // 1 - x^n
        var smallU = Vector256.LessThan(Vector256.Abs(u), Vector256.Create(1e-2));
        if (smallU != Vector256<double>.Zero)
        {
            // Near a zero rate 1 - e^{-v} cancels: use the series for both (rare lanes only).
            y = Vector256.ConditionalSelect(smallU, -VecMath.Expm1(-u, x), y);
            numerator = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(nu), Vector256.Create(1e-2)), -VecMath.Expm1(-nu, xn), numerator);
        }
        var invY = one / y;
        var g = numerator * invY;                       // (1 - x^n) / (1 - x)
        var dg = VecMath.Fma(n, xn, -(x * g)) * invY;   // dG/du
        var series = Vector256.LessThan(Vector256.Abs(nu), Vector256.Create(1e-5));
        if (series != Vector256<double>.Zero)
        {
            var s1 = Vector256.Create(0.5) * n * (n - one);
            var s2 = (n - one) * n * (Vector256.Create(2.0) * n - one) * Vector256.Create(1.0 / 6.0);
            g = Vector256.ConditionalSelect(series, n - u * s1 + Vector256.Create(0.5) * u * u * s2, g);
            dg = Vector256.ConditionalSelect(series, VecMath.Fma(u, s2, -s1), dg);
        }
        Vector256<double> xa, xb;
        if (firstIsOne)
        {
            xa = x;
            xb = xn;
        }
        else
        {
            xa = Vector256.Exp(-(a * u));
            xb = xa * xn / x;
        }
        var lxa = level * xa;
        var f = VecMath.Fma(terminal, xb, VecMath.Fma(lxa, g, c0));
        var slope = VecMath.Fma(lxa, VecMath.Fma(-a, g, dg), -(b * terminal * xb));
        return (f, slope, x);
    }

    // ---------------------------------------------------------------- general flows

    // Scenarios solved together by the vector path: four vectors of four, so four independent Horner chains are in flight.
    private const int Block = 16;

    // Scenarios whose flows are copied together out of the caller's layout: whole cache lines of each period at a time.
    private const int Tile = 256;

    /// <summary>
    /// Copies the flows of scenarios [<paramref name="i"/>, <paramref name="i"/> + <paramref name="width"/>) into
    /// <paramref name="tile"/>, block after block of <see cref="Block"/> scenarios, each block period-major with its
    /// scenarios side by side.
    /// </summary>
    private static void CopyTile(double[] flows, int periods, int count, int i, int width, double[] tile)
    {
        ref var src = ref flows[0];
        ref var dst = ref tile[0];
        for (var t = 0; t < periods; t++)
        {
            var from = (nuint)t * (nuint)count + (nuint)i;
            for (var b = 0; b < width; b += Block)
            {
                var to = (nuint)(b * periods + t * Block);
                Vector256.LoadUnsafe(ref src, from + (nuint)b).StoreUnsafe(ref dst, to);
                Vector256.LoadUnsafe(ref src, from + (nuint)b + 4).StoreUnsafe(ref dst, to + 4);
                Vector256.LoadUnsafe(ref src, from + (nuint)b + 8).StoreUnsafe(ref dst, to + 8);
                Vector256.LoadUnsafe(ref src, from + (nuint)b + 12).StoreUnsafe(ref dst, to + 12);
            }
        }
    }

    private static void GeneralRange(double[] flows, int periods, int count, double[] rate, IrrStatus[] status, int start, int end, bool simd)
    {
        var i = start;
        if (simd)
        {
            if (end - i >= Block)
            {
                var tile = GC.AllocateUninitializedArray<double>(periods * Tile);
                while (end - i >= Block)
                {
                    var width = Math.Min(Tile, (end - i) / Block * Block);
                    CopyTile(flows, periods, count, i, width, tile);
                    for (var b = 0; b < width; b += Block) GeneralBlock(flows, periods, count, rate, status, i + b, tile, b * periods);
                    i += width;
                }
            }
            for (; i + 4 <= end; i += 4) GeneralVector(flows, periods, count, rate, status, i);
        }
        for (; i < end; i++) GeneralScalar(flows, periods, count, rate, status, i);
    }

    private static double[] Column(double[] flows, int periods, int count, int i)
    {
        var c = new double[periods];
        for (var t = 0; t < periods; t++) c[t] = flows[t * count + i];
        return c;
    }

    private static void GeneralScalar(double[] flows, int periods, int count, double[] rate, IrrStatus[] status, int i)
    {
        var c0 = flows[i];
        double inflow = 0, weighted = 0;
        var conventional = c0 < 0;
        for (var t = 1; t < periods && conventional; t++)
        {
            var c = flows[t * count + i];
            if (c < 0) conventional = false;
            inflow += c;
            weighted += t * c;
        }
        if (!conventional || !(inflow > 0)) { Fallback(Column(flows, periods, count, i), rate, status, i); return; }
        var last = periods - 1;
        var u = Math.Log(inflow / -c0) / (weighted / inflow);
        var uMin = UMin(last);
        if (!(u <= UMax && u >= uMin)) { Fallback(Column(flows, periods, count, i), rate, status, i); return; }
        var converged = false;
        for (var k = 0; k < MaxIterations && !converged; k++)
        {
            var x = Math.Exp(-u);
            double p = 0, dp = 0;
            for (var t = last; t >= 0; t--)
            {
                dp = dp * x + p;
                p = p * x + flows[t * count + i];
            }
            var step = p / (x * dp); // f / -f'(u), f'(u) = -x dp/dx
            u = Math.Max(u + step, uMin);
            converged = !(step * step * last > StopSquared);
        }
        if (!converged || !(u <= UMax) || !Verified(GeneralNpv(flows, periods, count, i, u), c0))
        {
            Fallback(Column(flows, periods, count, i), rate, status, i);
            return;
        }
        rate[i] = VecMath.Expm1(u);
        status[i] = IrrStatus.Converged;
    }

    private static double GeneralNpv(double[] flows, int periods, int count, int i, double u)
    {
        var x = Math.Exp(-u);
        var p = 0.0;
        for (var t = periods - 1; t >= 0; t--) p = p * x + flows[t * count + i];
        return p;
    }

    private static void GeneralVector(double[] flows, int periods, int count, double[] rate, IrrStatus[] status, int i)
    {
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var c0 = Vector256.Create(flows.AsSpan(i, 4));
        var inflow = zero;
        var weighted = zero;
        var anyNegative = zero;
        for (var t = 1; t < periods; t++)
        {
            var c = Vector256.Create(flows.AsSpan(t * count + i, 4));
            anyNegative |= Vector256.LessThan(c, zero);
            inflow += c;
            weighted = VecMath.Fma(Vector256.Create((double)t), c, weighted);
        }
        var u = Vector256.Log(inflow / -c0) * inflow / weighted;
        var uMin = Vector256.Create(UMin(periods - 1));
        var uMax = Vector256.Create(UMax);
        var ok = Vector256.LessThan(c0, zero) & ~anyNegative & Vector256.GreaterThan(inflow, zero)
            & Vector256.LessThanOrEqual(u, uMax) & Vector256.GreaterThanOrEqual(u, uMin);
        if (ok.ExtractMostSignificantBits() != 0b1111)
        {
            for (var k = 0; k < 4; k++) GeneralScalar(flows, periods, count, rate, status, i + k);
            return;
        }
        var stop = Vector256.Create(StopSquared / (periods - 1));
        var active = Vector256<double>.AllBitsSet;
        for (var k = 0; k < MaxIterations; k++)
        {
            var x = Vector256.Exp(-u);
            var p = zero;
            var dp = zero;
            for (var t = periods - 1; t >= 0; t--)
            {
                dp = VecMath.Fma(dp, x, p);
                p = VecMath.Fma(p, x, Vector256.Create(flows.AsSpan(t * count + i, 4)));
            }
            var step = p / (x * dp);
            u = Vector256.Max(u + (step & active), uMin);
            active &= Vector256.GreaterThan(step * step, stop);
            if (active == zero) break;
        }
        // Check every lane's answer against NPV there; a lane that stopped early or fails goes to the scalar solver.
        var xEnd = Vector256.Exp(-u);
        var end = zero;
        for (var t = periods - 1; t >= 0; t--) end = VecMath.Fma(end, xEnd, Vector256.Create(flows.AsSpan(t * count + i, 4)));
        var verified = ~active & Vector256.LessThanOrEqual(u, uMax)
            & Vector256.LessThanOrEqual(Vector256.Abs(end), Vector256.Create(ResidualTolerance) * (end - c0 - c0));
        VecMath.Expm1(u, one / xEnd).CopyTo(rate.AsSpan(i, 4));
        status.AsSpan(i, 4).Clear();
        var lanes = verified.ExtractMostSignificantBits();
        if (lanes != 0b1111)
            for (var k = 0; k < 4; k++)
                if ((lanes & (1u << k)) == 0) Fallback(Column(flows, periods, count, i + k), rate, status, i + k);
    }

    /// <summary>
    /// Sixteen scenarios from <paramref name="i"/> as four vectors, lane for lane the arithmetic of <see cref="GeneralVector"/>
    /// (so the same answers to the bit), interleaved: a Horner step waits on the previous one's fused multiply-add, so one
    /// vector at a time leaves the floating-point units idle most of the time. The flows are read from
    /// <paramref name="tile"/> at <paramref name="offset"/>, where <see cref="CopyTile"/> put them period-major with the
    /// sixteen scenarios side by side: in the caller's layout the periods lie count x 8 bytes apart, which for a count that
    /// is a power of two maps them all to the same cache sets, evicting each other on every Newton step.
    /// </summary>
    private static void GeneralBlock(double[] flows, int periods, int count, double[] rate, IrrStatus[] status, int i, double[] tile, int offset)
    {
        var zero = Vector256<double>.Zero;
        ref var dst = ref tile[offset];
        var c00 = Vector256.LoadUnsafe(ref dst, 0);
        var c01 = Vector256.LoadUnsafe(ref dst, 4);
        var c02 = Vector256.LoadUnsafe(ref dst, 8);
        var c03 = Vector256.LoadUnsafe(ref dst, 12);
        Vector256<double> in0 = zero, in1 = zero, in2 = zero, in3 = zero;
        Vector256<double> w0 = zero, w1 = zero, w2 = zero, w3 = zero;
        var negative = zero;
        for (var t = 1; t < periods; t++)
        {
            var at = (nuint)t * Block;
            var c0 = Vector256.LoadUnsafe(ref dst, at);
            var c1 = Vector256.LoadUnsafe(ref dst, at + 4);
            var c2 = Vector256.LoadUnsafe(ref dst, at + 8);
            var c3 = Vector256.LoadUnsafe(ref dst, at + 12);
            negative |= Vector256.LessThan(c0, zero) | Vector256.LessThan(c1, zero) | Vector256.LessThan(c2, zero) | Vector256.LessThan(c3, zero);
            var tv = Vector256.Create((double)t);
            in0 += c0;
            in1 += c1;
            in2 += c2;
            in3 += c3;
            w0 = VecMath.Fma(tv, c0, w0);
            w1 = VecMath.Fma(tv, c1, w1);
            w2 = VecMath.Fma(tv, c2, w2);
            w3 = VecMath.Fma(tv, c3, w3);
        }
        var u0 = Vector256.Log(in0 / -c00) * in0 / w0;
        var u1 = Vector256.Log(in1 / -c01) * in1 / w1;
        var u2 = Vector256.Log(in2 / -c02) * in2 / w2;
        var u3 = Vector256.Log(in3 / -c03) * in3 / w3;
        var uMin = Vector256.Create(UMin(periods - 1));
        var uMax = Vector256.Create(UMax);
        var ok = StartOk(c00, in0, u0, uMin, uMax) & StartOk(c01, in1, u1, uMin, uMax)
            & StartOk(c02, in2, u2, uMin, uMax) & StartOk(c03, in3, u3, uMin, uMax);
        if (negative != zero || ok.ExtractMostSignificantBits() != 0b1111)
        {
            // Rare: some lane is not conventional or starts outside the range; each vector of four decides for itself.
            for (var k = 0; k < Block; k += 4) GeneralVector(flows, periods, count, rate, status, i + k);
            return;
        }
        var stop = Vector256.Create(StopSquared / (periods - 1));
        Vector256<double> a0 = Vector256<double>.AllBitsSet, a1 = a0, a2 = a0, a3 = a0;
        for (var k = 0; k < MaxIterations; k++)
        {
            var x0 = Vector256.Exp(-u0);
            var x1 = Vector256.Exp(-u1);
            var x2 = Vector256.Exp(-u2);
            var x3 = Vector256.Exp(-u3);
            Vector256<double> p0 = zero, p1 = zero, p2 = zero, p3 = zero;
            Vector256<double> d0 = zero, d1 = zero, d2 = zero, d3 = zero;
            for (var t = periods - 1; t >= 0; t--)
            {
                var at = (nuint)t * Block;
                d0 = VecMath.Fma(d0, x0, p0);
                d1 = VecMath.Fma(d1, x1, p1);
                d2 = VecMath.Fma(d2, x2, p2);
                d3 = VecMath.Fma(d3, x3, p3);
                p0 = VecMath.Fma(p0, x0, Vector256.LoadUnsafe(ref dst, at));
                p1 = VecMath.Fma(p1, x1, Vector256.LoadUnsafe(ref dst, at + 4));
                p2 = VecMath.Fma(p2, x2, Vector256.LoadUnsafe(ref dst, at + 8));
                p3 = VecMath.Fma(p3, x3, Vector256.LoadUnsafe(ref dst, at + 12));
            }
            // A vector whose lanes have all stopped keeps its u: its step is masked out, as if it had left the loop.
            var s0 = p0 / (x0 * d0);
            var s1 = p1 / (x1 * d1);
            var s2 = p2 / (x2 * d2);
            var s3 = p3 / (x3 * d3);
            u0 = Vector256.Max(u0 + (s0 & a0), uMin);
            u1 = Vector256.Max(u1 + (s1 & a1), uMin);
            u2 = Vector256.Max(u2 + (s2 & a2), uMin);
            u3 = Vector256.Max(u3 + (s3 & a3), uMin);
            a0 &= Vector256.GreaterThan(s0 * s0, stop);
            a1 &= Vector256.GreaterThan(s1 * s1, stop);
            a2 &= Vector256.GreaterThan(s2 * s2, stop);
            a3 &= Vector256.GreaterThan(s3 * s3, stop);
            if (((a0 | a1) | (a2 | a3)) == zero) break;
        }
        // Check every lane's answer against NPV there; a lane that stopped early or fails goes to the scalar solver.
        var e0 = Vector256.Exp(-u0);
        var e1 = Vector256.Exp(-u1);
        var e2 = Vector256.Exp(-u2);
        var e3 = Vector256.Exp(-u3);
        Vector256<double> n0 = zero, n1 = zero, n2 = zero, n3 = zero;
        for (var t = periods - 1; t >= 0; t--)
        {
            var at = (nuint)t * Block;
            n0 = VecMath.Fma(n0, e0, Vector256.LoadUnsafe(ref dst, at));
            n1 = VecMath.Fma(n1, e1, Vector256.LoadUnsafe(ref dst, at + 4));
            n2 = VecMath.Fma(n2, e2, Vector256.LoadUnsafe(ref dst, at + 8));
            n3 = VecMath.Fma(n3, e3, Vector256.LoadUnsafe(ref dst, at + 12));
        }
        Finish(flows, periods, count, rate, status, i, u0, e0, n0, c00, a0, uMax);
        Finish(flows, periods, count, rate, status, i + 4, u1, e1, n1, c01, a1, uMax);
        Finish(flows, periods, count, rate, status, i + 8, u2, e2, n2, c02, a2, uMax);
        Finish(flows, periods, count, rate, status, i + 12, u3, e3, n3, c03, a3, uMax);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> StartOk(Vector256<double> c0, Vector256<double> inflow, Vector256<double> u, Vector256<double> uMin, Vector256<double> uMax) =>
        Vector256.LessThan(c0, Vector256<double>.Zero) & Vector256.GreaterThan(inflow, Vector256<double>.Zero)
        & Vector256.LessThanOrEqual(u, uMax) & Vector256.GreaterThanOrEqual(u, uMin);

    // Four lanes' verdict: rate where NPV at the answer passes the check, the scalar solver for a lane that fails.
    private static void Finish(double[] flows, int periods, int count, double[] rate, IrrStatus[] status, int i,
        Vector256<double> u, Vector256<double> x, Vector256<double> npv, Vector256<double> c0, Vector256<double> active, Vector256<double> uMax)
    {
        var verified = ~active & Vector256.LessThanOrEqual(u, uMax)
            & Vector256.LessThanOrEqual(Vector256.Abs(npv), Vector256.Create(ResidualTolerance) * (npv - c0 - c0));
        VecMath.Expm1(u, Vector256<double>.One / x).CopyTo(rate.AsSpan(i, 4));
        status.AsSpan(i, 4).Clear();
        var lanes = verified.ExtractMostSignificantBits();
        if (lanes != 0b1111)
            for (var k = 0; k < 4; k++)
                if ((lanes & (1u << k)) == 0) Fallback(Column(flows, periods, count, i + k), rate, status, i + k);
    }

    // ---------------------------------------------------------------- one stream

    /// <summary>
    /// The IRR per period of one stream of flows held contiguously, as <see cref="IrrSolver.SolveReturn(ReadOnlySpan{double}, double)"/>
    /// gives it: conventional flows by Newton with Horner's rule (the start, stop and check of the general path), every
    /// other stream, or a lane that fails its check, by that solver. <paramref name="ratePerPeriod"/> is 0 unless the
    /// status is <see cref="IrrStatus.Converged"/>.
    /// </summary>
    internal static IrrStatus SolveReturn(ReadOnlySpan<double> flows, double hurdlePerPeriod, out double ratePerPeriod)
    {
        if (TryConventional(flows, 1.0, out ratePerPeriod)) return IrrStatus.Converged;
        // Money in at month 0 and only out after (a loan with a prepayment above the equity's share of the capex): one
        // root, where NPV rises with the rate, a borrowing rate.
        if (flows[0] > 0 && TryConventional(flows, -1.0, out _))
        {
            ratePerPeriod = 0;
            return IrrStatus.BorrowingRate;
        }
        if (TryOutInOut(flows, hurdlePerPeriod, out var settled, out ratePerPeriod)) return settled;
        var result = IrrSolver.SolveReturn(flows, hurdlePerPeriod);
        var status = StatusOf(result, flows);
        ratePerPeriod = status == IrrStatus.Converged ? result.RatePerPeriod!.Value : 0.0;
        return status;
    }

    /// <summary>
    /// Flows out, then in, then out (signs - + - once zeros are dropped: tax rising once depreciation ends, a balance
    /// repaid at the end). By Descartes' rule the polynomial sum t c_t x^t, whose signs go + - once, has one positive
    /// root, so NPV is unimodal in x = e^-u: it rises from month 0's outflow, peaks, then falls to the last outflow.
    /// Given a rate u_a with NPV(u_a) &gt; 0 and NPV &lt; 0 at the top of the range, exactly one root lies in [u_a, top],
    /// the one where NPV falls as the rate rises (the return), and a second root in the searched range exists exactly
    /// when NPV at its bottom is negative. With NPV positive there the return is the only root. False (the scalar
    /// solver decides) with a second root, for any other shape or any value too close to zero to tell its sign.
    /// </summary>
    private static bool TryOutInOut(ReadOnlySpan<double> flows, double hurdlePerPeriod, out IrrStatus status, out double rate)
    {
        status = IrrStatus.NoRoot;
        rate = 0;
        if (!(flows[0] < 0)) return false;
        var changes = 0;
        var sign = -1;
        foreach (var c in flows)
        {
            var s = c > 0 ? 1 : c < 0 ? -1 : 0;
            if (s == 0 || s == sign) continue;
            sign = s;
            if (++changes > 2) return false;
        }
        if (changes != 2) return false;
        var last = flows.Length - 1;
        var uMin = UMin(last);
        var (top, topScale) = NpvAndScale(flows, UMax);
        if (!(top < -ResidualTolerance * topScale)) return false;
        // A rate where NPV is positive, from zero down.
        var lo = double.NaN;
        foreach (var u in (ReadOnlySpan<double>)[0.0, -0.05, -0.15, -0.3, -0.6, -1.0, -2.0])
        {
            if (u < uMin) break;
            var (f, scale) = NpvAndScale(flows, u);
            if (f > ResidualTolerance * scale) { lo = u; break; }
        }
        if (double.IsNaN(lo)) return false;
        // The one root in [lo, top]: Newton kept inside the bracket (bisection when it leaves it).
        double a = lo, b = UMax, root = 0.5 * (lo + UMax);
        var found = false;
        for (var k = 0; k < 200 && !found; k++)
        {
            var x = Math.Exp(-root);
            double p = 0, dp = 0;
            for (var t = last; t >= 0; t--)
            {
                dp = dp * x + p;
                p = p * x + flows[t];
            }
            if (p > 0) a = root; else b = root;
            var next = root + p / (x * dp);
            if (!(next > a && next < b)) next = 0.5 * (a + b);
            found = Math.Abs(next - root) <= Tolerance * (1 + Math.Abs(root)) || b - a <= Tolerance;
            root = next;
        }
        if (!found) return false;
        var (end, endScale) = NpvAndScale(flows, root);
        if (!(Math.Abs(end) <= ResidualTolerance * endScale)) return false;
        // A second root in the searched range (NPV negative at its bottom), or a bottom too near overflow to read its
        // sign as the scalar solver reads it: the scalar solver decides (it picks the return among the roots).
        var (bottom, bottomScale) = NpvAndScale(flows, uMin);
        if (!(bottomScale < 1e290) || !(bottom > ResidualTolerance * bottomScale)) return false;
        status = IrrStatus.Converged;
        rate = VecMath.Expm1(root);
        return true;
    }

    // NPV at the continuous rate u (x = e^-u) and the discounted absolute flows, its scale for the root's check.
    internal static (double Npv, double Scale) NpvAndScale(ReadOnlySpan<double> flows, double u)
    {
        var x = Math.Exp(-u);
        double p = 0, scale = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            p = p * x + flows[t];
            scale = scale * x + Math.Abs(flows[t]);
        }
        return (p, scale);
    }

    // Conventional flows times sign (1, or -1 for money in first and out later): Newton from Jensen's start, checked.
    private static bool TryConventional(ReadOnlySpan<double> flows, double sign, out double rate)
    {
        rate = 0;
        var c0 = sign * flows[0];
        if (!(c0 < 0) || flows.Length < 2) return false;
        double inflow = 0, weighted = 0;
        for (var t = 1; t < flows.Length; t++)
        {
            var c = sign * flows[t];
            if (!(c >= 0)) return false;
            inflow += c;
            weighted += t * c;
        }
        if (!(inflow > 0) || !double.IsFinite(inflow)) return false;
        var last = flows.Length - 1;
        var u = Math.Log(inflow / -c0) / (weighted / inflow);
        var uMin = UMin(last);
        if (!(u <= UMax && u >= uMin)) return false;
        var converged = false;
        for (var k = 0; k < MaxIterations && !converged; k++)
        {
            var x = Math.Exp(-u);
            double p = 0, dp = 0;
            for (var t = last; t >= 0; t--)
            {
                dp = dp * x + p;
                p = p * x + sign * flows[t];
            }
            var step = p / (x * dp);
            u = Math.Max(u + step, uMin);
            converged = !(step * step * last > StopSquared);
        }
        if (!converged || !(u <= UMax)) return false;
        var xEnd = Math.Exp(-u);
        var npv = 0.0;
        for (var t = last; t >= 0; t--) npv = npv * xEnd + sign * flows[t];
        if (!Verified(npv, c0)) return false;
        rate = VecMath.Expm1(u);
        return true;
    }

    // ---------------------------------------------------------------- fallback

    /// <summary>The scalar solver's verdict as a status.</summary>
    public static IrrStatus StatusOf(IrrResult result, ReadOnlySpan<double> flows)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.HasRate) return IrrStatus.Converged;
        if (result.IsBorrowing) return IrrStatus.BorrowingRate;
        if (result.Roots.Count + (result.AboveSearchRange ? 1 : 0) > 1) return IrrStatus.MultipleRoots;
        if (result.AboveSearchRange) return IrrStatus.AboveSearchRange;
        bool neg = false, pos = false;
        foreach (var c in flows) { neg |= c < 0; pos |= c > 0; }
        return !neg ? IrrStatus.NoOutflow : !pos ? IrrStatus.NoInflow : IrrStatus.NoRoot;
    }

    private static void Fallback(double[] flows, double[] rate, IrrStatus[] status, int i)
    {
        var result = IrrSolver.Solve(flows);
        var s = StatusOf(result, flows);
        rate[i] = s == IrrStatus.Converged ? result.RatePerPeriod!.Value : 0.0;
        status[i] = s;
    }
}
