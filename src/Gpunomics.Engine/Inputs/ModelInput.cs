using System.Globalization;

namespace Gpunomics.Inputs;

/// <summary>What an input's number measures; rates and shares are fractions and may also be written as percentages.</summary>
public enum InputUnit
{
    /// <summary>Rental price, $ per GPU-hour.</summary>
    DollarsPerGpuHour,
    /// <summary>Price per unit of compute, $ per PFLOP-hour.</summary>
    DollarsPerPflopHour,
    /// <summary>Token price, $ per million tokens.</summary>
    DollarsPerMillionTokens,
    /// <summary>Dollars (per GPU, per wafer).</summary>
    Dollars,
    /// <summary>Memory price, $ per GB.</summary>
    DollarsPerGb,
    /// <summary>Electricity price, $ per kWh.</summary>
    DollarsPerKwh,
    /// <summary>Colocation, $ per kW of IT power per month.</summary>
    DollarsPerKwMonth,
    /// <summary>An annual rate as a fraction (0.156 = 15.6%).</summary>
    Rate,
    /// <summary>A share as a fraction (0.15 = 15%).</summary>
    Share,
    /// <summary>A multiplier of a base value (1.0 = unchanged).</summary>
    Multiplier,
    /// <summary>A ratio of two like quantities.</summary>
    Ratio,
    /// <summary>Power, kW.</summary>
    Kilowatts,
    /// <summary>Whole months.</summary>
    Months,
    /// <summary>Years.</summary>
    Years,
    /// <summary>A count (dies, tokens per second).</summary>
    Count,
}

/// <summary>Where an input's unit is shown and whether it is a fraction.</summary>
public static class InputUnits
{
    /// <summary>True for rates and shares: fractions, also written with a % sign (15.6% = 0.156).</summary>
    public static bool IsFraction(this InputUnit unit) => unit is InputUnit.Rate or InputUnit.Share;

    /// <summary>The unit as a reader sees it, e.g. "rate (annual, fraction)".</summary>
    public static string Text(this InputUnit unit) => unit switch
    {
        InputUnit.DollarsPerGpuHour => "$/GPU-hour",
        InputUnit.DollarsPerPflopHour => "$/PFLOP-hour",
        InputUnit.DollarsPerMillionTokens => "$ per million tokens",
        InputUnit.Dollars => "$",
        InputUnit.DollarsPerGb => "$/GB",
        InputUnit.DollarsPerKwh => "$/kWh",
        InputUnit.DollarsPerKwMonth => "$ per kW-month",
        InputUnit.Rate => "rate (annual, fraction)",
        InputUnit.Share => "share (fraction)",
        InputUnit.Multiplier => "multiplier",
        InputUnit.Ratio => "ratio",
        InputUnit.Kilowatts => "kW",
        InputUnit.Months => "months",
        InputUnit.Years => "years",
        InputUnit.Count => "count",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };
}

/// <summary>An allowed interval, each end closed or open.</summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end.</param>
/// <param name="MinExclusive">True when <paramref name="Min"/> itself is not allowed.</param>
/// <param name="MaxExclusive">True when <paramref name="Max"/> itself is not allowed.</param>
public sealed record InputRange(double Min, double Max, bool MinExclusive = false, bool MaxExclusive = false)
{
    /// <summary>True when <paramref name="value"/> is finite and inside the range.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value)
        && (MinExclusive ? value > Min : value >= Min)
        && (MaxExclusive ? value < Max : value <= Max);

    /// <summary>The range as interval notation, e.g. <c>[0, 1)</c>.</summary>
    public override string ToString() => $"{(MinExclusive ? "(" : "[")}{Fmt(Min)}, {Fmt(Max)}{(MaxExclusive ? ")" : "]")}";

    /// <summary>The range in percent, e.g. <c>-99% to 1000%</c>, or <c>0% to under 100%</c> with an excluded end.</summary>
    public string Percent => $"{(MinExclusive ? "over " : "")}{Fmt(Math.Round(Min * 100, 10))}% to {(MaxExclusive ? "under " : "")}{Fmt(Math.Round(Max * 100, 10))}%";

    internal static string Fmt(double d) => d.ToString("G", CultureInfo.InvariantCulture);
}

/// <summary>
/// One input's declaration: its names (command-line flag, scenario-file key, API query parameter,
/// Monte Carlo distribution name), unit, allowed range, default and where the default comes from. Every
/// way of giving the input is read and checked against this one declaration (methodology: "Inputs").
/// </summary>
/// <param name="Name">Canonical name (camelCase): the API query parameter and the distribution name when those exist.</param>
/// <param name="Description">What the input is.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Range">Allowed range, in the unit (a fraction for rates and shares).</param>
/// <param name="Default">The default, as a reader sees it.</param>
public sealed record ModelInput(string Name, string Description, InputUnit Unit, InputRange Range, string Default)
{
    /// <summary>Command-line flag, e.g. <c>--hurdle</c>, or null when there is none.</summary>
    public string? Flag { get; init; }
    /// <summary>Key path in a scenario file, e.g. <c>contract.prepayShare</c>, or null.</summary>
    public string? ScenarioKey { get; init; }
    /// <summary>True when the web API reads the input as the query parameter <see cref="Name"/>.</summary>
    public bool Api { get; init; }
    /// <summary>True when a Monte Carlo run may draw the input from a distribution named <see cref="Name"/> or <see cref="ScenarioKey"/>.</summary>
    public bool Distribution { get; init; }
    /// <summary>True when only whole numbers are allowed.</summary>
    public bool Whole { get; init; }
    /// <summary>Where the default comes from, or null when it is a plain convention.</summary>
    public string? Source { get; init; }
    /// <summary>For an input given as a list (one value per chart curve): the most values the list may hold; null for a single value.</summary>
    public int? MaxCount { get; init; }

    /// <summary>The allowed range as messages write it, with percentages for rates and shares.</summary>
    public string Allowed => Whole
        ? $"whole numbers in {Range} ({Unit.Text()})"
        : Unit.IsFraction()
            ? $"{Range} as a fraction, or {Range.Percent} written with % ({Unit.Text()})"
            : $"{Range} ({Unit.Text()})";

    /// <summary>
    /// Reads <paramref name="text"/> as this input (see <see cref="NumberText"/>) and checks it against the range.
    /// Returns null and the value, or the problem (without the input's name) and 0.
    /// </summary>
    public string? Read(string text, out double value)
    {
        var problem = NumberText.Read(text, Unit, out value, Whole);
        if (problem is not null) return problem;
        problem = Check(value, text.Trim());
        if (problem is not null) value = 0;
        return problem;
    }

    /// <summary>
    /// The problem with <paramref name="value"/>, or null when it is allowed. When the value was typed, give it as
    /// <paramref name="written"/>: a rate or share typed as a bare number above 1 is then refused as a likely
    /// percentage ("did you mean 5%?"), while a computed value (null) is only checked against the range.
    /// </summary>
    public string? Check(double value, string? written = null)
    {
        var typed = written is not null;
        written ??= value.ToString("G", CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) return $"{written} is not a finite number; allowed: {Allowed}";
        if (Whole && value != Math.Round(value)) return $"{written} is not a whole number; allowed: {Allowed}";
        if (typed && Unit.IsFraction() && !written.EndsWith('%') && Math.Abs(value) > 1)
            return $"{written} is not a {(Unit == InputUnit.Rate ? "rate" : "share")} written as a fraction (0.156 = 15.6%); did you mean {written}%? " +
                (Range.Max > 1 ? $"A value above 100% is written with %, e.g. {InputRange.Fmt(value * 100)}%; allowed: {Range.Percent}" : $"allowed: {Allowed}");
        return Range.Contains(value) ? null : $"{written} is out of range; allowed: {Allowed}";
    }
}
