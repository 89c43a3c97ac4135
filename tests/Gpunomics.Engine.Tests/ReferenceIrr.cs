namespace Gpunomics.Engine.Tests;

/// <summary>
/// A slow, independent IRR for conventional flows (an outflow at period 0, then only inflows), to check the
/// solvers against: bisection over every double in the discount factor x = 1 / (1 + r), with the sign of
/// NPV(x) = sum c_t x^t taken from Horner's rule in double-double arithmetic (about 106 bits), so that x is
/// exact and NPV's rounding error is about 1e-32 of sum |c_t| x^t. NPV rises with x for such flows
/// (it is c0 &lt; 0 at x = 0), so its single root is the last double at which NPV is negative, or the next one.
/// </summary>
internal static class ReferenceIrr
{
    /// <summary>The discount factor x* at which NPV changes sign, to one unit in the last place.</summary>
    public static double DiscountFactor(ReadOnlySpan<double> flows)
    {
        if (!(flows[0] < 0)) throw new ArgumentException("the reference handles conventional flows only", nameof(flows));
        for (var t = 1; t < flows.Length; t++)
            if (flows[t] < 0) throw new ArgumentException("the reference handles conventional flows only", nameof(flows));
        double lo = 1, hi = 1;
        while (Sign(flows, lo) >= 0) lo *= 0.5;
        while (Sign(flows, hi) < 0) hi *= 2;
        // Invariant: NPV(lo) < 0 <= NPV(hi).
        while (true)
        {
            var mid = lo + 0.5 * (hi - lo);
            if (mid <= lo || mid >= hi) break;
            if (Sign(flows, mid) < 0) lo = mid; else hi = mid;
        }
        return hi;
    }

    /// <summary>The IRR per period, r = (1 - x*) / x*, and its log rate u = -ln x*.</summary>
    public static (double Rate, double LogRate) Irr(ReadOnlySpan<double> flows)
    {
        var x = DiscountFactor(flows);
        return ((1.0 - x) / x, -Math.Log(x));
    }

    /// <summary>Sign of NPV at the exact discount factor <paramref name="x"/>.</summary>
    public static int Sign(ReadOnlySpan<double> flows, double x)
    {
        var s = new DoubleDouble(0, 0);
        for (var t = flows.Length - 1; t >= 0; t--) s = s * x + flows[t];
        return Math.Sign(s.Hi != 0 ? s.Hi : s.Lo);
    }

    /// <summary>An unevaluated sum Hi + Lo with |Lo| at most half an ulp of Hi (Dekker; Knuth's TwoSum).</summary>
    private readonly record struct DoubleDouble(double Hi, double Lo)
    {
        public static DoubleDouble operator *(DoubleDouble a, double b)
        {
            var p = a.Hi * b;
            var e = Math.FusedMultiplyAdd(a.Hi, b, -p); // exact error of the product
            return Normalize(p, e + a.Lo * b);
        }

        public static DoubleDouble operator +(DoubleDouble a, double b)
        {
            var s = a.Hi + b;
            var v = s - a.Hi;
            var e = (a.Hi - (s - v)) + (b - v);         // exact error of the sum
            return Normalize(s, e + a.Lo);
        }

        private static DoubleDouble Normalize(double hi, double lo)
        {
            var s = hi + lo;
            return new DoubleDouble(s, lo - (s - hi));
        }
    }
}
