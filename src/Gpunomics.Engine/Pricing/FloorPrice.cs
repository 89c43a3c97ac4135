using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Pricing;

/// <summary>
/// The cost-based floor: the lowest rental price whose project IRR equals the hurdle. Without tax every
/// cash flow is affine in the price, so NPV(h, P) = A(h) + P B(h) and the floor is P = -A(h) / B(h):
/// closed form, no root search. With tax (not affine: tax is charged on positive income only) the floor
/// is found numerically, by regula falsi on the NPV, which rises with the price (methodology: "Floor"). So is it with a
/// loan that follows the cash flow (sculpted repayment or sizing by a minimum DSCR: the loan, and so the equity's
/// flows, depend on the price; methodology: "Project finance").
/// </summary>
public static class FloorPrice
{
    /// <summary>How the floor is found under <paramref name="financing"/>, for reports.</summary>
    public static string Method(ProjectFinancing financing)
    {
        ArgumentNullException.ThrowIfNull(financing);
        if (!financing.Loan.AffineInPrice)
            return "numeric: root of NPV in the price (the " + (financing.Loan.Repayment == Repayment.Sculpted ? "sculpted" : "DSCR-sized") + " loan follows the cash flow, so it is not affine in the price"
                + (financing.HasTax ? "; nor is tax" : "") + ")";
        return financing.HasTax ? "numeric: root of NPV in the price (tax is not affine in it)" : "closed form: -A/B";
    }

    /// <summary>Floor price, $ per GPU-hour, for the project <paramref name="inputs"/> (its price is ignored).</summary>
    /// <exception cref="NoFloorException">When no price gives the hurdle IRR (see <see cref="TryCompute"/>).</exception>
    public static double Compute(RentalInputs inputs, double hurdle) =>
        TryCompute(inputs, hurdle, out var floor, out var noFloor) ? floor : throw new NoFloorException(noFloor!);

    /// <summary>
    /// The floor price, $ per GPU-hour, or false and why none exists: the contract bills nothing, or (with tax)
    /// the NPV at the hurdle never reaches zero as the price rises. It can fail to: tax is due on each month's
    /// billing while the prepaid share of it was received at month 0, so at a hurdle far below zero (later months
    /// weigh more than month 0) a higher price can lower the NPV.
    /// </summary>
    /// <param name="inputs">The project (its price is ignored).</param>
    /// <param name="hurdle">Annual effective hurdle IRR.</param>
    /// <param name="floor">The floor, $ per GPU-hour; 0 when there is none.</param>
    /// <param name="noFloor">Null with a floor; otherwise the reason, starting "no floor exists: ".</param>
    public static bool TryCompute(RentalInputs inputs, double hurdle, out double floor, out string? noFloor)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        floor = 0;
        noFloor = null;
        double? found;
        if (inputs.AffineInPrice)
        {
            var (a, b) = RentalProject.NpvLine(inputs, hurdle);
            found = b > 0 && double.IsFinite(-a / b) ? -a / b : null;
            if (found is null) noFloor = NoFloorException.Prefix + "the contract bills nothing (zero term or utilization), so no price reaches the hurdle";
        }
        else if (!inputs.Financing!.Loan.AffineInPrice)
        {
            found = NumericFromUnleveredFloor(inputs, hurdle);
            if (found is null)
                noFloor = NoFloorException.Prefix + $"with the {(inputs.Financing.Loan.Repayment == Repayment.Sculpted ? "sculpted" : "DSCR-sized")} loan no rental price found gives the {Percent(hurdle)} hurdle IRR: "
                    + "the NPV at the hurdle does not change sign between the search's ends";
        }
        else
        {
            found = Numeric(inputs, hurdle);
            if (found is null)
                noFloor = NoFloorException.Prefix + $"after tax ({Percent(inputs.Financing!.TaxRate)}) no rental price gives the {Percent(hurdle)} hurdle IRR: "
                    + "the NPV at the hurdle stays below zero as the price rises (the tax on each billed month outgrows the prepayment received for it)";
        }
        if (found is not { } f) return false;
        floor = f;
        return true;
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    // How far above the pre-tax floor the after-tax search goes, $ per GPU-hour: a thousand times the price range.
    private const double MaxSearch = 1e7;

    // A loan that follows the cash flow: no bound on the floor is known, so the search starts at the unlevered, pre-tax
    // floor and steps up (NPV below zero there) or down (at or above zero) in steps growing by a sixth until the NPV
    // changes sign, then closes the bracket as Numeric does.
    private static double? NumericFromUnleveredFloor(RentalInputs inputs, double hurdle)
    {
        var monthly = Rates.AnnualToMonthly(hurdle);
        double Npv(double price) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price }));
        if (!TryCompute(inputs with { Financing = null }, hurdle, out var start, out _)) return null;
        var fStart = Npv(start);
        if (!double.IsFinite(fStart)) return null;
        if (fStart == 0) return start;
        var up = fStart < 0;
        var step = 0.01 * Math.Max(Math.Abs(start), 1);
        var (a, fa) = (start, fStart);
        var b = up ? a + step : a - step;
        var fb = Npv(b);
        while ((fb < 0) == up)
        {
            if (step > MaxSearch || !double.IsFinite(fb)) return null;
            (a, fa) = (b, fb);
            step *= 7.0 / 6;
            b = up ? a + step : a - step;
            fb = Npv(b);
        }
        if (!double.IsFinite(fb)) return null;
        var (lo, fLo, hi, fHi) = up ? (a, fa, b, fb) : (b, fb, a, fa);
        return Bracketed(Npv, lo, fLo, hi, fHi);
    }

    private static double? Numeric(RentalInputs inputs, double hurdle)
    {
        var monthly = Rates.AnnualToMonthly(hurdle);
        double Npv(double price) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price }));
        // Tax only takes cash away, so below the pre-tax floor no price reaches the hurdle: the search starts there.
        // The NPV need not rise with the price (see TryCompute), so it walks up in steps growing by a sixth, not
        // doubling, to find the lowest price where the NPV turns positive rather than step over it.
        if (!TryCompute(inputs with { Financing = inputs.Financing! with { TaxRate = 0 } }, hurdle, out var lo, out _)) return null;
        var fLo = Npv(lo);
        if (!double.IsFinite(fLo)) return null;
        if (fLo >= 0) return lo; // no tax is due at the pre-tax floor
        var step = 0.01 * Math.Max(Math.Abs(lo), 1);
        var hi = lo + step;
        var fHi = Npv(hi);
        while (fHi < 0)
        {
            if (step > MaxSearch) return null;
            (lo, fLo) = (hi, fHi);
            step *= 7.0 / 6;
            hi = lo + step;
            fHi = Npv(hi);
        }
        if (!double.IsFinite(fHi)) return null;
        return Bracketed(Npv, lo, fLo, hi, fHi);
    }

    // Regula falsi between a price lo with NPV below zero and a price hi with NPV at or above zero.
    private static double Bracketed(Func<double, double> npv, double lo, double fLo, double hi, double fHi)
    {
        // Regula falsi with the Illinois step (halve the stale end's value): the NPV is nearly linear in the
        // price, so this takes a handful of evaluations where bisection takes forty; the bracket always holds.
        var side = 0;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1, Math.Abs(hi)); i++)
        {
            var x = hi - fHi * (hi - lo) / (fHi - fLo);
            if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
            var fx = npv(x);
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

/// <summary>
/// No rental price gives the hurdle IRR, so there is no floor (<see cref="FloorPrice.TryCompute"/>): an outcome of
/// the inputs, not a fault. Its message starts "no floor exists: " and says why.
/// </summary>
public sealed class NoFloorException : Exception
{
    /// <summary>How every no-floor reason starts.</summary>
    public const string Prefix = "no floor exists: ";

    /// <summary>A no-floor outcome with its reason.</summary>
    public NoFloorException(string message) : base(message) { }

    /// <summary>A no-floor outcome with the standard wording.</summary>
    public NoFloorException() : base(Prefix + "no rental price gives the hurdle IRR") { }

    /// <summary>A no-floor outcome with its reason and cause.</summary>
    public NoFloorException(string message, Exception inner) : base(message, inner) { }
}
