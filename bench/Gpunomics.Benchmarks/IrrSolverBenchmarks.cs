using BenchmarkDotNet.Attributes;
using Gpunomics.Finance;

namespace Gpunomics.Benchmarks;

/// <summary>
/// The scalar solver (<see cref="IrrSolver.Solve"/>, behind `project`, the web and every batch fallback) on 1,000 flows
/// of the peer workload (61 monthly flows: -60,000 then 60 rents of 1,200..2,000): flows that change sign once take
/// the single-root path, against the full grid scan as the baseline. Solves per second = 1,000 / mean time.
/// </summary>
[MemoryDiagnoser]
public class IrrSolverBenchmarks
{
    private double[][] _flows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flows = new double[1000][];
        for (var i = 0; i < _flows.Length; i++)
        {
            var f = new double[61];
            f[0] = -60_000;
            for (var t = 1; t <= 60; t++) f[t] = 1200.0 + 800.0 * ((i * 7919L) % 1000) / 1000.0;
            _flows[i] = f;
        }
    }

    [Benchmark(Baseline = true, Description = "IrrSolver, full grid scan x 1,000")]
    public double FullScan()
    {
        var s = 0.0;
        foreach (var f in _flows) s += IrrSolver.SolveByScan(f).RatePerPeriod ?? 0;
        return s;
    }

    [Benchmark(Description = "IrrSolver.Solve x 1,000 (one sign change: single-root path)")]
    public double Solve()
    {
        var s = 0.0;
        foreach (var f in _flows) s += IrrSolver.Solve(f).RatePerPeriod ?? 0;
        return s;
    }
}
