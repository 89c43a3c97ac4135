using System.Globalization;

namespace Gpunomics.Finance;

/// <summary>The outcome of an IRR solve: exactly one rate, or none with the reason.</summary>
public sealed record IrrResult
{
    private IrrResult(double? rate, IReadOnlyList<double> roots, string? note, bool aboveSearchRange = false, double? borrowingRate = null)
    {
        RatePerPeriod = rate;
        Roots = roots;
        Note = note;
        AboveSearchRange = aboveSearchRange;
        BorrowingRatePerPeriod = borrowingRate;
    }

    /// <summary>The internal rate of return per period, or null when there is no single IRR.</summary>
    public double? RatePerPeriod { get; }

    /// <summary>Every rate above -100% found to make NPV zero (more than one for some non-conventional flows).</summary>
    public IReadOnlyList<double> Roots { get; }

    /// <summary>
    /// Why there is no IRR; with a rate, how it was chosen among several roots (<see cref="IrrSolver.SolveReturn(ReadOnlySpan{double})"/>)
    /// or that NPV only touches zero there; else null.
    /// </summary>
    public string? Note { get; }

    /// <summary>
    /// True when NPV at the top of the searched range, <see cref="IrrSolver.MaxRatePerPeriod"/>, still has the sign
    /// opposite to the one it takes as the rate grows without bound, so a rate above that range makes NPV zero.
    /// That rate is not in <see cref="Roots"/>, and there is no <see cref="RatePerPeriod"/>.
    /// </summary>
    public bool AboveSearchRange { get; }

    /// <summary>True when a single IRR exists.</summary>
    public bool HasRate => RatePerPeriod.HasValue;

    /// <summary>
    /// From <see cref="IrrSolver.SolveReturn(ReadOnlySpan{double})"/>: the only rate that makes NPV zero when NPV
    /// rises with the rate there (the flows take money in first and pay it out later), per period. It is the
    /// cost of the money received, a borrowing rate, not a return, so <see cref="RatePerPeriod"/> is then null.
    /// Null otherwise.
    /// </summary>
    public double? BorrowingRatePerPeriod { get; }

    /// <summary>True when the only rate making NPV zero is a borrowing rate (<see cref="BorrowingRatePerPeriod"/>).</summary>
    public bool IsBorrowing => BorrowingRatePerPeriod.HasValue;

    internal static IrrResult Unique(double rate) => new(rate, [rate], null);

    internal static IrrResult Tangent(double rate, bool positiveAround) => new(rate, [rate],
        $"NPV touches zero at {Percent(rate)} per period without changing sign ({(positiveAround ? "positive" : "negative")} on both sides)");

    internal static IrrResult None(string note) => new(null, [], note);

    internal static IrrResult Above(bool npvPositive) => new(null, [],
        $"NPV is still {(npvPositive ? "positive" : "negative")} at {IrrSolver.MaxRatePerPeriodText} per period, the top of the " +
        $"searched range, and changes sign above it: the IRR is above {IrrSolver.MaxRatePerPeriodText} per period", aboveSearchRange: true);

    internal static IrrResult Borrowing(double rate) => new(null, [rate],
        $"NPV rises with the rate at the only rate that makes it zero ({Percent(rate)} per period): the flows take money in before they pay it out, " +
        $"so that rate is the cost of the money received (a borrowing rate), not a return; decide on NPV at the hurdle", borrowingRate: rate);

    internal static IrrResult Contradicted(IrrResult chosen, double hurdle, double npv) => new(null, chosen.Roots,
        $"the cash flows change sign more than once and {chosen.Roots.Count} rates make NPV zero ({List(chosen.Roots)} per period); " +
        $"at the hurdle {Percent(hurdle)} per period the NPV is {npv.ToString("N0", CultureInfo.InvariantCulture)}, which the return {Percent(chosen.RatePerPeriod!.Value)} " +
        $"would contradict, so no rate is reported as the return; decide on NPV at the hurdle");

    internal static IrrResult Chosen(double rate, IReadOnlyList<double> roots) => new(rate, roots,
        $"the cash flows change sign more than once and {roots.Count} rates make NPV zero " +
        $"({List(roots)} per period); " +
        $"{Percent(rate)} is the one at which NPV falls as the rate rises, the flows' return");

    internal static IrrResult Multiple(IReadOnlyList<double> roots) => new(null, roots,
        $"the cash flows change sign more than once and {roots.Count} rates make NPV zero " +
        $"({List(roots)} per period); no single IRR exists, use NPV");

    internal static IrrResult MultipleWithOneAbove(IReadOnlyList<double> roots) => new(null, roots,
        $"the cash flows change sign more than once: {(roots.Count == 1 ? "1 rate makes" : $"{roots.Count} rates make")} NPV zero " +
        $"({List(roots)} per period) and at least one more above {IrrSolver.MaxRatePerPeriodText} per period, the top of the " +
        "searched range; no single IRR exists, use NPV", aboveSearchRange: true);

    private static string List(IReadOnlyList<double> roots) => string.Join(", ", roots.Select(Percent));

    private static string Percent(double rate) => rate.ToString("P3", CultureInfo.InvariantCulture);
}

/// <summary>
/// Internal rate of return that never silently returns a wrong root.
/// </summary>
/// <remarks>
/// NPV is a polynomial in the discount factor x = 1/(1 + r). The solver scans u = ln(1 + r) from
/// max(-30, -700/n) (n the last period) to <see cref="MaxLogRate"/>, i.e. r over (-100%, <see cref="MaxRatePerPeriod"/>],
/// on a grid dense near zero, and brackets every sign change of NPV. Where NPV turns back towards zero between
/// two grid points (its slope changes sign) it finds the extremum between them: NPV of the other sign there
/// brackets two roots closer than a grid step; |NPV| within the rounding error of evaluating it
/// (<see cref="TangentTolerance"/>) is a root where NPV touches zero. Each bracket is refined with a safeguarded
/// Newton step (bisection whenever Newton leaves the bracket), to <see cref="Tolerance"/> in the rate. No starting
/// guess is needed, so the spreadsheet trap of a 10% guess on 60- or 120-month flows does not arise. Flows
/// without both an outflow and an inflow, or with no rate above -100% making NPV zero, get no IRR and a note
/// saying why; a root above the searched range is reported as such (<see cref="IrrResult.AboveSearchRange"/>);
/// flows with several roots get no IRR and every root. Flows that change sign exactly once have exactly one root
/// (Descartes' rule of signs), so the solver bisects the same grid for its bracket instead of scanning it all, with
/// the same answer. See docs/methodology.md, "IRR".
/// </remarks>
public static class IrrSolver
{
    /// <summary>Absolute tolerance on the per-period rate.</summary>
    public const double Tolerance = 1e-13;

    /// <summary>Iteration limit per bracket.</summary>
    public const int MaxIterations = 200;

    /// <summary>Top of the searched range as a log rate, u = ln(1 + r) = 5.</summary>
    public const double MaxLogRate = 5.0;

    /// <summary>Top of the searched range, e^5 - 1 = 14,741% per period; a root above it is reported as above it (<see cref="IrrResult.AboveSearchRange"/>).</summary>
    public static readonly double MaxRatePerPeriod = Math.Exp(MaxLogRate) - 1.0;

    internal static readonly string MaxRatePerPeriodText = (MaxRatePerPeriod * 100).ToString("N0", CultureInfo.InvariantCulture) + "%";

    private static readonly double[] GridU = BuildGrid();

    /// <summary>
    /// Bound on the rounding error of NPV evaluated by Horner's rule over <paramref name="periods"/> periods,
    /// relative to the discounted absolute flows sum |c_t| x^t: n eps from the 2n roundings of Horner's rule
    /// (unit roundoff eps / 2 each) plus n eps from rounding x, whose t-th power carries t times its error.
    /// A computed |NPV| at or below 2 n eps sum |c_t| x^t cannot be told from zero.
    /// </summary>
    public static double TangentTolerance(int periods) => 2.0 * periods * MachineEpsilon;

    private const double MachineEpsilon = 2.220446049250313e-16; // 2^-52

    /// <summary>Solves for the IRR per period of <paramref name="flows"/> (flow 0 at time 0).</summary>
    public static IrrResult Solve(ReadOnlySpan<double> flows) => Solve(flows, scanAlways: false);

    /// <summary>As <see cref="Solve(ReadOnlySpan{double})"/>, always with the full scan (the reference for the single-root path).</summary>
    internal static IrrResult SolveByScan(ReadOnlySpan<double> flows) => Solve(flows, scanAlways: true);

    /// <summary>
    /// True when the flows change sign exactly once (zeros skipped): by Descartes' rule of signs NPV, a polynomial in
    /// x = 1/(1 + r), then has exactly one positive root, a simple one, so exactly one rate above -100% makes NPV zero
    /// and the scan for several roots can be skipped.
    /// </summary>
    internal static bool HasOneRoot(ReadOnlySpan<double> flows)
    {
        var changes = 0;
        var sign = 0;
        foreach (var f in flows)
        {
            var s = Math.Sign(f);
            if (s == 0) continue;
            if (sign != 0 && s != sign) changes++;
            sign = s;
        }
        return changes == 1;
    }

    private static IrrResult Solve(ReadOnlySpan<double> flows, bool scanAlways)
    {
        if (flows.Length < 2) return IrrResult.None("at least two cash flows are needed");
        bool anyPositive = false, anyNegative = false;
        var firstNonZero = 0.0;
        foreach (var f in flows)
        {
            if (!double.IsFinite(f)) throw new ArgumentException("cash flows must be finite numbers", nameof(flows));
            anyPositive |= f > 0;
            anyNegative |= f < 0;
            if (firstNonZero == 0) firstNonZero = f;
        }
        if (!anyNegative) return IrrResult.None("the cash flows have no outflow, so no rate makes NPV zero");
        if (!anyPositive) return IrrResult.None("the cash flows have no inflow, so no rate makes NPV zero");

        var n = flows.Length - 1;
        var tolerance = TangentTolerance(n);
        // Keep x^n finite: u = ln(1 + r) >= -700 / n. The scan starts there, or at the grid's -30.
        var uMin = Math.Max(GridU[0], -700.0 / n);
        if (!scanAlways && HasOneRoot(flows)) return SolveOneRoot(flows, uMin, firstNonZero);
        var roots = new List<double>();
        var tangent = new List<(double Rate, bool PositiveAround)>();
        double prevU = 0, prevNpv = 0, prevSlope = 0, topNpv = 0;
        var first = true;
        for (var k = -1; k < GridU.Length; k++)
        {
            // Point -1 is uMin itself when it falls between grid points.
            var u = k < 0 ? uMin : GridU[k];
            if (k < 0 ? Array.IndexOf(GridU, uMin) >= 0 : u < uMin) continue;
            var (npv, slope) = NpvAndSlopeAtLogRate(u, flows);
            // NPV's sign just above the previous point and just below this one (the slope's, at a root).
            var signA = prevNpv != 0 ? Math.Sign(prevNpv) : Math.Sign(prevSlope);
            var signB = npv != 0 ? Math.Sign(npv) : -Math.Sign(slope);
            if (!first && signA != 0 && signB != 0)
            {
                // NPV's slope changes sign between the points: split at its extremum, where it may also touch zero.
                // With NPV of one sign at both points and moving away from zero, there is nothing to find.
                var turns = Math.Sign(prevSlope) * Math.Sign(slope) < 0;
                if (turns && (signB != signA || Math.Sign(prevSlope) != signA))
                {
                    var m = Extremum(flows, prevU, u);
                    var (fm, scale) = NpvAndScaleAtLogRate(m, flows);
                    var touches = Math.Abs(fm) <= tolerance * scale;
                    // NPV's sign beside the extremum: at a minimum that touches zero, positive on both sides.
                    var mSign = touches ? (prevSlope < 0 ? 1 : -1) : Math.Sign(fm);
                    if (mSign != signA) AddRoot(roots, Refine(flows, prevU, m, signA));
                    if (touches) AddTangent(roots, tangent, Math.Exp(m) - 1.0, mSign > 0);
                    if (signB != mSign) AddRoot(roots, Refine(flows, m, u, mSign));
                }
                else if (signB != signA)
                {
                    AddRoot(roots, Refine(flows, prevU, u, signA));
                }
            }
            if (npv == 0)
                AddRoot(roots, Math.Exp(u) - 1.0);
            else if (slope == 0 && Math.Abs(npv) <= tolerance * NpvAndScaleAtLogRate(u, flows).Scale)
                AddTangent(roots, tangent, Math.Exp(u) - 1.0, npv > 0); // an extremum on a grid point that touches zero
            first = false;
            prevU = u;
            prevNpv = npv;
            prevSlope = slope;
            topNpv = npv;
        }

        MergeIndistinguishableRoots(flows, roots, tangent, tolerance);

        // As r grows without bound NPV takes the sign of the first non-zero flow: if it has the other sign at
        // the top of the range, it changes sign (an odd number of times) above it.
        var above = topNpv != 0 && Math.Sign(topNpv) != Math.Sign(firstNonZero);
        if (above) return roots.Count == 0 ? IrrResult.Above(topNpv > 0) : IrrResult.MultipleWithOneAbove(roots);
        return roots.Count switch
        {
            0 => IrrResult.None("no rate above -100% per period makes NPV zero"),
            1 when tangent.Count == 1 => IrrResult.Tangent(roots[0], tangent[0].PositiveAround),
            1 => IrrResult.Unique(roots[0]),
            _ => IrrResult.Multiple(roots),
        };
    }

    // Flows with one sign change (HasOneRoot): NPV has one sign below the root and the other above it, so on the scan's
    // grid (uMin, then the grid points above it) its sign changes once, and bisecting the grid's indices finds the
    // bracket the scan would, in about log2(145) = 8 evaluations instead of 145. The same refinement then gives the
    // same root. Where the root lies outside the range, the results are those of the scan: above it (NPV at the top
    // still has the sign opposite to the first flow's) or below it (NPV of one sign over the whole range).
    private static IrrResult SolveOneRoot(ReadOnlySpan<double> flows, double uMin, double firstNonZero)
    {
        var top = NpvAtLogRate(MaxLogRate, flows);
        if (top == 0) return IrrResult.Unique(Math.Exp(MaxLogRate) - 1.0);
        if (Math.Sign(top) != Math.Sign(firstNonZero)) return IrrResult.Above(top > 0);
        var first = Array.BinarySearch(GridU, uMin);
        // The points are uMin, then GridU[start..]: point i > 0 is GridU[start + i - 1].
        var start = first >= 0 ? first + 1 : ~first;
        var bottom = NpvAtLogRate(uMin, flows);
        if (bottom == 0) return IrrResult.Unique(Math.Exp(uMin) - 1.0);
        var signLow = Math.Sign(bottom);
        if (signLow == Math.Sign(top)) return IrrResult.None("no rate above -100% per period makes NPV zero");
        int lo = 0, hi = GridU.Length - start;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            var u = GridU[start + mid - 1];
            var f = NpvAtLogRate(u, flows);
            if (f == 0) return IrrResult.Unique(Math.Exp(u) - 1.0);
            if (Math.Sign(f) == signLow) lo = mid; else hi = mid;
        }
        var uLow = lo == 0 ? uMin : GridU[start + lo - 1];
        return IrrResult.Unique(Refine(flows, uLow, GridU[start + hi - 1], signLow));
    }

    /// <summary>
    /// The rate of return of <paramref name="flows"/>: the IRR when it is unique and NPV falls as the rate rises
    /// through it (money paid out first, received later). When NPV rises with the rate there (a prepayment above
    /// the capex, say: money received first, paid out later), that root is the cost of the money received, not a
    /// return: no rate, the root in <see cref="IrrResult.BorrowingRatePerPeriod"/> and a note. When several rates
    /// make NPV zero (levered flows with a balloon repayment, say), the one root at which NPV falls as the rate
    /// rises, if exactly one does, with a note naming every root. Between the next lower root and it the NPV is
    /// positive and above it negative, so "return above the hurdle" still means "NPV at the hurdle above zero" for
    /// every hurdle above the other roots (<see cref="SolveReturn(ReadOnlySpan{double}, double)"/> checks the
    /// hurdle). Otherwise no rate, with the solver's note. See docs/methodology.md, "When IRR is not the answer".
    /// </summary>
    public static IrrResult SolveReturn(ReadOnlySpan<double> flows)
    {
        var result = Solve(flows);
        // A root where NPV only touches zero (a note says so) has no slope to read a direction from.
        if (result.HasRate)
            return result.Note is null && NpvAndSlope(result.RatePerPeriod!.Value, flows).Slope > 0 ? IrrResult.Borrowing(result.RatePerPeriod.Value) : result;
        // With a root above the searched range, the one falling root among those found need not be the only one.
        if (result.Roots.Count < 2 || result.AboveSearchRange) return result;
        double? chosen = null;
        foreach (var r in result.Roots)
        {
            if (NpvAndSlope(r, flows).Slope >= 0) continue;
            if (chosen is not null) return result;
            chosen = r;
        }
        return chosen is { } c ? IrrResult.Chosen(c, result.Roots) : result;
    }

    /// <summary>
    /// As <see cref="SolveReturn(ReadOnlySpan{double})"/>, and a return chosen among several roots is kept only when
    /// it agrees with NPV at <paramref name="hurdlePerPeriod"/>: return &gt;= hurdle exactly when NPV at the hurdle
    /// &gt;= 0. Otherwise (a hurdle below another root) no rate and a note: the decision is on NPV at the hurdle.
    /// </summary>
    public static IrrResult SolveReturn(ReadOnlySpan<double> flows, double hurdlePerPeriod)
    {
        if (!(hurdlePerPeriod > -1)) throw new ArgumentOutOfRangeException(nameof(hurdlePerPeriod), hurdlePerPeriod, "must be above -100% per period");
        var result = SolveReturn(flows);
        if (result.RatePerPeriod is not { } rate || result.Roots.Count < 2) return result;
        var npv = NpvAndSlope(hurdlePerPeriod, flows).Npv;
        return (rate >= hurdlePerPeriod) == (npv >= 0) ? result : IrrResult.Contradicted(result, hurdlePerPeriod, npv);
    }

    /// <summary>Solves for the IRR per period; false (and rate 0) when there is no single IRR.</summary>
    public static bool TrySolve(ReadOnlySpan<double> flows, out double ratePerPeriod)
    {
        var result = Solve(flows);
        ratePerPeriod = result.RatePerPeriod ?? 0.0;
        return result.HasRate;
    }

    private static void AddRoot(List<double> roots, double r)
    {
        if (roots.Count == 0 || Math.Abs(roots[^1] - r) > 1e-9) roots.Add(r);
    }

    private static void AddTangent(List<double> roots, List<(double, bool)> tangent, double r, bool positiveAround)
    {
        var count = roots.Count;
        AddRoot(roots, r);
        if (roots.Count > count) tangent.Add((r, positiveAround));
    }

    // Two neighbouring roots between which |NPV| never exceeds its rounding error are one root where NPV touches
    // zero (rounding at a grid point near a double root can show a spurious sign change).
    private static void MergeIndistinguishableRoots(ReadOnlySpan<double> flows, List<double> roots, List<(double Rate, bool PositiveAround)> tangent, double tolerance)
    {
        for (var i = 0; i + 1 < roots.Count;)
        {
            double ua = Math.Log(1.0 + roots[i]), ub = Math.Log(1.0 + roots[i + 1]);
            var (fMid, scaleMid) = NpvAndScaleAtLogRate(0.5 * (ua + ub), flows);
            if (Math.Abs(fMid) > tolerance * scaleMid) { i++; continue; }
            var sa = NpvAndSlopeAtLogRate(ua, flows).Slope;
            var sb = NpvAndSlopeAtLogRate(ub, flows).Slope;
            var m = Math.Sign(sa) * Math.Sign(sb) < 0 ? Extremum(flows, ua, ub) : 0.5 * (ua + ub);
            var (fm, scale) = NpvAndScaleAtLogRate(m, flows);
            if (Math.Abs(fm) > tolerance * scale) { i++; continue; }
            double ra = roots[i], rb = roots[i + 1];
            tangent.RemoveAll(t => t.Rate == ra || t.Rate == rb);
            roots[i] = Math.Exp(m) - 1.0;
            roots.RemoveAt(i + 1);
            tangent.Add((roots[i], sa < 0));
        }
    }

    // NPV and dNPV/du as functions of u = ln(1 + r): sum c_t e^{-u t} and -sum t c_t e^{-u t}, by Horner's rule (fused multiply-adds) in x = e^{-u}.
    private static (double Npv, double Slope) NpvAndSlopeAtLogRate(double u, ReadOnlySpan<double> flows)
    {
        var x = Math.Exp(-u);
        double p = 0, dp = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            dp = Math.FusedMultiplyAdd(dp, x, p);
            p = Math.FusedMultiplyAdd(p, x, flows[t]);
        }
        // dNPV/du = dNPV/dx * dx/du, dx/du = -x.
        return (p, -dp * x);
    }

    // NPV at u = ln(1 + r), by the same Horner's rule as NpvAndSlopeAtLogRate (so of the same sign at each point).
    private static double NpvAtLogRate(double u, ReadOnlySpan<double> flows)
    {
        var x = Math.Exp(-u);
        double p = 0;
        for (var t = flows.Length - 1; t >= 0; t--) p = Math.FusedMultiplyAdd(p, x, flows[t]);
        return p;
    }

    // NPV and the discounted absolute flows sum |c_t| x^t (the scale of NPV's rounding error) at u.
    private static (double Npv, double Scale) NpvAndScaleAtLogRate(double u, ReadOnlySpan<double> flows)
    {
        var x = Math.Exp(-u);
        double p = 0, s = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            p = Math.FusedMultiplyAdd(p, x, flows[t]);
            s = Math.FusedMultiplyAdd(s, x, Math.Abs(flows[t]));
        }
        return (p, s);
    }

    // dNPV/du = -sum t c_t x^t and d2NPV/du2 = sum t^2 c_t x^t at u.
    private static (double Slope, double Curvature) SlopeAndCurvatureAtLogRate(double u, ReadOnlySpan<double> flows)
    {
        var x = Math.Exp(-u);
        double p1 = 0, p2 = 0;
        for (var t = flows.Length - 1; t >= 1; t--)
        {
            p1 = Math.FusedMultiplyAdd(p1, x, t * flows[t]);
            p2 = Math.FusedMultiplyAdd(p2, x, (double)t * t * flows[t]);
        }
        return (-p1 * x, p2 * x);
    }

    // The u in (uLow, uHigh) where dNPV/du, of opposite signs at the two ends, is zero: safeguarded Newton.
    private static double Extremum(ReadOnlySpan<double> flows, double uLow, double uHigh)
    {
        double lo = uLow, hi = uHigh;
        var gLo = SlopeAndCurvatureAtLogRate(lo, flows).Slope;
        var u = 0.5 * (lo + hi);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (g, dg) = SlopeAndCurvatureAtLogRate(u, flows);
            if (g == 0) return u;
            if (Math.Sign(g) == Math.Sign(gLo)) { lo = u; gLo = g; } else { hi = u; }
            var next = dg != 0 ? u - g / dg : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - u) <= Tolerance * Math.Max(1.0, Math.Abs(next)) || hi - lo <= Tolerance)
                return next;
            u = next;
        }
        return u;
    }

    // NPV and dNPV/dr at rate r.
    private static (double Npv, double Slope) NpvAndSlope(double r, ReadOnlySpan<double> flows)
    {
        var x = 1.0 / (1.0 + r);
        double p = 0, dp = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            dp = Math.FusedMultiplyAdd(dp, x, p);
            p = Math.FusedMultiplyAdd(p, x, flows[t]);
        }
        // dNPV/dr = dNPV/dx * dx/dr, dx/dr = -x^2.
        return (p, -dp * x * x);
    }

    // The root in (uLow, uHigh), NPV having sign signLow just above uLow and the other sign at uHigh.
    private static double Refine(ReadOnlySpan<double> flows, double uLow, double uHigh, int signLow)
    {
        double lo = Math.Exp(uLow) - 1.0, hi = Math.Exp(uHigh) - 1.0;
        var r = 0.5 * (lo + hi);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (f, slope) = NpvAndSlope(r, flows);
            if (f == 0) return r;
            if (Math.Sign(f) == signLow) lo = r; else hi = r;
            var next = slope != 0 ? r - f / slope : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - r) <= Tolerance * Math.Max(1.0, Math.Abs(next)) || hi - lo <= Tolerance)
                return next;
            r = next;
        }
        return r;
    }

    private static double[] BuildGrid()
    {
        // u = ln(1 + r): zero, then +-1e-5 ... +-10^(2/3) with 12 points per decade, and +-5 (the top of the range).
        var positive = new List<double>();
        for (var k = 0; k <= 68; k++) positive.Add(Math.Pow(10, -5 + k / 12.0));
        positive.Add(MaxLogRate);
        var grid = new List<double>();
        grid.AddRange(positive.Select(v => -v).Reverse());
        grid.Add(0.0);
        grid.AddRange(positive);
        // Below -5 (r below -99.3%) add a few points so extreme losses still bracket.
        grid.InsertRange(0, [-30.0, -20.0, -12.0, -8.0]);
        return [.. grid];
    }
}
