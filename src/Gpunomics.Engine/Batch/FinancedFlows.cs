using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Scenarios;

namespace Gpunomics.Batch;

/// <summary>
/// The owner's monthly flows of one scenario of a <see cref="RentalBatch"/> with the level-payment loan and corporate
/// tax (<see cref="ProjectFinancing"/>), written into reused arrays instead of one schedule row per month, with their
/// slope in the price; the after-tax floor by Newton's method on NPV(P) in the price, bracketed from the pre-tax
/// closed form (methodology: "Batch IRR", debt and tax). One instance per thread: it holds the scenario's buffers.
/// </summary>
/// <remarks>
/// Each line is computed as <see cref="Rental.RentalProject.Schedule"/> computes it, in the same order, so the flows
/// are the scalar model's to the last bit or within a few roundings. The loan does not depend on the price, so its
/// interest and payments are computed once per scenario and reused by every trial price.
/// </remarks>
internal sealed class FinancedFlows
{
    private readonly ProjectFinancing _financing;
    private readonly double _debtRate;  // monthly
    private readonly double _taxRate;
    private readonly double _depreciationMonths;
    private double[] _net = new double[121];
    private double[] _slope = new double[121];
    private double[] _debt = new double[121];
    private double[] _interest = new double[121];

    // The scenario loaded.
    private double _capex, _opexPerMonth, _utilization, _billedPerPrice, _prepay, _residual;
    private int _setup, _term, _months;

    public FinancedFlows(ProjectFinancing financing)
    {
        _financing = financing;
        _debtRate = Rates.AnnualToMonthly(financing.DebtRate);
        _taxRate = financing.TaxRate;
        _depreciationMonths = Math.Max(1, Math.Round(financing.DepreciationYears * 12));
    }

    /// <summary>The net flows of the scenario loaded, month 0 first, after the last <see cref="Fill"/>.</summary>
    public ReadOnlySpan<double> Net => _net.AsSpan(0, _months + 1);

    /// <summary>Loads scenario <paramref name="i"/> of <paramref name="batch"/>: its loan schedule, which the price does not change.</summary>
    public void Load(RentalBatch batch, int i)
    {
        _capex = batch.CapexPerGpu[i];
        _opexPerMonth = batch.OperatingCostPerHour[i] * Rates.HoursPerMonth;
        _utilization = batch.BilledUtilization[i];
        _billedPerPrice = Rates.HoursPerMonth * _utilization;
        _prepay = batch.PrepayShare[i];
        _residual = batch.ResidualValueShare[i] * _capex;
        _setup = batch.SetupMonths[i];
        _term = batch.TermMonths[i];
        _months = _setup + _term;
        if (_net.Length <= _months)
        {
            var size = Math.Max(_months + 1, 2 * _net.Length);
            _net = new double[size];
            _slope = new double[size];
            _debt = new double[size];
            _interest = new double[size];
        }

        // The level-payment loan: drawn at month 0, paid from month 1; any balance left is due at the project's end.
        var loan = _financing.DebtShare * _capex;
        var debtMonths = _financing.DebtTermMonths ?? _term;
        var payment = loan == 0 ? 0 : _debtRate == 0 ? loan / debtMonths : loan * _debtRate / (1 - Math.Pow(1 + _debtRate, -debtMonths));
        var balance = loan;
        _debt[0] = loan;
        _interest[0] = 0;
        for (var m = 1; m <= _months; m++)
        {
            double debt = 0, interest = 0;
            if (balance > 0)
            {
                interest = balance * _debtRate;
                var principal = m == _months || m == debtMonths ? balance : Math.Min(balance, payment - interest);
                balance -= principal;
                debt = -(interest + principal);
                interest = -interest;
            }
            _debt[m] = debt;
            _interest[m] = interest;
        }
    }

    /// <summary>
    /// Writes the net flows at <paramref name="price"/> into <see cref="Net"/>, and with <paramref name="slope"/> their
    /// derivative in the price (the right-hand one where tax has a kink). With <paramref name="taxed"/> false the tax is
    /// left out (the pre-tax flows, affine in the price).
    /// </summary>
    public void Fill(double price, bool taxed, bool slope = false)
    {
        if (slope) FillWithSlope(price, taxed);
        else FillNet(price, taxed);
    }

    private void FillNet(double price, bool taxed)
    {
        var net = _net;
        var months = _months;
        var billedPerMonth = price * Rates.HoursPerMonth * _utilization;
        var p = _prepay;
        net[0] = -_capex + p * (billedPerMonth * _term) + _debt[0];
        var credit = -p * billedPerMonth;
        var tax = taxed && _taxRate > 0;
        var bookValue = _capex;
        var depreciationPerMonth = _capex / _depreciationMonths;
        var loss = 0.0;
        for (var m = 1; m <= months; m++)
        {
            var billing = m > _setup;
            var billed = billing ? billedPerMonth : 0.0;
            var opex = billing ? -_opexPerMonth : 0.0;
            var residual = m == months ? _residual : 0.0;
            var paid = 0.0;
            if (tax)
            {
                var depreciation = Math.Min(depreciationPerMonth, bookValue);
                bookValue -= depreciation;
                var taxable = billed + opex - depreciation + _interest[m];
                if (m == months)
                {
                    taxable += residual - bookValue;
                    bookValue = 0;
                }
                if (taxable <= 0) loss -= taxable;
                else
                {
                    var offset = Math.Min(loss, taxable);
                    loss -= offset;
                    paid = -_taxRate * (taxable - offset);
                }
            }
            net[m] = billed + (billing ? credit : 0.0) + opex + residual + _debt[m] + paid;
        }
    }

    private void FillWithSlope(double price, bool taxed)
    {
        var net = _net;
        var slope = _slope;
        var months = _months;
        var billedPerMonth = price * Rates.HoursPerMonth * _utilization;
        var p = _prepay;
        net[0] = -_capex + p * (billedPerMonth * _term) + _debt[0];
        slope[0] = p * _billedPerPrice * _term;
        var tax = taxed && _taxRate > 0;
        var bookValue = _capex;
        var depreciationPerMonth = _capex / _depreciationMonths;
        double loss = 0, dLoss = 0;
        for (var m = 1; m <= months; m++)
        {
            var billing = m > _setup;
            var billed = billing ? billedPerMonth : 0.0;
            var credit = billing ? -p * billedPerMonth : 0.0;
            var opex = billing ? -_opexPerMonth : 0.0;
            var residual = m == months ? _residual : 0.0;
            var dBilled = billing ? _billedPerPrice : 0.0;
            var paid = 0.0;
            var dPaid = 0.0;
            if (tax)
            {
                var depreciation = Math.Min(depreciationPerMonth, bookValue);
                bookValue -= depreciation;
                var taxable = billed + opex - depreciation + _interest[m];
                if (m == months)
                {
                    taxable += residual - bookValue;
                    bookValue = 0;
                }
                if (taxable <= 0)
                {
                    loss -= taxable;
                    dLoss -= dBilled;
                }
                else
                {
                    var offset = Math.Min(loss, taxable);
                    var dOffset = loss < taxable ? dLoss : loss > taxable ? dBilled : Math.Min(dLoss, dBilled);
                    loss -= offset;
                    dLoss -= dOffset;
                    paid = -_taxRate * (taxable - offset);
                    dPaid = -_taxRate * (dBilled - dOffset);
                }
            }
            net[m] = billed + credit + opex + residual + _debt[m] + paid;
            slope[m] = dBilled - p * dBilled + dPaid;
        }
    }

    /// <summary>NPV of the last <see cref="Fill"/> at a per-month rate, and its derivative in the price.</summary>
    public (double Npv, double Slope) Npv(double monthlyRate)
    {
        var x = 1.0 / (1.0 + monthlyRate);
        double f = 0, g = 0;
        for (var t = _months; t >= 0; t--)
        {
            f = f * x + _net[t];
            g = g * x + _slope[t];
        }
        return (f, g);
    }

    private (double Npv, double Slope) NpvAt(double price, double monthlyRate)
    {
        FillWithSlope(price, true);
        return Npv(monthlyRate);
    }

    /// <summary>
    /// The floor, $ per GPU-hour, of scenario <paramref name="i"/> (loaded): closed form -A/B without tax; with tax the
    /// root of the after-tax NPV at the hurdle, which rises with the price for a hurdle of at least zero. Below zero,
    /// or should the search not settle, the scalar <see cref="FloorPrice"/> decides (it may find none and throw).
    /// </summary>
    public double Floor(RentalBatch batch, int i, double monthlyHurdle)
    {
        // Pre-tax: NPV = A + P B (flows affine in the price without tax), from the loan's discounted flows and
        // T = sum of x^m over the billed months: A = -K + PV(loan) - 730 O T + residual x^n, B = 730 u (p N + (1 - p) T).
        var x = 1.0 / (1.0 + monthlyHurdle);
        double debtPv = 0, billedFactors = 0;
        for (var m = _months; m >= 1; m--)
        {
            debtPv = debtPv * x + _debt[m];
            billedFactors = billedFactors * x + (m > _setup ? 1.0 : 0.0);
        }
        debtPv *= x;
        billedFactors *= x;
        var a = -_capex + _debt[0] + debtPv - _opexPerMonth * billedFactors + _residual * Math.Pow(x, _months);
        var b = _billedPerPrice * (_prepay * _term + (1 - _prepay) * billedFactors);
        var lo = -a / b;
        if (!(_taxRate > 0)) return lo;
        if (!(batch.Hurdle[i] >= 0) || !(b > 0) || !double.IsFinite(lo)) return Scalar(batch, i);

        // Tax only takes cash away, so the after-tax root lies at or above the pre-tax floor.
        var (fLo, gLo) = NpvAt(lo, monthlyHurdle);
        if (!double.IsFinite(fLo)) return Scalar(batch, i);
        if (fLo >= 0) return lo;
        // The NPV rises with the price at least at B - tax x 730 u T, so the root is at most lo + (-NPV(lo)) / that
        // slope: the bracket's upper end, without evaluating it.
        var leastSlope = b - _taxRate * _billedPerPrice * billedFactors;
        if (!(leastSlope > 0)) return Scalar(batch, i);
        var hi = lo - fLo / leastSlope * (1 + 1e-9) + 1e-12;
        var start = lo;
        var price = lo;
        var (f, g) = (fLo, gLo);
        // Newton's method from below: the NPV is concave in the price (see the methodology), so each step lands at or
        // below the root, and on the root once the step stays within one of its linear pieces. A step leaving the
        // bracket (rounding at a kink) bisects instead.
        for (var k = 0; k < 100; k++)
        {
            var next = price - f / g;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            price = next;
            (f, g) = NpvAt(price, monthlyHurdle);
            if (!double.IsFinite(f)) return Scalar(batch, i);
            if (Math.Abs(f) < 1e-9)
                return price - start > MaxAboveStart ? Scalar(batch, i) : price;
            if (f < 0) lo = price; else hi = price;
            if (hi - lo <= 1e-12 * Math.Max(1, Math.Abs(hi)))
            {
                price = 0.5 * (lo + hi);
                return price - start > MaxAboveStart ? Scalar(batch, i) : price;
            }
        }
        return Scalar(batch, i);
    }

    // The scalar search walks at most about $70,000,000 above the pre-tax floor before it reports no floor; far above
    // that start the scalar model decides.
    private const double MaxAboveStart = 1e6;

    private static double Scalar(RentalBatch batch, int i) => FloorPrice.Compute(batch.Inputs(i), batch.Hurdle[i]);
}
