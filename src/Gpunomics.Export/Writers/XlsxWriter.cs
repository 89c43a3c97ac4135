using ClosedXML.Excel;
using Gpunomics.Export.Sheets;

namespace Gpunomics.Export.Writers;

/// <summary>Writes a <see cref="WorkbookSpec"/> as an .xlsx workbook: inputs as values, everything derived as formulas.</summary>
public static class XlsxWriter
{
    /// <summary>Writes the workbook to <paramref name="output"/>.</summary>
    public static void Write(WorkbookSpec book, Stream output)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(output);
        using var wb = new XLWorkbook();
        wb.CalculateMode = XLCalculateMode.Auto;
        foreach (var spec in book.Sheets)
        {
            var ws = wb.Worksheets.Add(spec.Name);
            foreach (var ((row, col), cell) in spec.Cells)
            {
                var c = ws.Cell(row, col);
                if (cell.Formula is not null)
                {
                    c.FormulaA1 = cell.Formula;
                }
                else
                {
                    switch (cell.Value)
                    {
                        case double d: c.Value = d; break;
                        case string s:
                            c.SetValue(s);
                            c.DataType = XLDataType.Text;
                            break;
                        case null: break;
                        default: throw new InvalidOperationException($"unsupported cell value {cell.Value.GetType().Name} at {spec.Name}!{A1.Cell(row, col)}");
                    }
                }
                if (cell.Role == CellRole.Input) c.Style.Fill.BackgroundColor = XLColor.LightYellow;
            }
            // Number formats by rectangle: styling cell by cell is what costs most time.
            foreach (var (r1, c1, r2, c2, format) in FormatRectangles(spec))
                ws.Range(r1, c1, r2, c2).Style.NumberFormat.Format = format;
            ws.Row(1).Style.Font.Bold = true;
            foreach (var (col, width) in spec.ColumnWidths) ws.Column(col).Width = width;
            if (spec.FreezeRows > 0 || spec.FreezeColumns > 0) ws.SheetView.Freeze(spec.FreezeRows, spec.FreezeColumns);
        }
        foreach (var name in book.Names) wb.NamedRanges.Add(name.Name, name.Address);
        wb.SaveAs(output);
    }

    /// <summary>Cells with the same number format grouped into rectangles: runs down each column, merged across adjacent columns.</summary>
    internal static List<(int Row1, int Col1, int Row2, int Col2, string Format)> FormatRectangles(SheetSpec sheet)
    {
        var runsByColumn = new SortedDictionary<int, List<(int R1, int R2, string F)>>();
        foreach (var ((row, col), cell) in sheet.Cells)
        {
            if (cell.Format is null) continue;
            if (!runsByColumn.TryGetValue(col, out var runs)) runsByColumn[col] = runs = [];
            if (runs.Count > 0 && runs[^1].F == cell.Format && runs[^1].R2 == row - 1) runs[^1] = (runs[^1].R1, row, cell.Format);
            else runs.Add((row, row, cell.Format));
        }
        var result = new List<(int, int, int, int, string)>();
        var open = new Dictionary<(int R1, int R2, string F), (int C1, int C2)>();
        foreach (var (col, runs) in runsByColumn)
        {
            var next = new Dictionary<(int, int, string), (int C1, int C2)>();
            foreach (var run in runs)
                next[run] = open.TryGetValue(run, out var o) && o.C2 == col - 1 ? (o.C1, col) : (col, col);
            foreach (var (run, span) in open)
                if (!next.TryGetValue(run, out var n) || n.C1 != span.C1) result.Add((run.R1, span.C1, run.R2, span.C2, run.F));
            open = next;
        }
        foreach (var (run, span) in open) result.Add((run.R1, span.C1, run.R2, span.C2, run.F));
        return result;
    }
}
