using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gpunomics.Web.Tests;

/// <summary>The real command line, run as a process, for answers the API must match field for field.</summary>
internal static class CommandLine
{
    /// <summary>Runs <c>gpunomics ARGS</c>, asserts exit code 0 and returns what it printed.</summary>
    public static async Task<string> Run(params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo("dotnet", [CrashTests.CliDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await error);
        return await output;
    }

    /// <summary>Runs <c>gpunomics ARGS</c> (with <c>--json</c> among them), asserts exit code 0 and returns the JSON it printed.</summary>
    public static JsonElement Json(params string[] args)
    {
        using var doc = JsonDocument.Parse(Run(args).GetAwaiter().GetResult());
        return doc.RootElement.Clone();
    }

    /// <summary>An answer but for the file's name, which each shell gives as its user names the file.</summary>
    public static string WithoutFile(JsonElement e)
    {
        var node = JsonNode.Parse(e.GetRawText())!.AsObject();
        node.Remove("file");
        return node.ToJsonString();
    }

    /// <summary>Asserts that the API's answer is the same JSON as the command's --json.</summary>
    public static void SameJson(string expected, JsonElement actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual.GetRawText())),
            $"expected {expected}\nactual {actual.GetRawText()}");
}
