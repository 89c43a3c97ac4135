using System.Globalization;
using System.Text;
using System.Text.Json;
using Gpunomics.Export.Sheets;

namespace Gpunomics.Export.Writers;

/// <summary>Writes the workbook's tables as values (the engine's), for tools that read CSV or JSON.</summary>
public static class TableWriters
{
    /// <summary>A sheet as CSV (RFC 4180: comma, double quotes, CRLF), numbers in round-trip invariant form.</summary>
    public static void WriteCsv(SheetSpec sheet, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var row in sheet.Grid())
        {
            writer.Write(string.Join(",", row.Select(Csv)));
            writer.Write("\r\n");
        }
    }

    /// <summary>The CSV file name of a sheet, e.g. <c>cashflows.csv</c>.</summary>
    public static string CsvFileName(SheetSpec sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return sheet.Name.ToLowerInvariant() + ".csv";
    }

    private static string Csv(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when s.IndexOfAny([',', '"', '\n', '\r']) >= 0 => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// The workbook as one JSON object: system, scenario, named inputs and every sheet as
    /// <c>{ "columns": [...], "rows": [[...], ...] }</c> (row 1 gives the columns).
    /// </summary>
    public static void WriteJson(WorkbookSpec book, Stream output)
    {
        ArgumentNullException.ThrowIfNull(book);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("system", book.SystemId);
        w.WriteString("scenario", book.ScenarioName);
        w.WriteStartObject("sheets");
        foreach (var sheet in book.Sheets)
        {
            var grid = sheet.Grid();
            w.WriteStartObject(sheet.Name);
            w.WriteStartArray("columns");
            foreach (var v in grid.Length > 0 ? grid[0] : []) Value(w, v);
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var row in grid.Skip(1))
            {
                w.WriteStartArray();
                foreach (var v in row) Value(w, v);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case double: w.WriteNullValue(); break;
            default: w.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>UTF-8 without a byte-order mark.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false);
}
