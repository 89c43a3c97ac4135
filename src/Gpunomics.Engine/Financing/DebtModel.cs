using System.Globalization;
using Gpunomics.Finance;

namespace Gpunomics.Financing;

/// <summary>
/// The project-finance debt model (methodology: "Project finance"): from a project's monthly cash flow available for
/// debt service (CFADS) and its capex draws, sizes a delayed-draw term loan, schedules its draws, interest and
/// repayment, and tests its covenants. Draws follow the capex; interest is paid monthly on the balance at the month's
/// start; principal is repaid from the first repayment month (after the last draw and the interest-only months) as
/// level payments, sculpted to a target DSCR, or in one balloon; any balance left at the term's end (or the project's,
/// if sooner) is repaid then.
/// </summary>
public static class DebtModel
{
    /// <summary>Sizes and schedules the loan and tests its covenants.</summary>
    /// <param name="project">The project's CFADS, capex draws, contract value and asset values.</param>
    /// <param name="sizing">How the loan is sized.</param>
    /// <param name="annualRate">Annual effective interest rate.</param>
    /// <param name="termMonths">Months from month 1 by which the loan is repaid.</param>
    /// <param name="structure">Draws, interest-only months, repayment and covenants (its <see cref="LoanStructure.Sizing"/> is not read: <paramref name="sizing"/> is).</param>
    /// <remarks>A term ending before the first repayment month is repaid whole at its end, as a balloon.</remarks>
    /// <exception cref="ArgumentException">When sculpting has no target DSCR.</exception>
    public static DebtSchedule Build(DebtProject project, DebtSizing sizing, double annualRate, int termMonths, LoanStructure structure)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(sizing);
        ArgumentNullException.ThrowIfNull(structure);
        Check(project, termMonths, structure);
        var rate = Rates.AnnualToMonthly(annualRate);
        var (loan, note, capped) = Size(project, sizing, rate, termMonths, structure);
        var months = Run(project, loan, rate, termMonths, structure);
        var capex = project.Capex;
        return new DebtSchedule
        {
            Loan = loan,
            LoanToCapex = capex > 0 ? loan / capex : 0,
            SizingNote = note,
            SizingCap = sizing.Method == DebtSizingMethod.MinDscr ? Cap(project, sizing).Cap : null,
            CapBinds = capped,
            AnnualRate = annualRate,
            Repayment = structure.Repayment,
            FirstRepaymentMonth = FirstRepaymentMonth(project, structure),
            LastMonth = Math.Min(termMonths, project.LastMonth),
            Months = months,
            Covenants = Covenants.Test(months, project.AssetValues, structure.CovenantMinDscr, structure.CovenantMaxLtv),
        };
    }

    /// <summary>The schedule of a loan of a given size (no sizing).</summary>
    /// <param name="project">The project.</param>
    /// <param name="loan">Loan, $.</param>
    /// <param name="annualRate">Annual effective interest rate.</param>
    /// <param name="termMonths">Months from month 1 by which the loan is repaid.</param>
    /// <param name="structure">Draws, interest-only months and repayment.</param>
    public static IReadOnlyList<DebtMonth> Schedule(DebtProject project, double loan, double annualRate, int termMonths, LoanStructure structure)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(structure);
        Check(project, termMonths, structure);
        return Run(project, loan, Rates.AnnualToMonthly(annualRate), termMonths, structure);
    }

    /// <summary>First month in which principal may be repaid: one after the later of the last draw and the last interest-only month.</summary>
    public static int FirstRepaymentMonth(DebtProject project, LoanStructure structure)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(structure);
        return Math.Max(project.LastDrawMonth, structure.InterestOnlyMonths) + 1;
    }

    private static void Check(DebtProject project, int termMonths, LoanStructure structure)
    {
        if (project.Cfads.Count < 2) throw new ArgumentException("the project needs at least one month after month 0", nameof(project));
        if (project.CapexDraws.Count < 1 || project.CapexDraws.Count > project.Cfads.Count) throw new ArgumentException("capex is drawn from month 0 and by the project's last month", nameof(project));
        if (project.AssetValues.Count != project.Cfads.Count) throw new ArgumentException("one asset value a month", nameof(project));
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, 1);
        if (structure.Repayment == Repayment.Sculpted && structure.TargetDscr is not > 0)
            throw new ArgumentException("a sculpted loan needs a target DSCR above 0", nameof(structure));
    }

    private static (double Loan, string Note, bool Capped) Size(DebtProject project, DebtSizing sizing, double rate, int termMonths, LoanStructure structure)
    {
        var capex = project.Capex;
        switch (sizing.Method)
        {
            case DebtSizingMethod.Share:
                return (sizing.Value * capex, sizing.Text, false);
            case DebtSizingMethod.MaxLtv:
                // A contract worth nothing or less (a price at or below zero, as a floor may be) supports no loan.
                return (sizing.Value * (sizing.Basis == LtvBasis.Capex ? capex : Math.Max(0, project.ContractValue)), sizing.Text, false);
        }
        // A DSCR-sized loan is the lesser of the DSCR's loan and the gearing cap: no lender lends above the asset's cost.
        var min = sizing.Value;
        var (cap, capNote) = Cap(project, sizing);
        if (structure.Repayment != Repayment.Sculpted)
        {
            // Level, balloon and interest-only service is linear in the loan: per $1 borrowed it is s_m, so the DSCR is
            // CFADS_m / (L s_m) and the largest loan is min over the repayment months of CFADS_m / (min DSCR x s_m).
            var perDollar = Run(project, 1, rate, termMonths, structure);
            var loan = double.PositiveInfinity;
            var binding = -1;
            foreach (var m in perDollar)
            {
                if (m.Month < FirstRepaymentMonth(project, structure) || m.DebtService <= 0) continue;
                var l = Math.Max(0, m.Cfads) / (min * m.DebtService);
                if (l < loan) (loan, binding) = (l, m.Month);
            }
            if (binding < 0) return (0, sizing.Text + ": no month has scheduled debt service, so no loan is sized", false);
            if (loan > cap) return (cap, sizing.Text + Fmt($": capped at {capNote} (the {min:0.00}x DSCR alone allows ${loan:#,0}, binding at month {binding})"), true);
            return (loan, sizing.Text + (loan == 0
                ? Fmt($": none, month {binding}'s CFADS is zero or below")
                : Fmt($": the DSCR binds, at month {binding}")), false);
        }
        // Sculpted: the DSCR is the target while the debt service covers the interest; the loan may be no larger than
        // the scheduled service repays (no balloon). Both fail monotonically as the loan grows: bisect on the loan, up
        // to the cap.
        if (structure.TargetDscr < min)
            throw new ArgumentException("a sculpted loan's target DSCR below the minimum DSCR it is sized to never meets it", nameof(structure));
        bool Meets(double l)
        {
            var rows = Run(project, l, rate, termMonths, structure);
            return rows.All(m => m.Dscr is not { } d || d >= min * (1 - 1e-12)) && rows.Sum(m => m.Balloon) <= 1e-9 * Math.Max(1, l);
        }
        if (Meets(cap)) return (cap, sizing.Text + Fmt($": capped at {capNote} (the sculpted service would repay more)"), true);
        double lo = 0, hi = cap;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Meets(mid)) lo = mid; else hi = mid;
        }
        return (lo, sizing.Text + ": the most the sculpted service repays by the term's end", false);
    }

    /// <summary>
    /// The most a DSCR-sized loan may be, $: the lesser of the capex and <see cref="DebtSizing.MaxLtv"/> of its basis
    /// (capex or the contract's value); <see cref="DebtSizing.DefaultCapLtv"/> of capex without one.
    /// </summary>
    /// <param name="project">The project (its capex and contract value).</param>
    /// <param name="sizing">The sizing (its cap; the capex alone when it has none).</param>
    public static double SizingCap(DebtProject project, DebtSizing sizing)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(sizing);
        return Cap(project, sizing).Cap;
    }

    private static (double Cap, string Note) Cap(DebtProject project, DebtSizing sizing)
    {
        var capex = Math.Max(0, project.Capex);
        if (sizing.MaxLtv is not { } ltv) return (DebtSizing.DefaultCapLtv * capex, Fmt($"the default {DebtSizing.DefaultCapLtv:0.##%} of capex"));
        var byLtv = ltv * (sizing.Basis == LtvBasis.Capex ? capex : Math.Max(0, project.ContractValue));
        var basis = sizing.Basis == LtvBasis.Capex ? "capex" : "the contract's value";
        return byLtv <= capex ? (byLtv, Fmt($"the {ltv:0.##%} loan-to-value against {basis}")) : (capex, "capex");
    }

    private static DebtMonth[] Run(DebtProject project, double loan, double rate, int termMonths, LoanStructure structure)
    {
        var last = project.LastMonth;
        var first = FirstRepaymentMonth(project, structure);
        var capex = project.Capex;
        var rows = new DebtMonth[last + 1];
        var balance = 0.0;
        var payment = 0.0;
        var tiny = 1e-9 * Math.Max(1, Math.Abs(loan));
        for (var m = 0; m <= last; m++)
        {
            double interest = 0, principal = 0, balloon = 0;
            if (m > 0 && balance > 0)
            {
                interest = balance * rate;
                var repaying = m >= first;
                if (repaying || m == termMonths || m == last)
                {
                    if (repaying && m == first && structure.Repayment == Repayment.Level)
                    {
                        // A term ending before the first repayment month leaves one month to repay in.
                        var n = Math.Max(1, termMonths - first + 1);
                        payment = rate == 0 ? balance / n : balance * rate / (1 - Math.Pow(1 + rate, -n));
                    }
                    var scheduled = !repaying ? 0.0 : structure.Repayment switch
                    {
                        Repayment.Level => Math.Min(balance, payment - interest),
                        Repayment.Sculpted => Math.Min(balance, Math.Max(0, Math.Max(0, project.Cfads[m]) / structure.TargetDscr!.Value - interest)),
                        _ => 0.0,
                    };
                    principal = m == last || m == termMonths ? balance : scheduled;
                    balloon = principal - scheduled > tiny ? principal - scheduled : 0;
                }
                balance -= principal;
            }
            var draw = m < project.CapexDraws.Count && capex > 0 ? loan * project.CapexDraws[m] / capex : 0.0;
            balance += draw;
            var service = interest + principal - balloon;
            double? dscr = m >= first && service > tiny * 1e-3 ? project.Cfads[m] / service : null;
            rows[m] = new DebtMonth(m, project.Cfads[m], draw, interest, principal, balloon, balance, dscr);
        }
        return rows;
    }

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
