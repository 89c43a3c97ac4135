using Gpunomics.Capex;
using Gpunomics.Inputs;
using Gpunomics.Scenarios;
using Gpunomics.Tco;

namespace Gpunomics.MonteCarlo;

/// <summary>A correlation between two uncertain inputs (Gaussian copula).</summary>
/// <param name="A">First input name.</param>
/// <param name="B">Second input name.</param>
/// <param name="Rho">Correlation of the underlying normals, in (-1, 1).</param>
public sealed record Correlation(string A, string B, double Rho);

/// <summary>
/// What a Monte Carlo run varies: the rental project of one system with capex and opex affine in the
/// system price multiplier (capex = CapexFixed + CapexPerMultiplier x m; opex likewise, as maintenance and insurance
/// are shares of capex) and opex affine in the billed utilization (electricity follows use), each input either fixed
/// at its base value or drawn from a distribution.
/// </summary>
public sealed record MonteCarloSetup
{
    /// <summary>The inputs a run may vary, in sampling order: their declarations give each one's unit and range.</summary>
    public static IReadOnlyList<ModelInput> Inputs { get; } =
    [
        ModelInputs.Price, ModelInputs.SystemPriceMultiplier, ModelInputs.OpexMultiplier, ModelInputs.TermMonths,
        ModelInputs.Prepay, ModelInputs.Utilization, ModelInputs.Residual, ModelInputs.Hurdle,
    ];

    /// <summary>Input names, in sampling order.</summary>
    public static IReadOnlyList<string> InputNames { get; } = [.. Inputs.Select(i => i.Name)];

    /// <summary>System id (for reports).</summary>
    public required string SystemId { get; init; }
    /// <summary>Capex per GPU not priced by the system supplier, $.</summary>
    public required double CapexFixed { get; init; }
    /// <summary>Supplier-priced capex per GPU at multiplier 1, $.</summary>
    public required double CapexPerMultiplier { get; init; }
    /// <summary>Operating cost per GPU-hour at multiplier 0 and utilization 0, $.</summary>
    public required double OpexFixed { get; init; }
    /// <summary>Operating cost per GPU-hour added per unit of multiplier (maintenance and insurance on supplier capex), $.</summary>
    public required double OpexPerMultiplier { get; init; }
    /// <summary>Operating cost per GPU-hour added per unit of billed utilization (the power a busy GPU draws above idle), $.</summary>
    public double OpexPerUtilization { get; init; }

    /// <summary>Operating cost per contracted GPU-hour at a system price multiplier, a billed utilization and an opex multiplier, $.</summary>
    public double OperatingCostPerHour(double multiplier, double utilization, double opexMultiplier) =>
        (OpexFixed + OpexPerMultiplier * multiplier + OpexPerUtilization * utilization) * opexMultiplier;
    /// <summary>Setup months (fixed).</summary>
    public required int SetupMonths { get; init; }
    /// <summary>Debt and tax of every scenario (the scenario file's), computed by the batch engine (<see cref="Batch.RentalBatch.Financing"/>).</summary>
    public ProjectFinancing Financing { get; init; } = ProjectFinancing.None;
    /// <summary>Base value of every input in <see cref="InputNames"/>.</summary>
    public required IReadOnlyDictionary<string, double> Base { get; init; }
    /// <summary>Distributions on some inputs, by name; the others stay at their base value.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } = new Dictionary<string, Distribution>();
    /// <summary>Correlations between inputs that have distributions.</summary>
    public IReadOnlyList<Correlation> Correlations { get; init; } = [];

    /// <summary>Why Monte Carlo and sensitivity refuse a scenario with an asset life.</summary>
    public const string BatchRefusal = "Monte Carlo and sensitivity run on the batch engine, whose project ends with the first contract; " +
        "this scenario has an asset life after it (assetLife.usefulLifeYears): remove it to run them, or see the whole life with gpunomics project --compare-lives";

    /// <summary>The setup for <paramref name="systemId"/> at <paramref name="price"/>, from a model's scenario.</summary>
    /// <exception cref="AssetLife.AssetLifeException">When the scenario has an asset life (<see cref="BatchRefusal"/>).</exception>
    public static MonteCarloSetup For(EconomicsModel model, string systemId, double price)
    {
        ArgumentNullException.ThrowIfNull(model);
        var system = model.System(systemId);
        var scenario = model.Scenario;
        if (scenario.AssetLife.IsOn) throw new AssetLife.AssetLifeException(BatchRefusal);
        var capex0 = CapexModel.Compute(system, SupplierPricing.Scaled(0), scenario.NetworkTier).PerGpu;
        var capex1 = CapexModel.Compute(system, SupplierPricing.Scaled(1), scenario.NetworkTier).PerGpu;
        var opex0 = TcoModel.OperatingCostPerHour(system, capex0, scenario.Operations, 0);
        var opex1 = TcoModel.OperatingCostPerHour(system, capex1, scenario.Operations, 0);
        var opexBusy = TcoModel.OperatingCostPerHour(system, capex0, scenario.Operations, 1);
        var c = scenario.Contract;
        return new MonteCarloSetup
        {
            SystemId = system.Id,
            CapexFixed = capex0,
            CapexPerMultiplier = capex1 - capex0,
            OpexFixed = opex0,
            OpexPerMultiplier = opex1 - opex0,
            OpexPerUtilization = opexBusy - opex0,
            SetupMonths = c.SetupMonths,
            Financing = scenario.Financing,
            Base = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
            {
                ["price"] = price,
                ["systemPriceMultiplier"] = 1.0,
                ["opexMultiplier"] = 1.0,
                ["termMonths"] = c.TermMonths,
                ["prepay"] = c.PrepayShare,
                ["utilization"] = c.BilledUtilization,
                ["residual"] = c.ResidualValueShare,
                ["hurdle"] = scenario.HurdleRate,
            },
        };
    }

    /// <summary>The canonical input name for <paramref name="name"/> (case-insensitive), or null if unknown.</summary>
    public static string? Canonical(string name) =>
        InputNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
