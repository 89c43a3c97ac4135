using System.Globalization;

namespace Gpunomics.Inputs;

/// <summary>
/// A date the launch trend and the forward curves are read at (the command line's <c>--at</c> and <c>--from</c>, the web
/// API's <c>at</c> and <c>from</c>): YYYY-MM-DD between 2000-01-01 and 2100-12-31.
/// </summary>
public static class DateInput
{
    /// <summary>What is allowed, as the messages say it.</summary>
    public const string Allowed = "allowed: YYYY-MM-DD between 2000-01-01 and 2100-12-31, e.g. 2026-07-01";

    /// <summary>
    /// Reads <paramref name="text"/>; false with the problem (the text quoted, then why: not a date, or before or after the
    /// dates allowed, then <see cref="Allowed"/>) when it is no date in range.
    /// </summary>
    public static bool TryRead(string text, out DateOnly date, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            problem = $"'{text}' is not a date; {Allowed}";
        else if (date.Year is < 2000 or > 2100)
            problem = $"'{text}' is {(date.Year < 2000 ? "before" : "after")} the dates the trend is read at; {Allowed}";
        return problem is null;
    }
}
