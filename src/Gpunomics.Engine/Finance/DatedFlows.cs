namespace Gpunomics.Finance;

/// <summary>A cash flow on a date: the amount (money received positive, paid negative) and the day it moves.</summary>
/// <param name="Date">The day of the flow.</param>
/// <param name="Amount">The amount, $ (or any one currency).</param>
public readonly record struct DatedFlow(DateOnly Date, double Amount);

/// <summary>
/// IRR and NPV of flows on dates, as spreadsheets define XIRR and XNPV: flow i is discounted by
/// (1 + r)^(d_i / 365), r the annual rate and d_i the days from the origin date (actual/365). Here the origin is
/// the earliest date. See docs/methodology.md, "Cash flows".
/// </summary>
/// <remarks>
/// The days d_i are whole numbers, so (1 + r)^(d_i / 365) = (1 + r_d)^(d_i) with the daily rate
/// r_d = (1 + r)^(1/365) - 1: the flows placed on a daily timeline (<see cref="DailyFlows"/>, zero on days without a
/// flow, flows of one day added) are ordinary periodic flows, and their IRR per day is the one
/// <see cref="IrrSolver"/> finds, with every root, note and refusal it gives. The annual rate is
/// (1 + r_d)^365 - 1. No second solver exists, so dated and periodic flows are solved alike.
/// </remarks>
public static class DatedFlows
{
    /// <summary>Days in the spreadsheet's year of the XIRR exponent (actual/365).</summary>
    public const int DaysPerYear = 365;

    /// <summary>Most days from the earliest to the latest date (about 273 years).</summary>
    public const int MaxDays = 100_000;

    /// <summary>The earliest date of <paramref name="flows"/>: the origin every flow is discounted to.</summary>
    public static DateOnly Origin(IReadOnlyList<DatedFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (flows.Count == 0) throw new ArgumentException("at least one flow is needed", nameof(flows));
        var origin = flows[0].Date;
        foreach (var f in flows) if (f.Date < origin) origin = f.Date;
        return origin;
    }

    /// <summary>
    /// The flows on a daily timeline from the earliest date: element d is the sum of the flows d days after it.
    /// </summary>
    /// <exception cref="ArgumentException">When the dates span more than <see cref="MaxDays"/> days or an amount is not finite.</exception>
    public static double[] DailyFlows(IReadOnlyList<DatedFlow> flows)
    {
        var origin = Origin(flows);
        var last = 0;
        foreach (var f in flows)
        {
            if (!double.IsFinite(f.Amount)) throw new ArgumentException("cash flows must be finite numbers", nameof(flows));
            last = Math.Max(last, f.Date.DayNumber - origin.DayNumber);
        }
        if (last > MaxDays) throw new ArgumentException($"the dates span {last} days; at most {MaxDays} are allowed", nameof(flows));
        var daily = new double[last + 1];
        foreach (var f in flows) daily[f.Date.DayNumber - origin.DayNumber] += f.Amount;
        return daily;
    }

    /// <summary>
    /// The rate of return of dated flows per day (<see cref="IrrSolver.SolveReturn(ReadOnlySpan{double})"/> on
    /// <see cref="DailyFlows"/>): rates, roots and borrowing rate are daily; <see cref="AnnualFromDaily"/> gives the
    /// annual (XIRR) rate.
    /// </summary>
    public static IrrResult SolveReturnPerDay(IReadOnlyList<DatedFlow> flows) => IrrSolver.SolveReturn(DailyFlows(flows));

    /// <summary>The annual effective rate of a daily rate: (1 + r_d)^365 - 1; infinite when it exceeds the largest double.</summary>
    public static double AnnualFromDaily(double dailyRate) => ExpM1(DaysPerYear * Log1P(dailyRate));

    /// <summary>The daily rate of an annual effective rate: (1 + r)^(1/365) - 1.</summary>
    public static double DailyFromAnnual(double annualRate) => ExpM1(Log1P(annualRate) / DaysPerYear);

    // ln(1 + x) and e^x - 1 accurate for small x (Kahan's corrections; .NET's LogP1 and ExpM1 round 1 + x first).
    internal static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    internal static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        return um1 == -1.0 || double.IsInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }

    /// <summary>
    /// XNPV: sum of amount_i / (1 + <paramref name="annualRate"/>)^(d_i / 365), d_i the days from the earliest date;
    /// infinite when a discount factor exceeds the largest double (a rate near -100% over many years).
    /// </summary>
    public static double Npv(double annualRate, IReadOnlyList<DatedFlow> flows)
    {
        if (!(annualRate > -1)) throw new ArgumentOutOfRangeException(nameof(annualRate), annualRate, "must be above -100%");
        var origin = Origin(flows).DayNumber;
        var logGrowth = Log1P(annualRate);
        var sum = 0.0;
        foreach (var f in flows) sum += f.Amount * Math.Exp(-logGrowth * (f.Date.DayNumber - origin) / DaysPerYear);
        return sum;
    }
}
