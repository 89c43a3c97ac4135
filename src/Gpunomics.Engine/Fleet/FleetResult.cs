using Gpunomics.Financing;
using Gpunomics.Rental;

namespace Gpunomics.Fleet;

/// <summary>
/// Monthly series of a vintage or of the whole fleet, $ (GPUs for the counts), indexed by the timeline's month: month 0
/// is the start of the fleet's first month; month t &gt;= 1 is the operation of the t-th calendar month from it
/// (<see cref="FleetResult.MonthDate"/>). Outflows are negative, as in the rental project's schedule.
/// </summary>
public sealed record FleetSeries
{
    /// <summary>Capex paid (negative), at the start of the vintage's month.</summary>
    public required double[] Capex { get; init; }
    /// <summary>Prepayments received at the start of each contract.</summary>
    public required double[] Prepayment { get; init; }
    /// <summary>Contracted revenue earned: the bills of the contracts still paying (cash and prepaid parts).</summary>
    public required double[] ContractedRevenue { get; init; }
    /// <summary>The prepaid part of the bills (negative): earned, not received in cash that month.</summary>
    public required double[] PrepaymentCredit { get; init; }
    /// <summary>Spot revenue: uncontracted GPUs x the spot price x 730 x the spot utilization.</summary>
    public required double[] SpotRevenue { get; init; }
    /// <summary>Recoveries from defaulted renters, in the month of default.</summary>
    public required double[] Recovery { get; init; }
    /// <summary>Operating cost (negative): contracted, spot and idle GPUs, each at its own utilization.</summary>
    public required double[] OperatingCost { get; init; }
    /// <summary>Sale of the GPUs at the end of their life at the residual curve's share of capex.</summary>
    public required double[] Sale { get; init; }
    /// <summary>Cash flow available for debt service: every flow above but the capex.</summary>
    public required double[] Cfads { get; init; }
    /// <summary>Loan drawn.</summary>
    public required double[] DebtDraw { get; init; }
    /// <summary>Interest paid (positive).</summary>
    public required double[] Interest { get; init; }
    /// <summary>Principal repaid (positive), the balloon included.</summary>
    public required double[] Principal { get; init; }
    /// <summary>Scheduled debt service (positive): interest plus principal, without a balloon.</summary>
    public required double[] DebtService { get; init; }
    /// <summary>Loan balance at the month's end.</summary>
    public required double[] DebtBalance { get; init; }
    /// <summary>Backlog at the month's end: contracted revenue not yet earned (expected, with expected defaults).</summary>
    public required double[] Backlog { get; init; }
    /// <summary>GPUs on contract (expected, with expected defaults).</summary>
    public required double[] ContractedGpus { get; init; }
    /// <summary>GPUs sold at spot.</summary>
    public required double[] SpotGpus { get; init; }
    /// <summary>GPUs idle after a default, waiting to be sold again.</summary>
    public required double[] IdleGpus { get; init; }
    /// <summary>The GPUs' resale value at the month's end (residual curve share of capex by age), the LTV covenant's asset value.</summary>
    public required double[] AssetValue { get; init; }
    /// <summary>The equity's net flow: CFADS + capex + draw - interest - principal.</summary>
    public required double[] Net { get; init; }

    /// <summary>Revenue: contracted + spot.</summary>
    public double[] Revenue => [.. ContractedRevenue.Zip(SpotRevenue, (c, s) => c + s)];

    /// <summary>Months on the timeline, including month 0.</summary>
    public int Length => Net.Length;

    /// <summary>Element-wise sum of <paramref name="parts"/> (all of the same length).</summary>
    public static FleetSeries Sum(IReadOnlyList<FleetSeries> parts, int length)
    {
        ArgumentNullException.ThrowIfNull(parts);
        double[] S(Func<FleetSeries, double[]> f)
        {
            var r = new double[length];
            foreach (var p in parts)
            {
                var a = f(p);
                for (var i = 0; i < length; i++) r[i] += a[i];
            }
            return r;
        }
        return new FleetSeries
        {
            Capex = S(p => p.Capex), Prepayment = S(p => p.Prepayment), ContractedRevenue = S(p => p.ContractedRevenue),
            PrepaymentCredit = S(p => p.PrepaymentCredit), SpotRevenue = S(p => p.SpotRevenue), Recovery = S(p => p.Recovery),
            OperatingCost = S(p => p.OperatingCost), Sale = S(p => p.Sale), Cfads = S(p => p.Cfads), DebtDraw = S(p => p.DebtDraw),
            Interest = S(p => p.Interest), Principal = S(p => p.Principal), DebtService = S(p => p.DebtService), DebtBalance = S(p => p.DebtBalance),
            Backlog = S(p => p.Backlog), ContractedGpus = S(p => p.ContractedGpus), SpotGpus = S(p => p.SpotGpus), IdleGpus = S(p => p.IdleGpus),
            AssetValue = S(p => p.AssetValue), Net = S(p => p.Net),
        };
    }
}

/// <summary>Returns of a stream of net flows: IRR (or why none), NPV at the hurdle, payback and money multiple.</summary>
public sealed record FleetReturns
{
    /// <summary>Annual effective IRR of the net flows when it is a return; null with <see cref="IrrNote"/> saying why.</summary>
    public required double? Irr { get; init; }
    /// <summary>Why there is no IRR, or how it was chosen among several; null otherwise.</summary>
    public required string? IrrNote { get; init; }
    /// <summary>NPV at the hurdle, $.</summary>
    public required double Npv { get; init; }
    /// <summary>First month from which the cumulative net flow stays at or above zero; null when it ends below zero (<see cref="PaybackNote"/>).</summary>
    public required int? PaybackMonth { get; init; }
    /// <summary>Why there is no payback; null with one.</summary>
    public required string? PaybackNote { get; init; }
    /// <summary>Cash in / cash out; null without an outflow.</summary>
    public required double? Moic { get; init; }
}

/// <summary>One vintage's results.</summary>
public sealed record VintageResult
{
    /// <summary>The deployment.</summary>
    public required Deployment Deployment { get; init; }
    /// <summary>Capex per GPU, $.</summary>
    public required double CapexPerGpu { get; init; }
    /// <summary>Where the capex comes from ("the capex model" or "the fleet file").</summary>
    public required string CapexBasis { get; init; }
    /// <summary>The vintage's monthly series on the fleet's timeline.</summary>
    public required FleetSeries Series { get; init; }
    /// <summary>The vintage's loan on its own timeline (month 0 = its deployment), or null without debt.</summary>
    public required DebtSchedule? Loan { get; init; }
    /// <summary>The vintage's equity returns (its own net flows; its first month shifted to its deployment month, which leaves IRR unchanged).</summary>
    public required FleetReturns Returns { get; init; }
}

/// <summary>The first month the fleet's cash (operating cash after debt service, accumulated) falls below zero.</summary>
/// <param name="Month">Timeline month.</param>
/// <param name="Date">Its calendar month.</param>
/// <param name="Cash">The cash then, $ (negative).</param>
/// <param name="Text">What happened, as a reader sees it.</param>
public sealed record CashShortfall(int Month, DateOnly Date, double Cash, string Text);

/// <summary>A fleet's results (<see cref="FleetModel.Run(FleetDefinition, EconomicsModel, IReadOnlyDictionary{string, SpotPricePath})"/>).</summary>
public sealed record FleetResult
{
    /// <summary>The fleet run.</summary>
    public required FleetDefinition Fleet { get; init; }
    /// <summary>Each vintage, in the file's order.</summary>
    public required IReadOnlyList<VintageResult> Vintages { get; init; }
    /// <summary>The fleet's monthly series (the vintages summed).</summary>
    public required FleetSeries Total { get; init; }
    /// <summary>The fleet's cash at each month's end: operating cash after debt service, accumulated (the equity funds the capex the loans do not).</summary>
    public required double[] Cash { get; init; }
    /// <summary>The fleet's equity returns.</summary>
    public required FleetReturns Returns { get; init; }
    /// <summary>Annual effective hurdle of the NPVs.</summary>
    public required double Hurdle { get; init; }
    /// <summary>The fleet's monthly schedule in the rental project's shape (Residual holds the sale and the recoveries, Billed contracted and spot revenue).</summary>
    public required IReadOnlyList<CashFlowMonth> Schedule { get; init; }
    /// <summary>Fleet covenant tests (fleet DSCR and LTV), or null without debt.</summary>
    public required CovenantReport? Covenants { get; init; }
    /// <summary>The fleet's DSCR by month (null where there is no scheduled debt service).</summary>
    public required double?[] Dscr { get; init; }
    /// <summary>The fleet's LTV by month: total balance / resale value (null with no balance or no asset value).</summary>
    public required double?[] Ltv { get; init; }
    /// <summary>The first month of negative cash, or null.</summary>
    public required CashShortfall? FirstCashShortfall { get; init; }
    /// <summary>Spot price by system and timeline month, $ per GPU-hour, with where it comes from.</summary>
    public required IReadOnlyDictionary<string, SpotPricePath> SpotPrices { get; init; }

    /// <summary>Lowest fleet DSCR, or null when no month has scheduled debt service.</summary>
    public double? MinDscr => Dscr.Any(d => d is not null) ? Dscr.Where(d => d is not null).Min() : null;

    /// <summary>Last timeline month.</summary>
    public int LastMonth => Total.Length - 1;

    /// <summary>The calendar month of timeline month <paramref name="month"/>: month 0 and 1 are the fleet's first month (0 its start, 1 its operation).</summary>
    public DateOnly MonthDate(int month) => Fleet.Start.AddMonths(Math.Max(0, month - 1));

    /// <summary>True when no covenant is breached and the cash never falls below zero.</summary>
    public bool Survives => Covenants?.FirstBreach is null && FirstCashShortfall is null;

    /// <summary>The outcome as a reader sees it: the first covenant breach and the first cash shortfall, or that there is neither.</summary>
    public string Outcome
    {
        get
        {
            var parts = new List<string>();
            if (Covenants?.FirstBreach is { } b) parts.Add($"covenant breach at {b.Text} ({FleetDates.Text(MonthDate(b.Month))})");
            if (FirstCashShortfall is { } c) parts.Add(c.Text);
            if (parts.Count > 0) return "does not survive: " + string.Join("; ", parts);
            return Covenants is null ? "survives: cash never below zero (no debt)" : Covenants.HasCovenant ? "survives: no covenant breach, cash never below zero" : "survives: cash never below zero (no covenant set)";
        }
    }
}
