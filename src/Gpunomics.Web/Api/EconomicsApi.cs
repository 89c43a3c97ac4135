using Gpunomics.Catalog;
using Gpunomics.Charts;
using Gpunomics.Contracts;
using Gpunomics.InferenceX;
using Gpunomics.Pricing;
using Gpunomics.Scenarios;
using Gpunomics.Storage;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Web.Api;

/// <summary>The model's results under <c>/api</c>, mirroring the command line (same field names).</summary>
internal static class EconomicsApi
{
    public static void MapEconomicsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("economics");
        api.MapGet("/systems", (ModelProvider mp) => TypedResults.Ok(Contract.Systems(mp.Catalog)));
        api.MapGet("/systems/comparison", Comparison);
        api.MapGet("/tco/{system}", Tco);
        api.MapGet("/project/{system}", Project);
        api.MapGet("/floor/{system}", Floor);
        api.MapGet("/ceiling/{system}", Ceiling);
        api.MapGet("/chart/{system}", Chart);
        api.MapGet("/tokens/cost", TokensCost);
        api.MapGet("/inferencex/frontier", Frontier);
        api.MapGet("/inferencex/chart", ServingChart);
        api.MapGet("/value-chain/{system}", ValueChainEndpoint);
    }

    /// <summary>The request's model: the scenario (saved or built-in) with the query's overrides of hurdle, contract, debt, tax and ceiling.</summary>
    private sealed record Context(EconomicsModel Model, AcceleratorSystem? System);

    private static (Context? Context, IResult? Problem) Resolve(ModelProvider mp, QueryReader q, string? systemId)
    {
        var (scenario, error) = mp.Scenario(q.Id("scenario"));
        if (error is not null) q.Error("scenario", error);
        var hurdle = q.Double("hurdle", -0.99, 10);
        var term = q.Int("termMonths", 1, 600);
        var prepay = q.Double("prepay", 0, 1, maxExclusive: true);
        var reference = q.Double("referencePricePerPflopHour", 0, 1000, minExclusive: true);
        var debtShare = q.Double("debtShare", 0, 1, maxExclusive: true);
        var debtRate = q.Double("debtRate", 0, 1);
        var taxRate = q.Double("taxRate", 0, 1, maxExclusive: true);
        var precisionText = q.String("precision");
        ThroughputBasis? basis = null;
        if (precisionText is not null)
        {
            if (ThroughputBasis.TryParse(precisionText, out var b)) basis = b;
            else q.Error("precision", $"'{precisionText}' is not known; allowed: {PrecisionNames.Allowed}, each optionally followed by Sparse");
        }
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

    private static double Multiplier(QueryReader q) => q.Double("systemPriceMultiplier", 0, 100, minExclusive: true) ?? 1.0;

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
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        return TypedResults.Ok(Contract.Tco(c.Model.Tco(c.System!.Id, m), m));
    }

    private static IResult Project(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var price = q.Double("price", 0, 10_000, required: true);
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
        return TypedResults.Ok(Contract.Floor(c.System!, s.HurdleRate, s.Contract, m, c.Model.Floor(c.System!.Id, systemPriceMultiplier: m), s.Ceiling.Basis, s.Financing));
    }

    private static IResult Ceiling(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        var s = c.Model.Scenario;
        return TypedResults.Ok(Contract.Ceiling(c.System!, s.Ceiling.Basis, null, null, s.Ceiling.ReferencePricePerPflopHour, c.Model.Ceiling(c.System!.Id)));
    }

    private static IResult Chart(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var m = Multiplier(q);
        var price = q.Double("price", 0, 10_000);
        var multipliers = q.DoubleList("multipliers", 0, 10, 12);
        var svg = string.Equals(q.String("svg"), "true", StringComparison.OrdinalIgnoreCase);
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        var curves = (multipliers ?? c.Model.Scenario.ChartMultipliers).Append(m).Distinct().Order().ToList();
        var chart = c.Model.Chart(c.System!.Id, curves, valueSplitPrice: price, currentMultiplier: m);
        if (!svg) return TypedResults.Ok(Contract.Chart(chart));
        var (image, layout) = OneChartRenderer.SvgWithLayout(chart);
        return TypedResults.Ok(new { chart = Contract.Chart(chart), svg = image, layout });
    }

    private static IResult TokensCost(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var tps = q.Double("tokensPerSecondPerGpu", 0, 1e7, minExclusive: true, required: true);
        var tcoGiven = q.Double("tcoPerGpuHour", 0, 1e4, minExclusive: true);
        var sheetName = q.String("sheet");
        var systemId = q.String("system");
        if (systemId is null && tcoGiven is null) q.Error("system", "give system or tcoPerGpuHour");
        var (c, problem) = Resolve(mp, q, systemId);
        if (c is null) return problem!;
        var tco = tcoGiven ?? c.Model.Tco(c.System!.Id).PerGpuHour;
        PriceSheet? sheet = null;
        if (sheetName is not null)
        {
            sheet = mp.PriceSheets.FirstOrDefault(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase));
            if (sheet is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sheet"] = [$"unknown price sheet '{sheetName}'; known: {string.Join(", ", mp.PriceSheets.Select(s => s.Name))}"] }, title: "invalid input");
        }
        var cost = TokenEconomics.CostPerMillion(tco, tps!.Value);
        var blended = sheet is null ? null : TokenEconomics.Blend(sheet, Workload.AgenticCoding);
        return TypedResults.Ok(new
        {
            system = c.System?.Id,
            tcoPerGpuHour = tco,
            tokensPerSecondPerGpu = tps,
            costPerMillion = cost,
            sheet = sheet?.Name,
            blendedPerMillion = blended?.PerMillionTokens,
            grossMargin = blended is null ? (double?)null : TokenEconomics.GrossMargin(cost, blended.PerMillionTokens),
        });
    }

    private static ServingFilter? Filter(QueryReader q, string? hardware) => new()
    {
        Hardware = hardware,
        Model = q.String("model") ?? "dsr1",
        Isl = q.Int("isl", 1, 1_000_000) ?? 8192,
        Osl = q.Int("osl", 1, 1_000_000) ?? 1024,
    };

    private static IResult Frontier(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var hardware = q.String("hardware", required: true);
        var u = q.Double("interactivity", 0, 1e6, minExclusive: true);
        var filter = Filter(q, hardware)!;
        var (c, problem) = Resolve(mp, q, null);
        if (c is null) return problem!;
        var envelope = ServingAnalysis.Envelope(mp.Serving, filter);
        if (envelope is null)
            return TypedResults.Problem(title: "no measurements", detail: $"no shipped measurements for hardware '{hardware}' at {filter.Isl}/{filter.Osl}; hardware measured: {string.Join(", ", mp.Serving.Select(x => x.Configuration.Hardware).Distinct().Order(StringComparer.Ordinal))}", statusCode: 404);
        var id = ServingAnalysis.CatalogSystemId(hardware!);
        double? tco = id is null ? null : c.Model.Tco(id).PerGpuHour;
        double? Cost(double t) => tco is { } h ? TokenEconomics.CostPerMillion(h, t) : null;
        var best = u is { } x ? ServingAnalysis.BestAt(ServingAnalysis.Frontiers(mp.Serving, filter), x) : null;
        return TypedResults.Ok(new
        {
            hardware,
            tcoPerGpuHour = tco,
            points = Contract.FrontierPoints(envelope, tco),
            interactivity = u,
            tputPerGpu = best?.TputPerGpu,
            costPerMillion = best is null ? null : Cost(best.TputPerGpu),
            bestConfiguration = best?.Configuration.Label,
        });
    }

    private static IResult ServingChart(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var hardware = (q.String("hardware") ?? "gb300,b200,h200,mi355x").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kind = q.String("kind") ?? "cost";
        if (kind is not ("cost" or "throughput")) q.Error("kind", $"'{kind}' is not known; allowed: cost, throughput");
        var filter = Filter(q, null)!;
        var (c, problem) = Resolve(mp, q, null);
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
        var price = q.Double("price", 0, 10_000);
        var tps = q.Double("tokensPerSecondPerGpu", 0, 1e7, minExclusive: true);
        var u = q.Double("interactivity", 0, 1e6, minExclusive: true) ?? ValueChainModel.DefaultInteractivity;
        var sheetName = q.String("sheet") ?? "frontier";
        var (c, problem) = Resolve(mp, q, system);
        if (c is null) return problem!;
        var sheet = mp.PriceSheets.FirstOrDefault(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase));
        if (sheet is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sheet"] = [$"unknown price sheet '{sheetName}'"] }, title: "invalid input");
        var s = c.System!;
        string source = "given";
        if (tps is null)
        {
            var best = ValueChainModel.MeasuredThroughput(mp.Serving, s.Id, u);
            if (best is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tokensPerSecondPerGpu"] = [$"no measurement for {s.Id} at {u} tokens/s per user: give tokensPerSecondPerGpu"] }, title: "invalid input");
            tps = best.TputPerGpu;
            source = ValueChainModel.MeasuredSource(best, u);
        }
        var rental = price ?? s.MarketPricePerGpuHour ?? c.Model.Floor(s.Id);
        var r = ValueChainModel.Compute(s, c.Model.Scenario, rental, sheet, Workload.AgenticCoding, tps.Value, mp.Tasks);
        return TypedResults.Ok(Contract.ValueChain(s.Id, sheet.Name, tps.Value, source, r));
    }
}
