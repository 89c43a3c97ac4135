using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests;

/// <summary>The shipped catalog and built-in scenario, read from the repository's data folder.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string DataDir => Path.Combine(RepoRoot, "data");

    private static readonly Lazy<HardwareCatalog> LazyCatalog = new(() =>
    {
        var r = CatalogReader.Read(File.ReadAllText(Path.Combine(DataDir, "catalog.json")), "catalog.json");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    });

    private static readonly Lazy<Scenario> LazyArticle = new(() =>
    {
        var r = ScenarioReader.Read(File.ReadAllText(Path.Combine(DataDir, "scenarios", "article.json")), "article.json", null, Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    });

    public static HardwareCatalog Catalog => LazyCatalog.Value;

    /// <summary>A shipped calibration spec (data/calibration/NAME.json).</summary>
    public static Gpunomics.Calibration.CalibrationSpec Spec(string name)
    {
        var r = Gpunomics.Calibration.CalibrationSpecReader.Read(File.ReadAllText(Path.Combine(DataDir, "calibration", name + ".json")), name + ".json", Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    /// <summary>A shipped scenario (data/scenarios/NAME.json), read as a full file.</summary>
    public static Scenario Scenario(string name)
    {
        var r = ScenarioReader.Read(File.ReadAllText(Path.Combine(DataDir, "scenarios", name + ".json")), name + ".json", null, Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    public static Scenario Article => LazyArticle.Value;

    public static EconomicsModel Model => new(Catalog, Article);

    /// <summary><paramref name="json"/>'s keys over <paramref name="baseScenario"/>.</summary>
    public static Scenario Over(Scenario baseScenario, string json)
    {
        var r = ScenarioReader.Read(json, "test.json", baseScenario, Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gpunomics.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Gpunomics.slnx) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The real InferenceX benchmark files the repository carries (data/inferencex).</summary>
internal static class InferenceXFiles
{
    public static string Dir => Path.Combine(TestData.RepoRoot, "data", "inferencex");
    public static string Latest => Path.Combine(Dir, "benchmarks.json");
    public static string History => Path.Combine(Dir, "benchmarks-history.json");
    public static string RawDir => Path.Combine(Dir, "raw-glm5");
}
