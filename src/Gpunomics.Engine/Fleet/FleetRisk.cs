using Gpunomics.Finance;
using Gpunomics.Market;
using Gpunomics.MonteCarlo;
using Gpunomics.Tco;

namespace Gpunomics.Fleet;

/// <summary>One market path's fleet figures (methodology: "Fleet risk"); a null figure has no meaning on the path.</summary>
/// <param name="Irr">Annual equity IRR; null when the path's net flows have no IRR that is a return.</param>
/// <param name="Npv">Equity NPV at the hurdle, $.</param>
/// <param name="MinDscr">Lowest fleet DSCR over the months with debt service; null when there is none (no debt).</param>
/// <param name="BreachMonth">Timeline month of the first DSCR or LTV covenant breach; null when never breached.</param>
/// <param name="SpotRevenue">Spot revenue over the timeline, $ (undiscounted).</param>
/// <param name="Defaults">Contracts whose renter defaulted on the path.</param>
public readonly record struct FleetPathFigures(double? Irr, double Npv, double? MinDscr, int? BreachMonth, double SpotRevenue, int Defaults);

/// <summary>One worker's scratch buffers for <see cref="FleetRiskModel.Path"/>, reused path after path.</summary>
public sealed class FleetRiskState
{
    internal FleetRiskState(int vintages, int months)
    {
        Cfads = new double[months];
        Net = new double[months];
        Contracted = new double[vintages * months];
        Idle = new double[vintages * months];
    }

    internal double[] Cfads { get; }
    internal double[] Net { get; }
    internal double[] Contracted { get; }
    internal double[] Idle { get; }
}

/// <summary>
/// The fleet precomputed for Monte Carlo over market paths and renter defaults (methodology: "Fleet risk"): everything
/// that does not depend on the path (each vintage's contracted bills, operating cost, sale, its loan, which a share of
/// capex sizes and a level or balloon schedule repays) is computed once from the deterministic model without defaults;
/// a path adds its spot revenue and its defaults, in O(vintages x months + defaults x months) and allocating nothing.
/// </summary>
public sealed class FleetRiskModel
{
    /// <summary>Domain of the renter defaults' random streams (see <see cref="Rng.ForDomain"/>).</summary>
    private const ulong DefaultDomain = 0x464C45455444464CUL; // "FLEETDFL"

    /// <summary>Output names of <see cref="Run"/>, in order.</summary>
    public static readonly IReadOnlyList<string> Outputs = ["equity IRR", "NPV", "minimum DSCR", "months to covenant breach", "spot revenue", "defaults"];

    private readonly int _n, _vintages;
    private readonly double[] _cfadsBase, _capexDrawDebt, _service, _contractedBase;
    private readonly int[] _start, _end, _system, _gpus;
    private readonly double[] _spotFactor, _spotOpex, _idleOpex;
    private readonly ContractRisk[] _contracts;
    private readonly int[] _namedK; // scenario mode: each contract's billed month of default, or int.MaxValue
    private readonly DefaultMode _mode;
    private readonly double _recovery;
    private readonly int _delay;
    private readonly double? _minDscr;
    private readonly int? _ltvBreach;
    private readonly double _monthlyHurdle;

    private readonly record struct ContractRisk(int Vintage, int Start, int Term, int Gpus, double CashBill, double OpexPerMonth, double LogSurvival);

    /// <summary>Precomputes <paramref name="fleet"/> with the systems' rows of <paramref name="market"/> (its months the fleet's timeline).</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="model">Catalog and scenario.</param>
    /// <param name="market">Path model whose systems include every deployed system and whose months are the timeline's (last month + 1).</param>
    public FleetRiskModel(FleetDefinition fleet, EconomicsModel model, MarketPathModel market)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        _n = fleet.LastMonth + 1;
        if (market.Months != _n) throw new ArgumentException($"the market paths must run the fleet's {_n} months, not {market.Months}", nameof(market));
        Market = market;
        Fleet = fleet;
        // Forward prices as the path model holds them, so a path without volatility is the deterministic run.
        var forward = new Dictionary<string, SpotPricePath>(StringComparer.OrdinalIgnoreCase);
        for (var s = 0; s < market.Systems.Count; s++)
        {
            var p = new double[_n];
            for (var t = 0; t < _n; t++) p[t] = market.Forward(s, t);
            forward[market.Systems[s]] = new SpotPricePath(market.Systems[s], p, "forward");
        }
        var none = fleet with { Defaults = fleet.Defaults with { Mode = DefaultMode.None } };
        var baseRun = FleetModel.Run(none, model, forward);
        Deterministic = baseRun;
        var total = baseRun.Total;
        _vintages = baseRun.Vintages.Count;
        _cfadsBase = new double[_n];
        _capexDrawDebt = new double[_n];
        _service = (double[])total.DebtService.Clone();
        _contractedBase = new double[_vintages * _n];
        _start = new int[_vintages];
        _end = new int[_vintages];
        _system = new int[_vintages];
        _gpus = new int[_vintages];
        _spotFactor = new double[_vintages];
        _spotOpex = new double[_vintages];
        _idleOpex = new double[_vintages];
        var vintageIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ops = model.Scenario.Operations;
        for (var v = 0; v < _vintages; v++)
        {
            var r = baseRun.Vintages[v];
            var d = r.Deployment;
            vintageIndex[d.Id] = v;
            var system = model.System(d.SystemId);
            _start[v] = fleet.MonthOf(d.Date);
            _end[v] = _start[v] + d.LifeMonths;
            _gpus[v] = d.Gpus;
            _system[v] = IndexOf(market.Systems, d.SystemId);
            _spotFactor[v] = Rates.HoursPerMonth * fleet.Spot.Utilization;
            _spotOpex[v] = TcoModel.OperatingCostPerHour(system, r.CapexPerGpu, ops, fleet.Spot.Utilization) * Rates.HoursPerMonth;
            _idleOpex[v] = TcoModel.OperatingCostPerHour(system, r.CapexPerGpu, ops, 0) * Rates.HoursPerMonth;
            var sr = r.Series;
            for (var t = 0; t < _n; t++)
            {
                // CFADS without the spot GPUs' revenue and operating cost (no idle GPUs without defaults).
                _cfadsBase[t] += sr.Prepayment[t] + sr.ContractedRevenue[t] + sr.PrepaymentCredit[t] + sr.Recovery[t]
                    + (sr.OperatingCost[t] + sr.SpotGpus[t] * _spotOpex[v]) + sr.Sale[t];
                _contractedBase[v * _n + t] = sr.ContractedGpus[t];
            }
        }
        for (var t = 0; t < _n; t++) _capexDrawDebt[t] = total.Capex[t] + total.DebtDraw[t] - total.Interest[t] - total.Principal[t];

        var defaults = fleet.Defaults;
        _mode = defaults.Mode;
        _recovery = defaults.Recovery;
        _delay = defaults.ReleaseDelayMonths;
        _contracts = new ContractRisk[fleet.Contracts.Count];
        _namedK = new int[fleet.Contracts.Count];
        for (var i = 0; i < _contracts.Length; i++)
        {
            var c = fleet.Contracts[i];
            var v = vintageIndex[c.DeploymentId];
            var system = model.System(baseRun.Vintages[v].Deployment.SystemId);
            var opex = TcoModel.OperatingCostPerHour(system, baseRun.Vintages[v].CapexPerGpu, ops, c.Utilization) * Rates.HoursPerMonth;
            var hazard = 1 - Math.Pow(1 - defaults.Probability(c.Credit), 1.0 / 12);
            _contracts[i] = new ContractRisk(v, fleet.MonthOf(c.Start), c.TermMonths, c.Gpus, c.BillPerGpuMonth * c.Gpus * (1 - c.PrepayShare), c.Gpus * opex,
                hazard > 0 ? Math.Log(1 - hazard) : 0);
            var named = _mode == DefaultMode.Scenario ? defaults.Events.FirstOrDefault(e => string.Equals(e.ContractId, c.Id, StringComparison.OrdinalIgnoreCase)) : null;
            _namedK[i] = named is null ? int.MaxValue : FleetDates.MonthsBetween(c.Start, named.Date) + 1;
        }

        _minDscr = fleet.Debt?.CovenantMinDscr;
        if (fleet.Debt?.CovenantMaxLtv is { } maxLtv)
            for (var t = 0; t < _n && _ltvBreach is null; t++)
            {
                var balance = total.DebtBalance[t];
                if (balance <= 0) continue;
                var value = total.AssetValue[t];
                if (value <= 0 || balance / value > maxLtv) _ltvBreach = t;
            }
        Hurdle = fleet.HurdleRate ?? model.Scenario.HurdleRate;
        _monthlyHurdle = Rates.AnnualToMonthly(Hurdle);
    }

    /// <summary>The fleet, with its defaults as given.</summary>
    public FleetDefinition Fleet { get; }

    /// <summary>The market paths' model.</summary>
    public MarketPathModel Market { get; }

    /// <summary>The deterministic run on the forward curves without defaults, from which the path-independent flows come.</summary>
    public FleetResult Deterministic { get; }

    /// <summary>Annual hurdle of the NPV.</summary>
    public double Hurdle { get; }

    /// <summary>Timeline month of the first LTV covenant breach (the same on every path: balances and resale values do not depend on it); null: none.</summary>
    public int? LtvBreachMonth => _ltvBreach;

    /// <summary>A worker's scratch buffers.</summary>
    public FleetRiskState CreateState() => new(_vintages, _n);

    /// <summary>
    /// The fleet's figures on path <paramref name="path"/> of the run seeded <paramref name="seed"/> with spot prices
    /// <paramref name="prices"/> (the path model's layout); defaults drawn from the stream of (seed, path), one draw per
    /// contract in the fleet's order. Allocates nothing.
    /// </summary>
    public FleetPathFigures Path(FleetRiskState state, ulong seed, long path, ReadOnlySpan<double> prices)
    {
        ArgumentNullException.ThrowIfNull(state);
        var n = _n;
        var cfads = state.Cfads;
        var contracted = state.Contracted;
        var idle = state.Idle;
        _cfadsBase.CopyTo(cfads, 0);
        _contractedBase.CopyTo(contracted, 0);
        Array.Clear(idle);
        var defaultsCount = 0;
        if (_mode != DefaultMode.None && _contracts.Length > 0)
        {
            var rng = new Rng(Rng.ForDomain(seed, DefaultDomain), (ulong)path);
            for (var i = 0; i < _contracts.Length; i++)
            {
                var c = _contracts[i];
                int k;
                if (_mode == DefaultMode.Scenario) k = _namedK[i];
                else
                {
                    // The first billed month not paid, each month defaulting with the monthly hazard: geometric, P(k > j) = (1 - h)^j.
                    var u = rng.NextOpen();
                    if (c.LogSurvival >= 0) continue;
                    var j = Math.Floor(Math.Log(u) / c.LogSurvival);
                    if (j >= c.Term) continue;
                    k = 1 + (int)j;
                }
                if (k > c.Term) continue;
                defaultsCount++;
                var t0 = c.Start + k;
                var row = c.Vintage * n;
                for (var t = t0; t <= c.Start + c.Term; t++)
                {
                    cfads[t] -= c.CashBill - c.OpexPerMonth;
                    contracted[row + t] -= c.Gpus;
                }
                cfads[t0] += _recovery * c.CashBill * (c.Term - k + 1);
                var stop = Math.Min(t0 + _delay, _end[c.Vintage] + 1);
                for (var t = t0; t < stop; t++) idle[row + t] += c.Gpus;
            }
        }

        var spotRevenue = 0.0;
        for (var v = 0; v < _vintages; v++)
        {
            var row = v * n;
            var price = prices.Slice(Market.Index(_system[v], 0), n);
            for (var t = _start[v] + 1; t <= _end[v]; t++)
            {
                var spotGpus = Math.Max(0, _gpus[v] - contracted[row + t] - idle[row + t]);
                var revenue = spotGpus * price[t] * _spotFactor[v];
                spotRevenue += revenue;
                cfads[t] += revenue - (spotGpus * _spotOpex[v] + idle[row + t] * _idleOpex[v]);
            }
        }

        var net = state.Net;
        double? minDscr = null;
        int? breach = null;
        for (var t = 0; t < n; t++)
        {
            net[t] = cfads[t] + _capexDrawDebt[t];
            if (_service[t] > 1e-9)
            {
                var dscr = cfads[t] / _service[t];
                if (minDscr is null || dscr < minDscr) minDscr = dscr;
                if (breach is null && _minDscr is { } m && dscr < m) breach = t;
            }
        }
        if (_ltvBreach is { } l && (breach is null || l < breach)) breach = l;
        var irr = IrrSolver.SolveReturn(net, _monthlyHurdle);
        return new FleetPathFigures(irr.RatePerPeriod is { } r ? Rates.MonthlyToAnnual(r) : null, Rates.Npv(_monthlyHurdle, net), minDscr, breach, spotRevenue, defaultsCount);
    }

    /// <summary>
    /// Runs <paramref name="paths"/> paths seeded <paramref name="seed"/> into the statistics of <see cref="Outputs"/>:
    /// the same result on any number of threads; memory flat in the number of paths.
    /// </summary>
    public PathOutputStatistics Run(long paths, ulong seed, int maxParallelism = 0, CancellationToken cancellationToken = default) =>
        MarketPathSimulation.Run(Market, Outputs, paths, seed, CreateState, (state, path, prices, outputs) =>
        {
            var f = Path(state, seed, path, prices);
            if (f.Irr is { } irr && double.IsFinite(irr)) outputs.Set(0, irr);
            outputs.Set(1, f.Npv);
            if (f.MinDscr is { } d) outputs.Set(2, d);
            if (f.BreachMonth is { } b) outputs.Set(3, b);
            outputs.Set(4, f.SpotRevenue);
            outputs.Set(5, f.Defaults);
        }, maxParallelism, cancellationToken);

    /// <summary>
    /// The fleet's market paths: each deployed system's forward curve as the deterministic model prices it
    /// (<see cref="FleetModel.SpotPrices"/>), with the process fitted to the market's observations or the given settings
    /// (<see cref="MarketPathSetup"/>); false with the reason when a process cannot be had.
    /// </summary>
    public static bool TryCreate(FleetDefinition fleet, MarketModel market, EconomicsModel model, PriceProcessOptions process,
        out FleetRiskModel? risk, out MarketPathSetup? setup, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(process);
        risk = null;
        var spot = FleetModel.SpotPrices(fleet, market);
        var systems = spot.Keys.ToList();
        // The process is the kind of price's, whatever a system's level: a level is given so that a system priced only by
        // an anchor still draws; the setup's curves are not used (the fleet's own forward prices are).
        var options = new ForwardCurveOptions { From = fleet.Start.AddDays(14), Months = 0, AnnualChange = fleet.Spot.AnnualChange, StartPrice = 1 };
        if (!MarketPathSetup.TryCreate(market, systems, fleet.Spot.Pricing, options, process, out setup, out reason)) return false;
        var forward = systems.Select(id => spot[id].PricePerGpuHour).ToList();
        risk = new FleetRiskModel(fleet, model, new MarketPathModel(systems, forward, setup!.Model.Process));
        return true;
    }

    private static int IndexOf(IReadOnlyList<string> systems, string id)
    {
        for (var s = 0; s < systems.Count; s++)
            if (string.Equals(systems[s], id, StringComparison.OrdinalIgnoreCase)) return s;
        throw new ArgumentException($"the market paths have no row for {id}", nameof(systems));
    }
}
