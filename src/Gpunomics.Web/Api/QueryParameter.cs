using System.Globalization;

namespace Gpunomics.Web.Api;

/// <summary>What kind of value a query parameter holds.</summary>
internal enum QueryKind
{
    Number,
    Integer,
    Text,
    /// <summary>Comma-separated numbers, each read as the parameter's input; at most <see cref="QueryParameter.MaxItems"/> of them; repeats collapse.</summary>
    NumberList,
    /// <summary>Comma-separated names out of <see cref="QueryParameter.AllowedValues"/>; at most <see cref="QueryParameter.MaxItems"/> of them; repeats collapse.</summary>
    TextList,
}

/// <summary>
/// One query parameter: how the endpoint reads and validates it (<see cref="QueryReader"/>) and how the
/// OpenAPI document describes it, from the same declaration.
/// </summary>
internal sealed record QueryParameter(string Name, string Description, QueryKind Kind = QueryKind.Number,
    double Min = double.NegativeInfinity, double Max = double.PositiveInfinity, bool MinExclusive = false, bool MaxExclusive = false, bool Required = false)
{
    /// <summary>The model input the parameter gives, whose declaration reads and checks its value; null for text and ids.</summary>
    public Gpunomics.Inputs.ModelInput? Input { get; init; }

    /// <summary>For a list: the most values one request may give (repeats count; they collapse once admitted); refused past it.</summary>
    public int? MaxItems { get; init; }

    /// <summary>For a list of names: the names allowed (compared ignoring case), or null for any.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>The parameter for a declared model input: its name, range, unit and (for a list) its largest count from the declaration.</summary>
    public static QueryParameter For(Gpunomics.Inputs.ModelInput input, string description, QueryKind kind = QueryKind.Number)
    {
        if (!input.Api) throw new ArgumentException($"{input.Name} is not declared as an API parameter", nameof(input));
        if ((kind == QueryKind.NumberList) != input.MaxCount.HasValue) throw new ArgumentException($"{input.Name} is {(input.MaxCount.HasValue ? "" : "not ")}declared as a list", nameof(input));
        var r = input.Range;
        var list = kind == QueryKind.NumberList ? $"; {input.MaxCount} values at most, repeats collapse" : "";
        return new QueryParameter(input.Name, $"{description}; {input.Allowed}{list}", input.Whole ? QueryKind.Integer : kind, r.Min, r.Max, r.MinExclusive, r.MaxExclusive)
        {
            Input = input,
            MaxItems = input.MaxCount,
        };
    }

    /// <summary>A comma-separated list of names, at most one of each allowed name.</summary>
    public static QueryParameter Names(string name, string description, IReadOnlyList<string> allowed) =>
        new(name, $"{description}; comma-separated, each one of {string.Join(", ", allowed)}; {allowed.Count} names at most, repeats collapse", QueryKind.TextList)
        {
            AllowedValues = allowed,
            MaxItems = allowed.Count,
        };

    /// <summary>The allowed range as the error messages and the description write it.</summary>
    public string Range => $"{(MinExclusive ? "(" : "[")}{Min.ToString(CultureInfo.InvariantCulture)}, {Max.ToString(CultureInfo.InvariantCulture)}{(MaxExclusive ? ")" : "]")}";
}

/// <summary>Endpoint metadata: the query parameters an endpoint reads, for its OpenAPI description.</summary>
internal sealed record QueryParameters(IReadOnlyList<QueryParameter> Items);

internal static class QueryParameterEndpoints
{
    /// <summary>Declares the query parameters the endpoint reads.</summary>
    public static RouteHandlerBuilder Query(this RouteHandlerBuilder builder, params IEnumerable<QueryParameter>[] groups) =>
        builder.WithMetadata(new QueryParameters([.. groups.SelectMany(g => g)]));

    /// <summary>Adds each endpoint's declared query parameters to its OpenAPI operation.</summary>
    public static void AddQueryParameters(this Microsoft.AspNetCore.OpenApi.OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameters>().FirstOrDefault();
            if (declared is null) return Task.CompletedTask;
            operation.Parameters ??= [];
            foreach (var p in declared.Items)
            {
                var value = new Microsoft.OpenApi.OpenApiSchema
                {
                    Type = p.Kind switch
                    {
                        QueryKind.Number or QueryKind.NumberList => Microsoft.OpenApi.JsonSchemaType.Number,
                        QueryKind.Integer => Microsoft.OpenApi.JsonSchemaType.Integer,
                        _ => Microsoft.OpenApi.JsonSchemaType.String,
                    },
                };
                if (p.AllowedValues is { } allowed) value.Enum = [.. allowed.Select(a => (System.Text.Json.Nodes.JsonNode)a)];
                var isList = p.Kind is QueryKind.NumberList or QueryKind.TextList;
                // A list travels as one comma-separated value (form style, not exploded), its count bounded.
                var schema = isList
                    ? new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Array, Items = value, MinItems = 1, MaxItems = p.MaxItems }
                    : value;
                if (p.Kind is QueryKind.Number or QueryKind.Integer or QueryKind.NumberList)
                {
                    if (double.IsFinite(p.Min))
                    {
                        if (p.MinExclusive) value.ExclusiveMinimum = p.Min.ToString(CultureInfo.InvariantCulture);
                        else value.Minimum = p.Min.ToString(CultureInfo.InvariantCulture);
                    }
                    if (double.IsFinite(p.Max))
                    {
                        if (p.MaxExclusive) value.ExclusiveMaximum = p.Max.ToString(CultureInfo.InvariantCulture);
                        else value.Maximum = p.Max.ToString(CultureInfo.InvariantCulture);
                    }
                }
                var parameter = new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = p.Name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Required = p.Required,
                    Description = p.Description,
                    Schema = schema,
                };
                if (isList)
                {
                    parameter.Style = Microsoft.OpenApi.ParameterStyle.Form;
                    parameter.Explode = false;
                }
                operation.Parameters.Add(parameter);
            }
            return Task.CompletedTask;
        });
}
