using System.Globalization;
using Gpunomics.Capex;
using Gpunomics.Finance;
using Gpunomics.Rental;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.IrrCells;

namespace Gpunomics.Export.Sheets;

/// <summary>The OneChart sheet: project IRR against rental price, one curve per system price multiplier, and the value split.</summary>
internal static class OneChartSheet
{
    public static void Add(WorkbookContext wb, OneChart.OneChartModel chart)
    {
        var system = wb.System;
        var scenario = wb.Scenario;
        var k = chart.Curves.Count;
        var columns = new List<(string, double)> { ("Price, $/GPU-hour", 18) };
        for (var i = 0; i < k; i++) columns.Add(("", 16));
        columns.Add(("Several IRRs at export", 60));
        columns.Add(("", 3));
        columns.Add(("Measure", 40));
        columns.Add(("Value", 16));
        var sh = wb.NewSheet(ScenarioWorkbook.OneChart, [.. columns]);
        sh.FreezeRows = 4;
        sh.FreezeColumns = 1;
        int nc = OneChartNoteColumn(k), lc = OneChartLabelColumn(k), vc = lc + 1;

        // Summary block (right).
        var hm = Rates.AnnualToMonthly(scenario.HurdleRate);
        var x = 1.0 / (1.0 + hm);
        var s = scenario.Contract.SetupMonths;
        var af = Math.Abs(hm) < 1e-12 ? scenario.Contract.TermMonths : (Math.Pow(x, s + 1) - Math.Pow(x, wb.Horizon + 1)) / (1 - x);
        var t = scenario.Contract;
        var bCoef = t.PrepayShare * Rates.HoursPerMonth * t.BilledUtilization * t.TermMonths + Rates.HoursPerMonth * t.BilledUtilization * (1 - t.PrepayShare) * af;
        object? f0 = wb.Deal
            ? (Pricing.FloorPrice.TryCompute(RentalInputs.For(system, scenario, 0, SupplierPricing.Scaled(0)), scenario.HurdleRate, out var floor0, out _) ? floor0 : "none")
            : FloorPrice(wb, CapexModel.Compute(system, SupplierPricing.Scaled(0), scenario.NetworkTier));
        var row = 1;
        // A deal (an asset life, capex drawn over months, a shaped loan) is no longer the plain project these closed forms
        // describe: its One Chart is the engine's, as values, without the plain project's discount-factor rows.
        string[] closedFormOnly = ["Chart_X", "Chart_AF", "Chart_XH", "Chart_DebtPv", "Chart_B"];
        void Line(string label, string formula, object? value, string? format, string? name = null)
        {
            if (wb.Deal && name is not null && closedFormOnly.Contains(name)) return;
            row++;
            sh.Set(row, lc, Label(label));
            sh.Set(row, vc, F(formula, value, format));
            if (name is not null) wb.Name(name, sh, row, vc);
        }
        Line("Hurdle rate", "=In_HurdleRate", chart.Hurdle, Percent);
        Line("Discount factor per month", "=1/(1+Cf_MonthlyHurdle)", x, "0.0000000000", "Chart_X");
        Line("PV of $1 a month over billed months", "=IF(ABS(Cf_MonthlyHurdle)<1E-12,In_TermMonths,(Chart_X^(In_SetupMonths+1)-Chart_X^(Cf_Horizon+1))/(1-Chart_X))", af, Number, "Chart_AF");
        Line("Discount factor at the last month", "=Chart_X^Cf_Horizon", Math.Pow(x, wb.Horizon), "0.0000000000", "Chart_XH");
        var perDollar = wb.DebtPerDollar.Select(d => d.Debt).ToArray();
        Line("PV of the debt flows per $1 borrowed", "=CashFlows!$V$2+NPV(Cf_MonthlyHurdle,Cf_DebtPerDollarLater)", Rates.Npv(hm, perDollar), "0.0000000000", "Chart_DebtPv");
        Line("NPV per $1/GPU-hour (B)", "=In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths+In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare)*Chart_AF", bCoef, Money, "Chart_B");
        Line("Value-based ceiling", "=Ret_Ceiling", chart.Ceiling, MoneyHour, "Chart_Ceiling");
        Line("PFLOPS at the ceiling precision", "=Ret_CeilingPflops", chart.Pflops, Number);
        Line("Floor at today's system price", "=" + FloorFormula("(Capex_NonSupplier+Capex_SupplierToday)"), chart.FloorPrice, MoneyHour, "Chart_FloorToday");
        Line("Floor at component cost", "=" + FloorFormula("Capex_AtComponentCost"), chart.FloorAtComponentCost, MoneyHour, "Chart_FloorAtCost");
        Line("Floor at system price x0 (no supplier lines)", "=" + FloorFormula("Capex_NonSupplier"), f0, MoneyHour, "Chart_Floor0");
        Line("Max system price multiplier (floor = ceiling)", "=IF(Chart_FloorToday-Chart_Floor0>1E-12,(Chart_Ceiling-Chart_Floor0)/(Chart_FloorToday-Chart_Floor0),\"none\")",
            chart.MaxSystemPriceMultiplier is { } mm ? mm : "none", Number);
        var floorsRange = $"$B$3:{A1.Abs(3, k + 1)}";
        var prices = chart.Curves[0].Points.Select(p => p.Price).ToList();
        var n = prices.Count;
        Line("Curve price, low", $"=0.5*MIN({floorsRange},Chart_FloorToday)", prices[0], MoneyHour, "Chart_Low");
        Line("Curve price, high", $"=1.15*MAX(Chart_Ceiling,{floorsRange})", prices[^1], MoneyHour, "Chart_High");
        var v = chart.ValueSplit;
        Line("Value split at price", "=IF(ISNUMBER(In_MarketPrice),In_MarketPrice,Chart_FloorToday)", v.Price, MoneyHour, "Chart_SplitPrice");
        Line("Renter (ceiling - price)", "=Chart_Ceiling-Chart_SplitPrice", v.Renter, MoneyHour, "Chart_Renter");
        Line("Neocloud (price - floor today)", "=Chart_SplitPrice-Chart_FloorToday", v.Neocloud, MoneyHour, "Chart_Neocloud");
        Line("Supplier (floor today - floor at cost)", "=Chart_FloorToday-Chart_FloorAtCost", v.Supplier, MoneyHour, "Chart_Supplier");
        Line("Pool (ceiling - floor at cost)", "=Chart_Renter+Chart_Neocloud+Chart_Supplier", v.Pool, MoneyHour, "Chart_Pool");
        // Shares only when every part is non-negative (methodology: "The One Chart"); otherwise the words.
        const string isSplit = "AND(Chart_Renter>=0,Chart_Neocloud>=0,Chart_Supplier>=0,Chart_Pool>0)";
        Line("Renter share", $"=IF({isSplit},Chart_Renter/Chart_Pool,\"no split\")", v.Shares is { } s1 ? s1.Renter : "no split", Percent);
        Line("Neocloud share", $"=IF({isSplit},Chart_Neocloud/Chart_Pool,\"no split\")", v.Shares is { } s2 ? s2.Neocloud : "no split", Percent);
        Line("Supplier share", $"=IF({isSplit},Chart_Supplier/Chart_Pool,\"no split\")", v.Shares is { } s3 ? s3.Supplier : "no split", Percent);
        if (chart.MarketPoints.Count > 0)
        {
            var mp = chart.MarketPoints[0];
            row++;
            sh.Set(row, lc, Label("IRR at the market price, today's system price"));
            var (cell, note) = FlowsIrrCell(wb, "1", "In_MarketPrice", mp.Irr, SupplierPricing.Today, mp.Price);
            sh.Set(row, vc, cell);
            if (note is not null) sh.Set(row, vc + 1, Label(note));
        }

        // Curve block (left).
        sh.Set(2, 1, Label("System price multiplier"));
        sh.Set(3, 1, Label("Floor price, $/GPU-hour"));
        sh.Set(4, 1, Label("Capex per GPU"));
        for (var j = 0; j < k; j++)
        {
            var col = j + 2;
            var curve = chart.Curves[j];
            var mc = A1.Column(col) + "$2";
            var capex = CapexModel.Compute(system, SupplierPricing.Scaled(curve.Multiplier), scenario.NetworkTier).PerGpu;
            sh.Set(1, col, F($"=\"IRR at x\"&TEXT(In_ChartMultiplier{j + 1},\"0.0#\")", $"IRR at x{curve.Multiplier.ToString("0.0#", CultureInfo.InvariantCulture)}", null));
            sh.Set(2, col, F($"=In_ChartMultiplier{j + 1}", curve.Multiplier, Number));
            sh.Set(3, col, F("=" + FloorFormula($"{A1.Column(col)}$4"), curve.FloorPrice, MoneyHour));
            sh.Set(4, col, F($"=Capex_NonSupplier+{mc}*Capex_SupplierToday", capex, Money));
        }
        for (var i = 0; i < n; i++)
        {
            var r = 5 + i;
            sh.Set(r, 1, F($"=Chart_Low+(Chart_High-Chart_Low)*{i}/{n - 1}", prices[i], MoneyHour));
            var notes = new List<string>();
            for (var j = 0; j < k; j++)
            {
                var curve = chart.Curves[j];
                var (cell, note) = FlowsIrrCell(wb, $"{A1.Column(j + 2)}$2", $"$A{r}", curve.Points[i].Irr, SupplierPricing.Scaled(curve.Multiplier), prices[i]);
                sh.Set(r, j + 2, cell);
                if (note is not null) notes.Add($"{A1.Cell(r, j + 2)} (x{curve.Multiplier.ToString("0.0#", CultureInfo.InvariantCulture)}): {note}");
            }
            if (notes.Count > 0) sh.Set(r, nc, Label(string.Join(" | ", notes)));
        }
        if (wb.Deal)
        {
            foreach (var (at, cell) in sh.Cells.ToList())
                if (cell.Formula is not null) sh.Set(at.Row, at.Col, cell with { Formula = null });
            row++;
            sh.Set(row + 1, lc, Label("With " + DealText(wb) + ", this sheet holds the engine's values, not formulas: the CashFlows, Debt and Returns sheets are the live model at the export price."));
        }
    }

    // What makes the deal more than the plain project, for the sheet's note.
    private static string DealText(WorkbookContext wb)
    {
        var parts = new List<string>();
        if (wb.Life is not null) parts.Add("an asset life");
        if (wb.ShapedLoan) parts.Add(wb.LoanMovesWithPrice ? "a loan that moves with the price (each point resizes it)" : "a shaped loan");
        else if (wb.Scenario.Financing.Loan.DrawMonths > 1) parts.Add("capex drawn over months");
        return string.Join(" and ", parts);
    }

    // The flows at (multiplier, price) as an array: ChartFlows B + multiplier x C + price x D.
    private static string FlowsArray(WorkbookContext wb, string multiplier, string price)
    {
        var last = wb.LastMonth + 3;
        return $"(ChartFlows!$B$3:$B${last}+{multiplier}*ChartFlows!$C$3:$C${last}+{price}*ChartFlows!$D$3:$D${last})";
    }

    // The One Chart's IRR cell at (multiplier, price): with the engine's annual IRR, an array formula (braces)
    // for the annual IRR of the flows there, started from the engine's rate; without, the engine's reason (at a
    // borrowing rate, that rate named as such: the curve has no return there and the chart leaves a gap).
    // Beside it goes the note naming every root where the flows have several (null otherwise).
    private static (SheetCell Cell, string? Note) FlowsIrrCell(WorkbookContext wb, string multiplier, string price, double? engineAnnual, SupplierPricing pricing, double priceValue)
    {
        var scenario = wb.Scenario;
        var solved = IrrSolver.SolveReturn(RentalProject.NetCashFlows(RentalInputs.For(wb.System, scenario, priceValue, pricing)), Rates.AnnualToMonthly(scenario.HurdleRate));
        var note = SeveralRootsNote(solved);
        var flows = FlowsArray(wb, multiplier, price);
        var fallback = $"(SUM(IF({flows}>0,{flows},0))/-SUM(IF({flows}<0,{flows},0)))^(2/(Cf_Horizon+1))-1";
        var cell = IrrCell(solved, engineAnnual is { } annual ? Rates.AnnualToMonthly(annual) : null,
            guess => "{=" + GuardedIrr(flows, "(1+" + IrrExpression(flows, guess, fallback) + ")^12-1") + "}", Percent);
        return (engineAnnual is { } a ? cell with { Value = a } : cell, note);
    }

    private static string FloorFormula(string capex) =>
        $"-(-{capex}-(Tco_ElectricityBilled+Tco_Colocation+(In_MaintenanceShare+In_InsuranceShare)*{capex}/In_HoursPerYear)*In_HoursPerMonth*Chart_AF+In_ContractResidualShare*{capex}*Chart_XH+In_DebtShare*{capex}*Chart_DebtPv)/Chart_B";

    private static double FloorPrice(WorkbookContext wb, CapexBreakdown capex)
    {
        var scenario = wb.Scenario;
        return Pricing.FloorPrice.Compute(new RentalInputs(capex.PerGpu,
            Gpunomics.Tco.TcoModel.OperatingCostPerHour(wb.System, capex.PerGpu, scenario.Operations, scenario.Contract.BilledUtilization), 0, scenario.Contract,
            scenario.Financing.IsNone ? null : scenario.Financing), scenario.HurdleRate);
    }
}
