using System.Globalization;

namespace Gpunomics.Web.Api;

/// <summary>What kind of value a query parameter holds.</summary>
internal enum QueryKind
{
    Number,
    Integer,
    Text,
    NumberList,
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

    /// <summary>The parameter for a declared model input: its name, range and unit from the declaration.</summary>
    public static QueryParameter For(Gpunomics.Inputs.ModelInput input, string description, QueryKind kind = QueryKind.Number)
    {
        if (!input.Api) throw new ArgumentException($"{input.Name} is not declared as an API parameter", nameof(input));
        var r = input.Range;
        return new QueryParameter(input.Name, $"{description}; {input.Allowed}", input.Whole ? QueryKind.Integer : kind, r.Min, r.Max, r.MinExclusive, r.MaxExclusive) { Input = input };
    }

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
                var schema = new Microsoft.OpenApi.OpenApiSchema
                {
                    Type = p.Kind switch
                    {
                        QueryKind.Number => Microsoft.OpenApi.JsonSchemaType.Number,
                        QueryKind.Integer => Microsoft.OpenApi.JsonSchemaType.Integer,
                        _ => Microsoft.OpenApi.JsonSchemaType.String,
                    },
                };
                if (p.Kind is QueryKind.Number or QueryKind.Integer)
                {
                    if (double.IsFinite(p.Min))
                    {
                        if (p.MinExclusive) schema.ExclusiveMinimum = p.Min.ToString(CultureInfo.InvariantCulture);
                        else schema.Minimum = p.Min.ToString(CultureInfo.InvariantCulture);
                    }
                    if (double.IsFinite(p.Max))
                    {
                        if (p.MaxExclusive) schema.ExclusiveMaximum = p.Max.ToString(CultureInfo.InvariantCulture);
                        else schema.Maximum = p.Max.ToString(CultureInfo.InvariantCulture);
                    }
                }
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = p.Name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Required = p.Required,
                    Description = p.Description,
                    Schema = schema,
                });
            }
            return Task.CompletedTask;
        });
}
