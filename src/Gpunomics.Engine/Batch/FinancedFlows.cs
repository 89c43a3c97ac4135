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
internal sealed partial class FinancedFlows
{
    private readonly ProjectFinancing _financing;
    private readonly double _debtRate;  // monthly
    private readonly double _taxRate;
    private readonly double _depreciationMonths;
    private double[] _net = new double[121];
    private double[] _slope = new double[121];
    private double[] _debt = new double[121];
    private double[] _interest = new double[121];
    // At the hurdle of the pre-tax sums: x^m, and the part of month m's taxable income the price does not change (the
    // operating cost, depreciation and interest, and in the last month the residual less the book value left).
    private double[] _weight = new double[121];
    private double[] _untaxed = new double[121];

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

    /// <summary>Month-major buffers for solving the IRR of four scenarios' flows at once.</summary>
    public ConventionalLanes Lanes => _lanes ??= new();

    private ConventionalLanes? _lanes;

    /// <summary>The net flows of the scenario loaded, month 0 first, after the last <see cref="Fill"/>.</summary>
    public ReadOnlySpan<double> Net => _net.AsSpan(0, _months + 1);

    /// <summary>
    /// Loads scenario <paramref name="i"/> of <paramref name="batch"/>: its loan schedule, which the price does not
    /// change, unless <paramref name="schedule"/> is false (then <see cref="FillScenario"/> computes it in its pass).
    /// </summary>
    public void Load(RentalBatch batch, int i, bool schedule = true)
    {
        _capex = batch.CapexPerGpu[i];
        _opexPerMonth = batch.OperatingCostPerHour[i] * Rates.HoursPerMonth;
        _utilization = batch.BilledUtilization[i];
        _billedPerPrice = Rates.HoursPerMonth * _utilization;
        _prepay = batch.PrepayShare[i];
        _residual = batch.ResidualValueShare[i] * _capex;
        _setup = batch.SetupMonths[i];
        _term = batch.TermMonths[i];
        _preTaxReady = false;
        _months = _setup + _term;
        if (_net.Length <= _months)
        {
            var size = Math.Max(_months + 1, 2 * _net.Length);
            _net = new double[size];
            _slope = new double[size];
            _debt = new double[size];
            _interest = new double[size];
            _weight = new double[size];
            _untaxed = new double[size];
        }

        _loanShare = _financing.DebtShare * _capex;
        _debtMonths = _financing.DebtTermMonths ?? _term;
        if (schedule) LoanSchedule();
    }

    private double _loanShare;
    private int _debtMonths;

    // The level-payment loan: drawn at month 0, paid from month 1; any balance left is due at the project's end.
    private void LoanSchedule()
    {
        var loan = _loanShare;
        var debtMonths = _debtMonths;
        var payment = LevelPayment();
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

    private double LevelPayment()
    {
        var loan = _loanShare;
        return loan == 0 ? 0 : _debtRate == 0 ? loan / _debtMonths : loan * _debtRate / (1 - Discount(_debtMonths));
    }

    // (1 + monthly debt rate)^-months, kept by the loan's months: a Monte Carlo draws few distinct terms.
    private double[] _discount = [];

    private double Discount(int months)
    {
        if (months >= 4096) return Math.Pow(1 + _debtRate, -months);
        if (months >= _discount.Length)
        {
            var grown = new double[Math.Max(months + 1, 2 * _discount.Length)];
            grown.AsSpan().Fill(double.NaN);
            _discount.CopyTo(grown, 0);
            _discount = grown;
        }
        var q = _discount[months];
        if (double.IsNaN(q)) _discount[months] = q = Math.Pow(1 + _debtRate, -months);
        return q;
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

    /// <summary>
    /// <see cref="Fill"/> at <paramref name="price"/> after tax, and in the same pass what the IRR and the floor need of
    /// the months: their signs, the moments of conventional flows (<see cref="ConventionalLanes"/>), and at the hurdle
    /// (<paramref name="x"/> = 1 / (1 + monthly hurdle)) the loan's discounted flows and the sum of x^m over the billed
    /// months, which <see cref="Floor"/> then reads instead of going through the months again.
    /// </summary>
    public FlowSummary FillScenario(double price, double x)
    {
        var net = _net;
        var months = _months;
        var debtRate = _debtRate;
        var debtMonths = _debtMonths;
        var payment = LevelPayment();
        var balance = _loanShare;
        var debtFlows = _debt;
        var interestFlows = _interest;
        var weights = _weight;
        var untaxed = _untaxed;
        debtFlows[0] = balance;
        interestFlows[0] = 0;
        var billedPerMonth = price * Rates.HoursPerMonth * _utilization;
        var p = _prepay;
        var c0 = -_capex + p * (billedPerMonth * _term) + balance;
        net[0] = c0;
        var credit = -p * billedPerMonth;
        var tax = _taxRate > 0;
        var bookValue = _capex;
        var depreciationPerMonth = _capex / _depreciationMonths;
        double loss = 0, w = 1, debtPv = 0, billedFactors = 0, inflow = 0, first = 0, second = 0;
        bool positive = c0 > 0, negative = c0 < 0, laterNegative = false, finite = double.IsFinite(c0);
        for (var m = 1; m <= months; m++)
        {
            // The loan's month, as LoanSchedule computes it.
            double debt = 0, interest = 0;
            if (balance > 0)
            {
                interest = balance * debtRate;
                var principal = m == months || m == debtMonths ? balance : Math.Min(balance, payment - interest);
                balance -= principal;
                debt = -(interest + principal);
                interest = -interest;
            }
            debtFlows[m] = debt;
            interestFlows[m] = interest;
            w *= x;
            weights[m] = w;
            var billing = m > _setup;
            var billed = billing ? billedPerMonth : 0.0;
            var opex = billing ? -_opexPerMonth : 0.0;
            var residual = m == months ? _residual : 0.0;
            var paid = 0.0;
            if (tax)
            {
                var depreciation = Math.Min(depreciationPerMonth, bookValue);
                bookValue -= depreciation;
                var taxable = billed + opex - depreciation + interest;
                var fixedPart = opex - depreciation + interest;
                if (m == months)
                {
                    taxable += residual - bookValue;
                    fixedPart += residual - bookValue;
                    bookValue = 0;
                }
                untaxed[m] = fixedPart;
                if (taxable <= 0) loss -= taxable;
                else
                {
                    var offset = Math.Min(loss, taxable);
                    loss -= offset;
                    paid = -_taxRate * (taxable - offset);
                }
            }
            var c = billed + (billing ? credit : 0.0) + opex + residual + debt + paid;
            net[m] = c;
            debtPv += w * debt;
            billedFactors += billing ? w : 0.0;
            positive |= c > 0;
            laterNegative |= c < 0;
            finite &= double.IsFinite(c);
            inflow += c;
            first += m * c;
            second += (double)m * m * c;
        }
        _preTaxX = x;
        _debtPv = debtPv;
        _billedFactors = billedFactors;
        _xMonths = w;
        _preTaxReady = true;
        _untaxedReady = tax;
        negative |= laterNegative;
        var shape = !finite ? FlowShape.Other : !negative ? FlowShape.NoOutflow : !positive ? FlowShape.NoInflow
            : c0 < 0 && !laterNegative && inflow > 0 && double.IsFinite(second) ? FlowShape.Conventional : FlowShape.Other;
        return new FlowSummary(shape, inflow, first, second);
    }

    // The pre-tax floor's sums at the hurdle from FillScenario, for the scenario loaded.
    private bool _preTaxReady, _untaxedReady;
    private double _preTaxX, _debtPv, _billedFactors, _xMonths;

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

    /// <summary>
    /// NPV at <paramref name="price"/> after tax, discounted by <paramref name="x"/> = 1 / (1 + monthly rate) a month,
    /// its slope in the price, and how far the price can rise before a month changes between a loss and a tax paid, or
    /// between a loss carried forward covering the month's income and not (the NPV is affine in the price up to there):
    /// the months of <see cref="FillWithSlope"/> in one pass, without writing them.
    /// </summary>
    internal (double Npv, double Slope, double Room) Evaluate(double price, double x)
    {
        // The flows before tax are affine in the price: their NPV is A + P B (see Floor); the months' pass adds the tax,
        // from the part of each month's taxable income the price does not change and x^m, both kept by PreTax.
        var (a, b) = PreTax(x);
        var months = _months;
        var setup = _setup;
        var billedPerMonth = price * Rates.HoursPerMonth * _utilization;
        var billedPerPrice = _billedPerPrice;
        var taxRate = _taxRate;
        var weights = _weight;
        var untaxed = _untaxed;
        // The deepest billed loss bounds the room at deepest / (730 u): one division after the months, not one a month.
        double loss = 0, dLoss = 0, paid = 0, dPaid = 0, room = double.PositiveInfinity, deepest = double.PositiveInfinity;
        for (var m = 1; m <= months; m++)
        {
            var billing = m > setup;
            var dBilled = billing ? billedPerPrice : 0.0;
            var taxable = (billing ? billedPerMonth : 0.0) + untaxed[m];
            if (taxable <= 0)
            {
                // A loss until the month's income reaches zero.
                if (billing) deepest = Math.Min(deepest, -taxable);
                loss -= taxable;
                dLoss -= dBilled;
            }
            else
            {
                // The loss carried forward covers the income, or not, until the two cross.
                var gap = loss - taxable;
                var dGap = dLoss - dBilled;
                if (gap * dGap < 0) room = Math.Min(room, -gap / dGap);
                else if (gap == 0) room = 0;
                var offset = Math.Min(loss, taxable);
                var dOffset = loss < taxable ? dLoss : loss > taxable ? dBilled : Math.Min(dLoss, dBilled);
                loss -= offset;
                dLoss -= dOffset;
                var w = weights[m];
                paid += w * (taxable - offset);
                dPaid += w * (dBilled - dOffset);
            }
        }
        if (billedPerPrice > 0) room = Math.Min(room, deepest / billedPerPrice);
        return (a + price * b - taxRate * paid, b - taxRate * dPaid, room);
    }

    /// <summary>
    /// The pre-tax NPV at the hurdle, A + P B: A = -K + PV(loan) - 730 O T + residual x^n, B = 730 u (p N + (1 - p) T),
    /// from the loan's discounted flows and T = sum of x^m over the billed months, read from <see cref="FillScenario"/>
    /// at the same <paramref name="x"/> or computed here with what <see cref="Evaluate"/> reads of the months.
    /// </summary>
    private (double A, double B) PreTax(double x, bool taxed = true)
    {
        if (!(_preTaxReady && _preTaxX == x && (_untaxedReady || !taxed)))
        {
            var months = _months;
            var bookValue = _capex;
            var depreciationPerMonth = _capex / _depreciationMonths;
            double w = 1, debtPv = 0, billedFactors = 0;
            for (var m = 1; m <= months; m++)
            {
                w *= x;
                _weight[m] = w;
                var billing = m > _setup;
                var depreciation = Math.Min(depreciationPerMonth, bookValue);
                bookValue -= depreciation;
                var fixedPart = (billing ? -_opexPerMonth : 0.0) - depreciation + _interest[m];
                if (m == months)
                {
                    fixedPart += _residual - bookValue;
                    bookValue = 0;
                }
                _untaxed[m] = fixedPart;
                debtPv += w * _debt[m];
                billedFactors += billing ? w : 0.0;
            }
            _preTaxX = x;
            _debtPv = debtPv;
            _billedFactors = billedFactors;
            _xMonths = w;
            _preTaxReady = true;
            _untaxedReady = true;
        }
        var a = -_capex + _debt[0] + _debtPv - _opexPerMonth * _billedFactors + _residual * _xMonths;
        var b = _billedPerPrice * (_prepay * _term + (1 - _prepay) * _billedFactors);
        return (a, b);
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
        var (a, b) = PreTax(x, _taxRate > 0);
        var billedFactors = _billedFactors;
        var lo = -a / b;
        if (!(_taxRate > 0)) return lo;
        if (!(batch.Hurdle[i] >= 0) || !(b > 0) || !double.IsFinite(lo)) return Scalar(batch, i);

        // Tax only takes cash away, so the after-tax root lies at or above the pre-tax floor.
        var (fLo, gLo, room) = Evaluate(lo, x);
        if (!double.IsFinite(fLo)) return Scalar(batch, i);
        if (fLo >= 0) return lo;
        // The NPV rises with the price at least at B - tax x 730 u T, so the root is at most lo + (-NPV(lo)) / that
        // slope: the bracket's upper end, without evaluating it.
        var leastSlope = b - _taxRate * _billedPerPrice * billedFactors;
        if (!(leastSlope > 0)) return Scalar(batch, i);
        var hi = lo - fLo / leastSlope * (1 + 1e-9) + 1e-12;
        var start = lo;
        // The NPV is affine from the pre-tax floor up to its first kink: a root before it is Newton's first step.
        var step = -fLo / gLo;
        if (step > 0 && step < room && lo + step < hi)
            return step > MaxAboveStart ? Scalar(batch, i) : lo + step;
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
            (f, g, _) = Evaluate(price, x);
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

/// <summary>What <see cref="FinancedFlows.FillScenario"/> found of the flows: their shape, and for conventional flows the
/// sum of the inflows and their first two moments in the month (sum c_t, sum t c_t, sum t^2 c_t over months 1..n).</summary>
internal readonly record struct FlowSummary(FlowShape Shape, double Inflow, double First, double Second);
