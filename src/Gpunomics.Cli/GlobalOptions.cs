using System.CommandLine;

namespace Gpunomics.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object instead of tables.",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> Scenario = new("--scenario")
    {
        Description = "Scenario file (JSON) whose keys override the built-in 'article' scenario.",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> Catalog = new("--catalog")
    {
        Description = "Hardware catalog file (JSON) to use instead of the shipped one.",
        Recursive = true,
    };
}
