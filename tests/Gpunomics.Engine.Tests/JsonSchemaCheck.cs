using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gpunomics.Engine.Tests;

/// <summary>
/// A checker for the part of JSON Schema (draft 2020-12) the shipped schemas use: type (object, array, string,
/// number, integer, null, or a list of these), properties, additionalProperties (false or a schema), minimum, maximum, exclusiveMinimum,
/// exclusiveMaximum, minItems, maxItems, items, oneOf, enum, minLength, pattern, required, if and then. A keyword it does not know fails the
/// check, so the schema cannot grow past what is checked here.
/// </summary>
internal static class JsonSchemaCheck
{
    private static readonly HashSet<string> Known =
    [
        "$schema", "$id", "title", "description", "type", "properties", "additionalProperties", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "items", "oneOf", "anyOf", "enum", "minLength", "pattern",
        "required", "if", "then",
    ];

    /// <summary>Every place <paramref name="value"/> breaks <paramref name="schema"/>, as "path: reason".</summary>
    public static List<string> Errors(JsonElement schema, JsonElement value, string path = "$")
    {
        var errors = new List<string>();
        foreach (var k in schema.EnumerateObject())
            if (!Known.Contains(k.Name)) errors.Add($"{path}: schema keyword '{k.Name}' is not checked");
        if (schema.TryGetProperty("type", out var type)
            && !(type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => OfType(value, t.GetString()!)) : OfType(value, type.GetString()!)))
        {
            errors.Add($"{path}: not of type {type.GetRawText()}");
            return errors;
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(s => Errors(s, value, path).Count == 0);
            if (matching != 1) errors.Add($"{path}: matches {matching} of the oneOf schemas");
        }
        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Errors(s, value, path).Count == 0))
            errors.Add($"{path}: matches none of the anyOf schemas");
        if (schema.TryGetProperty("enum", out var @enum) && !@enum.EnumerateArray().Any(e => e.GetRawText() == value.GetRawText()))
            errors.Add($"{path}: not one of the enum values");
        if (value.ValueKind == JsonValueKind.Number)
        {
            var d = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var min) && d < min.GetDouble()) errors.Add($"{path}: below minimum");
            if (schema.TryGetProperty("maximum", out var max) && d > max.GetDouble()) errors.Add($"{path}: above maximum");
            if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && d <= xmin.GetDouble()) errors.Add($"{path}: not above exclusiveMinimum");
            if (schema.TryGetProperty("exclusiveMaximum", out var xmax) && d >= xmax.GetDouble()) errors.Add($"{path}: not below exclusiveMaximum");
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (schema.TryGetProperty("minLength", out var ml) && s.Length < ml.GetInt32()) errors.Add($"{path}: shorter than minLength");
            if (schema.TryGetProperty("pattern", out var p) && !Regex.IsMatch(s, p.GetString()!)) errors.Add($"{path}: does not match the pattern");
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            var n = value.GetArrayLength();
            if (schema.TryGetProperty("minItems", out var mi) && n < mi.GetInt32()) errors.Add($"{path}: fewer than minItems");
            if (schema.TryGetProperty("maxItems", out var ma) && n > ma.GetInt32()) errors.Add($"{path}: more than maxItems");
            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray()) errors.AddRange(Errors(items, item, $"{path}[{i++}]"));
            }
        }
        if (schema.TryGetProperty("if", out var @if) && Errors(@if, value, path).Count == 0 && schema.TryGetProperty("then", out var then))
            errors.AddRange(Errors(then, value, path));
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var r in required.EnumerateArray())
                    if (!value.TryGetProperty(r.GetString()!, out _)) errors.Add($"{path}: '{r.GetString()}' is required");
            var props = schema.TryGetProperty("properties", out var ps) ? ps : default;
            foreach (var member in value.EnumerateObject())
            {
                if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(member.Name, out var ms)) errors.AddRange(Errors(ms, member.Value, $"{path}.{member.Name}"));
                else if (schema.TryGetProperty("additionalProperties", out var ap))
                {
                    if (ap.ValueKind == JsonValueKind.False) errors.Add($"{path}: unknown key '{member.Name}'");
                    else if (ap.ValueKind == JsonValueKind.Object) errors.AddRange(Errors(ap, member.Value, $"{path}.{member.Name}"));
                }
            }
        }
        return errors;
    }

    private static bool OfType(JsonElement v, string type) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "number" => v.ValueKind == JsonValueKind.Number,
        "null" => v.ValueKind == JsonValueKind.Null,
        "integer" => v.ValueKind == JsonValueKind.Number && v.GetDouble() == Math.Floor(v.GetDouble()),
        _ => throw new ArgumentException($"type '{type}' is not checked", nameof(type)),
    };
}
