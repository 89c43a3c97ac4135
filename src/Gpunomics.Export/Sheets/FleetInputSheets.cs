using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Fleet;
using Gpunomics.Market;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;
using static Gpunomics.Export.Sheets.FleetContext;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// The fleet workbook's inputs: the Fleet sheet (spot use, defaults, debt, covenants, hurdle, residual curve), the
/// Deployments (each vintage's GPUs, month, life, capex and operating cost per GPU-month, with its sale share and loan),
/// the Contracts (renter, credit, price, start, term, prepayment, utilization, named default) and the SpotPrices (each
/// system's price by month from its forward curve, the curve's basis beside it).
/// </summary>
internal static class FleetInputSheets
{
    public static void Add(FleetContext wb)
    {
        AddAssumptions(wb);
        AddDeployments(wb);
        AddContracts(wb);
        AddSpotPrices(wb);
    }

    private static void AddAssumptions(FleetContext wb)
    {
        var f = wb.Fleet;
        var r = wb.Result;
        var sh = wb.NewSheet(FleetWorkbook.Assumptions, ("Input", 44), ("Value", 18), ("Unit and source", 90));
        var row = 1;
        void Line(string name, string label, SheetCell cell, string note)
        {
            row++;
            sh.Set(row, 1, Label(label));
            sh.Set(row, 2, cell);
            sh.Set(row, 3, Label(note));
            wb.Name("Fl_" + name, sh, row, 2);
        }
        sh.Set(1, 3, Label($"{f.Name}: {f.Description}"));
        Line("Hurdle", "Hurdle rate (NPV)", In(r.Hurdle, Percent), f.HurdleRate is null ? "annual effective; the scenario's hurdle" : "annual effective; the fleet file's hurdleRate");
        Line("MonthlyHurdle", "Hurdle rate, monthly", F("=(1+Fl_Hurdle)^(1/12)-1", Rates.AnnualToMonthly(r.Hurdle), Rate), "(1 + hurdle)^(1/12) - 1");
        Line("Hours", "Hours a month", In(Rates.HoursPerMonth, Number), "8,760 / 12");
        Line("SpotUtil", "Spot: share of uncontracted hours sold", In(f.Spot.Utilization, Percent), $"spot.utilization; priced at the {f.Spot.Pricing.Name()} forward curve (SpotPrices)");
        Line("Mode", "Defaults", In(f.Defaults.Mode.ToString().ToLowerInvariant(), null), "expected: every contract at its tier's annual probability; scenario: the named defaults (Contracts, default month); none");
        Line("ProbIG", "Annual default probability, investment-grade", In(f.Defaults.InvestmentGradeProbability, Percent), "an estimate (methodology: Fleet)");
        Line("ProbNIG", "Annual default probability, non-investment-grade", In(f.Defaults.NonInvestmentGradeProbability, Percent), "an estimate (methodology: Fleet)");
        Line("Recovery", "Recovery of the unpaid cash bills", In(f.Defaults.Recovery, Percent), "received in the month of default");
        Line("Delay", "Months idle after a default", In((double)f.Defaults.ReleaseDelayMonths, Integer), "then the GPUs sell at spot");
        var debt = f.Debt;
        Line("Debt", "Debt", In(debt is null ? "no" : "yes", null), debt is null ? "the fleet file has no debt" : "a loan per vintage, drawn with its capex");
        Line("DebtShare", "Loan, share of each vintage's capex", In(debt?.Share ?? 0.0, Percent), "debt.share");
        Line("DebtRate", "Debt rate", In(debt?.AnnualRate ?? 0.0, Percent), "annual effective" + (debt?.RateNote is { } note ? "; " + note : ""));
        Line("DebtRateMonthly", "Debt rate, monthly", F("=(1+Fl_DebtRate)^(1/12)-1", Rates.AnnualToMonthly(debt?.AnnualRate ?? 0.0), Rate), "(1 + rate)^(1/12) - 1");
        Line("DebtTerm", "Loan term, months", In(debt?.TermMonths is { } term ? (double)term : "each vintage's life", Integer), "debt.termMonths; text: each vintage's life");
        Line("Repayment", "Repayment", In((debt?.Repayment ?? Repayment.Level).ToString().ToLowerInvariant(), null), "level: equal payments of interest and principal; balloon: interest only, the principal at the term");
        Line("CovDscr", "Covenant: lowest fleet DSCR", In(debt?.CovenantMinDscr is { } cd ? cd : "not set", Multiple), "fleet CFADS / fleet scheduled debt service, every month with debt service");
        Line("CovLtv", "Covenant: highest fleet LTV", In(debt?.CovenantMaxLtv is { } cl ? cl : "not set", Percent), "fleet balance / fleet resale value");
        var capexTotal = r.Vintages.Sum(v => v.CapexPerGpu * v.Deployment.Gpus);
        Line("CashTolerance", "Cash below zero from", F($"=-1E-6*MAX(1,SUM({FleetWorkbook.Deployments}!K2:K{DeploymentRow(r.Vintages.Count - 1)}))", -1e-6 * Math.Max(1, capexTotal), Money),
            "a millionth of the fleet's capex below zero");
        row += 2;
        sh.Set(row, 1, Label("Residual value, share of capex at the end of year"));
        sh.Set(row, 3, Label("resale value by age, straight between years (1 at age 0); the sale at each vintage's life and the LTV's asset value"));
        var first = row + 1;
        for (var y = 0; y < f.Residual.ShareByYear.Count; y++)
        {
            row++;
            sh.Set(row, 1, Label($"year {y + 1}"));
            sh.Set(row, 2, In(f.Residual.ShareByYear[y], Percent));
        }
        wb.NameRange("Fl_Res", sh, first, 2, row, 2);
        row++;
        sh.Set(row, 1, Label("Years on the curve"));
        sh.Set(row, 2, F("=COUNT(Fl_Res)", (double)f.Residual.ShareByYear.Count, Integer));
        wb.Name("Fl_ResCount", sh, row, 2);
    }

    /// <summary>The residual curve's share at an age in years (an expression), as ResidualCurve.ShareAt.</summary>
    public static string ShareAt(string age)
    {
        var before = $"IF(INT({age})=0,1,INDEX(Fl_Res,INT({age})))";
        return $"IF(INT({age})>=Fl_ResCount,INDEX(Fl_Res,Fl_ResCount),{before}+(INDEX(Fl_Res,INT({age})+1)-{before})*({age}-INT({age})))";
    }

    private static void AddDeployments(FleetContext wb)
    {
        var f = wb.Fleet;
        var sh = wb.NewSheet(FleetWorkbook.Deployments, ("Vintage", 14), ("System", 14), ("GPUs", 8), ("Bought", 9), ("Start month", 8), ("Life, months", 8), ("End month", 8),
            ("Capex per GPU", 14), ("Operating cost per GPU-month at spot use", 14), ("Operating cost per GPU-month idle", 14), ("Capex", 16), ("Sale share at life's end", 10),
            ("Loan", 16), ("Loan term, months", 8), ("Rounding allowance", 10), ("Capex from", 20));
        sh.FreezeColumns = 1;
        for (var j = 0; j < wb.Result.Vintages.Count; j++)
        {
            var v = wb.Result.Vintages[j];
            var d = v.Deployment;
            var r = DeploymentRow(j);
            var capex = v.CapexPerGpu * d.Gpus;
            var loan = (f.Debt?.Share ?? 0.0) * capex;
            sh.Set(r, 1, In(d.Id, null));
            sh.Set(r, 2, In(d.SystemId, null));
            sh.Set(r, 3, In((double)d.Gpus, Integer));
            sh.Set(r, 4, Label(FleetDates.Text(d.Date)));
            sh.Set(r, 5, In((double)f.MonthOf(d.Date), Integer));
            sh.Set(r, 6, In((double)d.LifeMonths, Integer));
            sh.Set(r, 7, F($"=E{r}+F{r}", (double)(f.MonthOf(d.Date) + d.LifeMonths), Integer));
            sh.Set(r, 8, In(v.CapexPerGpu, Money));
            sh.Set(r, 9, In(wb.OpexPerGpuMonth(v, f.Spot.Utilization), Money));
            sh.Set(r, 10, In(wb.OpexPerGpuMonth(v, 0), Money));
            sh.Set(r, 11, F($"=C{r}*H{r}", capex, Money));
            sh.Set(r, 12, F("=" + ShareAt($"F{r}/12"), f.Residual.ShareAt(d.LifeMonths / 12.0), Percent));
            sh.Set(r, 13, F($"=IF(Fl_Debt=\"yes\",Fl_DebtShare*K{r},0)", loan, Money));
            sh.Set(r, 14, F($"=IF(ISNUMBER(Fl_DebtTerm),Fl_DebtTerm,F{r})", (double)(f.Debt?.TermMonths ?? d.LifeMonths), Integer));
            sh.Set(r, 15, F($"=1E-9*MAX(1,ABS(M{r}))", 1e-9 * Math.Max(1, Math.Abs(loan)), "0.00E+00"));
            sh.Set(r, 16, Label(v.CapexBasis));
        }
    }

    private static void AddContracts(FleetContext wb)
    {
        var f = wb.Fleet;
        var sh = wb.NewSheet(FleetWorkbook.Contracts, ("Contract", 9), ("Renter", 18), ("Credit", 20), ("Vintage", 14), ("GPUs", 8), ("Start", 9), ("Start month", 8),
            ("Term, months", 8), ("Price, $/GPU-hour", 10), ("Prepaid share", 9), ("Utilization", 9), ("Operating cost per GPU-month at its use", 14),
            ("Default month (named)", 9), ("Default", 9), ("Annual default probability", 10), ("Monthly hazard", 12), ("First billed month unpaid", 10),
            ("Bill per GPU-month", 14), ("Total value", 16));
        sh.FreezeColumns = 1;
        for (var i = 0; i < wb.Contracts; i++)
        {
            var c = f.Contracts[i];
            var r = ContractRow(i);
            var s = f.MonthOf(c.Start);
            var named = f.Defaults.Mode == DefaultMode.Scenario ? f.Defaults.Events.FirstOrDefault(e => string.Equals(e.ContractId, c.Id, StringComparison.OrdinalIgnoreCase)) : null;
            var probability = f.Defaults.Mode == DefaultMode.Expected ? f.Defaults.Probability(c.Credit) : 0.0;
            sh.Set(r, 1, In(c.Id, null));
            sh.Set(r, 2, In(c.Renter, null));
            sh.Set(r, 3, In(c.Credit.Key(), null));
            sh.Set(r, 4, In(c.DeploymentId, null));
            sh.Set(r, 5, In((double)c.Gpus, Integer));
            sh.Set(r, 6, Label(FleetDates.Text(c.Start)));
            sh.Set(r, 7, In((double)s, Integer));
            sh.Set(r, 8, In((double)c.TermMonths, Integer));
            sh.Set(r, 9, In(c.PricePerGpuHour, MoneyHour));
            sh.Set(r, 10, In(c.PrepayShare, Percent));
            sh.Set(r, 11, In(c.Utilization, Percent));
            sh.Set(r, 12, In(wb.OpexPerGpuMonth(wb.VintageOf(c), c.Utilization), Money));
            // The timeline month whose operation is the first unpaid bill: a named default's calendar month D is month MonthOf(D) + 1.
            sh.Set(r, 13, named is null ? Label("") : In((double)(f.MonthOf(named.Date) + 1), Integer));
            sh.Set(r, 14, Label(named is null ? "" : FleetDates.Text(named.Date)));
            sh.Set(r, 15, F($"=IF(Fl_Mode=\"expected\",IF(C{r}=\"investment-grade\",Fl_ProbIG,Fl_ProbNIG),0)", probability, Percent));
            sh.Set(r, 16, F($"=1-(1-O{r})^(1/12)", f.Defaults.Mode == DefaultMode.Expected ? 1 - Math.Pow(1 - probability, 1.0 / 12) : 0.0, "0.000000%"));
            sh.Set(r, 17, F($"=IF(AND(Fl_Mode=\"scenario\",ISNUMBER(M{r})),M{r}-G{r},\"none\")",
                named is null ? "none" : (double)(FleetDates.MonthsBetween(c.Start, named.Date) + 1), Integer));
            sh.Set(r, 18, F($"=I{r}*Fl_Hours*K{r}", c.BillPerGpuMonth, Money));
            sh.Set(r, 19, F($"=R{r}*E{r}*H{r}", c.TotalValue, Money));
        }
    }

    private static void AddSpotPrices(FleetContext wb)
    {
        var paths = wb.Result.SpotPrices.Values.ToList();
        var columns = new List<(string, double)> { ("Month", 8), ("Date", 9) };
        columns.AddRange(paths.Select(p => (p.SystemId, 12.0)));
        columns.Add(("", 3));
        columns.Add(("Source of each system's spot price, $/GPU-hour", 120));
        var sh = wb.NewSheet(FleetWorkbook.SpotPrices, [.. columns]);
        sh.FreezeColumns = 2;
        for (var t = 0; t <= wb.Last; t++)
        {
            var r = Row(t);
            sh.Set(r, 1, In((double)t, Integer));
            sh.Set(r, 2, Label(t == 0 ? "start" : FleetDates.Text(wb.Result.MonthDate(t))));
            for (var k = 0; k < paths.Count; k++)
                sh.Set(r, 3 + k, In(t < paths[k].PricePerGpuHour.Count ? paths[k].PricePerGpuHour[t] : 0.0, MoneyHour));
        }
        var note = 3 + paths.Count + 1;
        for (var k = 0; k < paths.Count; k++)
            sh.Set(2 + k, note, Label($"{paths[k].SystemId}: {paths[k].Basis}" + (paths[k].Warning is { } w ? $" (warning: {w})" : "")));
    }

    /// <summary>The spot price of vintage <paramref name="j"/>'s system at row <paramref name="row"/> of the SpotPrices sheet.</summary>
    public static string SpotPrice(FleetContext wb, int j, int row)
    {
        var last = A1.Column(2 + wb.Result.SpotPrices.Count);
        return $"INDEX({FleetWorkbook.SpotPrices}!$C{row}:${last}{row},MATCH({Dep(j, 2)},{FleetWorkbook.SpotPrices}!$C$1:${last}$1,0))";
    }
}
