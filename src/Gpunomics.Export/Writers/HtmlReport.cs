using System.Globalization;
using System.Net;
using Gpunomics.Export.Sheets;

namespace Gpunomics.Export.Writers;

/// <summary>A one-page HTML report of a scenario: key inputs, capex, TCO, returns, the One Chart and its floors.</summary>
public static class HtmlReport
{
    /// <summary>Writes the report; <paramref name="oneChartSvg"/> is embedded as is (an SVG document), or omitted when null.</summary>
    public static void Write(WorkbookSpec book, string systemName, string? oneChartSvg, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(o);
        var title = $"{systemName}: scenario '{book.ScenarioName}'";
        o.WriteLine("<!DOCTYPE html>");
        o.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        o.WriteLine($"<title>{E(title)}</title>");
        o.WriteLine("<style>body{font-family:DejaVu Sans,Arial,sans-serif;font-size:12px;margin:16px;max-width:1200px}" +
                    "h1{font-size:18px}h2{font-size:14px;margin:12px 0 4px}.grid{display:flex;flex-wrap:wrap;gap:16px}" +
                    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right;font-variant-numeric:tabular-nums}" +
                    "th{background:#f0f0f0;text-align:left}svg{max-width:100%;height:auto}</style></head><body>");
        o.WriteLine($"<h1>{E(title)}</h1>");
        o.WriteLine("<div class=\"grid\">");
        Table(o, "Returns", book.Sheet(ScenarioWorkbook.Returns), [1, 2, 3, ScenarioWorkbook.ReturnsNoteColumn]);
        Table(o, "TCO per GPU-hour", book.Sheet(ScenarioWorkbook.Tco), [1, 2, 3]);
        Table(o, "Capex per GPU", book.Sheet(ScenarioWorkbook.Capex), [1, 2, 3]);
        o.WriteLine("</div>");
        if (oneChartSvg is not null)
        {
            o.WriteLine("<h2>The One Chart</h2>");
            o.WriteLine(oneChartSvg);
        }
        o.WriteLine("<div class=\"grid\">");
        var chart = book.Sheet(ScenarioWorkbook.OneChart);
        // Row 2 holds the system price multipliers, one column per curve.
        var k = 0;
        while (chart[2, k + 2]?.Value is double) k++;
        var lc = ScenarioWorkbook.OneChartLabelColumn(k);
        Table(o, "One Chart: floors and value split", chart, [lc, lc + 1]);
        Table(o, "Floors by system price", chart, [.. Enumerable.Range(1, k + 1)], maxRow: 4);
        Table(o, "Inputs", book.Sheet(ScenarioWorkbook.Inputs), [1, 2, 3]);
        o.WriteLine("</div>");
        o.WriteLine("<p>Every figure above is a live formula in the workbook export (<code>gpunomics export --xlsx</code>); see docs/methodology.md.</p>");
        o.WriteLine("</body></html>");
    }

    private static void Table(TextWriter o, string caption, SheetSpec sheet, int[] columns, int? maxRow = null)
    {
        o.WriteLine($"<div><h2>{E(caption)}</h2><table>");
        var rows = Math.Min(sheet.RowCount, maxRow ?? int.MaxValue);
        for (var r = 1; r <= rows; r++)
        {
            if (columns.All(c => sheet[r, c] is null)) continue;
            o.Write("<tr>");
            foreach (var c in columns)
            {
                var cell = sheet[r, c];
                var text = Format(cell);
                var tag = r == 1 ? "th" : "td";
                var cls = cell?.Value is double ? " class=\"n\"" : "";
                o.Write($"<{tag}{cls}>{E(text)}</{tag}>");
            }
            o.WriteLine("</tr>");
        }
        o.WriteLine("</table></div>");
    }

    /// <summary>A cell's value as its number format shows it (the formats the workbook uses).</summary>
    internal static string Format(SheetCell? cell)
    {
        if (cell?.Value is not double d) return cell?.Value as string ?? (cell?.Formula is not null ? "none" : "");
        var inv = CultureInfo.InvariantCulture;
        return cell.Format switch
        {
            ScenarioWorkbook.Money => (d < 0 ? "-$" : "$") + Math.Abs(d).ToString("#,##0.00", inv),
            ScenarioWorkbook.MoneyHour => (d < 0 ? "-$" : "$") + Math.Abs(d).ToString("#,##0.0000", inv),
            ScenarioWorkbook.Percent => d.ToString("0.00%", inv),
            ScenarioWorkbook.Rate => d.ToString("0.0000%", inv),
            ScenarioWorkbook.Integer => d.ToString("0", inv),
            ScenarioWorkbook.Multiple => d.ToString("0.00", inv) + "x",
            _ => d.ToString("#,##0.####", inv),
        };
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
