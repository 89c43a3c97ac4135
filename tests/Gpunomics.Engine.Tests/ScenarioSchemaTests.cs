using System.Globalization;
using System.Text.Json;
using Gpunomics.Inputs;
using Gpunomics.Scenarios;
using Gpunomics.Tests.Shared;

namespace Gpunomics.Engine.Tests;

/// <summary>The scenario file's JSON Schema: shipped current, met by the shipped scenario, and agreeing with the reader.</summary>
public class ScenarioSchemaTests
{
    private static readonly string Shipped = Path.Combine(TestData.DataDir, "schemas", ScenarioSchema.FileName);

    private static JsonElement Schema => JsonDocument.Parse(ScenarioSchema.Text()).RootElement;

    [Fact]
    public void The_shipped_schema_is_the_one_the_declarations_make() =>
        Assert.True(File.ReadAllText(Shipped) == ScenarioSchema.Text(),
            $"{Shipped} is out of date: run 'gpunomics schema scenario > data/schemas/{ScenarioSchema.FileName}'");

    [Fact]
    public void The_shipped_scenario_names_the_schema_meets_it_and_is_read()
    {
        var text = File.ReadAllText(Path.Combine(TestData.DataDir, "scenarios", "article.json"));
        var file = JsonDocument.Parse(text).RootElement;
        Assert.Equal("../schemas/" + ScenarioSchema.FileName, file.GetProperty("$schema").GetString());
        Assert.Empty(JsonSchemaCheck.Errors(Schema, file));
        Assert.True(ScenarioReader.Read(text, "article.json", null, TestData.Catalog).Ok);
    }

    public static TheoryData<string> Keys() => [.. ModelInputs.All.Where(i => i.ScenarioKey is not null).Select(i => i.Name)];

    /// <summary>At every edge of every declared key the schema and the reader agree (a percentage: the schema takes whatever the reader takes).</summary>
    [Theory]
    [MemberData(nameof(Keys))]
    public void At_each_edge_of_a_declared_key_the_schema_accepts_what_the_reader_accepts(string name)
    {
        var input = ModelInputs.Find(name)!;
        var values = InputEdges.Of(input).Select(e => InputEdges.Json(input, e)).ToList();
        if (input.Unit.IsFraction()) values.AddRange(["\"15%\"", "\"abc%\"", "\"15\"", "5"]);
        values.AddRange(["\"x\"", "true"]);
        foreach (var value in values)
        {
            var json = Nest(input.ScenarioKey!, value);
            var schemaOk = JsonSchemaCheck.Errors(Schema, JsonDocument.Parse(json).RootElement).Count == 0;
            var read = ScenarioReader.Read(json, "edge.json", TestData.Article, TestData.Catalog);
            var why = $"{json}: the schema {(schemaOk ? "accepts" : "refuses")} it, the reader {(read.Ok ? "accepts it" : "refuses it: " + string.Join("; ", read.Errors))}";
            // A percentage's range is the reader's to check: the schema checks its form, and never refuses a file the reader takes.
            if (value.EndsWith("%\"", StringComparison.Ordinal)) Assert.True(schemaOk || !read.Ok, why);
            // A quoted compute system must also hold the catalog's HBM line and NICs, a floor the schema (catalog-free) cannot know.
            else if (input == ModelInputs.ComputeSystem && schemaOk && double.TryParse(value, CultureInfo.InvariantCulture, out var v) && v < HeldByQuotedCompute("vr-nvl72"))
                Assert.True(!read.Ok && read.Errors.Single().Allowed.Contains("HBM line", StringComparison.Ordinal), why);
            else Assert.True(schemaOk == read.Ok, why);
        }
    }

    [Theory]
    [InlineData("""{ "contract": { "prepay": 0.2 } }""")]
    [InlineData("""{ "systems": { "vr-nvl72": { "computeSystems": 1 } } }""")]
    [InlineData("""{ "chartMultipliers": [] }""")]
    [InlineData("""{ "name": "" }""")]
    [InlineData("""{ "ceiling": { "precision": "fp3" } }""")]
    public void A_file_the_reader_refuses_the_schema_refuses(string json)
    {
        Assert.False(ScenarioReader.Read(json, "bad.json", TestData.Article, TestData.Catalog).Ok);
        Assert.NotEmpty(JsonSchemaCheck.Errors(Schema, JsonDocument.Parse(json).RootElement));
    }

    private static double HeldByQuotedCompute(string id)
    {
        var bom = TestData.Catalog.Get(id).Capex;
        return bom.HeldInQuote(TestData.Article.NetworkTier);
    }

    // "contract.termMonths" = 60 as { "contract": { "termMonths": 60 } }; a system's key under vr-nvl72; an array key as one item.
    private static string Nest(string key, string value)
    {
        var array = key.EndsWith("[]", StringComparison.Ordinal);
        var parts = (array ? key[..^2] : key).Replace("<id>", "vr-nvl72", StringComparison.Ordinal).Split('.');
        var json = array ? $"[{value}]" : value;
        for (var i = parts.Length - 1; i >= 0; i--) json = $$"""{ "{{parts[i]}}": {{json}} }""";
        return json;
    }
}
