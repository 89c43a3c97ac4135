using System.Text.Json;
using Gpunomics.Comparison;
using Gpunomics.Contracts;
using Gpunomics.Scenarios;

namespace Gpunomics.Web.Api;

/// <summary>Two scenarios compared under <c>/api/compare</c>, as <c>gpunomics compare</c> gives them.</summary>
internal static class CompareApi
{
    /// <summary>
    /// Body of a comparison: each side either a scenario in the scenario file format (its keys over the built-in
    /// scenario) or a saved scenario's id; optionally one system (default: every system either scenario reports).
    /// </summary>
    public sealed record CompareRequest(JsonElement? A, JsonElement? B, long? AId, long? BId, string? System);

    public static void MapCompareApi(this WebApplication app) =>
        app.MapPost("/api/compare", Compare).WithTags("economics");

    private static IResult Compare(CompareRequest body, ModelProvider mp)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var a = Side(mp, body.A, body.AId, "a", "aId", errors);
        var b = Side(mp, body.B, body.BId, "b", "bId", errors);
        string[]? ids = null;
        if (body.System is { } id)
        {
            if (mp.Catalog.TryGet(id, out var s)) ids = [s.Id];
            else errors["system"] = [$"unknown system '{id}'; known: {string.Join(", ", mp.Catalog.Systems.Select(x => x.Id))}"];
        }
        if (errors.Count > 0 || a is null || b is null) return TypedResults.ValidationProblem(errors, title: "invalid input");
        ids ??= [.. a.ReportSystems.Concat(b.ReportSystems).Where(x => mp.Catalog.TryGet(x, out _)).Select(x => mp.Catalog.Get(x).Id).Distinct()];
        return TypedResults.Ok(Contract.Comparison(ScenarioComparison.Compare(mp.Catalog, a, b, ids)));
    }

    // One side: a scenario body or a saved id, exactly one of them; its problems under the side's name.
    private static Scenario? Side(ModelProvider mp, JsonElement? body, long? id, string name, string idName, Dictionary<string, string[]> errors)
    {
        var given = body is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        if (given == id.HasValue)
        {
            errors[name] = [given
                ? $"give either {name} (a scenario) or {idName} (a saved scenario's id), not both"
                : $"give {name}, a scenario in the scenario file format (e.g. {{ \"hurdleRate\": 0.15 }}), or {idName}, a saved scenario's id"];
            return null;
        }
        if (id is { } saved)
        {
            var (scenario, error) = mp.Scenario(saved);
            if (error is not null) errors[idName] = [error];
            return scenario;
        }
        if (body!.Value.ValueKind != JsonValueKind.Object)
        {
            errors[name] = ["must be an object in the scenario file format, e.g. { \"hurdleRate\": 0.15 }"];
            return null;
        }
        var r = mp.ReadScenario(body.Value.GetRawText(), $"scenario {name.ToUpperInvariant()}");
        foreach (var e in r.Errors) errors[name + "." + e.Path] = [e.ToString()];
        return r.Ok ? r.Value : null;
    }
}
