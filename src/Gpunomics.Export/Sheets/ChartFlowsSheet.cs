using System.Globalization;
using Gpunomics.Capex;
using Gpunomics.Rental;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The ChartFlows sheet: the One Chart's flows as B + multiplier x C + price x D, month by month.</summary>
internal static class ChartFlowsSheet
{
    public static void Add(WorkbookContext wb)
    {
        var system = wb.System;
        var scenario = wb.Scenario;
        var sh = wb.NewSheet(ScenarioWorkbook.ChartFlows, ("Month", 10), ("At price 0, multiplier 0", 16), ("Per unit of multiplier", 16), ("Per $1/GPU-hour", 16));
        sh.FreezeRows = 2;
        sh.Set(2, 1, Label("The One Chart's flows at system price multiplier M and price P are B + M x C + P x D; its IRR cells take them as arrays."));
        if (wb.Deal)
        {
            // A deal's One Chart is the engine's (OneChart sheet): with a loan that moves with the price its flows are no
            // line in the price; otherwise they are, and the columns hold the engine's values.
            sh.Set(2, 1, Label(wb.LoanMovesWithPrice
                ? "The loan moves with the price, so the One Chart's flows are not B + M x C + P x D: the OneChart sheet holds the engine's IRR at each point."
                : "The One Chart's flows at system price multiplier M and price P are B + M x C + P x D, here the engine's values (the deal's live formulas are on the CashFlows sheet)."));
            if (wb.LoanMovesWithPrice) return;
        }
        var zero = RentalInputs.For(system, scenario, 0, SupplierPricing.Scaled(0));
        var u = RentalProject.NetCashFlows(zero);
        var vM = RentalProject.NetCashFlows(RentalInputs.For(system, scenario, 0, SupplierPricing.Scaled(1)));
        var wP = RentalProject.NetCashFlows(zero with { PricePerGpuHour = 1 });
        const string billing = "AND({0}>In_SetupMonths,{0}<=Cf_Horizon)";
        for (var m = 0; m <= wb.LastMonth; m++)
        {
            var r = m + 3;
            var a = "$A" + r;
            var bill = string.Format(CultureInfo.InvariantCulture, billing, a);
            sh.Set(r, 1, m == 0 ? new SheetCell(0.0, null, Integer, CellRole.Derived) : F($"=A{r - 1}+1", (double)m, Integer));
            double At(double[] f, int i) => i < f.Length ? f[i] : 0.0;
            if (wb.Deal)
            {
                sh.Set(r, 2, new SheetCell(At(u, m), null, Money, CellRole.Derived));
                sh.Set(r, 3, new SheetCell(At(vM, m) - At(u, m), null, Money, CellRole.Derived));
                sh.Set(r, 4, new SheetCell(At(wP, m) - At(u, m), null, Money, CellRole.Derived));
                continue;
            }
            sh.Set(r, 2, F($"=IF({a}=0,-Capex_NonSupplier,0)+IF({bill},-(Tco_ElectricityBilled+Tco_Colocation+(In_MaintenanceShare+In_InsuranceShare)*Capex_NonSupplier/In_HoursPerYear)*In_HoursPerMonth,0)+IF({a}=Cf_Horizon,In_ContractResidualShare*Capex_NonSupplier,0)+In_DebtShare*Capex_NonSupplier*CashFlows!$V${m + 2}",
                At(u, m), Money));
            sh.Set(r, 3, F($"=IF({a}=0,-Capex_SupplierToday,0)+IF({bill},-((In_MaintenanceShare+In_InsuranceShare)*Capex_SupplierToday/In_HoursPerYear)*In_HoursPerMonth,0)+IF({a}=Cf_Horizon,In_ContractResidualShare*Capex_SupplierToday,0)+In_DebtShare*Capex_SupplierToday*CashFlows!$V${m + 2}",
                At(vM, m) - At(u, m), Money));
            sh.Set(r, 4, F($"=IF({a}=0,In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths,0)+IF({bill},In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare),0)",
                At(wP, m) - At(u, m), Money));
        }
    }
}
