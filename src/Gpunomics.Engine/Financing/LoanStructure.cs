namespace Gpunomics.Financing;

/// <summary>
/// The shape of a project loan beyond its share, rate and term (methodology: "Project finance"): how it is drawn,
/// sized and repaid, what it costs by the renter's credit, and the covenants it is tested against. The default is
/// the plain loan: drawn at month 0 for a share of capex and repaid in level payments from month 1.
/// </summary>
public sealed record LoanStructure
{
    /// <summary>The plain loan: drawn at month 0, sized as a share of capex, level payments from month 1, no covenants.</summary>
    public static LoanStructure Default { get; } = new();

    /// <summary>How the principal is repaid after the draw and interest-only months.</summary>
    public Repayment Repayment { get; init; } = Repayment.Level;

    /// <summary>Months from month 1 in which only interest is paid (0: none). Range: 0 up to the loan term less one.</summary>
    public int InterestOnlyMonths { get; init; }

    /// <summary>The DSCR a sculpted loan's debt service is set to (CFADS / target each month); only with <see cref="Repayment.Sculpted"/>.</summary>
    public double? TargetDscr { get; init; }

    /// <summary>How the loan is sized when not as a share of capex (the minimum DSCR or maximum LTV); null: the share of capex.</summary>
    public DebtSizing? Sizing { get; init; }

    /// <summary>
    /// Months over which the capex is spent and the loan drawn with it, in equal parts from month 0 (1: all at month 0).
    /// At most the setup months plus one: deployment ends before the first bill.
    /// </summary>
    public int DrawMonths { get; init; } = 1;

    /// <summary>The renter's credit when it sets the loan's rate (term SOFR + margin); null when the rate was given.</summary>
    public RenterCredit? Credit { get; init; }

    /// <summary>Term SOFR assumed with <see cref="Credit"/>, annual (nominal).</summary>
    public double Sofr { get; init; } = CostOfDebt.DefaultSofr;

    /// <summary>DSCR covenant: every repayment month's DSCR at least this; null: no DSCR covenant.</summary>
    public double? CovenantMinDscr { get; init; }

    /// <summary>LTV covenant: every month's closing balance over the asset value at most this; null: no LTV covenant.</summary>
    public double? CovenantMaxLtv { get; init; }

    /// <summary>True when the loan's flows differ from the plain loan's shape (drawn over months, sized other than by share, interest-only months, or not level).</summary>
    public bool ChangesFlows => Repayment != Repayment.Level || InterestOnlyMonths > 0 || Sizing is not null || DrawMonths > 1;

    /// <summary>
    /// True when the loan's flows are affine in the rental price: sized by a share of capex or by LTV, repaid level,
    /// by balloon or after interest-only months. Sculpting and DSCR sizing follow the cash flow, which moves with the price.
    /// </summary>
    public bool AffineInPrice => Repayment != Repayment.Sculpted && Sizing is not { Method: DebtSizingMethod.MinDscr };
}
