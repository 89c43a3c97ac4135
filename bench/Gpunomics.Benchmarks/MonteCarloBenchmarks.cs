using BenchmarkDotNet.Attributes;
using Gpunomics.MonteCarlo;
using Gpunomics.Scenarios;

namespace Gpunomics.Benchmarks;

/// <summary>
/// Full Monte Carlo scenarios (sampling, cash flows, IRR, NPV, floor, streaming statistics) on the GB300
/// NVL72 with six uncertain inputs.
/// </summary>
[MemoryDiagnoser]
public class MonteCarloBenchmarks
{
    private MonteCarloSetup _setup = null!;

    [Params(10_000_000)]
    public long Scenarios { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _setup = Workloads.MonteCarlo(ArticleModel.Load());
    }

    [Benchmark(Description = "Monte Carlo, 6 uncertain inputs, all cores")]
    public MonteCarloResult Run() => MonteCarloSimulation.Run(_setup, Scenarios, 1);
}

/// <summary>
/// The same Monte Carlo, 1,000,000 scenarios, with 60% debt at 9% and 21% corporate tax on the batch engine against the
/// unlevered pre-tax run, side by side in one run: the Ratio column is the cost of debt and tax (target under 2).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FinancedMonteCarloBenchmarks
{
    private MonteCarloSetup _plain = null!;
    private MonteCarloSetup _financed = null!;

    [Params(1_000_000)]
    public long Scenarios { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plain = Workloads.MonteCarlo(ArticleModel.Load());
        _financed = _plain with { Financing = Workloads.SixtyPercentDebtAndTax };
    }

    [Benchmark(Baseline = true, Description = "Monte Carlo, no debt or tax")]
    public MonteCarloResult Plain() => MonteCarloSimulation.Run(_plain, Scenarios, 1);

    [Benchmark(Description = "Monte Carlo, debt and tax, batch engine")]
    public MonteCarloResult Batch() => MonteCarloSimulation.Run(_financed, Scenarios, 1);
}

/// <summary>
/// The Monte Carlo with debt and tax on the batch engine against the scalar model (schedule, IRR solver and floor search
/// per scenario, <see cref="Batch.BatchOptions.ReferenceModel"/>), the reference the batch replaced: about half a minute
/// an operation for the scalar model, so apart from <see cref="FinancedMonteCarloBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class FinancedMonteCarloReferenceBenchmarks
{
    private MonteCarloSetup _financed = null!;

    [Params(1_000_000)]
    public long Scenarios { get; set; }

    [GlobalSetup]
    public void Setup() => _financed = Workloads.MonteCarlo(ArticleModel.Load()) with { Financing = Workloads.SixtyPercentDebtAndTax };

    [Benchmark(Description = "Monte Carlo, debt and tax, batch engine")]
    public MonteCarloResult Batch() => MonteCarloSimulation.Run(_financed, Scenarios, 1);

    [Benchmark(Baseline = true, Description = "Monte Carlo, debt and tax, scalar model")]
    public MonteCarloResult Scalar() => MonteCarloSimulation.Run(_financed, Scenarios, 1, options: new Batch.BatchOptions(ReferenceModel: true));
}

/// <summary>The benchmark's Monte Carlo setup (also what the README's montecarlo command draws).</summary>
public static class Workloads
{
    /// <summary>60% of the capex borrowed at 9% over the contract term, 21% corporate tax, 5-year depreciation.</summary>
    public static ProjectFinancing SixtyPercentDebtAndTax { get; } = new(0.6, 0.09, null, 0.21, ProjectFinancing.DefaultDepreciationYears);

    public static MonteCarloSetup MonteCarlo(EconomicsModel model) =>
        MonteCarloSetup.For(model, "gb300-nvl72", 3.5) with
        {
            Distributions = new Dictionary<string, Distribution>
            {
                ["price"] = Distribution.Parse("uniform(2.5,4)"),
                ["systemPriceMultiplier"] = Distribution.Parse("triangular(0.9,1,1.4)"),
                ["opexMultiplier"] = Distribution.Parse("normal(1,0.1)"),
                ["termMonths"] = Distribution.Parse("uniform(36,72)"),
                ["prepay"] = Distribution.Parse("uniform(0,0.3)"),
                ["hurdle"] = Distribution.Parse("normal(0.156,0.02)"),
            },
        };
}
