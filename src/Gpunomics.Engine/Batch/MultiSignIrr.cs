using Gpunomics.Finance;

namespace Gpunomics.Batch;

/// <summary>
/// The IRR of one stream of explicit flows that are not conventional (month 0 out, then only in), in the shapes debt
/// and tax give a project, where the number of roots can be proved without the scalar scan (methodology: "Debt and tax in the
/// batch"); each verdict is the one <see cref="IrrSolver.SolveReturn(ReadOnlySpan{double}, double)"/> gives. False
/// leaves the stream to that solver: another shape, a root above the searched range, or any value too near zero to
/// read its sign.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>One sign change after months of the first sign (the loan's interest above the rent at first, say): one root
/// (Descartes), found in a bracket when NPV has the first flow's sign at the top of the searched range and the other at
/// its bottom; the return when money goes out first, a borrowing rate when it comes in first.</item>
/// <item>Out, in, out (signs - + -): at most two roots (Descartes' rule of signs) and NPV negative at both ends of
/// the rates, so given a rate with NPV positive, one root above it, the return (NPV falls through it), and a second
/// below it exactly when NPV at the bottom of the searched range is negative: the scalar solver then picks the
/// return, kept when it agrees with NPV at the hurdle.</item>
/// <item>In, out, in (+ - +): at most two roots and NPV positive at both ends: a rate with NPV negative proves two,
/// the lower one (where NPV falls) the return, as above; with the flows after month 0 changing sign once NPV has a
/// single minimum, and positive there means no root.</item>
/// <item>Out first, in last, three or more changes (- + - +, tax back in the last month): by Norstrom's rule the
/// roots above a rate u0 are at most the sign changes of the partial sums of the flows discounted at u0, and the roots
/// below it at most those of the sums taken from the end. One change forward and none backward prove a single root,
/// which lies above u0.</item>
/// </list>
/// </remarks>
internal static class MultiSignIrr
{
    private const double UMax = IrrSolver.MaxLogRate;

    // Rates tried as u0 (a rate with NPV positive, below the return), from zero down, as BatchIrr's out-in-out search.
    private static ReadOnlySpan<double> Candidates => [0.0, -0.05, -0.15, -0.3, -0.6, -1.0, -2.0];

    /// <summary>
    /// The verdict on <paramref name="flows"/> (month 0 first) for the shapes above; false for any other, or where a
    /// sign cannot be told (the caller then asks <see cref="BatchIrr.SolveReturn"/>).
    /// <paramref name="ratePerPeriod"/> is 0 unless the status is <see cref="IrrStatus.Converged"/>.
    /// </summary>
    public static bool TrySolve(ReadOnlySpan<double> flows, double hurdlePerPeriod, out IrrStatus status, out double ratePerPeriod)
    {
        status = IrrStatus.NoRoot;
        ratePerPeriod = 0;
        if (flows.Length < 3) return false;
        int first = 0, last = 0, changes = 0;
        foreach (var c in flows)
        {
            var s = c > 0 ? 1 : c < 0 ? -1 : 0;
            if (s == 0) continue;
            if (first == 0) first = s;
            else if (s != last) changes++;
            last = s;
        }
        if (changes < 1) return false;
        var uMin = Math.Max(-30.0, -700.0 / (flows.Length - 1));
        // Month 0 of one sign and every later month of the other: BatchIrr's Newton for conventional flows decides.
        if (changes == 1) return flows[0] != 0 && SignChangesAfterMonthZero(flows) > 0 && OneChange(flows, uMin, first, out status, out ratePerPeriod);
        if (first < 0 && changes == 2) return OutInOut(flows, uMin, hurdlePerPeriod, out status, out ratePerPeriod);
        if (first > 0 && changes == 2) return InOutIn(flows, uMin, hurdlePerPeriod, out status, out ratePerPeriod);
        if (first < 0 && last > 0) return OneRootByPartialSums(flows, uMin, out status, out ratePerPeriod);
        return false;
    }

    // One sign change (months of the first sign after month 0, say): one root (Descartes), inside the searched range
    // when NPV has the first flow's sign at its top and the other at its bottom; NPV falls through it when money goes
    // out first (the return), rises when it comes in first (a borrowing rate).
    private static bool OneChange(ReadOnlySpan<double> flows, double uMin, int first, out IrrStatus status, out double rate)
    {
        status = IrrStatus.NoRoot;
        rate = 0;
        var (bottom, _, scale) = AtBottom(flows, uMin);
        if (!(-first * bottom > BatchIrr.ResidualTolerance * scale)) return false;
        if (!(first < 0 ? Negative(flows, UMax) : Positive(flows, UMax))) return false;
        if (first > 0)
        {
            // Money in first: NPV goes from below zero at the bottom to above it at the top through its one root, a
            // borrowing rate, whose value is not reported: no need to find it.
            status = IrrStatus.BorrowingRate;
            return true;
        }
        var lo = double.NaN;
        foreach (var u in Candidates)
        {
            if (u < uMin) break;
            if (Positive(flows, u)) { lo = u; break; }
        }
        if (double.IsNaN(lo) || !TryRoot(flows, lo, UMax, out var root)) return false;
        status = IrrStatus.Converged;
        rate = VecMath.Expm1(root);
        return true;
    }

    private static bool OutInOut(ReadOnlySpan<double> flows, double uMin, double hurdle, out IrrStatus status, out double rate)
    {
        status = IrrStatus.NoRoot;
        rate = 0;
        if (!Negative(flows, UMax)) return false;
        var lo = double.NaN;
        foreach (var u in Candidates)
        {
            if (u < uMin) break;
            if (Positive(flows, u)) { lo = u; break; }
        }
        if (double.IsNaN(lo) || !TryRoot(flows, lo, UMax, out var root)) return false;
        var (bottom, _, scale) = AtBottom(flows, uMin);
        if (bottom > BatchIrr.ResidualTolerance * scale)
        {
            // The return is the only root in the searched range.
            status = IrrStatus.Converged;
            rate = VecMath.Expm1(root);
            return true;
        }
        if (!(bottom < -BatchIrr.ResidualTolerance * scale)) return false;
        // A second root below lo, where NPV rises: the return is chosen and kept when it agrees with NPV at the hurdle.
        return Chosen(flows, VecMath.Expm1(root), hurdle, out status, out rate);
    }

    private static bool InOutIn(ReadOnlySpan<double> flows, double uMin, double hurdle, out IrrStatus status, out double rate)
    {
        status = IrrStatus.NoRoot;
        rate = 0;
        var (bottom, gLo, bottomScale) = AtBottom(flows, uMin);
        if (!(bottom > BatchIrr.ResidualTolerance * bottomScale) || !Positive(flows, UMax)) return false;
        // At most two roots (Descartes), NPV positive at both ends: a point where it is negative proves two. With the
        // flows after month 0 changing sign once, NPV has a single minimum (its derivative's coefficients t c_t change
        // sign once), so positive there means no root; otherwise only a negative point decides.
        var unimodal = SignChangesAfterMonthZero(flows) == 1;
        var (_, gHi) = NpvAndSlope(flows, UMax);
        if (unimodal && (!(gLo < 0) || !(gHi > 0))) return NoRootInRange(out status);
        // The minimum by Newton on the slope kept in its bracket, stopping at the first point where NPV is negative.
        double a = uMin, b = UMax, u = Math.Max(uMin, 0.0);
        for (var k = 0; k < 100; k++)
        {
            var (f, g, curvature, scale) = NpvSlopeCurvature(flows, u);
            if (!(scale < 1e290)) return false;
            if (f < -BatchIrr.ResidualTolerance * scale)
            {
                // Two roots: the lower one, where NPV falls, in (uMin, u), the return, bracketed from the nearest rate
                // tried below u with NPV positive.
                var lo = uMin;
                foreach (var c in Candidates)
                    if (c < u && c >= uMin && Positive(flows, c)) { lo = c; break; }
                if (!TryRoot(flows, lo, u, out var root)) return false;
                return Chosen(flows, VecMath.Expm1(root), hurdle, out status, out rate);
            }
            if (!unimodal)
            {
                // Two minima possible: a rate tried where NPV is negative still proves two roots.
                foreach (var c in Candidates)
                {
                    if (c < uMin) break;
                    if (!Negative(flows, c)) continue;
                    var lo = double.NaN;
                    foreach (var d in Candidates)
                        if (d < c && d >= uMin && Positive(flows, d)) { lo = d; break; }
                    if (double.IsNaN(lo)) lo = uMin; // NPV is positive at the bottom (checked above)
                    if (!TryRoot(flows, lo, c, out var lower)) return false;
                    return Chosen(flows, VecMath.Expm1(lower), hurdle, out status, out rate);
                }
                return false;
            }
            if (g < 0) a = u; else b = u;
            var next = curvature > 0 ? u - g / curvature : double.NaN;
            if (!(next > a && next < b)) next = 0.5 * (a + b);
            if (Math.Abs(next - u) <= BatchIrr.Tolerance * (1 + Math.Abs(u)) || b - a <= BatchIrr.Tolerance)
            {
                // At the minimum: positive by a margin, no root; too near zero to tell, the scan decides.
                var (fm, sm) = BatchIrr.NpvAndScale(flows, next);
                return fm > BatchIrr.ResidualTolerance * sm && NoRootInRange(out status);
            }
            u = next;
        }
        return false;
    }

    private static int SignChangesAfterMonthZero(ReadOnlySpan<double> flows)
    {
        int sign = 0, changes = 0;
        foreach (var c in flows[1..])
        {
            var s = c > 0 ? 1 : c < 0 ? -1 : 0;
            if (s == 0 || s == sign) continue;
            if (sign != 0) changes++;
            sign = s;
        }
        return changes;
    }

    private static bool NoRootInRange(out IrrStatus status)
    {
        status = IrrStatus.NoRoot;
        return true;
    }

    private static bool OneRootByPartialSums(ReadOnlySpan<double> flows, double uMin, out IrrStatus status, out double rate)
    {
        status = IrrStatus.NoRoot;
        rate = 0;
        if (!Negative(flows, UMax)) return false;
        var lo = double.NaN;
        var proved = false;
        foreach (var u0 in Candidates)
        {
            if (u0 < uMin) break;
            if (!Positive(flows, u0)) continue;
            if (double.IsNaN(lo)) lo = u0;
            if (SingleRoot(flows, u0, above: true)) { lo = u0; proved = true; break; }
        }
        if (double.IsNaN(lo) || !TryRoot(flows, lo, UMax, out var root)) return false;
        // Otherwise the partial sums at rates just below the root, or just above it (forward all negative: no root
        // above; from the end one change: at most one below).
        foreach (var d in (ReadOnlySpan<double>)[1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3])
        {
            if (proved) break;
            proved = root - d > lo && SingleRoot(flows, root - d, above: true) || SingleRoot(flows, root + d, above: false);
        }
        if (!proved) return false;
        status = IrrStatus.Converged;
        rate = VecMath.Expm1(root);
        return true;
    }

    // Norstrom's rule at u0 (x = e^-u0): the roots above u0 are at most the sign changes of the partial sums of c_t x^t
    // from month 0, those below at most the changes of the sums from the last month. With NPV(u0) > 0 (above: true),
    // one change forward (negative to positive) and none from the end prove exactly one root, above u0; with
    // NPV(u0) < 0 (above: false), no change forward and one from the end, exactly one root, below u0. Every sum must
    // stand clear of its rounding.
    private static bool SingleRoot(ReadOnlySpan<double> flows, double u0, bool above)
    {
        var x = Math.Exp(-u0);
        double w = 1, total = 0, scale = 0;
        foreach (var c in flows)
        {
            total += c * w;
            scale += Math.Abs(c) * w;
            w *= x;
        }
        if (!(scale < 1e290)) return false;
        var margin = BatchIrr.ResidualTolerance * scale;
        if (!(above ? total > margin : total < -margin)) return false;
        double sum = 0;
        int forward = 0, backward = 0, forwardSign = -1, backwardSign = 0;
        w = 1;
        foreach (var c in flows)
        {
            // The sum of this month and the rest, discounted, then the partial sum up to this month.
            var rest = total - sum;
            sum += c * w;
            w *= x;
            if (!(Math.Abs(rest) > margin) || !(Math.Abs(sum) > margin)) return false;
            var s = sum > 0 ? 1 : -1;
            if (s != forwardSign) { forwardSign = s; forward++; }
            var r = rest > 0 ? 1 : -1;
            if (backwardSign != 0 && r != backwardSign) backward++;
            backwardSign = r;
        }
        return above ? forward == 1 && backward == 0 : forward == 0 && backward == 1;
    }

    // Several roots in the searched range, the return one of them: the scalar solver keeps it when return >= hurdle
    // exactly when NPV at the hurdle >= 0, and otherwise gives no rate (several roots). A return within rounding of the
    // hurdle, or an NPV there within rounding of zero, is left to the scalar solver (false).
    private static bool Chosen(ReadOnlySpan<double> flows, double rate, double hurdle, out IrrStatus status, out double chosen)
    {
        status = IrrStatus.NoRoot;
        chosen = 0;
        var x = 1.0 / (1.0 + hurdle);
        double npv = 0, scale = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            npv = Math.FusedMultiplyAdd(npv, x, flows[t]);
            scale = scale * x + Math.Abs(flows[t]);
        }
        if (Math.Abs(rate - hurdle) <= 1e-9 * (1 + Math.Abs(rate)) || !(Math.Abs(npv) > BatchIrr.ResidualTolerance * scale)) return false;
        var agrees = (rate >= hurdle) == (npv >= 0);
        status = agrees ? IrrStatus.Converged : IrrStatus.MultipleRoots;
        chosen = agrees ? rate : 0;
        return true;
    }

    // The one root in [a, b] (NPV of opposite signs at the two ends): Newton kept inside the bracket, checked.
    private static bool TryRoot(ReadOnlySpan<double> flows, double a, double b, out double root)
    {
        var fa = NpvAndSlope(flows, a).Npv;
        root = 0.5 * (a + b);
        var found = false;
        for (var k = 0; k < 200 && !found; k++)
        {
            var (p, g) = NpvAndSlope(flows, root);
            if ((p > 0) == (fa > 0)) a = root; else b = root;
            var next = root - p / g;
            if (!(next > a && next < b)) next = 0.5 * (a + b);
            found = Math.Abs(next - root) <= BatchIrr.Tolerance * (1 + Math.Abs(root)) || b - a <= BatchIrr.Tolerance;
            root = next;
        }
        if (!found) return false;
        var (end, scale) = BatchIrr.NpvAndScale(flows, root);
        return Math.Abs(end) <= BatchIrr.ResidualTolerance * scale;
    }

    private static bool Positive(ReadOnlySpan<double> flows, double u)
    {
        var (f, scale) = BatchIrr.NpvAndScale(flows, u);
        return scale < 1e290 && f > BatchIrr.ResidualTolerance * scale;
    }

    private static bool Negative(ReadOnlySpan<double> flows, double u)
    {
        var (f, scale) = BatchIrr.NpvAndScale(flows, u);
        return scale < 1e290 && f < -BatchIrr.ResidualTolerance * scale;
    }

    // NPV, dNPV/du and the discounted absolute flows at the bottom of the searched range, each times e^(uMin n): there
    // x^n is near the largest double, so the sums are taken in y = e^uMin <= 1 from month 0 up (their signs are NPV's).
    private static (double Npv, double Slope, double Scale) AtBottom(ReadOnlySpan<double> flows, double uMin)
    {
        var y = Math.Exp(uMin);
        double p = 0, dp = 0, scale = 0;
        for (var t = 0; t < flows.Length; t++)
        {
            p = p * y + flows[t];
            dp = dp * y - t * flows[t];
            scale = scale * y + Math.Abs(flows[t]);
        }
        return (p, dp, scale);
    }

    // NPV and dNPV/du at u = ln(1 + r), by Horner's rule in x = e^-u.
    private static (double Npv, double Slope) NpvAndSlope(ReadOnlySpan<double> flows, double u)
    {
        var x = Math.Exp(-u);
        double p = 0, dp = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            dp = dp * x + p;
            p = p * x + flows[t];
        }
        return (p, -x * dp);
    }

    // NPV, dNPV/du = -sum t c_t x^t, d2NPV/du2 = sum t^2 c_t x^t and the discounted absolute flows at u.
    private static (double Npv, double Slope, double Curvature, double Scale) NpvSlopeCurvature(ReadOnlySpan<double> flows, double u)
    {
        var x = Math.Exp(-u);
        double p = 0, p1 = 0, p2 = 0, scale = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            var c = flows[t];
            p = p * x + c;
            p1 = p1 * x + t * c;
            p2 = p2 * x + (double)t * t * c;
            scale = scale * x + Math.Abs(c);
        }
        return (p, -p1, p2, scale);
    }
}
