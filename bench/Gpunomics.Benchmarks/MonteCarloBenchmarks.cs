using BenchmarkDotNet.Attributes;
using Gpunomics.MonteCarlo;

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

/// <summary>The benchmark's Monte Carlo setup (also what the README's montecarlo command draws).</summary>
public static class Workloads
{
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
