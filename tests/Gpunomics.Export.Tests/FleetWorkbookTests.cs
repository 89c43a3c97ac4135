using System.Globalization;
using Gpunomics.Export.Sheets;
using Gpunomics.Export.Writers;
using Gpunomics.Fleet;
using Gpunomics.Market;
using Gpunomics.Pricing;
using Xunit.Abstractions;

namespace Gpunomics.Export.Tests;

/// <summary>
/// The fleet workbook recalculated by LibreOffice: every derived cell (each contract's month, each vintage's flows and
/// loan, the fleet's monthly table, the summary) equals the engine's figure, for the shipped example fleet, for it with
/// the anchor renter's default (which breaches the DSCR covenant), and for it unlevered and with balloon loans.
/// </summary>
public sealed class FleetWorkbookTests(ITestOutputHelper output)
{
    private static readonly Catalog.HardwareCatalog Catalog = TestData.Catalog();
    private static readonly EconomicsModel Model = new(Catalog, TestData.Article(Catalog));

    private static FleetDefinition Example()
    {
        var path = Path.Combine(TestData.RepoRoot, "data", "fleets", "example-fleet.json");
        var r = FleetReader.Read(File.ReadAllText(path), "example-fleet.json", Catalog);
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        return r.Value!;
    }

    private static MarketModel Market()
    {
        var prices = LaunchPriceReader.Read(File.ReadAllText(Path.Combine(TestData.RepoRoot, "data", "launch-prices.json")), "launch-prices.json", Catalog).Value!;
        LaunchTrend.TryFit(prices, Catalog, Model.Scenario.Ceiling.Basis, out var trend, out _);
        var launches = MarketModel.Launches(Catalog, prices);
        var obs = MarketObservationReader.Read(File.ReadAllText(Path.Combine(TestData.RepoRoot, "data", "market-observations.json")), "market-observations.json",
            [.. launches.Select(l => l.SystemId)]).Value!;
        return MarketModel.Create(obs, Catalog, prices, trend);
    }

    private static FleetDefinition WithDefault(FleetDefinition f, string contract, DateOnly month) =>
        f with { Defaults = f.Defaults with { Mode = DefaultMode.Scenario, Events = [new DefaultEvent(contract, month)] } };

    [Fact]
    public void The_example_fleet_recalculated_by_LibreOffice_equals_the_engine_month_by_month()
    {
        var result = FleetModel.Run(Example(), Market(), Model);
        Assert.True(result.Survives, result.Outcome);
        var v = Recalculate(result, "example fleet");
        Summary(v, result);
    }

    [Fact]
    public void The_anchor_renters_default_recalculates_to_the_engines_dscr_breach()
    {
        var result = FleetModel.Run(WithDefault(Example(), "c05", new DateOnly(2025, 10, 1)), Market(), Model);
        Assert.NotNull(result.Covenants?.FirstBreach);
        var v = Recalculate(result, "c05 defaults 2025-10");
        Summary(v, result);
        var breach = v.Text(FleetWorkbook.Summary, v.Row(FleetWorkbook.Summary, "First covenant breach"), 2);
        Assert.Equal(result.Covenants!.FirstBreach!.Text, breach);
        Assert.Contains("DSCR", breach, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unlevered_fleet_and_one_with_balloon_loans_recalculate_to_the_engine()
    {
        var example = Example();
        var unlevered = FleetModel.Run(example with { Debt = null, Defaults = DefaultAssumptions.None }, Market(), Model);
        var v = Recalculate(unlevered, "unlevered, no defaults");
        Summary(v, unlevered);
        Assert.Equal("none: no debt", v.Text(FleetWorkbook.Summary, v.Row(FleetWorkbook.Summary, "Lowest fleet DSCR"), 2));
        var balloon = FleetModel.Run(example with { Debt = example.Debt! with { Repayment = Financing.Repayment.Balloon, TermMonths = null } }, Market(), Model);
        Summary(Recalculate(balloon, "balloon loans over each vintage's life"), balloon);
    }

    [Theory]
    [InlineData("c05's price 3.50 -> 2.90")]
    [InlineData("c05 named to default in 2025-10")]
    [InlineData("loans 50% -> 60% of capex")]
    public void Editing_an_input_of_the_fleet_workbook_then_recalculating_gives_the_engine_answer_for_that_input(string edit)
    {
        var fleet = Example();
        var c05 = fleet.Contracts.ToList().FindIndex(c => c.Id == "c05");
        var row = c05 + 2;
        var changed = edit switch
        {
            "c05's price 3.50 -> 2.90" => fleet with { Contracts = [.. fleet.Contracts.Select(c => c.Id == "c05" ? c with { PricePerGpuHour = 2.90 } : c)] },
            "c05 named to default in 2025-10" => WithDefault(fleet, "c05", new DateOnly(2025, 10, 1)),
            _ => fleet with { Debt = fleet.Debt! with { Share = 0.6 } },
        };
        var market = Market();
        var original = FleetModel.Run(fleet, market, Model);
        var after = FleetModel.Run(changed, market, Model);
        // The edit must move the answer, or the comparison would prove nothing.
        Assert.NotEqual(original.Returns.Npv, after.Returns.Npv);
        var spec = FleetWorkbook.Build(original, Model);
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-fleet-edit-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            using (var wb = new ClosedXML.Excel.XLWorkbook(path))
            {
                var contracts = wb.Worksheet(FleetWorkbook.Contracts);
                switch (edit)
                {
                    case "c05's price 3.50 -> 2.90":
                        contracts.Cell(row, 9).Value = 2.90;
                        break;
                    case "c05 named to default in 2025-10":
                        wb.NamedRanges.NamedRange("Fl_Mode")!.Ranges.Single().FirstCell().Value = "scenario";
                        contracts.Cell(row, 13).Value = fleet.MonthOf(new DateOnly(2025, 10, 1)) + 1;
                        break;
                    default:
                        wb.NamedRanges.NamedRange("Fl_DebtShare")!.Ranges.Single().FirstCell().Value = 0.6;
                        break;
                }
                wb.Save();
            }
            var v = new Verification(LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name)));
            Summary(v, after);
            Assert.Equal(after.Covenants?.FirstBreach?.Text ?? "no breach", v.Text(FleetWorkbook.Summary, v.Row(FleetWorkbook.Summary, "First covenant breach"), 2));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{edit}: equity IRR {after.Returns.Irr:P3} (was {original.Returns.Irr:P3}), {v.Checked} values checked"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // The summary's figures looked up by label, against the engine's result itself (not only the values the export wrote).
    private void Summary(Verification v, FleetResult r)
    {
        const string s = FleetWorkbook.Summary;
        v.Labelled(s, "Equity IRR, annual effective", r.Returns.Irr, irr: true);
        v.Labelled(s, "Equity NPV at the hurdle", r.Returns.Npv);
        Assert.Equal(r.Returns.PaybackMonth?.ToString(CultureInfo.InvariantCulture) ?? r.Returns.PaybackNote, v.Text(s, v.Row(s, "Payback month"), 2));
        if (r.MinDscr is { } min) v.Labelled(s, "Lowest fleet DSCR", min);
        Assert.Equal(r.FirstCashShortfall?.Month.ToString(CultureInfo.InvariantCulture) ?? "never below zero", v.Text(s, v.Row(s, "First month of cash below zero"), 2));
        for (var t = 0; t <= r.LastMonth; t++)
        {
            var row = t + 2;
            v.Value($"cash at month {t}", FleetWorkbook.Monthly, row, FleetMonthlySheet.Cash, r.Cash[t]);
            v.Value($"contracted revenue at month {t}", FleetWorkbook.Monthly, row, FleetMonthlySheet.Contracted, r.Total.ContractedRevenue[t]);
            v.Value($"backlog at month {t}", FleetWorkbook.Monthly, row, FleetMonthlySheet.Backlog, r.Total.Backlog[t]);
            v.Value($"debt service at month {t}", FleetWorkbook.Monthly, row, FleetMonthlySheet.Service, r.Total.DebtService[t]);
            if (r.Dscr[t] is { } d) v.Value($"DSCR at month {t}", FleetWorkbook.Monthly, row, FleetMonthlySheet.Dscr, d);
            if (r.Ltv[t] is { } l) v.Value($"LTV at month {t}", FleetWorkbook.Monthly, row, FleetMonthlySheet.Ltv, l);
        }
        v.AssertAllMatch("summary");
    }

    private Verification Recalculate(FleetResult result, string context)
    {
        var spec = FleetWorkbook.Build(result, Model);
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-fleet-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var stream = File.Create(path)) XlsxWriter.Write(spec, stream);
            var v = new Verification(LibreOffice.Recalculate(path, spec.Sheets.Select(s => s.Name)));
            v.EveryDerivedCell(spec);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{context}: {v.Checked} values checked; max relative error {v.MaxValueError:E2} (values), {v.MaxIrrError:E2} (IRR)"));
            v.AssertAllMatch(context);
            return v;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
