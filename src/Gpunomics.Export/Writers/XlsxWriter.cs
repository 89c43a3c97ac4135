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
                if (cell.Format is not null) c.Style.NumberFormat.Format = cell.Format;
                if (cell.Role == CellRole.Input) c.Style.Fill.BackgroundColor = XLColor.LightYellow;
            }
            ws.Row(1).Style.Font.Bold = true;
            foreach (var (col, width) in spec.ColumnWidths) ws.Column(col).Width = width;
            if (spec.FreezeRows > 0 || spec.FreezeColumns > 0) ws.SheetView.Freeze(spec.FreezeRows, spec.FreezeColumns);
        }
        foreach (var name in book.Names) wb.NamedRanges.Add(name.Name, name.Address);
        wb.SaveAs(output);
    }
}
