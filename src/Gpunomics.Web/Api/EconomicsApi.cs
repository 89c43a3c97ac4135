using Gpunomics.Catalog;
using Gpunomics.Charts;
using Gpunomics.Contracts;
using Gpunomics.InferenceX;
using Gpunomics.Inputs;
using Gpunomics.Pricing;
using Gpunomics.Scenarios;
using Gpunomics.Storage;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Web.Api;

/// <summary>The model's results under <c>/api</c>, mirroring the command line (same field names).</summary>
internal static partial class EconomicsApi
{
    public static void MapEconomicsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("economics");
        api.MapGet("/systems", (ModelProvider mp) => TypedResults.Ok(Contract.Systems(mp.Catalog)));
        api.MapGet("/systems/comparison", Comparison).Query(P.Scenario);
        api.MapGet("/tco/{system}", Tco).Query([P.Multiplier, P.Mfu], P.Scenario);
        api.MapGet("/project/{system}", Project).Query([P.PriceRequired, P.Multiplier], P.Scenario);
        api.MapGet("/floor/{system}", Floor).Query([P.Multiplier], P.Scenario);
        api.MapGet("/ceiling/{system}", Ceiling).Query([P.CeilingFrom, P.BelowTrend, P.At], P.Scenario);
        api.MapGet("/trend", Trend).Query([P.At], P.Scenario);
        api.MapGet("/chart/{system}", Chart).LimitDrawing().Query([P.Multiplier, P.SplitPrice, P.Multipliers, P.Svg, P.CeilingFrom, P.BelowTrend], P.Scenario);
        api.MapGet("/tokens/cost", TokensCost).Query([P.TpsRequired, P.TcoPerGpuHour, P.Sheet, P.System, P.PricingWorkload, P.Ratio, P.CacheHit, P.CacheWriteShare, P.CacheWriteLongShare], P.Serving, P.ServingScenario);
        api.MapGet("/inferencex/frontier", Frontier).Query([P.HardwareRequired, P.Interactivity], P.Serving, P.ServingScenario);
        api.MapGet("/inferencex/chart", ServingChart).LimitDrawing().Query([P.HardwareList, P.Kind], P.Serving, P.ServingScenario);
        api.MapGet("/montecarlo/{system}", MonteCarloEndpoint).LimitSimulation().Query([P.Scenarios, P.Seed, P.BasePrice, P.Distribution, P.Correlation], P.Scenario);
        api.MapGet("/sensitivity/{system}", SensitivityEndpoint).LimitSimulation().Query([P.Range, P.BasePrice, P.Vary], P.Scenario);
        api.MapGet("/value-chain/{system}", ValueChainEndpoint).Query([P.Price, P.Tps, P.Interactivity, P.Sheet, P.PricingWorkload, P.Ratio, P.CacheHit, P.CacheWriteShare, P.CacheWriteLongShare], P.Serving, P.ServingScenario);
    }

    // Every query parameter these endpoints read: one declaration both validates it and documents it (OpenAPI).
    private static class P
    {
        public static readonly QueryParameter ScenarioId = new("scenario", "id of a saved scenario to start from (default: the built-in article scenario)", QueryKind.Integer, 1);
        public static readonly QueryParameter Hurdle = QueryParameter.For(ModelInputs.Hurdle, "hurdle IRR, annual, as 0.156 or 15.6% (default: the scenario's)");
        public static readonly QueryParameter TermMonths = QueryParameter.For(ModelInputs.TermMonths, "contract term, months (default: the scenario's)");
        public static readonly QueryParameter Prepay = QueryParameter.For(ModelInputs.Prepay, "prepayment, share of total contract value (default: the scenario's)");
        public static readonly QueryParameter Reference = QueryParameter.For(ModelInputs.ReferencePricePerPflopHour, "ceiling reference, $ per PFLOP-hour at the precision (default: the scenario's)");
        public static readonly QueryParameter DebtShare = QueryParameter.For(ModelInputs.DebtShare, "share of capex borrowed, needs debtRate; the IRR and the hurdle become the equity's (default: the scenario's, 0)");
        public static readonly QueryParameter DebtRate = QueryParameter.For(ModelInputs.DebtRate, "annual interest rate on the loan (required with debtShare unless the scenario's debt has a rate)");
        public static readonly QueryParameter TaxRate = QueryParameter.For(ModelInputs.TaxRate, "corporate tax rate on positive income (default: the scenario's, 0)");
        public static readonly QueryParameter Precision = new("precision", $"precision of the ceiling and the $/PFLOP-hour figures: {PrecisionNames.Allowed}, each optionally followed by Sparse", QueryKind.Text);
        public static readonly QueryParameter[] Scenario = [ScenarioId, Hurdle, TermMonths, Prepay, Reference, DebtShare, DebtRate, TaxRate, Precision];
        /// <summary>The scenario's parameters on a serving endpoint, where <c>precision</c> names the served weights, not the ceiling's.</summary>
        public static readonly QueryParameter[] ServingScenario = [.. Scenario.Where(x => x != Precision)];

        public static readonly QueryParameter Multiplier = QueryParameter.For(ModelInputs.SystemPriceMultiplier, "system price over today's (default 1.0 = today)");
        public static readonly QueryParameter Price = QueryParameter.For(ModelInputs.Price, "rental price, $ per GPU-hour");
        public static readonly QueryParameter Mfu = QueryParameter.For(ModelInputs.Mfu, "model-FLOPs utilization, in (0, 1]: adds the cost per PFLOP-hour used, TCO per PFLOP-hour / MFU");
        public static readonly QueryParameter PriceRequired = Price with { Required = true };
        public static readonly QueryParameter SplitPrice = Price with { Description = $"price of the value split, $ per GPU-hour (default: the market price, else today's floor); {ModelInputs.Price.Allowed}" };
        public static readonly QueryParameter Multipliers = QueryParameter.For(ModelInputs.ChartMultiplier, "comma-separated system price multipliers of the curves (default: the scenario's)", QueryKind.NumberList);
        public static readonly QueryParameter Svg = new("svg", "true: also the chart as SVG and where its data area lies", QueryKind.Text);
        public static readonly QueryParameter Tps = QueryParameter.For(ModelInputs.TokensPerSecondPerGpu, "throughput, tokens per second per GPU (value chain default: measured at the interactivity)");
        public static readonly QueryParameter TpsRequired = Tps with { Required = true };
        public static readonly QueryParameter TcoPerGpuHour = QueryParameter.For(ModelInputs.TcoPerGpuHour, "TCO, $ per GPU-hour, instead of a system's");
        public static readonly QueryParameter Sheet = new("sheet", "price sheet name (data/price-sheets.json)", QueryKind.Text);
        public static readonly QueryParameter System = new("system", "catalog system id (or give tcoPerGpuHour)", QueryKind.Text);
        public static readonly QueryParameter HardwareRequired = new("hardware", "hardware as measured, e.g. gb300", QueryKind.Text, Required: true);
        public static readonly QueryParameter HardwareList = QueryParameter.Names("hardware", "hardware as measured, one line each (default gb300,b200,h200,mi355x)", ModelProvider.MeasuredHardware);
        public static readonly QueryParameter Interactivity = QueryParameter.For(ModelInputs.Interactivity, "tokens per second per user");
        public static readonly QueryParameter Kind = new("kind", "cost or throughput (default cost)", QueryKind.Text);
        public static readonly QueryParameter ModelName = new("model", "served model (default dsr1 where measured)", QueryKind.Text);
        public static readonly QueryParameter Isl = new("isl", "input sequence length, tokens (default 8192 where measured)", QueryKind.Integer, 1, 1_000_000);
        public static readonly QueryParameter Osl = new("osl", "output sequence length, tokens (default 1024 where measured)", QueryKind.Integer, 1, 1_000_000);
        public static readonly QueryParameter WeightsPrecision = new("precision", "weights precision of the served model, e.g. fp8 or fp4 (default fp8 where measured)", QueryKind.Text);
        public static readonly QueryParameter[] Serving = [ModelName, Isl, Osl, WeightsPrecision];
        public static readonly QueryParameter CeilingFrom = new("ceilingFrom", "where the ceiling's reference $/PFLOP-hour comes from: reference (the scenario's, default) or trend (the launch trend at the system's launch)", QueryKind.Text);
        public static readonly QueryParameter BelowTrend = QueryParameter.For(ModelInputs.BelowTrend, "with ceilingFrom=trend: share below the launch trend (default 0)");
        public static readonly QueryParameter At = new("at", "date to read the launch trend at, YYYY-MM-DD (ceiling default: the system's launch)", QueryKind.Text);
        public static readonly QueryParameter PricingWorkload = new("pricingWorkload", $"pricing workload the price sheet is blended over: {string.Join(", ", Workload.ProfileNames)} (tokens/cost default agentic-coding, value chain default served)", QueryKind.Text);
        public static readonly QueryParameter Ratio = QueryParameter.For(ModelInputs.TokenRatio, "input tokens per output token (default: the pricing workload's)");
        public static readonly QueryParameter CacheHit = QueryParameter.For(ModelInputs.CacheHit, "share of input tokens read from the cache (default: the pricing workload's)");
        public static readonly QueryParameter CacheWriteShare = QueryParameter.For(ModelInputs.CacheWriteShare, "share of uncached input written to the cache (default: the pricing workload's)");
        public static readonly QueryParameter Scenarios = QueryParameter.For(ModelInputs.ApiScenarios, "Monte Carlo scenarios (default 10,000)");
        public static readonly QueryParameter Seed = QueryParameter.For(ModelInputs.Seed, "random seed; the same seed gives the same results (default 1)");
        public static readonly QueryParameter BasePrice = Price with { Description = $"base rental price, $ per GPU-hour (default: the system's market price, else its floor); {ModelInputs.Price.Allowed}" };
        public static readonly QueryParameter Distribution = new("distribution",
            $"distributions of the inputs, NAME=SPEC separated by ';', at most one per input: NAME an input's name or scenario-file key, one of {string.Join(", ", MonteCarlo.MonteCarloSetup.Inputs.Select(i => i.ScenarioKey is { } k ? $"{i.Name} ({k})" : i.Name))}; SPEC uniform(a,b), triangular(min,mode,max), normal(mean,sd), lognormal(median,sigma) or a number (default: none, every input at its base value)", QueryKind.Text);
        public static readonly QueryParameter Correlation = new("correlation",
            $"correlations of inputs that have distributions, A,B=RHO separated by ';', RHO in (-1, 1); at most {MaxCorrelations}", QueryKind.Text);
        public static readonly QueryParameter Vary = new("vary",
            $"inputs the tornado moves, names or scenario-file keys separated by ';' (default: every input): {string.Join(", ", MonteCarlo.MonteCarloSetup.TornadoInputs.Select(i => i.ScenarioKey is { } k ? $"{i.Name} ({k})" : i.Name))}", QueryKind.Text);
        public static readonly QueryParameter Range = QueryParameter.For(ModelInputs.SensitivityRange, "relative change of each input in the tornado (default 0.2 = ±20%)");
        public static readonly QueryParameter CacheWriteLongShare = QueryParameter.For(ModelInputs.CacheWriteLongShare, "share of cache writes at the long (one-hour) retention (default 0)");
    }

    /// <summary>The request's model: the scenario (saved or built-in) with the query's overrides of hurdle, contract, debt, tax and ceiling.</summary>
    private sealed record Context(EconomicsModel Model, AcceleratorSystem? System);

    private static (Context? Context, IResult? Problem) Resolve(ModelProvider mp, QueryReader q, string? systemId, bool precisionIsServing = false, bool wholeLife = false)
    {
        var (scenario, error) = mp.Scenario(q.Id(P.ScenarioId.Name), wholeLife);
        if (error is not null) q.Error(P.ScenarioId.Name, error);
        var hurdle = q.Double(P.Hurdle);
        var term = q.Int(P.TermMonths);
        var prepay = q.Double(P.Prepay);
        var reference = q.Double(P.Reference);
        var debtShare = q.Double(P.DebtShare);
        var debtRate = q.Double(P.DebtRate);
        var taxRate = q.Double(P.TaxRate);
        var precisionText = precisionIsServing ? null : q.String(P.Precision);
        ThroughputBasis? basis = null;
        if (precisionText is not null)
        {
            if (ThroughputBasis.TryParse(precisionText, out var b)) basis = b;
            else q.Error("precision", $"'{precisionText}' is not known; allowed: {PrecisionNames.Allowed}, each optionally followed by Sparse");
        }
        // A loan has a rate of its own: debtShare without debtRate is not a loan at 0%.
        if (debtShare > 0 && debtRate is null && scenario is { Financing.HasDebt: false })
            q.Error(P.DebtRate.Name, $"is required with debtShare {debtShare.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: the loan's annual interest rate, e.g. 0.08 or 8%; {ModelInputs.DebtRate.Allowed}");
        // Capex drawn over the scenario's months must be spent within the project.
        if (term is { } t && scenario is { Financing.Loan.DrawMonths: var draws } && draws > scenario.Contract.SetupMonths + t + 1)
            q.Error(P.TermMonths.Name, $"{t} ends the project before the scenario's capex is spent (debt.drawMonths {draws}): give at least {draws - 1 - scenario.Contract.SetupMonths} months");
        if (!q.Ok || scenario is null) return (null, q.Problem());
        var s = scenario with
        {
            HurdleRate = hurdle ?? scenario.HurdleRate,
            Contract = scenario.Contract with { TermMonths = term ?? scenario.Contract.TermMonths, PrepayShare = prepay ?? scenario.Contract.PrepayShare },
            Ceiling = new CeilingAssumptions(reference ?? scenario.Ceiling.ReferencePricePerPflopHour, basis ?? scenario.Ceiling.Basis),
            Financing = scenario.Financing with
            {
                DebtShare = debtShare ?? scenario.Financing.DebtShare,
                DebtRate = debtRate ?? scenario.Financing.DebtRate,
                TaxRate = taxRate ?? scenario.Financing.TaxRate,
                // A share given sizes the loan as that share of capex; a rate given replaces one set by the renter's credit.
                Loan = scenario.Financing.Loan with
                {
                    Sizing = debtShare is null ? scenario.Financing.Loan.Sizing : null,
                    Credit = debtRate is null ? scenario.Financing.Loan.Credit : null,
                },
            },
        };
        var model = new EconomicsModel(mp.Catalog, s);
        if (systemId is null) return (new Context(model, null), null);
        if (!model.Catalog.TryGet(systemId, out var system))
            return (null, TypedResults.Problem(title: "unknown system", detail: $"unknown system '{systemId}'; known: {string.Join(", ", model.Catalog.Systems.Select(x => x.Id))}", statusCode: 404));
        if (system.Pflops(s.Ceiling.Basis) is null)
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["precision"] = [$"{system.Id} does not market {s.Ceiling.Basis.Key}; it markets {string.Join(", ", system.MarketedBases().Select(x => x.Key))}"] }, title: "invalid input"));
        return (new Context(model, system), null);
    }

    private static double Multiplier(QueryReader q) => q.Double(P.Multiplier) ?? 1.0;

    private static IResult Comparison(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var (c, problem) = Resolve(mp, q, null);
        if (c is null) return problem!;
        return TypedResults.Ok(new
        {
            systems = c.Model.Catalog.Systems.Select(s =>
            {
                var t = c.Model.Tco(s.Id);
                return new { system = s.Id, name = s.Name, tcoPerGpuHour = t.PerGpuHour, tcoPerPflopHour = t.PerPflopHour.ToDictionary(kv => kv.Key.Key, kv => kv.Value) };
            }).ToList(),
        });
    }

    private static IResult Tco(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var m = Multiplier(q);
        var mfu = q.Double(P.Mfu);
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        return TypedResults.Ok(Contract.Tco(c.Model.Tco(c.System!.Id, m), m, mfu));
    }

    private static IResult Project(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var price = q.Double(P.PriceRequired);
        var m = Multiplier(q);
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        var inputs = c.Model.ProjectInputs(c.System!.Id, price!.Value, null, m);
        return TypedResults.Ok(Contract.Project(c.System.Id, inputs, m, c.Model.Project(c.System.Id, price.Value, null, m)));
    }

    private static IResult Floor(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var m = Multiplier(q);
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        var s = c.Model.Scenario;
        double? floor = c.Model.TryFloor(c.System!.Id, out var f, out var noFloor, systemPriceMultiplier: m) ? f : null;
        return TypedResults.Ok(Contract.Floor(c.System!, s.HurdleRate, s.Contract, m, floor, noFloor, s.Ceiling.Basis, s.Financing));
    }

    private static IResult Ceiling(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var fromTrend = ReadCeilingFrom(q);
        var share = q.Double(P.BelowTrend);
        var at = q.Date(P.At);
        if (fromTrend != true && q.Ok && (share is not null || at is not null)) q.Error(P.CeilingFrom.Name, "belowTrend and at go with ceilingFrom=trend");
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        var s = c.Model.Scenario;
        if (fromTrend != true)
            return TypedResults.Ok(Contract.Ceiling(c.System!, s.Ceiling.Basis, null, null, s.Ceiling.ReferencePricePerPflopHour, c.Model.Ceiling(c.System!.Id)));
        if (!LaunchTrend.TryFit(mp.LaunchPrices, c.Model.Catalog, s.Ceiling.Basis, out var fit, out var reason))
            return TypedResults.Problem(title: "no launch trend", detail: reason, statusCode: 422);
        return TypedResults.Ok(Contract.CeilingFromTrend(c.System!, CeilingPrice.FromTrend(c.System!, fit!, mp.LaunchPrices, at, share ?? 0), fit!));
    }

    private static IResult Trend(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var at = q.Date(P.At);
        var (c, problem) = Resolve(mp, q, null);
        if (c is null) return problem!;
        var basis = c.Model.Scenario.Ceiling.Basis;
        if (!LaunchTrend.TryFit(mp.LaunchPrices, c.Model.Catalog, basis, out var fit, out var reason))
            return TypedResults.Problem(title: "no launch trend", detail: reason, statusCode: 422);
        return TypedResults.Ok(Contract.Trend(fit!, c.Model.Catalog, mp.LaunchPrices, at, c.Model.Trend(basis), mp.LaunchPricesFile));
    }

    /// <summary>ceilingFrom: true for trend, false for reference, null when not given (the reference).</summary>
    private static bool? ReadCeilingFrom(QueryReader q)
    {
        var text = q.String(P.CeilingFrom);
        if (text is null) return null;
        if (string.Equals(text, "trend", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "reference", StringComparison.OrdinalIgnoreCase)) return false;
        q.Error(P.CeilingFrom.Name, $"'{text}' is not allowed; allowed: reference, trend");
        return null;
    }

    private static IResult Chart(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var m = Multiplier(q);
        var price = q.Double(P.SplitPrice);
        var multipliers = q.DoubleList(P.Multipliers);
        var svg = string.Equals(q.String(P.Svg), "true", StringComparison.OrdinalIgnoreCase);
        var fromTrend = ReadCeilingFrom(q);
        var share = q.Double(P.BelowTrend);
        if (fromTrend != true && share is not null) q.Error(P.BelowTrend.Name, "belowTrend goes with ceilingFrom=trend");
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        double? ceiling = null;
        string? from = null;
        if (fromTrend == true)
        {
            var basis = c.Model.Scenario.Ceiling.Basis;
            if (!LaunchTrend.TryFit(mp.LaunchPrices, c.Model.Catalog, basis, out var fit, out var reason))
                return TypedResults.Problem(title: "no launch trend", detail: reason, statusCode: 422);
            var tc = CeilingPrice.FromTrend(c.System!, fit!, mp.LaunchPrices, null, share ?? 0);
            ceiling = tc.Ceiling;
            from = Contract.TrendCeilingSource(tc, fit!);
        }
        var curves = (multipliers ?? c.Model.Scenario.ChartMultipliers).Append(m).Distinct().Order().ToList();
        var chart = c.Model.Chart(c.System!.Id, curves, ceiling: ceiling, valueSplitPrice: price, currentMultiplier: m);
        if (!svg) return TypedResults.Ok(Contract.Chart(chart, null, from));
        var (image, layout) = OneChartRenderer.SvgWithLayout(chart);
        return TypedResults.Ok(new ChartWithImage(Contract.Chart(chart, null, from), image, layout));
    }

    // The serving workload a given throughput was measured on: all of model, isl, osl and precision, or none.
    private static ServingWorkload? GivenServing(QueryReader q)
    {
        var (model, isl, osl, precision) = (q.String(P.ModelName), q.Int(P.Isl), q.Int(P.Osl), q.String(P.WeightsPrecision));
        if (model is null && isl is null && osl is null && precision is null) return null;
        if (model is null || isl is null || osl is null || precision is null)
        {
            q.Error("model", "name the serving workload of the given tokensPerSecondPerGpu with all of model, isl, osl and precision");
            return null;
        }
        return ServingWorkload.Of(model, isl.Value, osl.Value, precision);
    }

    private static Workload? Pricing(QueryReader q, string defaultProfile, ServingWorkload? serving)
    {
        var name = q.String(P.PricingWorkload) ?? defaultProfile;
        var (ratio, hit, write, longShare) = (q.Double(P.Ratio), q.Double(P.CacheHit), q.Double(P.CacheWriteShare), q.Double(P.CacheWriteLongShare));
        var profile = Workload.Profile(name, serving ?? ServingWorkload.Default);
        if (profile is null) q.Error(P.PricingWorkload.Name, $"'{name}' is not known; allowed: {string.Join(", ", Workload.ProfileNames)}");
        return profile?.Adjusted(ratio, hit, write, longShare);
    }

    private static IResult TokensCost(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var tps = q.Double(P.TpsRequired);
        var tcoGiven = q.Double(P.TcoPerGpuHour);
        var sheetName = q.String(P.Sheet);
        var systemId = q.String(P.System);
        if (systemId is null && tcoGiven is null) q.Error("system", "give system or tcoPerGpuHour");
        var serving = GivenServing(q);
        var pricing = Pricing(q, "agentic-coding", serving);
        var (c, problem) = Resolve(mp, q, systemId, precisionIsServing: true);
        if (c is null) return problem!;
        var match = new WorkloadMatch(serving, pricing!);
        var tco = tcoGiven ?? c.Model.Tco(c.System!.Id).PerGpuHour;
        PriceSheet? sheet = null;
        if (sheetName is not null)
        {
            sheet = mp.PriceSheets.FirstOrDefault(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase));
            if (sheet is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sheet"] = [$"unknown price sheet '{sheetName}'; known: {string.Join(", ", mp.PriceSheets.Select(s => s.Name))}"] }, title: "invalid input");
        }
        if (sheet is not null && TokenEconomics.CannotPrice(sheet, pricing!) is { } unpriced)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [P.CacheWriteLongShare.Name] = [unpriced] }, title: "invalid input");
        if (sheet is not null) match = match with { Sheet = sheet };
        var cost = TokenEconomics.CostPerMillion(tco, tps!.Value);
        var blended = sheet is null ? null : TokenEconomics.Blend(sheet, pricing!);
        return TypedResults.Ok(new
        {
            system = c.System?.Id,
            tcoPerGpuHour = tco,
            tokensPerSecondPerGpu = tps,
            servingWorkload = serving is null ? null : Contract.Workload(serving),
            pricingWorkload = Contract.PricingWorkload(pricing!),
            workloadsMatch = match.Matches,
            workloadMismatch = match.Mismatch,
            costPerMillion = cost,
            sheet = sheet?.Name,
            blendedPerMillion = blended?.PerMillionTokens,
            grossMargin = blended is null ? (double?)null : TokenEconomics.GrossMargin(cost, blended.PerMillionTokens),
        });
    }

    // Fields left open are settled as on the command line (ServingAnalysis.ChooseWorkload).
    private static ServingFilter Filter(QueryReader q, string? hardware) => new()
    {
        Hardware = hardware,
        Model = q.String(P.ModelName),
        Isl = q.Int(P.Isl),
        Osl = q.Int(P.Osl),
        Precision = q.String(P.WeightsPrecision),
    };

    private static IResult Frontier(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var hardware = q.String(P.HardwareRequired);
        var u = q.Double(P.Interactivity);
        var open = Filter(q, hardware);
        var (c, problem) = Resolve(mp, q, null, precisionIsServing: true);
        if (c is null) return problem!;
        var choice = ServingAnalysis.ChooseWorkload(mp.Serving, open);
        if (choice.Present.Count == 0)
            return TypedResults.Problem(title: "no measurements", detail: $"no shipped measurements for hardware '{hardware}'{ServingCharts.Describe(open)}; hardware measured: {string.Join(", ", mp.Serving.Select(x => x.Configuration.Hardware).Distinct().Order(StringComparer.Ordinal))}", statusCode: 404);
        if (choice.Workload is not { } workload)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["precision"] = [$"the measurements for hardware '{hardware}' hold {choice.Present.Count} workloads ({choice.PresentLabels}): a frontier belongs to one; name it with model, isl, osl and precision"] }, title: "invalid input");
        var filter = open.For(workload);
        var envelope = ServingAnalysis.Envelope(mp.Serving, filter)!;
        var id = ServingAnalysis.CatalogSystemId(hardware!);
        double? tco = id is null ? null : c.Model.Tco(id).PerGpuHour;
        double? Cost(double t) => tco is { } h ? TokenEconomics.CostPerMillion(h, t) : null;
        var best = u is { } x ? ServingAnalysis.BestReaching(mp.Serving, filter, x) : null;
        if (u is not null && best is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["interactivity"] = [$"no measured {hardware} configuration of {workload.Label} reaches {u} tokens/s per user (the highest measured is {envelope.MaxInteractivity:0.#}); there is no figure there"] }, title: "invalid input");
        var interpolated = u is { } ui ? envelope.Interpolated(ui) : null;
        return TypedResults.Ok(new
        {
            hardware,
            workload = Contract.Workload(workload),
            tcoPerGpuHour = tco,
            points = Contract.FrontierPoints(envelope, tco),
            interactivity = u,
            tputPerGpu = best?.TputPerGpu,
            measuredAtInteractivity = best?.Interactivity,
            costPerMillion = best is null ? null : Cost(best.TputPerGpu),
            bestConfiguration = best?.Configuration.Label,
            interpolated = interpolated is null ? null : new
            {
                tputPerGpu = interpolated.TputPerGpu,
                costPerMillion = Cost(interpolated.TputPerGpu),
                fromInteractivity = interpolated.Below.Interactivity,
                toInteractivity = interpolated.Above.Interactivity,
                note = FormattableString.Invariant($"interpolated across {interpolated.Below.Interactivity:0.#}..{interpolated.Above.Interactivity:0.#} tokens/s per user, not measured"),
            },
        });
    }

    private static IResult ServingChart(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var hardware = q.NameList(P.HardwareList) ?? ["gb300", "b200", "h200", "mi355x"];
        var kind = q.String(P.Kind) ?? "cost";
        if (kind is not ("cost" or "throughput")) q.Error("kind", $"'{kind}' is not known; allowed: cost, throughput");
        var filter = Filter(q, null);
        var (c, problem) = Resolve(mp, q, null, precisionIsServing: true);
        if (c is null) return problem!;
        LineChart chart;
        try
        {
            chart = ServingCharts.Build(c.Model, mp.Serving, hardware, filter, kind == "cost", "source: InferenceX benchmark results");
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hardware"] = [e.Message.Split(" (Parameter")[0]] }, title: "invalid input");
        }
        return TypedResults.Text(LineChartRenderer.Svg(chart, 900, 520), "image/svg+xml");
    }

    private static IResult ValueChainEndpoint(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var price = q.Double(P.Price);
        var tps = q.Double(P.Tps);
        var u = q.Double(P.Interactivity) ?? ValueChainModel.DefaultInteractivity;
        var sheetName = q.String(P.Sheet) ?? "frontier";
        var given = GivenServing(q);
        if (given is not null && tps is null) q.Error("model", $"model, isl, osl and precision name the workload of a given tokensPerSecondPerGpu; the measured throughput is on {ServingWorkload.Default.Label}");
        var pricingName = q.String(P.PricingWorkload);
        var (ratio, hit, write, longShare) = (q.Double(P.Ratio), q.Double(P.CacheHit), q.Double(P.CacheWriteShare), q.Double(P.CacheWriteLongShare));
        var (c, problem) = Resolve(mp, q, system, precisionIsServing: true);
        if (c is null) return problem!;
        var sheet = mp.PriceSheets.FirstOrDefault(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase));
        if (sheet is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sheet"] = [$"unknown price sheet '{sheetName}'"] }, title: "invalid input");
        var s = c.System!;
        string source = "given";
        var serving = given;
        if (tps is null)
        {
            var best = ValueChainModel.MeasuredThroughput(mp.Serving, s.Id, u);
            if (best is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tokensPerSecondPerGpu"] = [$"no measured {s.Id} configuration of {ServingWorkload.Default.Label} reaches {u} tokens/s per user: give tokensPerSecondPerGpu"] }, title: "invalid input");
            tps = best.TputPerGpu;
            source = ValueChainModel.MeasuredSource(best, u);
            serving = best.Configuration.Workload;
        }
        var pricing = Workload.Profile(pricingName ?? "served", serving ?? ServingWorkload.Default)?
            .Adjusted(ratio, hit, write, longShare);
        if (pricing is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [P.PricingWorkload.Name] = [$"'{pricingName}' is not known; allowed: {string.Join(", ", Workload.ProfileNames)}"] }, title: "invalid input");
        if (TokenEconomics.CannotPrice(sheet, pricing) is { } unpriced)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [P.CacheWriteLongShare.Name] = [unpriced] }, title: "invalid input");
        var rental = price ?? s.MarketPricePerGpuHour ?? c.Model.Floor(s.Id);
        var r = ValueChainModel.Compute(s, c.Model.Scenario, rental, sheet, new WorkloadMatch(serving, pricing) { Sheet = sheet }, tps.Value, mp.Tasks);
        return TypedResults.Ok(Contract.ValueChain(s.Id, sheet.Name, tps.Value, source, r));
    }
}
