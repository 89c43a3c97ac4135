using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gpunomics.Inputs;
using Gpunomics.Tests.Shared;
using Xunit.Abstractions;

namespace Gpunomics.Web.Tests;

/// <summary>
/// Every GET endpoint of the OpenAPI document over each documented query parameter's range and just past it
/// (each at each edge with the others at their defaults), a seeded sample of combinations, and the corner of a hurdle
/// at or below -50% with heavy tax and debt: every answer has a status below 500 and no stack trace, source path,
/// NaN or infinity. Built from the document, so a new endpoint or parameter is covered without a new test.
/// </summary>
public sealed partial class InputGridTests(WebFixture factory, ITestOutputHelper output) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    [GeneratedRegex(@"\bNaN\b|∞|\bInfinity\b")]
    private static partial Regex NotAFigure();

    [GeneratedRegex(@"\.cs:line \d+|\n\s+at \S+\(|\bat Gpunomics\.|/src/Gpunomics\.|Exception\b")]
    private static partial Regex StackOrSource();

    /// <summary>A documented query parameter: its name, whether required, and its numeric bounds when it has them.</summary>
    private sealed record Parameter(string Name, bool Required, string Type, double? Min, double? Max, bool MinExclusive, bool MaxExclusive);

    private sealed record Endpoint(string Template, IReadOnlyList<Parameter> Parameters);

    private async Task<List<Endpoint>> Endpoints()
    {
        var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;
        var list = new List<Endpoint>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var ps = new List<Parameter>();
            if (get.TryGetProperty("parameters", out var parameters))
                foreach (var p in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                {
                    var schema = p.GetProperty("schema");
                    double? Bound(string key) => schema.TryGetProperty(key, out var v) ? double.Parse(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText(), CultureInfo.InvariantCulture) : null;
                    var min = Bound("minimum") ?? Bound("exclusiveMinimum");
                    var max = Bound("maximum") ?? Bound("exclusiveMaximum");
                    ps.Add(new Parameter(p.GetProperty("name").GetString()!, p.TryGetProperty("required", out var r) && r.GetBoolean(),
                        schema.TryGetProperty("type", out var t) ? t.ToString() : "string", min, max, Bound("exclusiveMinimum") is not null, Bound("exclusiveMaximum") is not null));
                }
            list.Add(new Endpoint(path.Name, ps));
        }
        return list;
    }

    /// <summary>The documented parameter as a declared input (for rates written with %), or a declaration made from its bounds.</summary>
    private static ModelInput? AsInput(Parameter p)
    {
        if (p.Min is null && p.Max is null) return null;
        if (ModelInputs.Find(p.Name) is { Api: true } declared) return declared;
        return new ModelInput(p.Name, p.Name, InputUnit.Count, new InputRange(p.Min ?? -1e9, p.Max ?? 1e9, p.MinExclusive, p.MaxExclusive), "")
        { Whole = p.Type.Contains("integer", StringComparison.Ordinal) };
    }

    // Values for what has no range: required text, and the path's system.
    private static string? Fixed(Parameter p) => p.Name switch
    {
        "hardware" => "b200",
        "tokensPerSecondPerGpu" when p.Required => "1000",
        "price" when p.Required => "3.5",
        "system" => "vr-nvl72",
        _ => p.Required ? throw new InvalidOperationException($"no grid value for the required parameter {p.Name}") : null,
    };

    private static string Url(Endpoint e, IEnumerable<(string Name, string Value)> query)
    {
        var path = e.Template.Replace("{system}", "vr-nvl72", StringComparison.Ordinal);
        var q = string.Join("&", query.Select(x => $"{x.Name}={Uri.EscapeDataString(x.Value)}"));
        return q.Length == 0 ? path : path + "?" + q;
    }

    // The required parameters, and the chart's SVG (drawn from the same numbers, so checked for NaN too).
    private static IEnumerable<(string, string)> Required(Endpoint e) =>
        e.Parameters.Where(p => p.Required).Select(p => (p.Name, Fixed(p)!))
            .Concat(e.Parameters.Where(p => p.Name == "svg").Select(p => (p.Name, "true")));

    private int _requests;

    private async Task Check(string url, List<string> failures)
    {
        _requests++;
        var r = await _client.GetAsync(url);
        var body = await r.Content.ReadAsStringAsync();
        if ((int)r.StatusCode >= 500) failures.Add($"{url}: {(int)r.StatusCode} {body}");
        if (StackOrSource().Match(body) is { Success: true } m) failures.Add($"{url}: a stack trace or source path ({m.Value})");
        if (NotAFigure().Match(body) is { Success: true } n) failures.Add($"{url}: {n.Value} as a figure");
    }

    [Fact]
    public async Task Every_endpoint_at_every_edge_of_every_documented_parameter_answers_below_500_without_a_trace_nan_or_infinity()
    {
        var failures = new List<string>();
        var endpoints = await Endpoints();
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} GET endpoints documented");
        var ranged = 0;
        foreach (var e in endpoints)
        {
            var required = Required(e).ToList();
            await Check(Url(e, required), failures);
            foreach (var p in e.Parameters)
            {
                if (AsInput(p) is not { } input) continue;
                ranged++;
                foreach (var edge in InputEdges.Of(input))
                    await Check(Url(e, required.Where(x => x.Item1 != p.Name).Append((p.Name, edge.Text))), failures);
            }
        }
        output.WriteLine($"{_requests} requests over {endpoints.Count} endpoints and {ranged} ranged parameters");
        Assert.True(ranged > 30, $"only {ranged} ranged parameters documented");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_seeded_sample_of_combinations_and_the_low_hurdle_heavy_tax_and_debt_corner_answer_below_500_without_a_trace()
    {
        var failures = new List<string>();
        var random = new Random(20261201);
        foreach (var e in await Endpoints())
        {
            var required = Required(e).ToList();
            var ranged = e.Parameters.Select(p => (p.Name, Input: AsInput(p))).Where(x => x.Input is not null && x.Name != "scenario").ToList();
            if (ranged.Count == 0) continue;
            for (var k = 0; k < 8; k++)
            {
                var query = ranged.Where(_ => random.NextDouble() < 0.5).Select(x => (x.Name, InputEdges.Text(x.Input!, InputEdges.Inside(x.Input!, random)))).ToList();
                await Check(Url(e, required.Where(r => query.All(q => q.Name != r.Item1)).Concat(query)), failures);
            }
            var names = ranged.Select(x => x.Name).ToHashSet();
            if (!names.Contains("hurdle")) continue;
            foreach (var hurdle in new[] { "-0.99", "-0.9", "-0.5" })
                foreach (var tax in new[] { "0", "0.5", "0.99" })
                    foreach (var debt in new[] { "0", "0.99" })
                        await Check(Url(e, required.Concat([("hurdle", hurdle), ("taxRate", tax), ("debtShare", debt), ("debtRate", "0.08")])), failures);
        }
        output.WriteLine($"{_requests} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
