using Gpunomics.InferenceX;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Cli;

/// <summary>Loads the token-economics data files: price sheets, tasks and serving measurements.</summary>
internal static class TokenData
{
    public static string PriceSheetsPath => Path.Combine(CommandContext.DataDirectory, "price-sheets.json");
    public static string TasksPath => Path.Combine(CommandContext.DataDirectory, "tasks.json");
    public static string ServingPath => Path.Combine(CommandContext.DataDirectory, "serving", "inferencex-dsr1.json");

    public static IReadOnlyList<PriceSheet> PriceSheets(string? path)
    {
        var file = path ?? PriceSheetsPath;
        var r = TokenDataReader.ReadPriceSheets(CommandContext.ReadText(file, "price sheets"), CommandContext.Show(file));
        return r.Ok ? r.Value! : throw new UserInputException(CommandContext.Format(r.Errors));
    }

    public static PriceSheet Sheet(IReadOnlyList<PriceSheet> sheets, string name) =>
        sheets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"unknown price sheet '{name}'; known: {string.Join(", ", sheets.Select(s => s.Name))}");

    public static IReadOnlyList<WorkTask> Tasks(string? path)
    {
        var file = path ?? TasksPath;
        var r = TokenDataReader.ReadTasks(CommandContext.ReadText(file, "tasks"), CommandContext.Show(file));
        return r.Ok ? r.Value! : throw new UserInputException(CommandContext.Format(r.Errors));
    }

    /// <summary>Reads serving measurements from a file or a directory of files; raw per-run files need hardware and GPU count.</summary>
    public static ImportResult Serving(string? path, string? rawHardware = null, int? rawGpus = null)
    {
        var target = path ?? ServingPath;
        if (Directory.Exists(target))
        {
            var files = Directory.GetFiles(target, "*.json").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new UserInputException($"directory '{target}' holds no .json files");
            return files.Select(f => ReadOne(f, rawHardware, rawGpus)).Aggregate((a, b) => a.Concat(b));
        }
        return ReadOne(target, rawHardware, rawGpus);
    }

    private static ImportResult ReadOne(string file, string? rawHardware, int? rawGpus)
    {
        var text = CommandContext.ReadText(file, "serving benchmark");
        var shown = CommandContext.Show(file);
        var isRaw = text.TrimStart().StartsWith('{') && text.Contains("\"max_concurrency\"", StringComparison.Ordinal);
        if (!isRaw) return InferenceXReader.Read(text, shown);
        if (rawHardware is null || rawGpus is null)
            throw new UserInputException($"{shown} is a raw per-run result: give --raw-hardware NAME and --raw-gpus N (the GPUs that served the run)");
        return InferenceXReader.ReadRaw(text, shown, rawHardware, rawGpus.Value);
    }
}
