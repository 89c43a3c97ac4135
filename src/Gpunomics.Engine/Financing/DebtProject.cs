namespace Gpunomics.Financing;

/// <summary>
/// What a project offers its lender, month by month from month 0 (methodology: "Project finance").
/// </summary>
/// <param name="Cfads">
/// Cash flow available for debt service, $: the project's unlevered, pre-tax flows without the capex (which the loan
/// and the equity fund), month 0 first; the last month is the project's end.
/// </param>
/// <param name="CapexDraws">Capex spent each month from month 0, $ (the loan is drawn in the same proportions); at least one month, none after the last.</param>
/// <param name="ContractValue">The contract's total value, $ (the basis of an LTV against the contract).</param>
/// <param name="AssetValues">The asset's value at the end of each month, $, for the LTV covenant (same length as <paramref name="Cfads"/>).</param>
public sealed record DebtProject(IReadOnlyList<double> Cfads, IReadOnlyList<double> CapexDraws, double ContractValue, IReadOnlyList<double> AssetValues)
{
    /// <summary>The project's last month.</summary>
    public int LastMonth => Cfads.Count - 1;

    /// <summary>Total capex, $.</summary>
    public double Capex => CapexDraws.Sum();

    /// <summary>The last month with a capex draw.</summary>
    public int LastDrawMonth => CapexDraws.Count - 1;

    /// <summary>
    /// An asset value falling straight-line from <paramref name="capex"/> at month 0 to <paramref name="endValue"/> at
    /// <paramref name="lastMonth"/>: value(m) = capex - (capex - end) x m / last.
    /// </summary>
    public static double[] StraightLine(double capex, double endValue, int lastMonth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastMonth);
        var values = new double[lastMonth + 1];
        for (var m = 0; m <= lastMonth; m++) values[m] = lastMonth == 0 ? endValue : capex - (capex - endValue) * m / lastMonth;
        return values;
    }
}
