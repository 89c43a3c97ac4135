using System.Globalization;
using System.Text.Json;
using Gpunomics.Finance;
using Gpunomics.Inputs;

namespace Gpunomics.CashFlows;

/// <summary>
/// Reads cash flows from text: a column of amounts (one per row), <c>date,amount</c> rows (CSV, or separated by
/// <c>;</c> or a tab), or JSON (an array of numbers, an array of <c>{ "date", "amount" }</c> objects, or either
/// under <c>"flows"</c>). Every bad row is reported with its row, field, value and what is allowed.
/// See docs/methodology.md, "Cash flows".
/// </summary>
public static class CashFlowReader
{
    /// <summary>Most periodic flows: periods 0 to 100,000.</summary>
    public const int MaxPeriodicFlows = 100_001;

    /// <summary>Largest amount in magnitude, $1e15.</summary>
    public const double MaxAmount = 1e15;

    /// <summary>What an amount may be, as messages write it.</summary>
    public const string AmountAllowed = "allowed: a number with a decimal point and no thousands separators, from -1e15 to 1e15 (e.g. -1000 or 250.5)";

    /// <summary>What a date may be, as messages write it.</summary>
    public const string DateAllowed = "allowed: a date as YYYY-MM-DD (e.g. 2026-01-31)";

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads <paramref name="text"/> (JSON when it starts with <c>[</c> or <c>{</c>, else rows) from <paramref name="source"/>.</summary>
    public static CashFlowReadResult Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed, JsonOptions);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    var errors = new List<CashFlowError>();
                    JsonElement? flows = null;
                    foreach (var p in root.EnumerateObject())
                    {
                        if (p.NameEquals("flows")) flows = p.Value;
                        else errors.Add(new CashFlowError(source, 0, p.Name, null, $"key '{p.Name}' is not known; allowed: flows (an array of amounts or of {{ \"date\", \"amount\" }} objects)"));
                    }
                    if (flows is null) errors.Add(new CashFlowError(source, 0, "flows", null, "the object has no key 'flows'; give an array of amounts or of { \"date\", \"amount\" } objects under it"));
                    return errors.Count > 0 ? new(null, errors) : ReadJson(flows!.Value, source);
                }
                return ReadJson(root, source);
            }
            catch (JsonException e)
            {
                return new(null, [new CashFlowError(source, 0, "flows", null, $"is not valid JSON ({Json.JsonText.FirstSentence(e.Message)}); give an array of amounts or of {{ \"date\", \"amount\" }} objects")]);
            }
        }
        return ReadRows(text, source);
    }

    /// <summary>Reads a JSON array of amounts or of <c>{ "date", "amount" }</c> objects (row n is element n, 1-based).</summary>
    public static CashFlowReadResult ReadJson(JsonElement flows, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (flows.ValueKind != JsonValueKind.Array)
            return new(null, [new CashFlowError(source, 0, "flows", Short(flows.GetRawText()), "allowed: an array of amounts or of { \"date\", \"amount\" } objects")]);
        var errors = new List<CashFlowError>();
        var amounts = new List<double>();
        var dated = new List<(DatedFlow Flow, int Row)>();
        bool? isDated = null;
        var row = 0;
        foreach (var e in flows.EnumerateArray())
        {
            row++;
            var thisDated = e.ValueKind == JsonValueKind.Object;
            isDated ??= thisDated;
            if (thisDated != isDated)
            {
                errors.Add(new CashFlowError(source, row, "row", Short(e.GetRawText()),
                    isDated.Value ? "allowed: a { \"date\", \"amount\" } object, like row 1" : "allowed: an amount (a JSON number), like row 1"));
                continue;
            }
            if (!thisDated)
            {
                if (JsonAmount(e, source, row, errors) is { } a) amounts.Add(a);
                continue;
            }
            DateOnly? date = null;
            double? amount = null;
            bool sawDate = false, sawAmount = false;
            foreach (var p in e.EnumerateObject())
            {
                if (p.NameEquals("date"))
                {
                    sawDate = true;
                    if (p.Value.ValueKind == JsonValueKind.String && ParseDate(p.Value.GetString()!) is { } d) date = d;
                    else errors.Add(new CashFlowError(source, row, "date", Short(p.Value.GetRawText()), DateAllowed + ", as a JSON string"));
                }
                else if (p.NameEquals("amount"))
                {
                    sawAmount = true;
                    amount = JsonAmount(p.Value, source, row, errors);
                }
                else errors.Add(new CashFlowError(source, row, p.Name, Short(p.Value.GetRawText()), "is not a key of a dated flow; allowed keys: date, amount"));
            }
            if (!sawDate) errors.Add(new CashFlowError(source, row, "date", null, "is missing; " + DateAllowed));
            if (!sawAmount) errors.Add(new CashFlowError(source, row, "amount", null, "is missing; " + AmountAllowed));
            if (date is { } dd && amount is { } aa) dated.Add((new DatedFlow(dd, aa), row));
        }
        return Finish(source, errors, isDated == true, amounts, dated);
    }

    private static double? JsonAmount(JsonElement e, string source, int row, List<CashFlowError> errors)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v) && Math.Abs(v) <= MaxAmount) return v;
        var hint = e.ValueKind == JsonValueKind.String ? AmountAllowed + ", as a JSON number (not a string)" : AmountAllowed;
        errors.Add(new CashFlowError(source, row, "amount", Short(e.GetRawText()), hint));
        return null;
    }

    /// <summary>Reads rows: one amount per row, or a date and an amount; blank rows and rows starting with # are skipped, and a first row of names (a header) too.</summary>
    private static CashFlowReadResult ReadRows(string text, string source)
    {
        var errors = new List<CashFlowError>();
        var amounts = new List<double>();
        var dated = new List<(DatedFlow Flow, int Row)>();
        int? fields = null;
        var firstDataRow = 0;
        var row = 0;
        var seenContent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            row++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (row == 1) line = line.TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = SplitRow(line);
            while (cells.Count > 1 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
            if (!seenContent)
            {
                seenContent = true;
                // A first row of names (no field a number or a date) is a header.
                if (cells.All(c => c.Length == 0 || (!IsNumber(c) && ParseDate(c) is null))) continue;
            }
            if (fields is null && cells.Count is 1 or 2)
            {
                fields = cells.Count;
                firstDataRow = row;
            }
            if (cells.Count != fields)
            {
                var expected = fields switch
                {
                    1 => $"allowed: one amount per row, like row {firstDataRow} (a column of flows)",
                    2 => $"allowed: a date and an amount (date,amount), like row {firstDataRow}",
                    _ => "allowed: one amount per row (a column of flows) or a date and an amount (date,amount)",
                };
                errors.Add(new CashFlowError(source, row, "row", Short(line), $"has {cells.Count} fields; {expected}"));
                continue;
            }
            if (fields == 1)
            {
                if (RowAmount(cells[0], source, row, errors) is { } a) amounts.Add(a);
                continue;
            }
            var date = ParseDate(cells[0]);
            if (date is null)
            {
                // "-1,000" in a column of amounts splits into two numbers.
                var hint = IsNumber(cells[0]) && IsNumber(cells[1])
                    ? $" (a column of amounts takes one number per row without thousands separators: write {cells[0]}{cells[1]} for {cells[0]},{cells[1]})"
                    : "";
                errors.Add(new CashFlowError(source, row, "date", Short(cells[0]), DateAllowed + hint));
            }
            var amount = RowAmount(cells[1], source, row, errors);
            if (date is { } d && amount is { } v) dated.Add((new DatedFlow(d, v), row));
        }
        return Finish(source, errors, fields == 2, amounts, dated);
    }

    private static double? RowAmount(string text, string source, int row, List<CashFlowError> errors)
    {
        var problem = NumberText.Read(text, InputUnit.Dollars, out var v);
        if (problem is null && Math.Abs(v) <= MaxAmount) return v;
        errors.Add(new CashFlowError(source, row, "amount", Short(text), problem is null ? AmountAllowed : $"{problem}; {AmountAllowed}"));
        return null;
    }

    private static CashFlowReadResult Finish(string source, List<CashFlowError> errors, bool isDated, List<double> amounts, List<(DatedFlow Flow, int Row)> dated)
    {
        if (errors.Count == 0 && amounts.Count == 0 && dated.Count == 0)
            errors.Add(new CashFlowError(source, 0, "flows", null, "holds no cash flows; give one amount per row (a column of flows), date,amount rows, or a JSON array"));
        if (!isDated && amounts.Count > MaxPeriodicFlows)
            errors.Add(new CashFlowError(source, 0, "flows", null, $"holds {amounts.Count:N0} flows; at most {MaxPeriodicFlows:N0} (periods 0 to {MaxPeriodicFlows - 1:N0}) are allowed"));
        if (isDated && dated.Count > 0)
        {
            var first = dated.MinBy(x => x.Flow.Date);
            var last = dated.MaxBy(x => x.Flow.Date);
            var span = last.Flow.Date.DayNumber - first.Flow.Date.DayNumber;
            if (span > DatedFlows.MaxDays)
                errors.Add(new CashFlowError(source, 0, "flows", null,
                    $"the dates span {span:N0} days (row {first.Row}, {Iso(first.Flow.Date)}, to row {last.Row}, {Iso(last.Flow.Date)}); at most {DatedFlows.MaxDays:N0} days (about 273 years) are allowed"));
        }
        if (errors.Count > 0) return new(null, errors);
        if (!isDated) return new(new CashFlowInput { Periodic = amounts }, []);

        var notes = new List<string>();
        var outOfOrder = dated.Zip(dated.Skip(1)).FirstOrDefault(p => p.Second.Flow.Date < p.First.Flow.Date);
        if (outOfOrder != default)
            notes.Add($"the rows are not in date order (row {outOfOrder.Second.Row}, {Iso(outOfOrder.Second.Flow.Date)}, comes after row {outOfOrder.First.Row}, {Iso(outOfOrder.First.Flow.Date)}): " +
                $"every flow is discounted to the earliest date, {Iso(DatedFlows.Origin([.. dated.Select(x => x.Flow)]))}, whichever row holds it");
        var repeated = dated.GroupBy(x => x.Flow.Date).Where(g => g.Count() > 1).ToList();
        if (repeated.Count > 0)
        {
            var g = repeated[0];
            notes.Add($"{(repeated.Count == 1 ? "1 date appears" : $"{repeated.Count} dates appear")} on more than one row ({Iso(g.Key)} on rows {string.Join(", ", g.Select(x => x.Row))}" +
                $"{(repeated.Count > 1 ? ", ..." : "")}): the amounts of one date are added");
        }
        return new(new CashFlowInput { Dated = [.. dated.Select(x => x.Flow)], Notes = notes }, []);
    }

    /// <summary>A date as YYYY-MM-DD, or null.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    internal static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsNumber(string s) => NumberText.Read(s, InputUnit.Dollars, out _) is null;

    // Fields separated by a comma, a semicolon or a tab; a field in double quotes may hold them ("" is a quote).
    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ',' or ';' or '\t') { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
