using System.Text.Json;
using Gpunomics.Calibration;
using Gpunomics.Catalog;
using Gpunomics.InferenceX;
using Gpunomics.Json;
using Gpunomics.Scenarios;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Storage;

/// <summary>A data file that cannot be read or does not hold what it should; the message names the file, key and value.</summary>
public sealed class DataFileException(string message) : Exception(message);

/// <summary>Loads the shipped data files (beside the executable, in <c>data/</c>) and the user's own.</summary>
public static class DataFiles
{
    /// <summary>Directory of the shipped data files.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The shipped catalog.</summary>
    public static string CatalogPath => Path.Combine(Directory, "catalog.json");

    /// <summary>The built-in 'article' scenario.</summary>
    public static string ArticleScenarioPath => Path.Combine(Directory, "scenarios", "article.json");

    /// <summary>The default calibration spec: the reading the built-in scenario is solved under.</summary>
    public static string DefaultCalibrationSpecPath => Path.Combine(Directory, "calibration", "hyperscaler-deal-price.json");

    /// <summary>The shipped price sheets.</summary>
    public static string PriceSheetsPath => Path.Combine(Directory, "price-sheets.json");

    /// <summary>The shipped example tasks.</summary>
    public static string TasksPath => Path.Combine(Directory, "tasks.json");

    /// <summary>The shipped serving results (InferenceX, DeepSeek R1, latest run per configuration).</summary>
    public static string ServingPath => Path.Combine(Directory, "serving", "inferencex-dsr1.json");

    /// <summary>The shipped launch-era rental prices, one row per generation (the launch trend).</summary>
    public static string LaunchPricesPath => Path.Combine(Directory, "launch-prices.json");

    /// <summary>Loads launch prices (default: the shipped ones); rows of systems not in <paramref name="catalog"/> must give their TFLOPS.</summary>
    public static IReadOnlyList<Pricing.LaunchPrice> LoadLaunchPrices(HardwareCatalog catalog, string? path = null)
    {
        var file = path ?? LaunchPricesPath;
        return Unwrap(Pricing.LaunchPriceReader.Read(ReadText(file, "launch prices"), Show(file), catalog));
    }

    /// <summary>The shipped dated rental price observations (the market and its forward curve).</summary>
    public static string MarketObservationsPath => Path.Combine(Directory, "market-observations.json");

    /// <summary>
    /// Loads market observations (default: the shipped ones). A user's file must name systems of the catalog or the
    /// launch prices in use; the shipped file may name others (a catalog or launch prices of one's own need not hold
    /// them), whose rows the market then leaves out, saying so.
    /// </summary>
    public static IReadOnlyList<Market.MarketObservation> LoadMarketObservations(HardwareCatalog catalog, IReadOnlyList<Pricing.LaunchPrice> launchPrices, string? path = null)
    {
        var file = path ?? MarketObservationsPath;
        List<string>? known = path is null ? null : [.. Market.MarketModel.Launches(catalog, launchPrices).Select(l => l.SystemId)];
        return Unwrap(Market.MarketObservationReader.Read(ReadText(file, "market observations"), Show(file), known));
    }

    /// <summary>Loads a catalog (default: the shipped one).</summary>
    public static HardwareCatalog LoadCatalog(string? path = null)
    {
        var file = path ?? CatalogPath;
        return Unwrap(CatalogReader.Read(ReadText(file, "catalog"), Show(file)));
    }

    /// <summary>Loads the built-in scenario and, when given, a scenario file over it.</summary>
    public static Scenario LoadScenario(HardwareCatalog catalog, string? path = null)
    {
        var article = Unwrap(ScenarioReader.Read(ReadText(ArticleScenarioPath, "built-in scenario"), Show(ArticleScenarioPath), null, catalog, skipSystemsNotInCatalog: true));
        return path is null ? article : Unwrap(ScenarioReader.Read(ReadText(path, "scenario"), Show(path), article, catalog));
    }

    /// <summary>Loads a calibration spec (default: the reading the built-in scenario is solved under).</summary>
    public static CalibrationSpec LoadCalibrationSpec(HardwareCatalog catalog, string? path = null)
    {
        var file = path ?? DefaultCalibrationSpecPath;
        return Unwrap(CalibrationSpecReader.Read(ReadText(file, "calibration spec"), Show(file), catalog));
    }

    /// <summary>
    /// The <c>$schema</c> of a scenario file (default: the built-in one), as a scenario written to
    /// <paramref name="writtenPath"/> should name it: an address (<c>https://...</c>) as it is, a relative path
    /// rebased on the written file's folder; null when the file names no schema.
    /// </summary>
    public static string? ScenarioSchemaFor(string? scenarioPath, string writtenPath)
    {
        var source = Path.GetFullPath(scenarioPath ?? ArticleScenarioPath);
        using var doc = JsonDocument.Parse(ReadText(source, "scenario"), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("$schema", out var v) || v.ValueKind != JsonValueKind.String) return null;
        var schema = v.GetString()!;
        if (schema.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(schema)) return schema;
        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, schema));
        return Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(writtenPath))!, target).Replace('\\', '/');
    }

    /// <summary>Loads price sheets (default: the shipped ones).</summary>
    public static IReadOnlyList<PriceSheet> LoadPriceSheets(string? path = null)
    {
        var file = path ?? PriceSheetsPath;
        return Unwrap(TokenDataReader.ReadPriceSheets(ReadText(file, "price sheets"), Show(file)));
    }

    /// <summary>Finds a price sheet by name.</summary>
    public static PriceSheet Sheet(IReadOnlyList<PriceSheet> sheets, string name) =>
        sheets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new DataFileException($"unknown price sheet '{name}'; known: {string.Join(", ", sheets.Select(s => s.Name))}");

    /// <summary>Loads a task list (default: the shipped examples).</summary>
    public static IReadOnlyList<WorkTask> LoadTasks(string? path = null)
    {
        var file = path ?? TasksPath;
        return Unwrap(TokenDataReader.ReadTasks(ReadText(file, "tasks"), Show(file)));
    }

    /// <summary>Reads serving measurements from a file or a directory of files (default: the shipped results); raw per-run files need hardware and GPU count.</summary>
    public static ImportResult LoadServing(string? path = null, string? rawHardware = null, int? rawGpus = null)
    {
        var target = path ?? ServingPath;
        if (System.IO.Directory.Exists(target))
        {
            var files = System.IO.Directory.GetFiles(target, "*.json").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new DataFileException($"directory '{target}' holds no .json files");
            return files.Select(f => ReadServing(f, rawHardware, rawGpus)).Aggregate((a, b) => a.Concat(b));
        }
        return ReadServing(target, rawHardware, rawGpus);
    }

    private static ImportResult ReadServing(string file, string? rawHardware, int? rawGpus)
    {
        var text = ReadText(file, "serving benchmark", MaxServingFileBytes);
        var shown = Show(file);
        var isRaw = text.TrimStart().StartsWith('{') && text.Contains("\"max_concurrency\"", StringComparison.Ordinal);
        if (!isRaw) return InferenceXReader.Read(text, shown);
        if (rawHardware is null || rawGpus is null)
            throw new DataFileException($"{shown} is a raw per-run result: give --raw-hardware NAME and --raw-gpus N (the GPUs that served the run)");
        return InferenceXReader.ReadRaw(text, shown, rawHardware, rawGpus.Value);
    }

    /// <summary>Largest scenario, catalog, calibration spec, price-sheet or task file read, bytes.</summary>
    public const int MaxInputFileBytes = 4 * 1024 * 1024;

    /// <summary>Largest serving benchmark file read, bytes.</summary>
    public const int MaxServingFileBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Reads a text file of at most <paramref name="maxBytes"/> bytes, or fails naming it: a directory, a missing
    /// or unreadable file, or one past the limit (read no further than the limit, so a device that never ends is refused too).
    /// </summary>
    public static string ReadText(string path, string what, int maxBytes = MaxInputFileBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (System.IO.Directory.Exists(path)) throw new DataFileException($"cannot read {what} file '{Show(path)}': it is a directory; give a file");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var buffer = new byte[Math.Min(maxBytes + 1L, stream.CanSeek && stream.Length > 0 ? stream.Length + 1 : 64 * 1024)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes) break;
                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, 2L * buffer.Length));
                }
                var n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0) break;
                total += n;
            }
            if (total > maxBytes)
                throw new DataFileException($"cannot read {what} file '{Show(path)}': it holds more than {maxBytes / (1024 * 1024)} MB, the most a {what} file may hold");
            // UTF-8 (with or without a byte-order mark), or UTF-16 as some editors save JSON, told apart by its mark.
            var encoding = total >= 2 && buffer[0] == 0xFF && buffer[1] == 0xFE ? System.Text.Encoding.Unicode
                : total >= 2 && buffer[0] == 0xFE && buffer[1] == 0xFF ? System.Text.Encoding.BigEndianUnicode
                : new System.Text.UTF8Encoding(false);
            return encoding.GetString(buffer, 0, total).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"cannot read {what} file '{Show(path)}': {e.Message}");
        }
    }

    /// <summary>A path as the user would recognise it: relative to the working directory when inside it.</summary>
    public static string Show(string path) =>
        Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) ? rel : path;

    /// <summary>Every error, one per line.</summary>
    public static string Format(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:\n  " + string.Join("\n  ", errors);
    }

    private static T Unwrap<T>(ReadResult<T> r)
        where T : class =>
        r.Ok ? r.Value! : throw new DataFileException(Format(r.Errors));
}
