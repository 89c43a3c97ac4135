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
        var v = request.Query[name].ToString();
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

    public IReadOnlyList<double>? DoubleList(QueryParameter p, int maxCount)
    {
        var input = p.Input ?? throw new ArgumentException($"query parameter {p.Name} has no input declaration", nameof(p));
        var text = String(p.Name);
        if (text is null) return null;
        var list = new List<double>();
        // The list separator is the comma, so each item is read on its own (and cannot hold a decimal comma).
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (input.Read(part, out var v) is { } problem)
            {
                Error(p.Name, $"comma-separated values: {problem}");
                return null;
            }
            list.Add(v);
        }
        if (list.Count == 0 || list.Count > maxCount)
        {
            Error(p.Name, $"give 1 to {maxCount} numbers");
            return null;
        }
        return list;
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
