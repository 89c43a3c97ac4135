using Gpunomics.Export.Sheets;
using Gpunomics.Fleet;

namespace Gpunomics.Export;

/// <summary>
/// Lays out a fleet's run as sheets of live formulas (methodology: "Workbook export", "The fleet workbook"): the fleet's
/// assumptions, the deployments, the contract list and the spot price path as inputs; each contract month by month
/// (the share still paying, defaulted and idle, its backlog and recoveries); each vintage's flows and its loan month by
/// month; the fleet's monthly table summed from them (contracted revenue a SUMPRODUCT over the contracts paying that
/// month, spot revenue, backlog, operating cost, debt service, cash, DSCR, LTV, covenant breaches); and the summary
/// (equity IRR, NPV, payback, minimum DSCR, first breach, first cash shortfall, each vintage's IRR and NPV). Every
/// derived cell holds its formula and the engine's value for it.
/// </summary>
public static class FleetWorkbook
{
    /// <summary>Sheet names of the fleet workbook (one sheet per vintage besides, named <see cref="VintageSheetName"/>).</summary>
    public const string Assumptions = "Assumptions", Deployments = "Deployments", Contracts = "Contracts", SpotPrices = "SpotPrices",
        ContractMonths = "ContractMonths", Monthly = "FleetMonthly", Summary = "FleetSummary";

    /// <summary>The sheet of the <paramref name="index"/>-th vintage (0-based, in the fleet file's order).</summary>
    public static string VintageSheetName(int index) => "Vintage" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Builds the fleet workbook of <paramref name="result"/>, run with <paramref name="model"/> (its capex and operating cost).</summary>
    public static WorkbookSpec Build(FleetResult result, EconomicsModel model)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(model);
        var wb = new FleetContext(result, model);
        FleetInputSheets.Add(wb);
        ContractMonthsSheet.Add(wb);
        for (var i = 0; i < result.Vintages.Count; i++) VintageSheet.Add(wb, i);
        FleetMonthlySheet.Add(wb);
        FleetSummarySheet.Add(wb);
        return wb.Book;
    }
}
