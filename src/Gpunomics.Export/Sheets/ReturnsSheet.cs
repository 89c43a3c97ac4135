using Gpunomics.Finance;
using Gpunomics.Rental;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.IrrCells;

namespace Gpunomics.Export.Sheets;

/// <summary>The Returns sheet: IRR, NPV, payback, money multiple, floor and ceiling of the project at the export price.</summary>
internal static class ReturnsSheet
{
    public static void Add(WorkbookContext wb)
    {
        var model = wb.Model;
        var system = wb.System;
        var scenario = wb.Scenario;
        var sh = wb.NewSheet(ScenarioWorkbook.Returns, ("Measure", 44), ("Value", 16), ("Unit", 22), ("Formula", 70), ("Note", 90));
        var inputs = wb.Inputs;
        var result = model.Project(system.Id, wb.Price, null, wb.Multiplier);
        // A loan that moves with the price makes NPV no line in it: the floor is then the engine's numeric solve.
        var (a, bLine) = wb.LoanMovesWithPrice ? (0.0, 0.0) : RentalProject.NpvLine(inputs, scenario.HurdleRate);
        double? floor = wb.LoanMovesWithPrice ? wb.Floor : model.Floor(system.Id, null, null, wb.Multiplier);
        var basis = scenario.Ceiling.Basis;
        var pflops = system.Pflops(basis);
        var row = 1;
        void Line(string label, string formula, object? value, string unit, string? format, string how, string? name = null, bool rate = false) =>
            LabelledLine(Label(label), formula, value, unit, format, how, name, rate);
        void LabelledLine(SheetCell label, string formula, object? value, string unit, string? format, string how, string? name = null, bool rate = false)
        {
            row++;
            sh.Set(row, 1, label);
            sh.Set(row, 2, F(formula, value, format, rate));
            sh.Set(row, 3, Label(unit));
            sh.Set(row, 4, Label(how));
            if (name is not null) wb.Name(name, sh, row, 2);
        }
        var engineIrr = IrrSolver.SolveReturn(result.Schedule.Select(x => x.Net).ToArray(), Rates.AnnualToMonthly(scenario.HurdleRate));
        var severalRoots = SeveralRootsNote(engineIrr);
        Line("Rental price", "=In_Price", wb.Price, "$/GPU-hour", MoneyHour, "Inputs");
        Line("System price multiplier", "=In_SystemPriceMultiplier", wb.Multiplier, "x today", Number, "Inputs");
        Line("Capex per GPU", "=Capex_PerGpu", inputs.CapexPerGpu, "$ per GPU", Money, "Capex sheet");
        if (wb.Life is not null)
            Line("Operating cost per contracted GPU-hour", "=Cf_OpexPerMonth/In_HoursPerMonth", inputs.OperatingCostPerHour, "$/GPU-hour", MoneyHour, "CashFlows sheet: at the blend of contracted and spot use");
        else
            Line("Operating cost per contracted GPU-hour", "=Tco_OpexBilledPerHour", inputs.OperatingCostPerHour, "$/GPU-hour", MoneyHour, "TCO sheet, at the billed utilization");
        Line("Total contract value", "=Cf_TotalContractValue", inputs.TotalContractValue, "$ per GPU", Money, "price x 730 x utilization x term");
        Line("IRR fallback guess, monthly", "=Ret_Moic^(2/(Cf_Horizon+1))-1", result.Moic is { } mo ? Math.Pow(mo, 2.0 / (wb.Horizon + 1)) - 1 : null, "per month", Rate,
            $"money multiple spread over the horizon; used when IRR() converges neither from the engine's rate nor from {N(IrrGuess)}", "Ret_IrrGuess");
        // The IRR is named after whether the workbook borrows: the equity's with debt, else the project's.
        // A rate at which NPV rises (money received before it is paid out) is named for what it is: the cost of
        // the money received, not a return (methodology: "When IRR is not the answer").
        var irrName = engineIrr.IsBorrowing ? BorrowingLabel : scenario.Financing.HasDebt ? "Equity IRR" : "Project IRR";
        var levered = scenario.Financing.Loan.Sizing is not null ? "TRUE" : "In_DebtShare>0";
        SheetCell IrrLabel(string suffix) => F($"=IF(Ret_IrrIsBorrowing=\"yes\",\"{BorrowingLabel}\",IF({levered},\"Equity IRR\",\"Project IRR\"))&\", {suffix}\"", $"{irrName}, {suffix}", null);
        // Where the engine reports neither a return nor a borrowing rate the cells say why, rather than hold an
        // IRR() that would settle on some root.
        var shownMonthly = engineIrr.RatePerPeriod ?? engineIrr.BorrowingRatePerPeriod;
        var monthlyCell = IrrCell(engineIrr, shownMonthly, guess => "=" + GuardedIrr("Cf_Net", IrrExpression("Cf_Net", guess, "Ret_IrrGuess")), Rate);
        var how = shownMonthly is { } monthlyIrr
            ? $"IRR of the net flows from the engine's {(engineIrr.IsBorrowing ? "borrowing rate" : "rate")} at export, {N(monthlyIrr)}; if that fails, from {N(IrrGuess)}, then the fallback guess"
            : monthlyCell.Formula is null ? "the engine's reason at export, in place of an IRR() that would settle on some rate" : "the engine's reason: the flows have no outflow or no inflow";
        row++;
        sh.Set(row, 1, IrrLabel("monthly"));
        sh.Set(row, 2, monthlyCell);
        sh.Set(row, 3, Label("per month"));
        sh.Set(row, 4, Label(how));
        wb.Name("Ret_IrrMonthly", sh, row, 2);
        var shownAnnual = result.Irr ?? result.BorrowingRate;
        LabelledLine(IrrLabel("annual effective"), "=IF(ISNUMBER(Ret_IrrMonthly),(1+Ret_IrrMonthly)^12-1,Ret_IrrMonthly)", shownAnnual is { } annualIrr ? annualIrr : NoIrrText(engineIrr),
            "annual", Percent, "(1 + monthly IRR)^12 - 1, or the monthly row's reason", "Ret_Irr", rate: shownAnnual is not null);
        if (severalRoots is not null)
        {
            sh.Set(row - 1, ReturnsNoteColumn, Label(severalRoots));
            sh.Set(row, ReturnsNoteColumn, Label(severalRoots));
        }
        Line("IRR is a borrowing rate?", "=IF(ISNUMBER(Ret_IrrMonthly),IF(INDEX(Cf_Net,1)+NPV(Ret_IrrMonthly+1E-5,Cf_NetLater)>0,\"yes\",\"no\"),\"-\")",
            engineIrr.IsBorrowing ? "yes" : shownMonthly is not null ? "no" : "-", "yes / no", null,
            "yes when NPV rises with the rate through it: the cost of the money received, not a return; decide on NPV at the hurdle", "Ret_IrrIsBorrowing");
        Line("Hurdle rate", "=In_HurdleRate", scenario.HurdleRate, "annual", Percent, "Inputs");
        Line("NPV at the hurdle", "=INDEX(Cf_Net,1)+NPV(Cf_MonthlyHurdle,Cf_NetLater)", result.Npv, "$ per GPU", Money, "month 0 + NPV(monthly hurdle, months 1..)", "Ret_Npv");
        Line("MIRR, annual effective", "=(1+MIRR(OFFSET(INDEX(Cf_Net,1),0,0,Cf_Horizon+1,1),Cf_MonthlyHurdle,Cf_MonthlyHurdle))^12-1", result.Mirr, "annual", Percent,
            "modified IRR of months 0..horizon, outflows financed and inflows reinvested at the monthly hurdle", "Ret_Mirr", rate: true);
        Line("Payback month", "=IF(COUNT(Cf_Payback)=0,\"never\",MIN(Cf_Payback))", result.PaybackMonth is { } pb ? (double)pb : "never", "month", Integer, "first month from which the cumulative stays >= 0; never when it ends below 0", "Ret_Payback");
        Line("Money multiple", "=SUMIF(Cf_Net,\">0\")/-SUMIF(Cf_Net,\"<0\")", result.Moic, "x", Multiple, "cash in / cash out", "Ret_Moic");
        if (wb.LoanMovesWithPrice)
        {
            // The loan is resized (or its service resculpted) at each price, so NPV is no line A + P x B: the engine solves
            // for the floor, written here as a value, and the FloorDebt sheet lays out the loan and the equity's flows at
            // that price, whose NPV at the hurdle is zero.
            const string noLine = "no line: the loan moves with the price (sized to a minimum DSCR or to an LTV of the contract's value, or sculpted), so NPV is not A + P x B";
            foreach (var label in new[] { "NPV at price 0 (A)", "NPV per $1/GPU-hour (B)" })
            {
                row++;
                sh.Set(row, 1, Label(label));
                sh.Set(row, 2, Label(noLine));
            }
            row++;
            sh.Set(row, 1, Label("Floor price"));
            sh.Set(row, 3, Label("$/GPU-hour"));
            if (wb.Floor is { } solved)
            {
                sh.Set(row, 2, new SheetCell(solved, null, MoneyHour, CellRole.Input));
                sh.Set(row, 4, Label("solved by the engine (numerically: the loan is resized at each price); the next row checks it"));
                wb.Name("Ret_Floor", sh, row, 2);
                Line("NPV at the hurdle at the floor price", "=FloorDebt_Npv", RentalProject.Evaluate(wb.FloorInputs!, scenario.HurdleRate).Npv, "$ per GPU", Money,
                    "FloorDebt sheet: the equity's flows with the loan sized at the floor price; 0 (to rounding) where the floor holds", "Ret_NpvAtFloor");
            }
            else
            {
                sh.Set(row, 2, Label("no floor: " + (model.TryFloor(system.Id, out _, out var why, null, null, wb.Multiplier) ? "" : why)));
                wb.Name("Ret_Floor", sh, row, 2);
            }
        }
        else
        {
            Line("NPV at price 0 (A)", "=CashFlows!$J$2+NPV(Cf_MonthlyHurdle,Cf_NetAtPrice0Later)", a, "$ per GPU", Money, "NPV of the net flows at price 0", "Ret_NpvAtPrice0");
            Line("NPV per $1/GPU-hour (B)", "=CashFlows!$K$2+NPV(Cf_MonthlyHurdle,Cf_NetPerDollarLater)", bLine, "$ per $1/GPU-hour", Money, "NPV of the flows' price coefficients", "Ret_NpvPerDollar");
            Line("Floor price", "=-Ret_NpvAtPrice0/Ret_NpvPerDollar", floor!.Value, "$/GPU-hour", MoneyHour, "NPV = A + P x B = 0 at P = -A / B", "Ret_Floor");
        }
        Line("Ceiling precision PFLOPS", "=INDEX(In_TflopsValues,MATCH(In_CeilingPrecision,In_TflopsKeys,0))/1000", pflops, "PFLOPS per GPU", Number, "TFLOPS at the ceiling precision / 1,000", "Ret_CeilingPflops");
        Line("Value-based ceiling", "=In_CeilingRefPerPflopHour*Ret_CeilingPflops", pflops is null ? null : model.Ceiling(system.Id), "$/GPU-hour", MoneyHour, "reference $/PFLOP-hour x PFLOPS", "Ret_Ceiling");
        Line("Floor per PFLOP-hour", "=Ret_Floor/Ret_CeilingPflops", pflops is { } p1 && floor is { } f1 ? f1 / p1 : null, "$/PFLOP-hour", MoneyHour, "floor / PFLOPS at the ceiling precision");
        Line("Ceiling minus floor", "=Ret_Ceiling-Ret_Floor", pflops is null || floor is not { } f2 ? null : model.Ceiling(system.Id) - f2, "$/GPU-hour", MoneyHour, "room for the neocloud and the supplier");
    }
}
