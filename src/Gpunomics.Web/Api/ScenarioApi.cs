using System.Text.Json;
using Gpunomics.Storage;

namespace Gpunomics.Web.Api;

/// <summary>The scenario store under <c>/api/scenarios</c>: save, list, load, rename, duplicate, delete, export, import.</summary>
internal static class ScenarioApi
{
    public const int MaxNameLength = 100;
    public const int MaxNotesLength = 4000;

    /// <summary>Body of a save or an update.</summary>
    public sealed record SaveRequest(string? Name, string? Notes, JsonElement? Scenario);

    /// <summary>Body of a rename or a duplicate.</summary>
    public sealed record NameRequest(string? Name);

    public static void MapScenarioApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/scenarios").WithTags("scenarios");
        api.MapGet("/", (ScenarioStore store) => TypedResults.Ok(new { scenarios = store.List().Select(Summary).ToList() }));
        api.MapGet("/{id:long}", (long id, ScenarioStore store) =>
            store.Find(id) is not { } s ? NotFound(id)
            : TryFull(s) is { } full ? Results.Ok(full)
            : TypedResults.Problem(title: "saved scenario unreadable", detail: $"saved scenario {id} ('{s.Name}') is not valid JSON in the database (the row is damaged); delete it or restore the database from a backup", statusCode: 422));
        api.MapPost("/", Create);
        api.MapPut("/{id:long}", Update);
        api.MapPost("/{id:long}/rename", (long id, NameRequest body, ScenarioStore store) =>
            Name(body.Name, out var name, out var problem) ? Guard(() => Results.Ok(Summary(store.Rename(id, name)))) : problem);
        api.MapPost("/{id:long}/duplicate", (long id, NameRequest body, ScenarioStore store) =>
            Name(body.Name, out var name, out var problem) ? Guard(() => CreatedSummary(store.Duplicate(id, name))) : problem);
        api.MapDelete("/{id:long}", (long id, ScenarioStore store) => Guard(() => { store.Delete(id); return Results.NoContent(); }));
        api.MapGet("/{id:long}/export", (long id, ScenarioStore store) =>
            store.Find(id) is { } s
                ? Results.Text(s.Body, "application/json", System.Text.Encoding.UTF8)
                : NotFound(id));
        api.MapPost("/import", Import).Query([ImportName]).Accepts<System.Text.Json.JsonElement>("application/json");
    }

    private static IResult Create(SaveRequest body, ScenarioStore store, ModelProvider mp)
    {
        if (!Name(body.Name, out var name, out var problem)) return problem;
        if (!Validate(body, mp, out var notes, out var json, out problem)) return problem;
        return Guard(() =>
        {
            var saved = store.Create(name, notes, json);
            return Results.Created($"/api/scenarios/{saved.Id}", Full(saved));
        });
    }

    private static IResult Update(long id, SaveRequest body, ScenarioStore store, ModelProvider mp)
    {
        if (!Validate(body, mp, out var notes, out var json, out var problem)) return problem;
        return Guard(() => Results.Ok(Full(store.Update(id, notes, json))));
    }

    private static readonly QueryParameter ImportName = new("name", "name of the imported scenario (unique; the body is the scenario file)", QueryKind.Text, Required: true);

    private static async Task<IResult> Import(HttpRequest request, ScenarioStore store, ModelProvider mp)
    {
        var q = new QueryReader(request);
        if (!Name(q.String(ImportName), out var name, out var problem)) return problem;
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var r = mp.ReadScenario(text, "uploaded scenario file", wholeLife: true);
        if (!r.Ok) return Invalid(r.Errors.ToDictionary(e => "scenario." + e.Path, e => new[] { e.ToString() }));
        return Guard(() =>
        {
            // Stored as plain JSON (comments and trailing commas, which the file format allows, dropped) so that the row reads back.
            var saved = store.Create(name, "imported scenario file", Canonical(text));
            return Results.Created($"/api/scenarios/{saved.Id}", Full(saved));
        });
    }

    private static bool Name(string? given, out string name, out IResult problem)
    {
        name = given?.Trim() ?? "";
        problem = Results.Empty;
        if (name.Length is >= 1 and <= MaxNameLength && !name.Any(char.IsControl)) return true;
        problem = Invalid(new() { ["name"] = [$"must be 1 to {MaxNameLength} characters without control characters"] });
        return false;
    }

    private static bool Validate(SaveRequest body, ModelProvider mp, out string notes, out string json, out IResult problem)
    {
        notes = body.Notes ?? "";
        json = "";
        problem = Results.Empty;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (notes.Length > MaxNotesLength) errors["notes"] = [$"must be at most {MaxNotesLength} characters"];
        if (body.Scenario is not { ValueKind: JsonValueKind.Object } scenario)
        {
            errors["scenario"] = ["must be an object in the scenario file format, e.g. { \"hurdleRate\": 0.15 }"];
        }
        else
        {
            json = scenario.GetRawText();
            var r = mp.ReadScenario(json, "scenario", wholeLife: true);
            foreach (var e in r.Errors) errors["scenario." + e.Path] = [e.ToString()];
        }
        if (errors.Count == 0) return true;
        problem = Invalid(errors);
        return false;
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (ScenarioStoreException e)
        {
            return TypedResults.Problem(title: e.NotFound ? "not found" : "conflict", detail: e.Message, statusCode: e.NotFound ? 404 : 409);
        }
    }

    private static IResult CreatedSummary(SavedScenario s) => Results.Created($"/api/scenarios/{s.Id}", Summary(s));

    private static IResult NotFound(long id) => TypedResults.Problem(title: "not found", detail: $"no scenario with id {id}", statusCode: 404);

    private static IResult Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "invalid input");

    private static object Summary(SavedScenario s) => new { id = s.Id, name = s.Name, notes = s.Notes, createdUtc = s.CreatedUtc, updatedUtc = s.UpdatedUtc };

    private static readonly JsonDocumentOptions ScenarioFileFormat = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // Plain JSON is kept as sent; a file with comments or trailing commas is rewritten without them.
    private static string Canonical(string scenarioFile)
    {
        try
        {
            using var strict = JsonDocument.Parse(scenarioFile);
            return scenarioFile;
        }
        catch (JsonException)
        {
            using var doc = JsonDocument.Parse(scenarioFile, ScenarioFileFormat);
            return JsonSerializer.Serialize(doc.RootElement);
        }
    }

    private static object Full(SavedScenario s) => TryFull(s) ?? throw new InvalidOperationException($"saved scenario {s.Id} is not valid JSON");

    /// <summary>The saved scenario with its body as JSON, or null when the stored body is not JSON (a damaged row).</summary>
    private static object? TryFull(SavedScenario s)
    {
        try
        {
            // Read as the scenario file format reads, so that a row saved before bodies were stored as plain JSON still reads.
            using var doc = JsonDocument.Parse(s.Body, ScenarioFileFormat);
            return new { id = s.Id, name = s.Name, notes = s.Notes, scenario = doc.RootElement.Clone(), createdUtc = s.CreatedUtc, updatedUtc = s.UpdatedUtc };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
