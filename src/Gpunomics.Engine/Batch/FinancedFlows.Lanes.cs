using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gpunomics.Finance;

namespace Gpunomics.Batch;

/// <summary>
/// <see cref="FillScenario"/> and the after-tax floor's first evaluation (<see cref="Evaluate"/>) for four scenarios at
/// once, one per lane of a 256-bit vector, month by month. Each lane does the scalar code's operations in its order
/// (a branch becomes a select between both sides), so each lane's flows, sums and floor are the scalar code's to the
/// bit; a lane whose floor needs more than the first Newton step goes to the scalar <see cref="Floor"/>.
/// </summary>
internal sealed partial class FinancedFlows
{
    private const int Width = ConventionalLanes.Width;

    // Each lane's scenario as Load computes it, and what its pass found: the pre-tax floor's sums at the hurdle.
    private readonly double[] _lCapex = new double[Width], _lOpex = new double[Width], _lBilled = new double[Width],
        _lBilledPerPrice = new double[Width], _lPrepay = new double[Width], _lResidual = new double[Width],
        _lSetup = new double[Width], _lMonths = new double[Width], _lDebtMonths = new double[Width], _lLoan = new double[Width],
        _lPayment = new double[Width], _lTerm = new double[Width], _lX = new double[Width], _lDebtPv = new double[Width],
        _lBilledFactors = new double[Width], _lXMonths = new double[Width], _lLo = new double[Width], _lF = new double[Width],
        _lG = new double[Width], _lRoom = new double[Width], _lB = new double[Width], _lUtil = new double[Width],
        _lA = new double[Width], _lPrice = new double[Width], _lHi = new double[Width], _lStart = new double[Width], _lFloor = new double[Width];

    // Month-major, month m of lane k at 4 m + k: x^m at the hurdle and the part of the taxable income the price does not change.
    private double[] _lWeight = new double[Width * 128];
    private double[] _lUntaxed = new double[Width * 128];
    private int _groupMonths;

    /// <summary>
    /// <see cref="FillScenario"/> for scenarios <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1
    /// of <paramref name="batch"/> at their prices, lane k at <paramref name="x"/>[k] = 1 / (1 + monthly hurdle): the net
    /// flows written into <paramref name="lanes"/> (reset for the group's months), each lane's summary into
    /// <paramref name="summaries"/>, and the sums <see cref="FloorGroup"/> reads.
    /// </summary>
    public void FillGroup(RentalBatch batch, int start, int count, ReadOnlySpan<double> x, ConventionalLanes lanes, Span<FlowSummary> summaries)
    {
        var months = 0;
        for (var k = 0; k < Width; k++)
        {
            // A lane past the scenarios computes the first one again, unused.
            var j = start + (k < count ? k : 0);
            Load(batch, j, schedule: false);
            _lCapex[k] = _capex;
            _lOpex[k] = _opexPerMonth;
            _lBilled[k] = batch.PricePerGpuHour[j] * Rates.HoursPerMonth * _utilization;
            _lBilledPerPrice[k] = _billedPerPrice;
            _lUtil[k] = _utilization;
            _lPrepay[k] = _prepay;
            _lResidual[k] = _residual;
            _lSetup[k] = _setup;
            _lMonths[k] = _months;
            _lDebtMonths[k] = _debtMonths;
            _lLoan[k] = _loanShare;
            _lPayment[k] = LevelPayment();
            _lTerm[k] = _term;
            _lX[k] = x[k < count ? k : 0];
            months = Math.Max(months, _months);
        }
        _groupMonths = months;
        lanes.Reset(months);
        var size = Width * (months + 1);
        if (_lWeight.Length < size)
        {
            _lWeight = new double[Math.Max(size, 2 * _lWeight.Length)];
            _lUntaxed = new double[_lWeight.Length];
        }
        Pass(lanes.Flows, summaries);
        for (var k = 0; k < count; k++) lanes.Written(k, (int)_lMonths[k], summaries[k]);
    }

    private static Vector256<double> V(double[] a) => Vector256.Create(a.AsSpan());

    private static Vector256<double> Select(Vector256<double> mask, Vector256<double> yes, Vector256<double> no) =>
        Vector256.ConditionalSelect(mask, yes, no);

    // FillScenario's loop, lane by lane in vectors.
    private void Pass(double[] flows, Span<FlowSummary> summaries)
    {
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var capex = V(_lCapex);
        var opexPerMonth = V(_lOpex);
        var billedPerMonth = V(_lBilled);
        var p = V(_lPrepay);
        var residualValue = V(_lResidual);
        var setup = V(_lSetup);
        var months = V(_lMonths);
        var debtMonths = V(_lDebtMonths);
        var payment = V(_lPayment);
        var x = V(_lX);
        var debtRate = Vector256.Create(_debtRate);
        var taxRate = Vector256.Create(_taxRate);
        var balance = V(_lLoan);
        var c0 = -capex + p * (billedPerMonth * V(_lTerm)) + balance;
        ref var net = ref MemoryMarshal.GetArrayDataReference(flows);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_lWeight);
        ref var untaxed = ref MemoryMarshal.GetArrayDataReference(_lUntaxed);
        c0.StoreUnsafe(ref net);
        var credit = -p * billedPerMonth;
        var tax = _taxRate > 0;
        var bookValue = capex;
        var depreciationPerMonth = capex / Vector256.Create(_depreciationMonths);
        Vector256<double> loss = zero, w = one, debtPv = zero, billedFactors = zero, inflow = zero, first = zero, second = zero, xMonths = zero;
        var positive = Vector256.GreaterThan(c0, zero);
        var negative = Vector256.LessThan(c0, zero);
        var laterNegative = zero;
        var finite = Finite(c0);
        for (var m = 1; m <= _groupMonths; m++)
        {
            var mv = Vector256.Create((double)m);
            var active = Vector256.LessThanOrEqual(mv, months);
            var last = Vector256.Equals(mv, months);
            // The loan's month.
            var owing = Vector256.GreaterThan(balance, zero) & active;
            var interest = balance * debtRate;
            var principal = Select(last | Vector256.Equals(mv, debtMonths), balance, Vector256.Min(balance, payment - interest));
            balance = Select(owing, balance - principal, balance);
            var debt = Select(owing, -(interest + principal), zero);
            interest = Select(owing, -interest, zero);
            w = w * x;
            w.StoreUnsafe(ref weights, (nuint)(Width * m));
            var billing = Vector256.GreaterThan(mv, setup) & active;
            var billed = Select(billing, billedPerMonth, zero);
            var opex = Select(billing, -opexPerMonth, zero);
            var residual = Select(last, residualValue, zero);
            var paid = zero;
            if (tax)
            {
                var depreciation = Vector256.Min(depreciationPerMonth, bookValue);
                var book = bookValue - depreciation;
                var taxable = billed + opex - depreciation + interest;
                var fixedPart = opex - depreciation + interest;
                taxable = Select(last, taxable + (residual - book), taxable);
                fixedPart = Select(last, fixedPart + (residual - book), fixedPart);
                bookValue = Select(active, Select(last, zero, book), bookValue);
                fixedPart.StoreUnsafe(ref untaxed, (nuint)(Width * m));
                var isLoss = Vector256.LessThanOrEqual(taxable, zero);
                var offset = Vector256.Min(loss, taxable);
                var afterGain = loss - offset;
                loss = Select(active, Select(isLoss, loss - taxable, afterGain), loss);
                paid = Select(active & ~isLoss, -taxRate * (taxable - offset), zero);
            }
            var c = billed + Select(billing, credit, zero) + opex + residual + debt + paid;
            c = Select(active, c, zero);
            c.StoreUnsafe(ref net, (nuint)(Width * m));
            debtPv = Select(active, debtPv + w * debt, debtPv);
            billedFactors = Select(billing, billedFactors + w, billedFactors);
            xMonths = Select(last, w, xMonths);
            positive |= Vector256.GreaterThan(c, zero);
            laterNegative |= Vector256.LessThan(c, zero);
            finite &= Finite(c) | ~active;
            inflow = Select(active, inflow + c, inflow);
            first = Select(active, first + mv * c, first);
            second = Select(active, second + mv * mv * c, second);
        }
        debtPv.CopyTo(_lDebtPv);
        billedFactors.CopyTo(_lBilledFactors);
        xMonths.CopyTo(_lXMonths);
        negative |= laterNegative;
        for (var k = 0; k < Width; k++)
        {
            bool isFinite = Lane(finite, k), isNegative = Lane(negative, k), isPositive = Lane(positive, k);
            var c = c0.GetElement(k);
            var s = second.GetElement(k);
            var inK = inflow.GetElement(k);
            var shape = !isFinite ? FlowShape.Other : !isNegative ? FlowShape.NoOutflow : !isPositive ? FlowShape.NoInflow
                : c < 0 && !Lane(laterNegative, k) && inK > 0 && double.IsFinite(s) ? FlowShape.Conventional : FlowShape.Other;
            summaries[k] = new FlowSummary(shape, inK, first.GetElement(k), s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Lane(Vector256<double> mask, int k) => mask.AsUInt64().GetElement(k) != 0;

    // All ones where the value is finite: v - v is zero for a finite value and NaN for an infinite one or NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Finite(Vector256<double> v) => Vector256.Equals(v - v, Vector256<double>.Zero);

    /// <summary>
    /// The floors of the group of the last <see cref="FillGroup"/> (lane k scenario <paramref name="start"/> + k, at the
    /// monthly hurdle whose x was given), as <see cref="Floor"/> computes them, to the bit: its evaluations of the
    /// after-tax NPV for the four lanes at once, each lane stepping as <see cref="Floor"/> steps; a lane that
    /// <see cref="Floor"/> would hand to the scalar model goes to it.
    /// </summary>
    public void FloorGroup(RentalBatch batch, int start, int count, ReadOnlySpan<double> monthlyHurdle, Span<double> floors)
    {
        // PreTax for each lane, from its pass's sums: NPV = A + P B.
        for (var k = 0; k < Width; k++)
        {
            var a = -_lCapex[k] + _lLoan[k] + _lDebtPv[k] - _lOpex[k] * _lBilledFactors[k] + _lResidual[k] * _lXMonths[k];
            var b = _lBilledPerPrice[k] * (_lPrepay[k] * _lTerm[k] + (1 - _lPrepay[k]) * _lBilledFactors[k]);
            _lA[k] = a;
            _lB[k] = b;
            _lLo[k] = -a / b;
            _lPrice[k] = _lLo[k];
        }
        if (!(_taxRate > 0))
        {
            for (var k = 0; k < count; k++) floors[k] = _lLo[k];
            return;
        }
        // Lanes still searching (bit k), and those the scalar model decides.
        int searching = 0, scalar = 0;
        for (var k = 0; k < count; k++)
        {
            if (!(batch.Hurdle[start + k] >= 0) || !(_lB[k] > 0) || !double.IsFinite(_lLo[k])) scalar |= 1 << k;
            else searching |= 1 << k;
        }
        if (searching != 0) EvaluateGroup();
        for (var k = 0; k < count; k++)
        {
            if ((searching & (1 << k)) == 0) continue;
            var lo = _lLo[k];
            var (fLo, gLo, room) = (_lF[k], _lG[k], _lRoom[k]);
            if (!double.IsFinite(fLo)) { Hand(k); continue; }
            if (fLo >= 0) { Settle(k, lo); continue; }
            var leastSlope = _lB[k] - _taxRate * _lBilledPerPrice[k] * _lBilledFactors[k];
            if (!(leastSlope > 0)) { Hand(k); continue; }
            var hi = lo - fLo / leastSlope * (1 + 1e-9) + 1e-12;
            _lHi[k] = hi;
            _lStart[k] = lo;
            // The NPV is affine from the pre-tax floor up to its first kink: a root before it is Newton's first step.
            var step = -fLo / gLo;
            if (step > 0 && step < room && lo + step < hi)
            {
                if (step > MaxAboveStart) Hand(k); else Settle(k, lo + step);
            }
        }
        // Newton's method from below, as Floor: each lane's step, then the four lanes' evaluations at once.
        for (var iteration = 0; iteration < 100 && searching != 0; iteration++)
        {
            for (var k = 0; k < count; k++)
            {
                if ((searching & (1 << k)) == 0) continue;
                double price = _lPrice[k], lo = _lLo[k], hi = _lHi[k];
                var next = price - _lF[k] / _lG[k];
                if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
                _lPrice[k] = next;
            }
            if ((searching & (searching - 1)) != 0) EvaluateGroup(room: false);
            else EvaluateLane(System.Numerics.BitOperations.TrailingZeroCount(searching));
            for (var k = 0; k < count; k++)
            {
                if ((searching & (1 << k)) == 0) continue;
                var price = _lPrice[k];
                var f = _lF[k];
                if (!double.IsFinite(f)) { Hand(k); continue; }
                if (Math.Abs(f) < 1e-9)
                {
                    if (price - _lStart[k] > MaxAboveStart) Hand(k); else Settle(k, price);
                    continue;
                }
                if (f < 0) _lLo[k] = price; else _lHi[k] = price;
                double l = _lLo[k], h = _lHi[k];
                if (h - l <= 1e-12 * Math.Max(1, Math.Abs(h)))
                {
                    price = 0.5 * (l + h);
                    if (price - _lStart[k] > MaxAboveStart) Hand(k); else Settle(k, price);
                }
            }
        }
        scalar |= searching;
        for (var k = 0; k < count; k++)
            floors[k] = (scalar & (1 << k)) != 0 ? Scalar(batch, start + k) : _lFloor[k];

        void Settle(int k, double floor)
        {
            _lFloor[k] = floor;
            searching &= ~(1 << k);
        }

        void Hand(int k)
        {
            scalar |= 1 << k;
            searching &= ~(1 << k);
        }
    }

    // Evaluate for the four lanes at _lPrice with A in _lA: NPV into _lF, its slope into _lG, and with room the room into _lRoom.
    private void EvaluateGroup(bool room = true)
    {
        var zero = Vector256<double>.Zero;
        var price = V(_lPrice);
        var a = V(_lA);
        var b = V(_lB);
        var setup = V(_lSetup);
        var months = V(_lMonths);
        var billedPerPrice = V(_lBilledPerPrice);
        var billedPerMonth = price * Vector256.Create(Rates.HoursPerMonth) * V(_lUtil);
        var taxRate = Vector256.Create(_taxRate);
        var infinity = Vector256.Create(double.PositiveInfinity);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_lWeight);
        ref var untaxed = ref MemoryMarshal.GetArrayDataReference(_lUntaxed);
        Vector256<double> loss = zero, dLoss = zero, paid = zero, dPaid = zero, kink = infinity, deepest = infinity;
        for (var m = 1; m <= _groupMonths; m++)
        {
            var mv = Vector256.Create((double)m);
            var active = Vector256.LessThanOrEqual(mv, months);
            var billing = Vector256.GreaterThan(mv, setup) & active;
            var dBilled = Select(billing, billedPerPrice, zero);
            var taxable = Select(billing, billedPerMonth, zero) + Vector256.LoadUnsafe(ref untaxed, (nuint)(Width * m));
            var isLoss = Vector256.LessThanOrEqual(taxable, zero) & active;
            var isGain = ~Vector256.LessThanOrEqual(taxable, zero) & active;
            // A loss: the deepest billed one, and the loss carried forward.
            deepest = Select(isLoss & billing, Vector256.Min(deepest, -taxable), deepest);
            // Income: how far the price can move before the loss carried forward and the income cross.
            if (room)
            {
                var gap = loss - taxable;
                var dGap = dLoss - dBilled;
                var crossing = Vector256.LessThan(gap * dGap, zero) & isGain;
                // The division only where a lane's loss and income cross.
                if (crossing != zero) kink = Select(crossing, Vector256.Min(kink, -gap / dGap), kink);
                kink = Select(isGain & ~crossing & Vector256.Equals(gap, zero), zero, kink);
            }
            var offset = Vector256.Min(loss, taxable);
            var dOffset = Select(Vector256.LessThan(loss, taxable), dLoss, Select(Vector256.GreaterThan(loss, taxable), dBilled, Vector256.Min(dLoss, dBilled)));
            var w = Vector256.LoadUnsafe(ref weights, (nuint)(Width * m));
            paid = Select(isGain, paid + w * (taxable - offset), paid);
            dPaid = Select(isGain, dPaid + w * (dBilled - dOffset), dPaid);
            loss = Select(isLoss, loss - taxable, Select(isGain, loss - offset, loss));
            dLoss = Select(isLoss, dLoss - dBilled, Select(isGain, dLoss - dOffset, dLoss));
        }
        (a + price * b - taxRate * paid).CopyTo(_lF);
        (b - taxRate * dPaid).CopyTo(_lG);
        if (room) Select(Vector256.GreaterThan(billedPerPrice, zero), Vector256.Min(kink, deepest / billedPerPrice), kink).CopyTo(_lRoom);
    }

    // Evaluate's NPV and slope for lane k alone at _lPrice[k], into _lF[k] and _lG[k]: its operations, reading the lane's months.
    private void EvaluateLane(int k)
    {
        var price = _lPrice[k];
        var months = (int)_lMonths[k];
        var setup = (int)_lSetup[k];
        var billedPerMonth = price * Rates.HoursPerMonth * _lUtil[k];
        var billedPerPrice = _lBilledPerPrice[k];
        var weights = _lWeight;
        var untaxed = _lUntaxed;
        double loss = 0, dLoss = 0, paid = 0, dPaid = 0;
        for (var m = 1; m <= months; m++)
        {
            var billing = m > setup;
            var dBilled = billing ? billedPerPrice : 0.0;
            var taxable = (billing ? billedPerMonth : 0.0) + untaxed[Width * m + k];
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
                var w = weights[Width * m + k];
                paid += w * (taxable - offset);
                dPaid += w * (dBilled - dOffset);
            }
        }
        var b = _lB[k];
        _lF[k] = _lA[k] + price * b - _taxRate * paid;
        _lG[k] = b - _taxRate * dPaid;
    }
}
