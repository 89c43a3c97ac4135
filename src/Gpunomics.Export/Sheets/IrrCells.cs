using Gpunomics.Finance;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The IRR cells of the Returns and OneChart sheets: a spreadsheet IRR() started from the engine's rate, or the engine's reason where it reports none.</summary>
internal static class IrrCells
{
    // The spreadsheet's IRR started from the engine's monthly rate, so that among several roots it settles
    // on the engine's. Should that fail (an input edited since the export moved the root far), again from
    // 1% a month, then (deep losses, monthly IRR far below zero) from a guess near the root.
    public static string IrrExpression(string range, double engineMonthly, string fallbackGuess) =>
        $"IFERROR(IRR({range},{N(engineMonthly)}),IFERROR(IRR({range},{N(IrrGuess)}),IRR({range},{fallbackGuess})))";

    // An IRR cell from the engine's solve of its flows and the rate it reports per month (null: none). With a
    // rate, the formula started from it. Without, the engine's reason: by the formula, which says it live,
    // when the flows lack an outflow or an inflow; else as fixed text (any IRR() here would pick some root).
    public static SheetCell IrrCell(IrrResult engine, double? monthly, Func<double, string> formula, string format)
    {
        if (monthly is { } m) return F(formula(m), m, format, rate: true);
        var reason = NoIrrText(engine);
        return reason == NoOutflowText || reason == NoInflowText ? F(formula(IrrGuess), reason, format) : Label(reason);
    }

    // The engine's reasons for flows without an outflow or without an inflow, as its solver words them.
    private static readonly string NoOutflowText = NoIrrText(IrrSolver.Solve([1.0, 1.0]));
    private static readonly string NoInflowText = NoIrrText(IrrSolver.Solve([-1.0, -1.0]));

    // The engine's reason where the flows (a range or an array) lack an outflow or an inflow, else the rate expression.
    public static string GuardedIrr(string flows, string rate) =>
        $"IF(SUMPRODUCT(({flows}<0)*1)=0,{Quote(NoOutflowText)},IF(SUMPRODUCT(({flows}>0)*1)=0,{Quote(NoInflowText)},{rate}))";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
