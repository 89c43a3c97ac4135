using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gpunomics.Cli.Output;

/// <summary>The JSON every command prints with --json: camelCase, indented, one object.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}
