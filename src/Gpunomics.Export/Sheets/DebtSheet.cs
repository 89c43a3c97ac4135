using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Rental;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// The Debt sheet (a loan of another shape than the plain one): the loan month by month as formulas, drawn with the
/// capex, interest on the opening balance, interest-only months, level, sculpted or balloon repayment, DSCR, LTV and
/// the covenant tests; beside it the loan's size (with the check that its sizing holds) and its totals. The FloorDebt
/// sheet is the same loan at the engine's floor price, where the loan moves with the price, with the equity's NPV there.
/// </summary>
internal static class DebtSheet
{
    /// <summary>Column of the equity's net flow on the FloorDebt sheet.</summary>
    private const int EquityNetCol = 21;

    /// <summary>Lays out the loan at <paramref name="price"/> (a formula's expression) on <paramref name="sheetName"/>; its names start with <paramref name="prefix"/>.</summary>
    public static void Add(WorkbookContext wb, string sheetName, string prefix, string price, RentalInputs inputs, bool atFloor)
    {
        var f = wb.Scenario.Financing;
        var loan = f.Loan;
        var sizing = f.Sizing;
        var debt = RentalProject.Debt(inputs)!;
        var schedule = atFloor ? RentalProject.Schedule(inputs) : null;
        var sh = wb.NewSheet(sheetName, ("Month", 8), ("CFADS", 14), ("Draw share", 10), ("Draw", 14), ("Opening balance", 14), ("Interest", 14), ("Level payment", 14),
            ("Scheduled principal", 14), ("Principal", 14), ("Balloon", 14), ("Debt service", 14), ("Closing balance", 14), ("DSCR", 10), ("Equity flow from the loan", 14),
            ("Asset value", 14), ("LTV", 10), ("DSCR covenant breached", 10), ("LTV covenant breached", 10), ("Covenant breach", 40), ("Breach month", 10),
            (atFloor ? "Equity net flow" : "", atFloor ? 14 : 3), ("Loan", 44), ("Value", 16));
        sh.FreezeColumns = 1;
        string P(string name) => prefix + name;

        // The side block: the loan's size, repayment terms, totals, the sizing check and the covenants.
        var side = 1;
        void Side(string label, string formula, object? value, string? format, string? name = null)
        {
            side++;
            sh.Set(side, 22, Label(label));
            sh.Set(side, 23, F(formula, value, format));
            if (name is not null) wb.Name(P(name), sh, side, 23);
        }
        void Note(string label, string text)
        {
            side++;
            sh.Set(side, 22, Label(label));
            sh.Set(side, 23, Label(text));
        }
        var rate = Rates.AnnualToMonthly(f.DebtRate);
        var capex = inputs.CapexPerGpu;
        var contracted = wb.Life is not null ? "Cf_ContractedMonths" : "In_TermMonths";
        Side("Rental price, $/GPU-hour", "=" + price, inputs.PricePerGpuHour, MoneyHour, "Price");
        var loanFormula = sizing.Method switch
        {
            DebtSizingMethod.Share => "=In_DebtShare*Capex_PerGpu",
            DebtSizingMethod.MaxLtv when sizing.Basis == LtvBasis.Capex => "=In_SizingValue*Capex_PerGpu",
            DebtSizingMethod.MaxLtv => $"=In_SizingValue*MAX(0,{P("Price")}*In_HoursPerMonth*In_BilledUtilization*{contracted})",
            _ => atFloor ? "=In_EngineLoanAtFloor" : "=In_EngineLoan",
        };
        Side(sizing.Method == DebtSizingMethod.MinDscr ? "Loan, $ per GPU (sized by the engine: Inputs)" : "Loan, $ per GPU", loanFormula, debt.Loan, Money, "Loan");
        Note("Sized", debt.SizingNote);
        Side("Loan / capex", $"={P("Loan")}/Capex_PerGpu", debt.LoanToCapex, Percent);
        Side("Debt rate, monthly", "=Cf_DebtRateMonthly", rate, Rate);
        Side("First repayment month", "=MAX(In_DrawMonths-1,In_InterestOnlyMonths)+1", (double)debt.FirstRepaymentMonth, Integer, "First");
        var n = Math.Max(1, (f.DebtTermMonths ?? inputs.Terms.TermMonths) - debt.FirstRepaymentMonth + 1);
        Side("Months of level payments", $"=MAX(1,Cf_DebtMonths-{P("First")}+1)", (double)n, Integer, "N");
        var tiny = 1e-9 * Math.Max(1, Math.Abs(debt.Loan));
        Side("Rounding allowance", $"=1E-9*MAX(1,ABS({P("Loan")}))", tiny, "0.00E+00", "Tiny");
        var endValue = RentalProject.EndValue(inputs);
        Side("Asset value at the project's end", wb.Life is not null ? "=Life_Sale" : "=In_ContractResidualShare*Capex_PerGpu", endValue, Money, "EndValue");
        var last = wb.LastMonth + 2;
        string Sum(int col) => $"=SUM({A1.Column(col)}2:{A1.Column(col)}{last})";
        Side("Total drawn", Sum(4), debt.Months.Sum(m => m.Draw), Money, "TotalDrawn");
        Side("Total interest", Sum(6), debt.TotalInterest, Money, "TotalInterest");
        Side("Total principal", Sum(9), debt.Months.Sum(m => m.Principal), Money, "TotalPrincipal");
        Side("Balloon", Sum(10), debt.Balloon, Money, "Balloon");
        Side("Total debt service (without the balloon)", Sum(11), debt.Months.Sum(m => m.DebtService), Money, "TotalService");
        var dscrRange = $"M2:M{last}";
        Side("Lowest DSCR", $"=IF(COUNT({dscrRange})=0,\"none\",MIN({dscrRange}))", debt.MinDscr is { } lo ? lo : "none", Multiple, "MinDscr");
        Side("Average DSCR", $"=IF(COUNT({dscrRange})=0,\"none\",AVERAGE({dscrRange}))", debt.AverageDscr is { } av ? av : "none", Multiple);
        switch (sizing.Method)
        {
            case DebtSizingMethod.MinDscr:
                Side("Sizing: lowest DSCR allowed", "=In_SizingValue", sizing.Value, Multiple);
                Side("Sizing holds: lowest DSCR at least the minimum?", $"=IF(ISNUMBER({P("MinDscr")}),IF({P("MinDscr")}>=In_SizingValue*(1-1E-9),\"yes\",\"NO\"),\"no DSCR measured\")",
                    debt.MinDscr is { } md ? (md >= sizing.Value * (1 - 1e-9) ? "yes" : "NO") : "no DSCR measured", null);
                Side("Lowest DSCR less the minimum (0 where the DSCR binds)", $"=IF(ISNUMBER({P("MinDscr")}),{P("MinDscr")}-In_SizingValue,\"none\")", debt.MinDscr is { } md2 ? md2 - sizing.Value : "none", "0.000000");
                // The cap: the lesser of the capex and the maximum LTV of its basis.
                var capBasis = sizing.Basis == LtvBasis.Capex ? "Capex_PerGpu" : $"({P("Price")}*In_HoursPerMonth*In_BilledUtilization*{contracted})";
                var cap = debt.SizingCap!.Value;
                Side("Sizing: the most lent (the cap), $ per GPU", $"=MIN(Capex_PerGpu,In_SizingCapLtv*{capBasis})", cap, Money, "Cap");
                Side("Sizing holds: loan at most the cap?", $"=IF({P("Loan")}<={P("Cap")}*(1+1E-9),\"yes\",\"NO\")", debt.Loan <= cap * (1 + 1e-9) ? "yes" : "NO", null);
                Side("Loan less the cap (0 where the cap binds)", $"={P("Loan")}-{P("Cap")}", debt.Loan - cap, Money);
                break;
            case DebtSizingMethod.MaxLtv:
                var basis = sizing.Basis == LtvBasis.Capex ? "Capex_PerGpu" : $"({P("Price")}*In_HoursPerMonth*In_BilledUtilization*{contracted})";
                var basisValue = sizing.Basis == LtvBasis.Capex ? capex : inputs.TotalContractValue;
                Side("Sizing: loan-to-value", $"={P("Loan")}/{basis}", basisValue > 0 ? debt.Loan / basisValue : 0.0, Percent, "SizedLtv");
                Side("Sizing holds: at most the maximum?", $"=IF({P("SizedLtv")}<=In_SizingValue*(1+1E-9),\"yes\",\"NO\")", basisValue <= 0 || debt.Loan / basisValue <= sizing.Value * (1 + 1e-9) ? "yes" : "NO", null);
                break;
        }
        Side("DSCR covenant", "=IF(ISNUMBER(In_CovenantMinDscr),In_CovenantMinDscr,\"not set\")", loan.CovenantMinDscr is { } cd ? cd : "not set", Multiple);
        Side("LTV covenant", "=IF(ISNUMBER(In_CovenantMaxLtv),In_CovenantMaxLtv,\"not set\")", loan.CovenantMaxLtv is { } cl ? cl : "not set", Percent);
        Side("First covenant breach", $"=IF(AND(NOT(ISNUMBER(In_CovenantMinDscr)),NOT(ISNUMBER(In_CovenantMaxLtv))),\"no covenant set\",IF(COUNT(T2:T{last})=0,\"no breach\",INDEX(S2:S{last},MIN(T2:T{last})+1)))",
            debt.Covenants.Outcome, null, "FirstBreach");
        if (atFloor)
        {
            var result = RentalProject.Evaluate(inputs, wb.Scenario.HurdleRate);
            Side("NPV of the equity at the hurdle, at this price", $"=U2+NPV(Cf_MonthlyHurdle,U3:U{last})", result.Npv, Money, "Npv");
        }

        // The months.
        var payment = 0.0;
        for (var m = 0; m <= wb.LastMonth; m++)
        {
            var r = m + 2;
            var a = "A" + r;
            var d = m < debt.Months.Count ? debt.Months[m] : null;
            var opening = m > 0 && m - 1 < debt.Months.Count ? debt.Months[m - 1].Balance : 0.0;
            var live = d is not null && m > 0 && opening > 0;
            var interest = d?.Interest ?? 0.0;
            if (live && m == debt.FirstRepaymentMonth)
                payment = rate == 0 ? opening / n : opening * rate / (1 - Math.Pow(1 + rate, -n));
            var scheduled = !live || m < debt.FirstRepaymentMonth ? 0.0 : loan.Repayment switch
            {
                Repayment.Level => Math.Min(opening, payment - interest),
                Repayment.Sculpted => Math.Min(opening, Math.Max(0, Math.Max(0, d!.Cfads) / loan.TargetDscr!.Value - interest)),
                _ => 0.0,
            };
            sh.Set(r, 1, m == 0 ? new SheetCell(0.0, null, Integer, CellRole.Derived) : F($"=A{r - 1}+1", (double)m, Integer));
            var cfadsHere = $"CashFlows!{A1.Column(CashFlowsSheet.CfadsAt0Col)}{r}+{P("Price")}*CashFlows!{A1.Column(CashFlowsSheet.CfadsPerDollarCol)}{r}";
            sh.Set(r, 2, F("=" + cfadsHere, d?.Cfads ?? 0.0, Money));
            sh.Set(r, 3, F($"=IF({a}<In_DrawMonths,1/In_DrawMonths,0)", m < loan.DrawMonths ? 1.0 / loan.DrawMonths : 0.0, "0.0000"));
            sh.Set(r, 4, F($"={P("Loan")}*C{r}", d?.Draw ?? 0.0, Money));
            // The opening balance is the closing balance a row up, through OFFSET: LibreOffice (7.4) does not calculate a
            // column holding OFFSET in its threaded formula groups, which otherwise read the balance chain (opening balance,
            // interest, principal, closing balance) before it is computed and give sculpted principal from stale interest.
            sh.Set(r, 5, F(m == 0 ? "=0" : $"=OFFSET(L{r},-1,0)", opening, Money));
            sh.Set(r, 6, F($"=IF(AND({a}>0,{a}<=Cf_Horizon,E{r}>0),E{r}*Cf_DebtRateMonthly,0)", interest, Money));
            sh.Set(r, 7, F(m == 0 ? "=0" : $"=IF(AND({a}={P("First")},E{r}>0),IF(Cf_DebtRateMonthly=0,E{r}/{P("N")},E{r}*Cf_DebtRateMonthly/(1-(1+Cf_DebtRateMonthly)^(-{P("N")}))),G{r - 1})", m == 0 ? 0.0 : payment, Money));
            sh.Set(r, 8, F($"=IF(AND({a}>0,{a}<=Cf_Horizon,E{r}>0,{a}>={P("First")}),IF(In_Repayment=\"level\",MIN(E{r},G{r}-F{r}),IF(In_Repayment=\"sculpted\",MIN(E{r},MAX(0,MAX(0,{cfadsHere})/In_TargetDscr-F{r})),0)),0)",
                scheduled, Money));
            sh.Set(r, 9, F($"=IF(AND({a}>0,{a}<=Cf_Horizon,E{r}>0),IF(OR({a}=Cf_DebtMonths,{a}=Cf_Horizon),E{r},H{r}),0)", d?.Principal ?? 0.0, Money));
            sh.Set(r, 10, F($"=IF(I{r}-H{r}>{P("Tiny")},I{r}-H{r},0)", d?.Balloon ?? 0.0, Money));
            sh.Set(r, 11, F($"=F{r}+I{r}-J{r}", d?.DebtService ?? 0.0, Money));
            sh.Set(r, 12, F($"=E{r}-I{r}+D{r}", d?.Balance ?? 0.0, Money));
            sh.Set(r, 13, F($"=IF(AND({a}>={P("First")},K{r}>{P("Tiny")}*1E-3),B{r}/K{r},\"\")", d?.Dscr is { } x ? x : "", Multiple));
            sh.Set(r, 14, F($"=D{r}-F{r}-I{r}", d?.EquityFlow ?? 0.0, Money));
            var value = m <= wb.Horizon ? (wb.Horizon == 0 ? endValue : capex - (capex - endValue) * m / wb.Horizon) : 0.0;
            sh.Set(r, 15, F($"=IF({a}<=Cf_Horizon,IF(Cf_Horizon=0,{P("EndValue")},Capex_PerGpu-(Capex_PerGpu-{P("EndValue")})*{a}/Cf_Horizon),0)", value, Money));
            var cov = debt.Covenants.Months.FirstOrDefault(c => c.Month == m);
            sh.Set(r, 16, F($"=IF(AND(L{r}>0,O{r}>0),L{r}/O{r},\"\")", d is not null && d.Balance > 0 && value > 0 ? d.Balance / value : "", Percent));
            sh.Set(r, 17, F($"=IF(AND(ISNUMBER(In_CovenantMinDscr),ISNUMBER(M{r})),IF(M{r}<In_CovenantMinDscr,\"yes\",\"\"),\"\")", cov?.DscrBreached == true ? "yes" : "", null));
            sh.Set(r, 18, F($"=IF(AND(ISNUMBER(In_CovenantMaxLtv),L{r}>0),IF(ISNUMBER(P{r}),IF(P{r}>In_CovenantMaxLtv,\"yes\",\"\"),\"yes\"),\"\")", cov?.LtvBreached == true ? "yes" : "", null));
            sh.Set(r, 19, F($"=IF(OR(Q{r}=\"yes\",R{r}=\"yes\"),\"month \"&{a}&\": \"&IF(Q{r}=\"yes\",\"DSCR \"&TEXT(ROUND(M{r},9),\"0.00\")&\"x below the \"&TEXT(In_CovenantMinDscr,\"0.00\")&\"x minimum\",\"\")" +
                $"&IF(AND(Q{r}=\"yes\",R{r}=\"yes\"),\"; \",\"\")&IF(R{r}=\"yes\",IF(ISNUMBER(P{r}),\"LTV \"&TEXT(ROUND(P{r},9),\"0.0%\")&\" above the \"&TEXT(In_CovenantMaxLtv,\"0.0%\")&\" maximum\"," +
                $"\"a balance of $\"&TEXT(L{r},\"#,##0\")&\" against an asset worth nothing (LTV maximum \"&TEXT(In_CovenantMaxLtv,\"0.0%\")&\")\"),\"\"),\"\")", cov?.Breach ?? "", null));
            sh.Set(r, 20, F($"=IF(S{r}<>\"\",{a},\"\")", cov?.Breach is not null ? (double)m : "", Integer));
            if (atFloor)
                sh.Set(r, EquityNetCol, F($"=CashFlows!B{r}+B{r}+N{r}", m < schedule!.Count ? schedule[m].Net : 0.0, Money));
        }
    }
}
