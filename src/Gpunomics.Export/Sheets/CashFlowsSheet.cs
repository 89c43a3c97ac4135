using System.Globalization;
using Gpunomics.Finance;
using Gpunomics.Rental;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The CashFlows sheet: the monthly schedule of the rental project at the export price, with the loan per $1 borrowed.</summary>
internal static class CashFlowsSheet
{
    /// <summary>Columns of a deal's life (only with an asset life) and its CFADS.</summary>
    public const int AgeCol = 23, BilledShareCol = 24, ReleasePriceCol = 25, LifeRevenueCol = 26, LifeOpexCol = 27, SaleCol = 28, CfadsAt0Col = 29, CfadsPerDollarCol = 30, CfadsCol = 31;

    public static void Add(WorkbookContext wb)
    {
        var scenario = wb.Scenario;
        var deal = wb.Deal;
        var life = wb.Life;
        var shaped = wb.ShapedLoan;
        (string, double)[] columns = [("Month", 8), ("Capex", 14), ("Prepayment", 14), ("Billed", 14), ("Prepayment credit", 14), ("Operating cost", 14),
            ("Residual", 14), ("Net", 14), ("Cumulative", 14), (wb.LoanMovesWithPrice ? "Unlevered net at price 0" : "Net at price 0", 14), (wb.LoanMovesWithPrice ? "Unlevered net per $1/GPU-hour" : "Net per $1/GPU-hour", 14),
            ("Payback candidate", 10), ("", 3), ("Project", 34), ("Value", 16), ("", 3), ("Debt", 14), ("Interest", 14),
            (shaped ? "" : "Loan balance per $1 borrowed", shaped ? 3 : 14), (shaped ? "" : "Interest per $1", shaped ? 3 : 14), (shaped ? "" : "Principal per $1", shaped ? 3 : 14), (shaped ? "" : "Debt flow per $1 borrowed", shaped ? 3 : 14)];
        if (deal)
        {
            columns = [.. columns, ("", 3), (life is null ? "" : "Year of age", life is null ? 3 : 10), (life is null ? "" : "Contract billed share", life is null ? 3 : 12),
                (life is null ? "" : "Re-lease or spot price", life is null ? 3 : 14), (life is null ? "" : "Spot and re-lease revenue", life is null ? 3 : 14),
                (life is null ? "" : "Re-lease operating cost", life is null ? 3 : 14), (life is null ? "" : "Sale", life is null ? 3 : 14),
                ("CFADS at price 0", 14), ("CFADS per $1/GPU-hour", 14), ("CFADS", 14)];
        }
        var sh = wb.NewSheet(ScenarioWorkbook.CashFlows, columns);
        sh.FreezeColumns = 1;
        var inputs = wb.Inputs;
        var schedule = RentalProject.Schedule(inputs);
        var at0 = RentalProject.Schedule(inputs with { PricePerGpuHour = 0 });
        var at1 = RentalProject.Schedule(inputs with { PricePerGpuHour = 1 });
        var payback = RentalProject.PaybackMonth(schedule);
        var t = inputs.Terms;
        var billedPerMonth = inputs.PricePerGpuHour * Rates.HoursPerMonth * t.BilledUtilization;
        var cfads = deal ? RentalProject.Cfads(inputs) : [];
        var cfads0 = deal ? RentalProject.Cfads(inputs with { PricePerGpuHour = 0 }) : [];
        var cfads1 = deal ? RentalProject.Cfads(inputs with { PricePerGpuHour = 1 }) : [];

        var side = 1;
        void Side(string label, string formula, object? value, string format, string name)
        {
            side++;
            sh.Set(side, 14, Label(label));
            sh.Set(side, 15, F(formula, value, format));
            wb.Name(name, sh, side, 15);
        }
        // The contract's end: with an asset life the project runs on past it.
        var contractEnd = deal ? "Cf_ContractEnd" : "Cf_Horizon";
        if (deal) Side("Contract ends, month (setup + term)", "=In_SetupMonths+In_TermMonths", (double)wb.ContractEnd, Integer, "Cf_ContractEnd");
        if (life is not null) Side("Horizon, months (the asset's life)", "=ROUND(In_LifeYears*12,0)", (double)wb.Horizon, Integer, "Cf_Horizon");
        else Side("Horizon, months (setup + term)", "=In_SetupMonths+In_TermMonths", (double)wb.Horizon, Integer, "Cf_Horizon");
        Side("Billed per month", "=In_Price*In_HoursPerMonth*In_BilledUtilization", billedPerMonth, Money, "Cf_BilledPerMonth");
        // Operating cost per hour at a billed utilization: power follows use (TCO sheet).
        static string OpexAt(string utilization) => $"(Tco_Electricity*(In_IdlePowerShare+(1-In_IdlePowerShare)*({utilization}))+Tco_Colocation+Tco_Maintenance+Tco_Insurance)";
        if (life is not null)
        {
            Side("Operating cost per contract month", "=" + OpexAt("(1-In_UncontractedShare)*In_BilledUtilization+In_UncontractedShare*In_ReleaseUtilization") + "*In_HoursPerMonth",
                inputs.OperatingCostPerHour * Rates.HoursPerMonth, Money, "Cf_OpexPerMonth");
            Side("Operating cost per re-lease month", "=" + OpexAt("In_ReleaseUtilization") + "*In_HoursPerMonth",
                Gpunomics.Tco.TcoModel.OperatingCostPerHour(wb.System, inputs.CapexPerGpu, scenario.Operations, scenario.AssetLife.ReleaseUtilization) * Rates.HoursPerMonth, Money, "Cf_ReleaseOpexPerMonth");
            Side("Contract months at full billing", $"=SUM({A1.Column(BilledShareCol)}2:{A1.Column(BilledShareCol)}{wb.LastMonth + 2})", life.ContractedMonths, Number, "Cf_ContractedMonths");
            Side("Total contract value", "=In_Price*In_HoursPerMonth*In_BilledUtilization*Cf_ContractedMonths", inputs.TotalContractValue, Money, "Cf_TotalContractValue");
        }
        else
        {
            Side("Operating cost per month", "=Tco_OpexBilledPerHour*In_HoursPerMonth", inputs.OperatingCostPerHour * Rates.HoursPerMonth, Money, "Cf_OpexPerMonth");
            Side("Total contract value", "=In_Price*In_HoursPerMonth*In_BilledUtilization*In_TermMonths", inputs.TotalContractValue, Money, "Cf_TotalContractValue");
        }
        Side("Hurdle rate, monthly", "=(1+In_HurdleRate)^(1/12)-1", Rates.AnnualToMonthly(scenario.HurdleRate), Rate, "Cf_MonthlyHurdle");
        var debtRate = Rates.AnnualToMonthly(scenario.Financing.DebtRate);
        var debtMonths = scenario.Financing.DebtTermMonths ?? t.TermMonths;
        if (shaped) Side("Loan, $ per GPU", "=Debt_Loan", wb.Debt!.Loan, Money, "Cf_Loan");
        else Side("Loan, $ per GPU", "=In_DebtShare*Capex_PerGpu", scenario.Financing.DebtShare * inputs.CapexPerGpu, Money, "Cf_Loan");
        Side("Loan repaid over, months", "=IF(ISNUMBER(In_DebtTermMonths),In_DebtTermMonths,In_TermMonths)", (double)debtMonths, Integer, "Cf_DebtMonths");
        Side("Debt rate, monthly", "=(1+In_DebtRate)^(1/12)-1", debtRate, Rate, "Cf_DebtRateMonthly");
        if (!shaped)
            Side("Level payment per $1 borrowed", "=IF(Cf_DebtRateMonthly=0,1/Cf_DebtMonths,Cf_DebtRateMonthly/(1-(1+Cf_DebtRateMonthly)^(-Cf_DebtMonths)))",
                debtRate == 0 ? 1.0 / debtMonths : debtRate / (1 - Math.Pow(1 + debtRate, -debtMonths)), "0.0000000000", "Cf_DebtPayment");
        Side("Last month with a row", $"={wb.LastMonth}", (double)wb.LastMonth, Integer, "Cf_LastMonth");
        side++;
        sh.Set(side, 14, Label("Rows cover the horizon?"));
        sh.Set(side, 15, F("=IF(Cf_Horizon<=Cf_LastMonth,\"yes\",\"NO: add rows\")", "yes", null));

        var billing = "AND({0}>In_SetupMonths,{0}<=" + contractEnd + ")";
        var perDollar = wb.DebtPerDollar;
        var balance = 1.0;
        string Col(int c) => A1.Column(c);
        for (var m = 0; m <= wb.LastMonth; m++)
        {
            var r = m + 2;
            var a = "A" + r;
            var bill = string.Format(CultureInfo.InvariantCulture, billing, a);
            var x = m < schedule.Count ? schedule[m] : null;
            if (shaped)
            {
                // The loan from the Debt sheet: the equity's flow (draw less interest and principal) and the interest in it.
                sh.Set(r, 17, F($"=Debt!N{r}", x?.Debt ?? 0.0, Money));
                sh.Set(r, 18, F($"=-Debt!F{r}", x?.Interest ?? 0.0, Money));
            }
            else
            {
                // The loan per $1 borrowed (the engine's schedule of a $1 loan), then in dollars.
                var d = m < perDollar.Count ? perDollar[m] : null;
                var interest = m > 0 && d is not null ? -d.Interest : 0.0;
                var principal = m > 0 && d is not null ? -d.Debt + d.Interest : 0.0;
                balance -= principal;
                sh.Set(r, 17, F($"=Cf_Loan*V{r}", x?.Debt ?? 0.0, Money));
                sh.Set(r, 18, F($"=-Cf_Loan*T{r}", x?.Interest ?? 0.0, Money));
                sh.Set(r, 19, F(m == 0 ? "=1" : $"=S{r - 1}-U{r}", balance, "0.0000000000"));
                sh.Set(r, 20, F(m == 0 ? "=0" : $"=IF(AND({a}>0,{a}<={contractEnd}),S{r - 1}*Cf_DebtRateMonthly,0)", interest, "0.0000000000"));
                sh.Set(r, 21, F(m == 0 ? "=0" : $"=IF(AND({a}>0,{a}<={contractEnd},S{r - 1}>0),IF(OR({a}={contractEnd},{a}=Cf_DebtMonths),S{r - 1},MIN(S{r - 1},Cf_DebtPayment-T{r})),0)", principal, "0.0000000000"));
                sh.Set(r, 22, F(m == 0 ? "=1" : $"=-(T{r}+U{r})", m == 0 ? 1.0 : -(interest + principal), "0.0000000000"));
            }
            sh.Set(r, 1, m == 0 ? new SheetCell(0.0, null, Integer, CellRole.Derived) : F($"=A{r - 1}+1", (double)m, Integer));
            sh.Set(r, 2, F(scenario.Financing.Loan.ChangesFlows ? $"=IF({a}<In_DrawMonths,-Capex_PerGpu/In_DrawMonths,0)" : $"=IF({a}=0,-Capex_PerGpu,0)", x?.Capex ?? 0.0, Money));
            sh.Set(r, 3, F($"=IF({a}=0,In_PrepayShare*Cf_TotalContractValue,0)", x?.Prepayment ?? 0.0, Money));
            string price0, perDollarFormula;
            if (life is not null)
            {
                var share = $"{Col(BilledShareCol)}{r}";
                sh.Set(r, 4, F($"=IF({bill},Cf_BilledPerMonth*{share},0)+{Col(LifeRevenueCol)}{r}", x?.Billed ?? 0.0, Money));
                sh.Set(r, 5, F($"=IF({bill},-In_PrepayShare*Cf_BilledPerMonth*{share},0)", x?.PrepaymentCredit ?? 0.0, Money));
                sh.Set(r, 6, F($"=IF({bill},-Cf_OpexPerMonth,0)+{Col(LifeOpexCol)}{r}", x?.OperatingCost ?? 0.0, Money));
                sh.Set(r, 7, F($"={Col(SaleCol)}{r}", x?.Residual ?? 0.0, Money));
                perDollarFormula = $"=IF({a}=0,In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*Cf_ContractedMonths,0)+IF({bill},In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare)*{share},0)";
                price0 = $"F{r}+G{r}+{Col(LifeRevenueCol)}{r}";
                // The life: the year of age, the contract's billed share (ramp, less the uncontracted share), spot and re-lease
                // revenue at the year's price, the re-lease months' operating cost, and the sale at the end.
                var inLife = $"AND({a}>0,{a}<=Cf_Horizon)";
                var age = m >= 1 && m <= wb.Horizon ? (m + 11) / 12 : 0;
                sh.Set(r, AgeCol, F($"=IF({inLife},INT(({a}+11)/12),0)", (double)age, Integer));
                var k = m - t.SetupMonths - 1;
                sh.Set(r, BilledShareCol, F($"=IF({bill},(1-In_UncontractedShare)*IF(In_RampMonths>0,MIN(1,In_RampStartShare+(1-In_RampStartShare)*({a}-In_SetupMonths-1)/In_RampMonths),1),0)",
                    k >= 0 && k < life.BilledShare.Count ? life.BilledShare[k] : 0.0, "0.0000"));
                sh.Set(r, ReleasePriceCol, F($"=IF({inLife},INDEX(Life_ReleasePrices,{Col(AgeCol)}{r}),0)", age > 0 ? life.ReleasePriceByYear[age - 1] : 0.0, MoneyHour));
                var relPrice = $"{Col(ReleasePriceCol)}{r}";
                sh.Set(r, LifeRevenueCol, F($"=IF({bill},In_UncontractedShare*IF(ISNUMBER(In_SpotPrice),In_SpotPrice,{relPrice})*In_HoursPerMonth*In_ReleaseUtilization,0)+IF(AND({a}>Cf_ContractEnd,{a}<=Cf_Horizon),{relPrice}*In_HoursPerMonth*In_ReleaseUtilization,0)",
                    m <= life.LifeMonths ? life.Revenue[m] : 0.0, Money));
                sh.Set(r, LifeOpexCol, F($"=IF(AND({a}>Cf_ContractEnd,{a}<=Cf_Horizon),-Cf_ReleaseOpexPerMonth,0)", m <= life.LifeMonths ? life.OperatingCost[m] : 0.0, Money));
                sh.Set(r, SaleCol, F($"=IF({a}=Cf_Horizon,Life_Sale,0)", m <= life.LifeMonths ? life.Sale[m] : 0.0, Money));
            }
            else
            {
                sh.Set(r, 4, F($"=IF({bill},Cf_BilledPerMonth,0)", x?.Billed ?? 0.0, Money));
                sh.Set(r, 5, F($"=IF({bill},-In_PrepayShare*Cf_BilledPerMonth,0)", x?.PrepaymentCredit ?? 0.0, Money));
                sh.Set(r, 6, F($"=IF({bill},-Cf_OpexPerMonth,0)", x?.OperatingCost ?? 0.0, Money));
                sh.Set(r, 7, F($"=IF({a}={contractEnd},In_ContractResidualShare*Capex_PerGpu,0)", x?.Residual ?? 0.0, Money));
                perDollarFormula = $"=IF({a}=0,In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths,0)+IF({bill},In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare),0)";
                price0 = $"F{r}+G{r}";
            }
            sh.Set(r, 8, F($"=B{r}+C{r}+D{r}+E{r}+F{r}+G{r}+Q{r}", x?.Net ?? 0.0, Money));
            sh.Set(r, 9, F(m == 0 ? $"=H{r}" : $"=I{r - 1}+H{r}", x?.Cumulative ?? schedule[^1].Cumulative, Money));
            if (deal)
            {
                // CFADS: the unlevered flow without the capex, as a line in the price (the Debt sheets read it at their price).
                double At(double[] f) => m < f.Length ? f[m] : 0.0;
                sh.Set(r, CfadsAt0Col, F("=" + price0, At(cfads0), Money));
                sh.Set(r, CfadsPerDollarCol, F(perDollarFormula, At(cfads1) - At(cfads0), Money));
                sh.Set(r, CfadsCol, F($"=C{r}+D{r}+E{r}+F{r}+G{r}", At(cfads), Money));
                // With a loan that moves with the price the net flow is no line in it: these two columns are the unlevered project's.
                sh.Set(r, 10, wb.LoanMovesWithPrice
                    ? F($"=B{r}+{Col(CfadsAt0Col)}{r}", (x?.Capex ?? 0.0) + At(cfads0), Money)
                    : F($"=B{r}+{Col(CfadsAt0Col)}{r}+Q{r}", m < at0.Count ? at0[m].Net : 0.0, Money));
                sh.Set(r, 11, F($"={Col(CfadsPerDollarCol)}{r}", At(cfads1) - At(cfads0), Money));
            }
            else
            {
                sh.Set(r, 10, F($"=B{r}+F{r}+G{r}+Q{r}", m < at0.Count ? at0[m].Net : 0.0, Money));
                sh.Set(r, 11, F(perDollarFormula, m < at1.Count ? at1[m].Net - at0[m].Net : 0.0, Money));
            }
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
        if (!shaped) wb.NameRange("Cf_DebtPerDollarLater", sh, 3, 22, cfLast, 22);
    }
}
