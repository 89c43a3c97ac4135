using Gpunomics.AssetLife;
using Gpunomics.Catalog;
using Gpunomics.Financing;

namespace Gpunomics.Scenarios;

/// <summary>Owner's financing assumptions for the TCO capital charge.</summary>
/// <param name="CostOfCapital">Annual effective cost of capital, fraction (0.10 = 10%).</param>
/// <param name="UsefulLifeYears">Years over which capex is recovered.</param>
/// <param name="ResidualValueShare">Value left at the end of the useful life, share of capex.</param>
public sealed record FinanceAssumptions(double CostOfCapital, double UsefulLifeYears, double ResidualValueShare)
{
    /// <summary>
    /// The owner profile whose sourced cost of capital <see cref="CostOfCapital"/> is (<see cref="OwnerProfiles"/>), or
    /// null when the cost of capital was given as a number of its own.
    /// </summary>
    public string? Owner { get; init; }
}

/// <summary>Unit operating-cost rates shared by all systems.</summary>
/// <param name="ElectricityPricePerKwh">Electricity, $/kWh.</param>
/// <param name="Pue">Power usage effectiveness (facility power / IT power), at least 1.</param>
/// <param name="ColocationPerKwMonth">Colocation or datacenter charge, $ per kW of contracted IT power per month.</param>
/// <param name="MaintenanceShareOfCapexPerYear">Maintenance and support, share of capex per year.</param>
public sealed record OperatingAssumptions(
    double ElectricityPricePerKwh,
    double Pue,
    double ColocationPerKwMonth,
    double MaintenanceShareOfCapexPerYear)
{
    /// <summary>Property insurance on the equipment, share of capex per year (0: no insurance line).</summary>
    public double InsuranceShareOfCapexPerYear { get; init; }

    /// <summary>Average power drawn while the GPU is busy, share of its all-in nameplate IT power (1: nameplate).</summary>
    public double PowerDrawShare { get; init; } = 1;

    /// <summary>Power drawn while the GPU is idle (unbilled hours), share of its busy draw (1: power does not follow use).</summary>
    public double IdlePowerShare { get; init; } = 1;

    /// <summary>
    /// Average power drawn at <paramref name="billedUtilization"/>, share of nameplate: busy draw x (idle share + (1 - idle
    /// share) x utilization). Billed hours are busy hours; unbilled hours idle.
    /// </summary>
    public double PowerShareAt(double billedUtilization) => PowerDrawShare * (IdlePowerShare + (1 - IdlePowerShare) * billedUtilization);
}

/// <summary>Terms of the rental contract a neocloud signs.</summary>
/// <param name="TermMonths">Contract length in months.</param>
/// <param name="PrepayShare">Share of total contract value received at month 0 and credited pro rata, in [0, 1).</param>
/// <param name="BilledUtilization">Share of contracted hours billed (1.0 = take-or-pay).</param>
/// <param name="SetupMonths">Months between paying capex and the first bill.</param>
/// <param name="ResidualValueShare">Resale value at the end of the contract, share of capex.</param>
public sealed record ContractTerms(
    int TermMonths,
    double PrepayShare,
    double BilledUtilization,
    int SetupMonths,
    double ResidualValueShare);

/// <summary>
/// How the rental project is financed and taxed: an amortizing loan for a share of the capex (or a project loan of
/// another shape, <see cref="Loan"/>), and corporate tax on positive taxable income with straight-line depreciation
/// and losses carried forward. Both are off by default, and then the project's flows are the unlevered, pre-tax ones.
/// </summary>
/// <param name="DebtShare">Share of capex borrowed at month 0, in [0, 1) (with <see cref="LoanStructure.Sizing"/> set, 0: the loan is sized otherwise).</param>
/// <param name="DebtRate">Annual effective interest rate on the loan.</param>
/// <param name="DebtTermMonths">Months over which the loan is repaid in level payments from month 1 (null: the contract term); any balance left at the project's end is repaid then.</param>
/// <param name="TaxRate">Corporate tax rate on positive taxable income, in [0, 1).</param>
/// <param name="DepreciationYears">Straight-line tax depreciation of the capex, years.</param>
public sealed record ProjectFinancing(double DebtShare, double DebtRate, int? DebtTermMonths, double TaxRate, double DepreciationYears)
{
    /// <summary>US tax class life of computers and peripheral equipment (5 years), the default depreciation period.</summary>
    public const double DefaultDepreciationYears = 5;

    /// <summary>No debt, no tax: the unlevered, pre-tax project.</summary>
    public static ProjectFinancing None { get; } = new(0, 0, null, 0, DefaultDepreciationYears);

    /// <summary>The loan's draws, sizing, repayment, cost by credit and covenants (default: the plain level loan).</summary>
    public LoanStructure Loan { get; init; } = LoanStructure.Default;

    /// <summary>True when part of the capex is borrowed (a share of it, or a loan sized by DSCR or LTV).</summary>
    public bool HasDebt => DebtShare > 0 || Loan.Sizing is not null;

    /// <summary>How the loan is sized: <see cref="LoanStructure.Sizing"/>, else the share of capex.</summary>
    public DebtSizing Sizing => Loan.Sizing ?? new DebtSizing(DebtSizingMethod.Share, DebtShare);

    /// <summary>
    /// True when the project's net flows are affine in the price: no tax, and a loan whose size and service do not
    /// follow the cash flow (<see cref="LoanStructure.AffineInPrice"/>).
    /// </summary>
    public bool AffineInPrice => !HasTax && Loan.AffineInPrice;

    /// <summary>True when corporate tax is charged; then the project's cash flows are no longer affine in the price.</summary>
    public bool HasTax => TaxRate > 0;

    /// <summary>True when neither debt nor tax is on.</summary>
    public bool IsNone => !HasDebt && !HasTax && Loan.DrawMonths <= 1;

    /// <summary>
    /// True when the debt, if any, is the level-payment loan this record describes (drawn at month 0, level payments
    /// over its term, any balance repaid at the project's end), which the batch engine computes itself
    /// (<see cref="Batch.RentalBatch.Financing"/>). A financing of any other shape must say false: the batch then hands
    /// each scenario to the scalar model.
    /// </summary>
    public bool IsLevelLoan => !Loan.ChangesFlows;

    /// <summary>The IRR's name in tables and charts: project IRR, equity IRR, after-tax project IRR or after-tax equity IRR.</summary>
    public string IrrName => (HasTax ? "after-tax " : "") + (HasDebt ? "equity IRR" : "project IRR");

    /// <summary>Whose return the IRR of the net flows is: the project's, or with debt the equity's; before or after tax.</summary>
    public string IrrBasis => (HasDebt ? "equity (levered)" : "project (unlevered)") + (HasTax ? ", after tax" : ", pre-tax");
}

/// <summary>How the value-based ceiling is set: the incumbent's $/PFLOP-hour at a named precision.</summary>
/// <param name="ReferencePricePerPflopHour">Incumbent rental price, $ per PFLOP-hour.</param>
/// <param name="Basis">Precision (dense or sparse) the reference price is quoted at.</param>
public sealed record CeilingAssumptions(double ReferencePricePerPflopHour, ThroughputBasis Basis);

/// <summary>Overrides of one catalog system's figures made by a scenario.</summary>
public sealed record SystemOverride
{
    /// <summary>
    /// Supplier price of the compute system per GPU as quoted, $: with its HBM and the scale-out NICs that ship in it
    /// (<see cref="BillOfMaterials.QuotedComputeSystem"/>). The catalog's HBM line and NICs at the scenario's tier are
    /// taken out of it again, so the compute system line is this less the catalog's HBM price and NICs.
    /// </summary>
    public double? ComputeSystem { get; init; }
    /// <summary>Supplier gross margin on the compute system.</summary>
    public double? SupplierGrossMargin { get; init; }
    /// <summary>Storage per GPU, $.</summary>
    public double? Storage { get; init; }
    /// <summary>Installation per GPU, $.</summary>
    public double? Installation { get; init; }
    /// <summary>Other capex per GPU, $.</summary>
    public double? Other { get; init; }
    /// <summary>Networking per GPU by tier, $: the tier's total (its components in the catalog no longer apply).</summary>
    public IReadOnlyDictionary<string, double>? NetworkingByTier { get; init; }
    /// <summary>HBM line: the supplier's cost per GB.</summary>
    public double? HbmCostPerGb { get; init; }
    /// <summary>Supplier-priced memory: cost per GB.</summary>
    public double? MemoryCostPerGb { get; init; }
    /// <summary>Supplier-priced memory: gross margin.</summary>
    public double? MemoryGrossMargin { get; init; }
    /// <summary>All-in IT power per GPU, kW.</summary>
    public double? AllInKwPerGpu { get; init; }
    /// <summary>Observed rental price, $/GPU-hour.</summary>
    public double? MarketPricePerGpuHour { get; init; }

    /// <summary>Applies the override to a catalog system.</summary>
    /// <param name="system">The catalog's system.</param>
    /// <param name="networkTier">The scenario's buyer tier, whose NICs the quoted <see cref="ComputeSystem"/> holds.</param>
    public AcceleratorSystem ApplyTo(AcceleratorSystem system, string networkTier)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(networkTier);
        var bom = system.Capex;
        // A quoted compute system holds the catalog's HBM line and the tier's NICs (BillOfMaterials.HeldInQuote); a networking
        // total set here is the tier's whole fabric, NICs included, so a key set to its current value leaves the capex as it was.
        var compute = ComputeSystem is { } quoted ? quoted - bom.HeldInQuote(networkTier) : bom.ComputeSystem;
        var hbm = bom.Hbm is { } h && HbmCostPerGb is { } hc ? h with { CostPerGb = hc } : bom.Hbm;
        var memory = bom.SupplierMemory;
        if (memory is not null && (MemoryCostPerGb is not null || MemoryGrossMargin is not null))
            memory = memory with { CostPerGb = MemoryCostPerGb ?? memory.CostPerGb, GrossMargin = MemoryGrossMargin ?? memory.GrossMargin };
        var networking = bom.NetworkingByTier;
        var components = bom.NetworkingComponentsByTier;
        if (NetworkingByTier is not null)
        {
            var merged = new Dictionary<string, double>(networking, StringComparer.OrdinalIgnoreCase);
            var kept = new Dictionary<string, NetworkingComponents>(components, StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in NetworkingByTier)
            {
                merged[k] = v;
                kept.Remove(k); // a total set by the scenario has no component view
            }
            networking = merged;
            components = kept;
        }
        return system with
        {
            AllInKwPerGpu = AllInKwPerGpu ?? system.AllInKwPerGpu,
            MarketPricePerGpuHour = MarketPricePerGpuHour ?? system.MarketPricePerGpuHour,
            Capex = bom with
            {
                ComputeSystem = compute,
                Hbm = hbm,
                NetworkingComponentsByTier = components,
                SupplierGrossMargin = SupplierGrossMargin ?? bom.SupplierGrossMargin,
                Storage = Storage ?? bom.Storage,
                Installation = Installation ?? bom.Installation,
                Other = Other ?? bom.Other,
                SupplierMemory = memory,
                NetworkingByTier = networking,
            },
        };
    }
}

/// <summary>
/// A complete, immutable set of assumptions: the financial and operating rates shared by all systems,
/// the contract, the hurdle, the ceiling, and per-system overrides of the catalog.
/// Variants are made with <c>with</c>.
/// </summary>
public sealed record Scenario
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }
    /// <summary>What the scenario represents.</summary>
    public required string Description { get; init; }
    /// <summary>TCO financing.</summary>
    public required FinanceAssumptions Finance { get; init; }
    /// <summary>Unit operating rates.</summary>
    public required OperatingAssumptions Operations { get; init; }
    /// <summary>Rental contract terms.</summary>
    public required ContractTerms Contract { get; init; }
    /// <summary>Debt and corporate tax on the rental project (none unless the scenario sets them).</summary>
    public ProjectFinancing Financing { get; init; } = ProjectFinancing.None;
    /// <summary>The asset's life after the first contract (off unless the scenario sets it: the life ends with the contract).</summary>
    public AssetLifeAssumptions AssetLife { get; init; } = AssetLifeAssumptions.Off;
    /// <summary>Neocloud hurdle rate: annual effective project IRR required to greenlight.</summary>
    public required double HurdleRate { get; init; }
    /// <summary>Value-based ceiling reference.</summary>
    public required CeilingAssumptions Ceiling { get; init; }
    /// <summary>Buyer tier for networking prices.</summary>
    public required string NetworkTier { get; init; }
    /// <summary>System price multipliers drawn on the One Chart.</summary>
    public required IReadOnlyList<double> ChartMultipliers { get; init; }
    /// <summary>Systems shown by the report.</summary>
    public required IReadOnlyList<string> ReportSystems { get; init; }
    /// <summary>Per-system overrides of catalog figures, keyed by system id.</summary>
    public required IReadOnlyDictionary<string, SystemOverride> Systems { get; init; }

    /// <summary>
    /// The catalog with this scenario's per-system overrides applied. A compute system override prices the board: a
    /// system on the same board (<see cref="AcceleratorSystem.Board"/>) without an override of its own takes the same
    /// compute system without HBM, so that the same GPU with more or newer HBM never costs less.
    /// </summary>
    public HardwareCatalog ApplyTo(HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = catalog;
        foreach (var (id, o) in Systems)
        {
            if (catalog.TryGet(id, out var system)) result = result.With(o.ApplyTo(system, NetworkTier));
        }
        foreach (var board in catalog.Systems.Where(s => s.Board is not null).GroupBy(s => s.Board, StringComparer.OrdinalIgnoreCase))
        {
            var priced = board.FirstOrDefault(s => Systems.TryGetValue(s.Id, out var o) && o.ComputeSystem is not null);
            if (priced is null) continue;
            var compute = result.Get(priced.Id).Capex.ComputeSystem;
            foreach (var s in board.Where(s => !(Systems.TryGetValue(s.Id, out var o) && o.ComputeSystem is not null)))
            {
                var current = result.Get(s.Id);
                result = result.With(current with { Capex = current.Capex with { ComputeSystem = compute } });
            }
        }
        return result;
    }
}
