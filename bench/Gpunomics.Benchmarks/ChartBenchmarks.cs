using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gpunomics.Charts;
using Gpunomics.Contracts;

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
