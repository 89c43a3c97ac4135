using BenchmarkDotNet.Attributes;
using Gpunomics.InferenceX;

namespace Gpunomics.Benchmarks;

/// <summary>
/// Import of the InferenceX history (1,462 rows, 1.8 MB) and the frontiers over it. Target: well under a
/// second. Reads data/inferencex.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class InferenceXBenchmarks
{
    private string _history = "";
    private ImportResult _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gpunomics.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "data", "inferencex", "benchmarks-history.json");
        _history = File.ReadAllText(path);
        _rows = InferenceXReader.Read(_history, "benchmarks-history.json");
    }

    [Benchmark(Description = "import 1,462-row history")]
    public int Import() => InferenceXReader.Read(_history, "benchmarks-history.json").Rows.Count;

    [Benchmark(Description = "frontiers of every configuration")]
    public int Frontiers() => ServingAnalysis.Frontiers(_rows.Rows, new ServingFilter()).Count;
}
