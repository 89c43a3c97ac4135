using System.Globalization;
using Gpunomics.Financing;
using Gpunomics.Fleet;

namespace Gpunomics.Contracts;

/// <summary>One period (a month or a calendar year) of a fleet's timeline, as the fleet table, --json and the web API give it.</summary>
/// <param name="Label">The month (YYYY-MM; month 0 "start of YYYY-MM") or the year.</param>
/// <param name="FirstMonth">First timeline month of the period (0: the capex at the fleet's start).</param>
/// <param name="LastMonth">Last timeline month of the period.</param>
/// <param name="ContractedRevenue">Contracted revenue over the period, $.</param>
/// <param name="SpotRevenue">Spot revenue over the period, $.</param>
/// <param name="Backlog">Contracted revenue still to bill at the period's end, $.</param>
/// <param name="OperatingCost">Operating cost over the period, $.</param>
/// <param name="DebtService">Interest and principal over the period, $.</param>
/// <param name="Net">Equity net cash flow over the period, $.</param>
/// <param name="Cash">Cumulative equity cash at the period's end, $.</param>
/// <param name="Dscr">The period's lowest DSCR; null with <paramref name="DscrNote"/>.</param>
/// <param name="DscrNote">Why there is no DSCR (no debt, no debt service in the period).</param>
/// <param name="Ltv">LTV at the period's end; null with <paramref name="LtvNote"/>.</param>
/// <param name="LtvNote">Why there is no LTV (no debt, no balance).</param>
/// <param name="Vintages">The revenue and backlog of each vintage over the period, in the fleet's order (they stack to the totals).</param>
public sealed record FleetPeriod(string Label, int FirstMonth, int LastMonth, double ContractedRevenue, double SpotRevenue, double Backlog,
    double OperatingCost, double DebtService, double Net, double Cash, double? Dscr, string? DscrNote, double? Ltv, string? LtvNote,
    IReadOnlyList<FleetPeriodVintage> Vintages);

/// <summary>One vintage's part of a <see cref="FleetPeriod"/>, $.</summary>
public sealed record FleetPeriodVintage(string Id, double ContractedRevenue, double SpotRevenue, double Backlog);

/// <summary>
/// A fleet's result as JSON (<c>gpunomics fleet --json</c> and the web API's <c>/api/fleet</c>): the summary (equity IRR
/// with its note, NPV, payback, minimum DSCR, first breach, outcome) at the top, then by vintage, by period (month or
/// year) and the monthly arrays.
/// </summary>
public static class FleetResultContract
{
    /// <summary>Granularity of <see cref="Periods"/>: each month.</summary>
    public const string Monthly = "monthly";

    /// <summary>Granularity of <see cref="Periods"/>: each calendar year.</summary>
    public const string Yearly = "yearly";

    private static string Date(DateOnly d) => FleetDates.Text(d);

    /// <summary>The fleet's defaults in words.</summary>
    public static string Defaults(DefaultAssumptions d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Mode switch
        {
            DefaultMode.None => "none",
            DefaultMode.Expected => string.Create(CultureInfo.InvariantCulture,
                $"expected: annual default probability {d.InvestmentGradeProbability:0.0#%} investment-grade, {d.NonInvestmentGradeProbability:0.0#%} non-investment-grade; recovery {d.Recovery:0%}; re-lease after {d.ReleaseDelayMonths} months"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"scenario: {string.Join(", ", d.Events.Select(e => $"{e.ContractId} from {Date(e.Date)}"))}; recovery {d.Recovery:0%}; re-lease after {d.ReleaseDelayMonths} months"),
        };
    }

    /// <summary>The timeline by month or by calendar year: flows summed, backlog, cash and LTV at the period's end, DSCR the period's lowest.</summary>
    public static IReadOnlyList<FleetPeriod> Periods(FleetResult r, bool monthly)
    {
        ArgumentNullException.ThrowIfNull(r);
        var T = r.Total;
        var debt = r.Fleet.Debt is not null;
        return [.. Enumerable.Range(0, r.LastMonth + 1)
            .GroupBy(m => !monthly ? r.MonthDate(m).Year.ToString(CultureInfo.InvariantCulture) : m == 0 ? $"start of {Date(r.MonthDate(0))}" : Date(r.MonthDate(m)))
            .Select(g =>
            {
                var ms = g.ToList();
                var last = ms[^1];
                var dscr = ms.Select(m => r.Dscr[m]).Where(d => d is not null).Select(d => d!.Value).ToList();
                return new FleetPeriod(g.Key, ms[0], last,
                    ms.Sum(m => T.ContractedRevenue[m]), ms.Sum(m => T.SpotRevenue[m]), T.Backlog[last], ms.Sum(m => T.OperatingCost[m]),
                    ms.Sum(m => T.Interest[m] + T.Principal[m]), ms.Sum(m => T.Net[m]), r.Cash[last],
                    dscr.Count > 0 ? dscr.Min() : null, !debt ? "none: no debt" : dscr.Count > 0 ? null : "none: no debt service",
                    r.Ltv[last], !debt ? "none: no debt" : r.Ltv[last] is null ? "none: no balance" : null,
                    [.. r.Vintages.Select(v => new FleetPeriodVintage(v.Deployment.Id, ms.Sum(m => v.Series.ContractedRevenue[m]), ms.Sum(m => v.Series.SpotRevenue[m]), v.Series.Backlog[last]))]);
            })];
    }

    /// <summary>The month and text of the lowest DSCR, or why there is none.</summary>
    public static string? MinDscrNote(FleetResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Fleet.Debt is null ? "none: no debt" : r.MinDscr is null ? "none: no month has scheduled debt service" : null;
    }

    /// <summary>The whole result: summary, by vintage, by period (<paramref name="monthly"/>: each month, else each year) and the monthly arrays.</summary>
    /// <param name="r">The fleet's result.</param>
    /// <param name="file">The fleet file as outputs name it.</param>
    /// <param name="monthly">Periods of a month (true) or a calendar year.</param>
    public static object From(FleetResult r, string file, bool monthly)
    {
        ArgumentNullException.ThrowIfNull(r);
        static object Series(FleetSeries s) => new
        {
            capex = s.Capex, prepayment = s.Prepayment, contractedRevenue = s.ContractedRevenue, prepaymentCredit = s.PrepaymentCredit, spotRevenue = s.SpotRevenue,
            revenue = s.Revenue, recovery = s.Recovery, operatingCost = s.OperatingCost, sale = s.Sale, cfads = s.Cfads, debtDraw = s.DebtDraw, interest = s.Interest,
            principal = s.Principal, debtService = s.DebtService, debtBalance = s.DebtBalance, backlog = s.Backlog, contractedGpus = s.ContractedGpus,
            spotGpus = s.SpotGpus, idleGpus = s.IdleGpus, assetValue = s.AssetValue, net = s.Net,
        };
        static object Returns(FleetReturns x) => new { irr = x.Irr, irrNote = x.IrrNote, npv = x.Npv, paybackMonth = x.PaybackMonth, paybackNote = x.PaybackNote, moic = x.Moic };
        var min = r.MinDscr;
        return new
        {
            file,
            name = r.Fleet.Name,
            start = Date(r.Fleet.Start),
            months = Enumerable.Range(0, r.LastMonth + 1).Select(m => Date(r.MonthDate(m))).ToArray(),
            hurdle = r.Hurdle,
            defaults = Defaults(r.Fleet.Defaults),
            equity = Returns(r.Returns),
            minDscr = min,
            minDscrMonth = min is { } d ? Array.FindIndex(r.Dscr, x => x == d) : (int?)null,
            minDscrNote = MinDscrNote(r),
            firstBreach = r.Covenants?.FirstBreach is { } b ? new { month = b.Month, date = Date(r.MonthDate(b.Month)), test = b.Test, text = b.Text } : null,
            covenants = r.Covenants?.Outcome ?? "none: no debt",
            firstCashShortfall = r.FirstCashShortfall is { } c ? new { month = c.Month, date = Date(c.Date), cash = c.Cash, text = c.Text } : null,
            survives = r.Survives,
            outcome = r.Outcome,
            spotPrices = r.SpotPrices.Values.Select(p => new { system = p.SystemId, basis = p.Basis, warning = p.Warning, pricePerGpuHour = p.PricePerGpuHour }).ToArray(),
            vintages = r.Vintages.Select(x => new
            {
                id = x.Deployment.Id, system = x.Deployment.SystemId, gpus = x.Deployment.Gpus, date = Date(x.Deployment.Date), lifeMonths = x.Deployment.LifeMonths,
                capexPerGpu = x.CapexPerGpu, capexBasis = x.CapexBasis, equity = Returns(x.Returns),
                contractedRevenue = x.Series.ContractedRevenue.Sum(), spotRevenue = x.Series.SpotRevenue.Sum(), recovery = x.Series.Recovery.Sum(),
                operatingCost = x.Series.OperatingCost.Sum(), sale = x.Series.Sale.Sum(), debtService = x.Series.Interest.Sum() + x.Series.Principal.Sum(),
                net = x.Series.Net.Sum(), monthly = Series(x.Series),
            }).ToArray(),
            contracts = r.Fleet.Contracts.Select(k => new
            {
                id = k.Id, renter = k.Renter, credit = k.Credit.Key(), deployment = k.DeploymentId,
                gpus = k.Gpus, start = Date(k.Start), last = Date(k.Start.AddMonths(k.TermMonths - 1)), termMonths = k.TermMonths, pricePerGpuHour = k.PricePerGpuHour,
            }).ToArray(),
            granularity = monthly ? Monthly : Yearly,
            periods = Periods(r, monthly),
            total = Series(r.Total),
            cash = r.Cash,
            dscr = r.Dscr,
            ltv = r.Ltv,
        };
    }
}
