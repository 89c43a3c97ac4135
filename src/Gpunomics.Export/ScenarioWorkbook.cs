using System.Globalization;
using Gpunomics.Export.Sheets;
using Gpunomics.Finance;

namespace Gpunomics.Export;

/// <summary>Choices of an export beyond the scenario.</summary>
/// <param name="PricePerGpuHour">Rental price for the CashFlows and Returns sheets, $/GPU-hour; null: the system's market price, else its value-based ceiling.</param>
/// <param name="SystemPriceMultiplier">System price multiplier for the Capex, TCO, CashFlows and Returns sheets (1.0 = today).</param>
public sealed record ExportOptions(double? PricePerGpuHour = null, double SystemPriceMultiplier = 1.0);

/// <summary>
/// Lays out one system under one scenario as sheets of live formulas (Inputs, Capex, TCO, CashFlows,
/// Returns, OneChart, ChartFlows; with an asset life, AssetLife; with a loan of another shape than the plain one, Debt,
/// and FloorDebt where that loan moves with the price). Every derived cell carries both its formula, which refers back to
/// the named inputs, and the engine's value for it, so the same layout serves the workbook (formulas)
/// and the CSV, JSON and HTML exports (values). Each sheet is laid out by its own class under Sheets/
/// (e.g. <c>ReturnsSheet</c>); this class puts them in order. See docs/methodology.md, "Workbook export".
/// </summary>
public static class ScenarioWorkbook
{
    /// <summary>Sheet names, in workbook order.</summary>
    public const string Inputs = "Inputs", Capex = "Capex", Tco = "TCO", CashFlows = "CashFlows", Returns = "Returns", OneChart = "OneChart", ChartFlows = "ChartFlows";

    /// <summary>Sheets of a deal beyond the plain project: the asset's life, the shaped loan's schedule, and that loan at the floor price.</summary>
    public const string AssetLife = "AssetLife", Debt = "Debt", FloorDebt = "FloorDebt";

    /// <summary>
    /// The spreadsheet IRR's second guess, 1% per month (its default 10% fails on long monthly flows). The
    /// first is the engine's own monthly rate at export, so the cell converges to the engine's root.
    /// </summary>
    public const double IrrGuess = 0.01;

    /// <summary>Column of the OneChart sheet that notes, per price row, the curves whose flows have several IRRs.</summary>
    public static int OneChartNoteColumn(int curves) => curves + 2;

    /// <summary>Column of the OneChart sheet's summary labels (its values are one to the right).</summary>
    public static int OneChartLabelColumn(int curves) => curves + 4;

    /// <summary>Column of the Returns sheet that notes, beside each IRR cell, every IRR when the flows have several.</summary>
    public const int ReturnsNoteColumn = 5;

    /// <summary>A rate as the workbook's notes write it, e.g. <c>2.5248%</c>.</summary>
    public static string NotePercent(double rate, int decimals) =>
        (rate * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The note beside an IRR cell whose flows have several IRRs (null for one or none): every root, monthly
    /// and annual effective, and the one the engine reports (or that it reports none).
    /// </summary>
    public static string? SeveralRootsNote(IrrResult irr)
    {
        ArgumentNullException.ThrowIfNull(irr);
        if (irr.Roots.Count < 2) return null;
        static string Both(double monthly) => $"{NotePercent(monthly, 4)} a month ({NotePercent(Rates.MonthlyToAnnual(monthly), 3)} a year)";
        var roots = $"the flows have {irr.Roots.Count} IRRs at export: {string.Join(", ", irr.Roots.Select(Both))}";
        return irr.RatePerPeriod is { } m
            ? $"{roots}; the engine reports {Both(m)}, and the IRR() here starts from it"
            : $"{roots}; the engine reports none of them (no single IRR: use NPV)";
    }

    /// <summary>
    /// What an IRR cell shows where the engine reports no IRR: the engine's reason, as text. Where the only root
    /// is a borrowing rate (NPV rises with the rate there) the text names it as one, annual effective and monthly.
    /// </summary>
    public static string NoIrrText(IrrResult irr)
    {
        ArgumentNullException.ThrowIfNull(irr);
        if (irr.BorrowingRatePerPeriod is { } b)
            return $"no IRR: borrowing rate {NotePercent(Rates.MonthlyToAnnual(b), 3)} a year ({NotePercent(b, 4)} a month), the cost of the money received, " +
                "not a return (NPV rises with the rate there); decide on NPV at the hurdle";
        return "no IRR: " + (irr.Note ?? "no rate makes NPV zero");
    }

    /// <summary>What the Returns sheet calls an IRR at which NPV rises with the rate.</summary>
    public const string BorrowingLabel = "Borrowing rate (the cost of the money received, not a return)";

    /// <summary>The schedule has rows for months 0 to at least this, so a longer term typed into the sheet still fits.</summary>
    public const int MinScheduleMonths = 120;

    internal const string Money = "$#,##0.00", MoneyHour = "$#,##0.0000", Percent = "0.00%", Rate = "0.0000%", Number = "#,##0.####", Integer = "0", Multiple = "0.00\"x\"";

    /// <summary>The price the export uses when none is given: the market price, else the value-based ceiling.</summary>
    public static double DefaultPrice(EconomicsModel model, string systemId)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.System(systemId).MarketPricePerGpuHour ?? model.Ceiling(systemId);
    }

    /// <summary>Why a scenario with corporate tax is not exported: the workbook's floors are closed-form formulas, and tax makes the flows non-linear in the price.</summary>
    public const string NoTax = "the workbook's formulas do not model corporate tax (with tax the floor has no closed form); remove 'tax' from the scenario (or set its rate to 0) to export it";

    /// <summary>Builds the workbook layout for <paramref name="systemId"/>.</summary>
    /// <exception cref="ArgumentException">When the scenario has corporate tax.</exception>
    public static WorkbookSpec Build(EconomicsModel model, string systemId, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ExportOptions();
        var wb = new WorkbookContext(model, model.System(systemId), options);
        InputsSheet.Add(wb);
        CapexSheet.Add(wb);
        TcoSheet.Add(wb);
        if (wb.Life is not null) AssetLifeSheet.Add(wb);
        CashFlowsSheet.Add(wb);
        if (wb.ShapedLoan) DebtSheet.Add(wb, Debt, "Debt_", "In_Price", wb.Inputs, atFloor: false);
        ReturnsSheet.Add(wb);
        if (wb.FloorInputs is not null) DebtSheet.Add(wb, FloorDebt, "FloorDebt_", "Ret_Floor", wb.FloorInputs, atFloor: true);
        var chart = model.Chart(wb.System.Id);
        OneChartSheet.Add(wb, chart);
        ChartFlowsSheet.Add(wb);
        return wb.Book;
    }
}
