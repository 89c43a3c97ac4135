using ClosedXML.Excel;
using Gpunomics.Export.Sheets;
using Gpunomics.Export.Writers;

namespace Gpunomics.Export.Tests;

/// <summary>What the written .xlsx holds, read back with a spreadsheet library: formulas, names, formats, frozen rows.</summary>
public sealed class WorkbookStructureTests
{
    private static (WorkbookSpec Spec, XLWorkbook Book) Export(string id)
    {
        var catalog = TestData.Catalog();
        var model = new EconomicsModel(catalog, TestData.Article(catalog));
        var spec = ScenarioWorkbook.Build(model, id);
        var stream = new MemoryStream();
        XlsxWriter.Write(spec, stream);
        stream.Position = 0;
        return (spec, new XLWorkbook(stream));
    }

    [Theory]
    [InlineData("gb300-nvl72")]
    [InlineData("vr-nvl72")]
    public void Every_derived_cell_is_a_formula_and_every_input_a_named_value(string id)
    {
        var (spec, wb) = Export(id);
        using var _ = wb;
        Assert.Equal([ScenarioWorkbook.Inputs, ScenarioWorkbook.Capex, ScenarioWorkbook.Tco, ScenarioWorkbook.CashFlows, ScenarioWorkbook.Returns, ScenarioWorkbook.OneChart, ScenarioWorkbook.ChartFlows],
            wb.Worksheets.Select(w => w.Name).ToArray());
        var formulas = 0;
        foreach (var sheet in spec.Sheets)
        {
            var ws = wb.Worksheet(sheet.Name);
            foreach (var ((row, col), cell) in sheet.Cells)
            {
                var c = ws.Cell(row, col);
                if (cell.Formula is not null)
                {
                    Assert.True(c.HasFormula, $"{sheet.Name}!{A1.Cell(row, col)} should hold the formula {cell.Formula}");
                    formulas++;
                }
                if (cell.Role == CellRole.Input) Assert.False(c.HasFormula, $"{sheet.Name}!{A1.Cell(row, col)} is an input");
            }
            Assert.Equal(sheet.FreezeRows, ws.SheetView.SplitRow);
        }
        Assert.True(formulas > 1000, $"only {formulas} formulas");

        // Each input row of the Inputs sheet has its name; the names point at the value column.
        var inputs = spec.Sheet(ScenarioWorkbook.Inputs);
        var inputCells = inputs.Cells.Where(kv => kv.Value.Role == CellRole.Input).ToList();
        Assert.True(inputCells.Count >= 30, $"only {inputCells.Count} inputs");
        foreach (var ((row, col), _) in inputCells)
        {
            var label = (string)inputs[row, 1]!.Value!;
            var named = wb.NamedRanges.NamedRange("In_" + label);
            Assert.NotNull(named);
            var target = named!.Ranges.Single().FirstCell();
            Assert.Equal((ScenarioWorkbook.Inputs, row, col), (target.Worksheet.Name, target.Address.RowNumber, target.Address.ColumnNumber));
        }

        // Money, rates and percentages carry number formats.
        var ret = wb.Worksheet(ScenarioWorkbook.Returns);
        // The IRR's label is a formula (it names a borrowing rate for what it is) that ClosedXML cannot evaluate: find the row by its name.
        var irrRow = wb.NamedRanges.NamedRange("Ret_Irr")!.Ranges.Single().FirstCell().Address.RowNumber;
        Assert.Equal("0.00%", ret.Cell(irrRow, 2).Style.NumberFormat.Format);
        // The monthly IRR starts from the engine's own monthly rate, so the spreadsheet lands on the engine's root.
        var monthlyRow = wb.NamedRanges.NamedRange("Ret_IrrMonthly")!.Ranges.Single().FirstCell().Address.RowNumber;
        var formula = ret.Cell(monthlyRow, 2).FormulaA1;
        const string first = "IFERROR(IRR(Cf_Net,";
        var at = formula.IndexOf(first, StringComparison.Ordinal) + first.Length;
        Assert.True(at >= first.Length, formula);
        var guess = double.Parse(formula[at..formula.IndexOf(')', at)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((double)spec.Sheet(ScenarioWorkbook.Returns)[monthlyRow, 2]!.Value!, guess);
        var npvRow = ret.Column(1).CellsUsed().First(c => !c.HasFormula && c.GetString() == "NPV at the hurdle").Address.RowNumber;
        Assert.Equal("$#,##0.00", ret.Cell(npvRow, 2).Style.NumberFormat.Format);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"debt":{"share":0.5,"rate":0.07,"termMonths":600}}""")]
    [InlineData("""{"debt":{"share":0.6,"rate":0.09,"termMonths":36},"contract":{"setupMonths":2}}""")]
    public void Every_spreadsheet_irr_starts_from_the_engine_rate_of_its_cell_or_the_cell_gives_the_engine_reason(string scenarioJson)
    {
        var catalog = TestData.Catalog();
        var model = new EconomicsModel(catalog, TestData.Over(TestData.Article(catalog), catalog, scenarioJson, "s.json"));
        var irrCall = new System.Text.RegularExpressions.Regex(@"(?<![A-Z])IRR\(");
        var (withRate, withReason) = (0, 0);
        foreach (var id in new[] { "gb300-nvl72", "vr-nvl72" })
        {
            var spec = ScenarioWorkbook.Build(model, id, new ExportOptions(3.15));
            foreach (var sheet in spec.Sheets)
            {
                foreach (var ((row, col), cell) in sheet.Cells)
                {
                    var where = $"{id} {sheet.Name}!{A1.Cell(row, col)}";
                    if (cell.Value is string text && text.StartsWith("no IRR: ", StringComparison.Ordinal))
                    {
                        withReason++;
                        continue;
                    }
                    var call = cell.Formula is null ? null : irrCall.Match(cell.Formula);
                    if (call is not { Success: true }) continue;
                    // The first IRR() of the cell: IRR(flows, guess); the flows hold no comma.
                    var comma = cell.Formula!.IndexOf(',', call.Index);
                    var guess = double.Parse(cell.Formula[(comma + 1)..cell.Formula.IndexOf(')', comma)], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(cell.Value is double, $"{where}: an IRR() without the engine's rate");
                    var engineMonthly = sheet.Name == ScenarioWorkbook.Returns ? (double)cell.Value! : Finance.Rates.AnnualToMonthly((double)cell.Value!);
                    Assert.True(Math.Abs(guess - engineMonthly) <= 1e-12 * Math.Max(Math.Abs(engineMonthly), 1e-6), $"{where}: IRR() starts from {guess}, the engine's rate is {engineMonthly}");
                    withRate++;
                }
            }
        }
        Assert.True(withRate > 0, "no IRR() cell found");
        Assert.True(withRate + withReason >= 2 * (1 + 60 * 3), $"{withRate} IRR cells with a rate and {withReason} with a reason: fewer than the Returns and One Chart cells");
    }

    [Fact]
    public void Csv_and_json_hold_the_engine_values_of_the_same_tables()
    {
        var catalog = TestData.Catalog();
        var model = new EconomicsModel(catalog, TestData.Article(catalog));
        var spec = ScenarioWorkbook.Build(model, "gb300-nvl72");
        var returns = spec.Sheet(ScenarioWorkbook.Returns);
        var w = new StringWriter();
        TableWriters.WriteCsv(returns, w);
        var rows = LibreOffice.ParseCsv(w.ToString());
        Assert.Equal(returns.RowCount, rows.Length);
        var floorRow = rows.Single(r => r[0] == "Floor price");
        Assert.Equal(model.Floor("gb300-nvl72"), double.Parse(floorRow[1], System.Globalization.CultureInfo.InvariantCulture));

        using var json = new MemoryStream();
        TableWriters.WriteJson(spec, json);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var sheets = doc.RootElement.GetProperty("sheets");
        Assert.Equal(spec.Sheets.Count, sheets.EnumerateObject().Count());
        var irrRow = sheets.GetProperty("Returns").GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == "Project IRR, annual effective");
        Assert.Equal(model.Project("gb300-nvl72", 3.5).Irr!.Value, irrRow[1].GetDouble());
    }
}
