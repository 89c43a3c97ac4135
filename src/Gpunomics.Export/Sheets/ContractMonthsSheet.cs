using Gpunomics.Fleet;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.FleetContext;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// The ContractMonths sheet: each contract month by month, one column per contract in five blocks: the share of its
/// GPUs still paying (the renter's survival, (1 - monthly hazard)^k over its billed months k, 0 from a named default),
/// the share defaulting that month, the share idle (defaulted within the re-lease delay), its backlog (the bills
/// still to come) and its recovery. Above the months, each contract's vintage, GPUs, monthly bill, prepaid share,
/// operating cost, start and total value, which the vintage sheets' SUMPRODUCTs read.
/// </summary>
internal static class ContractMonthsSheet
{
    public static void Add(FleetContext wb)
    {
        var f = wb.Fleet;
        var n = wb.Contracts;
        var sh = wb.NewSheet(FleetWorkbook.ContractMonths, ("Month", 8));
        sh.FreezeRows = CmRow(0) - 1;
        sh.FreezeColumns = 1;
        string[] heads = ["paying", "defaulted", "idle", "backlog", "recovery"];
        string[] rowLabels = ["", "vintage", "GPUs", "bill of its GPUs a month", "prepaid share", "operating cost per GPU-month", "start month", "total value"];
        for (var h = 2; h <= CmTotal; h++) sh.Set(h, 1, Label(rowLabels[h - 1]));
        var lastRow = CmRow(wb.Last);
        for (var i = 0; i < n; i++)
        {
            var c = f.Contracts[i];
            for (var b = 0; b < heads.Length; b++)
            {
                sh.Set(1, wb.CmCol(b, i), Label($"{c.Id} {heads[b]}"));
                sh.ColumnWidths[wb.CmCol(b, i)] = b >= Backlog ? 14 : 10;
            }
            var col = wb.CmCol(0, i);
            sh.Set(CmVintage, col, F($"={Con(i, 4)}", c.DeploymentId, null));
            sh.Set(CmGpus, col, F($"={Con(i, 5)}", (double)c.Gpus, Integer));
            sh.Set(CmBill, col, F($"={Con(i, 18)}*{Con(i, 5)}", c.BillPerGpuMonth * c.Gpus, Money));
            sh.Set(CmPrepay, col, F($"={Con(i, 10)}", c.PrepayShare, Percent));
            sh.Set(CmOpex, col, F($"={Con(i, 12)}", wb.OpexPerGpuMonth(wb.VintageOf(c), c.Utilization), Money));
            sh.Set(CmStart, col, F($"={Con(i, 7)}", (double)f.MonthOf(c.Start), Integer));
            sh.Set(CmTotal, col, F($"={Con(i, 19)}", c.TotalValue, Money));

            var s = f.MonthOf(c.Start);
            var alive = FleetModel.Survival(f, c);
            var term = c.TermMonths;
            var bill = c.BillPerGpuMonth * c.Gpus;
            double Alive(int k) => k >= 0 && k <= term ? alive[k] : 0.0;
            double DefaultedAt(int k) => k >= 1 && k <= term ? alive[k - 1] - alive[k] : 0.0;
            var delay = f.Defaults.ReleaseDelayMonths;
            // The formulas' pieces: k, the billed month; the renter's survival to k (0 from a named default on).
            string K(int r) => $"($A{r}-{Con(i, 7)})";
            string Survival(string k) => $"IF(ISNUMBER({Con(i, 17)}),IF({k}>={Con(i, 17)},0,(1-{Con(i, 16)})^{k}),(1-{Con(i, 16)})^{k})";
            string Billed(int r) => $"AND({K(r)}>=1,{K(r)}<={Con(i, 8)})";
            var pay = A1.Column(wb.CmCol(Paying, i));
            var def = A1.Column(wb.CmCol(Defaulted, i));
            var bg = A1.Abs(CmBill, col);
            var prepay = A1.Abs(CmPrepay, col);
            var remaining = new double[wb.Last + 2];
            for (var t = wb.Last; t >= 0; t--) remaining[t] = remaining[t + 1] + (t + 1 <= wb.Last ? bill * (t + 1 - s >= 1 ? Alive(t + 1 - s) : 0.0) : 0.0);
            for (var t = 0; t <= wb.Last; t++)
            {
                var r = CmRow(t);
                var k = t - s;
                if (i == 0) sh.Set(r, 1, In((double)t, Integer));
                sh.Set(r, wb.CmCol(Paying, i), F($"=IF({Billed(r)},{Survival(K(r))},0)", k >= 1 ? Alive(k) : 0.0, "0.000000"));
                sh.Set(r, wb.CmCol(Defaulted, i), F($"=IF({Billed(r)},{Survival($"({K(r)}-1)")}-{Survival(K(r))},0)", DefaultedAt(k), "0.000000"));
                var idle = 0.0;
                for (var j = t - delay + 1; j <= t; j++) idle += DefaultedAt(j - s);
                sh.Set(r, wb.CmCol(Idle, i), F($"=SUMPRODUCT(($A${CmRow(0)}:$A${lastRow}>$A{r}-Fl_Delay)*($A${CmRow(0)}:$A${lastRow}<=$A{r})*{def}${CmRow(0)}:{def}${lastRow})", idle, "0.000000"));
                var backlog = k >= 0 && k <= term ? remaining[t] : 0.0;
                sh.Set(r, wb.CmCol(Backlog, i), t == wb.Last
                    ? F("=0", 0.0, Money)
                    : F($"=IF(AND({K(r)}>=0,{K(r)}<={Con(i, 8)}),{bg}*SUM({pay}{r + 1}:{pay}{lastRow}),0)", backlog, Money));
                var recovery = k >= 1 && k <= term ? f.Defaults.Recovery * bill * (1 - c.PrepayShare) * (term - k + 1) * DefaultedAt(k) : 0.0;
                sh.Set(r, wb.CmCol(Recovery, i), F($"=IF({Billed(r)},Fl_Recovery*{bg}*(1-{prepay})*({Con(i, 8)}-{K(r)}+1)*{def}{r},0)", recovery, Money));
            }
        }
        if (n == 0) for (var t = 0; t <= wb.Last; t++) sh.Set(CmRow(t), 1, In((double)t, Integer));
    }
}
