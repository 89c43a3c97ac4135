using Gpunomics.Finance;
using Gpunomics.Fleet;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.FleetContext;
using static Gpunomics.Export.Sheets.IrrCells;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// The FleetSummary sheet: the fleet's equity IRR (a spreadsheet IRR() started from the engine's rate, or the engine's
/// reason where it reports none), NPV at the hurdle, payback, money multiple, lowest DSCR, first covenant breach, first
/// month of negative cash, and each vintage's equity IRR and NPV.
/// </summary>
internal static class FleetSummarySheet
{
    public static void Add(FleetContext wb)
    {
        var r0 = wb.Result;
        var sh = wb.NewSheet(FleetWorkbook.Summary, ("Figure", 50), ("Value", 18), ("How", 90));
        var last = wb.LastRow;
        var m = FleetWorkbook.Monthly;
        string Col(int col) => $"{m}!${A1.Column(col)}$2:${A1.Column(col)}${last}";
        var net = Col(FleetMonthlySheet.Net);
        var row = 1;
        void Line(string label, SheetCell cell, string how, string? name = null)
        {
            row++;
            sh.Set(row, 1, Label(label));
            sh.Set(row, 2, cell);
            sh.Set(row, 3, Label(how));
            if (name is not null) wb.Name(name, sh, row, 2);
        }
        var hurdle = Rates.AnnualToMonthly(r0.Hurdle);

        void Returns(string who, string range, string first, string rest, FleetReturns returns, double[] flows, string prefix)
        {
            var engine = IrrSolver.SolveReturn(flows, hurdle);
            var monthly = IrrCell(engine, engine.RatePerPeriod, guess => "=" + GuardedIrr(range, IrrExpression(range, guess, N(-0.05))), Rate);
            Line($"{who} IRR, monthly", monthly, engine.RatePerPeriod is { } rate ? $"IRR of the net flows from the engine's rate at export, {N(rate)}; if that fails, from {N(IrrGuess)}, then -5%" : "the engine's reason", prefix + "IrrMonthly");
            Line($"{who} IRR, annual effective", F($"=IF(ISNUMBER({prefix}IrrMonthly),(1+{prefix}IrrMonthly)^12-1,{prefix}IrrMonthly)", returns.Irr is { } irr ? irr : NoIrrText(engine), Percent, rate: returns.Irr is not null),
                "(1 + monthly IRR)^12 - 1, or the monthly row's reason");
            if (SeveralRootsNote(engine) is { } note) sh.Set(row, 4, Label(note));
            Line($"{who} NPV at the hurdle", F($"={first}+NPV(Fl_MonthlyHurdle,{rest})", returns.Npv, Money), "the first month's flow plus the rest discounted monthly at the hurdle");
        }

        Returns("Equity", net, $"{m}!N2", $"{m}!N3:N{last}", r0.Returns, r0.Total.Net, "Fs_");
        var cum = Col(FleetMonthlySheet.Cumulative);
        var months = Col(1);
        var lastCum = $"{m}!W{last}";
        Line("Payback month", F($"=IF({lastCum}<0,\"the cumulative net cash flow ends below zero (\"&IF({lastCum}<0,\"-\",\"\")&\"$\"&TEXT(ABS({lastCum}),\"#,##0\")&\" at month {wb.Last}), so it never pays back\",MAX(1,1+SUMPRODUCT(MAX(({cum}<0)*{months}))))",
            r0.Returns.PaybackMonth is { } pm ? (double)pm : r0.Returns.PaybackNote, Integer), "the first month from which the cumulative net flow stays at or above zero");
        Line("Money multiple", F($"=IF(SUMIF({net},\"<0\")=0,\"none: no outflow\",SUMIF({net},\">0\")/-SUMIF({net},\"<0\"))", r0.Returns.Moic is { } moic ? moic : "none: no outflow", Multiple),
            "cash in / cash out");
        var dscr = Col(FleetMonthlySheet.Dscr);
        var noDscr = r0.Fleet.Debt is null ? "none: no debt" : "none: no month has scheduled debt service";
        Line("Lowest fleet DSCR", F($"=IF(COUNT({dscr})=0,IF(Fl_Debt=\"yes\",\"none: no month has scheduled debt service\",\"none: no debt\"),MIN({dscr}))", r0.MinDscr is { } md ? md : noDscr, Multiple),
            "fleet CFADS / fleet scheduled debt service, its lowest", "Fs_MinDscr");
        var minMonth = r0.MinDscr is { } min ? (object)(double)Array.FindIndex(r0.Dscr, d => d == min) : noDscr;
        Line("Lowest fleet DSCR: month", F($"=IF(ISNUMBER(Fs_MinDscr),INDEX({months},MATCH(Fs_MinDscr,{dscr},0)),Fs_MinDscr)", minMonth, Integer), "its first month");
        var breach = r0.Covenants is null ? "none: no debt" : r0.Covenants.FirstBreach?.Text ?? r0.Covenants.Outcome;
        var breachMonths = Col(FleetMonthlySheet.BreachMonth);
        Line("First covenant breach", F($"=IF(Fl_Debt<>\"yes\",\"none: no debt\",IF(AND(NOT(ISNUMBER(Fl_CovDscr)),NOT(ISNUMBER(Fl_CovLtv))),\"no covenant set\",IF(COUNT({breachMonths})=0,\"no breach\",INDEX({Col(FleetMonthlySheet.BreachText)},MIN({breachMonths})+1))))",
            breach, null), "the first month whose fleet DSCR or LTV breaks its covenant (FleetMonthly)");
        var shortMonths = Col(FleetMonthlySheet.ShortMonth);
        Line("First month of cash below zero", F($"=IF(COUNT({shortMonths})=0,\"never below zero\",MIN({shortMonths}))", r0.FirstCashShortfall is { } c ? (double)c.Month : "never below zero", Integer),
            "operating cash after debt service, accumulated (FleetMonthly, Cash)");
        row++;
        for (var j = 0; j < r0.Vintages.Count; j++)
        {
            var v = r0.Vintages[j];
            var o = wb.Fleet.MonthOf(v.Deployment.Date);
            var end = o + v.Deployment.LifeMonths;
            var sheet = FleetWorkbook.VintageSheetName(j);
            var nc = A1.Column(VintageSheet.NetCol);
            var flows = v.Series.Net[o..(end + 1)];
            Returns($"{v.Deployment.Id} ({sheet})", $"{sheet}!${nc}${Row(o)}:${nc}${Row(end)}", $"{sheet}!{nc}{Row(o)}", $"{sheet}!{nc}{Row(o + 1)}:{nc}{Row(end)}", v.Returns, flows, $"Fs_V{j + 1}_");
        }
    }
}
