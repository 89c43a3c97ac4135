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
        var model = new EconomicsModel(catalog, DataFiles.LoadScenario(catalog, parse.GetValue(GlobalOptions.Scenario)?.FullName));
        return model.Scenario.AssetLife.IsOn ? WithLife(model, model.Scenario.AssetLife) : model;
    }

    /// <summary>
    /// The model with <paramref name="life"/> as its asset life; without a price path, the shipped market's forward curve
    /// or the shipped launch trend (at the scenario's precision) prices the re-leases, as the life's source says.
    /// </summary>
    public static EconomicsModel WithLife(EconomicsModel model, AssetLife.AssetLifeAssumptions life) =>
        new(model.Catalog, WithLife(model.Catalog, model.Scenario with { AssetLife = life }));

    /// <summary><paramref name="scenario"/> with the shipped launch trend and market attached to its asset life when that is on and has no price path.</summary>
    public static Scenarios.Scenario WithLife(HardwareCatalog catalog, Scenarios.Scenario scenario)
    {
        var life = scenario.AssetLife;
        if (!life.IsOn || life.ReleasePrices is not null || (life.Trend is not null && life.Curve is not null)) return scenario;
        return scenario with { AssetLife = Attach(life, catalog, scenario.Ceiling.Basis, DataFiles.LoadLaunchPrices(catalog, null), null) };
    }

    /// <summary>
    /// <paramref name="life"/> with the launch trend of <paramref name="launchPrices"/> and the market of the observation file
    /// (<paramref name="observationsPath"/>, null: the shipped one) attached, for whichever source prices its re-leases.
    /// </summary>
    public static AssetLife.AssetLifeAssumptions Attach(AssetLife.AssetLifeAssumptions life, HardwareCatalog catalog, Catalog.ThroughputBasis basis,
        IReadOnlyList<Pricing.LaunchPrice> launchPrices, string? observationsPath)
    {
        var (market, fit) = Market(catalog, basis, launchPrices, observationsPath);
        return life with
        {
            Trend = life.Trend ?? (fit is null ? null : new AssetLife.ReleaseTrend(fit, launchPrices)),
            Curve = life.Curve ?? new AssetLife.ReleaseForwardCurve(market),
        };
    }

    /// <summary>
    /// The market of the catalog: the observations of <paramref name="observationsPath"/> (null: the shipped file), with the
    /// launch trend of <paramref name="launchPrices"/> at <paramref name="basis"/> for systems without observations.
    /// </summary>
    public static (Market.MarketModel Market, Pricing.LaunchTrendFit? Trend) Market(HardwareCatalog catalog, Catalog.ThroughputBasis basis,
        IReadOnlyList<Pricing.LaunchPrice> launchPrices, string? observationsPath)
    {
        Pricing.LaunchTrend.TryFit(launchPrices, catalog, basis, out var fit, out _);
        return (Gpunomics.Market.MarketModel.Create(DataFiles.LoadMarketObservations(catalog, launchPrices, observationsPath), catalog, launchPrices, fit), fit);
    }

    /// <summary>A command's JSON with the asset life it assumes, when there is one (unchanged otherwise).</summary>
    public static object WithLife(object json, AssetLife.AssetLifeFlows? life)
    {
        if (life is null) return json;
        var node = global::System.Text.Json.Nodes.JsonNode.Parse(Contracts.ContractJson.Serialize(json))!.AsObject();
        node["assetLife"] = life.Description;
        node["releasePriceSource"] = life.SourceName;
        return node;
    }

    public static HardwareCatalog LoadCatalog(ParseResult parse) => DataFiles.LoadCatalog(parse.GetValue(GlobalOptions.Catalog)?.FullName);

    public AcceleratorSystem System(EconomicsModel model, string id) =>
        model.Catalog.TryGet(id, out var s) ? s
            : throw new UserInputException($"unknown system '{id}'; known systems: {string.Join(", ", model.Catalog.Systems.Select(x => x.Id))}");

    public void WriteJson(object value) => Out.WriteLine(Contracts.ContractJson.Serialize(value));
}
