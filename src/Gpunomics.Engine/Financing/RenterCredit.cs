using System.Globalization;

namespace Gpunomics.Financing;

/// <summary>The renter's credit, which sets what a lender charges against its contract.</summary>
public enum RenterCredit
{
    /// <summary>An investment-grade renter (a hyperscaler, say).</summary>
    InvestmentGrade,
    /// <summary>A renter below investment grade.</summary>
    NonInvestmentGrade,
}

/// <summary>
/// The cost of a project loan by the renter's credit: term SOFR plus a margin (methodology: "Project finance",
/// "Cost of debt"). Margins from CoreWeave's delayed-draw term loan 2.0 (8-K filed 2 October 2025): term SOFR +
/// 6.00-6.50% against investment-grade contracts (the midpoint, 6.25%, is taken) and term SOFR + 13.00% against the
/// rest. SOFR is held flat at <see cref="DefaultSofr"/> over the loan (no forward curve).
/// </summary>
public static class CostOfDebt
{
    /// <summary>
    /// One-month CME term SOFR assumed, annual (4.15%): its level around the 8-K's date, after the Federal Reserve's
    /// 17 September 2025 cut to a 4.00-4.25% target range. An assumption to override (debt.sofr), not a forecast.
    /// </summary>
    public const double DefaultSofr = 0.0415;

    /// <summary>The date of <see cref="DefaultSofr"/>'s level, as reports name it.</summary>
    public const string SofrDate = "early October 2025";

    /// <summary>Margin over term SOFR against an investment-grade renter's contract: 6.25% (midpoint of 6.00-6.50%).</summary>
    public const double InvestmentGradeMargin = 0.0625;

    /// <summary>Margin over term SOFR against a non-investment-grade renter's contract: 13.00%.</summary>
    public const double NonInvestmentGradeMargin = 0.13;

    /// <summary>Where the margins come from.</summary>
    public const string Source = "CoreWeave DDTL 2.0, 8-K of 2 October 2025: term SOFR + 6.00-6.50% (investment-grade contracts), + 13.00% (non-investment-grade)";

    /// <summary>The allowed names, for messages.</summary>
    public const string Allowed = "\"investment-grade\" or \"non-investment-grade\"";

    /// <summary>The margin over SOFR for <paramref name="credit"/>, annual.</summary>
    public static double Margin(RenterCredit credit) => credit == RenterCredit.InvestmentGrade ? InvestmentGradeMargin : NonInvestmentGradeMargin;

    /// <summary>
    /// The loan's annual effective rate: the quoted floating rate q = SOFR + margin is a nominal annual rate paid monthly,
    /// so the effective rate is (1 + q / 12)^12 - 1.
    /// </summary>
    /// <param name="credit">The renter's credit.</param>
    /// <param name="sofr">Term SOFR, annual (nominal).</param>
    public static double AnnualRate(RenterCredit credit, double sofr)
    {
        var quoted = sofr + Margin(credit);
        return Math.Pow(1 + quoted / 12, 12) - 1;
    }

    /// <summary>The credit as a scenario file writes it.</summary>
    public static string Key(this RenterCredit credit) => credit == RenterCredit.InvestmentGrade ? "investment-grade" : "non-investment-grade";

    /// <summary>The credit named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static RenterCredit? Find(string? name) =>
        Enum.GetValues<RenterCredit>().Cast<RenterCredit?>().FirstOrDefault(c => string.Equals(c!.Value.Key(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the rate was set, as a reader sees it, e.g. "term SOFR 4.15% + 13.00% (non-investment-grade)".</summary>
    public static string Text(RenterCredit credit, double sofr) =>
        string.Create(CultureInfo.InvariantCulture, $"term SOFR {sofr:0.00%} + {Margin(credit):0.00%} ({credit.Key()} renter), paid monthly");
}
