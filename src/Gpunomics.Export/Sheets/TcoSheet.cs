using Gpunomics.Finance;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The TCO sheet: capital charge and operating lines per GPU-hour.</summary>
internal static class TcoSheet
{
    public static void Add(WorkbookContext wb)
    {
        var scenario = wb.Scenario;
        var sh = wb.NewSheet(ScenarioWorkbook.Tco, ("Line", 44), ("Value", 16), ("Unit", 22), ("Formula", 70));
        var tco = wb.Model.Tco(wb.System.Id, wb.Multiplier);
        var f = scenario.Finance;
        var k = f.CostOfCapital;
        var residualPv = f.ResidualValueShare * tco.Capex.PerGpu / Math.Pow(1 + k, f.UsefulLifeYears);
        var crf = Rates.CapitalRecoveryFactor(k, f.UsefulLifeYears);
        var row = 1;
        void Line(string label, string formula, double value, string unit, string how, string? name, string format = MoneyHour)
        {
            row++;
            sh.Set(row, 1, Label(label));
            sh.Set(row, 2, F(formula, value, format));
            sh.Set(row, 3, Label(unit));
            sh.Set(row, 4, Label(how));
            if (name is not null) wb.Name(name, sh, row, 2);
        }
        double LineValue(string n) => tco.Lines.First(l => l.Name == n).PerGpuHour;
        Line("Capex per GPU", "=Capex_PerGpu", tco.Capex.PerGpu, "$ per GPU", "Capex sheet", null, Money);
        Line("Residual value, present value", "=In_TcoResidualShare*Capex_PerGpu/(1+In_CostOfCapital)^In_UsefulLifeYears", residualPv, "$ per GPU", "residual share x capex / (1 + k)^life", "Tco_ResidualPv", Money);
        Line("Capital recovery factor", "=IF(ABS(In_CostOfCapital)<1E-12,1/In_UsefulLifeYears,In_CostOfCapital/(1-(1+In_CostOfCapital)^(-In_UsefulLifeYears)))", crf, "per year", "annuity: k / (1 - (1 + k)^-life)", "Tco_Crf", "0.000000");
        var first = row + 1;
        Line("capital charge", "=(Capex_PerGpu-Tco_ResidualPv)*Tco_Crf/In_HoursPerYear", LineValue("capitalCharge"), "$/GPU-hour", "(capex - residual PV) x CRF / 8,760", "Tco_CapitalCharge");
        Line("electricity", "=In_AllInKwPerGpu*In_PowerDrawShare*In_Pue*In_ElectricityPerKwh", LineValue("electricity"), "$/GPU-hour", "kW x busy draw x PUE x $/kWh (full use)", "Tco_Electricity");
        Line("colocation", "=In_AllInKwPerGpu*In_ColocationPerKwMonth/In_HoursPerMonth", LineValue("colocation"), "$/GPU-hour", "kW x $/kW-month / 730", "Tco_Colocation");
        Line("maintenance", "=In_MaintenanceShare*Capex_PerGpu/In_HoursPerYear", LineValue("maintenance"), "$/GPU-hour", "share x capex / 8,760", "Tco_Maintenance");
        Line("insurance", "=In_InsuranceShare*Capex_PerGpu/In_HoursPerYear", LineValue("insurance"), "$/GPU-hour", "share x capex / 8,760", "Tco_Insurance");
        Line("TCO per GPU-hour", $"=SUM(B{first}:B{row})", tco.PerGpuHour, "$/GPU-hour", "sum of the five lines", "Tco_PerGpuHour");
        Line("Operating cost per GPU-hour", "=Tco_Electricity+Tco_Colocation+Tco_Maintenance+Tco_Insurance", tco.OperatingCostPerHour, "$/GPU-hour", "electricity + colocation + maintenance + insurance", "Tco_OpexPerHour");
        var billed = Gpunomics.Tco.TcoModel.OperatingLines(wb.System, tco.Capex.PerGpu, scenario.Operations, scenario.Contract.BilledUtilization);
        Line("electricity at the billed utilization", "=Tco_Electricity*(In_IdlePowerShare+(1-In_IdlePowerShare)*In_BilledUtilization)", billed.First(l => l.Name == "electricity").PerGpuHour, "$/GPU-hour",
            "busy electricity x (idle share + (1 - idle share) x utilization): power follows use", "Tco_ElectricityBilled");
        Line("Operating cost per contracted GPU-hour", "=Tco_ElectricityBilled+Tco_Colocation+Tco_Maintenance+Tco_Insurance", billed.Sum(l => l.PerGpuHour),
            "$/GPU-hour", "at the billed utilization: what the rental project pays", "Tco_OpexBilledPerHour");
        foreach (var (basis, perPflop) in tco.PerPflopHour)
            Line($"TCO per PFLOP-hour, {basis.Key}", $"=Tco_PerGpuHour/(In_Tflops_{basis.Key}/1000)", perPflop, "$/PFLOP-hour", $"TCO / PFLOPS ({(basis.Sparse ? "sparse" : "dense")})", null);
        Line("TCO per (TB/s)-hour", "=Tco_PerGpuHour/In_MemoryBandwidthTBps", tco.PerTBpsHour, "$ per TB/s-hour", "TCO / memory bandwidth", null);
    }
}
