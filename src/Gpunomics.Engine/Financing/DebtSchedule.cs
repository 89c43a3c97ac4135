namespace Gpunomics.Financing;

/// <summary>One month of a project loan, $ per GPU (amounts positive: the lender's view).</summary>
/// <param name="Month">Month, 0 = the first draw.</param>
/// <param name="Cfads">Cash flow available for debt service.</param>
/// <param name="Draw">Loan drawn.</param>
/// <param name="Interest">Interest paid (on the balance at the month's start).</param>
/// <param name="Principal">Principal repaid, the balloon included.</param>
/// <param name="Balloon">The part of <paramref name="Principal"/> beyond the scheduled repayment: the balance left at the term's (or the project's) end.</param>
/// <param name="Balance">Balance at the month's end.</param>
/// <param name="Dscr">CFADS / scheduled debt service (interest + principal - balloon) in repayment months with debt service; null in other months.</param>
public sealed record DebtMonth(int Month, double Cfads, double Draw, double Interest, double Principal, double Balloon, double Balance, double? Dscr)
{
    /// <summary>Scheduled debt service: interest plus principal, without the balloon.</summary>
    public double DebtService => Interest + Principal - Balloon;

    /// <summary>The equity's flow from the loan: draw less interest and principal.</summary>
    public double EquityFlow => Draw - Interest - Principal;
}

/// <summary>A project loan's monthly schedule, its size and how it was set, and its covenant tests (<see cref="DebtModel.Build"/>).</summary>
public sealed record DebtSchedule
{
    /// <summary>The loan's size (its total draws), $ per GPU.</summary>
    public required double Loan { get; init; }
    /// <summary>Loan over total capex.</summary>
    public required double LoanToCapex { get; init; }
    /// <summary>How the size was set, e.g. "60% of capex" or the binding month of a DSCR sizing.</summary>
    public required string SizingNote { get; init; }
    /// <summary>The most a DSCR-sized loan may be, $ per GPU: its maximum loan-to-value (the default 75% of capex), at most the capex; null for a loan sized otherwise.</summary>
    public double? SizingCap { get; init; }
    /// <summary>True when the cap, not the minimum DSCR, sets a DSCR-sized loan (the DSCR alone would lend more).</summary>
    public bool CapBinds { get; init; }
    /// <summary>Annual effective interest rate.</summary>
    public required double AnnualRate { get; init; }
    /// <summary>How the loan is repaid.</summary>
    public required Repayment Repayment { get; init; }
    /// <summary>First month in which principal may be repaid: after the last draw and the interest-only months.</summary>
    public required int FirstRepaymentMonth { get; init; }
    /// <summary>Last month of the loan's term (or the project's end, if sooner).</summary>
    public required int LastMonth { get; init; }
    /// <summary>The months, 0 to the project's end.</summary>
    public required IReadOnlyList<DebtMonth> Months { get; init; }
    /// <summary>The covenant tests.</summary>
    public required CovenantReport Covenants { get; init; }

    /// <summary>Total interest paid, $.</summary>
    public double TotalInterest => Months.Sum(m => m.Interest);

    /// <summary>The balloon, $ (0 when the scheduled payments repay the loan).</summary>
    public double Balloon => Months.Sum(m => m.Balloon);

    /// <summary>Month of the balloon, or null without one.</summary>
    public int? BalloonMonth => Months.FirstOrDefault(m => m.Balloon > 0)?.Month;

    /// <summary>Lowest DSCR over the repayment months, or null when no month has scheduled debt service.</summary>
    public double? MinDscr => Months.Any(m => m.Dscr is not null) ? Months.Where(m => m.Dscr is not null).Min(m => m.Dscr!.Value) : null;

    /// <summary>Average DSCR over the repayment months, or null when no month has scheduled debt service.</summary>
    public double? AverageDscr => Months.Any(m => m.Dscr is not null) ? Months.Where(m => m.Dscr is not null).Average(m => m.Dscr!.Value) : null;
}
