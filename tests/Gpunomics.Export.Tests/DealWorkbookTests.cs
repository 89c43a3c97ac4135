using System.Globalization;
using CsCheck;
using Gpunomics.Export.Writers;
using Gpunomics.Rental;
using Gpunomics.Scenarios;
using Xunit.Abstractions;

namespace Gpunomics.Export.Tests;

/// <summary>
/// Deals beyond the plain project (an asset life after the first contract, loans drawn over months, sized to a
/// minimum DSCR, interest-only, sculpted or balloon) exported as live formulas and recalculated by LibreOffice Calc:
/// every cell, and the equity IRR, NPV, lowest DSCR and the schedule's totals, are the engine's.
/// </summary>
public sealed class DealWorkbookTests(ITestOutputHelper output)
{
    private const string Vr = "vr-nvl72";

    public static TheoryData<string, string, double> Loans => new()
    {
        { "delayed-draw loan sized to a 1.30x minimum DSCR, sculpted to 1.35x", """{"contract":{"setupMonths":2,"prepayShare":0},"debt":{"rate":0.09,"minDscr":1.3,"repayment":"sculpted","targetDscr":1.35,"drawMonths":3}}""", 5.0 },
        { "balloon loan of 60% of capex", """{"contract":{"prepayShare":0},"debt":{"share":0.6,"rate":0.08,"repayment":"balloon"}}""", 5.0 },
        { "interest-only for 12 months, then level, with DSCR and LTV covenants", """{"contract":{"prepayShare":0},"debt":{"share":0.6,"rate":0.09,"interestOnlyMonths":12,"covenantMinDscr":1.2,"covenantMaxLtv":0.7}}""", 5.0 },
    };

    [Theory]
    [MemberData(nameof(Loans))]
    public void A_shaped_loan_recalculated_by_LibreOffice_gives_the_engines_equity_returns_dscr_and_schedule_totals(string deal, string json, double price)
    {
        var catalog = TestData.Catalog();
        var model = new EconomicsModel(catalog, TestData.Over(TestData.Article(catalog), catalog, json, "deal.json"));
        var (v, _) = Recalculate(model, new ExportOptions(price), deal);
        DebtFigures(v, model, price, deal);
    }

    [Fact]
    public void An_asset_life_with_re_leases_and_a_sale_at_year_7_recalculates_to_the_engine()
    {
        var catalog = TestData.Catalog();
        var scenario = TestData.WithLaunchTrend(TestData.Over(TestData.Article(catalog), catalog, """{"assetLife":{"usefulLifeYears":7}}""", "life.json"), catalog);
        var model = new EconomicsModel(catalog, scenario);
        const double price = 5.0;
        var (v, spec) = Recalculate(model, new ExportOptions(price), "7-year life, re-leased at the launch trend");
        var inputs = model.ProjectInputs(Vr, price);
        var life = inputs.Life!;
        Assert.Equal(84, life.LifeMonths);
        // The schedule runs to the sale, and its re-lease and sale columns are the engine's life.
        const string cf = ScenarioWorkbook.CashFlows;
        Assert.Equal(84, LibreOffice.Number(v.Text(cf, 86, 1)));
        Compare("sale at month 84", life.Sale[^1], LibreOffice.Number(v.Text(cf, 86, 7)));
        Compare("re-lease revenue, months 61-84", life.Revenue.Skip(61).Sum(), Enumerable.Range(63, 24).Sum(r => LibreOffice.Number(v.Text(cf, r, CashFlowsSheet_LifeRevenueCol)) ?? double.NaN));
        Compare("net flows, months 0-84", model.Project(Vr, price).Schedule.Sum(x => x.Net), Enumerable.Range(2, 85).Sum(r => LibreOffice.Number(v.Text(cf, r, 8)) ?? double.NaN));
        // The re-lease prices are the engine's, written as inputs with their source.
        var al = spec.Sheet(ScenarioWorkbook.AssetLife);
        for (var y = 1; y <= 7; y++)
        {
            Assert.Equal(life.ReleasePriceByYear[y - 1], (double)al[y + 1, 2]!.Value!);
            Assert.Contains("launch trend", (string)al[y + 1, 3]!.Value!, StringComparison.Ordinal);
        }
        Returns(v, model, price, "asset life");
    }

    // The deal the README shows: data/scenarios/vr-deal.json, VR NVL72 on a 5-year contract, a delayed-draw term loan
    // sized to a 1.30x minimum DSCR, re-leased after year 5 at the launch trend's price and sold at year 7.
    [Fact]
    public void The_vr_deal_scenario_exports_and_recalculates_to_the_engine()
    {
        VrDeal(5.0);
    }

    // At the $12.25 ceiling the 1.30x DSCR alone would lend 233% of capex: the loan is capped, and the workbook shows
    // the cap binding and the equity's IRR.
    [Fact]
    public void The_vr_deal_at_its_ceiling_caps_the_dscr_loan_and_recalculates_to_the_engine()
    {
        var (v, model) = VrDeal(12.25);
        var debt = RentalProject.Debt(model.ProjectInputs(Vr, 12.25))!;
        Assert.True(debt.CapBinds, debt.SizingNote);
        Compare("vr-deal at $12.25: loan less the cap", 0, Labelled(v, ScenarioWorkbook.Debt, "Loan less the cap (0 where the cap binds)", 22));
    }

    private (Verification V, EconomicsModel Model) VrDeal(double price)
    {
        var catalog = TestData.Catalog();
        var file = Path.Combine(TestData.RepoRoot, "data", "scenarios", "vr-deal.json");
        var scenario = TestData.WithLaunchTrend(TestData.Over(TestData.Article(catalog), catalog, File.ReadAllText(file), file), catalog);
        Assert.True(scenario.AssetLife.IsOn);
        Assert.Equal(Financing.DebtSizingMethod.MinDscr, scenario.Financing.Sizing.Method);
        Assert.True(scenario.Financing.Loan.DrawMonths > 1);
        var model = new EconomicsModel(catalog, scenario);
        var (v, _) = Recalculate(model, new ExportOptions(price), "vr-deal");
        DebtFigures(v, model, price, "vr-deal");
        var floorRow = v.Row(ScenarioWorkbook.Returns, "NPV at the hurdle at the floor price");
        var npvAtFloor = LibreOffice.Number(v.Text(ScenarioWorkbook.Returns, floorRow, 2))!.Value;
        Assert.True(Math.Abs(npvAtFloor) < 1e-6 * model.ProjectInputs(Vr, price).CapexPerGpu, $"NPV at the floor: {npvAtFloor}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vr-deal: floor {model.Floor(Vr):0.0000} $/GPU-hour; LibreOffice NPV at the hurdle there {npvAtFloor:E2}"));
        return (v, model);
    }

    // Random deals: a loan of every shape (level, sculpted, balloon; sized by share, minimum DSCR, LTV of capex or of the
    // contract's value; drawn over up to 3 months; interest-only months; covenants) with or without an asset life (ramp,
    // uncontracted share at spot or at the re-lease price, a price path or the launch trend), prepayment and price:
    // every cell of the recalculated workbook, and the loan's totals and lowest DSCR, are the engine's. LibreOffice takes
    // seconds per workbook, so a handful of cases.
    [Fact]
    public void Random_deals_recalculated_by_LibreOffice_equal_the_engine()
    {
        var catalog = TestData.Catalog();
        var article = TestData.Article(catalog);
        var loans = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 12], Gen.Double[0.04, 0.14], Gen.Double[1.1, 1.5], Gen.Double[0.3, 0.8], Gen.Bool);
        var lives = Gen.Select(Gen.Bool, Gen.Int[6, 8], Gen.Int[0, 6], Gen.Double[0, 1], Gen.Double[0, 0.3], Gen.Bool, Gen.Bool);
        var deals = Gen.Select(Gen.Select(loans, lives), Gen.Select(Gen.Double[0, 0.3], Gen.Double[3, 8], Gen.Int[0, 3]));
        deals.Sample(x =>
        {
            var (((repayment, sizing, setup, io, rate, dscr, ltv, covenants), (lifeOn, years, ramp, rampStart, uncontracted, spot, path)), (prepay, price, drawMore)) = x;
            var draw = 1 + Math.Min(drawMore, setup);
            var c = CultureInfo.InvariantCulture;
            var debt = new List<string> { string.Create(c, $"\"rate\":{rate}"), string.Create(c, $"\"drawMonths\":{draw}"), string.Create(c, $"\"interestOnlyMonths\":{io}") };
            debt.Add(repayment switch { 1 => string.Create(c, $"\"repayment\":\"sculpted\",\"targetDscr\":{dscr + 0.05}"), 2 => "\"repayment\":\"balloon\"", _ => "\"repayment\":\"level\"" });
            debt.Add(sizing switch
            {
                1 => string.Create(c, $"\"minDscr\":{dscr}"),
                2 => string.Create(c, $"\"maxLtv\":{ltv}"),
                3 => string.Create(c, $"\"maxLtv\":{ltv / 2},\"ltvBasis\":\"contractValue\""),
                4 => string.Create(c, $"\"minDscr\":{dscr},\"maxLtv\":{ltv}"),
                5 => string.Create(c, $"\"minDscr\":{dscr},\"maxLtv\":{ltv / 4},\"ltvBasis\":\"contractValue\""),
                _ => string.Create(c, $"\"share\":{ltv}"),
            });
            if (covenants) debt.Add(string.Create(c, $"\"covenantMinDscr\":{dscr - 0.05},\"covenantMaxLtv\":{ltv + 0.1}"));
            var life = !lifeOn ? "" : string.Create(c,
                $",\"assetLife\":{{\"usefulLifeYears\":{years},\"rampMonths\":{ramp},\"rampStartShare\":{rampStart},\"uncontractedShare\":{uncontracted}") +
                (spot ? ",\"spotPricePerGpuHour\":2.5" : "") + (path ? ",\"releasePricesPerGpuHour\":[9,8,7,6,5,4,3,2]" : "") + "}";
            var json = string.Create(c, $"{{\"contract\":{{\"setupMonths\":{setup},\"prepayShare\":{prepay}}},\"debt\":{{{string.Join(",", debt)}}}{life}}}");
            var scenario = TestData.Over(article, catalog, json, "random-deal.json");
            if (lifeOn && !path) scenario = TestData.WithLaunchTrend(scenario, catalog);
            var model = new EconomicsModel(catalog, scenario);
            if (!model.TryFloor(Vr, out _, out var noFloor))
            {
                output.WriteLine($"no floor, not exported: {noFloor}: {json}");
                return;
            }
            var (v, _) = Recalculate(model, new ExportOptions(price), $"${price:0.00}: {json}");
            var engine = RentalProject.Debt(model.ProjectInputs(Vr, price))!;
            const string d = ScenarioWorkbook.Debt;
            Compare("total interest", engine.TotalInterest, Labelled(v, d, "Total interest", 22));
            Compare("balloon", engine.Balloon, Labelled(v, d, "Balloon", 22));
            if (engine.MinDscr is { } lowest) Compare("lowest DSCR", lowest, Labelled(v, d, "Lowest DSCR", 22));
            Assert.Equal(engine.Covenants.Outcome, v.Text(d, v.Row(d, "First covenant breach", 22), 23));
        }, iter: 8, threads: 1);
    }

    // An input of the deal typed into the workbook recalculates to the engine's answer for that input: the Debt sheet's
    // interest-only months and a sculpted loan's target DSCR, the asset life's re-lease utilization.
    [Theory]
    [InlineData("""{"contract":{"prepayShare":0},"debt":{"share":0.6,"rate":0.09,"interestOnlyMonths":12}}""", "InterestOnlyMonths", 18.0,
        """{"contract":{"prepayShare":0},"debt":{"share":0.6,"rate":0.09,"interestOnlyMonths":18}}""")]
    [InlineData("""{"contract":{"prepayShare":0},"debt":{"share":0.5,"rate":0.08,"repayment":"sculpted","targetDscr":1.3}}""", "TargetDscr", 1.6,
        """{"contract":{"prepayShare":0},"debt":{"share":0.5,"rate":0.08,"repayment":"sculpted","targetDscr":1.6}}""")]
    [InlineData("""{"assetLife":{"usefulLifeYears":7,"releasePricesPerGpuHour":[9,8,7,6,5,4,3]}}""", "ReleaseUtilization", 0.6,
        """{"assetLife":{"usefulLifeYears":7,"releasePricesPerGpuHour":[9,8,7,6,5,4,3],"releaseUtilization":0.6}}""")]
    public void Editing_a_deals_input_cell_then_recalculating_gives_the_engine_answer_for_that_input(string json, string input, double value, string changedJson)
    {
        var catalog = TestData.Catalog();
        var article = TestData.Article(catalog);
        var original = new EconomicsModel(catalog, TestData.Over(article, catalog, json, "deal.json"));
        var changed = new EconomicsModel(catalog, TestData.Over(article, catalog, changedJson, "changed.json"));
        const double price = 5.0;
        var options = new ExportOptions(price);
        // The change must move the answer, or the comparison would prove nothing.
        Assert.NotEqual(original.Project(Vr, price).Npv, changed.Project(Vr, price).Npv);
        var spec = ScenarioWorkbook.Build(original, Vr, options);
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-deal-edit-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            using (var wb = new ClosedXML.Excel.XLWorkbook(path))
            {
                var cell = wb.NamedRanges.NamedRange("In_" + input)!.Ranges.Single().FirstCell();
                cell.Value = value;
                wb.Save();
            }
            var v = new Verification(LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name))) { CheckNotes = false };
            // A loan that moves with the price keeps the engine's floor of the export, a value; the NPV at the hurdle at it,
            // a formula, then shows whether it still holds.
            var moves = original.Scenario.Financing.Loan.Repayment == Financing.Repayment.Sculpted;
            var floorAtExport = moves ? original.Floor(Vr) : (double?)null;
            v.AgainstEngine(changed, Vr, options, oneChart: false, floorAtExport);
            if (floorAtExport is { } f)
            {
                var npv = Labelled(v, ScenarioWorkbook.Returns, "NPV at the hurdle at the floor price", 1)!.Value;
                Assert.True(Math.Abs(npv) > 1, $"the floor of the export no longer holds after the edit, yet the NPV at it reads {npv}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{input} = {value}: the export's floor {f:0.0000} now gives an NPV of {npv:0.00} (the engine's floor is {changed.Floor(Vr):0.0000})"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{input} = {value}: {v.Checked} values checked; max relative error {v.MaxValueError:E2} (values), {v.MaxIrrError:E2} (IRR)"));
            v.AssertAllMatch($"{input} changed to {value} in the workbook");
            if (changed.Scenario.Financing.HasDebt)
            {
                var debt = RentalProject.Debt(changed.ProjectInputs(Vr, price))!;
                Compare("total interest", debt.TotalInterest, Labelled(v, ScenarioWorkbook.Debt, "Total interest", 22));
                Compare("lowest DSCR", debt.MinDscr!.Value, Labelled(v, ScenarioWorkbook.Debt, "Lowest DSCR", 22));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const int CashFlowsSheet_LifeRevenueCol = 26;

    private void DebtFigures(Verification v, EconomicsModel model, double price, string deal)
    {
        var debt = RentalProject.Debt(model.ProjectInputs(Vr, price))!;
        const string d = ScenarioWorkbook.Debt;
        const int lc = 22;
        Compare($"{deal}: loan", debt.Loan, Labelled(v, d, "Loan, $ per GPU", lc) ?? Labelled(v, d, "Loan, $ per GPU (sized by the engine: Inputs)", lc));
        Compare($"{deal}: total drawn", debt.Months.Sum(m => m.Draw), Labelled(v, d, "Total drawn", lc));
        Compare($"{deal}: total interest", debt.TotalInterest, Labelled(v, d, "Total interest", lc));
        Compare($"{deal}: total principal", debt.Months.Sum(m => m.Principal), Labelled(v, d, "Total principal", lc));
        Compare($"{deal}: balloon", debt.Balloon, Labelled(v, d, "Balloon", lc));
        Compare($"{deal}: total debt service", debt.Months.Sum(m => m.DebtService), Labelled(v, d, "Total debt service (without the balloon)", lc));
        Compare($"{deal}: lowest DSCR", debt.MinDscr!.Value, Labelled(v, d, "Lowest DSCR", lc));
        Assert.Equal(debt.Covenants.Outcome, v.Text(d, v.Row(d, "First covenant breach", lc), lc + 1));
        if (model.Scenario.Financing.Sizing.Method == Financing.DebtSizingMethod.MinDscr)
        {
            Assert.Equal("yes", v.Text(d, v.Row(d, "Sizing holds: lowest DSCR at least the minimum?", lc), lc + 1));
            Assert.Equal("yes", v.Text(d, v.Row(d, "Sizing holds: loan at most the cap?", lc), lc + 1));
            Compare($"{deal}: the cap", debt.SizingCap!.Value, Labelled(v, d, "Sizing: the most lent (the cap), $ per GPU", lc));
        }
        output.WriteLine($"{deal}: covenants: {debt.Covenants.Outcome}");
        Returns(v, model, price, deal);
    }

    private void Returns(Verification v, EconomicsModel model, double price, string deal)
    {
        var result = model.Project(Vr, price);
        const string ret = ScenarioWorkbook.Returns;
        var irrLabel = model.Scenario.Financing.HasDebt ? "Equity IRR, annual effective" : "Project IRR, annual effective";
        var irr = LibreOffice.Number(v.Text(ret, v.Row(ret, irrLabel), 2));
        Assert.NotNull(result.Irr);
        Assert.True(Math.Abs(irr!.Value - result.Irr!.Value) <= 1e-7 * Math.Abs(result.Irr.Value), $"{deal}: IRR {irr} vs the engine's {result.Irr}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{deal}: IRR engine {result.Irr:0.000000%}, LibreOffice {irr:0.000000%}"));
        Compare($"{deal}: NPV at the hurdle", result.Npv, Labelled(v, ret, "NPV at the hurdle", 1));
        var payback = v.Text(ret, v.Row(ret, "Payback month"), 2);
        Assert.Equal(result.PaybackMonth?.ToString(CultureInfo.InvariantCulture) ?? "never", payback);
        output.WriteLine($"{deal}: payback month engine {result.PaybackMonth}, LibreOffice {payback}");
    }

    private static double? Labelled(Verification v, string sheet, string label, int col)
    {
        var grid = v.Column(sheet, col).ToList();
        var row = grid.IndexOf(label);
        return row < 0 ? null : LibreOffice.Number(v.Text(sheet, row + 1, col + 1));
    }

    private void Compare(string what, double engine, double? calc)
    {
        Assert.True(calc is not null, $"{what}: no number in the recalculated workbook");
        var error = Math.Abs(calc!.Value - engine) / Math.Max(1, Math.Abs(engine));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: engine {engine:R}, LibreOffice {calc:R}"));
        Assert.True(error <= Tolerance.Value, $"{what}: engine {engine}, LibreOffice {calc} (relative error {error:E2})");
    }

    private (Verification V, Sheets.WorkbookSpec Spec) Recalculate(EconomicsModel model, ExportOptions options, string context)
    {
        var spec = ScenarioWorkbook.Build(model, Vr, options);
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-deal-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            var v = new Verification(LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name)));
            v.AgainstEngine(model, Vr, options);
            v.EveryDerivedCell(spec);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{context}: {v.Checked} values checked; max relative error {v.MaxValueError:E2} (values), {v.MaxIrrError:E2} (IRR)"));
            v.AssertAllMatch(context);
            return (v, spec);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
