using System.Globalization;
using System.Text.Json;
using Gpunomics.Inputs;

namespace Gpunomics.Json;

/// <summary>
/// Reads one JSON object key by key, checking types and ranges and reporting every unknown key,
/// so that an error names the source, the key path, the value and what is allowed.
/// </summary>
internal sealed class ObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public ObjectReader(JsonElement element, string source, string path, List<InputError> errors)
    {
        _element = element;
        Source = source;
        Path = path;
        Errors = errors;
    }

    public string Source { get; }
    public string Path { get; }
    public List<InputError> Errors { get; }

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(string key, JsonElement? value, string allowed) =>
        Errors.Add(new InputError(Source, KeyPath(key), value is { } v ? Show(v) : null, allowed));

    private bool TryGet(string key, bool required, out JsonElement value)
    {
        _seen.Add(key);
        if (_element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) Errors.Add(new InputError(Source, KeyPath(key), null, "is required"));
        return false;
    }

    /// <summary>Marks a key as allowed here without reading it (the caller checks its value).</summary>
    public void Accept(string key) => _seen.Add(key);

    public bool Has(string key) => _element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public double? Number(string key, bool required, double min, double max, bool minExclusive = false, bool maxExclusive = false, string? unit = null)
    {
        if (!TryGet(key, required, out var v)) return null;
        var range = $"{(minExclusive ? "(" : "[")}{Fmt(min)}, {Fmt(max)}{(maxExclusive ? ")" : "]")}";
        var allowed = $"must be a number in {range}{(unit is null ? "" : " " + unit)}";
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            Error(key, v, allowed);
            return null;
        }
        if (d < min || d > max || (minExclusive && d == min) || (maxExclusive && d == max))
        {
            Error(key, v, allowed);
            return null;
        }
        return d;
    }

    /// <summary>
    /// Reads the declared input at its scenario key (the last part of <see cref="ModelInput.ScenarioKey"/>), checked
    /// against its declaration. A rate or share may also be a string with a % sign ("15.6%").
    /// </summary>
    public double? Number(ModelInput input, bool required)
    {
        var declared = input.ScenarioKey ?? throw new ArgumentException($"{input.Name} has no scenario key", nameof(input));
        var key = declared[(declared.LastIndexOf('.') + 1)..];
        if (!SameKey(declared, KeyPath(key))) throw new ArgumentException($"{input.Name} is declared at {declared}, not at {KeyPath(key)}", nameof(input));
        if (!TryGet(key, required, out var v)) return null;
        double d;
        string written;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out d)) written = v.GetRawText();
        else if (v.ValueKind == JsonValueKind.String && input.Unit.IsFraction() && NumberText.Read(v.GetString()!, input.Unit, out d) is null) written = v.GetString()!.Trim();
        else
        {
            Error(key, v, $"must be a number: {input.Allowed}");
            return null;
        }
        if (input.Check(d, written) is { } problem)
        {
            Error(key, v, problem.StartsWith(written, StringComparison.Ordinal) ? problem[written.Length..].TrimStart() : problem);
            return null;
        }
        return d;
    }

    // A declared key's <id> segment stands for any system id.
    private static bool SameKey(string declared, string actual)
    {
        var d = declared.Split('.');
        var a = actual.Split('.');
        if (d.Length != a.Length) return false;
        for (var i = 0; i < d.Length; i++)
            if (d[i] != "<id>" && d[i] != a[i]) return false;
        return true;
    }

    public int? Integer(string key, bool required, int min, int max, string? unit = null)
    {
        if (!TryGet(key, required, out var v)) return null;
        var allowed = $"must be a whole number in [{min}, {max}]{(unit is null ? "" : " " + unit)}";
        // 8.0 is the whole number 8, as JSON Schema's "integer" takes it.
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d != Math.Floor(d) || d < min || d > max)
        {
            Error(key, v, allowed);
            return null;
        }
        return (int)d;
    }

    public string? String(string key, bool required, string allowed = "must be a non-empty string")
    {
        if (!TryGet(key, required, out var v)) return null;
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Error(key, v, allowed);
            return null;
        }
        return v.GetString();
    }

    public ObjectReader? Object(string key, bool required)
    {
        if (!TryGet(key, required, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Object)
        {
            Error(key, v, "must be an object { ... }");
            return null;
        }
        return new ObjectReader(v, Source, KeyPath(key), Errors);
    }

    public IReadOnlyList<JsonElement>? Array(string key, bool required, int minCount, int maxCount)
    {
        if (!TryGet(key, required, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() < minCount || v.GetArrayLength() > maxCount)
        {
            Error(key, v, $"must be an array of {minCount} to {maxCount} items");
            return null;
        }
        return v.EnumerateArray().ToList();
    }

    /// <summary>The object's members, for maps keyed by user names (system ids, tiers).</summary>
    public IEnumerable<(string Key, JsonElement Value)> Members()
    {
        foreach (var p in _element.EnumerateObject())
        {
            _seen.Add(p.Name);
            yield return (p.Name, p.Value);
        }
    }

    /// <summary>Reports every key that was not read, with the keys that are allowed.</summary>
    public void RejectUnknownKeys()
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in _element.EnumerateObject())
        {
            // JSON allows a key twice and a reader keeps one of them: a file that says two things is refused instead.
            if (!given.Add(p.Name))
                Errors.Add(new InputError(Source, KeyPath(p.Name), Show(p.Value), "is given more than once in this object; give each key once"));
            else if (!_seen.Contains(p.Name))
                Errors.Add(new InputError(Source, KeyPath(p.Name), Show(p.Value), $"unknown key; allowed keys here: {string.Join(", ", _seen.Order(StringComparer.Ordinal))}"));
        }
    }

    public static string Show(JsonElement v)
    {
        var text = v.ValueKind == JsonValueKind.String ? $"\"{v.GetString()}\"" : v.GetRawText();
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static string Fmt(double d) => d switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => d.ToString("G", CultureInfo.InvariantCulture),
    };
}

/// <summary>Parses JSON text into a root object reader, reporting syntax errors with line and column.</summary>
internal static class JsonText
{
    public static JsonDocument? Parse(string text, string source, List<InputError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new InputError(source, "(root)", null, "the file is empty; it must hold one JSON object { ... }"));
            return null;
        }
        try
        {
            var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(source, "(root)", ObjectReader.Show(doc.RootElement), "the file must hold one JSON object { ... }"));
                doc.Dispose();
                return null;
            }
            return doc;
        }
        catch (JsonException e)
        {
            errors.Add(new InputError(source, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}", null,
                "is not valid JSON: " + FirstSentence(e.Message)));
            return null;
        }
    }

    /// <summary>
    /// The parser's reason in words of its own: its first sentence, without the position (given apart) or the path
    /// ("'N' is an invalid start of a value", not "... LineNumber: 0 | BytePositionInLine: 1350.").
    /// </summary>
    internal static string FirstSentence(string message)
    {
        var end = message.Length;
        foreach (var marker in new[] { " LineNumber:", " Path:", " Expected the input to start" })
        {
            var i = message.IndexOf(marker, StringComparison.Ordinal);
            if (i > 0 && i < end) end = i;
        }
        return message[..end].TrimEnd().TrimEnd('.', '|').TrimEnd();
    }
}
