using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gpunomics.Calibration;
using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Comparison;
using Gpunomics.Financing;
using Gpunomics.Inputs;
using Gpunomics.MonteCarlo;
using Gpunomics.OneChart;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;
using Gpunomics.Sensitivity;
using Gpunomics.Tco;
using Gpunomics.ValueChain;

namespace Gpunomics.Contracts;

/// <summary>JSON serialization of the contract objects: camelCase, indented.</summary>
public static class ContractJson
{
    /// <summary>The options both shells use.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Applies the contract's settings to <paramref name="options"/> (for ASP.NET's serializer too).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.WriteIndented = true;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // The chart's serialization is generated at build time; other contracts are read by reflection.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ChartJsonContext.Default, options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        return options;
    }

    /// <summary>One object as JSON text.</summary>
    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}

/// <summary>The result objects, field by field, as the command line's --json and the web API give them.</summary>
public static class Contract
{
    /// <summary>The catalog.</summary>
    public static object Systems(HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new { catalogVersion = catalog.Version, systems = catalog.Systems.Select(System).ToList() };
    }

    /// <summary>One catalog system.</summary>
    public static object System(AcceleratorSystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new
        {
            id = s.Id,
            name = s.Name,
            vendor = s.Vendor,
            launchQuarter = s.Launch.ToString(),
            gpusPerSystem = s.GpusPerSystem,
            denseTflops = s.DenseTflops.ToDictionary(kv => PrecisionNames.Key(kv.Key), kv => kv.Value),
            sparseTflops = s.SparseTflops.ToDictionary(kv => PrecisionNames.Key(kv.Key), kv => kv.Value),
            board = s.Board,
            memoryGb = s.MemoryGb,
            memoryType = s.MemoryType,
            memoryBandwidthTBps = s.MemoryBandwidthTBps,
            cpuMemory = s.CpuMemory is { } c ? new { gbPerGpu = c.GbPerGpu, type = c.Type } : null,
            chipTdpW = s.ChipTdpW,
            allInKwPerGpu = s.AllInKwPerGpu,
            marketPricePerGpuHour = s.MarketPricePerGpuHour,
            sources = s.Sources,
        };
    }

    /// <summary>Capex and TCO by line.</summary>
    public static object Tco(TcoBreakdown tco, double multiplier, double? mfu = null)
    {
        ArgumentNullException.ThrowIfNull(tco);
        return new
        {
            system = tco.System.Id,
            systemPriceMultiplier = multiplier,
            networkTier = tco.Capex.NetworkTier,
            capexPerGpu = tco.Capex.PerGpu,
            capexPerWatt = tco.Capex.PerWattAllIn,
            capexPerWattBasis = CapexModel.HeadlinePerWattBasis,
            capexPerWattChipTdp = tco.Capex.PerWattChipTdp,
            capexLines = tco.Capex.Lines.Select(l => new { name = l.Name, label = l.Label, perGpu = l.PerGpu, supplierPriced = l.SupplierPriced }).ToList(),
            networkingComponents = tco.Capex.NetworkingComponents?.Select(l => new { name = l.Name, label = l.Label, perGpu = l.PerGpu }).ToList(),
            networkingComponentsNote = tco.Capex.NetworkingComponentsNote,
            tcoPerGpuHour = tco.PerGpuHour,
            capitalChargePerHour = tco.CapitalChargePerHour,
            operatingCostPerHour = tco.OperatingCostPerHour,
            lines = tco.Lines.Select(l => new { name = l.Name, label = l.Label, perGpuHour = l.PerGpuHour }).ToList(),
            tcoPerPflopHour = tco.PerPflopHour.ToDictionary(kv => kv.Key.Key, kv => kv.Value),
            mfu,
            effectiveCostPerPflopHour = mfu is { } u ? tco.PerPflopHour.Where(kv => !kv.Key.Sparse).ToDictionary(kv => kv.Key.Key, kv => tco.EffectiveCostPerPflopHour(kv.Key, u)) : null,
            tcoPerTBpsHour = tco.PerTBpsHour,
        };
    }

    /// <summary>The rental project's returns and schedule.</summary>
    public static object Project(string systemId, RentalInputs inputs, double multiplier, RentalProjectResult r)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(r);
        var answer = new
        {
            system = systemId,
            price = inputs.PricePerGpuHour,
            termMonths = inputs.Terms.TermMonths,
            prepay = inputs.Terms.PrepayShare,
            systemPriceMultiplier = multiplier,
            capexPerGpu = inputs.CapexPerGpu,
            operatingCostPerHour = inputs.OperatingCostPerHour,
            irr = r.Irr,
            irrNote = r.IrrNote,
            borrowingRate = r.BorrowingRate,
            irrBasis = (inputs.Financing ?? ProjectFinancing.None).IrrBasis,
            mirr = r.Mirr,
            hurdle = r.Hurdle,
            npv = r.Npv,
            beatsHurdle = r.Npv >= 0,
            paybackMonth = r.PaybackMonth,
            paybackNote = r.PaybackNote,
            moic = r.Moic,
            schedule = r.Schedule.Select(x => new
            {
                month = x.Month, capex = x.Capex, prepayment = x.Prepayment, billed = x.Billed,
                prepaymentCredit = x.PrepaymentCredit, operatingCost = x.OperatingCost, residual = x.Residual,
                debt = x.Debt, interest = x.Interest, tax = x.Tax, net = x.Net, cumulative = x.Cumulative,
            }).ToList(),
        };
        // With a loan, its schedule and covenant tests follow (an unlevered project's answer is unchanged).
        if (RentalProject.Debt(inputs) is not { } debt) return answer;
        var node = JsonSerializer.SerializeToNode(answer, ContractJson.Options)!.AsObject();
        node["debt"] = JsonSerializer.SerializeToNode(Debt(inputs.Financing!, debt), ContractJson.Options);
        return node;
    }

    /// <summary>A project loan: its size, cost, shape, DSCR, covenant tests and monthly schedule.</summary>
    public static object Debt(ProjectFinancing financing, DebtSchedule d)
    {
        ArgumentNullException.ThrowIfNull(financing);
        ArgumentNullException.ThrowIfNull(d);
        var tested = d.Covenants.Months.ToDictionary(m => m.Month);
        var loan = financing.Loan;
        return new
        {
            loan = d.Loan,
            loanToCapex = d.LoanToCapex,
            sizing = d.SizingNote,
            sizingCap = d.SizingCap,
            capBinds = d.SizingCap is null ? (bool?)null : d.CapBinds,
            annualRate = d.AnnualRate,
            rateBasis = loan.Credit is { } c ? CostOfDebt.Text(c, loan.Sofr) + "; " + CostOfDebt.Source + "; SOFR as of " + CostOfDebt.SofrDate : "given (debt.rate)",
            repayment = d.Repayment.Key(),
            targetDscr = loan.TargetDscr,
            interestOnlyMonths = loan.InterestOnlyMonths,
            drawMonths = loan.DrawMonths,
            firstRepaymentMonth = d.FirstRepaymentMonth,
            lastMonth = d.LastMonth,
            totalInterest = d.TotalInterest,
            balloon = d.Balloon,
            balloonMonth = d.BalloonMonth,
            minDscr = d.MinDscr,
            averageDscr = d.AverageDscr,
            dscrNote = d.MinDscr is null ? "no month has scheduled debt service, so there is no DSCR" : null,
            covenants = new
            {
                minDscr = d.Covenants.MinDscr,
                maxLtv = d.Covenants.MaxLtv,
                outcome = d.Covenants.Outcome,
                firstBreach = d.Covenants.FirstBreach is { } b ? new { month = b.Month, test = b.Test, text = b.Text } : null,
            },
            schedule = d.Months.Select(m => new
            {
                month = m.Month, cfads = m.Cfads, draw = m.Draw, interest = m.Interest, principal = m.Principal, balloon = m.Balloon,
                balance = m.Balance, debtService = m.DebtService, dscr = m.Dscr,
                ltv = tested.TryGetValue(m.Month, out var t) ? t.Ltv : null,
                breach = tested.TryGetValue(m.Month, out var u) ? u.Breach : null,
            }).ToList(),
        };
    }

    /// <summary>The floor price; null with <paramref name="noFloor"/> saying why when none exists.</summary>
    public static object Floor(AcceleratorSystem s, double hurdle, ContractTerms terms, double multiplier, double? floor, string? noFloor, ThroughputBasis basis, ProjectFinancing financing)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(financing);
        return new
        {
            system = s.Id,
            hurdle,
            termMonths = terms.TermMonths,
            prepay = terms.PrepayShare,
            systemPriceMultiplier = multiplier,
            floorPrice = floor,
            noFloor,
            precision = basis.Key,
            floorPricePerPflopHour = floor / s.Pflops(basis),
            irrBasis = financing.IrrBasis,
            method = Pricing.FloorPrice.Method(financing),
        };
    }

    /// <summary>The value-based ceiling.</summary>
    public static object Ceiling(AcceleratorSystem s, ThroughputBasis basis, string? referenceSystem, double? referencePrice, double referencePricePerPflopHour, double ceiling)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new
        {
            system = s.Id,
            precision = basis.Key,
            ceilingFrom = "reference",
            reference = referenceSystem,
            referencePrice,
            referencePricePerPflopHour,
            pflops = s.Pflops(basis),
            ceilingPrice = ceiling,
        };
    }

    /// <summary>The launch trend: each generation's launch-era $/PFLOP-hour, the fit and its statistics, its value at a date and at each catalog system's launch, and the cross-section of today's prices.</summary>
    public static object Trend(LaunchTrendFit fit, HardwareCatalog catalog, IReadOnlyList<LaunchPrice> prices, DateOnly? at, PriceTrendFit? crossSection, string file)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(catalog);
        return new
        {
            trend = "launch",
            description = "launch-era rental price per PFLOP-hour of each generation against its launch date",
            file,
            precision = fit.Basis.Key,
            intercept = fit.Intercept,
            slopePerYear = fit.SlopePerYear,
            annualChange = fit.AnnualChange,
            halvingYears = fit.HalvingYears,
            halvingNote = fit.HalvingYears is null ? "none: the trend does not fall" : null,
            rSquared = fit.RSquared,
            rSquaredNote = fit.RSquared is null ? "none: every generation has the same $/PFLOP-hour, nothing to explain" : null,
            n = fit.Count,
            pricingTypes = fit.PricingTypes,
            at = at is { } d ? new { date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trendPerPflopHour = fit.At(d) } : null,
            points = fit.Points.OrderBy(p => p.LaunchYear).Select(p => new
            {
                system = p.Price.SystemId,
                name = p.Price.Name,
                launchDate = p.Price.LaunchDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                launchYear = p.LaunchYear,
                pricePerGpuHour = p.Price.PricePerGpuHour,
                priceDate = p.Price.PriceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                pricingType = p.Price.PricingType,
                offer = p.Price.Offer,
                source = p.Price.Source,
                pflopsPrecision = p.PflopsBasis.Key,
                pflopsSubstituted = p.Substituted,
                pflops = p.Pflops,
                pricePerPflopHour = p.PricePerPflopHour,
                trendPerPflopHour = p.TrendPerPflopHour,
                logResidual = p.LogResidual,
                deviationFromTrend = p.DeviationFromTrend,
            }).ToList(),
            excluded = fit.Excluded.Select(x => new { system = x.SystemId, reason = x.Reason }).ToList(),
            atLaunch = catalog.Systems.Select(s =>
            {
                var (year, when) = LaunchTrend.LaunchOf(s, prices);
                var pflops = s.Pflops(fit.Basis);
                return new
                {
                    system = s.Id,
                    launch = when,
                    launchYear = year,
                    trendPerPflopHour = fit.At(year),
                    pflops,
                    ceilingOnTrend = pflops is { } pf ? fit.At(year) * pf : (double?)null,
                    note = pflops is null ? $"{s.Id} does not market {fit.Basis.Key}: no ceiling at this precision" : null,
                };
            }).ToList(),
            crossSection = crossSection is null ? null : new
            {
                trend = "cross-section of today's prices",
                description = "today's market rental price per PFLOP-hour of each catalog system against its launch; mixes age with progress",
                precision = crossSection.Basis.Key,
                annualChange = crossSection.AnnualChange,
                n = crossSection.Points.Count,
                points = crossSection.Points.Select(p => new { system = p.SystemId, launchYear = p.LaunchYear, pricePerPflopHour = p.PricePerPflopHour, trendPerPflopHour = p.TrendPerPflopHour, deviationFromTrend = p.DeviationFromTrend }).ToList(),
            },
        };
    }

    /// <summary>Where a ceiling from the launch trend comes from, in words: the trend, the date it is read at, the share below it and the reference.</summary>
    public static string TrendCeilingSource(TrendCeiling c, LaunchTrendFit fit)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(fit);
        var below = c.BelowTrendShare > 0 ? $", {c.BelowTrendShare.ToString("0.##%", CultureInfo.InvariantCulture)} below trend" : "";
        return $"launch trend of {fit.Basis.Key} $/PFLOP-hour ({fit.Count} generations, {string.Join(", ", fit.PricingTypes)} prices), read at {c.When}{below}: {c.ReferencePerPflopHour.ToString("$0.0000", CultureInfo.InvariantCulture)}/PFLOP-hour";
    }

    /// <summary>A ceiling taken from the launch trend.</summary>
    public static object CeilingFromTrend(AcceleratorSystem s, TrendCeiling c, LaunchTrendFit fit)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(fit);
        return new
        {
            system = s.Id,
            precision = c.Basis.Key,
            ceilingFrom = "trend",
            trend = $"launch trend of {fit.Basis.Key} $/PFLOP-hour over {fit.Count} generations ({string.Join(", ", fit.PricingTypes)} prices), {fit.AnnualChange.ToString("0.00%", CultureInfo.InvariantCulture)} per year",
            trendAt = c.When,
            trendYear = c.Year,
            trendPerPflopHour = c.TrendPerPflopHour,
            belowTrend = c.BelowTrendShare,
            referencePricePerPflopHour = c.ReferencePerPflopHour,
            pflops = c.Pflops,
            ceilingPrice = c.Ceiling,
        };
    }

    /// <summary>The One Chart's numbers, to the precision a chart needs (<see cref="ChartContract"/>).</summary>
    /// <param name="c">The chart.</param>
    /// <param name="file">Image written, if any.</param>
    /// <param name="ceilingFromTrend">Where a ceiling from the launch trend comes from, in words; null when it is the scenario's reference.</param>
    public static ChartContract Chart(OneChartModel c, string? file = null, string? ceilingFromTrend = null) => ChartContract.From(c, file, ceilingFromTrend);

    /// <summary>A Monte Carlo run: what it drew and the percentiles of IRR, NPV and floor.</summary>
    /// <param name="systemId">System id.</param>
    /// <param name="basePrice">Base rental price, $/GPU-hour.</param>
    /// <param name="setup">The run's setup (base values, distributions, correlations, financing).</param>
    /// <param name="r">The run's result.</param>
    /// <param name="file">Histogram image written, if any.</param>
    public static object MonteCarlo(string systemId, double basePrice, MonteCarloSetup setup, MonteCarloResult r, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            system = systemId,
            scenarios = r.Scenarios,
            seed = r.Seed,
            basePrice,
            hurdle = setup.Base[ModelInputs.Hurdle.Name],
            irrBasis = setup.Financing.IrrBasis,
            distributions = setup.Distributions.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
            correlations = setup.Correlations.Select(c => new { a = c.A, b = c.B, rho = c.Rho }).ToList(),
            percentileMethod = "nearest rank",
            percentileRelativeAccuracy = r.PercentileRelativeAccuracy,
            irrPercentiles = Summary(r.Irr),
            npvPercentiles = Summary(r.Npv),
            floorPercentiles = Summary(r.Floor),
            probabilityAboveHurdle = r.ProbabilityAboveHurdle,
            probabilityAboveHurdleBasis = "share of scenarios with NPV at the hurdle >= 0",
            scenariosWithoutIrr = r.ScenariosWithoutIrr,
            scenariosWithoutFloor = r.ScenariosWithoutFloor,
            assetLife = r.AssetLife,
            releasePriceSource = setup.Life?.SourceName,
            histogram = r.IrrHistogram.Select(b => new { low = b.Low, high = b.High, count = b.Count }).ToList(),
            file,
        };
    }

    // No scenario with a value (every IRR a borrowing rate, say): null, not NaN percentiles.
    private static object? Summary(OutputSummary s) => s.Count == 0 ? null : new { p5 = s.P5, p10 = s.P10, p25 = s.P25, p50 = s.P50, p75 = s.P75, p90 = s.P90, p95 = s.P95, mean = s.Mean, min = s.Min, max = s.Max, count = s.Count };

    /// <summary>A sensitivity analysis: the tornado of IRR and floor against each input, and the price x multiplier grid.</summary>
    /// <param name="systemId">System id.</param>
    /// <param name="range">Relative change of each input.</param>
    /// <param name="basePrice">Base rental price, $/GPU-hour.</param>
    /// <param name="tornado">The tornado.</param>
    /// <param name="grid">The two-way grid.</param>
    /// <param name="file">Tornado image written, if any.</param>
    /// <param name="life">The asset life the project runs over, or null when it ends with the first contract.</param>
    public static object Sensitivity(string systemId, double range, double basePrice, Tornado tornado, TwoWayGrid grid, string? file = null, WholeLife? life = null)
    {
        ArgumentNullException.ThrowIfNull(tornado);
        ArgumentNullException.ThrowIfNull(grid);
        return new
        {
            system = systemId,
            range,
            basePrice,
            assetLife = life?.Description,
            releasePriceSource = life?.SourceName,
            baseIrr = tornado.BaseIrr,
            baseFloor = tornado.BaseFloor,
            bars = tornado.Bars.Select(b => new
            {
                input = b.Input,
                key = b.Key,
                noEffect = b.NoEffect,
                baseValue = b.BaseValue,
                lowValue = b.LowValue,
                highValue = b.HighValue,
                low = b.IrrLow,
                high = b.IrrHigh,
                floorLow = b.FloorLow,
                floorHigh = b.FloorHigh,
            }).ToList(),
            grid = new { prices = grid.Prices, multipliers = grid.Multipliers, irr = grid.Irr, floors = grid.Floors },
            file,
        };
    }

    /// <summary>Two scenarios compared: the inputs that differ, and each system's headline outputs under both with B - A.</summary>
    public static object Comparison(ScenarioDifference d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new
        {
            scenarioA = d.NameA,
            scenarioB = d.NameB,
            inputs = d.Inputs.Select(i => new { key = i.Key, a = i.A, b = i.B }).ToList(),
            systems = d.Systems.Select(s => new
            {
                system = s.SystemId,
                measures = s.Measures.Select(m => new
                {
                    measure = m.Name,
                    unit = m.Unit,
                    a = m.A.Value,
                    aNote = m.A.None,
                    b = m.B.Value,
                    bNote = m.B.None,
                    difference = m.Difference.Value,
                    differenceNote = m.Difference.None,
                }).ToList(),
            }).ToList(),
        };
    }

    /// <summary>Calibration targets and solved assumptions.</summary>
    public static object Calibration(CalibrationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            spec = r.Spec,
            premises = new { gb300IllustrativeDealPrice = r.Premises.Gb300DealPrice is { } deal ? (object)deal : "market", dealPrice = r.Premises.DealPrice },
            solved = r.Solved,
            objective = double.IsFinite(r.Objective) ? r.Objective : (double?)null,
            withinTolerance = r.Targets.Count(t => t.Within),
            targetCount = r.Targets.Count,
            parameters = r.Parameters.Select(p => new { name = p.Name, value = p.Value, min = p.Min, max = p.Max, minReason = p.MinReason, maxReason = p.MaxReason, onBound = p.OnBound }).ToList(),
            warnings = r.BoundWarnings.Select(p => new
            {
                parameter = p.Name,
                bound = p.OnBound,
                value = p.Value,
                message = $"{p.Name} ends on its {p.OnBound} bound ({(p.OnBound == "lower" ? p.Min : p.Max).ToString("G", global::System.Globalization.CultureInfo.InvariantCulture)}: {(p.OnBound == "lower" ? p.MinReason : p.MaxReason)}); a bound that binds says the model lacks something",
            }).ToList(),
            targets = r.Targets.Select(t => new
            {
                name = t.Name,
                description = t.Description,
                unit = t.Unit,
                published = t.Published,
                model = t.HasModel ? t.Model : (double?)null,
                residual = t.HasModel ? t.Residual : (double?)null,
                relativeResidual = t.HasModel && double.IsFinite(t.RelativeResidual) ? t.RelativeResidual : (double?)null,
                tolerance = t.Tolerance,
                toleranceKind = t.AbsoluteTolerance ? "absolute" : "relative",
                within = t.Within,
                fitted = t.Fitted,
                weight = t.Weight,
            }).ToList(),
        };
    }

    /// <summary>A frontier's points, with the cost per million tokens at each when a TCO is known.</summary>
    public static IReadOnlyList<object> FrontierPoints(Gpunomics.InferenceX.Frontier frontier, double? tcoPerGpuHour)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        return frontier.Points.Select(p => (object)new
        {
            interactivity = p.Interactivity,
            tputPerGpu = p.TputPerGpu,
            costPerMillion = tcoPerGpuHour is { } h ? Gpunomics.Tokens.TokenEconomics.CostPerMillion(h, p.TputPerGpu) : (double?)null,
        }).ToList();
    }

    /// <summary>A serving workload: model, input and output lengths, precision, and its label.</summary>
    public static object Workload(Gpunomics.InferenceX.ServingWorkload w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new { model = w.Model, isl = w.Isl, osl = w.Osl, precision = w.Precision, label = w.Label };
    }

    /// <summary>A pricing workload: profile name, input:output ratio, cache hit rate, cache-write share, source and label.</summary>
    public static object PricingWorkload(Gpunomics.Tokens.Workload w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new { name = w.Name, ratio = w.InputPerOutput, cacheHit = w.CacheHitRate, cacheWriteShare = w.CacheWriteShare, cacheWriteLongShare = w.LongRetentionShare, source = w.Source, label = w.Label };
    }

    /// <summary>The value chain.</summary>
    public static object ValueChain(string systemId, string sheet, double tokensPerSecondPerGpu, string tokensPerSecondSource, ValueChainResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            system = systemId,
            servingWorkload = r.Workloads.Serving is { } sw ? Workload(sw) : null,
            pricingWorkload = PricingWorkload(r.Workloads.Pricing),
            workloadsMatch = r.Workloads.Matches,
            workloadMismatch = r.Workloads.Mismatch,
            rentalPrice = r.RentalPrice,
            sheet,
            tokensPerSecondPerGpu,
            tokensPerSecondSource,
            tokensPerGpuHour = r.TokensPerGpuHour,
            tokenRevenuePerGpuHour = r.TokenRevenuePerGpuHour,
            valueOfWorkPerGpuHour = r.ValueOfWorkPerGpuHour,
            notes = r.Notes,
            layers = r.Layers.Select(l => new { name = l.Name, perGpuHour = l.PerGpuHour, perMillionTokens = l.PerMillionTokens, meaning = l.Meaning }).ToList(),
            tasks = r.Tasks.Select(t => new { name = t.Task.Name, peopleCost = t.Task.PeopleCost, tokenSpend = t.TokenSpend, roi = t.Roi }).ToList(),
        };
    }
    /// <summary>What was read of a set of cash flows: periodic or dated, how many, over what, and the reader's notes.</summary>
    public static object CashFlowInput(Gpunomics.CashFlows.CashFlowInput input, int periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new
        {
            kind = input.IsDated ? "dated" : "periodic",
            flows = input.Count,
            periodsPerYear = input.IsDated ? (int?)null : periodsPerYear,
            firstDate = input.Dated?.Min(f => f.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            lastDate = input.Dated?.Max(f => f.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            notes = input.Notes,
        };
    }

    /// <summary>An IRR or XIRR of cash flows: the return (annual, and per period for periodic flows) or none with the note, every root, a borrowing rate.</summary>
    public static object CashFlowIrr(Gpunomics.CashFlows.CashFlowIrr r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            rate = r.Rate,
            ratePerPeriod = r.RatePerPeriod,
            note = r.Note,
            borrowingRate = r.BorrowingRate,
            borrowingRatePerPeriod = r.BorrowingRatePerPeriod,
            roots = r.Roots,
            rootsPerPeriod = r.RootsPerPeriod,
            aboveSearchRange = r.AboveSearchRange,
        };
    }

    /// <summary>An NPV or XNPV of cash flows, or none with the note.</summary>
    public static object CashFlowNpv(Gpunomics.CashFlows.CashFlowNpv r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new { value = r.Value, rate = r.Rate, ratePerPeriod = r.RatePerPeriod, note = r.Note };
    }

    /// <summary>A MIRR of cash flows, or none with the note.</summary>
    public static object CashFlowMirr(Gpunomics.CashFlows.CashFlowMirr r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new { rate = r.Rate, ratePerPeriod = r.RatePerPeriod, financeRate = r.FinanceRate, reinvestRate = r.ReinvestRate, note = r.Note };
    }

    /// <summary>The payback of cash flows (a period, or a date for dated flows), or none with the note.</summary>
    public static object CashFlowPayback(Gpunomics.CashFlows.CashFlowPayback r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new { period = r.Period, date = r.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), years = r.Years, note = r.Note };
    }
}
