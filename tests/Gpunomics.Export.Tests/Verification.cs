using System.Globalization;
using Gpunomics.Catalog;
using Gpunomics.Export.Sheets;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Export.Tests;

/// <summary>Tolerances: every derived value within 1e-9 relative (absolute below 1), every IRR cell within 1e-7 relative of the engine's rate.</summary>
internal static class Tolerance
{
    public const double Value = 1e-9;
    public const double Irr = 1e-7;
}

/// <summary>Compares the values LibreOffice recomputed with what the engine says, and collects every mismatch.</summary>
internal sealed class Verification(Dictionary<string, string[][]> recomputed)
{
    private readonly List<string> _failures = [];
    private readonly HashSet<(string, int, int)> _checkedWithFlows = [];
    public int Checked { get; private set; }

    /// <summary>IRR cells checked against the engine with their flows, and how many of them have flows with several IRRs.</summary>
    public int IrrCells { get; private set; }
    public int SeveralRootCells { get; private set; }

    /// <summary>False after an input was edited in the workbook: the notes of several roots describe the flows at export.</summary>
    public bool CheckNotes { get; init; } = true;
    public double MaxValueError { get; private set; }
    public double MaxIrrError { get; private set; }

    public string? Text(string sheet, int row, int col)
    {
        var grid = recomputed[sheet];
        return row - 1 < grid.Length && col - 1 < grid[row - 1].Length ? grid[row - 1][col - 1] : null;
    }

    /// <summary>Every recalculated value in column <paramref name="col"/> of <paramref name="sheet"/>, top down.</summary>
    public IEnumerable<string?> Column(string sheet, int col) => recomputed[sheet].Select(r => col - 1 < r.Length ? r[col - 1] : null);

    /// <summary>The row whose column <paramref name="labelCol"/> holds <paramref name="label"/>.</summary>
    public int Row(string sheet, string label, int labelCol = 1)
    {
        var grid = recomputed[sheet];
        for (var r = 0; r < grid.Length; r++)
            if (labelCol - 1 < grid[r].Length && grid[r][labelCol - 1] == label) return r + 1;
        _failures.Add($"{sheet}: no row labelled '{label}'");
        return -1;
    }

    public void Value(string what, string sheet, int row, int col, double expected) => Compare(what, sheet, row, col, expected, irr: false);

    public void Irr(string what, string sheet, int row, int col, double? expected)
    {
        if (expected is null)
        {
            Checked++;
            var text = Text(sheet, row, col);
            if (LibreOffice.Number(text) is { } got) _failures.Add($"{what} ({sheet}!{A1.Cell(row, col)}): engine finds no IRR, spreadsheet gives {got}");
            return;
        }
        Compare(what, sheet, row, col, expected.Value, irr: true);
    }

    /// <summary>
    /// An IRR cell whose flows are known (the flows themselves are checked cell by cell elsewhere). Where the
    /// engine reports a rate the cell must show it, within <see cref="Tolerance.Irr"/>, even where the flows
    /// have several roots; where it reports none, its reason as text and no number. Where the flows have
    /// several roots, the note cell at <paramref name="note"/> must name every one (monthly, to 4 decimals in
    /// percent) and the cell's address when <paramref name="noteNamesCell"/>; where they do not, the note
    /// must not mention the cell. Each disagreement is a failure naming the sheet and cell.
    /// </summary>
    public void Irr(string what, string sheet, int row, int col, double? expected, double[] flows, double hurdlePerPeriod, (int Row, int Col) note, bool monthly = false, bool noteNamesCell = false, bool showsBorrowingRate = false)
    {
        if (row < 0) return;
        _checkedWithFlows.Add((sheet, row, col));
        IrrCells++;
        var engine = Finance.IrrSolver.SolveReturn(flows, hurdlePerPeriod);
        var cell = $"{what} ({sheet}!{A1.Cell(row, col)})";
        var shown = engine.RatePerPeriod ?? (showsBorrowingRate ? engine.BorrowingRatePerPeriod : null);
        if ((expected is null) != (shown is null))
            _failures.Add($"{cell}: the engine's figure ({expected}) and its solve of the same flows ({shown}) disagree on whether the cell has a rate");
        if (expected is null) Text(what, sheet, row, col, ScenarioWorkbook.NoIrrText(engine));
        else Compare(what, sheet, row, col, expected.Value, irr: true);

        if (!CheckNotes) return;
        var noteText = Text(sheet, note.Row, note.Col) ?? "";
        var address = A1.Cell(row, col);
        static string Percent(double r) => (r * 100).ToString("0.0000", CultureInfo.InvariantCulture) + "%";
        if (engine.Roots.Count > 1)
        {
            SeveralRootCells++;
            Checked++;
            var named = engine.Roots.Select(Percent).Append(engine.RatePerPeriod is { } reported ? "the engine reports " + Percent(reported) : "the engine reports none");
            var missing = named.Where(r => !noteText.Contains(r, StringComparison.Ordinal)).ToList();
            if (missing.Count > 0 || (noteNamesCell && !noteText.Contains(address + " ", StringComparison.Ordinal)))
                _failures.Add($"{cell}: the flows have {engine.Roots.Count} IRRs, the note at {sheet}!{A1.Cell(note.Row, note.Col)} does not name {(missing.Count > 0 ? string.Join(", ", missing) : "the cell")}: '{noteText}'");
        }
        else if (noteNamesCell ? noteText.Contains(address + " ", StringComparison.Ordinal) : noteText.Length > 0)
        {
            _failures.Add($"{cell}: the flows have {engine.Roots.Count} IRR(s), yet the note at {sheet}!{A1.Cell(note.Row, note.Col)} says '{noteText}'");
        }
    }

    public void Labelled(string sheet, string label, double? expected, int labelCol = 1, bool irr = false)
    {
        var row = Row(sheet, label, labelCol);
        if (row < 0) return;
        if (irr) Irr(label, sheet, row, labelCol + 1, expected);
        else if (expected is { } e) Value(label, sheet, row, labelCol + 1, e);
        else Text(label, sheet, row, labelCol + 1, null);
    }

    public void Text(string what, string sheet, int row, int col, string? expected)
    {
        Checked++;
        var got = Text(sheet, row, col) ?? "";
        if (expected is null)
        {
            if (LibreOffice.Number(got) is not null) _failures.Add($"{what} ({sheet}!{A1.Cell(row, col)}): expected no number, spreadsheet gives '{got}'");
        }
        else if (got != expected && !SameUpToTheLastDigit(expected, got)) _failures.Add($"{what} ({sheet}!{A1.Cell(row, col)}): expected '{expected}', spreadsheet gives '{got}'");
    }

    // Text that shows numbers rounded (a breach "LTV 381.3% above ..."): the same words and whole numbers, and each decimal
    // number within one unit of its last digit, since a value on a rounding tie (3.8125 to one decimal of a percent) may land a bit either side of
    // it in two engines' arithmetic.
    private static readonly System.Text.RegularExpressions.Regex Number = new(@"\d[\d,]*(\.\d+)?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    internal static bool SameUpToTheLastDigit(string expected, string got)
    {
        var e = Number.Matches(expected);
        var g = Number.Matches(got);
        if (e.Count == 0 || e.Count != g.Count || Number.Replace(expected, "#") != Number.Replace(got, "#")) return false;
        for (var i = 0; i < e.Count; i++)
        {
            // Whole numbers (a month, a count) must be the same.
            if (!e[i].Groups[1].Success) { if (e[i].Value != g[i].Value) return false; continue; }
            var decimals = e[i].Groups[1].Length - 1;
            var a = double.Parse(e[i].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var b = double.Parse(g[i].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            if (Math.Abs(a - b) > 1.000001 * Math.Pow(10, -decimals)) return false;
        }
        return true;
    }

    private void Compare(string what, string sheet, int row, int col, double expected, bool irr)
    {
        Checked++;
        var text = Text(sheet, row, col);
        var got = LibreOffice.Number(text);
        if (got is null)
        {
            _failures.Add($"{what} ({sheet}!{A1.Cell(row, col)}): expected {expected.ToString("R", CultureInfo.InvariantCulture)}, spreadsheet gives '{text}'");
            return;
        }
        var scale = irr ? Math.Max(Math.Abs(expected), 1e-12) : Math.Max(Math.Abs(expected), 1.0);
        var error = Math.Abs(got.Value - expected) / scale;
        if (irr) MaxIrrError = Math.Max(MaxIrrError, error);
        else MaxValueError = Math.Max(MaxValueError, error);
        if (error > (irr ? Tolerance.Irr : Tolerance.Value))
            _failures.Add($"{what} ({sheet}!{A1.Cell(row, col)}): engine {expected.ToString("R", CultureInfo.InvariantCulture)}, spreadsheet {text} (relative error {error:E2})");
    }

    public void AssertAllMatch(string context)
    {
        Assert.True(_failures.Count == 0,
            $"{context}: {_failures.Count} of {Checked} recomputed values differ from the engine:\n  " + string.Join("\n  ", _failures.Take(40)));
        Assert.True(Checked > 0, $"{context}: nothing was checked");
    }

    /// <summary>Every figure the engine gives for the system, looked up by label or position in the recomputed sheets.</summary>
    /// <param name="model">The engine.</param>
    /// <param name="id">The system.</param>
    /// <param name="options">The export's options.</param>
    /// <param name="oneChart">False after an input of a deal was edited: a deal's One Chart holds the engine's values at export.</param>
    /// <param name="floorAtExport">After an input was edited, the floor written at export where the loan moves with the price (the engine's solve, a value).</param>
    public void AgainstEngine(EconomicsModel model, string id, ExportOptions options, bool oneChart = true, double? floorAtExport = null)
    {
        var s = model.Scenario;
        var price = options.PricePerGpuHour ?? model.System(id).MarketPricePerGpuHour ?? model.Ceiling(id);
        var m = options.SystemPriceMultiplier;

        // Capex and TCO.
        var tco = model.Tco(id, m);
        foreach (var line in tco.Capex.Lines) Labelled(ScenarioWorkbook.Capex, line.Label, line.PerGpu);
        if (tco.Capex.NetworkingComponents is { } parts)
            foreach (var part in parts) Labelled(ScenarioWorkbook.Capex, "networking: " + part.Label, part.PerGpu);
        else Labelled(ScenarioWorkbook.Capex, "networking: components", null);
        Labelled(ScenarioWorkbook.Capex, "Total capex per GPU", tco.Capex.PerGpu);
        Labelled(ScenarioWorkbook.Capex, "Capex per watt, all-in IT power", tco.Capex.PerWattAllIn);
        Labelled(ScenarioWorkbook.Capex, "Capex per watt, chip TDP", tco.Capex.PerWattChipTdp);
        foreach (var line in tco.Lines) Labelled(ScenarioWorkbook.Tco, line.Label, line.PerGpuHour);
        Labelled(ScenarioWorkbook.Tco, "TCO per GPU-hour", tco.PerGpuHour);
        Labelled(ScenarioWorkbook.Tco, "Operating cost per GPU-hour", tco.OperatingCostPerHour);
        foreach (var (basis, perPflop) in tco.PerPflopHour) Labelled(ScenarioWorkbook.Tco, $"TCO per PFLOP-hour, {basis.Key}", perPflop);
        Labelled(ScenarioWorkbook.Tco, "TCO per (TB/s)-hour", tco.PerTBpsHour);

        // The monthly schedule, every cell, and zeros after the horizon.
        var inputs = model.ProjectInputs(id, price, null, m);
        var result = model.Project(id, price, null, m);
        const string cf = ScenarioWorkbook.CashFlows;
        foreach (var x in result.Schedule)
        {
            var r = x.Month + 2;
            double[] cells = [x.Month, x.Capex, x.Prepayment, x.Billed, x.PrepaymentCredit, x.OperatingCost, x.Residual, x.Net, x.Cumulative];
            for (var c = 0; c < cells.Length; c++) Value($"month {x.Month} column {c + 1}", cf, r, c + 1, cells[c]);
            Value($"month {x.Month} debt", cf, r, 17, x.Debt);
            Value($"month {x.Month} interest", cf, r, 18, x.Interest);
        }
        for (var month = result.Schedule.Count; LibreOffice.Number(Text(cf, month + 2, 1)) is not null; month++)
        {
            Value($"month {month} net (after the horizon)", cf, month + 2, 8, 0.0);
            Value($"month {month} cumulative (after the horizon)", cf, month + 2, 9, result.Schedule[^1].Cumulative);
        }

        // Returns.
        const string ret = ScenarioWorkbook.Returns;
        // A loan resized or resculpted at each price makes NPV no line in the price: the floor is the engine's numeric solve.
        var f = s.Financing;
        var loanMoves = f.HasDebt && (f.Loan.Repayment == Financing.Repayment.Sculpted || f.Sizing.Method == Financing.DebtSizingMethod.MinDscr
            || f.Sizing is { Method: Financing.DebtSizingMethod.MaxLtv, Basis: Financing.LtvBasis.ContractValue });
        var (a, b) = loanMoves ? (0.0, 0.0) : RentalProject.NpvLine(inputs, s.HurdleRate);
        Labelled(ret, "Total contract value", inputs.TotalContractValue);
        // A borrowing rate is shown on the Returns sheet under its own label, never as the IRR.
        var irrName = result.BorrowingRate is not null ? ScenarioWorkbook.BorrowingLabel : s.Financing.HasDebt ? "Equity IRR" : "Project IRR";
        var shownRate = result.Irr ?? result.BorrowingRate;
        var projectFlows = result.Schedule.Select(x => x.Net).ToArray();
        var monthlyHurdle = Finance.Rates.AnnualToMonthly(s.HurdleRate);
        // The monthly rate is the engine's per-period root, not the annual figure converted back: a root near -100% a
        // month compounds to an annual rate of exactly -1 in floating point, whose monthly equivalent is -1 again.
        var perMonth = Finance.IrrSolver.SolveReturn(projectFlows, monthlyHurdle);
        var shownMonthly = shownRate is null ? null : result.Irr is not null ? perMonth.RatePerPeriod : perMonth.BorrowingRatePerPeriod;
        foreach (var (suffix, expected, monthly) in new[] { ("annual effective", shownRate, false), ("monthly", shownMonthly, true) })
        {
            var irrRow = Row(ret, $"{irrName}, {suffix}");
            Irr($"{irrName}, {suffix}", ret, irrRow, 2, expected, projectFlows, monthlyHurdle, (irrRow, ScenarioWorkbook.ReturnsNoteColumn), monthly, showsBorrowingRate: true);
        }
        var flagRow = Row(ret, "IRR is a borrowing rate?");
        if (flagRow > 0) Text("IRR is a borrowing rate?", ret, flagRow, 2, result.BorrowingRate is not null ? "yes" : result.Irr is not null ? "no" : "-");
        Labelled(ret, "NPV at the hurdle", result.Npv);
        Labelled(ret, "MIRR, annual effective", result.Mirr, irr: true);
        var pbRow = Row(ret, "Payback month");
        if (pbRow > 0)
        {
            if (result.PaybackMonth is { } pb) Value("Payback month", ret, pbRow, 2, pb);
            else Text("Payback month", ret, pbRow, 2, "never");
        }
        Labelled(ret, "Money multiple", result.Moic);
        if (loanMoves)
        {
            foreach (var label in new[] { "NPV at price 0 (A)", "NPV per $1/GPU-hour (B)" })
                if (Row(ret, label) is var lineRow and > 0 && !(Text(ret, lineRow, 2) ?? "").StartsWith("no line: the loan moves with the price", StringComparison.Ordinal))
                    _failures.Add($"{label}: the loan moves with the price, yet the cell says '{Text(ret, lineRow, 2)}'");
            var floor = floorAtExport ?? model.Floor(id, null, null, m);
            Labelled(ret, "Floor price", floor);
            var atFloor = model.Project(id, floor, null, m);
            Labelled(ret, "NPV at the hurdle at the floor price", atFloor.Npv);
        }
        else
        {
            Labelled(ret, "NPV at price 0 (A)", a);
            Labelled(ret, "NPV per $1/GPU-hour (B)", b);
            Labelled(ret, "Floor price", model.Floor(id, null, null, m));
        }
        Labelled(ret, "Value-based ceiling", model.Ceiling(id));

        // The One Chart.
        if (!oneChart) return;
        const string oc = ScenarioWorkbook.OneChart;
        var chart = model.Chart(id);
        var k = chart.Curves.Count;
        for (var j = 0; j < k; j++)
        {
            var curve = chart.Curves[j];
            Value($"curve {j + 1} multiplier", oc, 2, j + 2, curve.Multiplier);
            Value($"curve x{curve.Multiplier} floor", oc, 3, j + 2, curve.FloorPrice);
            for (var i = 0; i < curve.Points.Count; i++)
            {
                if (j == 0) Value($"curve price {i}", oc, 5 + i, 1, curve.Points[i].Price);
                var flows = RentalProject.NetCashFlows(RentalInputs.For(model.System(id), s, curve.Points[i].Price, Capex.SupplierPricing.Scaled(curve.Multiplier)));
                Irr($"IRR at x{curve.Multiplier}, price {curve.Points[i].Price:0.####}", oc, 5 + i, j + 2, curve.Points[i].Irr, flows, monthlyHurdle, (5 + i, ScenarioWorkbook.OneChartNoteColumn(k)), noteNamesCell: true);
            }
        }
        var lc = ScenarioWorkbook.OneChartLabelColumn(k);
        Labelled(oc, "Value-based ceiling", chart.Ceiling, lc);
        Labelled(oc, "Floor at today's system price", chart.FloorPrice, lc);
        Labelled(oc, "Floor at component cost", chart.FloorAtComponentCost, lc);
        var maxRow = Row(oc, "Max system price multiplier (floor = ceiling)", lc);
        if (maxRow > 0)
        {
            if (chart.MaxSystemPriceMultiplier is { } mm) Value("max system price multiplier", oc, maxRow, lc + 1, mm);
            else Text("max system price multiplier", oc, maxRow, lc + 1, "none");
        }
        var v = chart.ValueSplit;
        Labelled(oc, "Value split at price", v.Price, lc);
        Labelled(oc, "Renter (ceiling - price)", v.Renter, lc);
        Labelled(oc, "Neocloud (price - floor today)", v.Neocloud, lc);
        Labelled(oc, "Supplier (floor today - floor at cost)", v.Supplier, lc);
        Labelled(oc, "Pool (ceiling - floor at cost)", v.Pool, lc);
        foreach (var (label, share) in new[] { ("Renter share", v.Shares?.Renter), ("Neocloud share", v.Shares?.Neocloud), ("Supplier share", v.Shares?.Supplier) })
        {
            if (share is { } x) Labelled(oc, label, x, lc);
            else if (Row(oc, label, lc) is var row and >= 0) Text(label, oc, row, lc + 1, "no split");
        }
        if (chart.MarketPoints.Count > 0)
        {
            var market = chart.MarketPoints[0];
            var marketFlows = RentalProject.NetCashFlows(RentalInputs.For(model.System(id), s, market.Price, Capex.SupplierPricing.Today));
            var marketRow = Row(oc, "IRR at the market price, today's system price", lc);
            Irr("IRR at the market price, today's system price", oc, marketRow, lc + 1, market.Irr, marketFlows, monthlyHurdle, (marketRow, lc + 2));
        }
    }

    /// <summary>Every derived cell of the layout (the engine's value for each formula) against the recomputed sheet.</summary>
    public void EveryDerivedCell(WorkbookSpec spec)
    {
        foreach (var sheet in spec.Sheets)
        {
            foreach (var ((row, col), cell) in sheet.Cells)
            {
                if (cell.Role != CellRole.Derived || _checkedWithFlows.Contains((sheet.Name, row, col))) continue;
                var what = $"derived cell";
                switch (cell.Value)
                {
                    case double d when cell.IsRate: Irr(what, sheet.Name, row, col, d); break;
                    case double d: Value(what, sheet.Name, row, col, d); break;
                    case string text: Text(what, sheet.Name, row, col, text); break;
                    case null: Text(what, sheet.Name, row, col, null); break;
                }
            }
        }
    }
}

/// <summary>The shipped catalog and built-in scenario, read from the repository's data folder.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gpunomics.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static HardwareCatalog Catalog()
    {
        var r = CatalogReader.Read(File.ReadAllText(Path.Combine(RepoRoot, "data", "catalog.json")), "catalog.json");
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        return r.Value!;
    }

    public static Scenario Article(HardwareCatalog catalog)
    {
        var r = ScenarioReader.Read(File.ReadAllText(Path.Combine(RepoRoot, "data", "scenarios", "article.json")), "article.json", null, catalog);
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        return r.Value!;
    }

    /// <summary><paramref name="scenario"/> with the shipped launch trend pricing its asset life's re-leases (its source set to the launch trend, the trend attached as the command line attaches it).</summary>
    public static Scenario WithLaunchTrend(Scenario scenario, HardwareCatalog catalog)
    {
        var r = Pricing.LaunchPriceReader.Read(File.ReadAllText(Path.Combine(RepoRoot, "data", "launch-prices.json")), "launch-prices.json", catalog);
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        Assert.True(Pricing.LaunchTrend.TryFit(r.Value!, catalog, scenario.Ceiling.Basis, out var fit, out var why), why);
        return scenario with { AssetLife = scenario.AssetLife with { Source = AssetLife.ReleasePriceSource.LaunchTrend, Trend = new AssetLife.ReleaseTrend(fit!, r.Value!) } };
    }

    public static Scenario Over(Scenario baseScenario, HardwareCatalog catalog, string json, string source)
    {
        var r = ScenarioReader.Read(json, source, baseScenario, catalog);
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        return r.Value!;
    }
}
