using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpunomics.Catalog;
using Gpunomics.Inputs;

namespace Gpunomics.Engine.Tests;

/// <summary>
/// The catalog's JSON Schema: shipped current, met by the shipped catalog, and agreeing with the reader at every edge
/// of every declared field. The catalogs tested are made from the declarations themselves, so a new field is checked
/// without a new test.
/// </summary>
public class CatalogSchemaTests
{
    private static readonly string Shipped = Path.Combine(TestData.DataDir, "schemas", CatalogSchema.FileName);
    private const string Hole = "@@value@@";

    private static JsonElement Schema => JsonDocument.Parse(CatalogSchema.Text()).RootElement;

    [Fact]
    public void The_shipped_schema_is_the_one_the_declarations_make() =>
        Assert.True(File.ReadAllText(Shipped) == CatalogSchema.Text(),
            $"{Shipped} is out of date: run 'gpunomics schema catalog > data/schemas/{CatalogSchema.FileName}'");

    [Fact]
    public void The_shipped_catalog_names_the_schema_meets_it_and_is_read()
    {
        var text = File.ReadAllText(Path.Combine(TestData.DataDir, "catalog.json"));
        var file = JsonDocument.Parse(text).RootElement;
        Assert.Equal("schemas/" + CatalogSchema.FileName, file.GetProperty("$schema").GetString());
        Assert.Empty(JsonSchemaCheck.Errors(Schema, file));
        Assert.True(CatalogReader.Read(text, "catalog.json").Ok);
    }

    [Fact]
    public void A_catalog_made_from_the_declarations_is_read_and_meets_the_schema() =>
        Agree(Minimal().ToJsonString(), expectOk: true);

    public static TheoryData<string> Fields() => [.. CatalogFields.All.Select(f => f.Path)];

    /// <summary>Each field left out, and given as null: both refuse a required field and take an optional one.</summary>
    [Theory]
    [MemberData(nameof(Fields))]
    public void A_field_left_out_or_null_is_refused_by_both_exactly_when_required(string path)
    {
        var field = CatalogFields.All.Single(f => f.Path == path);
        var root = Minimal();
        var (parent, key) = Locate(root, field.Path);
        parent.Remove(key);
        Agree(root.ToJsonString(), expectOk: !field.Required);
        Agree(With(field, "null"), expectOk: !field.Required);
    }

    /// <summary>At each edge of each declared field, just past it and with values of the wrong kind, the schema and the reader agree.</summary>
    [Theory]
    [MemberData(nameof(Fields))]
    public void At_each_edge_of_a_declared_field_the_schema_and_the_reader_agree(string path)
    {
        var field = CatalogFields.All.Single(f => f.Path == path);
        foreach (var (value, ok) in Values(field)) Agree(With(field, value), ok);
    }

    [Theory]
    [InlineData("""{ "catalogVersion": "1", "systems": [], "extra": 1 }""")]
    [InlineData("""{ "systems": [] }""")]
    [InlineData("""{ "catalogVersion": "1", "systems": [ 5 ] }""")]
    [InlineData("""{ "catalogVersion": " ", "systems": [ { } ] }""")]
    public void A_file_the_reader_refuses_the_schema_refuses(string json)
    {
        Assert.False(CatalogReader.Read(json, "bad.json").Ok);
        Assert.NotEmpty(JsonSchemaCheck.Errors(Schema, JsonDocument.Parse(json).RootElement));
    }

    [Theory]
    [InlineData("systems[].unknownKey", "1")]
    [InlineData("systems[].denseTflops.fp3", "100")]
    [InlineData("systems[].capex.supplierMemory.extra", "1")]
    [InlineData("systems[].sources.memory", "5")]
    public void A_catalog_with_a_key_the_reader_refuses_the_schema_refuses(string path, string value)
    {
        var root = Minimal();
        var (parent, key) = Locate(root, path);
        parent[key] = Hole;
        Agree(root.ToJsonString().Replace($"\"{Hole}\"", value, StringComparison.Ordinal), expectOk: false);
    }

    private static void Agree(string json, bool expectOk)
    {
        var schema = JsonSchemaCheck.Errors(Schema, JsonDocument.Parse(json).RootElement);
        var read = CatalogReader.Read(json, "edge.json");
        var why = $"{Excerpt(json)}: the schema {(schema.Count == 0 ? "accepts it" : "refuses it: " + string.Join("; ", schema))}, the reader {(read.Ok ? "accepts it" : "refuses it: " + string.Join("; ", read.Errors))}";
        Assert.True(read.Ok == expectOk && (schema.Count == 0) == expectOk, why);
    }

    private static string Excerpt(string json) => json.Length > 400 ? json[..400] + "..." : json;

    /// <summary>The values at the edges of a field, each with whether it is allowed.</summary>
    private static IEnumerable<(string Value, bool Ok)> Values(CatalogField f)
    {
        switch (f.Kind)
        {
            case CatalogFieldKind.Text:
                return [("\"x\"", true), ("\"\"", false), ("\" \"", false), ("5", false), ("{}", false)];
            case CatalogFieldKind.Quarter:
                return [("\"2025Q3\"", true), ("\"2000q1\"", true), ("\"1999Q4\"", false), ("\"2025Q5\"", false), ("\"2025Q0\"", false), ("\"25Q1\"", false), ("\"2025-Q1\"", false), ("2025", false)];
            case CatalogFieldKind.Whole:
                return [.. Edges(f.Range!, whole: true), ("2.5", false), (Number(f.Range!.Min) + ".0", true), ("\"8\"", false)];
            case CatalogFieldKind.Number:
                return [.. Edges(f.Range!, whole: false), ("\"1\"", false), ("true", false)];
            case CatalogFieldKind.Object:
                return [("{}", false), ("5", false), ("[]", false)];
            case CatalogFieldKind.Array:
                return [(Items(0), false), (Items((int)f.Range!.Min), true), (Items((int)f.Range.Max), true), (Items((int)f.Range.Max + 1), false), ("{}", false)];
            case CatalogFieldKind.PrecisionMap:
                return [.. PrecisionNames.All.Select(p => ($$"""{ "{{PrecisionNames.Key(p)}}": {{Number(Inside(f.Range!))}} }""", true)),
                    .. Edges(f.Range!, whole: false).Select(e => ($$"""{ "fp8": {{e.Value}} }""", e.Ok)), ("{}", true), ("""{ "fp3": 1 }""", false), ("5", false)];
            case CatalogFieldKind.TierMap:
                return [.. Edges(f.Range!, whole: false).Select(e => ($$"""{ "any tier": {{e.Value}} }""", e.Ok)), ("{}", true), ("""{ "neocloud": "1" }""", false), ("5", false),
                    ("""{ "neocloud": { "switches": 1, "transceivers": 2, "cables": 0, "nics": 3 } }""", true),
                    ("""{ "neocloud": { "switches": 1, "transceivers": 2, "cables": 0 } }""", false),
                    ("""{ "neocloud": { "switches": 1, "transceivers": 2, "cables": 0, "nics": 3, "optics": 1 } }""", false),
                    ("""{ "neocloud": { "switches": -1, "transceivers": 2, "cables": 0, "nics": 3 } }""", false),
                    ("""{ "neocloud": { "switches": "1", "transceivers": 2, "cables": 0, "nics": 3 } }""", false)];
            case CatalogFieldKind.Sources:
                return [("""{ "memory": "datasheet" }""", true), ("{}", true), ("""{ "memory": 1 }""", false), ("\"datasheet\"", false)];
            default:
                throw new ArgumentException($"unknown kind {f.Kind}", nameof(f));
        }
    }

    private static IEnumerable<(string Value, bool Ok)> Edges(InputRange r, bool whole)
    {
        foreach (var (bound, exclusive, outward) in new[] { (r.Min, r.MinExclusive, -1.0), (r.Max, r.MaxExclusive, 1.0) })
        {
            var step = whole ? 1 : Math.Max(Math.Abs(bound) * 1e-6, 1e-6);
            yield return (Number(bound), !exclusive);
            yield return exclusive ? (Number(bound - outward * step), true) : (Number(bound + outward * step), false);
        }
    }

    private static double Inside(InputRange r) => r.MinExclusive ? r.Min + Math.Max(Math.Abs(r.Min) * 1e-6, 1e-6) : r.Min;

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    // n systems as the declarations make them, with distinct ids.
    private static string Items(int n)
    {
        var system = ((JsonArray)Minimal()["systems"]!)[0]!.ToJsonString();
        return "[" + string.Join(",", Enumerable.Range(0, n).Select(i => system.Replace("\"x-id\"", $"\"s{i}\"", StringComparison.Ordinal))) + "]";
    }

    /// <summary>The minimal catalog with the field set to <paramref name="value"/> (raw JSON text).</summary>
    private static string With(CatalogField f, string value)
    {
        var root = Minimal();
        var (parent, key) = Locate(root, f.Path);
        parent[key] = Hole;
        return root.ToJsonString().Replace($"\"{Hole}\"", value, StringComparison.Ordinal);
    }

    // The object that holds a key path's last key (an array's first item for "[]"), and that key.
    private static (JsonObject Parent, string Key) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonObject node = root;
        foreach (var part in parts[..^1])
            node = part.EndsWith("[]", StringComparison.Ordinal) ? (JsonObject)((JsonArray)node[part[..^2]]!)[0]! : (JsonObject)node[part]!;
        return (node, parts[^1]);
    }

    /// <summary>A catalog of one system holding every declared field, each with an allowed value.</summary>
    private static JsonObject Minimal()
    {
        var root = new JsonObject();
        foreach (var f in CatalogFields.All)
        {
            var parentPath = f.Parent;
            var (parent, key) = parentPath.Length == 0 ? (root, f.Path) : Locate(root, f.Path);
            parent[key] = f.Kind switch
            {
                CatalogFieldKind.Text => f.Path == CatalogFields.Id.Path ? "x-id" : "x",
                CatalogFieldKind.Quarter => "2025Q3",
                CatalogFieldKind.Whole => (int)f.Range!.Min,
                CatalogFieldKind.Number => Inside(f.Range!),
                CatalogFieldKind.Object => new JsonObject(),
                CatalogFieldKind.Array => new JsonArray(new JsonObject()),
                CatalogFieldKind.PrecisionMap => new JsonObject { ["bf16"] = Inside(f.Range!) },
                CatalogFieldKind.TierMap => new JsonObject { ["neocloud"] = Inside(f.Range!) },
                CatalogFieldKind.Sources => new JsonObject { ["memory"] = "datasheet" },
                _ => throw new ArgumentException($"unknown kind {f.Kind}"),
            };
        }
        return root;
    }
}
