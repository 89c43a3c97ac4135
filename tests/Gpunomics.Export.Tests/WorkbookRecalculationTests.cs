using Gpunomics.Tests.Shared;
using System.Globalization;
using ClosedXML.Excel;
using Gpunomics.Export.Writers;
using CsCheck;
using Gpunomics.Scenarios;
using Xunit.Abstractions;

namespace Gpunomics.Export.Tests;

/// <summary>
/// The exported workbook, recalculated by LibreOffice Calc, gives the engine's numbers: for the
/// built-in scenario, for a scenario file with changed inputs, and after an input cell is edited.
/// </summary>
public sealed class WorkbookRecalculationTests(ITestOutputHelper output)
{
    private const string ChangedScenario = """
        {
          "name": "changed",
          "finance": { "costOfCapital": 0.08, "usefulLifeYears": 5, "residualValueShare": 0.1 },
          "operations": { "electricityPricePerKwh": 0.11, "pue": 1.3, "colocationPerKwMonth": 120, "maintenanceShareOfCapexPerYear": 0.05 },
          "contract": { "termMonths": 48, "prepayShare": 0.25, "billedUtilization": 0.9, "setupMonths": 3, "residualValueShare": 0.12 },
          "hurdleRate": 0.12,
          "ceiling": { "referencePricePerPflopHour": 1.6, "precision": "bf16" },
          "networkTier": "hyperscaler",
          "chartMultipliers": [0.8, 1.1],
          "systems": {
            "gb300-nvl72": { "computeSystem": 58000, "storage": 3500, "networking": { "neocloud": 12000 } },
            "vr-nvl72": { "computeSystem": 85000, "memoryCostPerGb": 12, "hbmCostPerGb": 18 }
          }
        }
        """;

    [Theory]
    [InlineData("gb300-nvl72")]
    [InlineData("vr-nvl72")]
    [InlineData("h100")] // market price below the floor and above the ceiling: the share cells read "no split"
    public void Article_scenario_recalculated_by_LibreOffice_equals_the_engine(string id)
    {
        var catalog = TestData.Catalog();
        var model = new EconomicsModel(catalog, TestData.Article(catalog));
        RecalculateAndVerify(model, id, new ExportOptions(), $"article scenario, {id}");
    }

    [Theory]
    [InlineData("gb300-nvl72")]
    [InlineData("vr-nvl72")]
    public void Scenario_file_with_changed_inputs_recalculated_equals_the_engine(string id)
    {
        var catalog = TestData.Catalog();
        var dir = Directory.CreateTempSubdirectory("gpunomics-scenario-");
        try
        {
            var file = Path.Combine(dir.FullName, "changed.json");
            File.WriteAllText(file, ChangedScenario);
            var scenario = TestData.Over(TestData.Article(catalog), catalog, File.ReadAllText(file), file);
            var model = new EconomicsModel(catalog, scenario);
            RecalculateAndVerify(model, id, new ExportOptions(SystemPriceMultiplier: 1.1), $"changed scenario file, {id}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("gb300-nvl72")]
    [InlineData("vr-nvl72")]
    public void Scenario_with_debt_recalculated_equals_the_engine(string id)
    {
        var catalog = TestData.Catalog();
        // A loan shorter than the contract, and one whose balance is repaid at the end.
        var shortLoan = TestData.Over(TestData.Article(catalog), catalog, """{ "debt": { "share": 0.6, "rate": 0.09, "termMonths": 36 }, "contract": { "setupMonths": 2 } }""", "debt.json");
        RecalculateAndVerify(new EconomicsModel(catalog, shortLoan), id, new ExportOptions(), $"debt over 36 months, {id}");
        var balloon = TestData.Over(TestData.Article(catalog), catalog, """{ "debt": { "share": 0.3, "rate": 0.07, "termMonths": 72 }, "contract": { "prepayShare": 0 } }""", "balloon.json");
        RecalculateAndVerify(new EconomicsModel(catalog, balloon), id, new ExportOptions(SystemPriceMultiplier: 1.2), $"debt with a balloon, {id}");
    }

    // Reported: a loan of half the capex at 7% over 600 months, repaid by a balloon at the end of the 60-month
    // contract, GB300 at $3.15. The equity flows change sign twice and have two IRRs, 0.5457% and 2.5248% a
    // month; `project` reports 34.880% a year, and the workbook's IRR() from a 1% guess showed 6.749%.
    [Fact]
    public void Balloon_loan_with_two_irrs_recalculates_to_the_engine_equity_irr_and_names_both_roots()
    {
        var catalog = TestData.Catalog();
        var reported = TestData.Over(TestData.Article(catalog), catalog, ReportedCases.Scenario2026_11, "reported.json");
        var scenario = TestData.Over(reported, catalog, ReportedCases.BalloonLoan2026_11, "s.json");
        var model = new EconomicsModel(catalog, scenario);
        var v = RecalculateAndVerify(model, "gb300-nvl72", new ExportOptions(3.15), "balloon loan at $3.15, gb300-nvl72");

        const string ret = ScenarioWorkbook.Returns;
        var annualRow = v.Row(ret, "Equity IRR, annual effective");
        var monthlyRow = v.Row(ret, "Equity IRR, monthly");
        // The reported figures, to the precision reported.
        Assert.Equal(0.34880, LibreOffice.Number(v.Text(ret, annualRow, 2))!.Value, 5e-6);
        Assert.Equal(0.025248, LibreOffice.Number(v.Text(ret, monthlyRow, 2))!.Value, 5e-7);
        foreach (var r in new[] { annualRow, monthlyRow })
        {
            var note = v.Text(ret, r, ScenarioWorkbook.ReturnsNoteColumn) ?? "";
            foreach (var root in new[] { "0.5457% a month (6.749% a year)", "2.5248% a month (34.880% a year)" }) Assert.Contains(root, note, StringComparison.Ordinal);
            Assert.Contains("the engine reports 2.5248% a month", note, StringComparison.Ordinal);
        }
        // Both are roots: the NPV of the equity flows is zero at each.
        var flows = model.Project("gb300-nvl72", 3.15).Schedule.Select(x => x.Net).ToArray();
        var scale = flows.Sum(Math.Abs);
        foreach (var monthly in new[] { 0.005457, 0.025248 })
            Assert.True(Math.Abs(Finance.Rates.Npv(monthly, flows)) < 1e-4 * scale, $"NPV at {monthly} is {Finance.Rates.Npv(monthly, flows)}");
        Assert.True(v.SeveralRootCells >= 2, $"only {v.SeveralRootCells} IRR cells on flows with several roots");
    }

    // Reported: with 75% of the contract prepaid, month 0 takes in more than the capex at the upper chart prices and
    // NPV rises with the rate through the only root, a borrowing rate. The engine reports no IRR there and the One
    // Chart leaves a gap, yet the workbook's One Chart cells showed the spreadsheet's IRR() of those flows. Now
    // they say "no IRR: borrowing rate ..." as the engine does, the Returns sheet labels its rate a borrowing
    // rate, and the whole workbook recalculates to the engine's figures.
    [Fact]
    public void Prepay_75_percent_workbook_names_the_borrowing_rate_where_the_engine_reports_no_irr_and_recalculates_to_the_engine()
    {
        var catalog = TestData.Catalog();
        var model = new EconomicsModel(catalog, TestData.Over(TestData.Article(catalog), catalog, """{"contract":{"prepayShare":0.75}}""", "prepay.json"));
        const string id = "gb300-nvl72";
        const double price = 3.0;
        var result = model.Project(id, price);
        Assert.Null(result.Irr);
        var borrowing = Assert.IsType<double>(result.BorrowingRate);
        var chart = model.Chart(id);
        var borrowingPoints = chart.Curves.SelectMany((c, j) => c.Points.Select((p, i) => (p, Row: 5 + i, Col: j + 2)))
            .Where(x => x.p.Status == Batch.IrrStatus.BorrowingRate).ToList();
        Assert.NotEmpty(borrowingPoints);

        var v = RecalculateAndVerify(model, id, new ExportOptions(price), $"75% prepaid at ${price}, {id}");

        const string ret = ScenarioWorkbook.Returns;
        var annualRow = v.Row(ret, ScenarioWorkbook.BorrowingLabel + ", annual effective");
        Assert.Equal(borrowing, LibreOffice.Number(v.Text(ret, annualRow, 2))!.Value, 7);
        Assert.Equal("yes", v.Text(ret, v.Row(ret, "IRR is a borrowing rate?"), 2));
        foreach (var (_, row, col) in borrowingPoints)
        {
            var text = v.Text(ScenarioWorkbook.OneChart, row, col) ?? "";
            Assert.StartsWith("no IRR: borrowing rate ", text, StringComparison.Ordinal);
            Assert.Null(LibreOffice.Number(text));
        }
        output.WriteLine($"{borrowingPoints.Count} One Chart cells at a borrowing rate; e.g. {v.Text(ScenarioWorkbook.OneChart, borrowingPoints[0].Row, borrowingPoints[0].Col)}");
    }

    // Random levered projects (loan share, rate and term, a balloon where the loan outlasts the contract,
    // prepayment, setup months, price, system price multiplier): every IRR cell of the workbook, recalculated,
    // is the engine's, and every cell on flows with several IRRs has its note. Each recalculation takes
    // LibreOffice a second or more, so a handful of cases.
    [Fact]
    public void Every_irr_cell_of_random_levered_workbooks_recalculates_to_the_engine_rate()
    {
        var catalog = TestData.Catalog();
        var article = TestData.Article(catalog);
        var several = 0;
        Gen.Select(Gen.Int[0, 1], Gen.Double[0.1, 0.8], Gen.Double[0.0, 0.15], Gen.Int[12, 600], Gen.Double[0.0, 0.3], Gen.Int[0, 3], Gen.Double[2.0, 8.0], Gen.Double[0.8, 1.5])
            .Sample((system, share, rate, debtMonths, prepay, setup, price, multiplier) =>
            {
                var id = system == 0 ? "gb300-nvl72" : "vr-nvl72";
                var json = string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"debt":{"share":{{{share}}},"rate":{{{rate}}},"termMonths":{{{debtMonths}}}},"contract":{"prepayShare":{{{prepay}}},"setupMonths":{{{setup}}}}}""");
                var model = new EconomicsModel(catalog, TestData.Over(article, catalog, json, "random.json"));
                var v = RecalculateAndVerify(model, id, new ExportOptions(price, multiplier), $"{id} at ${price:0.00}, x{multiplier:0.00}: {json}");
                several += v.SeveralRootCells;
            }, iter: 6, threads: 1);
        output.WriteLine($"IRR cells on flows with several IRRs across the cases: {several}");
    }

    [Theory]
    [InlineData("gb300-nvl72", "ElectricityPerKwh", 0.13)]
    [InlineData("vr-nvl72", "TermMonths", 48)]
    [InlineData("gb300-nvl72", "ComputeSystem", 70000)]
    [InlineData("vr-nvl72", "PrepayShare", 0.3)]
    [InlineData("h100", "HbmCostPerGb", 20)]
    [InlineData("gb300-nvl72", "DebtShare", 0.5)]
    public void Editing_an_input_cell_then_recalculating_gives_the_engine_answer_for_that_input(string id, string input, double value)
    {
        var catalog = TestData.Catalog();
        var article = TestData.Article(catalog);
        var original = new EconomicsModel(catalog, article);
        var price = ScenarioWorkbook.DefaultPrice(original, id);
        var options = new ExportOptions(price);
        var spec = ScenarioWorkbook.Build(original, id, options);
        var path = TempXlsx(id);
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            // Change the one input cell with a spreadsheet library, without recalculating.
            using (var wb = new XLWorkbook(path))
            {
                var range = wb.NamedRanges.NamedRange("In_" + input)!.Ranges.Single();
                var cell = range.FirstCell();
                Assert.Equal(ScenarioWorkbook.Inputs, cell.Worksheet.Name);
                cell.Value = value;
                wb.Save();
            }
            var changed = new EconomicsModel(catalog, Change(article, id, input, value));
            // The change must move the answer, or the comparison would prove nothing.
            Assert.NotEqual(original.Floor(id), changed.Floor(id));

            var recomputed = LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name));
            var v = new Verification(recomputed) { CheckNotes = false };
            v.AgainstEngine(changed, id, options);
            Report($"{id}, {input} = {value}", v);
            v.AssertAllMatch($"{id} with {input} changed to {value} in the workbook");
            // And the workbook no longer shows the original answer.
            var floorRow = v.Row(ScenarioWorkbook.Returns, "Floor price");
            var floor = LibreOffice.Number(v.Text(ScenarioWorkbook.Returns, floorRow, 2))!.Value;
            Assert.True(Math.Abs(floor - original.Floor(id)) > 1e-6 * original.Floor(id), $"floor {floor} did not move from the original {original.Floor(id)}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Scenario Change(Scenario s, string id, string input, double value) => input switch
    {
        "ElectricityPerKwh" => s with { Operations = s.Operations with { ElectricityPricePerKwh = value } },
        "TermMonths" => s with { Contract = s.Contract with { TermMonths = (int)value } },
        "PrepayShare" => s with { Contract = s.Contract with { PrepayShare = value } },
        "DebtShare" => s with { Financing = s.Financing with { DebtShare = value } },
        "ComputeSystem" => s with
        {
            Systems = new Dictionary<string, SystemOverride>(s.Systems, StringComparer.OrdinalIgnoreCase)
            {
                // The workbook's ComputeSystem is the line without HBM and NICs; the scenario's is the system as quoted, with them.
                [id] = (s.Systems.TryGetValue(id, out var o) ? o : new SystemOverride()) with { ComputeSystem = value + TestData.Catalog().Get(id).Capex.HeldInQuote(s.NetworkTier) },
            },
        },
        "HbmCostPerGb" => s with
        {
            Systems = new Dictionary<string, SystemOverride>(s.Systems, StringComparer.OrdinalIgnoreCase)
            {
                [id] = (s.Systems.TryGetValue(id, out var o) ? o : new SystemOverride()) with { HbmCostPerGb = value },
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "no scenario mapping for this input"),
    };

    private Verification RecalculateAndVerify(EconomicsModel model, string id, ExportOptions options, string context)
    {
        var spec = ScenarioWorkbook.Build(model, id, options);
        var path = TempXlsx(id);
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            var recomputed = LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name));
            var v = new Verification(recomputed);
            v.AgainstEngine(model, id, options);
            v.EveryDerivedCell(spec);
            Report(context, v);
            v.AssertAllMatch(context);
            return v;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private void Report(string context, Verification v)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{context}: {v.Checked} values checked; max relative error {v.MaxValueError:E2} (values), {v.MaxIrrError:E2} (IRR); " +
            $"{v.IrrCells} IRR cells against the engine, {v.SeveralRootCells} of them on flows with several IRRs"));
    }

    private static string TempXlsx(string id) => Path.Combine(Path.GetTempPath(), $"gpunomics-{id}-{Guid.NewGuid():N}.xlsx");
}
