using BenchmarkDotNet.Attributes;
using Gpunomics.Export;
using Gpunomics.Export.Writers;

namespace Gpunomics.Benchmarks;

/// <summary>
/// The export of the article scenario: laying out the sheets (engine values for every cell) and
/// writing the .xlsx workbook of formulas to memory. Target: under a second for the whole export.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ExportBenchmarks
{
    private EconomicsModel _model = null!;

    [Params("gb300-nvl72", "vr-nvl72")]
    public string SystemId { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _model = ArticleModel.Load();
    }

    [Benchmark(Description = "article export: layout + .xlsx")]
    public long ExportXlsx()
    {
        var book = ScenarioWorkbook.Build(_model, SystemId);
        using var stream = new MemoryStream();
        XlsxWriter.Write(book, stream);
        return stream.Length;
    }

    [Benchmark(Description = "article export: layout only")]
    public int Layout() => ScenarioWorkbook.Build(_model, SystemId).Sheets.Count;
}
