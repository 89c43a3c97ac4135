using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.OneChart;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;
using Gpunomics.Tco;

namespace Gpunomics;

/// <summary>
/// The engine's entry point: a catalog and a scenario, and every result the model gives for them.
/// Pure: no files, clock, console or network.
/// </summary>
public sealed class EconomicsModel
{
    /// <summary>Applies <paramref name="scenario"/>'s per-system overrides to <paramref name="catalog"/>.</summary>
    public EconomicsModel(HardwareCatalog catalog, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        SourceCatalog = catalog;
        Catalog = scenario.ApplyTo(catalog);
    }

    /// <summary>The catalog as given, before the scenario's overrides (a scenario's quoted compute system is read against it).</summary>
    public HardwareCatalog SourceCatalog { get; }

    /// <summary>The catalog with the scenario's overrides applied.</summary>
    public HardwareCatalog Catalog { get; }

    /// <summary>The assumptions.</summary>
    public Scenario Scenario { get; }

    /// <summary>A system by id.</summary>
    public AcceleratorSystem System(string id) => Catalog.Get(id);

    /// <summary>TCO per GPU-hour by line.</summary>
    public TcoBreakdown Tco(string systemId, double systemPriceMultiplier = 1.0) =>
        TcoModel.Compute(System(systemId), Scenario, SupplierPricing.Scaled(systemPriceMultiplier));

    /// <summary>The rental project's inputs at a price and system price multiplier.</summary>
    public RentalInputs ProjectInputs(string systemId, double pricePerGpuHour, ContractTerms? terms = null, double systemPriceMultiplier = 1.0) =>
        RentalInputs.For(System(systemId), Scenario, pricePerGpuHour, SupplierPricing.Scaled(systemPriceMultiplier), terms);

    /// <summary>The rental project's returns.</summary>
    public RentalProjectResult Project(string systemId, double pricePerGpuHour, ContractTerms? terms = null, double systemPriceMultiplier = 1.0, double? hurdle = null) =>
        RentalProject.Evaluate(ProjectInputs(systemId, pricePerGpuHour, terms, systemPriceMultiplier), hurdle ?? Scenario.HurdleRate);

    /// <summary>The cost-based floor price, $ per GPU-hour, or false and why none exists (<see cref="FloorPrice.TryCompute"/>).</summary>
    public bool TryFloor(string systemId, out double floor, out string? noFloor, double? hurdle = null, ContractTerms? terms = null, double systemPriceMultiplier = 1.0) =>
        FloorPrice.TryCompute(ProjectInputs(systemId, 0, terms, systemPriceMultiplier), hurdle ?? Scenario.HurdleRate, out floor, out noFloor);

    /// <summary>The cost-based floor price, $ per GPU-hour.</summary>
    /// <exception cref="NoFloorException">When no price gives the hurdle IRR.</exception>
    public double Floor(string systemId, double? hurdle = null, ContractTerms? terms = null, double systemPriceMultiplier = 1.0) =>
        FloorPrice.Compute(ProjectInputs(systemId, 0, terms, systemPriceMultiplier), hurdle ?? Scenario.HurdleRate);

    /// <summary>The value-based ceiling from a reference $/PFLOP-hour (default: the scenario's).</summary>
    public double Ceiling(string systemId, double? referencePricePerPflopHour = null, ThroughputBasis? basis = null) =>
        CeilingPrice.FromReferencePerPflopHour(System(systemId),
            referencePricePerPflopHour ?? Scenario.Ceiling.ReferencePricePerPflopHour, basis ?? Scenario.Ceiling.Basis);

    /// <summary>The One Chart for a system, with the scenario's multipliers and ceiling unless given.</summary>
    public OneChartModel Chart(string systemId, IReadOnlyList<double>? multipliers = null, double? ceiling = null, double? valueSplitPrice = null, double currentMultiplier = 1.0) =>
        OneChartBuilder.Build(System(systemId), Scenario, multipliers ?? Scenario.ChartMultipliers,
            ceiling ?? Ceiling(systemId), valueSplitPrice, currentMultiplier: currentMultiplier);

    /// <summary>The cross-section of today's prices: today's market $/PFLOP-hour of each catalog system against its launch (not the launch trend, <see cref="LaunchTrend"/>).</summary>
    public PriceTrendFit? Trend(ThroughputBasis? basis = null) => PriceTrend.Fit(Catalog.Systems, basis ?? Scenario.Ceiling.Basis);
}
