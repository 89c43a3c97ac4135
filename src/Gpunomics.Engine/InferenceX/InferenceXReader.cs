using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gpunomics.InferenceX;

/// <summary>
/// Reads serving benchmark results: the InferenceX aggregated format (a JSON array of rows with a
/// <c>metrics</c> object), the raw per-run client output (one object per file; the GPU count and
/// hardware are given by the user), and this project's own format. Malformed rows are reported with
/// file, row and field, and skipped (methodology: "InferenceX import").
/// </summary>
public static class InferenceXReader
{
    /// <summary>The <c>format</c> value of this project's own file.</summary>
    public const string OwnFormat = "gpunomics-serving-benchmarks";

    /// <summary>The version of this project's own format that this reader reads and the writer writes.</summary>
    public const int OwnVersion = 1;

    /// <summary>Reads an aggregated file or one of this project's own files, telling them apart by shape.</summary>
    public static ImportResult Read(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Parse(json, file, rowsRead: 0, out var failure) is not { } doc) return failure;
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array) return ReadRows(root, file, Aggregated);
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() == OwnFormat
                && root.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Array)
            {
                if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != OwnVersion)
                    return new ImportResult([], [new ImportIssue(file, 0, "version", $"this program reads version {OwnVersion} of the '{OwnFormat}' format, got {(root.TryGetProperty("version", out var given) ? given.GetRawText() : "none")}")], 0);
                return ReadRows(rows, file, Own);
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("max_concurrency", out _))
                return new ImportResult([], [new ImportIssue(file, 0, "(file)", "this is a raw per-run result: give the hardware and the GPU count of the run")], 1);
            return new ImportResult([], [new ImportIssue(file, 0, "(file)", $"not a known serving-benchmark format: expected an InferenceX array of rows or a '{OwnFormat}' file")], 0);
        }
    }

    /// <summary>Reads one raw per-run result (the benchmark client's output): whole-server throughput divided by <paramref name="gpus"/>.</summary>
    public static ImportResult ReadRaw(string json, string file, string hardware, int gpus)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "must be at least 1");
        if (Parse(json, file, rowsRead: 1, out var failure) is not { } doc) return failure;
        using (doc)
        {
            var r = new RowReader(doc.RootElement, file, 0);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return new ImportResult([], [new ImportIssue(file, 0, "(row)", "must be a JSON object")], 1);
            var modelId = r.String("model_id");
            var prompts = r.Number("num_prompts");
            var inTokens = r.Number("total_input_tokens");
            var outTokens = r.Number("total_output_tokens");
            var inTput = r.Number("input_throughput");
            var outTput = r.Number("output_throughput");
            var conc = r.Number("max_concurrency");
            var tpot = r.Number("median_tpot");
            var date = r.String("date");
            if (r.Issues.Count > 0) return new ImportResult([], r.Issues, 1);
            var name = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            var parts = name.Split('_');
            var precision = parts.FirstOrDefault(p => p is "fp8" or "fp4" or "bf16" or "fp16") ?? "unknown";
            var framework = parts.FirstOrDefault(p => p is "vllm" or "sglang" or "trt" or "trtllm") ?? "unknown";
            var model = modelId!.Split('/')[^1].ToLowerInvariant();
            var config = new ServingConfiguration(hardware, model, precision, framework,
                (int)Math.Round(inTokens!.Value / prompts!.Value), (int)Math.Round(outTokens!.Value / prompts.Value), false, "none");
            var row = new ServingMeasurement
            {
                Configuration = config,
                Concurrency = (int)conc!.Value,
                Gpus = gpus,
                Date = RawDate(date!),
                Interactivity = 1.0 / tpot!.Value,
                TputPerGpu = (inTput!.Value + outTput!.Value) / gpus,
                InputTputPerGpu = inTput.Value / gpus,
                OutputTputPerGpu = outTput.Value / gpus,
            };
            return new ImportResult([row], [], 1);
        }
    }

    /// <summary>The parsed document, or null and the issue naming where the JSON breaks.</summary>
    private static JsonDocument? Parse(string json, string file, int rowsRead, out ImportResult failure)
    {
        failure = null!;
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException) when (NonFiniteAsStrings(json) is { } quoted)
        {
            // Files written by tools that emit NaN and Infinity (not JSON): read with those values quoted, so that the
            // rows holding them are reported one by one and the rest are read.
            return Parse(quoted, file, rowsRead, out failure);
        }
        catch (JsonException e)
        {
            failure = new ImportResult([], [new ImportIssue(file, 0, "(file)", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message.Split(" Path:")[0]}")], rowsRead);
            return null;
        }
    }

    /// <summary>The text with every bare NaN, Infinity and -Infinity outside strings quoted, or null when it has none.</summary>
    private static string? NonFiniteAsStrings(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length + 64);
        var inString = false;
        var found = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; sb.Append(c); continue; }
            var token = NonFiniteTokens.FirstOrDefault(t => string.CompareOrdinal(json, i, t, 0, t.Length) == 0);
            if (token is not null)
            {
                sb.Append('"').Append(token).Append('"');
                i += token.Length - 1;
                found = true;
                continue;
            }
            sb.Append(c);
        }
        return found ? sb.ToString() : null;
    }

    private static readonly string[] NonFiniteTokens = ["-Infinity", "Infinity", "NaN"];

    /// <summary>Writes rows in this project's own format (read back by <see cref="Read"/>).</summary>
    public static string WriteOwn(IEnumerable<ServingMeasurement> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var array = new JsonArray();
        foreach (var m in rows)
        {
            var c = m.Configuration;
            array.Add(new JsonObject
            {
                ["hardware"] = c.Hardware, ["model"] = c.Model, ["precision"] = c.Precision, ["framework"] = c.Framework,
                ["isl"] = c.Isl, ["osl"] = c.Osl, ["disagg"] = c.Disaggregated, ["specMethod"] = c.SpecMethod,
                ["conc"] = m.Concurrency, ["gpus"] = m.Gpus, ["date"] = m.Date,
                ["interactivity"] = m.Interactivity, ["tputPerGpu"] = m.TputPerGpu,
                ["inputTputPerGpu"] = m.InputTputPerGpu, ["outputTputPerGpu"] = m.OutputTputPerGpu, ["runUrl"] = m.RunUrl,
            });
        }
        var root = new JsonObject { ["format"] = OwnFormat, ["version"] = OwnVersion, ["source"] = source, ["rows"] = array };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static ImportResult ReadRows(JsonElement array, string file, Func<RowReader, ServingMeasurement?> read)
    {
        var rows = new List<ServingMeasurement>();
        var issues = new List<ImportIssue>();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new ImportIssue(file, i, "(row)", "must be a JSON object"));
            }
            else
            {
                var r = new RowReader(element, file, i);
                var m = read(r);
                if (r.Issues.Count > 0 || m is null) issues.AddRange(r.Issues);
                else rows.Add(m);
            }
            i++;
        }
        return new ImportResult(rows, issues, i);
    }

    private static ServingMeasurement? Aggregated(RowReader r)
    {
        var hardware = r.String("hardware");
        var framework = r.String("framework");
        var model = r.String("model");
        var precision = r.String("precision");
        var spec = r.String("spec_method");
        var disagg = r.Bool("disagg");
        var isl = r.Integer("isl");
        var osl = r.Integer("osl");
        var conc = r.Integer("conc");
        var disaggregated = disagg ?? false;
        var prefillGpus = r.Integer("num_prefill_gpu", required: disaggregated, min: disaggregated ? 1 : 0) ?? 0;
        var decodeGpus = r.Integer("num_decode_gpu") ?? 0;
        var date = r.String("date");
        var metrics = r.Object("metrics");
        double? tput = null, intvty = null, input = null, output = null;
        if (metrics is not null)
        {
            tput = metrics.Number("tput_per_gpu");
            intvty = metrics.Number("median_intvty");
            input = metrics.Number("input_tput_per_gpu", required: false);
            output = metrics.Number("output_tput_per_gpu", required: false);
        }
        if (r.Issues.Count > 0) return null;
        return new ServingMeasurement
        {
            Configuration = new ServingConfiguration(hardware!, model!, precision!, framework!, isl!.Value, osl!.Value, disagg!.Value, spec!),
            Concurrency = conc!.Value,
            Gpus = disagg!.Value ? prefillGpus + decodeGpus : decodeGpus,
            Date = date!,
            Interactivity = intvty!.Value,
            TputPerGpu = tput!.Value,
            InputTputPerGpu = input,
            OutputTputPerGpu = output,
            RunUrl = r.String("run_url", required: false),
        };
    }

    private static ServingMeasurement? Own(RowReader r)
    {
        var config = new ServingConfiguration(r.String("hardware") ?? "", r.String("model") ?? "", r.String("precision") ?? "",
            r.String("framework") ?? "", r.Integer("isl") ?? 0, r.Integer("osl") ?? 0, r.Bool("disagg") ?? false, r.String("specMethod") ?? "");
        var m = new ServingMeasurement
        {
            Configuration = config,
            Concurrency = r.Integer("conc") ?? 0,
            Gpus = r.Integer("gpus") ?? 0,
            Date = r.String("date") ?? "",
            Interactivity = r.Number("interactivity") ?? 0,
            TputPerGpu = r.Number("tputPerGpu") ?? 0,
            InputTputPerGpu = r.Number("inputTputPerGpu", required: false),
            OutputTputPerGpu = r.Number("outputTputPerGpu", required: false),
            RunUrl = r.String("runUrl", required: false),
        };
        return r.Issues.Count > 0 ? null : m;
    }

    private static string RawDate(string text) =>
        DateTime.TryParseExact(text.Split('-')[0], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text;

    private sealed class RowReader(JsonElement element, string file, int row, string prefix = "", List<ImportIssue>? sink = null)
    {
        public List<ImportIssue> Issues { get; } = sink ?? [];

        private string Path(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";

        private bool Get(string field, bool required, out JsonElement value)
        {
            if (element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null) return true;
            if (required) Issues.Add(new ImportIssue(file, row, Path(field), "missing"));
            return false;
        }

        private void Bad(string field, string allowed, JsonElement v) =>
            Issues.Add(new ImportIssue(file, row, Path(field), $"{allowed}, got {Show(v)}"));

        public string? String(string field, bool required = true)
        {
            if (!Get(field, required, out var v)) return null;
            if (v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())) return v.GetString();
            Bad(field, "must be a non-empty string", v);
            return null;
        }

        public bool? Bool(string field)
        {
            if (!Get(field, true, out var v)) return null;
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            Bad(field, "must be true or false", v);
            return null;
        }

        public int? Integer(string field, bool required = true, int min = 1)
        {
            if (!Get(field, required, out var v)) return null;
            // 1024.0 is a whole number too.
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && d >= min && d <= int.MaxValue) return (int)d;
            Bad(field, $"must be a whole number of at least {min}", v);
            return null;
        }

        public double? Number(string field, bool required = true)
        {
            if (!Get(field, required, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) && d > 0) return d;
            Bad(field, "must be a positive finite number", v);
            return null;
        }

        public RowReader? Object(string field)
        {
            if (!Get(field, true, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Object) return new RowReader(v, file, row, Path(field), Issues);
            Bad(field, "must be an object", v);
            return null;
        }

        private static string Show(JsonElement v)
        {
            var text = v.GetRawText();
            return text.Length > 40 ? text[..37] + "..." : text;
        }
    }
}
