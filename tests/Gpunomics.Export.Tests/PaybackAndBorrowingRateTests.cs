using Gpunomics.Tests.Shared;
using Gpunomics.Export.Writers;

namespace Gpunomics.Export.Tests;

/// <summary>
/// The workbook's payback and the naming of a borrowing rate, recalculated by LibreOffice: the same as the
/// engine's (methodology: "Payback", "When IRR is not the answer").
/// </summary>
public sealed class PaybackAndBorrowingRateTests
{
    [Fact]
    public void A_loan_that_balloons_at_the_end_never_pays_back_in_the_workbook_as_in_the_engine()
    {
        // Half the capex borrowed over 600 months on a 60-month contract: the balance falls due in month 60.
        var catalog = TestData.Catalog();
        var reported = TestData.Over(TestData.Article(catalog), catalog, ReportedCases.Scenario2026_11, "reported.json");
        var scenario = TestData.Over(reported, catalog, ReportedCases.BalloonLoan2026_11, "balloon.json");
        var model = new EconomicsModel(catalog, scenario);
        var result = model.Project("gb300-nvl72", 3.0);
        // The cumulative cash turns positive before the balloon and ends below zero.
        Assert.Contains(result.Schedule, m => m.Month > 0 && m.Month < 60 && m.Cumulative >= 0);
        Assert.True(result.Schedule[^1].Cumulative < 0);
        Assert.Null(result.PaybackMonth);

        var v = Recalculate(model, new ExportOptions(3.0));
        var row = v.Row(ScenarioWorkbook.Returns, "Payback month");
        Assert.Equal("never", v.Text(ScenarioWorkbook.Returns, row, 2));
    }

    [Fact]
    public void Payback_after_a_dip_is_the_month_from_which_the_cumulative_stays_above_zero_in_the_workbook_as_in_the_engine()
    {
        // A loan repaid over 30 months of a 60-month contract: the cumulative can cross zero, fall back under
        // debt service and cross again; both the engine and the sheet give the last crossing.
        var catalog = TestData.Catalog();
        var reported = TestData.Over(TestData.Article(catalog), catalog, ReportedCases.Scenario2026_11, "reported.json");
        var scenario = TestData.Over(reported, catalog, """{ "debt": { "share": 0.8, "rate": 0.09, "termMonths": 30 }, "contract": { "prepayShare": 0.3 } }""", "short-loan.json");
        var model = new EconomicsModel(catalog, scenario);
        var result = model.Project("gb300-nvl72", 4.0);
        var pb = Assert.IsType<int>(result.PaybackMonth);
        Assert.All(result.Schedule.Where(m => m.Month >= pb), m => Assert.True(m.Cumulative >= 0, $"month {m.Month}: {m.Cumulative}"));
        Assert.True(result.Schedule[pb - 1].Cumulative < 0);
        // The cumulative was above zero before it dipped: the first crossing is not the payback.
        Assert.Contains(result.Schedule, m => m.Month >= 1 && m.Month < pb - 1 && m.Cumulative >= 0);

        var v = Recalculate(model, new ExportOptions(4.0));
        var row = v.Row(ScenarioWorkbook.Returns, "Payback month");
        Assert.Equal(pb, LibreOffice.Number(v.Text(ScenarioWorkbook.Returns, row, 2)));
    }

    [Fact]
    public void A_prepayment_above_the_capex_shows_its_rate_as_a_borrowing_rate_not_a_return()
    {
        var catalog = TestData.Catalog();
        var scenario = TestData.Over(TestData.Article(catalog), catalog, """{ "contract": { "prepayShare": 0.9 } }""", "prepay.json");
        var model = new EconomicsModel(catalog, scenario);
        var result = model.Project("gb300-nvl72", 3.5);
        Assert.Null(result.Irr);
        var borrowing = Assert.IsType<double>(result.BorrowingRate);

        var v = Recalculate(model, new ExportOptions(3.5));
        const string ret = ScenarioWorkbook.Returns;
        var row = v.Row(ret, ScenarioWorkbook.BorrowingLabel + ", annual effective");
        Assert.True(row > 0, "the annual rate is labelled as a borrowing rate");
        Assert.Equal(borrowing, LibreOffice.Number(v.Text(ret, row, 2))!.Value, 7);
        Assert.True(v.Row(ret, ScenarioWorkbook.BorrowingLabel + ", monthly") > 0, "the monthly rate is labelled as a borrowing rate");
        Assert.Equal("yes", v.Text(ret, v.Row(ret, "IRR is a borrowing rate?"), 2));
        Assert.DoesNotContain(v.Column(ret, 1), t => t is "Project IRR, annual effective" or "Project IRR, monthly");
    }

    private static Verification Recalculate(EconomicsModel model, ExportOptions options)
    {
        var spec = ScenarioWorkbook.Build(model, "gb300-nvl72", options);
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-payback-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            return new Verification(LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
