using System.Globalization;
using Gpunomics.Finance;
using Gpunomics.Rental;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The CashFlows sheet: the monthly schedule of the rental project at the export price, with the loan per $1 borrowed.</summary>
internal static class CashFlowsSheet
{
    public static void Add(WorkbookContext wb)
    {
        var scenario = wb.Scenario;
        var sh = wb.NewSheet(ScenarioWorkbook.CashFlows, ("Month", 8), ("Capex", 14), ("Prepayment", 14), ("Billed", 14), ("Prepayment credit", 14), ("Operating cost", 14),
            ("Residual", 14), ("Net", 14), ("Cumulative", 14), ("Net at price 0", 14), ("Net per $1/GPU-hour", 14), ("Payback candidate", 10), ("", 3), ("Project", 34), ("Value", 16),
            ("", 3), ("Debt", 14), ("Interest", 14), ("Loan balance per $1 borrowed", 14), ("Interest per $1", 14), ("Principal per $1", 14), ("Debt flow per $1 borrowed", 14));
        sh.FreezeColumns = 1;
        var inputs = wb.Model.ProjectInputs(wb.System.Id, wb.Price, null, wb.Multiplier);
        var schedule = RentalProject.Schedule(inputs);
        var at0 = RentalProject.Schedule(inputs with { PricePerGpuHour = 0 });
        var at1 = RentalProject.Schedule(inputs with { PricePerGpuHour = 1 });
        var payback = RentalProject.PaybackMonth(schedule);
        var t = inputs.Terms;
        var billedPerMonth = inputs.PricePerGpuHour * Rates.HoursPerMonth * t.BilledUtilization;

        var side = 1;
        void Side(string label, string formula, object? value, string format, string name)
        {
            side++;
            sh.Set(side, 14, Label(label));
            sh.Set(side, 15, F(formula, value, format));
            wb.Name(name, sh, side, 15);
        }
        Side("Horizon, months (setup + term)", "=In_SetupMonths+In_TermMonths", (double)wb.Horizon, Integer, "Cf_Horizon");
        Side("Billed per month", "=In_Price*In_HoursPerMonth*In_BilledUtilization", billedPerMonth, Money, "Cf_BilledPerMonth");
        Side("Operating cost per month", "=Tco_OpexBilledPerHour*In_HoursPerMonth", inputs.OperatingCostPerHour * Rates.HoursPerMonth, Money, "Cf_OpexPerMonth");
        Side("Total contract value", "=In_Price*In_HoursPerMonth*In_BilledUtilization*In_TermMonths", inputs.TotalContractValue, Money, "Cf_TotalContractValue");
        Side("Hurdle rate, monthly", "=(1+In_HurdleRate)^(1/12)-1", Rates.AnnualToMonthly(scenario.HurdleRate), Rate, "Cf_MonthlyHurdle");
        var debtRate = Rates.AnnualToMonthly(scenario.Financing.DebtRate);
        var debtMonths = scenario.Financing.DebtTermMonths ?? t.TermMonths;
        Side("Loan, $ per GPU", "=In_DebtShare*Capex_PerGpu", scenario.Financing.DebtShare * inputs.CapexPerGpu, Money, "Cf_Loan");
        Side("Loan repaid over, months", "=IF(ISNUMBER(In_DebtTermMonths),In_DebtTermMonths,In_TermMonths)", (double)debtMonths, Integer, "Cf_DebtMonths");
        Side("Debt rate, monthly", "=(1+In_DebtRate)^(1/12)-1", debtRate, Rate, "Cf_DebtRateMonthly");
        Side("Level payment per $1 borrowed", "=IF(Cf_DebtRateMonthly=0,1/Cf_DebtMonths,Cf_DebtRateMonthly/(1-(1+Cf_DebtRateMonthly)^(-Cf_DebtMonths)))",
            debtRate == 0 ? 1.0 / debtMonths : debtRate / (1 - Math.Pow(1 + debtRate, -debtMonths)), "0.0000000000", "Cf_DebtPayment");
        Side("Last month with a row", $"={wb.LastMonth}", (double)wb.LastMonth, Integer, "Cf_LastMonth");
        side++;
        sh.Set(side, 14, Label("Rows cover the horizon?"));
        sh.Set(side, 15, F("=IF(Cf_Horizon<=Cf_LastMonth,\"yes\",\"NO: add rows\")", "yes", null));

        const string billing = "AND({0}>In_SetupMonths,{0}<=Cf_Horizon)";
        var perDollar = wb.DebtPerDollar;
        var balance = 1.0;
        for (var m = 0; m <= wb.LastMonth; m++)
        {
            var r = m + 2;
            var a = "A" + r;
            var bill = string.Format(CultureInfo.InvariantCulture, billing, a);
            var x = m < schedule.Count ? schedule[m] : null;
            // The loan per $1 borrowed (the engine's schedule of a $1 loan), then in dollars.
            var d = m < perDollar.Count ? perDollar[m] : null;
            var interest = m > 0 && d is not null ? -d.Interest : 0.0;
            var principal = m > 0 && d is not null ? -d.Debt + d.Interest : 0.0;
            balance -= principal;
            sh.Set(r, 17, F($"=Cf_Loan*V{r}", x?.Debt ?? 0.0, Money));
            sh.Set(r, 18, F($"=-Cf_Loan*T{r}", x?.Interest ?? 0.0, Money));
            sh.Set(r, 19, F(m == 0 ? "=1" : $"=S{r - 1}-U{r}", balance, "0.0000000000"));
            sh.Set(r, 20, F(m == 0 ? "=0" : $"=IF(AND({a}>0,{a}<=Cf_Horizon),S{r - 1}*Cf_DebtRateMonthly,0)", interest, "0.0000000000"));
            sh.Set(r, 21, F(m == 0 ? "=0" : $"=IF(AND({a}>0,{a}<=Cf_Horizon,S{r - 1}>0),IF(OR({a}=Cf_Horizon,{a}=Cf_DebtMonths),S{r - 1},MIN(S{r - 1},Cf_DebtPayment-T{r})),0)", principal, "0.0000000000"));
            sh.Set(r, 22, F(m == 0 ? "=1" : $"=-(T{r}+U{r})", m == 0 ? 1.0 : -(interest + principal), "0.0000000000"));
            sh.Set(r, 1, m == 0 ? new SheetCell(0.0, null, Integer, CellRole.Derived) : F($"=A{r - 1}+1", (double)m, Integer));
            sh.Set(r, 2, F($"=IF({a}=0,-Capex_PerGpu,0)", x?.Capex ?? 0.0, Money));
            sh.Set(r, 3, F($"=IF({a}=0,In_PrepayShare*Cf_TotalContractValue,0)", x?.Prepayment ?? 0.0, Money));
            sh.Set(r, 4, F($"=IF({bill},Cf_BilledPerMonth,0)", x?.Billed ?? 0.0, Money));
            sh.Set(r, 5, F($"=IF({bill},-In_PrepayShare*Cf_BilledPerMonth,0)", x?.PrepaymentCredit ?? 0.0, Money));
            sh.Set(r, 6, F($"=IF({bill},-Cf_OpexPerMonth,0)", x?.OperatingCost ?? 0.0, Money));
            sh.Set(r, 7, F($"=IF({a}=Cf_Horizon,In_ContractResidualShare*Capex_PerGpu,0)", x?.Residual ?? 0.0, Money));
            sh.Set(r, 8, F($"=B{r}+C{r}+D{r}+E{r}+F{r}+G{r}+Q{r}", x?.Net ?? 0.0, Money));
            sh.Set(r, 9, F(m == 0 ? $"=H{r}" : $"=I{r - 1}+H{r}", x?.Cumulative ?? schedule[^1].Cumulative, Money));
            sh.Set(r, 10, F($"=B{r}+F{r}+G{r}+Q{r}", m < at0.Count ? at0[m].Net : 0.0, Money));
            sh.Set(r, 11, F($"=IF({a}=0,In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths,0)+IF({bill},In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare),0)",
                m < at1.Count ? at1[m].Net - at0[m].Net : 0.0, Money));
            // Payback: the first month from which the cumulative never falls below zero again (rows past the
            // horizon repeat the last cumulative, so a negative end leaves no candidate).
            var candidate = payback is { } pb && m >= pb && m <= wb.Horizon ? (object)(double)m : "";
            sh.Set(r, 12, F($"=IF(AND({a}>0,{a}<=Cf_Horizon,MIN(I{r}:I${wb.LastMonth + 2})>=0),{a},\"\")", candidate, Integer));
        }
        var cfLast = wb.LastMonth + 2;
        wb.NameRange("Cf_Net", sh, 2, 8, cfLast, 8);
        wb.NameRange("Cf_NetLater", sh, 3, 8, cfLast, 8);
        wb.NameRange("Cf_NetAtPrice0Later", sh, 3, 10, cfLast, 10);
        wb.NameRange("Cf_NetPerDollarLater", sh, 3, 11, cfLast, 11);
        wb.NameRange("Cf_Payback", sh, 3, 12, cfLast, 12);
        wb.NameRange("Cf_DebtPerDollarLater", sh, 3, 22, cfLast, 22);
    }
}
