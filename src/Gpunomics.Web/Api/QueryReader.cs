using System.Globalization;

namespace Gpunomics.Web.Api;

/// <summary>Reads query parameters, collecting every problem as field: message for one RFC 7807 response.</summary>
internal sealed class QueryReader(HttpRequest request)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Ok => Errors.Count == 0;

    public void Error(string name, string message) => Errors[name] = [message];

    public IResult Problem() => TypedResults.ValidationProblem(Errors, title: "invalid input", detail: "one or more query parameters are invalid");

    public string? String(string name, bool required = false)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            // Joined, 'price=3.5&price=4' would read as '3.5,4': a decimal comma to the number reader.
            Error(name, $"is given {values.Count} times ({string.Join(", ", values.Select(x => $"'{x}'"))}); give it once");
            return null;
        }
        var v = values.ToString();
        if (v.Length > 0) return v;
        if (required) Error(name, "is required");
        return null;
    }

    /// <summary>A number: every numeric parameter is a declared model input, read as the flags and scenario keys are.</summary>
    public double? Double(QueryParameter p) => Declared(p, p.Input ?? throw new ArgumentException($"query parameter {p.Name} has no input declaration", nameof(p)));

    public int? Int(QueryParameter p) => p.Input is { } input ? (int?)Declared(p, input) : Int(p.Name, (int)p.Min, (int)p.Max, p.Required);

    /// <summary>A declared input's value, read and checked as every flag and scenario key of it is.</summary>
    private double? Declared(QueryParameter p, Gpunomics.Inputs.ModelInput input)
    {
        var text = String(p.Name, p.Required);
        if (text is null) return null;
        if (input.Read(text, out var value) is { } problem)
        {
            Error(p.Name, problem);
            return null;
        }
        return value;
    }

    public string? String(QueryParameter p) => String(p.Name, p.Required);

    /// <summary>A date parameter (<see cref="Inputs.DateInput"/>): null when absent or wrong, the problem recorded.</summary>
    public DateOnly? Date(QueryParameter p)
    {
        if (String(p) is not { } text) return null;
        if (Inputs.DateInput.TryRead(text, out var d, out var problem)) return d;
        Error(p.Name, problem!);
        return null;
    }

    /// <summary>
    /// A comma-separated list of a declared input's values: more than the declaration's count is refused before any
    /// is read; each is read as the input; repeats collapse.
    /// </summary>
    public IReadOnlyList<double>? DoubleList(QueryParameter p)
    {
        var input = p.Input ?? throw new ArgumentException($"query parameter {p.Name} has no input declaration", nameof(p));
        var parts = Listed(p, StringSplitOptions.TrimEntries);
        if (parts is null) return null;
        var list = new List<double>();
        // The list separator is the comma, so each item is read on its own (and cannot hold a decimal comma).
        foreach (var part in parts)
        {
            if (input.Read(part, out var v) is { } problem)
            {
                Error(p.Name, $"comma-separated values: {problem}");
                return null;
            }
            if (!list.Contains(v)) list.Add(v);
        }
        return list;
    }

    /// <summary>
    /// A comma-separated list of names out of the parameter's allowed ones, compared ignoring case and given back as
    /// declared: more than the declaration's count is refused before any is looked up; repeats collapse.
    /// </summary>
    public IReadOnlyList<string>? NameList(QueryParameter p)
    {
        var allowed = p.AllowedValues ?? throw new ArgumentException($"query parameter {p.Name} declares no allowed names", nameof(p));
        var parts = Listed(p, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts is null) return null;
        var unknown = parts.Where(n => !allowed.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            Error(p.Name, $"{string.Join(", ", unknown.Select(n => $"'{n}'"))} not known; allowed: {string.Join(", ", allowed)}");
            return null;
        }
        return [.. parts.Select(n => allowed.First(a => string.Equals(a, n, StringComparison.OrdinalIgnoreCase))).Distinct()];
    }

    // The list's entries as given, or null with the count and the limit when there are none or more than the declaration
    // allows; the entries are counted in place, so a list past its limit costs no more than its reading.
    private string[]? Listed(QueryParameter p, StringSplitOptions options)
    {
        var max = p.MaxItems ?? throw new ArgumentException($"query parameter {p.Name} declares no largest count", nameof(p));
        var text = String(p.Name, p.Required);
        if (text is null) return null;
        var count = 0;
        foreach (var range in text.AsSpan().Split(','))
            if (!options.HasFlag(StringSplitOptions.RemoveEmptyEntries) || !text.AsSpan()[range].IsWhiteSpace()) count++;
        if (count >= 1 && count <= max) return text.Split(',', options);
        Error(p.Name, count == 0 ? $"give 1 to {max} comma-separated values" : $"{count} values given; at most {max} allowed");
        return null;
    }

    public int? Int(string name, int min, int max, bool required = false)
    {
        var text = String(name, required);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < min || i > max)
        {
            Error(name, $"'{text}' is not allowed; allowed: whole numbers from {min} to {max}");
            return null;
        }
        return i;
    }

    public long? Id(string name)
    {
        var text = String(name);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        Error(name, $"'{text}' is not a scenario id (a positive whole number)");
        return null;
    }
}
