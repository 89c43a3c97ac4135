using System.Text.Json;
using System.Text.Json.Nodes;
using Gpunomics.Inputs;

namespace Gpunomics.Catalog;

/// <summary>
/// The JSON Schema (draft 2020-12) of a catalog file, made from the field declarations (<see cref="CatalogFields"/>)
/// that <see cref="CatalogReader"/> checks the file against, so that an editor completes and checks a catalog as the
/// reader will: each field's type, range and unit, required fields, precision names, no unknown keys, and an
/// optional field also as null. Two rules are the reader's alone: system ids unique in the catalog, and precision
/// keys in another case (the schema names them in lower case, as the catalog writes them).
/// </summary>
public static class CatalogSchema
{
    /// <summary>The schema's file name as shipped (data/schemas/).</summary>
    public const string FileName = "catalog.schema.json";

    /// <summary>The schema as indented JSON text, ending in a newline.</summary>
    public static string Text() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";

    /// <summary>The schema as a JSON object.</summary>
    public static JsonObject Build()
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://gpunomics.invalid/schemas/" + FileName,
            ["title"] = "Gpunomics hardware catalog",
            ["description"] = "A Gpunomics hardware catalog: accelerator systems with per-GPU compute, memory, power, price and capex figures, each with its source (methodology: \"Catalog\"). System ids must also be unique (any case), which the reader checks.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string", ["description"] = "this schema, for editors" } },
        };
        var objects = new Dictionary<string, JsonObject> { [""] = root };
        foreach (var field in CatalogFields.All)
        {
            var node = Node(field);
            var parent = objects[field.Parent];
            ((JsonObject)parent["properties"]!)[field.Key] = node;
            if (field.Required)
            {
                if (parent["required"] is not JsonArray required) parent["required"] = required = [];
                required.Add(field.Key);
            }
            if (field.Kind == CatalogFieldKind.Object) objects[field.Path] = node;
            if (field.Kind == CatalogFieldKind.Array) objects[field.Path + "[]"] = (JsonObject)node["items"]!;
        }
        return root;
    }

    private static JsonObject Node(CatalogField f)
    {
        var description = $"{f.Description}; {f.Allowed["must be ".Length..]}{(f.Required ? "" : "; optional (or null)")}";
        var node = new JsonObject { ["type"] = Type(f), ["description"] = description };
        switch (f.Kind)
        {
            case CatalogFieldKind.Text:
                node["minLength"] = 1;
                node["pattern"] = "\\S";
                break;
            case CatalogFieldKind.Quarter:
                node["pattern"] = "^[2-9][0-9]{3}[Qq][1-4]$";
                break;
            case CatalogFieldKind.Whole or CatalogFieldKind.Number:
                Bounds(node, f.Range!);
                break;
            case CatalogFieldKind.Object:
                node["additionalProperties"] = false;
                node["properties"] = new JsonObject();
                break;
            case CatalogFieldKind.Array:
                node["minItems"] = (int)f.Range!.Min;
                node["maxItems"] = (int)f.Range.Max;
                node["items"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = new JsonObject() };
                break;
            case CatalogFieldKind.PrecisionMap:
                node["additionalProperties"] = false;
                node["properties"] = new JsonObject(PrecisionNames.All.Select(p =>
                    KeyValuePair.Create(PrecisionNames.Key(p), (JsonNode?)Bounds(new JsonObject { ["type"] = "number", ["description"] = $"{PrecisionNames.Key(p)}, {f.Unit}" }, f.Range!))));
                break;
            case CatalogFieldKind.TierMap:
                var components = new JsonObject(NetworkingComponents.Keys.Select(k =>
                    KeyValuePair.Create(k, (JsonNode?)Bounds(new JsonObject { ["type"] = "number", ["description"] = $"{k}, {f.Unit}" }, f.Range!))));
                node["additionalProperties"] = new JsonObject
                {
                    ["oneOf"] = new JsonArray(
                        Bounds(new JsonObject { ["type"] = "number", ["description"] = $"the tier's total, {f.Unit}" }, f.Range!),
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["description"] = "the tier's components, which sum to its total",
                            ["additionalProperties"] = false,
                            ["required"] = new JsonArray([.. NetworkingComponents.Keys.Select(k => (JsonNode?)k)]),
                            ["properties"] = components,
                        }),
                };
                break;
            case CatalogFieldKind.Sources:
                node["additionalProperties"] = new JsonObject { ["type"] = "string", ["description"] = "the source, or the estimate and how it was made" };
                break;
            default:
                throw new InvalidOperationException($"unknown kind {f.Kind}");
        }
        return node;
    }

    private static JsonNode Type(CatalogField f)
    {
        var type = f.Kind switch
        {
            CatalogFieldKind.Text or CatalogFieldKind.Quarter => "string",
            CatalogFieldKind.Whole => "integer",
            CatalogFieldKind.Number => "number",
            CatalogFieldKind.Array => "array",
            _ => "object",
        };
        return f.Required ? type : new JsonArray(type, "null");
    }

    private static JsonObject Bounds(JsonObject node, InputRange r)
    {
        node[r.MinExclusive ? "exclusiveMinimum" : "minimum"] = r.Min;
        node[r.MaxExclusive ? "exclusiveMaximum" : "maximum"] = r.Max;
        return node;
    }
}
