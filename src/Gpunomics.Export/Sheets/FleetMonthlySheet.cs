using Gpunomics.Fleet;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.FleetContext;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// The FleetMonthly sheet: the fleet month by month. Contracted revenue and backlog are SUMPRODUCTs over every contract
/// (ContractMonths); spot revenue, operating cost, CFADS, debt and the net flow the vintages' sums; then cash (operating
/// cash after debt service, accumulated), DSCR and LTV of the fleet, and the covenant tests.
/// </summary>
internal static class FleetMonthlySheet
{
    public const int Contracted = 3, Spot = 4, Revenue = 5, Backlog = 6, Opex = 7, Cfads = 8, Interest = 9, Principal = 10, Service = 11, Balance = 12,
        AssetValue = 13, Net = 14, Cash = 15, Dscr = 16, Ltv = 17, DscrBreach = 18, LtvBreach = 19, BreachText = 20, BreachMonth = 21, ShortMonth = 22, Cumulative = 23;

    public static void Add(FleetContext wb)
    {
        var r0 = wb.Result;
        var T = r0.Total;
        var sh = wb.NewSheet(FleetWorkbook.Monthly, ("Month", 8), ("Date", 9), ("Contracted revenue", 16), ("Spot revenue", 16), ("Revenue", 16), ("Backlog", 18),
            ("Operating cost", 16), ("CFADS", 16), ("Interest", 14), ("Principal", 14), ("Scheduled debt service", 14), ("Debt balance", 16), ("Asset value", 16),
            ("Equity net flow", 16), ("Cash", 16), ("DSCR", 8), ("LTV", 8), ("DSCR covenant breached", 9), ("LTV covenant breached", 9), ("Covenant breach", 44),
            ("Breach month", 8), ("Cash below zero: month", 8), ("Cumulative net flow", 16));
        sh.FreezeColumns = 2;
        var vintages = Enumerable.Range(0, r0.Vintages.Count).Select(FleetWorkbook.VintageSheetName).ToList();
        string Across(int col, int r) => "=" + string.Join("+", vintages.Select(v => $"{v}!{A1.Column(col)}{r}"));
        var covenants = r0.Covenants;
        var tolerance = -1e-6 * Math.Max(1, -T.Capex.Sum());
        var cumulative = 0.0;
        for (var t = 0; t <= wb.Last; t++)
        {
            var r = Row(t);
            var cm = CmRow(t);
            cumulative += T.Net[t];
            sh.Set(r, 1, In((double)t, Integer));
            sh.Set(r, 2, Label(t == 0 ? "start" : FleetDates.Text(r0.MonthDate(t))));
            sh.Set(r, Contracted, F(wb.Contracts == 0 ? "=0" : $"=SUMPRODUCT({wb.CmHeader(CmBill)}*{wb.CmRange(FleetContext.Paying, cm)})", T.ContractedRevenue[t], Money));
            sh.Set(r, Spot, F(Across(VintageSheet.SpotRevenueCol, r), T.SpotRevenue[t], Money));
            sh.Set(r, Revenue, F($"=C{r}+D{r}", T.ContractedRevenue[t] + T.SpotRevenue[t], Money));
            sh.Set(r, Backlog, F(wb.Contracts == 0 ? "=0" : $"=SUM({wb.CmRange(FleetContext.Backlog, cm)})", T.Backlog[t], Money));
            sh.Set(r, Opex, F(Across(VintageSheet.OperatingCostCol, r), T.OperatingCost[t], Money));
            sh.Set(r, Cfads, F(Across(VintageSheet.CfadsCol, r), T.Cfads[t], Money));
            sh.Set(r, Interest, F(Across(VintageSheet.InterestCol, r), T.Interest[t], Money));
            sh.Set(r, Principal, F(Across(VintageSheet.PrincipalCol, r), T.Principal[t], Money));
            sh.Set(r, Service, F(Across(VintageSheet.DebtServiceCol, r), T.DebtService[t], Money));
            sh.Set(r, Balance, F(Across(VintageSheet.BalanceCol, r), T.DebtBalance[t], Money));
            sh.Set(r, AssetValue, F(Across(VintageSheet.AssetValueCol, r), T.AssetValue[t], Money));
            sh.Set(r, Net, F(Across(VintageSheet.NetCol, r), T.Net[t], Money));
            // Running balances through OFFSET (LibreOffice 7.4's threaded formula groups, as on the vintage sheets).
            sh.Set(r, Cash, F(t == 0 ? $"=H{r}-I{r}-J{r}" : $"=OFFSET(O{r},-1,0)+H{r}-I{r}-J{r}", r0.Cash[t], Money));
            sh.Set(r, Dscr, F($"=IF(Fl_Debt=\"yes\",IF(K{r}>1E-9,H{r}/K{r},\"\"),\"\")", r0.Dscr[t] is { } dscr ? dscr : "", Multiple));
            sh.Set(r, Ltv, F($"=IF(Fl_Debt=\"yes\",IF(AND(L{r}>0,M{r}>0),L{r}/M{r},\"\"),\"\")", r0.Ltv[t] is { } ltv ? ltv : "", Percent));
            var cov = covenants?.Months.FirstOrDefault(c => c.Month == t);
            sh.Set(r, DscrBreach, F($"=IF(AND(ISNUMBER(Fl_CovDscr),ISNUMBER(P{r})),IF(P{r}<Fl_CovDscr,\"yes\",\"\"),\"\")", cov?.DscrBreached == true ? "yes" : "", null));
            sh.Set(r, LtvBreach, F($"=IF(AND(ISNUMBER(Fl_CovLtv),L{r}>0),IF(ISNUMBER(Q{r}),IF(Q{r}>Fl_CovLtv,\"yes\",\"\"),\"yes\"),\"\")", cov?.LtvBreached == true ? "yes" : "", null));
            sh.Set(r, BreachText, F($"=IF(OR(R{r}=\"yes\",S{r}=\"yes\"),\"month \"&A{r}&\": \"&IF(R{r}=\"yes\",\"DSCR \"&TEXT(P{r},\"0.00\")&\"x below the \"&TEXT(Fl_CovDscr,\"0.00\")&\"x minimum\",\"\")" +
                $"&IF(AND(R{r}=\"yes\",S{r}=\"yes\"),\"; \",\"\")&IF(S{r}=\"yes\",IF(ISNUMBER(Q{r}),\"LTV \"&TEXT(Q{r},\"0.0%\")&\" above the \"&TEXT(Fl_CovLtv,\"0.0%\")&\" maximum\"," +
                $"\"a balance of $\"&TEXT(L{r},\"#,##0\")&\" against an asset worth nothing (LTV maximum \"&TEXT(Fl_CovLtv,\"0.0%\")&\")\"),\"\"),\"\")", cov?.Breach ?? "", null));
            sh.Set(r, BreachMonth, F($"=IF(T{r}<>\"\",A{r},\"\")", cov?.Breach is not null ? (double)t : "", Integer));
            sh.Set(r, ShortMonth, F($"=IF(O{r}<Fl_CashTolerance,A{r},\"\")", r0.Cash[t] < tolerance ? (double)t : "", Integer));
            sh.Set(r, Cumulative, F(t == 0 ? $"=N{r}" : $"=OFFSET(W{r},-1,0)+N{r}", cumulative, Money));
        }
    }
}
