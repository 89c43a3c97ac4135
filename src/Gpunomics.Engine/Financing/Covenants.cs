using System.Globalization;

namespace Gpunomics.Financing;

/// <summary>One month's covenant tests.</summary>
/// <param name="Month">Month.</param>
/// <param name="Dscr">The month's DSCR, or null when it is not tested (no scheduled debt service, or before repayment starts).</param>
/// <param name="Ltv">Closing balance / asset value, or null with no balance or no positive asset value.</param>
/// <param name="AssetValue">The asset value tested against, $.</param>
/// <param name="DscrBreached">True when the DSCR is below the DSCR covenant.</param>
/// <param name="LtvBreached">True when the LTV is above the LTV covenant (or a balance sits on an asset worth nothing).</param>
/// <param name="Breach">What breaches this month, or null.</param>
public sealed record CovenantMonth(int Month, double? Dscr, double? Ltv, double AssetValue, bool DscrBreached, bool LtvBreached, string? Breach);

/// <summary>The first month a covenant is breached.</summary>
/// <param name="Month">Month.</param>
/// <param name="Test">"DSCR", "LTV", or "DSCR and LTV".</param>
/// <param name="Text">What was breached, e.g. "month 14: DSCR 1.12x below the 1.20x minimum".</param>
public sealed record CovenantBreach(int Month, string Test, string Text);

/// <summary>A loan's covenant tests by month (methodology: "Project finance", "Covenants").</summary>
/// <param name="MinDscr">The DSCR covenant, or null without one.</param>
/// <param name="MaxLtv">The LTV covenant, or null without one.</param>
/// <param name="Months">Each month with a balance or debt service.</param>
/// <param name="FirstBreach">The first breach, or null with none.</param>
public sealed record CovenantReport(double? MinDscr, double? MaxLtv, IReadOnlyList<CovenantMonth> Months, CovenantBreach? FirstBreach)
{
    /// <summary>True when a covenant is set.</summary>
    public bool HasCovenant => MinDscr is not null || MaxLtv is not null;

    /// <summary>The outcome as a reader sees it: the first breach named, "no breach", or "no covenant set".</summary>
    public string Outcome => !HasCovenant ? "no covenant set" : FirstBreach?.Text ?? "no breach";
}

/// <summary>Tests a loan's schedule against DSCR and LTV covenants month by month.</summary>
public static class Covenants
{
    /// <summary>
    /// The covenant tests of <paramref name="months"/>: DSCR at least <paramref name="minDscr"/> in every month where it is
    /// measured; closing balance / asset value at most <paramref name="maxLtv"/> in every month with a balance (a balance
    /// on an asset worth nothing breaches any LTV covenant).
    /// </summary>
    public static CovenantReport Test(IReadOnlyList<DebtMonth> months, IReadOnlyList<double> assetValues, double? minDscr, double? maxLtv)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(assetValues);
        var rows = new List<CovenantMonth>();
        CovenantBreach? first = null;
        foreach (var m in months)
        {
            if (m.Balance <= 0 && m.Dscr is null) continue;
            var value = m.Month < assetValues.Count ? assetValues[m.Month] : 0.0;
            double? ltv = m.Balance > 0 && value > 0 ? m.Balance / value : null;
            var dscrBreached = minDscr is { } d && m.Dscr is { } dscr && dscr < d;
            var ltvBreached = maxLtv is { } l && m.Balance > 0 && (ltv is null || ltv > l);
            var texts = new List<string>();
            // The figures are rounded to 9 decimals before they are formatted, as the workbook's formulas do, so that a
            // value at a rounding tie (a loan capped at 75% of an asset worth 80% of capex: 93.75%) reads the same in both.
            if (dscrBreached) texts.Add(Fmt($"DSCR {Ratio(Math.Round(m.Dscr!.Value, 9))}x below the {Ratio(minDscr!.Value)}x minimum"));
            if (ltvBreached)
                texts.Add(ltv is { } x
                    ? Fmt($"LTV {Math.Round(x, 9):0.0%} above the {maxLtv!.Value:0.0%} maximum")
                    : Fmt($"a balance of ${m.Balance:N0} against an asset worth nothing (LTV maximum {maxLtv!.Value:0.0%})"));
            var breach = texts.Count == 0 ? null : $"month {m.Month}: {string.Join("; ", texts)}";
            var test = dscrBreached && ltvBreached ? "DSCR and LTV" : dscrBreached ? "DSCR" : "LTV";
            rows.Add(new CovenantMonth(m.Month, m.Dscr, ltv, value, dscrBreached, ltvBreached, breach));
            if (breach is not null && first is null) first = new CovenantBreach(m.Month, test, breach);
        }
        return new CovenantReport(minDscr, maxLtv, rows, first);
    }

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    // A ratio to two places as a spreadsheet's TEXT(x, "0.00") shows it: rounded half away from zero, and a value that
    // rounds to zero shown as 0.00, not -0.00.
    private static string Ratio(double x) => (Math.Round(x, 2, MidpointRounding.AwayFromZero) + 0.0).ToString("0.00", CultureInfo.InvariantCulture);
}
