using System.Text;
using Gpunomics.Contracts;
using Gpunomics.Fleet;
using Gpunomics.Json;
using Gpunomics.Market;

namespace Gpunomics.Web.Api;

/// <summary>
/// A neocloud's fleet under <c>/api/fleet</c>, as <c>gpunomics fleet --json</c> gives it (methodology: "Fleet"): the body
/// is a fleet file (read as the command line reads one); <c>/api/fleet/example</c> runs the shipped example.
/// </summary>
internal static partial class FleetApi
{
    /// <summary>Vintages a fleet sent to the web may hold: each adds a row of monthly arrays to the answer.</summary>
    public const int MaxVintages = 24;

    /// <summary>Contracts a fleet sent to the web may hold.</summary>
    public const int MaxContracts = 1000;

    /// <summary>Months of a fleet's timeline the web answers (40 years): the answer holds every month of every vintage.</summary>
    public const int MaxMonths = 480;

    /// <summary>Named defaults a request may give.</summary>
    public const int MaxDefaults = 50;

    /// <summary>Paths of a fleet risk request that gives none.</summary>
    public const int DefaultPaths = 2_000;

    /// <summary>Most paths of a fleet risk request.</summary>
    public const int MaxPaths = 20_000;

    /// <summary>The shipped example as the answers name it.</summary>
    public const string ExampleFile = "data/fleets/example-fleet.json";

    public static void MapFleetApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/fleet").WithTags("fleet");
        api.MapPost("", Run).Query([P.Default, P.Granularity]).Accepts<System.Text.Json.JsonElement>("application/json")
            .WithDescription($"Body: a fleet file (schema: gpunomics schema fleet; at most {MaxVintages} deployments, {MaxContracts} contracts and a {MaxMonths}-month timeline). " +
                "Answers as gpunomics fleet --json: the summary (equity IRR with its note, NPV at the hurdle, payback, minimum DSCR, first breach, outcome), " +
                "vintages, periods (each month or year, with each vintage's contracted and spot revenue and backlog) and the monthly arrays. " +
                "A bad row is a 400 problem naming its path (row and key), the value and what is allowed; a fleet that cannot be run, a 422 problem.");
        api.MapGet("/example", Example).Query([P.Default, P.Granularity])
            .WithDescription($"The shipped example fleet ({ExampleFile}), answered as POST /api/fleet answers.");
        api.MapPost("/risk", RunRisk).LimitSimulation().Query([P.Default, P.Paths, P.Seed]).Accepts<System.Text.Json.JsonElement>("application/json")
            .WithDescription($"Body: a fleet file (bounds as POST /api/fleet). Answers as gpunomics fleet risk --json: the fleet over random market paths and renter defaults, " +
                "percentiles of the equity IRR, NPV, minimum DSCR and months to the first covenant breach with the paths that have each and why the others do not, the share of paths breaching, the process's bases and the percentiles' accuracy.");
        api.MapGet("/risk/example", RiskExample).LimitSimulation().Query([P.Default, P.Paths, P.Seed])
            .WithDescription($"Fleet risk of the shipped example fleet ({ExampleFile}), answered as POST /api/fleet/risk answers.");
    }

    private static class P
    {
        public static readonly QueryParameter Default = new("default",
            $"named renter defaults, CONTRACT@YYYY-MM (the first month not paid), comma-separated; {MaxDefaults} at most; replace the file's defaults, keeping its recovery and re-lease delay",
            QueryKind.TextList) { MaxItems = MaxDefaults };
        public static readonly QueryParameter Paths = new("paths", $"market paths, each with its own renter defaults (default {DefaultPaths:N0})", QueryKind.Integer, 1, MaxPaths);
        public static readonly QueryParameter Seed = QueryParameter.For(Gpunomics.Inputs.ModelInputs.Seed, "random seed; the same seed gives the same figures (default 1)");
        public static readonly QueryParameter Granularity = new("granularity",
            $"periods of the answer: {FleetResultContract.Monthly} or {FleetResultContract.Yearly} (default {FleetResultContract.Yearly})", QueryKind.Text)
        { AllowedValues = [FleetResultContract.Monthly, FleetResultContract.Yearly] };
    }

    private static async Task<IResult> Run(HttpRequest request, ModelProvider mp)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return Answer(request, mp, text, "fleet");
    }

    private static IResult Example(HttpRequest request, ModelProvider mp) => Answer(request, mp, mp.ExampleFleet, ExampleFile);

    private static async Task<IResult> RunRisk(HttpRequest request, ModelProvider mp)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return Answer(request, mp, text, "fleet", risk: true);
    }

    private static IResult RiskExample(HttpRequest request, ModelProvider mp) => Answer(request, mp, mp.ExampleFleet, ExampleFile, risk: true);

    private static IResult Answer(HttpRequest request, ModelProvider mp, string text, string source, bool risk = false)
    {
        var q = new QueryReader(request);
        var granularity = risk ? FleetResultContract.Yearly : q.String(P.Granularity) ?? FleetResultContract.Yearly;
        var paths = risk ? q.Int(P.Paths) ?? DefaultPaths : 0;
        var seed = risk && q.Double(P.Seed) is { } s ? (ulong)s : 1UL;
        if (granularity is not FleetResultContract.Monthly and not FleetResultContract.Yearly)
            q.Error(P.Granularity.Name, $"'{granularity}' is not allowed; allowed: {FleetResultContract.Monthly}, {FleetResultContract.Yearly}");
        string[]? named = null;
        if (q.String(P.Default) is { } list)
        {
            named = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (named.Length > MaxDefaults) q.Error(P.Default.Name, $"{named.Length} named defaults; allowed: at most {MaxDefaults}");
        }
        if (!q.Ok) return q.Problem();

        if (string.IsNullOrWhiteSpace(text))
            return Invalid([new InputError(source, "(body)", null, "send a fleet file as the body (schema: gpunomics schema fleet; example: GET /api/fleet/example)")]);
        var read = FleetReader.Read(text, source, mp.Catalog);
        if (!read.Ok) return Invalid(read.Errors);
        var fleet = read.Value!;
        var bounds = new List<InputError>();
        if (fleet.Deployments.Count > MaxVintages)
            bounds.Add(new InputError(source, "deployments", $"{fleet.Deployments.Count} deployments", $"the web answers at most {MaxVintages}; run larger fleets with gpunomics fleet"));
        if (fleet.Contracts.Count > MaxContracts)
            bounds.Add(new InputError(source, "contracts", $"{fleet.Contracts.Count} contracts", $"the web answers at most {MaxContracts}; run larger fleets with gpunomics fleet"));
        if (bounds.Count > 0) return Invalid(bounds);
        if (named is not null)
        {
            if (!NamedDefaults.TryApply(fleet, named, out fleet, out var error))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [P.Default.Name] = [error!] }, title: "invalid input", detail: "one or more query parameters are invalid");
        }

        if (fleet.LastMonth > MaxMonths)
            return TypedResults.Problem(title: "fleet timeline too long",
                detail: $"{source}: the timeline runs {fleet.LastMonth} months; the web answers at most {MaxMonths}; run it with gpunomics fleet",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        if (risk)
        {
            try
            {
                if (!FleetRiskModel.TryCreate(fleet, mp.Market, new EconomicsModel(mp.Catalog, mp.Article), new Gpunomics.Market.PriceProcessOptions(), out var model, out var setup, out var reason))
                    return TypedResults.Problem(title: "fleet cannot be run", detail: $"{source}: no market paths of {fleet.Spot.Pricing.Name()} prices: {reason}", statusCode: StatusCodes.Status422UnprocessableEntity);
                var stats = model!.Run(paths, seed, cancellationToken: request.HttpContext.RequestAborted);
                return TypedResults.Ok(FleetRiskContract.From(model, setup!, stats, source, seed));
            }
            catch (FleetException e)
            {
                return TypedResults.Problem(title: "fleet cannot be run", detail: $"{source}: {e.Message}", statusCode: StatusCodes.Status422UnprocessableEntity);
            }
        }
        FleetResult result;
        try
        {
            result = FleetModel.Run(fleet, mp.Market, new EconomicsModel(mp.Catalog, mp.Article));
        }
        catch (FleetException e)
        {
            return TypedResults.Problem(title: "fleet cannot be run", detail: $"{source}: {e.Message}", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        if (result.LastMonth > MaxMonths)
            return TypedResults.Problem(title: "fleet timeline too long",
                detail: $"{source}: the timeline runs {result.LastMonth} months ({FleetDates.Text(result.MonthDate(0))} to {FleetDates.Text(result.MonthDate(result.LastMonth))}); the web answers at most {MaxMonths}; run it with gpunomics fleet",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        return TypedResults.Ok(FleetResultContract.From(result, source, granularity == FleetResultContract.Monthly));
    }

    // Each bad row under its path, with the row (array, index and id), the key in it, the value and what is allowed beside the message.
    private static IResult Invalid(IReadOnlyList<InputError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal),
            title: "invalid fleet file",
            detail: errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems",
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = errors.Select(e =>
                {
                    var (row, key) = RowAndKey(e.Path);
                    return new { path = e.Path, row, key, value = e.Value, allowed = e.Allowed };
                }).ToArray(),
            });

    // "contracts[1] (c02).credit" is row "contracts[1] (c02)", key "credit"; a path outside a row ("spot.utilization") has no row.
    internal static (string? Row, string? Key) RowAndKey(string path)
    {
        var m = RowPath().Match(path);
        return m.Success ? (m.Groups["row"].Value, m.Groups["key"].Success ? m.Groups["key"].Value : null) : (null, path);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<row>(?:[A-Za-z]+\.)*[A-Za-z]+\[\d+\](?: \(.*?\))?)(?:\.(?<key>.+))?$")]
    private static partial System.Text.RegularExpressions.Regex RowPath();
}
