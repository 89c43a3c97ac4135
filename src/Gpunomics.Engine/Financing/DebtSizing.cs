namespace Gpunomics.Financing;

/// <summary>What sets a project loan's size.</summary>
public enum DebtSizingMethod
{
    /// <summary>A given share of capex.</summary>
    Share,
    /// <summary>The largest loan whose scheduled debt service keeps every month's DSCR at or above a minimum.</summary>
    MinDscr,
    /// <summary>A maximum loan-to-value against capex or against the contract's value.</summary>
    MaxLtv,
}

/// <summary>The value a loan-to-value limit is measured against.</summary>
public enum LtvBasis
{
    /// <summary>The capex per GPU.</summary>
    Capex,
    /// <summary>The contract's total value (price x 730 x billed utilization x term): it moves with the price.</summary>
    ContractValue,
}

/// <summary>
/// How a project loan is sized (methodology: "Project finance"): a share of capex, the largest loan meeting a minimum
/// DSCR, or a maximum loan-to-value. A DSCR-sized loan is the lesser of the DSCR's loan and a gearing cap: never more
/// than the capex, and never more than <see cref="MaxLtv"/> of <see cref="Basis"/> (<see cref="DefaultCapLtv"/> of capex
/// where none is given).
/// </summary>
/// <param name="Method">What sets the size.</param>
/// <param name="Value">The share of capex (<see cref="DebtSizingMethod.Share"/>, in [0, 1)), the minimum DSCR (above 0) or the maximum LTV (above 0).</param>
/// <param name="Basis">What the LTV is measured against (<see cref="DebtSizingMethod.MaxLtv"/>, or the cap <see cref="MaxLtv"/> of a DSCR-sized loan).</param>
/// <param name="MaxLtv">A DSCR-sized loan's cap as a loan-to-value against <paramref name="Basis"/>, in (0, 1]; null: <see cref="DefaultCapLtv"/> of capex (<see cref="DebtSizingMethod.MinDscr"/> only).</param>
public sealed record DebtSizing(DebtSizingMethod Method, double Value, LtvBasis Basis = LtvBasis.Capex, double? MaxLtv = null)
{
    /// <summary>
    /// The gearing that caps a DSCR-sized loan when the scenario gives no debt.maxLtv: 75% of capex, the loan-to-value a
    /// GPU lender states it lends at (<see cref="DefaultCapSource"/>).
    /// </summary>
    public const double DefaultCapLtv = 0.75;

    /// <summary>Where <see cref="DefaultCapLtv"/> comes from.</summary>
    public const string DefaultCapSource = "USD.AI GPU-loan FAQ (docs.usd.ai/faq/gpu-loans): loans at ~75% loan-to-value, a ~25% equity cushion";

    /// <summary>The scenario-file names of the methods, for messages.</summary>
    public const string Allowed = "\"share\", \"minDscr\" or \"maxLtv\"";

    /// <summary>The scenario-file names of the LTV bases, for messages.</summary>
    public const string AllowedBases = "\"capex\" or \"contractValue\"";

    /// <summary>The method as a scenario file writes it.</summary>
    public static string Key(DebtSizingMethod method) => method switch
    {
        DebtSizingMethod.Share => "share",
        DebtSizingMethod.MinDscr => "minDscr",
        DebtSizingMethod.MaxLtv => "maxLtv",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The basis as a scenario file writes it.</summary>
    public static string Key(LtvBasis basis) => basis == LtvBasis.Capex ? "capex" : "contractValue";

    /// <summary>The method named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static DebtSizingMethod? FindMethod(string? name) =>
        Enum.GetValues<DebtSizingMethod>().Cast<DebtSizingMethod?>().FirstOrDefault(m => string.Equals(Key(m!.Value), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The basis named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static LtvBasis? FindBasis(string? name) =>
        Enum.GetValues<LtvBasis>().Cast<LtvBasis?>().FirstOrDefault(b => string.Equals(Key(b!.Value), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the loan's size does not depend on the price, or depends on it linearly (LTV against the contract's value).</summary>
    public bool AffineInPrice => Method != DebtSizingMethod.MinDscr;

    /// <summary>A DSCR-sized loan's cap as a reader sees it: the default gearing, or the loan-to-value given (and capex where the basis is the contract's value).</summary>
    public string CapText => MaxLtv is not { } cap
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DefaultCapLtv:0.##%} of capex (the default gearing)")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cap:0.##%} loan-to-value against ") + (Basis == LtvBasis.Capex ? "capex" : "the contract's value and at most capex");

    /// <summary>How the size was set, as a reader sees it.</summary>
    public string Text => Method switch
    {
        DebtSizingMethod.Share => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value:0.##%} of capex"),
        DebtSizingMethod.MinDscr => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"largest loan with every month's DSCR at least {Value:0.00}x, at most ")
            + CapText,
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value:0.##%} loan-to-value against {(Basis == LtvBasis.Capex ? "capex" : "the contract's value")}"),
    };
}
