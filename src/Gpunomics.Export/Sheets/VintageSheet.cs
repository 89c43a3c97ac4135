using Gpunomics.Fleet;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.FleetContext;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// A vintage's sheet: its flows month by month on the fleet's timeline, as SUMPRODUCTs over the contracts that rent it
/// (ContractMonths) and its spot sales at the spot price path, then its loan (drawn with the capex; interest on the
/// opening balance; level or balloon repayment; repaid at the term or the life's end, whichever first) and its net flow.
/// </summary>
internal static class VintageSheet
{
    /// <summary>Columns read by the fleet's monthly table.</summary>
    public const int SpotRevenueCol = 10, OperatingCostCol = 12, CfadsCol = 14, CapexCol = 15, AssetValueCol = 16, InterestCol = 19,
        PrincipalCol = 22, DebtServiceCol = 24, BalanceCol = 25, NetCol = 26, BacklogCol = 27;

    public static void Add(FleetContext wb, int j)
    {
        var v = wb.Result.Vintages[j];
        var d = v.Deployment;
        var s = v.Series;
        var f = wb.Fleet;
        var sh = wb.NewSheet(FleetWorkbook.VintageSheetName(j), ("Month", 8), ("Date", 9), ("Contracted GPUs", 10), ("Idle GPUs", 10), ("Spot GPUs", 10), ("Spot price", 10),
            ("Contracted revenue", 14), ("Prepayment", 14), ("Prepayment credit", 14), ("Spot revenue", 14), ("Recovery", 14), ("Operating cost", 14), ("Sale", 14),
            ("CFADS", 14), ("Capex", 16), ("Asset value", 16), ("Draw", 16), ("Opening balance", 16), ("Interest", 14), ("Level payment", 14), ("Scheduled principal", 14),
            ("Principal", 14), ("Balloon", 14), ("Debt service", 14), ("Closing balance", 16), ("Net", 16), ("Backlog", 16), ("", 3), ($"{d.Id}: {d.Gpus:N0} {d.SystemId} GPUs from {FleetDates.Text(d.Date)}, {d.LifeMonths} months", 40));
        sh.FreezeColumns = 2;
        var o = f.MonthOf(d.Date);
        var end = o + d.LifeMonths;
        var debtTerm = f.Debt?.TermMonths ?? d.LifeMonths;
        var n = Math.Max(1, debtTerm);
        var rate = Finance.Rates.AnnualToMonthly(f.Debt?.AnnualRate ?? 0.0);
        var loanMonths = v.Loan?.Months;
        var payment = 0.0;
        var none = wb.Contracts == 0;
        string Mask() => $"({wb.CmHeader(CmVintage)}={Dep(j, 1)})";
        string Sum(string terms) => none ? "0" : $"SUMPRODUCT({Mask()}*{terms})";
        for (var t = 0; t <= wb.Last; t++)
        {
            var r = Row(t);
            var cm = CmRow(t);
            var a = $"($A{r}-{Dep(j, 5)})";
            var life = $"AND({a}>0,{a}<={Dep(j, 6)})";
            var inLife = t > o && t <= end;
            var opening = t > 0 ? s.DebtBalance[t - 1] : 0.0;
            var m = loanMonths is not null && t - o >= 0 && t - o < loanMonths.Count ? loanMonths[t - o] : null;
            if (t - o == 1 && opening > 0) payment = rate == 0 ? opening / n : opening * rate / (1 - Math.Pow(1 + rate, -n));
            var live = t - o > 0 && t <= end && opening > 0;
            var scheduled = live && f.Debt?.Repayment == Financing.Repayment.Level ? Math.Min(opening, payment - s.Interest[t]) : 0.0;

            sh.Set(r, 1, In((double)t, Integer));
            sh.Set(r, 2, Label(t == 0 ? "start" : FleetDates.Text(wb.Result.MonthDate(t))));
            sh.Set(r, 3, F("=" + Sum($"{wb.CmHeader(CmGpus)}*{wb.CmRange(Paying, cm)}"), s.ContractedGpus[t], "#,##0.00"));
            sh.Set(r, 4, F($"=IF({life},{Sum($"{wb.CmHeader(CmGpus)}*{wb.CmRange(Idle, cm)}")},0)", s.IdleGpus[t], "#,##0.00"));
            sh.Set(r, 5, F($"=IF({life},MAX(0,{Dep(j, 3)}-C{r}-D{r}),0)", s.SpotGpus[t], "#,##0.00"));
            sh.Set(r, 6, F($"=IF({life},{FleetInputSheets.SpotPrice(wb, j, r)},\"\")", inLife ? wb.Result.SpotPrices[d.SystemId].PricePerGpuHour[t] : "", MoneyHour));
            sh.Set(r, 7, F("=" + Sum($"{wb.CmHeader(CmBill)}*{wb.CmRange(Paying, cm)}"), s.ContractedRevenue[t], Money));
            sh.Set(r, 8, F("=" + Sum($"({wb.CmHeader(CmStart)}=$A{r})*{wb.CmHeader(CmPrepay)}*{wb.CmHeader(CmTotal)}"), s.Prepayment[t], Money));
            sh.Set(r, 9, F("=-" + Sum($"{wb.CmHeader(CmPrepay)}*{wb.CmHeader(CmBill)}*{wb.CmRange(Paying, cm)}"), s.PrepaymentCredit[t], Money));
            sh.Set(r, 10, F($"=IF(E{r}>0,E{r}*F{r}*Fl_Hours*Fl_SpotUtil,0)", s.SpotRevenue[t], Money));
            sh.Set(r, 11, F("=" + Sum(wb.CmRange(Recovery, cm)), s.Recovery[t], Money));
            sh.Set(r, 12, F($"=-{Sum($"{wb.CmHeader(CmGpus)}*{wb.CmHeader(CmOpex)}*{wb.CmRange(Paying, cm)}")}-IF({life},E{r}*{Dep(j, 9)}+D{r}*{Dep(j, 10)},0)", s.OperatingCost[t], Money));
            sh.Set(r, 13, F($"=IF($A{r}={Dep(j, 7)},{Dep(j, 11)}*{Dep(j, 12)},0)", s.Sale[t], Money));
            sh.Set(r, 14, F($"=H{r}+G{r}+I{r}+J{r}+K{r}+L{r}+M{r}", s.Cfads[t], Money));
            sh.Set(r, 15, F($"=IF($A{r}={Dep(j, 5)},-{Dep(j, 11)},0)", s.Capex[t], Money));
            sh.Set(r, 16, F($"=IF(AND({a}>=0,{a}<={Dep(j, 6)}),{Dep(j, 11)}*{FleetInputSheets.ShareAt($"{a}/12")},0)", s.AssetValue[t], Money));
            sh.Set(r, 17, F($"=IF($A{r}={Dep(j, 5)},{Dep(j, 13)},0)", s.DebtDraw[t], Money));
            // The opening balance through OFFSET, as the deal's Debt sheet: LibreOffice 7.4's threaded formula groups
            // otherwise read the balance chain before it is computed.
            sh.Set(r, 18, F(t == 0 ? "=0" : $"=OFFSET(Y{r},-1,0)", opening, Money));
            sh.Set(r, 19, F($"=IF(AND({a}>0,{a}<={Dep(j, 6)},R{r}>0),R{r}*Fl_DebtRateMonthly,0)", s.Interest[t], Money));
            var nExpr = $"MAX(1,{Dep(j, 14)})";
            sh.Set(r, 20, F(t == 0 ? "=0" : $"=IF(AND({a}=1,R{r}>0),IF(Fl_DebtRateMonthly=0,R{r}/{nExpr},R{r}*Fl_DebtRateMonthly/(1-(1+Fl_DebtRateMonthly)^(-{nExpr}))),T{r - 1})", payment, Money));
            sh.Set(r, 21, F($"=IF(AND({a}>0,{a}<={Dep(j, 6)},R{r}>0),IF(Fl_Repayment=\"level\",MIN(R{r},T{r}-S{r}),0),0)", scheduled, Money));
            sh.Set(r, 22, F($"=IF(AND({a}>0,{a}<={Dep(j, 6)},R{r}>0),IF(OR({a}={Dep(j, 14)},{a}={Dep(j, 6)}),R{r},U{r}),0)", s.Principal[t], Money));
            sh.Set(r, 23, F($"=IF(V{r}-U{r}>{Dep(j, 15)},V{r}-U{r},0)", m?.Balloon ?? 0.0, Money));
            sh.Set(r, 24, F($"=S{r}+V{r}-W{r}", s.DebtService[t], Money));
            sh.Set(r, 25, F($"=R{r}-V{r}+Q{r}", s.DebtBalance[t], Money));
            sh.Set(r, 26, F($"=N{r}+O{r}+Q{r}-S{r}-V{r}", s.Net[t], Money));
            sh.Set(r, 27, F("=" + Sum(wb.CmRange(Backlog, cm)), s.Backlog[t], Money));
        }
    }
}
