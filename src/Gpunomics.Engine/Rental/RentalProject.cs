using Gpunomics.AssetLife;
using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Scenarios;
using Gpunomics.Tco;

namespace Gpunomics.Rental;

/// <summary>Everything the monthly cash-flow model of one rented GPU needs.</summary>
/// <param name="CapexPerGpu">Capex paid at month 0, $.</param>
/// <param name="OperatingCostPerHour">Operating cost per contracted GPU-hour at the contract's billed utilization (power follows use), $.</param>
/// <param name="PricePerGpuHour">Rental price, $ per GPU-hour.</param>
/// <param name="Terms">Contract terms.</param>
/// <param name="Financing">Debt and tax (null: none, the unlevered pre-tax project).</param>
public sealed record RentalInputs(double CapexPerGpu, double OperatingCostPerHour, double PricePerGpuHour, ContractTerms Terms, ProjectFinancing? Financing = null)
{
    /// <summary>Builds the inputs for <paramref name="system"/> from a scenario, at a system price.</summary>
    public static RentalInputs For(AcceleratorSystem system, Scenario scenario, double pricePerGpuHour, SupplierPricing pricing, ContractTerms? terms = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var capex = CapexModel.Compute(system, pricing, scenario.NetworkTier).PerGpu;
        var t = terms ?? scenario.Contract;
        var financing = scenario.Financing.IsNone ? null : scenario.Financing;
        if (!scenario.AssetLife.IsOn)
            return new RentalInputs(capex, TcoModel.OperatingCostPerHour(system, capex, scenario.Operations, t.BilledUtilization), pricePerGpuHour, t, financing);
        // The whole life: the residual comes from the curve at the life's end, not at the contract's; power follows the
        // blend of contracted and spot use.
        var life = scenario.AssetLife;
        double OpexAt(double utilization) => TcoModel.OperatingCostPerHour(system, capex, scenario.Operations, utilization);
        if (!AssetLifePlan.TryBuild(system, life, t, capex, OpexAt, out var flows, out var problem))
            throw new AssetLifeException(problem!);
        var blended = (1 - life.UncontractedShare) * t.BilledUtilization + life.UncontractedShare * life.ReleaseUtilization;
        return new RentalInputs(capex, OpexAt(blended), pricePerGpuHour, t with { ResidualValueShare = 0 }, financing) { Life = flows };
    }

    /// <summary>
    /// The asset's life around the first contract (<see cref="AssetLifeFlows"/>): a ramp and spot sales within it, re-leases
    /// and a sale after it; null: the life ends with the contract.
    /// </summary>
    public AssetLifeFlows? Life { get; init; }

    /// <summary>Total contract value, $: price x 730 x billed utilization x term (with a ramp or an uncontracted share, x the share billed each month).</summary>
    public double TotalContractValue => PricePerGpuHour * Rates.HoursPerMonth * Terms.BilledUtilization * (Life?.ContractedMonths ?? Terms.TermMonths);

    /// <summary>Last month of the project: the life's end, or the contract's.</summary>
    public int LastMonth => Life?.LifeMonths ?? Terms.SetupMonths + Terms.TermMonths;

    /// <summary>True when the net flows are affine in the price (no tax, no loan following the cash flow), so the floor has a closed form.</summary>
    public bool AffineInPrice => Financing is null || Financing.AffineInPrice;
}

/// <summary>One month of the schedule, $ per GPU (outflows negative).</summary>
/// <param name="Month">Month, 0 = capex.</param>
/// <param name="Capex">Capex paid (at month 0, or over the loan's draw months).</param>
/// <param name="Prepayment">Prepayment received.</param>
/// <param name="Billed">Rental billed.</param>
/// <param name="PrepaymentCredit">Share of the bill credited against the prepayment (not paid in cash).</param>
/// <param name="OperatingCost">Operating cost paid.</param>
/// <param name="Residual">Residual value received.</param>
/// <param name="Debt">Loan drawn (month 0, or with the capex) less interest and principal paid.</param>
/// <param name="Interest">Interest paid, part of <paramref name="Debt"/> (negative).</param>
/// <param name="Tax">Corporate tax paid.</param>
/// <param name="Net">Sum of the cash lines: the owner's (the equity's, with debt) net flow.</param>
/// <param name="Cumulative">Running sum of the net flows.</param>
public sealed record CashFlowMonth(
    int Month,
    double Capex,
    double Prepayment,
    double Billed,
    double PrepaymentCredit,
    double OperatingCost,
    double Residual,
    double Debt,
    double Interest,
    double Tax,
    double Net,
    double Cumulative);

/// <summary>The returns of a rental project.</summary>
public sealed record RentalProjectResult
{
    /// <summary>
    /// Annual effective IRR of the net flows (the equity's with debt) when it is a return, or null when there is
    /// none to report (see <see cref="IrrNote"/>): no rate makes NPV zero, several do, or the only one is a
    /// <see cref="BorrowingRate"/>.
    /// </summary>
    public required double? Irr { get; init; }
    /// <summary>Why there is no IRR; with one, how it was chosen when the flows have several (<see cref="IrrSolver.SolveReturn(ReadOnlySpan{double}, double)"/>).</summary>
    public required string? IrrNote { get; init; }
    /// <summary>
    /// Annual effective rate that makes NPV zero when NPV rises with the rate there (money received before it is
    /// paid out, e.g. a prepayment above the capex): the cost of the money received, not a return; null otherwise.
    /// The decision is then on <see cref="Npv"/>.
    /// </summary>
    public double? BorrowingRate { get; init; }
    /// <summary>Modified IRR, annual effective, with outflows financed and inflows reinvested at the hurdle; null without an inflow or an outflow.</summary>
    public double? Mirr { get; init; }
    /// <summary>NPV at the hurdle rate, $ per GPU.</summary>
    public required double Npv { get; init; }
    /// <summary>The hurdle rate used for the NPV (annual effective).</summary>
    public required double Hurdle { get; init; }
    /// <summary>
    /// First month m &gt;= 1 from which the cumulative net cash flow is at least zero at m and at every later month;
    /// null when the cumulative at the last month is negative (see <see cref="PaybackNote"/>).
    /// </summary>
    public required int? PaybackMonth { get; init; }
    /// <summary>Why there is no payback month (the cumulative ends negative, and where); null with one.</summary>
    public string? PaybackNote { get; init; }
    /// <summary>Money multiple: cash in / cash out, or null when there is no outflow.</summary>
    public required double? Moic { get; init; }
    /// <summary>The monthly schedule.</summary>
    public required IReadOnlyList<CashFlowMonth> Schedule { get; init; }
}

/// <summary>
/// The neocloud's rental project, one GPU, monthly (methodology: "Rental project"). Month 0 pays the
/// capex and receives the prepayment (a share of total contract value); each billed month bills
/// price x 730 x utilization, of which the prepay share is credited against the prepayment rather
/// than paid in cash; operating costs are paid in billed months; any residual comes in the last month.
/// Optionally part of the capex is borrowed and the income taxed (<see cref="ProjectFinancing"/>). Every
/// flow is affine in the price unless tax is on.
/// </summary>
public static class RentalProject
{
    /// <summary>The monthly net cash flows, month 0 first.</summary>
    public static double[] NetCashFlows(RentalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Financing is not null) return Schedule(inputs).Select(m => m.Net).ToArray();
        // The same flows as Schedule, without building its rows.
        var t = inputs.Terms;
        var months = t.SetupMonths + t.TermMonths;
        var billed = inputs.PricePerGpuHour * Rates.HoursPerMonth * t.BilledUtilization;
        var level = billed * (1 - t.PrepayShare) - inputs.OperatingCostPerHour * Rates.HoursPerMonth;
        var flows = new double[inputs.LastMonth + 1];
        flows[0] = -inputs.CapexPerGpu + t.PrepayShare * inputs.TotalContractValue;
        for (var m = t.SetupMonths + 1; m <= months; m++) flows[m] = level;
        flows[months] += t.ResidualValueShare * inputs.CapexPerGpu;
        if (inputs.Life is { } life)
        {
            // The contract's billing scaled month by month; the rest of the life does not depend on the price.
            var opexPerMonth = inputs.OperatingCostPerHour * Rates.HoursPerMonth;
            for (var m = t.SetupMonths + 1; m <= months; m++)
                flows[m] = billed * life.BilledShare[m - t.SetupMonths - 1] * (1 - t.PrepayShare) - opexPerMonth;
            for (var m = 0; m < flows.Length; m++) flows[m] += life.Revenue[m] + life.OperatingCost[m] + life.Sale[m];
        }
        return flows;
    }

    /// <summary>
    /// The full monthly schedule. With debt: the loan (debt share x capex) is drawn at month 0 and repaid in
    /// level monthly payments of interest and principal from month 1 over its term; a balance left at the
    /// last month is repaid then. With tax: each month from 1, taxable income = billed - operating cost -
    /// depreciation (capex straight-line over the depreciation period, to the last month) - interest, plus
    /// in the last month the residual less the capex not yet depreciated; losses are carried forward
    /// against later income; tax = rate x what remains when positive. Revenue is taxed as billed, the
    /// prepayment when it is earned, not when it is received. A loan of another shape (<see cref="LoanStructure"/>:
    /// drawn with the capex over months, sized by DSCR or LTV, interest-only months, sculpted or balloon repayment)
    /// comes from the debt model (<see cref="Debt"/>).
    /// </summary>
    public static IReadOnlyList<CashFlowMonth> Schedule(RentalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var t = inputs.Terms;
        var f = inputs.Financing ?? ProjectFinancing.None;
        var months = t.SetupMonths + t.TermMonths;
        var billedPerMonth = inputs.PricePerGpuHour * Rates.HoursPerMonth * t.BilledUtilization;
        var opexPerMonth = inputs.OperatingCostPerHour * Rates.HoursPerMonth;

        var loan = f.DebtShare * inputs.CapexPerGpu;
        var debtRate = Rates.AnnualToMonthly(f.DebtRate);
        var debtMonths = f.DebtTermMonths ?? t.TermMonths;
        var payment = loan == 0 ? 0 : debtRate == 0 ? loan / debtMonths : loan * debtRate / (1 - Math.Pow(1 + debtRate, -debtMonths));
        var balance = loan;
        var depreciationPerMonth = inputs.CapexPerGpu / Math.Max(1, Math.Round(f.DepreciationYears * 12));
        var bookValue = inputs.CapexPerGpu;
        var lossCarried = 0.0;
        var drawMonths = f.Loan.DrawMonths;
        if (drawMonths > months + 1)
            throw new ArgumentException($"capex drawn over {drawMonths} months runs past the project's last month, {months}", nameof(inputs));
        var dealLoan = f.HasDebt && f.Loan.ChangesFlows ? Debt(inputs)!.Months : null;

        var life = inputs.Life;
        var last = inputs.LastMonth;
        var result = new List<CashFlowMonth>(last + 1);
        var cumulative = 0.0;
        for (var m = 0; m <= last; m++)
        {
            var capex = drawMonths <= 1 ? (m == 0 ? -inputs.CapexPerGpu : 0.0) : m < drawMonths ? -inputs.CapexPerGpu / drawMonths : 0.0;
            var prepay = m == 0 ? t.PrepayShare * inputs.TotalContractValue : 0.0;
            var billing = m > t.SetupMonths && m <= months;
            var contractBill = billing ? billedPerMonth * (life?.BilledShare[m - t.SetupMonths - 1] ?? 1) : 0.0;
            var billed = contractBill + (life?.Revenue[m] ?? 0);
            var credit = billing ? -t.PrepayShare * contractBill : 0.0;
            var opex = (billing ? -opexPerMonth : 0.0) + (life?.OperatingCost[m] ?? 0);
            var residual = (m == months ? t.ResidualValueShare * inputs.CapexPerGpu : 0.0) + (life?.Sale[m] ?? 0);

            var debt = m == 0 ? loan : 0.0;
            var interest = 0.0;
            if (dealLoan is not null)
            {
                debt = dealLoan[m].EquityFlow;
                interest = -dealLoan[m].Interest;
            }
            else if (m > 0 && balance > 0)
            {
                interest = balance * debtRate;
                var principal = m == months || m == debtMonths ? balance : Math.Min(balance, payment - interest);
                balance -= principal;
                debt = -(interest + principal);
                interest = -interest;
            }

            var tax = 0.0;
            if (m > 0 && f.HasTax)
            {
                var depreciation = Math.Min(depreciationPerMonth, bookValue);
                bookValue -= depreciation;
                var taxable = billed + opex - depreciation + interest;
                if (m == last)
                {
                    taxable += residual - bookValue;
                    bookValue = 0;
                }
                if (taxable <= 0) lossCarried -= taxable;
                else
                {
                    var offset = Math.Min(lossCarried, taxable);
                    lossCarried -= offset;
                    tax = -f.TaxRate * (taxable - offset);
                }
            }

            var net = capex + prepay + billed + credit + opex + residual + debt + tax;
            cumulative += net;
            result.Add(new CashFlowMonth(m, capex, prepay, billed, credit, opex, residual, debt, interest, tax, net, cumulative));
        }
        return result;
    }

    /// <summary>
    /// The project's loan through the debt model (methodology: "Project finance"), or null without debt: sized, drawn
    /// with the capex, repaid and tested against its covenants. CFADS is the unlevered pre-tax flow without the capex
    /// (<see cref="Cfads"/>); the LTV covenant's asset value falls straight-line from the capex at month 0 to the residual
    /// value at the project's end (with an asset life, its sale at the life's end).
    /// </summary>
    public static DebtSchedule? Debt(RentalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Financing is not { HasDebt: true } f) return null;
        var draws = Enumerable.Repeat(inputs.CapexPerGpu / f.Loan.DrawMonths, f.Loan.DrawMonths).ToArray();
        var project = new DebtProject(Cfads(inputs), draws, inputs.TotalContractValue,
            DebtProject.StraightLine(inputs.CapexPerGpu, EndValue(inputs), inputs.LastMonth));
        return DebtModel.Build(project, f.Sizing, f.DebtRate, f.DebtTermMonths ?? inputs.Terms.TermMonths, f.Loan);
    }

    /// <summary>
    /// Cash flow available for debt service by month 0 to the project's last month, $ per GPU: the unlevered pre-tax flow
    /// without the capex (which the loan and the equity fund): the prepayment at month 0, then each billed month's cash
    /// bill less operating cost, and the residual at the end; with an asset life, its ramp, spot sales, re-leases and sale too.
    /// </summary>
    public static double[] Cfads(RentalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var flows = NetCashFlows(inputs with { Financing = null });
        flows[0] += inputs.CapexPerGpu;
        return flows;
    }

    /// <summary>The asset's value at the project's end, $ per GPU: the contract's residual, or with an asset life its sale.</summary>
    public static double EndValue(RentalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Terms.ResidualValueShare * inputs.CapexPerGpu + (inputs.Life?.Sale[^1] ?? 0);
    }

    /// <summary>IRR, NPV at the hurdle, payback and money multiple.</summary>
    /// <param name="inputs">The project.</param>
    /// <param name="hurdle">Annual effective hurdle rate for the NPV.</param>
    public static RentalProjectResult Evaluate(RentalInputs inputs, double hurdle)
    {
        var schedule = Schedule(inputs);
        var flows = schedule.Select(m => m.Net).ToArray();
        var monthlyHurdle = Rates.AnnualToMonthly(hurdle);
        var irr = IrrSolver.SolveReturn(flows, monthlyHurdle);
        var inflow = flows.Where(f => f > 0).Sum();
        var outflow = -flows.Where(f => f < 0).Sum();
        var payback = PaybackMonth(schedule);
        var borrowing = irr.BorrowingRatePerPeriod is { } b ? Rates.MonthlyToAnnual(b) : (double?)null;
        return new RentalProjectResult
        {
            Irr = irr.RatePerPeriod is { } monthly ? Rates.MonthlyToAnnual(monthly) : null,
            IrrNote = borrowing is { } annual ? BorrowingNote(annual) : irr.Note,
            BorrowingRate = borrowing,
            Npv = Rates.Npv(monthlyHurdle, flows),
            Mirr = Rates.Mirr(flows, monthlyHurdle, monthlyHurdle) is { } mirr ? Rates.MonthlyToAnnual(mirr) : null,
            Hurdle = hurdle,
            PaybackMonth = payback,
            PaybackNote = payback is null
                ? $"the cumulative net cash flow ends below zero ({(schedule[^1].Cumulative < 0 ? "-" : "")}${Math.Abs(schedule[^1].Cumulative).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} per GPU at month {schedule[^1].Month}), so the project never pays back"
                : null,
            Moic = outflow > 0 ? inflow / outflow : null,
            Schedule = schedule,
        };
    }

    /// <summary>What a borrowing rate is, for the <see cref="RentalProjectResult.IrrNote"/>.</summary>
    /// <param name="annualRate">The borrowing rate, annual effective.</param>
    public static string BorrowingNote(double annualRate) =>
        $"the flows take money in before they pay it out (month 0's prepayment, with any loan, exceeds the capex) and NPV rises with the rate, " +
        $"so the only rate making NPV zero, {annualRate.ToString("0.00%", System.Globalization.CultureInfo.InvariantCulture)} a year, " +
        "is the cost of the money received (a borrowing rate), not a return; the decision is on NPV at the hurdle";

    /// <summary>
    /// Payback month of <paramref name="schedule"/>: the first month m &gt;= 1 such that the cumulative net cash flow
    /// is at least zero at m and at every later month; null when the cumulative at the last month is negative.
    /// A cumulative that turns positive and later falls below zero again (a balloon repayment, say) has not paid back.
    /// </summary>
    public static int? PaybackMonth(IReadOnlyList<CashFlowMonth> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Count < 2 || schedule[^1].Cumulative < 0) return null;
        var k = schedule.Count - 1;
        while (k > 1 && schedule[k - 1].Cumulative >= 0) k--;
        return schedule[k].Month;
    }

    /// <summary>NPV at an annual hurdle as A + P x B: the NPV at price 0 and the NPV gained per $1/GPU-hour.</summary>
    /// <exception cref="ArgumentException">When tax is on: the NPV is then not a line in the price.</exception>
    public static (double A, double B) NpvLine(RentalInputs inputs, double hurdle)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.AffineInPrice)
            throw new ArgumentException(inputs.Financing!.HasTax ? "with corporate tax the NPV is not affine in the price" : "with a sculpted or DSCR-sized loan the NPV is not affine in the price", nameof(inputs));
        var monthly = Rates.AnnualToMonthly(hurdle);
        var a = Rates.Npv(monthly, NetCashFlows(inputs with { PricePerGpuHour = 0 }));
        var b = Rates.Npv(monthly, NetCashFlows(inputs with { PricePerGpuHour = 1 })) - a;
        return (a, b);
    }
}
