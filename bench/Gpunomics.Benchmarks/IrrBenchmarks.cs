using BenchmarkDotNet.Attributes;
using Gpunomics.Batch;
using Gpunomics.Finance;

namespace Gpunomics.Benchmarks;

/// <summary>
/// IRR on the peer workload (61 monthly flows: -60,000 then 60 rents of 1,200..2,000). One operation is one
/// batch of <see cref="Scenarios"/> solves; solves per second = Scenarios / mean time.
/// </summary>
[MemoryDiagnoser]
public class IrrBenchmarks
{
    private LevelFlows _level = null!;
    private double[] _general = null!;
    private double[][] _flows = null!;
    private double[] _rate = null!;
    private IrrStatus[] _status = null!;

    [Params(1_000_000)]
    public int Scenarios { get; set; }

    private static double Rent(int i) => 1200.0 + 800.0 * ((i * 7919L) % 1000) / 1000.0;

    [GlobalSetup]
    public void Setup()
    {
        _level = new LevelFlows(Scenarios);
        _general = new double[61 * Scenarios];
        _flows = new double[1000][];
        for (var i = 0; i < Scenarios; i++)
        {
            _level.Initial[i] = -60_000;
            _level.Level[i] = Rent(i);
            _level.FirstLevelPeriod[i] = 1;
            _level.LevelPeriods[i] = 60;
            _general[i] = -60_000;
            for (var t = 1; t <= 60; t++) _general[t * Scenarios + i] = Rent(i);
        }
        for (var i = 0; i < _flows.Length; i++) _flows[i] = _level.Expand(i);
        _rate = new double[Scenarios];
        _status = new IrrStatus[Scenarios];
    }

    [Benchmark(Baseline = true, Description = "batch level, SIMD, 1 core")]
    public void BatchLevelOneCore() => BatchIrr.SolveLevel(_level, _rate, _status, 0, Scenarios, new BatchOptions(false, 1));

    [Benchmark(Description = "batch level, SIMD, all cores")]
    public void BatchLevelAllCores() => BatchIrr.SolveLevel(_level, _rate, _status, 0, Scenarios, BatchOptions.Default);

    [Benchmark(Description = "batch level, scalar, 1 core")]
    public void BatchLevelScalar() => BatchIrr.SolveLevel(_level, _rate, _status, 0, Scenarios, BatchOptions.ScalarSingleCore);

    [Benchmark(Description = "batch general (61 explicit flows), SIMD, 1 core")]
    public void BatchGeneralOneCore() => BatchIrr.SolveGeneral(_general, 61, Scenarios, _rate, _status, new BatchOptions(false, 1));

    /// <summary>The scalar bracketing solver on 1,000 flows (scale by Scenarios / 1,000 to compare).</summary>
    [Benchmark(Description = "IrrSolver.Solve x 1,000 (scalar, bracketing)")]
    public double ScalarSolver1000()
    {
        var s = 0.0;
        foreach (var f in _flows) s += IrrSolver.Solve(f).RatePerPeriod ?? 0;
        return s;
    }
}
