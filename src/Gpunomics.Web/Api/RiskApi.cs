using Gpunomics.Contracts;
using Gpunomics.MonteCarlo;
using Gpunomics.Sensitivity;

namespace Gpunomics.Web.Api;

// Monte Carlo and sensitivity under /api: the same contracts as the command line's --json. A request's work is
// bounded by its declared parameters: at most ModelInputs.ApiScenarios scenarios, one distribution per input, and
// MaxCorrelations correlations.
internal static partial class EconomicsApi
{
    /// <summary>Scenarios of a Monte Carlo request that gives none.</summary>
    private const long DefaultScenarios = 10_000;

    /// <summary>Most correlations one request may give: one per pair of inputs.</summary>
    private static readonly int MaxCorrelations = MonteCarloSetup.Inputs.Count * (MonteCarloSetup.Inputs.Count - 1) / 2;

    private static IResult InvalidInput(QueryParameter p, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [p.Name] = [message] }, title: "invalid input");

    // A ';'-separated list: more than max entries is refused before any is read.
    private static string[]? List(QueryReader q, QueryParameter p, int max)
    {
        var text = q.String(p);
        if (text is null) return null;
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length <= max) return parts;
        q.Error(p.Name, $"{parts.Length} given; at most {max} allowed, separated by ';'");
        return null;
    }

    private static IResult MonteCarloEndpoint(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var n = q.Int(P.Scenarios) ?? DefaultScenarios;
        var seed = q.Double(P.Seed) is { } s ? (ulong)s : 1UL;
        var price = q.Double(P.BasePrice);
        var distributionSpecs = List(q, P.Distribution, MonteCarloSetup.Inputs.Count);
        var correlations = Specs<List<Correlation>>(q, P.Correlation, MaxCorrelations, MonteCarloSpecs.ReadCorrelations);
        var (c, problem) = Resolve(mp, q, system, wholeLife: true);
        if (c is null) return problem!;
        var id = c.System!.Id;
        var basePrice = price ?? c.System.MarketPricePerGpuHour ?? c.Model.Floor(id);
        var setup = MonteCarloSetup.For(c.Model, id, basePrice);
        if (MonteCarloSpecs.ReadDistributions(distributionSpecs ?? [], setup, out var distributions) is { } bad) return InvalidInput(P.Distribution, bad);
        setup = setup with { Distributions = distributions, Correlations = correlations ?? [] };
        MonteCarloResult result;
        try
        {
            result = MonteCarloSimulation.Run(setup, n, seed);
        }
        catch (ArgumentException e)
        {
            // What the run refuses among what was given: a correlation of inputs without distributions, inconsistent correlations.
            var message = e.Message.Split(" (Parameter")[0];
            var key = message.StartsWith("correlation", StringComparison.Ordinal) || message.StartsWith("the correlations", StringComparison.Ordinal) ? P.Correlation.Name : P.Distribution.Name;
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] }, title: "invalid input");
        }
        return TypedResults.Ok(Contract.MonteCarlo(id, basePrice, setup, result));
    }

    private static IResult SensitivityEndpoint(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var range = q.Double(P.Range) ?? 0.2;
        var price = q.Double(P.BasePrice);
        var names = List(q, P.Vary, MonteCarloSetup.TornadoInputs.Count);
        var (c, problem) = Resolve(mp, q, system, wholeLife: true);
        if (c is null) return problem!;
        var id = c.System!.Id;
        var basePrice = price ?? c.System.MarketPricePerGpuHour ?? c.Model.Floor(id);
        var setup = MonteCarloSetup.For(c.Model, id, basePrice);
        List<Gpunomics.Inputs.ModelInput>? inputs = null;
        if (names is not null && SensitivityAnalysis.ReadInputs(setup, names, out inputs) is { } bad) return InvalidInput(P.Vary, bad);
        var tornado = SensitivityAnalysis.Tornado(setup, range, inputs);
        var grid = SensitivityAnalysis.Grid(setup, SensitivityAnalysis.GridPrices(basePrice), SensitivityAnalysis.GridMultipliers);
        return TypedResults.Ok(Contract.Sensitivity(id, range, basePrice, tornado, grid, life: setup.Life));
    }

    private delegate string? SpecReader<T>(IEnumerable<string> specs, out T value);

    // A ';'-separated list of specs: more than max entries is refused before any is read; each read as on the command line.
    private static T? Specs<T>(QueryReader q, QueryParameter p, int max, SpecReader<T> read) where T : class
    {
        var text = q.String(p);
        if (text is null) return null;
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > max)
        {
            q.Error(p.Name, $"{parts.Length} given; at most {max} allowed, separated by ';'");
            return null;
        }
        if (read(parts, out var value) is { } problem)
        {
            q.Error(p.Name, problem);
            return null;
        }
        return value;
    }
}
