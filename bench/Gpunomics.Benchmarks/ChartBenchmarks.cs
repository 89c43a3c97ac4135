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

    [Benchmark(Description = "One Chart numbers + JSON (ChartContract: generated serializer, chart precision)")]
    public int Json() => JsonSerializer.SerializeToUtf8Bytes(Contract.Chart(_model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13)), CompactOptions).Length;

    private static readonly JsonSerializerOptions CompactOptions = new(ContractJson.Options) { WriteIndented = false };

    /// <summary>The chart's JSON as it was written before <see cref="ChartContract"/>: every number to full precision, by reflection over anonymous objects.</summary>
    [Benchmark(Description = "One Chart numbers + JSON, full precision by reflection (before)")]
    public int JsonFullPrecision()
    {
        var c = _model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13);
        var v = c.ValueSplit;
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            system = c.System.Id, hurdle = c.Hurdle, ceiling = c.Ceiling, ceilingFrom = "reference", ceilingSource = "the scenario's reference $/PFLOP-hour",
            precision = c.Basis.Key, pflops = c.Pflops, floorPrice = c.FloorPrice, floorAtComponentCost = c.FloorAtComponentCost,
            maxSystemPriceMultiplier = c.MaxSystemPriceMultiplier, maxSystemPriceNote = c.MaxSystemPriceNote,
            valueSplit = new
            {
                price = v.Price, renter = v.Renter, neocloud = v.Neocloud, supplier = v.Supplier, pool = v.Pool, status = v.Status, note = v.Note,
                renterShare = v.Shares?.Renter, neocloudShare = v.Shares?.Neocloud, supplierShare = v.Shares?.Supplier,
            },
            note = c.Note,
            marketPoints = c.MarketPoints.Select(m => new { label = m.Label, price = m.Price, irr = m.Irr }).ToList(),
            curves = c.Curves.Select(k => new { multiplier = k.Multiplier, floorPrice = k.FloorPrice, points = k.Points.Select(p => new { price = p.Price, irr = p.Irr, npv = p.Npv }).ToList() }).ToList(),
            file = (string?)null,
        }, FullPrecisionOptions).Length;
    }

    private static readonly JsonSerializerOptions FullPrecisionOptions = new(ContractJson.Options) { WriteIndented = false, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    [Benchmark(Description = "One Chart numbers + SVG")]
    public int Svg() => OneChartRenderer.SvgWithLayout(_model.Chart("gb300-nvl72", _curves, valueSplitPrice: 3.5, currentMultiplier: 1.13)).Svg.Length;
}
