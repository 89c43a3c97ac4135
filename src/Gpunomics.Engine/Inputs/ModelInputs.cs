namespace Gpunomics.Inputs;

/// <summary>
/// Every numeric input the model takes, declared once (methodology: "Inputs"). Flags, scenario-file keys,
/// API query parameters and Monte Carlo distributions are all checked against these declarations.
/// </summary>
public static class ModelInputs
{
    private static ModelInput Make(string name, string description, InputUnit unit, InputRange range, string @default) => new(name, description, unit, range, @default);

    /// <summary>Rental price, $ per GPU-hour.</summary>
    public static ModelInput Price { get; } = Make("price", "rental price", InputUnit.DollarsPerGpuHour, new(0, 10_000),
        "the system's market price, else its floor") with { Flag = "--price", Api = true, Distribution = true };

    /// <summary>System price over today's (1.0 = today's price).</summary>
    public static ModelInput SystemPriceMultiplier { get; } = Make("systemPriceMultiplier", "system price over today's", InputUnit.Multiplier, new(0, 100, MinExclusive: true),
        "1.0 (today's price)") with { Flag = "--system-price-multiplier", Api = true, Distribution = true };

    /// <summary>Operating cost over the scenario's (Monte Carlo and sensitivity only).</summary>
    public static ModelInput OpexMultiplier { get; } = Make("opexMultiplier", "operating cost over the scenario's", InputUnit.Multiplier, new(0, 100),
        "1.0") with { Distribution = true };

    /// <summary>Contract term, months.</summary>
    public static ModelInput TermMonths { get; } = Make("termMonths", "contract term", InputUnit.Months, new(1, 600),
        "60") with { Flag = "--term-months", ScenarioKey = "contract.termMonths", Api = true, Distribution = true, Whole = true, Source = "published: a 5-year contract" };

    /// <summary>Prepayment, share of total contract value.</summary>
    public static ModelInput Prepay { get; } = Make("prepay", "prepayment, share of total contract value", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "0.15") with { Flag = "--prepay", ScenarioKey = "contract.prepayShare", Api = true, Distribution = true, Source = "published: 15% prepay" };

    /// <summary>Share of contracted hours billed (1.0 = take-or-pay).</summary>
    public static ModelInput Utilization { get; } = Make("utilization", "billed utilization, share of contracted hours", InputUnit.Share, new(0, 1, MinExclusive: true),
        "1.0 (take-or-pay)") with { ScenarioKey = "contract.billedUtilization", Distribution = true };

    /// <summary>Resale value at the end of the contract, share of capex.</summary>
    public static ModelInput Residual { get; } = Make("residual", "residual value at the contract's end, share of capex", InputUnit.Share, new(0, 1),
        "0") with { ScenarioKey = "contract.residualValueShare", Distribution = true };

    /// <summary>Months between paying capex and the first bill.</summary>
    public static ModelInput SetupMonths { get; } = Make("setupMonths", "setup months before the first bill", InputUnit.Months, new(0, 120),
        "0") with { Distribution = true, ScenarioKey = "contract.setupMonths", Whole = true };

    /// <summary>Hurdle IRR, annual.</summary>
    public static ModelInput Hurdle { get; } = Make("hurdle", "hurdle IRR, annual (the equity's with debt)", InputUnit.Rate, new(-0.99, 10),
        "0.156") with { Flag = "--hurdle", ScenarioKey = "hurdleRate", Api = true, Distribution = true, Source = "published: GB300's 15.6% project IRR" };

    /// <summary>Share of capex borrowed.</summary>
    public static ModelInput DebtShare { get; } = Make("debtShare", "share of capex borrowed", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "0 (no debt)") with { Flag = "--debt-share", ScenarioKey = "debt.share", Api = true };

    /// <summary>Annual interest rate on the loan; required whenever there is debt.</summary>
    public static ModelInput DebtRate { get; } = Make("debtRate", "annual interest rate on the loan", InputUnit.Rate, new(0, 1),
        "none: required with debt, unless debt.credit sets it") with { Flag = "--debt-rate", ScenarioKey = "debt.rate", Api = true };

    /// <summary>Months over which the loan is repaid.</summary>
    public static ModelInput DebtTermMonths { get; } = Make("debtTermMonths", "loan term", InputUnit.Months, new(1, 600),
        "the contract term") with { ScenarioKey = "debt.termMonths", Whole = true };

    /// <summary>Months from month 1 in which only the loan's interest is paid.</summary>
    public static ModelInput DebtInterestOnlyMonths { get; } = Make("debtInterestOnlyMonths", "interest-only months of the loan, from month 1", InputUnit.Months, new(0, 600),
        "0") with { ScenarioKey = "debt.interestOnlyMonths", Whole = true };

    /// <summary>The DSCR a sculpted loan's debt service is set to.</summary>
    public static ModelInput DebtTargetDscr { get; } = Make("debtTargetDscr", "target DSCR of a sculpted loan (debt service = CFADS / target)", InputUnit.Ratio, new(0, 100, MinExclusive: true),
        "none: required with debt.repayment \"sculpted\"") with { ScenarioKey = "debt.targetDscr" };

    /// <summary>The minimum DSCR a loan is sized to: the largest loan meeting it.</summary>
    public static ModelInput DebtMinDscr { get; } = Make("debtMinDscr", "loan sized as the largest with every repayment month's DSCR at least this, capped at debt.maxLtv (default 75% of capex)", InputUnit.Ratio, new(0, 100, MinExclusive: true),
        "none (the loan is debt.share of capex)") with { ScenarioKey = "debt.minDscr" };

    /// <summary>The maximum loan-to-value a loan is sized to, or (with <see cref="DebtMinDscr"/>) the cap on the DSCR's loan.</summary>
    public static ModelInput DebtMaxLtv { get; } = Make("debtMaxLtv", "loan sized as this loan-to-value against capex or the contract's value (debt.ltvBasis); with debt.minDscr, the cap on its loan", InputUnit.Share, new(0, 1, MinExclusive: true),
        "none (the loan is debt.share of capex)") with { ScenarioKey = "debt.maxLtv" };

    /// <summary>Months over which capex is spent and the loan drawn, from month 0.</summary>
    public static ModelInput DebtDrawMonths { get; } = Make("debtDrawMonths", "months over which capex is spent and any loan drawn with it, in equal parts from month 0", InputUnit.Months, new(1, 25),
        "1 (all at month 0)") with { ScenarioKey = "debt.drawMonths", Whole = true, Source = "a choice: deployment over at most two years after month 0; no later than the project's last month" };

    /// <summary>Term SOFR assumed when the loan's rate is set by the renter's credit.</summary>
    public static ModelInput DebtSofr { get; } = Make("debtSofr", "term SOFR under a rate set by debt.credit (nominal, held flat)", InputUnit.Rate, new(0, 0.5),
        "0.0415") with { ScenarioKey = "debt.sofr", Source = "assumed: one-month CME term SOFR in early October 2025, after the 17 September 2025 cut to 4.00-4.25%" };

    /// <summary>DSCR covenant: the lowest DSCR allowed in a repayment month.</summary>
    public static ModelInput DebtCovenantMinDscr { get; } = Make("debtCovenantMinDscr", "DSCR covenant: lowest DSCR allowed in a repayment month", InputUnit.Ratio, new(0, 100, MinExclusive: true),
        "none (not tested)") with { ScenarioKey = "debt.covenantMinDscr" };

    /// <summary>LTV covenant: the highest balance over asset value allowed.</summary>
    public static ModelInput DebtCovenantMaxLtv { get; } = Make("debtCovenantMaxLtv", "LTV covenant: highest closing balance over the straight-line asset value", InputUnit.Share, new(0, 1, MinExclusive: true),
        "none (not tested)") with { ScenarioKey = "debt.covenantMaxLtv" };

    /// <summary>Corporate tax rate on positive income.</summary>
    public static ModelInput TaxRate { get; } = Make("taxRate", "corporate tax rate on positive income", InputUnit.Rate, new(0, 1, MaxExclusive: true),
        "0 (pre-tax)") with { Flag = "--tax-rate", ScenarioKey = "tax.rate", Api = true };

    /// <summary>Straight-line tax depreciation period, years.</summary>
    public static ModelInput DepreciationYears { get; } = Make("depreciationYears", "straight-line tax depreciation", InputUnit.Years, new(0, 50, MinExclusive: true),
        "5") with { ScenarioKey = "tax.depreciationYears", Source = "US tax class life of computers" };

    /// <summary>Useful life of the asset from its capex, years: re-leased after the first contract until then, then sold.</summary>
    public static ModelInput AssetLifeYears { get; } = Make("assetLifeYears", "asset life: useful life from the capex, re-leased after the first contract until then", InputUnit.Years, new(0, 30, MinExclusive: true),
        "off: the life ends with the first contract") with { Flag = "--compare-lives", ScenarioKey = "assetLife.usefulLifeYears", Distribution = true, MaxCount = 8, Source = "a choice: 6 years (Microsoft, Alphabet, CoreWeave), 5 (Amazon for a subset since 2025), 4 (Nebius)" };

    /// <summary>Re-lease price by year of age, $ per GPU-hour.</summary>
    public static ModelInput ReleasePrice { get; } = Make("releasePrice", "asset life: re-lease price by year of age (first item: year 1)", InputUnit.DollarsPerGpuHour, new(0, 10_000),
        "the forward curve (assetLife.releasePriceSource)") with { ScenarioKey = "assetLife.releasePricesPerGpuHour[]", MaxCount = 30 };

    /// <summary>How far below the launch trend re-leases are priced, a share of the trend.</summary>
    public static ModelInput ReleaseBelowTrend { get; } = Make("releaseBelowTrend", "asset life: re-lease price from the launch trend, share below the trend", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "0 (on trend)") with { ScenarioKey = "assetLife.releaseBelowTrend", Distribution = true, Source = "the launch trend is fitted to on-demand list prices at launch; contract prices sit below them" };

    /// <summary>How far below the market's forward curve re-leases are priced, a share of the curve.</summary>
    public static ModelInput ReleaseBelowCurve { get; } = Make("releaseBelowCurve", "asset life: re-lease price from the forward curve, share below the curve", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "0 (on the curve)") with { ScenarioKey = "assetLife.releaseBelowCurve", Distribution = true, Source = "the shipped curve is fitted to on-demand prices; a re-lease contract may sit below them" };

    /// <summary>Billed utilization of re-leased and spot hours.</summary>
    public static ModelInput ReleaseUtilization { get; } = Make("releaseUtilization", "asset life: billed utilization of re-leased and spot hours", InputUnit.Share, new(0, 1, MinExclusive: true),
        "0.8") with { ScenarioKey = "assetLife.releaseUtilization", Distribution = true, Source = "estimate: shorter re-leases and on-demand sales leave idle gaps that a take-or-pay contract does not" };

    /// <summary>Months over which the first contract's billing ramps up.</summary>
    public static ModelInput RampMonths { get; } = Make("rampMonths", "asset life: months over which the first contract's billing ramps up", InputUnit.Months, new(0, 120),
        "0 (no ramp)") with { ScenarioKey = "assetLife.rampMonths", Distribution = true, Whole = true };

    /// <summary>Share of the full billing in the ramp's first month.</summary>
    public static ModelInput RampStartShare { get; } = Make("rampStartShare", "asset life: share of the full billing in the ramp's first month", InputUnit.Share, new(0, 1),
        "0") with { ScenarioKey = "assetLife.rampStartShare", Distribution = true };

    /// <summary>Share of the GPU's hours the first contract leaves uncontracted.</summary>
    public static ModelInput UncontractedShare { get; } = Make("uncontractedShare", "asset life: share of the hours the first contract leaves uncontracted, sold at the spot price", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "0") with { ScenarioKey = "assetLife.uncontractedShare", Distribution = true };

    /// <summary>Spot price of the uncontracted hours, $ per GPU-hour.</summary>
    public static ModelInput SpotPrice { get; } = Make("spotPrice", "asset life: spot price of the uncontracted hours", InputUnit.DollarsPerGpuHour, new(0, 10_000),
        "the re-lease price at that age") with { ScenarioKey = "assetLife.spotPricePerGpuHour", Distribution = true };

    /// <summary>Resale value at the life's end over the residual curve's (Monte Carlo and sensitivity only, with an asset life).</summary>
    public static ModelInput ResidualCurveMultiplier { get; } = Make("residualCurveMultiplier", "asset life: resale value at the life's end over the residual curve's", InputUnit.Multiplier, new(0, 100),
        "1.0 (the curve)") with { Distribution = true };

    /// <summary>Resale value by year of age, share of capex.</summary>
    public static ModelInput ResidualCurveShare { get; } = Make("residualCurve", "asset life: resale value at the end of each year of age (first item: year 1), share of capex", InputUnit.Share, new(0, 1),
        "62.5%, 42.5%, 30%, 17.5%, 12.5%, 10%") with { ScenarioKey = "assetLife.residualCurve[]", MaxCount = 30, Source = "estimate from dated H100/A100 resale evidence (methodology: 'Asset life')" };

    /// <summary>When month 0 falls, as a fractional year, for the re-lease prices of the forward curve or the launch trend.</summary>
    public static ModelInput StartYear { get; } = Make("startYear", "asset life: the year of month 0 (capex), for the re-lease prices of the forward curve or the launch trend", InputUnit.Years, new(2000, 2100),
        "the system's launch") with { ScenarioKey = "assetLife.startYear" };

    /// <summary>Ceiling reference: the incumbent's rental price per PFLOP-hour.</summary>
    public static ModelInput ReferencePricePerPflopHour { get; } = Make("referencePricePerPflopHour", "ceiling reference, the incumbent's price per PFLOP-hour", InputUnit.DollarsPerPflopHour, new(0, 1000, MinExclusive: true),
        "0.70 (FP8 dense)") with { Flag = "--reference-price-per-pflop-hour", ScenarioKey = "ceiling.referencePricePerPflopHour", Api = true, Source = "published: 5-year GB300 rentals at $0.70 per PFLOP-hour" };

    /// <summary>How far below the launch trend the ceiling's reference is taken, a share of the trend.</summary>
    public static ModelInput BelowTrend { get; } = Make("belowTrend", "ceiling from the launch trend: share below the trend", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "0 (on trend)") with { Flag = "--below-trend", Api = true };

    /// <summary>Owner's annual cost of capital for the TCO capital charge.</summary>
    public static ModelInput CostOfCapital { get; } = Make("costOfCapital", "owner's cost of capital (TCO)", InputUnit.Rate, new(0, 1),
        "the owner profile's (finance.owner)") with { ScenarioKey = "finance.costOfCapital", Source = "by owner from public filings: hyperscaler 8%, large neocloud 11%, emerging neocloud 15% (methodology: 'Default assumptions and their sources')" };

    /// <summary>Useful life over which the TCO recovers capex, years.</summary>
    public static ModelInput UsefulLifeYears { get; } = Make("usefulLifeYears", "useful life (TCO)", InputUnit.Years, new(1, 30),
        "6") with { ScenarioKey = "finance.usefulLifeYears", Source = "a choice: 6 years (Microsoft since FY2023, Alphabet since 2023, CoreWeave); Amazon 5 for a subset of servers since 2025; Nebius 4" };

    /// <summary>Value left at the end of the useful life (TCO), share of capex.</summary>
    public static ModelInput TcoResidual { get; } = Make("tcoResidual", "residual value at the useful life's end (TCO), share of capex", InputUnit.Share, new(0, 1),
        "0") with { ScenarioKey = "finance.residualValueShare" };

    /// <summary>Electricity price, $/kWh.</summary>
    public static ModelInput ElectricityPrice { get; } = Make("electricityPricePerKwh", "electricity price", InputUnit.DollarsPerKwh, new(0, 10),
        "0.08") with { Distribution = true, ScenarioKey = "operations.electricityPricePerKwh", Source = "US average industrial retail price (US EIA, 2025)" };

    /// <summary>Power usage effectiveness.</summary>
    public static ModelInput Pue { get; } = Make("pue", "power usage effectiveness (facility / IT power)", InputUnit.Ratio, new(1, 3),
        "1.25") with { Distribution = true, ScenarioKey = "operations.pue", Source = "direct liquid-cooled AI halls run 1.1-1.3" };

    /// <summary>Average power drawn while busy, share of all-in nameplate power.</summary>
    public static ModelInput PowerDrawShare { get; } = Make("powerDrawShare", "average power drawn while busy, share of all-in nameplate IT power", InputUnit.Share, new(0, 1, MinExclusive: true),
        "0.76") with { Distribution = true, ScenarioKey = "operations.powerDrawShare", Source = "8-GPU H100 node training LLMs at 76% of its 10.2 kW rating (Brookhaven measurements, arXiv:2506.14551, June 2025)" };

    /// <summary>Power drawn while idle, share of the busy draw.</summary>
    public static ModelInput IdlePowerShare { get; } = Make("idlePowerShare", "power drawn while idle (unbilled hours), share of the busy draw", InputUnit.Share, new(0, 1),
        "0.25") with { Distribution = true, ScenarioKey = "operations.idlePowerShare", Source = "estimate: an idle GPU draws ~15% of its TDP (H100: ~100 W of 700 W); CPUs, fans, NICs and switches keep drawing" };

    /// <summary>Colocation charge, $ per kW-month.</summary>
    public static ModelInput Colocation { get; } = Make("colocationPerKwMonth", "colocation or datacenter charge", InputUnit.DollarsPerKwMonth, new(0, 10_000),
        "175") with { Distribution = true, ScenarioKey = "operations.colocationPerKwMonth", Source = "CBRE North America Data Center Trends: $184.06/kW-month for 250-500 kW in primary markets (H2 2024, Feb 2025), $194.95 (H2 2025); ~10% less for multi-MW leases" };

    /// <summary>Maintenance and support, share of capex per year.</summary>
    public static ModelInput Maintenance { get; } = Make("maintenanceShareOfCapexPerYear", "maintenance and support, share of capex per year", InputUnit.Share, new(0, 1),
        "0.01") with { Distribution = true, ScenarioKey = "operations.maintenanceShareOfCapexPerYear", Source = "Epoch AI (May 2026): a 1-GW AI data center's non-energy opex is ~$0.3B a year on $38B of capex (~0.8%); OEM warranty covers the first years" };

    /// <summary>Property insurance, share of capex per year.</summary>
    public static ModelInput Insurance { get; } = Make("insuranceShareOfCapexPerYear", "property insurance on the equipment, share of capex per year", InputUnit.Share, new(0, 1),
        "0.003") with { Distribution = true, ScenarioKey = "operations.insuranceShareOfCapexPerYear", Source = "estimate: commercial property rates of 0.2-0.5% of insured value a year for fire-protected data-center equipment" };

    /// <summary>A system price multiplier drawn as a One Chart curve.</summary>
    public static ModelInput ChartMultiplier { get; } = Make("multipliers", "system price multiplier of a One Chart curve", InputUnit.Multiplier, new(0, 10, MinExclusive: true),
        "1.0, 1.2, 1.4") with { Flag = "--multipliers", ScenarioKey = "chartMultipliers[]", Api = true, MaxCount = 12 };

    /// <summary>Serving throughput, total tokens per second per GPU.</summary>
    public static ModelInput TokensPerSecondPerGpu { get; } = Make("tokensPerSecondPerGpu", "throughput, tokens per second per GPU", InputUnit.Count, new(0, 1e7, MinExclusive: true),
        "measured at the interactivity (value chain)") with { Flag = "--tokens-per-second-per-gpu", Api = true };

    /// <summary>TCO per GPU-hour given directly instead of a system's.</summary>
    public static ModelInput TcoPerGpuHour { get; } = Make("tcoPerGpuHour", "TCO per GPU-hour, instead of a system's", InputUnit.DollarsPerGpuHour, new(0, 1e4, MinExclusive: true),
        "the system's TCO") with { Flag = "--tco-per-gpu-hour", Api = true };

    /// <summary>Model-FLOPs utilization: the share of the marketed dense PFLOPS a workload actually uses.</summary>
    public static ModelInput Mfu { get; } = Make("mfu", "model-FLOPs utilization, share of the marketed dense PFLOPS used", InputUnit.Share, new(0, 1, MinExclusive: true),
        "none: the MFU-effective cost is shown only when given") with { Flag = "--mfu", Api = true };

    /// <summary>Interactivity, tokens per second per user.</summary>
    public static ModelInput Interactivity { get; } = Make("interactivity", "interactivity, tokens per second per user", InputUnit.Count, new(0, 1e6, MinExclusive: true),
        "20 (comparisons and value chain)") with { Flag = "--interactivity", Api = true };

    /// <summary>The incumbent's rental price per GPU-hour, for a ceiling from a reference system.</summary>
    public static ModelInput ReferencePrice { get; } = Make("referencePrice", "the incumbent's rental price", InputUnit.DollarsPerGpuHour, new(0, 10_000, MinExclusive: true),
        "none") with { Flag = "--reference-price" };

    /// <summary>Input tokens per output token.</summary>
    public static ModelInput TokenRatio { get; } = Make("ratio", "input tokens per output token", InputUnit.Ratio, new(0, 1e6),
        "the pricing workload's: 8 for served (dsr1 8k/1k), 300 for agentic-coding") with { Flag = "--ratio", Api = true };

    /// <summary>Share of input tokens read from the cache.</summary>
    public static ModelInput CacheHit { get; } = Make("cacheHit", "share of input tokens read from the cache", InputUnit.Share, new(0, 1),
        "the pricing workload's: 0 for served, 0.92 for agentic-coding") with { Flag = "--cache-hit", Api = true };

    /// <summary>Share of uncached input written to the cache.</summary>
    public static ModelInput CacheWriteShare { get; } = Make("cacheWriteShare", "share of uncached input written to the cache", InputUnit.Share, new(0, 1),
        "the pricing workload's: 0 for served, 1.0 for agentic-coding") with { Flag = "--cache-write-share", Api = true };

    /// <summary>Share of cache writes kept at the long (one-hour) retention.</summary>
    public static ModelInput CacheWriteLongShare { get; } = Make("cacheWriteLongShare", "share of cache writes at the long (one-hour) retention", InputUnit.Share, new(0, 1),
        "0: every write at the short (five-minute) retention") with { Flag = "--cache-write-long-share", Api = true };

    /// <summary>A token price, $ per million tokens.</summary>
    public static ModelInput TokenPrice { get; } = Make("tokenPrice", "a price sheet's price (input, output, cache read, cache write)", InputUnit.DollarsPerMillionTokens, new(0, 1e5),
        "the named sheet's") with { Flag = "--input, --output, --cache-read, --cache-write, --cache-write-long" };

    /// <summary>Memory supplier cost, $/GB.</summary>
    public static ModelInput MemoryPrice { get; } = Make("memoryPricePerGb", "CPU-side memory supplier cost", InputUnit.DollarsPerGb, new(0, 1000),
        "10 (cost assumption)") with { Distribution = true, Flag = "--memory-price-per-gb", ScenarioKey = "systems.<id>.memoryCostPerGb", Source = "data/memory-prices.json" };

    /// <summary>Supplier gross margin on memory.</summary>
    public static ModelInput MemoryMargin { get; } = Make("memoryMargin", "supplier gross margin on memory", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "the catalog's") with { Distribution = true, Flag = "--memory-margin", ScenarioKey = "systems.<id>.memoryGrossMargin" };

    /// <summary>HBM supplier cost, $/GB (the HBM line).</summary>
    public static ModelInput HbmPrice { get; } = Make("hbmPricePerGb", "HBM supplier cost", InputUnit.DollarsPerGb, new(0, 1000),
        "the catalog's (its HBM type's price path at 2026Q4)") with { Flag = "--hbm-price-per-gb", Distribution = true, ScenarioKey = "systems.<id>.hbmCostPerGb", Source = "data/memory-prices.json" };

    /// <summary>Supplier price of the compute system per GPU as quoted, with its HBM and scale-out NICs (a scenario's override of the catalog).</summary>
    public static ModelInput ComputeSystem { get; } = Make("computeSystem", "compute system (board, CPU, GPU) per GPU as the supplier quotes it, with its HBM and scale-out NICs", InputUnit.Dollars, new(0, 1e8),
        "the catalog's") with { Distribution = true, ScenarioKey = "systems.<id>.computeSystem", Source = "calibrated for h100, gb300-nvl72, vr-nvl72 (gpunomics calibrate)" };

    /// <summary>Supplier gross margin on the compute system.</summary>
    public static ModelInput SupplierGrossMargin { get; } = Make("supplierGrossMargin", "supplier gross margin on the compute system", InputUnit.Share, new(0, 1, MaxExclusive: true),
        "the catalog's") with { ScenarioKey = "systems.<id>.supplierGrossMargin", Source = "NVIDIA's reported gross margin (mid-70s) for NVIDIA systems" };

    /// <summary>Storage per GPU.</summary>
    public static ModelInput Storage { get; } = Make("storage", "storage per GPU", InputUnit.Dollars, new(0, 1e8),
        "the catalog's") with { Distribution = true, ScenarioKey = "systems.<id>.storage" };

    /// <summary>Installation and integration per GPU.</summary>
    public static ModelInput Installation { get; } = Make("installation", "installation and integration per GPU", InputUnit.Dollars, new(0, 1e8),
        "the catalog's") with { Distribution = true, ScenarioKey = "systems.<id>.installation" };

    /// <summary>Other capex per GPU.</summary>
    public static ModelInput OtherCapex { get; } = Make("otherCapex", "other capex per GPU", InputUnit.Dollars, new(0, 1e8),
        "the catalog's") with { Distribution = true, ScenarioKey = "systems.<id>.other" };

    /// <summary>Networking per GPU at the scenario's buyer tier (the scenario file gives one price per tier).</summary>
    public static ModelInput Networking { get; } = Make("networking", "networking per GPU at the scenario's buyer tier", InputUnit.Dollars, new(0, 1e8),
        "the catalog's") with { Distribution = true, ScenarioKey = "systems.<id>.networking.<tier>" };

    /// <summary>All-in IT power per GPU.</summary>
    public static ModelInput AllInKwPerGpu { get; } = Make("allInKwPerGpu", "all-in IT power per GPU (its share of CPU, NICs, switches, fans)", InputUnit.Kilowatts, new(0, 100, MinExclusive: true),
        "the catalog's") with { Distribution = true, ScenarioKey = "systems.<id>.allInKwPerGpu" };

    /// <summary>Observed market rental price of a system.</summary>
    public static ModelInput MarketPrice { get; } = Make("marketPricePerGpuHour", "observed market rental price", InputUnit.DollarsPerGpuHour, new(0, 1000, MinExclusive: true),
        "the catalog's") with { ScenarioKey = "systems.<id>.marketPricePerGpuHour" };

    /// <summary>Foundry wafer price change, $ per wafer.</summary>
    public static ModelInput WaferPriceChange { get; } = Make("waferPriceChange", "foundry wafer price change, per wafer", InputUnit.Dollars, new(-1e6, 1e6),
        "0") with { Flag = "--wafer-price-change" };

    /// <summary>Compute dies per GPU package.</summary>
    public static ModelInput DiesPerGpu { get; } = Make("diesPerGpu", "compute dies per GPU package", InputUnit.Count, new(0, 64, MinExclusive: true),
        "none") with { Flag = "--dies-per-gpu" };

    /// <summary>Good dies per wafer, after yield.</summary>
    public static ModelInput GoodDiesPerWafer { get; } = Make("goodDiesPerWafer", "good dies per wafer, after yield", InputUnit.Count, new(0, 100_000, MinExclusive: true),
        "none") with { Flag = "--good-dies-per-wafer" };

    /// <summary>Relative change of each input in a sensitivity tornado.</summary>
    public static ModelInput SensitivityRange { get; } = Make("range", "relative change of each input in the tornado (0.2 = ±20%)", InputUnit.Share, new(0, 1, MinExclusive: true, MaxExclusive: true),
        "0.2") with { Flag = "--range", Api = true };

    /// <summary>Monte Carlo scenarios of one web request, bounded so that one request's work stays bounded (the command line allows more).</summary>
    public static ModelInput ApiScenarios { get; } = Make("scenarios", "Monte Carlo scenarios of one web request", InputUnit.Count, new(1, 200_000),
        "10000") with { Api = true, Whole = true };

    /// <summary>Random seed of a Monte Carlo run: every whole number a double holds exactly; the same seed gives the same results.</summary>
    public static ModelInput Seed { get; } = Make("seed", "random seed of a Monte Carlo run", InputUnit.Count, new(0, 9_007_199_254_740_991),
        "1") with { Flag = "--seed", Api = true, Whole = true };

    /// <summary>Discount rate of a set of cash flows (NPV, XNPV; the hurdle of their IRR), annual effective.</summary>
    public static ModelInput DiscountRate { get; } = Make("rate", "cash flows: discount rate, annual effective (NPV, XNPV; the hurdle of IRR and XIRR)", InputUnit.Rate, new(-0.99, 10),
        "none: NPV needs it") with { Flag = "--rate" };

    /// <summary>Rate at which the outflows of a set of cash flows are financed (MIRR), annual effective.</summary>
    public static ModelInput FinanceRate { get; } = Make("financeRate", "cash flows: MIRR finance rate, annual effective", InputUnit.Rate, new(-0.99, 10),
        "the discount rate") with { Flag = "--finance-rate" };

    /// <summary>Rate at which the inflows of a set of cash flows are reinvested (MIRR), annual effective.</summary>
    public static ModelInput ReinvestRate { get; } = Make("reinvestRate", "cash flows: MIRR reinvestment rate, annual effective", InputUnit.Rate, new(-0.99, 10),
        "the discount rate") with { Flag = "--reinvest-rate" };

    /// <summary>Periods in a year of periodic cash flows (12: monthly).</summary>
    public static ModelInput PeriodsPerYear { get; } = Make("periodsPerYear", "cash flows: periods in a year of periodic flows", InputUnit.Count, new(1, 366),
        "12 (monthly)") with { Flag = "--periods-per-year", Whole = true };

    /// <summary>Months a forward curve runs ahead.</summary>
    public static ModelInput ForwardMonths { get; } = Make("months", "months the forward curve runs ahead", InputUnit.Months, new(0, 120),
        "36") with { Flag = "--months", Api = true, Whole = true };

    /// <summary>The user's price change per year of age, instead of the fitted decay.</summary>
    public static ModelInput AnnualPriceChange { get; } = Make("annualChange", "forward curve: price change per year of age, instead of the fitted decay (-0.3 = 30% cheaper each year)", InputUnit.Rate, new(-1, 10, MinExclusive: true),
        "the fitted decay") with { Flag = "--annual-change", Api = true };

    /// <summary>The user's price at the start of a forward curve.</summary>
    public static ModelInput StartPrice { get; } = Make("startPrice", "forward curve: price at month 0, instead of the system's level", InputUnit.DollarsPerGpuHour, new(0, 10_000, MinExclusive: true),
        "the system's level from its observations, else the launch trend") with { Flag = "--start-price", Api = true };

    /// <summary>Volatility of market paths: sigma of ln price per square-root year.</summary>
    public static ModelInput MarketVolatility { get; } = Make("volatility", "market paths: standard deviation of ln price per square-root year (0.5 = ±50% in ln over a year of a random walk)", InputUnit.Ratio, new(0, 5),
        "fitted to the observations, else the decay fit's residual sd") with { Flag = "--volatility" };

    /// <summary>Mean reversion of market paths: kappa per year.</summary>
    public static ModelInput MeanReversion { get; } = Make("meanReversion", "market paths: pull of the deviation back to the forward curve, per year (half-life ln 2 / kappa; 0 = random walk)", InputUnit.Ratio, new(0, 100),
        "0") with { Flag = "--mean-reversion" };

    /// <summary>Correlation of two systems' market shocks.</summary>
    public static ModelInput MarketCorrelation { get; } = Make("systemCorrelation", "market paths: correlation of two systems' price shocks (one market factor)", InputUnit.Share, new(0, 1),
        "fitted to one source's price changes of several systems, else 1") with { Flag = "--system-correlation" };

    /// <summary>Every declaration, in the order of the methodology's table.</summary>
    public static IReadOnlyList<ModelInput> All { get; } =
    [
        Price, SystemPriceMultiplier, OpexMultiplier, TermMonths, Prepay, Utilization, Residual, SetupMonths, Hurdle,
        DebtShare, DebtRate, DebtTermMonths, DebtInterestOnlyMonths, DebtTargetDscr, DebtMinDscr, DebtMaxLtv, DebtDrawMonths, DebtSofr,
        DebtCovenantMinDscr, DebtCovenantMaxLtv, TaxRate, DepreciationYears,
        AssetLifeYears, ReleasePrice, ReleaseBelowTrend, ReleaseBelowCurve, ReleaseUtilization, RampMonths, RampStartShare, UncontractedShare, SpotPrice, ResidualCurveShare, ResidualCurveMultiplier, StartYear,
        ReferencePricePerPflopHour, BelowTrend,
        CostOfCapital, UsefulLifeYears, TcoResidual, ElectricityPrice, Pue, PowerDrawShare, IdlePowerShare, Colocation, Maintenance, Insurance, ChartMultiplier,
        TokensPerSecondPerGpu, TcoPerGpuHour, Mfu, Interactivity, ReferencePrice, TokenRatio, CacheHit, CacheWriteShare, CacheWriteLongShare, TokenPrice,
        ComputeSystem, SupplierGrossMargin, Networking, Storage, Installation, OtherCapex, AllInKwPerGpu, MarketPrice,
        MemoryPrice, MemoryMargin, HbmPrice, WaferPriceChange, DiesPerGpu, GoodDiesPerWafer, SensitivityRange, ApiScenarios, Seed,
        DiscountRate, FinanceRate, ReinvestRate, PeriodsPerYear, ForwardMonths, AnnualPriceChange, StartPrice, MarketVolatility, MeanReversion, MarketCorrelation,
    ];

    /// <summary>The declaration with <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelInput? Find(string name) => All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}
