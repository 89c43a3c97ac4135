using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// The AssetLife sheet (only with an asset life): the re-lease price by year of age, as the engine priced it, and the
/// residual curve, both inputs the CashFlows sheet reads; and the sale at the life's end as formulas over them.
/// </summary>
internal static class AssetLifeSheet
{
    public static void Add(WorkbookContext wb)
    {
        var life = wb.Life!;
        var assumptions = wb.Scenario.AssetLife;
        var sh = wb.NewSheet(ScenarioWorkbook.AssetLife, ("Year of age", 12), ("Re-lease price, $/GPU-hour", 18), ("Source", 60), ("", 3),
            ("Residual share of capex, end of year", 18), ("Source", 40), ("", 3), ("Sale", 34), ("Value", 16));
        var curve = assumptions.Residual.ShareByYear;
        var path = assumptions.ReleasePrices is not null;
        var years = Math.Max(life.ReleasePriceByYear.Count, curve.Count);
        for (var y = 1; y <= years; y++)
        {
            var r = y + 1;
            sh.Set(r, 1, new SheetCell((double)y, null, Integer, CellRole.Label));
            if (y <= life.ReleasePriceByYear.Count)
            {
                sh.Set(r, 2, new SheetCell(life.ReleasePriceByYear[y - 1], null, MoneyHour, CellRole.Input));
                sh.Set(r, 3, Label(path ? $"scenario '{wb.Scenario.Name}': assetLife.releasePricesPerGpuHour[{y - 1}]" : $"the engine's {life.PriceSource}, year {y} (mid-year)"));
            }
            if (y <= curve.Count)
            {
                sh.Set(r, 5, new SheetCell(curve[y - 1], null, Percent, CellRole.Input));
                sh.Set(r, 6, Label(assumptions.Residual == AssetLife.ResidualCurve.Default ? "the default residual curve (methodology: \"Asset life\")" : $"scenario '{wb.Scenario.Name}': assetLife.residualCurve[{y - 1}]"));
            }
        }
        wb.NameRange("Life_ReleasePrices", sh, 2, 2, life.ReleasePriceByYear.Count + 1, 2);
        wb.NameRange("Life_ResidualShares", sh, 2, 5, curve.Count + 1, 5);

        var row = 1;
        void Line(string label, string formula, object value, string? format, string? name)
        {
            row++;
            sh.Set(row, 8, Label(label));
            sh.Set(row, 9, F(formula, value, format));
            if (name is not null) wb.Name(name, sh, row, 9);
        }
        var age = life.LifeMonths / 12.0;
        Line("Re-lease prices from", $"=\"{(path ? "the scenario's price path" : "the launch trend (the engine's prices, written as inputs)")}\"", path ? "the scenario's price path" : "the launch trend (the engine's prices, written as inputs)", null, null);
        Line("Age at the sale, years", "=Cf_Horizon/12", age, Number, "Life_SaleAge");
        // Between whole years the curve is linear from the year before (1 at age 0); past its last year its last share holds.
        const string whole = "INT(Life_SaleAge)";
        const string before = $"IF({whole}=0,1,INDEX(Life_ResidualShares,{whole}))";
        Line("Residual share at the sale", $"=IF({whole}>=COUNT(Life_ResidualShares),INDEX(Life_ResidualShares,COUNT(Life_ResidualShares)),{before}+(INDEX(Life_ResidualShares,{whole}+1)-{before})*(Life_SaleAge-{whole}))",
            life.SaleShare, Percent, "Life_SaleShare");
        Line("Sale at the life's end, $ per GPU", "=Life_SaleShare*Capex_PerGpu", life.Sale[^1], Money, "Life_Sale");
        Line("Years of re-lease prices cover the life?", "=IF(ROUNDUP(Cf_Horizon/12,0)<=COUNT(Life_ReleasePrices),\"yes\",\"NO: add a price for each year of age\")", "yes", null, null);
    }
}
