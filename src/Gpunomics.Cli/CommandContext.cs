using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Cli.Output;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli;

/// <summary>What every command needs: the loaded model and where to write.</summary>
internal sealed class CommandContext(TextWriter stdout)
{
    public TextWriter Out { get; } = stdout;

    /// <summary>Directory of the shipped data files (catalog, built-in scenarios).</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    public static string ShippedCatalogPath => Path.Combine(DataDirectory, "catalog.json");

    public static string ArticleScenarioPath => Path.Combine(DataDirectory, "scenarios", "article.json");

    public bool Json(ParseResult parse) => parse.GetValue(GlobalOptions.Json);

    public EconomicsModel Load(ParseResult parse)
    {
        var catalog = LoadCatalog(parse.GetValue(GlobalOptions.Catalog)?.FullName);
        var scenario = LoadScenario(catalog, parse.GetValue(GlobalOptions.Scenario)?.FullName);
        return new EconomicsModel(catalog, scenario);
    }

    public static HardwareCatalog LoadCatalog(string? path)
    {
        var file = path ?? ShippedCatalogPath;
        var result = CatalogReader.Read(ReadText(file, "catalog"), Show(file));
        return result.Ok ? result.Value! : throw new UserInputException(Format(result.Errors));
    }

    public static Scenario LoadScenario(HardwareCatalog catalog, string? path)
    {
        var article = ScenarioReader.Read(ReadText(ArticleScenarioPath, "built-in scenario"), Show(ArticleScenarioPath), null, catalog);
        if (!article.Ok) throw new UserInputException(Format(article.Errors));
        if (path is null) return article.Value!;
        var user = ScenarioReader.Read(ReadText(path, "scenario"), Show(path), article.Value, catalog);
        return user.Ok ? user.Value! : throw new UserInputException(Format(user.Errors));
    }

    internal static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read {what} file '{Show(path)}': {e.Message}");
        }
    }

    internal static string Show(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) ? rel : path;

    internal static string Format(IReadOnlyList<Gpunomics.Json.InputError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:\n  " + string.Join("\n  ", errors);

    public AcceleratorSystem System(EconomicsModel model, string id) =>
        model.Catalog.TryGet(id, out var s) ? s
            : throw new UserInputException($"unknown system '{id}'; known systems: {string.Join(", ", model.Catalog.Systems.Select(x => x.Id))}");

    public void WriteJson(object value) => Out.WriteLine(JsonOutput.Serialize(value));
}
