using System.Globalization;
using Gpunomics.Capex;
using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Market;
using Gpunomics.Rental;
using Gpunomics.Tco;

namespace Gpunomics.Fleet;

/// <summary>A system's spot price by timeline month, $ per GPU-hour (index t: the operation of month t; index 0 unused).</summary>
/// <param name="SystemId">System id.</param>
/// <param name="PricePerGpuHour">Price by timeline month.</param>
/// <param name="Basis">Where the prices come from, for readers.</param>
public sealed record SpotPricePath(string SystemId, IReadOnlyList<double> PricePerGpuHour, string Basis)
{
    /// <summary>What a reader should know before trusting the path (a fitted curve whose price rises with age, say); null when nothing.</summary>
    public string? Warning { get; init; }
}

/// <summary>
/// The fleet model (methodology: "Fleet"): every vintage's monthly flows from the capex and operating cost models, its
/// contracts' bills and prepayments, its uncontracted GPUs sold at the market's spot price, renter defaults, its loan
/// through the debt model; summed to the fleet, with the fleet's equity IRR, NPV, payback, DSCR, LTV and cash. Pure.
/// </summary>
public static class FleetModel
{
    /// <summary>
    /// Runs <paramref name="fleet"/> with spot prices from <paramref name="market"/>'s forward curves
    /// (<see cref="SpotPrices"/>).
    /// </summary>
    /// <exception cref="FleetException">When a system has no forward curve (the market's reason is given).</exception>
    public static FleetResult Run(FleetDefinition fleet, MarketModel market, EconomicsModel model)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(model);
        return Run(fleet, model, SpotPrices(fleet, market));
    }

    /// <summary>
    /// Each deployed system's spot price by timeline month from its forward curve of <see cref="SpotMarket.Pricing"/>:
    /// ln p = a + b x age, read on the 15th of each month (a from the system's own observations or the launch trend, or
    /// the fleet's anchor price; b the fitted decay or the fleet's annual change).
    /// </summary>
    /// <exception cref="FleetException">When a system has no forward curve.</exception>
    public static IReadOnlyDictionary<string, SpotPricePath> SpotPrices(FleetDefinition fleet, MarketModel market)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(market);
        var result = new Dictionary<string, SpotPricePath>(StringComparer.OrdinalIgnoreCase);
        var last = fleet.LastMonth;
        foreach (var id in fleet.Deployments.Select(d => d.SystemId).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var anchor = fleet.Spot.Anchors.TryGetValue(id, out var a) ? a : null;
            var options = new ForwardCurveOptions
            {
                From = (anchor?.Date ?? fleet.Start).AddDays(14),
                Months = 0,
                AnnualChange = fleet.Spot.AnnualChange,
                StartPrice = anchor?.PricePerGpuHour,
            };
            if (!market.TryForwardCurve(id, fleet.Spot.Pricing, options, out var curve, out var reason))
                throw new FleetException($"no spot price for {id} ({fleet.Spot.Pricing.Name()} forward curve): {reason} (in a fleet file: spot.annualChange for the decay, spot.anchors.{id} for the level, or spot.pricing \"on-demand\")");
            var p0 = curve!.Points[0];
            var prices = new double[last + 1];
            for (var t = 1; t <= last; t++)
            {
                var age = market.AgeYears(id, fleet.Start.AddMonths(t - 1).AddDays(14));
                prices[t] = p0.PricePerGpuHour * Math.Exp(curve.SlopePerYear * (age - p0.AgeYears));
            }
            prices[0] = prices.Length > 1 ? prices[1] : p0.PricePerGpuHour;
            var basis = $"{fleet.Spot.Pricing.Name()} forward curve: {Pct(curve.AnnualChange)} per year of age ({(curve.SlopeGiven ? "given" : "fitted")}), level from {curve.LevelBasis}";
            // A fitted price that rises with age is a market moving, not a GPU ageing: carried over a life it compounds.
            var warning = !curve.SlopeGiven && curve.AnnualChange > 0
                ? $"the fitted {fleet.Spot.Pricing.Name()} curve rises with age ({Pct(curve.AnnualChange)} a year), so {id}'s spot price grows over the fleet's life to {prices[^1].ToString("0.00", CultureInfo.InvariantCulture)} $/GPU-hour; give spot.annualChange to set the decay"
                : null;
            result[id] = new SpotPricePath(id, prices, basis) { Warning = warning };
        }
        return result;
    }

    /// <summary>Runs <paramref name="fleet"/> with the given spot prices (one path per deployed system, each covering the timeline).</summary>
    /// <param name="fleet">The fleet, as read and checked by <see cref="FleetReader"/>.</param>
    /// <param name="model">The catalog and scenario: capex, operating cost and the default hurdle.</param>
    /// <param name="spotPrices">Spot price paths by system id.</param>
    public static FleetResult Run(FleetDefinition fleet, EconomicsModel model, IReadOnlyDictionary<string, SpotPricePath> spotPrices)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spotPrices);
        var n = fleet.LastMonth + 1;
        var hurdle = fleet.HurdleRate ?? model.Scenario.HurdleRate;
        var vintages = fleet.Deployments.Select(d => Vintage(fleet, d, model, spotPrices, n, hurdle)).ToList();
        var total = FleetSeries.Sum([.. vintages.Select(v => v.Series)], n);

        var cash = new double[n];
        CashShortfall? shortfall = null;
        var running = 0.0;
        for (var t = 0; t < n; t++)
        {
            running += total.Cfads[t] - total.Interest[t] - total.Principal[t];
            cash[t] = running;
            if (shortfall is null && running < -1e-6 * Math.Max(1, -total.Capex.Sum()))
            {
                var date = fleet.Start.AddMonths(Math.Max(0, t - 1));
                shortfall = new CashShortfall(t, date, running,
                    $"cash below zero at month {t} ({FleetDates.Text(date)}): {Money(running)}, operating cash after debt service does not cover what is owed");
            }
        }

        double?[] dscr = new double?[n];
        double?[] ltv = new double?[n];
        CovenantReport? covenants = null;
        if (fleet.Debt is { } debt)
        {
            var rows = new List<DebtMonth>(n);
            for (var t = 0; t < n; t++)
            {
                var service = total.DebtService[t];
                dscr[t] = service > 1e-9 ? total.Cfads[t] / service : null;
                ltv[t] = total.DebtBalance[t] > 0 && total.AssetValue[t] > 0 ? total.DebtBalance[t] / total.AssetValue[t] : null;
                var balloon = total.Principal[t] + total.Interest[t] - service;
                rows.Add(new DebtMonth(t, total.Cfads[t], total.DebtDraw[t], total.Interest[t], total.Principal[t], balloon, total.DebtBalance[t], dscr[t]));
            }
            covenants = Covenants.Test(rows, total.AssetValue, debt.CovenantMinDscr, debt.CovenantMaxLtv);
        }

        var schedule = new List<CashFlowMonth>(n);
        var cumulative = 0.0;
        for (var t = 0; t < n; t++)
        {
            cumulative += total.Net[t];
            schedule.Add(new CashFlowMonth(t, total.Capex[t], total.Prepayment[t], total.ContractedRevenue[t] + total.SpotRevenue[t], total.PrepaymentCredit[t],
                total.OperatingCost[t], total.Sale[t] + total.Recovery[t], total.DebtDraw[t] - total.Interest[t] - total.Principal[t], -total.Interest[t], 0, total.Net[t], cumulative));
        }

        return new FleetResult
        {
            Fleet = fleet,
            Vintages = vintages,
            Total = total,
            Cash = cash,
            Returns = Returns(schedule, hurdle),
            Hurdle = hurdle,
            Schedule = schedule,
            Covenants = covenants,
            Dscr = dscr,
            Ltv = ltv,
            FirstCashShortfall = shortfall,
            SpotPrices = spotPrices,
        };
    }

    /// <summary>
    /// The monthly survival of a contract's renter after k billed months (k = 0..term): (1 - h)^k with the monthly hazard
    /// h = 1 - (1 - annual default probability)^(1/12) on the expected path; 1 before and 0 from a named default's month;
    /// 1 without defaults.
    /// </summary>
    public static double[] Survival(FleetDefinition fleet, FleetContract contract)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(contract);
        var s = new double[contract.TermMonths + 1];
        var d = fleet.Defaults;
        var hazard = d.Mode == DefaultMode.Expected ? 1 - Math.Pow(1 - d.Probability(contract.Credit), 1.0 / 12) : 0.0;
        var named = d.Mode == DefaultMode.Scenario ? d.Events.FirstOrDefault(e => string.Equals(e.ContractId, contract.Id, StringComparison.OrdinalIgnoreCase)) : null;
        // A named default at calendar month D stops the bill of D, the contract's k-th billed month with k = D - start + 1.
        var defaultK = named is null ? int.MaxValue : FleetDates.MonthsBetween(contract.Start, named.Date) + 1;
        for (var k = 0; k <= contract.TermMonths; k++)
            s[k] = k >= defaultK ? 0.0 : Math.Pow(1 - hazard, k);
        return s;
    }

    private static VintageResult Vintage(FleetDefinition fleet, Deployment v, EconomicsModel model, IReadOnlyDictionary<string, SpotPricePath> spot, int n, double hurdle)
    {
        var system = model.System(v.SystemId);
        var scenario = model.Scenario;
        var capexPerGpu = v.CapexPerGpu ?? CapexModel.Compute(system, SupplierPricing.Scaled(v.SystemPriceMultiplier), scenario.NetworkTier).PerGpu;
        double OpexPerGpuMonth(double utilization) => TcoModel.OperatingCostPerHour(system, capexPerGpu, scenario.Operations, utilization) * Rates.HoursPerMonth;

        var o = fleet.MonthOf(v.Date);
        var end = o + v.LifeMonths;
        var capex = new double[n];
        var prepayment = new double[n];
        var contracted = new double[n];
        var credit = new double[n];
        var spotRevenue = new double[n];
        var recovery = new double[n];
        var opex = new double[n];
        var sale = new double[n];
        var backlog = new double[n];
        var contractedGpus = new double[n];
        var spotGpus = new double[n];
        var idleGpus = new double[n];
        var assetValue = new double[n];
        var capexTotal = v.Gpus * capexPerGpu;
        capex[o] = -capexTotal;

        var defaults = fleet.Defaults;
        foreach (var c in fleet.Contracts.Where(c => string.Equals(c.DeploymentId, v.Id, StringComparison.OrdinalIgnoreCase)))
        {
            var s = fleet.MonthOf(c.Start);
            var alive = Survival(fleet, c);
            var bill = c.BillPerGpuMonth * c.Gpus;
            var opexPerGpu = OpexPerGpuMonth(c.Utilization);
            prepayment[s] += c.PrepayShare * c.TotalValue;
            var bills = new double[c.TermMonths + 1];
            for (var k = 1; k <= c.TermMonths; k++)
            {
                var t = s + k;
                bills[k] = bill * alive[k];
                contracted[t] += bills[k];
                credit[t] -= c.PrepayShare * bills[k];
                contractedGpus[t] += c.Gpus * alive[k];
                opex[t] -= c.Gpus * alive[k] * opexPerGpu;
                var defaulted = alive[k - 1] - alive[k];
                if (defaulted <= 0) continue;
                recovery[t] += defaults.Recovery * bill * (1 - c.PrepayShare) * (c.TermMonths - k + 1) * defaulted;
                for (var i = t; i < Math.Min(t + defaults.ReleaseDelayMonths, end + 1); i++) idleGpus[i] += c.Gpus * defaulted;
            }
            var remaining = 0.0;
            for (var k = c.TermMonths; k >= 0; k--)
            {
                backlog[s + k] += remaining;
                remaining += bills[k];
            }
        }

        var prices = spot.TryGetValue(v.SystemId, out var path) ? path.PricePerGpuHour
            : throw new ArgumentException($"no spot price path for {v.SystemId}", nameof(spot));
        if (prices.Count < end + 1) throw new ArgumentException($"the spot price path of {v.SystemId} ends before month {end}", nameof(spot));
        var spotOpex = OpexPerGpuMonth(fleet.Spot.Utilization);
        var idleOpex = OpexPerGpuMonth(0);
        for (var t = o + 1; t <= end; t++)
        {
            spotGpus[t] = Math.Max(0, v.Gpus - contractedGpus[t] - idleGpus[t]);
            spotRevenue[t] = spotGpus[t] * prices[t] * Rates.HoursPerMonth * fleet.Spot.Utilization;
            opex[t] -= spotGpus[t] * spotOpex + idleGpus[t] * idleOpex;
        }
        for (var t = o; t <= end; t++) assetValue[t] = capexTotal * fleet.Residual.ShareAt((t - o) / 12.0);
        sale[end] = capexTotal * fleet.Residual.ShareAt(v.LifeMonths / 12.0);

        var cfads = new double[n];
        for (var t = 0; t < n; t++) cfads[t] = prepayment[t] + contracted[t] + credit[t] + spotRevenue[t] + recovery[t] + opex[t] + sale[t];

        var draw = new double[n];
        var interest = new double[n];
        var principal = new double[n];
        var service = new double[n];
        var balance = new double[n];
        DebtSchedule? loan = null;
        if (fleet.Debt is { Share: > 0 } debt)
        {
            var project = new DebtProject(cfads[o..(end + 1)], [capexTotal],
                fleet.Contracts.Where(c => string.Equals(c.DeploymentId, v.Id, StringComparison.OrdinalIgnoreCase)).Sum(c => c.TotalValue),
                assetValue[o..(end + 1)]);
            loan = DebtModel.Build(project, new DebtSizing(DebtSizingMethod.Share, debt.Share), debt.AnnualRate, debt.TermMonths ?? v.LifeMonths,
                LoanStructure.Default with { Repayment = debt.Repayment });
            foreach (var m in loan.Months)
            {
                var t = o + m.Month;
                draw[t] = m.Draw;
                interest[t] = m.Interest;
                principal[t] = m.Principal;
                service[t] = m.DebtService;
                balance[t] = m.Balance;
            }
        }
        var net = new double[n];
        for (var t = 0; t < n; t++) net[t] = cfads[t] + capex[t] + draw[t] - interest[t] - principal[t];

        var series = new FleetSeries
        {
            Capex = capex, Prepayment = prepayment, ContractedRevenue = contracted, PrepaymentCredit = credit, SpotRevenue = spotRevenue,
            Recovery = recovery, OperatingCost = opex, Sale = sale, Cfads = cfads, DebtDraw = draw, Interest = interest, Principal = principal,
            DebtService = service, DebtBalance = balance, Backlog = backlog, ContractedGpus = contractedGpus, SpotGpus = spotGpus, IdleGpus = idleGpus,
            AssetValue = assetValue, Net = net,
        };
        // The vintage's own timeline starts at its deployment: the same IRR, NPV discounted to its own start.
        var own = new List<CashFlowMonth>(end - o + 1);
        var cumulative = 0.0;
        for (var t = o; t <= end; t++)
        {
            cumulative += net[t];
            own.Add(new CashFlowMonth(t - o, capex[t], prepayment[t], contracted[t] + spotRevenue[t], credit[t], opex[t], sale[t] + recovery[t], draw[t] - interest[t] - principal[t], -interest[t], 0, net[t], cumulative));
        }
        return new VintageResult
        {
            Deployment = v,
            CapexPerGpu = capexPerGpu,
            CapexBasis = v.CapexPerGpu is null ? "the capex model" : "the fleet file",
            Series = series,
            Loan = loan,
            Returns = Returns(own, hurdle),
        };
    }

    /// <summary>IRR, NPV at the annual <paramref name="hurdle"/>, payback and money multiple of a schedule's net flows, as the rental project reports them.</summary>
    public static FleetReturns Returns(IReadOnlyList<CashFlowMonth> schedule, double hurdle)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var flows = schedule.Select(m => m.Net).ToArray();
        var monthlyHurdle = Rates.AnnualToMonthly(hurdle);
        var irr = IrrSolver.SolveReturn(flows, monthlyHurdle);
        var inflow = flows.Where(f => f > 0).Sum();
        var outflow = -flows.Where(f => f < 0).Sum();
        var payback = RentalProject.PaybackMonth(schedule);
        return new FleetReturns
        {
            Irr = irr.RatePerPeriod is { } monthly ? Rates.MonthlyToAnnual(monthly) : null,
            IrrNote = irr.BorrowingRatePerPeriod is { } b ? RentalProject.BorrowingNote(Rates.MonthlyToAnnual(b)) : irr.Note,
            Npv = Rates.Npv(monthlyHurdle, flows),
            PaybackMonth = payback,
            PaybackNote = payback is null
                ? $"the cumulative net cash flow ends below zero ({Money(schedule[^1].Cumulative)} at month {schedule[^1].Month}), so it never pays back"
                : null,
            Moic = outflow > 0 ? inflow / outflow : null,
        };
    }

    private static string Money(double v) => (v < 0 ? "-" : "") + "$" + Math.Abs(v).ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double v) => v.ToString("0.0%", CultureInfo.InvariantCulture);
}
