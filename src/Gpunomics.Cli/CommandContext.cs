using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Storage;

namespace Gpunomics.Cli;

/// <summary>What every command needs: the loaded model and where to write.</summary>
internal sealed class CommandContext(TextWriter stdout, TextReader stdin)
{
    public TextWriter Out { get; } = stdout;

    /// <summary>Standard input, for commands that read a file or '-'.</summary>
    public TextReader In { get; } = stdin;

    public bool Json(ParseResult parse) => parse.GetValue(GlobalOptions.Json);

    public EconomicsModel Load(ParseResult parse)
    {
        var catalog = LoadCatalog(parse);
        return new EconomicsModel(catalog, DataFiles.LoadScenario(catalog, parse.GetValue(GlobalOptions.Scenario)?.FullName));
    }

    public static HardwareCatalog LoadCatalog(ParseResult parse) => DataFiles.LoadCatalog(parse.GetValue(GlobalOptions.Catalog)?.FullName);

    public AcceleratorSystem System(EconomicsModel model, string id) =>
        model.Catalog.TryGet(id, out var s) ? s
            : throw new UserInputException($"unknown system '{id}'; known systems: {string.Join(", ", model.Catalog.Systems.Select(x => x.Id))}");

    public void WriteJson(object value) => Out.WriteLine(Contracts.ContractJson.Serialize(value));
}
