using System.Globalization;

namespace Gpunomics.Export.Sheets;

/// <summary>What a cell holds: a label, an input the reader may change, or a value derived by formula.</summary>
public enum CellRole
{
    /// <summary>Text that names a row or column.</summary>
    Label,
    /// <summary>An assumption: a plain value, referred to by name from the formulas.</summary>
    Input,
    /// <summary>A formula over the inputs; <see cref="SheetCell.Value"/> is the engine's value for it.</summary>
    Derived,
}

/// <summary>One cell: its value as the engine computes it and, for derived cells, the spreadsheet formula.</summary>
/// <param name="Value">A double, a string, or null (empty, or no value exists, e.g. no IRR).</param>
/// <param name="Formula">Spreadsheet formula starting with '=', or null for a plain value.</param>
/// <param name="Format">Number format code, or null for General.</param>
/// <param name="Role">Label, input or derived.</param>
/// <param name="IsRate">True for an IRR, which a spreadsheet finds by iteration (checked to a looser tolerance).</param>
public sealed record SheetCell(object? Value, string? Formula, string? Format, CellRole Role, bool IsRate = false);

/// <summary>A worksheet: cells by (row, column), 1-based, and its view settings.</summary>
public sealed class SheetSpec(string name)
{
    private readonly SortedDictionary<(int Row, int Col), SheetCell> _cells = new();

    /// <summary>Worksheet name.</summary>
    public string Name { get; } = name;

    /// <summary>Rows frozen at the top.</summary>
    public int FreezeRows { get; set; } = 1;

    /// <summary>Columns frozen at the left.</summary>
    public int FreezeColumns { get; set; }

    /// <summary>Column widths in characters, by 1-based column.</summary>
    public Dictionary<int, double> ColumnWidths { get; } = [];

    /// <summary>The cells, row by row.</summary>
    public IEnumerable<KeyValuePair<(int Row, int Col), SheetCell>> Cells => _cells;

    /// <summary>Number of rows in use.</summary>
    public int RowCount => _cells.Count == 0 ? 0 : _cells.Keys.Max(k => k.Row);

    /// <summary>Number of columns in use.</summary>
    public int ColumnCount => _cells.Count == 0 ? 0 : _cells.Keys.Max(k => k.Col);

    /// <summary>The cell at (row, col), or null.</summary>
    public SheetCell? this[int row, int col] => _cells.TryGetValue((row, col), out var c) ? c : null;

    /// <summary>Sets a cell.</summary>
    public void Set(int row, int col, SheetCell cell) => _cells[(row, col)] = cell;

    /// <summary>The sheet as a grid of values (row 1 first), for CSV and JSON.</summary>
    public object?[][] Grid()
    {
        int rows = RowCount, cols = ColumnCount;
        var grid = new object?[rows][];
        for (var r = 0; r < rows; r++) grid[r] = new object?[cols];
        foreach (var ((r, c), cell) in _cells) grid[r - 1][c - 1] = cell.Value;
        return grid;
    }
}

/// <summary>A defined name (named range) of the workbook.</summary>
/// <param name="Name">The name, e.g. <c>In_Pue</c>.</param>
/// <param name="Sheet">Worksheet.</param>
/// <param name="Range">Absolute A1 range on that sheet, e.g. <c>$B$5</c>.</param>
public sealed record DefinedName(string Name, string Sheet, string Range)
{
    /// <summary>The sheet-qualified address, e.g. <c>'Inputs'!$B$5</c>.</summary>
    public string Address => $"'{Sheet}'!{Range}";
}

/// <summary>A whole workbook: sheets in order and the defined names.</summary>
public sealed class WorkbookSpec
{
    /// <summary>System id the workbook describes.</summary>
    public required string SystemId { get; init; }

    /// <summary>Scenario name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>Sheets in order.</summary>
    public List<SheetSpec> Sheets { get; } = [];

    /// <summary>Defined names.</summary>
    public List<DefinedName> Names { get; } = [];

    /// <summary>A sheet by name.</summary>
    public SheetSpec Sheet(string name) => Sheets.First(s => s.Name == name);

    /// <summary>A defined name by name.</summary>
    public DefinedName Name(string name) => Names.First(n => n.Name == name);

    /// <summary>Adds a sheet with a header row of these columns (header, width).</summary>
    public SheetSpec AddSheet(string name, params (string Header, double Width)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var sheet = new SheetSpec(name);
        for (var i = 0; i < columns.Length; i++)
        {
            sheet.Set(1, i + 1, Cells.Label(columns[i].Header));
            sheet.ColumnWidths[i + 1] = columns[i].Width;
        }
        Sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Names one cell of a sheet.</summary>
    public void Name(string name, SheetSpec sheet, int row, int col)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        Names.Add(new DefinedName(name, sheet.Name, A1.Abs(row, col)));
    }

    /// <summary>Names a range of a sheet.</summary>
    public void NameRange(string name, SheetSpec sheet, int row1, int col1, int row2, int col2)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        Names.Add(new DefinedName(name, sheet.Name, A1.Abs(row1, col1) + ":" + A1.Abs(row2, col2)));
    }
}

/// <summary>A1 addresses.</summary>
public static class A1
{
    /// <summary>Column letters of a 1-based column (1: A, 27: AA).</summary>
    public static string Column(int col)
    {
        var s = "";
        for (var c = col; c > 0; c = (c - 1) / 26) s = (char)('A' + (c - 1) % 26) + s;
        return s;
    }

    /// <summary>Relative address, e.g. <c>B12</c>.</summary>
    public static string Cell(int row, int col) => Column(col) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Absolute address, e.g. <c>$B$12</c>.</summary>
    public static string Abs(int row, int col) => "$" + Column(col) + "$" + row.ToString(CultureInfo.InvariantCulture);
}
