using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Gpunomics.Contracts;
using Gpunomics.OneChart;

namespace Gpunomics.Benchmarks;

/// <summary>
/// The One Chart's JSON alone, as the web writes it (compact), for one chart of four curves already computed:
/// <see cref="ChartContract"/> (generated serializer, curve points to the chart's precision) against the anonymous
/// objects written by reflection at full precision that it replaced (the baseline). Min is the figure to read on a
/// busy machine.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 40)]
public class ChartJsonBenchmarks
{
    private static readonly JsonSerializerOptions Compact = new(ContractJson.Options) { WriteIndented = false };
    private static readonly JsonSerializerOptions CompactByReflection = new(Compact) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private OneChartModel _chart = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = ArticleModel.Load();
        _chart = model.Chart("gb300-nvl72", model.Scenario.ChartMultipliers.Append(1.13).Distinct().Order().ToArray(), valueSplitPrice: 3.5, currentMultiplier: 1.13);
    }

    [Benchmark(Baseline = true, Description = "full precision, by reflection (before)")]
    public int FullPrecisionByReflection()
    {
        var c = _chart;
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
        }, CompactByReflection).Length;
    }

    [Benchmark(Description = "ChartContract: generated serializer, points to chart precision")]
    public int Contract() => JsonSerializer.SerializeToUtf8Bytes(ChartContract.From(_chart), Compact).Length;
}
