using System.Text.Json.Serialization;
using Gpunomics.Charts;
using Gpunomics.Contracts;

namespace Gpunomics.Web.Api;

/// <summary>The One Chart's numbers with its SVG image and where the image's data area lies (<c>/api/chart/{system}?svg=true</c>).</summary>
internal sealed record ChartWithImage(ChartContract Chart, string Svg, ChartLayout Layout);

/// <summary>Serialization of the chart responses generated at build time (camelCase, as every contract).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChartContract))]
[JsonSerializable(typeof(ChartWithImage))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
