using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gpunomics.Charts;
using Gpunomics.Capex;
using Gpunomics.Contracts;
using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Rental;

namespace Gpunomics.Benchmarks;

/// <summary>
/// The server's work for one request of the dashboard's One Chart: the chart's numbers (four curves),
/// their JSON, and the SVG image. Baseline: the numbers alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ChartBenchmarks
{
    private EconomicsModel _model = null!;
    private double[] _curves = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = ArticleModel.Load();
        _curves = _model.Scenario.ChartMultipliers.Append(1.13).Distinct().Order().ToArray();
    }

    [Benchmark(Baseline = true, Description = "One Chart numbers")]
    public int Numbers() => _model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13).Curves.Count;

    [Benchmark(Description = "One Chart numbers + JSON")]
    public int Json() => JsonSerializer.SerializeToUtf8Bytes(Contract.Chart(_model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13)), ContractJson.Options).Length;

    [Benchmark(Description = "One Chart numbers + SVG")]
    public int Svg() => OneChartRenderer.SvgWithLayout(_model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13)).Svg.Length;
}

/// <summary>
/// The One Chart's numbers with the dashboard's debt and tax sliders on (60% debt at 9%, 21% tax): the batch engine
/// against the scalar model it replaced (each curve point's schedule and IRR scan, each floor's search), in one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class FinancedChartBenchmarks
{
    private EconomicsModel _model = null!;
    private double[] _curves = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = ArticleModel.Load(Workloads.SixtyPercentDebtAndTax);
        _curves = _model.Scenario.ChartMultipliers.Append(1.13).Distinct().Order().ToArray();
    }

    [Benchmark(Description = "One Chart numbers, debt and tax, batch engine")]
    public int Batch() => _model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13).Curves.Count;

    /// <summary>
    /// The same numbers as the chart computed them on the scalar model: the floors of the curves, today and at
    /// component cost by <see cref="FloorPrice"/>, the maximum system price by bisection on it, and each of the
    /// curves' 61 points by its schedule and <see cref="IrrSolver.SolveReturn(ReadOnlySpan{double}, double)"/>.
    /// </summary>
    [Benchmark(Baseline = true, Description = "One Chart numbers, debt and tax, scalar model")]
    public double Scalar()
    {
        var system = _model.System("gb300-nvl72");
        var scenario = _model.Scenario;
        var hurdle = scenario.HurdleRate;
        double Floor(SupplierPricing p) => FloorPrice.Compute(RentalInputs.For(system, scenario, 0, p), hurdle);
        var floors = _curves.Select(m => Floor(SupplierPricing.Scaled(m))).ToList();
        var sum = floors.Sum() + Floor(SupplierPricing.Scaled(1.13)) + Floor(SupplierPricing.ComponentCost);
        var ceiling = _model.Ceiling("gb300-nvl72");
        double lo = 0, hi = 1;
        while (Floor(SupplierPricing.Scaled(hi)) < ceiling) { lo = hi; hi *= 2; }
        while (hi - lo > 1e-10) { var mid = 0.5 * (lo + hi); if (Floor(SupplierPricing.Scaled(mid)) < ceiling) lo = mid; else hi = mid; }
        var low = 0.5 * Math.Min(floors.Min(), floors[0]);
        var high = 1.15 * Math.Max(ceiling, floors.Max());
        var monthly = Rates.AnnualToMonthly(hurdle);
        foreach (var m in _curves)
            for (var i = 0; i < 61; i++)
            {
                var flows = RentalProject.NetCashFlows(RentalInputs.For(system, scenario, low + (high - low) * i / 60, SupplierPricing.Scaled(m)));
                sum += (IrrSolver.SolveReturn(flows, monthly).RatePerPeriod ?? 0) + Rates.Npv(monthly, flows);
            }
        return sum + lo;
    }
}
