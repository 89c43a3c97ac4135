using Gpunomics.Batch;
using Gpunomics.Finance;
using Gpunomics.Inputs;
using Gpunomics.Scenarios;

namespace Gpunomics.MonteCarlo;

/// <summary>A correlation between two uncertain inputs (Gaussian copula).</summary>
/// <param name="A">First input name.</param>
/// <param name="B">Second input name.</param>
/// <param name="Rho">Correlation of the underlying normals, in (-1, 1).</param>
public sealed record Correlation(string A, string B, double Rho);

/// <summary>
/// What a Monte Carlo run or a tornado varies: the rental project of one system, each input either fixed at its base
/// value or drawn from a distribution (methodology: "Monte Carlo"). An input is named by its declaration's name
/// (<c>price</c>, <c>colocationPerKwMonth</c>) or by its scenario-file key (<c>operations.colocationPerKwMonth</c>,
/// <c>systems.h100.storage</c>). Every input of <see cref="Inputs"/> enters the project through its terms or through
/// the capex and operating cost computed from the drawn values, so each scenario runs on the batch engine.
/// </summary>
public sealed record MonteCarloSetup
{
    /// <summary>
    /// The asset life's inputs, drawn and moved only when the scenario has an asset life (<see cref="Life"/>): the useful
    /// life, the re-lease price's discount below its source, the re-lease utilization, the ramp, the uncontracted share and
    /// its spot price (when the scenario gives one), and the resale value at the life's end over the residual curve's.
    /// </summary>
    public static IReadOnlyList<ModelInput> LifeInputs { get; } =
    [
        ModelInputs.AssetLifeYears, ModelInputs.ReleaseBelowCurve, ModelInputs.ReleaseBelowTrend, ModelInputs.ReleaseUtilization, ModelInputs.RampMonths,
        ModelInputs.RampStartShare, ModelInputs.UncontractedShare, ModelInputs.SpotPrice, ModelInputs.ResidualCurveMultiplier,
    ];

    /// <summary>
    /// The inputs a run may draw, in sampling order: the project's own (price, system price multiplier, opex
    /// multiplier, contract, hurdle), then the operating rates and the system's capex lines and power. Their
    /// declarations give each one's unit and range.
    /// </summary>
    public static IReadOnlyList<ModelInput> Inputs { get; } =
    [
        ModelInputs.Price, ModelInputs.SystemPriceMultiplier, ModelInputs.OpexMultiplier, ModelInputs.TermMonths,
        ModelInputs.Prepay, ModelInputs.Utilization, ModelInputs.Residual, ModelInputs.Hurdle,
        ModelInputs.SetupMonths, ModelInputs.ElectricityPrice, ModelInputs.Pue, ModelInputs.PowerDrawShare, ModelInputs.IdlePowerShare,
        ModelInputs.Colocation, ModelInputs.Maintenance, ModelInputs.Insurance,
        ModelInputs.ComputeSystem, ModelInputs.HbmPrice, ModelInputs.MemoryPrice, ModelInputs.MemoryMargin, ModelInputs.Networking,
        ModelInputs.Storage, ModelInputs.Installation, ModelInputs.OtherCapex, ModelInputs.AllInKwPerGpu,
        .. LifeInputs,
    ];


    /// <summary>Input names of <see cref="Inputs"/>, in sampling order.</summary>
    public static IReadOnlyList<string> InputNames { get; } = [.. Inputs.Select(i => i.Name)];

    /// <summary>
    /// Debt and tax: they enter the project's flows, but one run applies the scenario's to every scenario alike, so a
    /// Monte Carlo run does not draw them; the tornado moves them (each point through the scalar model).
    /// </summary>
    public static IReadOnlyList<ModelInput> FinancingInputs { get; } =
        [ModelInputs.DebtShare, ModelInputs.DebtRate, ModelInputs.DebtTermMonths, ModelInputs.TaxRate, ModelInputs.DepreciationYears];

    /// <summary>Scenario inputs that do not enter the rental project's flows at all, each with the reason.</summary>
    public static IReadOnlyDictionary<ModelInput, string> OutsideProject { get; } = new Dictionary<ModelInput, string>
    {
        [ModelInputs.CostOfCapital] = "the TCO's cost of capital prices the capital charge; the project's flows do not use it, the project being judged at its hurdle",
        [ModelInputs.UsefulLifeYears] = "the TCO's useful life spreads the capital charge; the project runs for its contract term",
        [ModelInputs.TcoResidual] = "the TCO's residual value; the project's is contract.residualValueShare (residual)",
        [ModelInputs.SupplierGrossMargin] = "enters only the capex at the supplier's component cost, not the price the project pays",
        [ModelInputs.MarketPrice] = "the market observation; the project's rent is the run's price (price)",
        [ModelInputs.ReferencePricePerPflopHour] = "sets the value-based ceiling, not the project's flows",
    };

    /// <summary>
    /// Scenario inputs neither Monte Carlo nor the tornado moves, each with the reason: the shape of a loan (a loan of
    /// another shape than the level one runs through the scalar model as a whole, at the scenario's shape) and the date
    /// of the asset life's month 0 (it moves the whole re-lease price path).
    /// </summary>
    public static IReadOnlyDictionary<ModelInput, string> NotVaried { get; } = new Dictionary<ModelInput, string>
    {
        [ModelInputs.DebtInterestOnlyMonths] = LoanShape, [ModelInputs.DebtTargetDscr] = LoanShape, [ModelInputs.DebtMinDscr] = LoanShape,
        [ModelInputs.DebtMaxLtv] = LoanShape, [ModelInputs.DebtDrawMonths] = LoanShape, [ModelInputs.DebtSofr] = LoanShape,
        [ModelInputs.DebtCovenantMinDscr] = LoanShape, [ModelInputs.DebtCovenantMaxLtv] = LoanShape,
        [ModelInputs.StartYear] = "the date of the asset life's month 0 sets where the re-lease prices start on the trend or the curve; " +
            "vary the re-lease price through assetLife.releaseBelowCurve (or releaseBelowTrend) instead",
    };

    private const string LoanShape = "a key of the loan's shape: the tornado moves the loan's share, rate and term, and a loan of another shape than the level one runs as the scenario gives it";

    /// <summary>Every input a tornado may move: <see cref="Inputs"/>, then <see cref="FinancingInputs"/>, then <see cref="OutsideProject"/> (zero-width bars, with the reason).</summary>
    public static IReadOnlyList<ModelInput> TornadoInputs { get; } = [.. Inputs, .. FinancingInputs, .. OutsideProject.Keys];

    /// <summary>System id (for reports).</summary>
    public required string SystemId { get; init; }
    /// <summary>The scenario's buyer tier for networking, the tier whose price is the networking capex line.</summary>
    public required string NetworkTier { get; init; }
    /// <summary>Memory the system supplier buys per GPU, GB; null when the system has no supplier-priced memory line (then its memory inputs do not exist).</summary>
    public double? MemoryGbPerGpu { get; init; }
    /// <summary>What the quoted compute system (the drawn input) holds beside the compute system line: the catalog's HBM line and the NICs, $ per GPU.</summary>
    public double ComputeHeldInQuote { get; init; }
    /// <summary>HBM per GPU priced as its own supplier line, GB; null when the system has no HBM line (then its HBM input does not exist).</summary>
    public double? HbmGbPerGpu { get; init; }
    /// <summary>The supplier's gross margin on the HBM line.</summary>
    public double HbmGrossMargin { get; init; }
    /// <summary>Debt and tax of every scenario (the scenario file's), computed by the batch engine (<see cref="Batch.RentalBatch.Financing"/>).</summary>
    public ProjectFinancing Financing { get; init; } = ProjectFinancing.None;
    /// <summary>Base value of every input of <see cref="Varied"/> and of the tornado's other inputs, by name.</summary>
    public required IReadOnlyDictionary<string, double> Base { get; init; }
    /// <summary>Distributions on some inputs, by name or scenario key; the others stay at their base value.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } = new Dictionary<string, Distribution>();
    /// <summary>Correlations between inputs that have distributions.</summary>
    public IReadOnlyList<Correlation> Correlations { get; init; } = [];

    /// <summary>
    /// The scenario's asset life, or null when its project ends with the first contract. With a life every scenario's
    /// whole-life flows are built and solved as explicit cash flows (<see cref="WholeLife"/>), not on the level fast path.
    /// </summary>
    public WholeLife? Life { get; init; }

    /// <summary>The inputs of <see cref="Inputs"/> this system has (the memory inputs only with a supplier-priced memory line), in sampling order.</summary>
    public IReadOnlyList<ModelInput> Varied => [.. Inputs.Where(Has)];

    /// <summary>The tornado's inputs this system has a base value for, in <see cref="TornadoInputs"/> order.</summary>
    public IReadOnlyList<ModelInput> TornadoVaried => [.. TornadoInputs.Where(i => Base.ContainsKey(i.Name) && Has(i))];

    private bool Has(ModelInput input) =>
        (MemoryGbPerGpu is not null || (input != ModelInputs.MemoryPrice && input != ModelInputs.MemoryMargin)) && (HbmGbPerGpu is not null || input != ModelInputs.HbmPrice)
        && LifeProblem(input) is null;

    // Why an input does not act on this setup's project for want of an asset life or of the part of it the input moves; null when it acts.
    private string? LifeProblem(ModelInput input)
    {
        if (Life is not { } life)
            return LifeInputs.Contains(input) ? "acts only with an asset life (assetLife.usefulLifeYears in the scenario file); this scenario's project ends with the first contract" : null;
        var a = life.Assumptions;
        if (input == ModelInputs.Residual)
            return "with an asset life the sale at the life's end (the residual curve) replaces the contract's residual: vary residualCurveMultiplier";
        if ((input == ModelInputs.ReleaseBelowCurve || input == ModelInputs.ReleaseBelowTrend) && a.ReleasePrices is not null)
            return "the scenario prices its re-leases by a path (assetLife.releasePricesPerGpuHour), not by a source with a discount";
        if (input == ModelInputs.ReleaseBelowCurve && a.Source != AssetLife.ReleasePriceSource.ForwardCurve)
            return "the scenario prices its re-leases by the launch trend: vary assetLife.releaseBelowTrend";
        if (input == ModelInputs.ReleaseBelowTrend && a.Source != AssetLife.ReleasePriceSource.LaunchTrend)
            return "the scenario prices its re-leases by the forward curve: vary assetLife.releaseBelowCurve";
        if (input == ModelInputs.SpotPrice && a.SpotPricePerGpuHour is null)
            return "the scenario sells its uncontracted hours at the re-lease price (no assetLife.spotPricePerGpuHour of its own)";
        return null;
    }

    /// <summary>The scenario-file key of <paramref name="input"/> for this run's system and tier, e.g. <c>systems.h100.storage</c>; null when it has none.</summary>
    public string? KeyOf(ModelInput input) =>
        input?.ScenarioKey?.Replace("<id>", SystemId, StringComparison.Ordinal).Replace("<tier>", NetworkTier, StringComparison.Ordinal);

    /// <summary>
    /// The input <paramref name="nameOrKey"/> names (a declaration's name or its scenario-file key, ignoring case) among
    /// <paramref name="among"/> (default <see cref="TornadoVaried"/>), or null and the problem: an unknown name, a
    /// key of another system, an input the system does not have.
    /// </summary>
    public ModelInput? Find(string nameOrKey, out string? problem, IReadOnlyList<ModelInput>? among = null)
    {
        ArgumentNullException.ThrowIfNull(nameOrKey);
        among ??= TornadoVaried;
        var text = nameOrKey.Trim();
        problem = null;
        foreach (var input in among)
            if (string.Equals(input.Name, text, StringComparison.OrdinalIgnoreCase) || string.Equals(KeyOf(input), text, StringComparison.OrdinalIgnoreCase))
                return input;
        var parts = text.Split('.');
        if (parts.Length >= 3 && parts[0].Equals("systems", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals(SystemId, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{text}' is a figure of system '{parts[1]}'; this run is of '{SystemId}' (systems.{SystemId}.{string.Join('.', parts[2..])})";
            return null;
        }
        if (text.StartsWith($"systems.{SystemId}.networking.", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{text}': the scenario buys networking at tier '{NetworkTier}'; give {KeyOf(ModelInputs.Networking)}";
            return null;
        }
        var declared = TornadoInputs.FirstOrDefault(i => string.Equals(i.Name, text, StringComparison.OrdinalIgnoreCase)
            || (i.ScenarioKey is { } k && string.Equals(k.Replace("<id>", SystemId, StringComparison.Ordinal), text, StringComparison.OrdinalIgnoreCase)));
        if (declared is not null && LifeProblem(declared) is { } lifeProblem)
            problem = $"'{text}': {lifeProblem}";
        else if (declared == ModelInputs.HbmPrice && HbmGbPerGpu is null)
            problem = $"'{text}': {SystemId} has no HBM line";
        else if (declared is not null && !Has(declared))
            problem = $"'{text}': {SystemId} has no supplier-priced memory line";
        else if (declared == ModelInputs.MarketPrice)
            problem = $"'{text}': {SystemId} has no market price";
        else if (declared is not null && OutsideProject.TryGetValue(declared, out var why))
            problem = $"'{text}' does not enter the rental project ({why}): drawing it would change nothing";
        else if (declared is not null && NotVaried.TryGetValue(declared, out var notVaried))
            problem = $"'{text}' is not moved here: {notVaried}";
        else if (declared is not null && FinancingInputs.Contains(declared))
            problem = $"'{text}': debt and tax apply alike to every scenario of a run (the scenario file's); the tornado moves them";
        else
            problem = $"unknown input '{text}'; known: {string.Join(", ", among.Select(i => KeyOf(i) is { } k ? $"{i.Name} ({k})" : i.Name))}";
        return null;
    }

    /// <summary>
    /// The setup for <paramref name="systemId"/> at <paramref name="price"/>, from a model's scenario: every input at the
    /// scenario's (and the system's) value; with an asset life, its keys too, and the life's re-lease prices.
    /// </summary>
    /// <exception cref="AssetLife.AssetLifeException">When the scenario's asset life cannot be built (its reason).</exception>
    public static MonteCarloSetup For(EconomicsModel model, string systemId, double price)
    {
        ArgumentNullException.ThrowIfNull(model);
        var system = model.System(systemId);
        var scenario = model.Scenario;
        var life = scenario.AssetLife.IsOn ? WholeLife.For(system, scenario) : null;
        var bom = system.Capex;
        if (!bom.NetworkingByTier.TryGetValue(scenario.NetworkTier, out var networking))
            throw new ArgumentException($"system '{system.Id}' has no networking price for tier '{scenario.NetworkTier}'", nameof(systemId));
        var c = scenario.Contract;
        var o = scenario.Operations;
        var f = scenario.Financing;
        // The compute system is drawn as a scenario file gives it: as quoted, with the HBM and NICs it holds (SystemOverride).
        var held = model.SourceCatalog.Get(system.Id).Capex.HeldInQuote(scenario.NetworkTier);
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            [ModelInputs.Price.Name] = price,
            [ModelInputs.SystemPriceMultiplier.Name] = 1.0,
            [ModelInputs.OpexMultiplier.Name] = 1.0,
            [ModelInputs.TermMonths.Name] = c.TermMonths,
            [ModelInputs.Prepay.Name] = c.PrepayShare,
            [ModelInputs.Utilization.Name] = c.BilledUtilization,
            [ModelInputs.Residual.Name] = c.ResidualValueShare,
            [ModelInputs.Hurdle.Name] = scenario.HurdleRate,
            [ModelInputs.SetupMonths.Name] = c.SetupMonths,
            [ModelInputs.ElectricityPrice.Name] = o.ElectricityPricePerKwh,
            [ModelInputs.Pue.Name] = o.Pue,
            [ModelInputs.PowerDrawShare.Name] = o.PowerDrawShare,
            [ModelInputs.IdlePowerShare.Name] = o.IdlePowerShare,
            [ModelInputs.Colocation.Name] = o.ColocationPerKwMonth,
            [ModelInputs.Maintenance.Name] = o.MaintenanceShareOfCapexPerYear,
            [ModelInputs.Insurance.Name] = o.InsuranceShareOfCapexPerYear,
            [ModelInputs.ComputeSystem.Name] = bom.ComputeSystem + held,
            [ModelInputs.Networking.Name] = networking,
            [ModelInputs.Storage.Name] = bom.Storage,
            [ModelInputs.Installation.Name] = bom.Installation,
            [ModelInputs.OtherCapex.Name] = bom.Other,
            [ModelInputs.AllInKwPerGpu.Name] = system.AllInKwPerGpu,
            [ModelInputs.DebtShare.Name] = f.DebtShare,
            [ModelInputs.DebtRate.Name] = f.DebtRate,
            [ModelInputs.DebtTermMonths.Name] = f.DebtTermMonths ?? c.TermMonths,
            [ModelInputs.TaxRate.Name] = f.TaxRate,
            [ModelInputs.DepreciationYears.Name] = f.DepreciationYears,
            [ModelInputs.CostOfCapital.Name] = scenario.Finance.CostOfCapital,
            [ModelInputs.UsefulLifeYears.Name] = scenario.Finance.UsefulLifeYears,
            [ModelInputs.TcoResidual.Name] = scenario.Finance.ResidualValueShare,
            [ModelInputs.SupplierGrossMargin.Name] = bom.SupplierGrossMargin,
            [ModelInputs.ReferencePricePerPflopHour.Name] = scenario.Ceiling.ReferencePricePerPflopHour,
        };
        if (system.MarketPricePerGpuHour is { } market) values[ModelInputs.MarketPrice.Name] = market;
        if (bom.Hbm is { } hbm) values[ModelInputs.HbmPrice.Name] = hbm.CostPerGb;
        if (bom.SupplierMemory is { } memory)
        {
            values[ModelInputs.MemoryPrice.Name] = memory.CostPerGb;
            values[ModelInputs.MemoryMargin.Name] = memory.GrossMargin;
        }
        if (life?.Assumptions is { } a)
        {
            values[ModelInputs.AssetLifeYears.Name] = a.UsefulLifeYears!.Value;
            values[ModelInputs.ReleaseBelowCurve.Name] = a.ReleaseBelowCurve;
            values[ModelInputs.ReleaseBelowTrend.Name] = a.ReleaseBelowTrend;
            values[ModelInputs.ReleaseUtilization.Name] = a.ReleaseUtilization;
            values[ModelInputs.RampMonths.Name] = a.RampMonths;
            values[ModelInputs.RampStartShare.Name] = a.RampStartShare;
            values[ModelInputs.UncontractedShare.Name] = a.UncontractedShare;
            if (a.SpotPricePerGpuHour is { } spot) values[ModelInputs.SpotPrice.Name] = spot;
            values[ModelInputs.ResidualCurveMultiplier.Name] = 1.0;
        }
        return new MonteCarloSetup
        {
            SystemId = system.Id,
            NetworkTier = scenario.NetworkTier,
            MemoryGbPerGpu = bom.SupplierMemory?.GbPerGpu,
            ComputeHeldInQuote = held,
            HbmGbPerGpu = bom.Hbm?.GbPerGpu,
            HbmGrossMargin = bom.Hbm?.GrossMargin ?? 0,
            Financing = f,
            Base = values,
            Life = life,
        };
    }

    /// <summary>The canonical input name for <paramref name="name"/> (case-insensitive) among <see cref="InputNames"/>, or null if unknown.</summary>
    public static string? Canonical(string name) =>
        InputNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Capex per GPU ($) and operating cost per contracted GPU-hour ($) with the inputs at <paramref name="values"/>
    /// (in <see cref="Varied"/> order), as the scalar model computes them (methodology: "Capex", "TCO"): capex = compute
    /// system line (the quoted compute system less the HBM and NICs it holds) x m + HBM (GB x $/GB / (1 - its margin)) x m + memory (GB x $/GB / (1 - margin)) x m + networking + storage + installation + other; operating cost =
    /// (kW x power share at the billed utilization x PUE x $/kWh + kW x colocation / 730 + (maintenance + insurance) x
    /// capex / 8,760) x opex multiplier.
    /// </summary>
    public (double Capex, double OperatingCostPerHour) Costs(ReadOnlySpan<double> values) => new CostIndex(this).Costs(values);

    /// <summary>Where each input sits in a value array in <see cref="Varied"/> order, and the row of a batch those values make.</summary>
    internal sealed class CostIndex
    {
        private readonly double _memoryGb, _hbmGb, _hbmMargin, _held;
        private readonly int _price, _multiplier, _opex, _term, _prepay, _utilization, _residual, _hurdle, _setup, _electricity, _pue, _draw, _idle,
            _colocation, _maintenance, _insurance, _compute, _hbmCost, _memoryCost, _memoryMargin, _networking, _storage, _installation, _other, _kw;

        public CostIndex(MonteCarloSetup setup)
        {
            var varied = setup.Varied.ToList();
            int I(ModelInput input) => varied.IndexOf(input);
            (_price, _multiplier, _opex, _term, _prepay, _utilization, _residual, _hurdle) = (I(ModelInputs.Price), I(ModelInputs.SystemPriceMultiplier),
                I(ModelInputs.OpexMultiplier), I(ModelInputs.TermMonths), I(ModelInputs.Prepay), I(ModelInputs.Utilization), I(ModelInputs.Residual), I(ModelInputs.Hurdle));
            (_setup, _electricity, _pue, _draw, _idle, _colocation, _maintenance, _insurance) = (I(ModelInputs.SetupMonths), I(ModelInputs.ElectricityPrice),
                I(ModelInputs.Pue), I(ModelInputs.PowerDrawShare), I(ModelInputs.IdlePowerShare), I(ModelInputs.Colocation), I(ModelInputs.Maintenance), I(ModelInputs.Insurance));
            (_compute, _memoryCost, _memoryMargin, _networking, _storage, _installation, _other, _kw) = (I(ModelInputs.ComputeSystem), I(ModelInputs.MemoryPrice),
                I(ModelInputs.MemoryMargin), I(ModelInputs.Networking), I(ModelInputs.Storage), I(ModelInputs.Installation), I(ModelInputs.OtherCapex), I(ModelInputs.AllInKwPerGpu));
            _memoryGb = setup.MemoryGbPerGpu ?? 0;
            (_hbmCost, _hbmGb, _hbmMargin, _held) = (I(ModelInputs.HbmPrice), setup.HbmGbPerGpu ?? 0, setup.HbmGrossMargin, setup.ComputeHeldInQuote);
        }

        public (double Capex, double OperatingCostPerHour) Costs(ReadOnlySpan<double> v)
        {
            var capex = Capex(v);
            return (capex, OperatingCostAt(v, capex, v[_utilization]));
        }

        public double Capex(ReadOnlySpan<double> v)
        {
            var m = v[_multiplier];
            var capex = (v[_compute] - _held) * m;
            if (_hbmCost >= 0) capex += _hbmGb * v[_hbmCost] / (1.0 - _hbmMargin) * m;
            if (_memoryCost >= 0) capex += _memoryGb * v[_memoryCost] / (1.0 - v[_memoryMargin]) * m;
            return capex + v[_networking] + v[_storage] + v[_installation] + v[_other];
        }

        /// <summary>Operating cost per GPU-hour at a billed utilization (power follows use), as the scalar model computes it.</summary>
        public double OperatingCostAt(ReadOnlySpan<double> v, double capex, double utilization)
        {
            var kw = v[_kw];
            var idle = v[_idle];
            var electricity = kw * (v[_draw] * (idle + (1 - idle) * utilization)) * v[_pue] * v[_electricity];
            var colocation = kw * v[_colocation] / Rates.HoursPerMonth;
            var opex = electricity + colocation + v[_maintenance] * capex / Rates.HoursPerYear + v[_insurance] * capex / Rates.HoursPerYear;
            return opex * v[_opex];
        }

        /// <summary>The contract at <paramref name="v"/> (no residual: with an asset life the sale replaces it).</summary>
        public ContractTerms LifeTerms(ReadOnlySpan<double> v) =>
            new((int)Math.Round(v[_term]), v[_prepay], v[_utilization], (int)Math.Round(v[_setup]), 0);

        public double Price(ReadOnlySpan<double> v) => v[_price];

        public double Hurdle(ReadOnlySpan<double> v) => v[_hurdle];

        /// <summary>Sets row <paramref name="i"/> of <paramref name="batch"/> to the project at <paramref name="v"/>.</summary>
        public void Fill(RentalBatch batch, int i, ReadOnlySpan<double> v)
        {
            var (capex, opex) = Costs(v);
            batch.PricePerGpuHour[i] = v[_price];
            batch.CapexPerGpu[i] = capex;
            batch.OperatingCostPerHour[i] = opex;
            batch.TermMonths[i] = (int)Math.Round(v[_term]);
            batch.PrepayShare[i] = v[_prepay];
            batch.BilledUtilization[i] = v[_utilization];
            batch.ResidualValueShare[i] = v[_residual];
            batch.Hurdle[i] = v[_hurdle];
            batch.SetupMonths[i] = (int)Math.Round(v[_setup]);
        }
    }
}
