using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Benchmarks;

/// <summary>The shipped catalog and built-in article scenario, copied beside the benchmark assembly.</summary>
internal static class ArticleModel
{
    public static EconomicsModel Load(ProjectFinancing? financing = null)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        var catalog = CatalogReader.Read(File.ReadAllText(Path.Combine(data, "catalog.json")), "catalog.json").Value!;
        var scenario = ScenarioReader.Read(File.ReadAllText(Path.Combine(data, "scenarios", "article.json")), "article.json", null, catalog).Value!;
        return new EconomicsModel(catalog, financing is null ? scenario : scenario with { Financing = financing });
    }
}
