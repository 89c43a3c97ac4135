using BenchmarkDotNet.Attributes;
using Gpunomics.Market;

namespace Gpunomics.Benchmarks;

/// <summary>
/// Market price paths for fleet risk: 10,000 paths x 121 months (month 0 to 120) x 5 systems, generated into one
/// buffer per worker and streamed through a small evaluator (each system's price at the end of each year into
/// histograms, 50 outputs) on all cores, and on one. Paths per second = Paths / the mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class MarketPathBenchmarks
{
    private MarketPathModel _model = null!;
    private string[] _outputs = null!;

    [Params(10_000)]
    public long Paths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        double[] start = [2.9, 4.5, 6.0, 4.5, 6.5];
        var forward = start.Select(p => (IReadOnlyList<double>)[.. Enumerable.Range(0, 121).Select(m => p * Math.Pow(0.687, m / 12.0))]).ToList();
        _model = new MarketPathModel(["h100", "h200", "b200", "gb200-nvl72", "gb300-nvl72"], forward, new PriceProcess(0.546, 0, 0.8));
        _outputs = [.. _model.Systems.SelectMany(s => Enumerable.Range(1, 10).Select(y => $"{s} year {y}"))];
    }

    [Benchmark(Description = "Generate only: 10,000 paths x 121 months x 5 systems, one thread")]
    public double Generate()
    {
        var p = new double[_model.PathLength];
        var sum = 0.0;
        for (var i = 0; i < Paths; i++)
        {
            _model.Fill(1, i, p);
            sum += p[^1];
        }
        return sum;
    }

    [Benchmark(Description = "Driver: 10,000 paths streamed into 50 histograms, all cores")]
    public PathOutputStatistics Driver() => Run(0);

    [Benchmark(Description = "Driver: 10,000 paths streamed into 50 histograms, one thread")]
    public PathOutputStatistics DriverOneThread() => Run(1);

    private PathOutputStatistics Run(int threads) => MarketPathSimulation.Run(_model, _outputs, Paths, 1, () => 0, (_, _, prices, o) =>
    {
        var k = 0;
        for (var s = 0; s < 5; s++)
            for (var y = 1; y <= 10; y++) o.Set(k++, prices[_model.Index(s, 12 * y)]);
    }, threads);
}
