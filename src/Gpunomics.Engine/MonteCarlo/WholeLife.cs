using Gpunomics.AssetLife;
using Gpunomics.Batch;
using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;
using Gpunomics.Inputs;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.MonteCarlo;

/// <summary>
/// A scenario's asset life as Monte Carlo and the tornado vary it (methodology: "Monte Carlo", "Asset life"): the
/// assumptions, with the re-lease price path computed once at no discount below its source, so that each drawn
/// scenario builds its whole-life flows from its drawn values without refitting the market or the trend.
/// </summary>
public sealed record WholeLife
{
    /// <summary>The longest life a run may draw, years (the declared range of <c>assetLife.usefulLifeYears</c>).</summary>
    public const int MaxYears = 30;

    /// <summary>The system.</summary>
    public required AcceleratorSystem System { get; init; }

    /// <summary>The scenario's asset life (on), with what prices its re-leases.</summary>
    public required AssetLifeAssumptions Assumptions { get; init; }

    /// <summary>
    /// Re-lease price by year of age, $ per GPU-hour, at no discount below the source (index 0: year 1): the path as given,
    /// else the forward curve's or the launch trend's for <see cref="MaxYears"/> years.
    /// </summary>
    public required IReadOnlyList<double> PricesByYear { get; init; }

    /// <summary>What the life is at the scenario's values, e.g. "over a 6-year life: 60-month contract, then re-leased ...".</summary>
    public required string Description { get; init; }

    /// <summary>What prices the re-leases: <c>forward-curve</c>, <c>launch-trend</c> or <c>price-path</c>.</summary>
    public string SourceName => Assumptions.SourceName;

    /// <summary>The life of <paramref name="system"/> under <paramref name="scenario"/>, whose asset life must be on.</summary>
    /// <exception cref="AssetLifeException">When the scenario's own life cannot be built (the reason, as the project command gives it).</exception>
    public static WholeLife For(AcceleratorSystem system, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(scenario);
        var a = scenario.AssetLife;
        if (!a.IsOn) throw new ArgumentException("the scenario has no asset life", nameof(scenario));
        // The scenario's own life first: it fails, if at all, with the reason the project command gives.
        var own = RentalInputs.For(system, scenario, 0, SupplierPricing.Scaled(1)).Life!;
        double[] prices;
        if (a.ReleasePrices is { } path) prices = [.. path];
        else if (!AssetLifePlan.TryPriceByYear(system, a with { ReleaseBelowCurve = 0, ReleaseBelowTrend = 0 }, MaxYears, out prices, out var problem))
            throw new AssetLifeException(problem!);
        return new WholeLife { System = system, Assumptions = a, PricesByYear = prices, Description = own.Description };
    }

    /// <summary>
    /// The project at <paramref name="v"/> (values in the setup's <see cref="MonteCarloSetup.Varied"/> order) over the
    /// whole life, as <see cref="RentalInputs.For"/> builds it for a scenario with those values.
    /// </summary>
    internal RentalInputs Inputs(MonteCarloSetup setup, MonteCarloSetup.CostIndex index, ReadOnlySpan<double> v, ProjectFinancing? financing)
    {
        var varied = setup.Varied;
        var at = new Dictionary<ModelInput, double>(MonteCarloSetup.LifeInputs.Count);
        for (var k = 0; k < varied.Count; k++)
            if (MonteCarloSetup.LifeInputs.Contains(varied[k])) at[varied[k]] = v[k];
        double V(ModelInput input, double fallback) => at.TryGetValue(input, out var x) ? x : fallback;

        var a = Assumptions;
        var discount = a.ReleasePrices is not null ? 0
            : a.Source == ReleasePriceSource.ForwardCurve ? V(ModelInputs.ReleaseBelowCurve, a.ReleaseBelowCurve) : V(ModelInputs.ReleaseBelowTrend, a.ReleaseBelowTrend);
        var life = a with
        {
            UsefulLifeYears = V(ModelInputs.AssetLifeYears, a.UsefulLifeYears!.Value),
            ReleasePrices = [.. PricesByYear.Select(p => (1 - discount) * p)],
            ReleaseUtilization = V(ModelInputs.ReleaseUtilization, a.ReleaseUtilization),
            RampMonths = (int)Math.Round(V(ModelInputs.RampMonths, a.RampMonths)),
            RampStartShare = V(ModelInputs.RampStartShare, a.RampStartShare),
            UncontractedShare = V(ModelInputs.UncontractedShare, a.UncontractedShare),
            SpotPricePerGpuHour = a.SpotPricePerGpuHour is { } spot ? V(ModelInputs.SpotPrice, spot) : null,
        };
        var capex = index.Capex(v);
        var terms = index.LifeTerms(v);
        var drawn = v.ToArray();
        double OpexAt(double utilization) => index.OperatingCostAt(drawn, capex, utilization);
        if (!AssetLifePlan.TryBuild(System, life, terms, capex, OpexAt, out var flows, out var problem))
            throw new AssetLifeException($"a scenario of the run has no whole life: {problem} (narrow the distributions of the life's or the contract's keys)");
        var m = V(ModelInputs.ResidualCurveMultiplier, 1.0);
        if (m != 1.0)
        {
            var share = m * flows!.SaleShare;
            if (share > 1)
                throw new AssetLifeException($"a scenario of the run sells the server for more than its capex: residualCurveMultiplier {m:0.###} x the curve's {flows.SaleShare:0.#%} at month {flows.LifeMonths} = {share:0.#%} " +
                    "(a resale value does not exceed the capex; narrow residualCurveMultiplier's distribution)");
            var sale = new double[flows.Sale.Count];
            sale[flows.LifeMonths] = share * capex;
            flows = flows with { Sale = sale, SaleShare = share };
        }
        var blended = (1 - life.UncontractedShare) * terms.BilledUtilization + life.UncontractedShare * life.ReleaseUtilization;
        return new RentalInputs(capex, OpexAt(blended), index.Price(v), terms, financing) { Life = flows };
    }
}

/// <summary>
/// Evaluates whole-life projects in blocks as explicit cash flows: each block's flows, period-major, through
/// <see cref="BatchIrr.SolveGeneral"/>; a stream that is not conventional (an outflow, then only inflows) is decided
/// by the scalar model's rule (<see cref="IrrSolver.SolveReturn(ReadOnlySpan{double}, double)"/>), as <see cref="RentalProject.Evaluate"/> decides it.
/// Memory is one block's flows, whatever the number of scenarios.
/// </summary>
internal sealed class WholeLifeEvaluator
{
    /// <summary>Scenarios per block.</summary>
    public const int BlockSize = 256;

    private readonly RentalInputs[] _inputs = new RentalInputs[BlockSize];
    private readonly double[][] _net = new double[BlockSize][];
    private readonly double[] _rate = new double[BlockSize];
    private readonly IrrStatus[] _status = new IrrStatus[BlockSize];
    private double[] _flows = [];

    /// <summary>
    /// Evaluates <paramref name="count"/> scenarios: scenario i's values at <paramref name="values"/>[i x stride ..], its
    /// debt and tax <paramref name="financing"/>(i); results into <paramref name="results"/> from <paramref name="offset"/>,
    /// <paramref name="hasFloor"/>[offset + i] false where no price gives the hurdle.
    /// </summary>
    public void Evaluate(MonteCarloSetup setup, MonteCarloSetup.CostIndex index, ReadOnlySpan<double> values, int stride, int count,
        Func<int, ProjectFinancing?> financing, RentalBatchResults results, bool[] hasFloor, int offset, BatchOptions options)
    {
        var life = setup.Life ?? throw new ArgumentException("the setup has no asset life", nameof(setup));
        for (var start = 0; start < count; start += BlockSize)
        {
            var n = Math.Min(BlockSize, count - start);
            var periods = 2;
            for (var i = 0; i < n; i++)
            {
                var v = values.Slice((start + i) * stride, stride);
                _inputs[i] = life.Inputs(setup, index, v, financing(start + i));
                _net[i] = RentalProject.NetCashFlows(_inputs[i]);
                periods = Math.Max(periods, _net[i].Length);
            }
            if (_flows.Length < periods * n) _flows = new double[periods * BlockSize];
            Array.Clear(_flows, 0, periods * n);
            for (var i = 0; i < n; i++)
            {
                var net = _net[i];
                for (var t = 0; t < net.Length; t++) _flows[t * n + i] = net[t];
            }
            BatchIrr.SolveGeneral(_flows, periods, n, _rate, _status, options with { MaxDegreeOfParallelism = 1 });
            for (var i = 0; i < n; i++)
            {
                var r = offset + start + i;
                var net = _net[i];
                var inputs = _inputs[i];
                var hurdle = index.Hurdle(values.Slice((start + i) * stride, stride));
                var monthlyHurdle = Rates.AnnualToMonthly(hurdle);
                var status = _status[i];
                var monthly = _rate[i];
                if (status != IrrStatus.Converged || !Conventional(net))
                {
                    var irr = IrrSolver.SolveReturn(net, monthlyHurdle);
                    status = BatchIrr.StatusOf(irr, net);
                    monthly = status == IrrStatus.Converged ? irr.RatePerPeriod!.Value : 0.0;
                }
                results.Status[r] = status;
                results.MonthlyIrr[r] = monthly;
                results.Irr[r] = status == IrrStatus.Converged ? Rates.MonthlyToAnnual(monthly) : 0.0;
                // The hurdle decision is on NPV at the hurdle, which every scenario has.
                results.Npv[r] = Rates.Npv(monthlyHurdle, net);
                hasFloor[r] = FloorPrice.TryCompute(inputs, hurdle, out var floor, out _);
                results.Floor[r] = floor;
                _inputs[i] = null!;
                _net[i] = null!;
            }
        }
    }

    // One outflow at month 0, then only inflows (zeros allowed): exactly one IRR, the one both solvers find.
    private static bool Conventional(double[] net)
    {
        if (!(net[0] < 0)) return false;
        var inflow = false;
        for (var t = 1; t < net.Length; t++)
        {
            if (net[t] < 0) return false;
            inflow |= net[t] > 0;
        }
        return inflow;
    }
}
