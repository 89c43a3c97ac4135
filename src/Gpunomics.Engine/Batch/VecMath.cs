using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gpunomics.Batch;

/// <summary>Accurate e^v - 1 for small v, scalar and vector (the BCL's ExpM1 is Exp(v) - 1).</summary>
internal static class VecMath
{
    private const double SmallArg = 1e-2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Expm1(double v)
    {
        if (Math.Abs(v) >= SmallArg) return Math.Exp(v) - 1.0;
        // Taylor to v^9: truncation below 1e-24 relative for |v| < 1e-2.
        var p = 1.0 / 362880.0;
        p = p * v + 1.0 / 40320.0;
        p = p * v + 1.0 / 5040.0;
        p = p * v + 1.0 / 720.0;
        p = p * v + 1.0 / 120.0;
        p = p * v + 1.0 / 24.0;
        p = p * v + 1.0 / 6.0;
        p = p * v + 0.5;
        p = p * v + 1.0;
        return p * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Expm1(Vector256<double> v, Vector256<double> expV)
    {
        var p = Vector256.Create(1.0 / 362880.0);
        p = Fma(p, v, Vector256.Create(1.0 / 40320.0));
        p = Fma(p, v, Vector256.Create(1.0 / 5040.0));
        p = Fma(p, v, Vector256.Create(1.0 / 720.0));
        p = Fma(p, v, Vector256.Create(1.0 / 120.0));
        p = Fma(p, v, Vector256.Create(1.0 / 24.0));
        p = Fma(p, v, Vector256.Create(1.0 / 6.0));
        p = Fma(p, v, Vector256.Create(0.5));
        p = Fma(p, v, Vector256<double>.One);
        var small = Vector256.LessThan(Vector256.Abs(v), Vector256.Create(SmallArg));
        return Vector256.ConditionalSelect(small, p * v, expV - Vector256<double>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);
}
