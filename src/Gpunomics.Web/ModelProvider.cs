using Gpunomics.Catalog;
using Gpunomics.InferenceX;
using Gpunomics.Json;
using Gpunomics.Scenarios;
using Gpunomics.Storage;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Web;

/// <summary>The shipped data, loaded once, and the model for a request's scenario.</summary>
public sealed class ModelProvider
{
    private readonly ScenarioStore store;

    /// <summary>Loads the shipped data once, with the catalog and scenario files the options name.</summary>
    public ModelProvider(ScenarioStore store, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        Catalog = DataFiles.LoadCatalog(options.CatalogPath);
        Article = DataFiles.LoadScenario(Catalog, options.ScenarioPath);
        LaunchPrices = DataFiles.LoadLaunchPrices(Catalog, options.LaunchPricesPath);
        LaunchPricesFile = options.LaunchPricesPath is { } lp ? Path.GetFileName(lp) : "data/launch-prices.json";
        var observations = DataFiles.LoadMarketObservations(Catalog, LaunchPrices, options.MarketObservationsPath);
        Pricing.LaunchTrend.TryFit(LaunchPrices, Catalog, Article.Ceiling.Basis, out var trend, out _);
        Market = Gpunomics.Market.MarketModel.Create(observations, Catalog, LaunchPrices, trend);
        MarketObservationsFile = options.MarketObservationsPath is { } mo ? Path.GetFileName(mo) : "data/market-observations.json";
    }

    /// <summary>The market: dated rental price observations, with the launch trend at the base scenario's ceiling precision for systems without observations.</summary>
    public Gpunomics.Market.MarketModel Market { get; }

    /// <summary>The market observation file's name as outputs show it.</summary>
    public string MarketObservationsFile { get; }

    /// <summary>Launch-era rental prices, one row per generation (the launch trend).</summary>
    public IReadOnlyList<Pricing.LaunchPrice> LaunchPrices { get; }

    /// <summary>The launch-price file's name as outputs show it.</summary>
    public string LaunchPricesFile { get; }

    /// <summary>The hardware catalog.</summary>
    public HardwareCatalog Catalog { get; }

    /// <summary>The base scenario: the built-in one, with the server's scenario file over it when one was given.</summary>
    public Scenario Article { get; }

    /// <summary>The shipped example fleet file's text (data/fleets/example-fleet.json).</summary>
    public string ExampleFleet { get; } = DataFiles.ReadText(Path.Combine(DataFiles.Directory, "fleets", "example-fleet.json"), "fleet");

    /// <summary>Price sheets.</summary>
    public IReadOnlyList<PriceSheet> PriceSheets { get; } = DataFiles.LoadPriceSheets();

    /// <summary>Example tasks.</summary>
    public IReadOnlyList<WorkTask> Tasks { get; } = DataFiles.LoadTasks();

    /// <summary>Shipped serving results.</summary>
    public IReadOnlyList<ServingMeasurement> Serving => ShippedServing;

    /// <summary>Shipped serving results, loaded once for the process.</summary>
    public static IReadOnlyList<ServingMeasurement> ShippedServing { get; } = DataFiles.LoadServing().Rows;

    /// <summary>The hardware the shipped serving results measure, as they name it, in order.</summary>
    public static IReadOnlyList<string> MeasuredHardware { get; } =
        [.. ShippedServing.Select(m => m.Configuration.Hardware).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    /// <summary>Reads a scenario file's text over the base scenario.</summary>
    /// <remarks>
    /// A scenario with an asset life (assetLife.usefulLifeYears) is refused unless <paramref name="wholeLife"/>: only Monte
    /// Carlo and sensitivity (and the store, which keeps it for them) model the whole life on the web API; the command line's
    /// <c>project --compare-lives</c> models it too.
    /// </remarks>
    public ReadResult<Scenario> ReadScenario(string json, string source, bool wholeLife = false)
    {
        var r = ScenarioReader.Read(json, source, Article, Catalog);
        return r.Ok && r.Value!.AssetLife.IsOn && !wholeLife
            ? ReadResults.Refused<Scenario>(new InputError(source, "assetLife.usefulLifeYears", null, LifeRefusal))
            : r;
    }

    /// <summary>Why an endpoint other than Monte Carlo and sensitivity refuses a scenario with an asset life.</summary>
    public const string LifeRefusal = "is modelled on the web API only by /api/montecarlo and /api/sensitivity; this endpoint's project ends with the first contract " +
        "(the command line models the whole life: gpunomics project <system> --scenario FILE, or --compare-lives)";

    /// <summary>
    /// <paramref name="scenario"/> with the shipped launch trend and market attached to its asset life, for whichever source
    /// prices its re-leases (unchanged without a life).
    /// </summary>
    public Scenario WithLife(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var life = scenario.AssetLife;
        if (!life.IsOn || life.ReleasePrices is not null) return scenario;
        Pricing.LaunchTrend.TryFit(LaunchPrices, Catalog, scenario.Ceiling.Basis, out var fit, out _);
        return scenario with
        {
            AssetLife = life with
            {
                Trend = life.Trend ?? (fit is null ? null : new AssetLife.ReleaseTrend(fit, LaunchPrices)),
                Curve = life.Curve ?? new AssetLife.ReleaseForwardCurve(Market),
            },
        };
    }

    /// <summary>The scenario of a saved id, or the built-in one; null with a reason when the id is unknown.</summary>
    /// <remarks>A saved scenario with an asset life is refused unless <paramref name="wholeLife"/>; with it, its life is priced by the shipped data.</remarks>
    public (Scenario? Scenario, string? Error) Scenario(long? id, bool wholeLife = false)
    {
        if (id is null) return (Article, null);
        var saved = store.Find(id.Value);
        if (saved is null) return (null, $"no saved scenario with id {id}");
        var r = ReadScenario(saved.Body, $"scenario {saved.Name}", wholeLife);
        return r.Ok ? (WithLife(r.Value!), null) : (null, string.Join("; ", r.Errors));
    }
}
