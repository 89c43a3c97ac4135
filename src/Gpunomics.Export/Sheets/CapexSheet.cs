using Gpunomics.Capex;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The Capex sheet: the bill of materials per GPU, with the lines the system price multiplier scales.</summary>
internal static class CapexSheet
{
    public static void Add(WorkbookContext wb)
    {
        var system = wb.System;
        var scenario = wb.Scenario;
        var sh = wb.NewSheet(ScenarioWorkbook.Capex, ("Line", 44), ("$ per GPU", 16), ("Supplier-priced", 16), ("Formula", 70));
        var capex = CapexModel.Compute(system, SupplierPricing.Scaled(wb.Multiplier), scenario.NetworkTier);
        var today = CapexModel.Compute(system, SupplierPricing.Today, scenario.NetworkTier);
        var zero = CapexModel.Compute(system, SupplierPricing.Scaled(0), scenario.NetworkTier);
        var atCost = CapexModel.Compute(system, SupplierPricing.ComponentCost, scenario.NetworkTier);
        var row = 1;
        void Line(string label, string formula, double value, bool? supplier, string how, string? name = null, string format = Money)
        {
            row++;
            sh.Set(row, 1, Label(label));
            sh.Set(row, 2, F(formula, value, format));
            if (supplier is { } sp) sh.Set(row, 3, Label(sp ? "yes" : "no"));
            sh.Set(row, 4, Label(how));
            if (name is not null) wb.Name(name, sh, row, 2);
        }
        var memory = system.Capex.SupplierMemory is not null;
        var hbm = system.Capex.Hbm is not null;
        const string memPrice = "In_MemoryGbPerGpu*In_MemoryCostPerGb/(1-In_MemoryGrossMargin)";
        const string hbmPrice = "In_HbmGbPerGpu*In_HbmCostPerGb/(1-In_HbmGrossMargin)";
        var lineRows = new List<int>();
        foreach (var l in capex.Lines)
        {
            switch (l.Name)
            {
                case "computeSystem": Line(l.Label, "=In_ComputeSystem*In_SystemPriceMultiplier", l.PerGpu, true, "supplier price (without HBM and NICs) x system price multiplier", "Capex_ComputeSystem"); break;
                case "hbm": Line(l.Label, $"={hbmPrice}*In_SystemPriceMultiplier", l.PerGpu, true, "HBM GB x $/GB / (1 - gross margin) x system price multiplier", "Capex_Hbm"); break;
                case "supplierMemory": Line(l.Label, $"={memPrice}*In_SystemPriceMultiplier", l.PerGpu, true, "GB x $/GB / (1 - gross margin) x system price multiplier", "Capex_SupplierMemory"); break;
                case "networking": Networking(l); continue;
                case "storage": Line(l.Label, "=In_Storage", l.PerGpu, false, "catalog"); break;
                case "installation": Line(l.Label, "=In_Installation", l.PerGpu, false, "catalog"); break;
                case "other": Line(l.Label, "=In_Other", l.PerGpu, false, "catalog"); break;
                default: throw new InvalidOperationException($"unknown capex line '{l.Name}'");
            }
            lineRows.Add(row);
        }

        // The networking line sums its components, each an input, in the rows under it; a tier given as a total says so there.
        void Networking(CapexLine l)
        {
            if (capex.NetworkingComponents is not { } parts)
            {
                Line(l.Label, "=In_Networking", l.PerGpu, false, $"{scenario.NetworkTier} tier, a total");
                lineRows.Add(row);
                row++;
                sh.Set(row, 1, Label("networking: components"));
                sh.Set(row, 2, Label(capex.NetworkingComponentsNote!));
                return;
            }
            Line(l.Label, $"=SUM(B{row + 2}:B{row + 1 + parts.Count})", l.PerGpu, false, $"{scenario.NetworkTier} tier: the sum of its components below");
            lineRows.Add(row);
            foreach (var p in parts)
                Line("networking: " + p.Label, "=In_Networking" + char.ToUpperInvariant(p.Name[0]) + p.Name[1..], p.PerGpu, null, $"{scenario.NetworkTier} tier, catalog");
        }

        var last = row;
        var supplier = string.Join("+", new[] { "Capex_ComputeSystem", hbm ? "Capex_Hbm" : null, memory ? "Capex_SupplierMemory" : null }.OfType<string>());
        Line("Total capex per GPU", "=" + string.Join("+", lineRows.Select(r => $"B{r}")), capex.PerGpu, null, "sum of the lines (not of the networking components, which the networking line sums)", "Capex_PerGpu");
        Line("Supplier-priced lines", "=" + supplier, capex.SupplierPricedPerGpu, null, "lines the multiplier scales");
        Line("Capex per watt, all-in IT power", "=Capex_PerGpu/(In_AllInKwPerGpu*1000)", capex.PerWattAllIn, null, "headline basis: $ / W of all-in IT power", null, MoneyHour);
        Line("Capex per watt, chip TDP", "=Capex_PerGpu/In_ChipTdpW", capex.PerWattChipTdp, null, "$ / W of chip TDP", null, MoneyHour);
        row++;
        Line("Supplier-priced lines at today's price", "=In_ComputeSystem" + (hbm ? "+" + hbmPrice : "") + (memory ? "+" + memPrice : ""), today.SupplierPricedPerGpu, null, "multiplier 1.0; the One Chart scales this", "Capex_SupplierToday");
        Line("Lines not priced by the supplier", $"=SUMIF(C2:C{last},\"no\",B2:B{last})", zero.PerGpu, null, "networking + storage + installation + other", "Capex_NonSupplier");
        Line("Supplier-priced lines at component cost", "=In_ComputeSystem*(1-In_SupplierGrossMargin)" + (hbm ? "+In_HbmGbPerGpu*In_HbmCostPerGb" : "") + (memory ? "+In_MemoryGbPerGpu*In_MemoryCostPerGb" : ""),
            atCost.SupplierPricedPerGpu, null, "zero supplier margin", "Capex_SupplierAtCost");
        Line("Capex at component cost", "=Capex_NonSupplier+Capex_SupplierAtCost", atCost.PerGpu, null, "for the value split", "Capex_AtComponentCost");
    }
}
