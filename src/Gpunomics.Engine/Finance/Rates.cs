namespace Gpunomics.Finance;

/// <summary>Conversions between annual effective and per-period rates, and level annuities.</summary>
public static class Rates
{
    /// <summary>Hours in a year (8,760).</summary>
    public const double HoursPerYear = 8760.0;

    /// <summary>Hours in a month (730 = 8,760 / 12).</summary>
    public const double HoursPerMonth = 730.0;

    /// <summary>The monthly rate equivalent to an annual effective rate: (1 + a)^(1/12) - 1.</summary>
    public static double AnnualToMonthly(double annual) => Math.Pow(1.0 + annual, 1.0 / 12.0) - 1.0;

    /// <summary>The annual effective rate equivalent to a monthly rate: (1 + m)^12 - 1.</summary>
    public static double MonthlyToAnnual(double monthly) => Math.Pow(1.0 + monthly, 12.0) - 1.0;

    /// <summary>
    /// Capital recovery factor: the level payment per period that repays 1 over <paramref name="periods"/>
    /// at <paramref name="rate"/> per period, r / (1 - (1 + r)^-n); 1/n at r = 0.
    /// </summary>
    public static double CapitalRecoveryFactor(double rate, double periods)
    {
        if (periods <= 0) throw new ArgumentOutOfRangeException(nameof(periods), periods, "must be positive");
        if (rate <= -1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be above -100%");
        if (Math.Abs(rate) < 1e-12) return 1.0 / periods;
        return rate / (1.0 - Math.Pow(1.0 + rate, -periods));
    }

    /// <summary>Net present value of per-period flows (flow t discounted by (1 + rate)^t; flow 0 undiscounted).</summary>
    public static double Npv(double rate, ReadOnlySpan<double> flows)
    {
        if (rate <= -1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be above -100%");
        var x = 1.0 / (1.0 + rate);
        var sum = 0.0;
        for (var t = flows.Length - 1; t >= 0; t--) sum = sum * x + flows[t];
        return sum;
    }

    /// <summary>
    /// Modified IRR per period: outflows discounted to time 0 at <paramref name="financeRate"/>, inflows
    /// compounded to the last period at <paramref name="reinvestRate"/>, MIRR = (FV of inflows / -PV of
    /// outflows)^(1/n) - 1 over the n periods after time 0 (the spreadsheet MIRR). One answer even where
    /// the flows have several IRRs; null without an inflow or an outflow.
    /// </summary>
    public static double? Mirr(ReadOnlySpan<double> flows, double financeRate, double reinvestRate)
    {
        if (financeRate <= -1) throw new ArgumentOutOfRangeException(nameof(financeRate), financeRate, "must be above -100%");
        if (reinvestRate <= -1) throw new ArgumentOutOfRangeException(nameof(reinvestRate), reinvestRate, "must be above -100%");
        var n = flows.Length - 1;
        double outflows = 0, inflows = 0;
        for (var t = 0; t <= n; t++)
        {
            if (flows[t] < 0) outflows += flows[t] / Math.Pow(1 + financeRate, t);
            else inflows += flows[t] * Math.Pow(1 + reinvestRate, n - t);
        }
        if (n < 1 || outflows == 0 || inflows == 0) return null;
        return Math.Pow(inflows / -outflows, 1.0 / n) - 1;
    }
}
