using Gpunomics.Finance;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Pricing;

/// <summary>
/// The cost-based floor: the lowest rental price whose project IRR equals the hurdle. Without tax every
/// cash flow is affine in the price, so NPV(h, P) = A(h) + P B(h) and the floor is P = -A(h) / B(h):
/// closed form, no root search. With tax (not affine: tax is charged on positive income only) the floor
/// is found numerically, by regula falsi on the NPV, which rises with the price (methodology: "Floor").
/// </summary>
public static class FloorPrice
{
    /// <summary>How the floor is found under <paramref name="financing"/>, for reports.</summary>
    public static string Method(ProjectFinancing financing)
    {
        ArgumentNullException.ThrowIfNull(financing);
        return financing.HasTax ? "numeric: root of NPV in the price (tax is not affine in it)" : "closed form: -A/B";
    }

    /// <summary>Floor price, $ per GPU-hour, for the project <paramref name="inputs"/> (its price is ignored).</summary>
    /// <exception cref="ArgumentException">When billed revenue is zero, so no price reaches the hurdle.</exception>
    public static double Compute(RentalInputs inputs, double hurdle)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.AffineInPrice) return Numeric(inputs, hurdle);
        var (a, b) = RentalProject.NpvLine(inputs, hurdle);
        if (!(b > 0))
            throw new ArgumentException("the contract bills nothing (zero term or utilization), so no price reaches the hurdle", nameof(inputs));
        return -a / b;
    }

    private static double Numeric(RentalInputs inputs, double hurdle)
    {
        var monthly = Rates.AnnualToMonthly(hurdle);
        double Npv(double price) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price }));
        // Tax only takes cash away, so the pre-tax floor is a lower bound; double the step until the NPV turns positive.
        var lo = Compute(inputs with { Financing = inputs.Financing! with { TaxRate = 0 } }, hurdle);
        var fLo = Npv(lo);
        if (fLo >= 0) return lo; // no tax is due at the pre-tax floor
        var step = Math.Max(Math.Abs(lo), 0.01);
        var hi = lo + step;
        var fHi = Npv(hi);
        for (var i = 0; fHi < 0; i++)
        {
            if (i == 60) throw new ArgumentException("no price reaches the hurdle after tax", nameof(inputs));
            (lo, fLo) = (hi, fHi);
            step *= 2;
            hi = lo + step;
            fHi = Npv(hi);
        }
        // Regula falsi with the Illinois step (halve the stale end's value): the NPV is nearly linear in the
        // price, so this takes a handful of evaluations where bisection takes forty; the bracket always holds.
        var side = 0;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1, Math.Abs(hi)); i++)
        {
            var x = hi - fHi * (hi - lo) / (fHi - fLo);
            if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
            var fx = Npv(x);
            if (fx == 0) return x;
            if (fx < 0)
            {
                (lo, fLo) = (x, fx);
                if (side == -1) fHi *= 0.5;
                side = -1;
            }
            else
            {
                (hi, fHi) = (x, fx);
                if (side == 1) fLo *= 0.5;
                side = 1;
            }
            if (Math.Abs(fx) < 1e-9) return x;
        }
        return 0.5 * (lo + hi);
    }
}
