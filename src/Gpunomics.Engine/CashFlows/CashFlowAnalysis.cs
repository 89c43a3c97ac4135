using System.Globalization;
using Gpunomics.Finance;

namespace Gpunomics.CashFlows;

/// <summary>
/// The IRR of a set of cash flows as a user meets it: the return (annual effective, and per period for periodic
/// flows), or none with the note saying why; every root; a borrowing rate in place of a return where NPV rises
/// with the rate (see docs/methodology.md, "When IRR is not the answer").
/// </summary>
public sealed record CashFlowIrr
{
    /// <summary>The return, annual effective; null when there is none to report (see <see cref="Note"/>).</summary>
    public required double? Rate { get; init; }

    /// <summary>The return per period (periodic flows); null for dated flows or when there is none.</summary>
    public double? RatePerPeriod { get; init; }

    /// <summary>Every rate making NPV zero, annual effective (empty when none is found).</summary>
    public required IReadOnlyList<double> Roots { get; init; }

    /// <summary>Every rate making NPV zero, per period (periodic flows); null for dated flows.</summary>
    public IReadOnlyList<double>? RootsPerPeriod { get; init; }

    /// <summary>The only rate making NPV zero where NPV rises with the rate: the cost of the money received, annual; null otherwise.</summary>
    public double? BorrowingRate { get; init; }

    /// <summary>The borrowing rate per period (periodic flows); null otherwise.</summary>
    public double? BorrowingRatePerPeriod { get; init; }

    /// <summary>True when a rate above the top of the searched range makes NPV zero (<see cref="IrrSolver.MaxRatePerPeriod"/> per period, or per day for dated flows).</summary>
    public bool AboveSearchRange { get; init; }

    /// <summary>Why there is no return, or how it was chosen among several roots; null for a plain unique IRR.</summary>
    public required string? Note { get; init; }
}

/// <summary>A discounted value, or none with the reason.</summary>
/// <param name="Value">The NPV (or XNPV), or null when it does not fit in a double (see <paramref name="Note"/>).</param>
/// <param name="Rate">The annual effective discount rate.</param>
/// <param name="RatePerPeriod">The discount rate per period (periodic flows); null for dated flows.</param>
/// <param name="Note">Why there is no value; null with one.</param>
public sealed record CashFlowNpv(double? Value, double Rate, double? RatePerPeriod, string? Note);

/// <summary>Modified IRR, or none with the reason.</summary>
/// <param name="Rate">MIRR, annual effective; null when there is none (see <paramref name="Note"/>).</param>
/// <param name="RatePerPeriod">MIRR per period; null when there is none.</param>
/// <param name="FinanceRate">Annual rate the outflows are discounted at.</param>
/// <param name="ReinvestRate">Annual rate the inflows are compounded at.</param>
/// <param name="Note">Why there is none; null with one.</param>
public sealed record CashFlowMirr(double? Rate, double? RatePerPeriod, double FinanceRate, double ReinvestRate, string? Note);

/// <summary>Payback: when the cumulative flow turns non-negative for good, or never, with the reason.</summary>
/// <param name="Period">Periodic flows: the first period m &gt;= 1 from which the cumulative is &gt;= 0 at every later period; null otherwise.</param>
/// <param name="Date">Dated flows: the first date after the earliest from which the cumulative, in date order, stays &gt;= 0; null otherwise.</param>
/// <param name="Years">Time from the first flow to the payback, years (periods / periods per year, or days / 365).</param>
/// <param name="Note">Why there is no payback; null with one.</param>
public sealed record CashFlowPayback(int? Period, DateOnly? Date, double? Years, string? Note);

/// <summary>
/// IRR, NPV, MIRR and payback of periodic flows, and XIRR, XNPV and payback of dated flows. Periodic flows are solved
/// by <see cref="IrrSolver.SolveReturn(ReadOnlySpan{double})"/>, dated ones by the same solver on a daily timeline
/// (<see cref="DatedFlows"/>), so both give the same roots and notes. Rates in and out are annual effective; per
/// period means 1/<c>periodsPerYear</c> of a year. See docs/methodology.md, "Cash flows".
/// </summary>
public static class CashFlowAnalysis
{
    /// <summary>IRR of periodic flows (flow 0 at time 0) with <paramref name="periodsPerYear"/>; with <paramref name="hurdle"/> (annual), a return chosen among several roots is kept only where it agrees with NPV at the hurdle.</summary>
    public static CashFlowIrr Irr(IReadOnlyList<double> flows, int periodsPerYear, double? hurdle = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        CheckPeriods(periodsPerYear);
        var f = flows.ToArray();
        double? hurdlePerPeriod = hurdle is { } h ? PerPeriod(h, periodsPerYear) : null;
        return Describe(IrrSolver.SolveReturn(f), hurdlePerPeriod, r => Rates.Npv(r, f), r => Annual(r, periodsPerYear), dated: false);
    }

    /// <summary>XIRR of dated flows (actual/365 from the earliest date); with <paramref name="hurdle"/> (annual), as <see cref="Irr"/>.</summary>
    public static CashFlowIrr Xirr(IReadOnlyList<DatedFlow> flows, double? hurdle = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var daily = DatedFlows.DailyFlows(flows);
        if (daily.Length < 2)
            return new CashFlowIrr { Rate = null, Roots = [], Note = "every flow falls on one date: at least two dates are needed" };
        double? hurdlePerDay = hurdle is { } h ? DatedFlows.DailyFromAnnual(h) : null;
        return Describe(IrrSolver.SolveReturn(daily), hurdlePerDay, r => Rates.Npv(r, daily), DatedFlows.AnnualFromDaily, dated: true);
    }

    /// <summary>NPV at the annual <paramref name="rate"/> of periodic flows, flow 0 undiscounted (the spreadsheet's <c>first + NPV(rate, rest)</c>).</summary>
    public static CashFlowNpv Npv(IReadOnlyList<double> flows, double rate, int periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(flows);
        CheckRate(rate, nameof(rate));
        CheckPeriods(periodsPerYear);
        var perPeriod = PerPeriod(rate, periodsPerYear);
        var v = Rates.Npv(perPeriod, flows.ToArray());
        return double.IsFinite(v)
            ? new CashFlowNpv(v, rate, perPeriod, null)
            : new CashFlowNpv(null, rate, perPeriod, $"{Overflow} at {Percent(rate)} a year over {flows.Count - 1} periods");
    }

    /// <summary>XNPV at the annual <paramref name="rate"/>: each flow discounted by (1 + rate)^(days from the earliest date / 365).</summary>
    public static CashFlowNpv Xnpv(IReadOnlyList<DatedFlow> flows, double rate)
    {
        ArgumentNullException.ThrowIfNull(flows);
        CheckRate(rate, nameof(rate));
        var v = DatedFlows.Npv(rate, flows);
        return double.IsFinite(v)
            ? new CashFlowNpv(v, rate, null, null)
            : new CashFlowNpv(null, rate, null, $"{Overflow} at {Percent(rate)} a year over the {Span(flows)} days from the earliest date");
    }

    /// <summary>MIRR of periodic flows: outflows discounted at <paramref name="financeRate"/>, inflows compounded at <paramref name="reinvestRate"/> (both annual), as the spreadsheet MIRR.</summary>
    public static CashFlowMirr Mirr(IReadOnlyList<double> flows, double financeRate, double reinvestRate, int periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(flows);
        CheckRate(financeRate, nameof(financeRate));
        CheckRate(reinvestRate, nameof(reinvestRate));
        CheckPeriods(periodsPerYear);
        var f = flows.ToArray();
        string? note = f.Length < 2 ? "at least two cash flows are needed"
            : !f.Any(x => x < 0) ? "the cash flows have no outflow, so there is nothing to finance"
            : !f.Any(x => x > 0) ? "the cash flows have no inflow, so there is nothing to reinvest"
            : null;
        if (note is not null) return new CashFlowMirr(null, null, financeRate, reinvestRate, note);
        var perPeriod = Rates.Mirr(f, PerPeriod(financeRate, periodsPerYear), PerPeriod(reinvestRate, periodsPerYear));
        if (perPeriod is not { } m || !double.IsFinite(m))
            return new CashFlowMirr(null, null, financeRate, reinvestRate, $"{Overflow} (the compounded inflows or discounted outflows) over {f.Length - 1} periods");
        var annual = Annual(m, periodsPerYear);
        return Held(annual)
            ? new CashFlowMirr(annual, m, financeRate, reinvestRate, null)
            : new CashFlowMirr(null, m, financeRate, reinvestRate, $"the MIRR is {Percent(m)} per period, whose annual equivalent a double cannot hold (above 1.8e308, or within 1e-7 of -100%)");
    }

    /// <summary>Payback period of periodic flows: the first m &gt;= 1 from which the cumulative stays &gt;= 0 (the rental project's payback month).</summary>
    public static CashFlowPayback Payback(IReadOnlyList<double> flows, int periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(flows);
        CheckPeriods(periodsPerYear);
        var cumulative = Cumulative(flows);
        if (NoPayback(flows, cumulative, "period " + (flows.Count - 1)) is { } note) return new CashFlowPayback(null, null, null, note);
        var k = PaybackIndex(cumulative);
        return new CashFlowPayback(k, null, (double)k / periodsPerYear, null);
    }

    /// <summary>Payback of dated flows: in date order (flows of one date added), the first date after the earliest from which the cumulative stays &gt;= 0.</summary>
    public static CashFlowPayback Payback(IReadOnlyList<DatedFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var byDate = flows.GroupBy(f => f.Date).OrderBy(g => g.Key).Select(g => (Date: g.Key, Amount: g.Sum(x => x.Amount))).ToList();
        var amounts = byDate.Select(x => x.Amount).ToList();
        var cumulative = Cumulative(amounts);
        if (NoPayback(amounts, cumulative, CashFlowReader.Iso(byDate[^1].Date)) is { } note) return new CashFlowPayback(null, null, null, note);
        var k = PaybackIndex(cumulative);
        return new CashFlowPayback(null, byDate[k].Date, (double)(byDate[k].Date.DayNumber - byDate[0].Date.DayNumber) / DatedFlows.DaysPerYear, null);
    }

    /// <summary>The per-period rate equivalent to an annual effective rate: (1 + a)^(1/p) - 1.</summary>
    public static double PerPeriod(double annualRate, int periodsPerYear) => DatedFlows.ExpM1(DatedFlows.Log1P(annualRate) / periodsPerYear);

    /// <summary>The annual effective rate equivalent to a per-period rate: (1 + r)^p - 1; infinite when it exceeds the largest double.</summary>
    public static double Annual(double ratePerPeriod, int periodsPerYear) => DatedFlows.ExpM1(periodsPerYear * DatedFlows.Log1P(ratePerPeriod));

    // An annual rate a double holds to 9 digits of 1 + r: finite, and 1 + r at least 1e-7 (closer to -100%, 1 + r
    // keeps fewer digits than that, since doubles near -1 are 1.1e-16 apart).
    private static bool Held(double annualRate) => double.IsFinite(annualRate) && 1.0 + annualRate >= 1e-7;

    private const string Overflow = "the value does not fit in a double (a discount or growth factor exceeds 1.8e308)";

    private static string? NoPayback(IReadOnlyList<double> flows, double[] cumulative, string last)
    {
        if (flows.Count < 2) return "at least two cash flows are needed";
        if (!flows.Any(x => x < 0)) return "the cash flows have no outflow, so there is nothing to pay back";
        return cumulative[^1] < 0
            ? $"the cumulative cash flow ends below zero ({cumulative[^1].ToString("N0", CultureInfo.InvariantCulture)} at {last}), so the flows never pay back"
            : null;
    }

    private static double[] Cumulative(IReadOnlyList<double> flows)
    {
        var c = new double[flows.Count];
        var sum = 0.0;
        for (var i = 0; i < flows.Count; i++) c[i] = sum += flows[i];
        return c;
    }

    private static int PaybackIndex(double[] cumulative)
    {
        var k = cumulative.Length - 1;
        while (k > 1 && cumulative[k - 1] >= 0) k--;
        return k;
    }

    private static int Span(IReadOnlyList<DatedFlow> flows) => flows.Max(f => f.Date.DayNumber) - flows.Min(f => f.Date.DayNumber);

    // The solver's result with every rate written per period and a year (per day and a year, or a year alone, for dated flows).
    private static CashFlowIrr Describe(IrrResult r, double? hurdlePerPeriod, Func<double, double> npv, Func<double, double> annual, bool dated)
    {
        string Text(double x)
        {
            var a = annual(x);
            var year = Held(a) ? $"{Percent(a)} a year" : a > 0 ? "over 1.8e308% a year" : "within 1e-7 of -100% a year";
            return dated ? (Held(a) ? year : $"{Percent(x)} a day, {year}") : $"{Percent(x)} per period, {year}";
        }
        string List() => string.Join("; ", r.Roots.Select(Text));
        var roots = r.Roots.Select(annual).ToList();
        var finiteRoots = roots.All(Held);
        string? note;
        double? rate = r.RatePerPeriod;
        if (r.BorrowingRatePerPeriod is { } b)
            note = $"NPV rises with the rate at the only rate that makes it zero ({Text(b)}): the flows take money in before they pay it out, " +
                "so that rate is the cost of the money received (a borrowing rate), not a return; decide on NPV at a hurdle rate";
        else if (rate is { } chosen && r.Roots.Count >= 2)
        {
            var atHurdle = hurdlePerPeriod is { } h ? npv(h) : (double?)null;
            note = atHurdle is { } v && (chosen >= hurdlePerPeriod!.Value) != (v >= 0)
                ? $"the cash flows change sign more than once and {r.Roots.Count} rates make NPV zero ({List()}); at the hurdle {Text(hurdlePerPeriod.Value)} " +
                  $"the NPV is {v.ToString("N0", CultureInfo.InvariantCulture)}, which the return {Text(chosen)} would contradict, so no rate is reported as the return; decide on NPV at the hurdle"
                : $"the cash flows change sign more than once and {r.Roots.Count} rates make NPV zero ({List()}); {Text(chosen)} is the one at which NPV falls as the rate rises, the flows' return";
            if (atHurdle is not null && note.Contains("would contradict", StringComparison.Ordinal)) rate = null;
        }
        else if (rate is { } tangent && r.Note is { } touching)
            note = $"NPV touches zero at {Text(tangent)} without changing sign ({(touching.Contains("positive on both sides", StringComparison.Ordinal) ? "positive" : "negative")} on both sides)";
        else if (rate is not null)
            note = null;
        else if (r.AboveSearchRange)
        {
            var top = Text(IrrSolver.MaxRatePerPeriod);
            note = r.Roots.Count == 0
                ? $"NPV keeps the sign opposite to the first flow's up to {top}, the top of the searched range, and changes sign above it: the IRR is above {top}"
                : $"the cash flows change sign more than once: {(r.Roots.Count == 1 ? "1 rate makes" : $"{r.Roots.Count} rates make")} NPV zero ({List()}) and at least one more above {top}, the top of the searched range; no single IRR exists, use NPV";
        }
        else if (r.Roots.Count >= 2)
            note = $"the cash flows change sign more than once and {r.Roots.Count} rates make NPV zero ({List()}); no single IRR exists, use NPV";
        else
            note = dated ? r.Note?.Replace("per period", "a year", StringComparison.Ordinal) : r.Note;

        double? annualRate = rate is { } x ? annual(x) : null;
        if (annualRate is { } ar && !Held(ar))
        {
            note = (note is null ? "" : note + "; ") + $"the rate, {Percent(rate!.Value)} per {(dated ? "day" : "period")}, has an annual equivalent " +
                (ar > 0 ? "above the largest number a double holds" : "within 1e-7 of -100%, too close for a double to hold its digits") + ", so no annual rate is given";
            annualRate = null;
            if (dated) rate = null;
        }
        double? borrowing = r.BorrowingRatePerPeriod is { } bp && Held(annual(bp)) ? annual(bp) : null;
        return new CashFlowIrr
        {
            Rate = annualRate,
            RatePerPeriod = dated ? null : rate,
            Roots = finiteRoots ? roots : [.. roots.Where(Held)],
            RootsPerPeriod = dated ? null : r.Roots,
            BorrowingRate = borrowing,
            BorrowingRatePerPeriod = dated ? null : r.BorrowingRatePerPeriod,
            AboveSearchRange = r.AboveSearchRange,
            Note = note,
        };
    }

    private static void CheckRate(double rate, string name)
    {
        if (!(rate > -1) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(name, rate, "must be a finite rate above -100%");
    }

    private static void CheckPeriods(int periodsPerYear)
    {
        if (periodsPerYear < 1) throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "must be at least 1");
    }

    /// <summary>A rate as notes write it: a percentage to six decimals, in scientific notation from 1,000,000%.</summary>
    public static string Percent(double rate) => Math.Abs(rate) < 1e4
        ? rate.ToString("0.######%", CultureInfo.InvariantCulture)
        : (rate * 100).ToString("0.######E+0", CultureInfo.InvariantCulture) + "%";
}
