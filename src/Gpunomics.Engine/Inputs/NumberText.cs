using System.Globalization;

namespace Gpunomics.Inputs;

/// <summary>
/// The one reader of numbers typed by a user (command-line flags, API query values, distribution specs):
/// a decimal point, never a decimal comma or thousands separators; an optional exponent; rates and shares
/// also as percentages (<c>15.6%</c> = 0.156). Nothing is read otherwise than typed: <c>3,5</c> is refused
/// with a hint rather than read as 35.
/// </summary>
public static class NumberText
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// Reads <paramref name="text"/> in <paramref name="unit"/>; returns null and the value, or the problem and 0.
    /// With <paramref name="whole"/> a comma is taken for a thousands separator in the hint (<c>1,000</c>: write 1000).
    /// </summary>
    public static string? Read(string text, InputUnit unit, out double value, bool whole = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var s = text.Trim();
        if (s.Length == 0) return "is empty; give a number";
        if (s.Contains(',', StringComparison.Ordinal))
        {
            var groups = s.Split(',');
            var thousands = groups.Skip(1).All(g => g.Length == 3 && g.All(char.IsAsciiDigit));
            var hint = whole
                ? thousands ? $"write {s.Replace(",", "", StringComparison.Ordinal)}" : "give a whole number without separators"
                : groups.Length == 2 ? $"write {s.Replace(',', '.')} for a decimal" : "write the number without separators";
            return $"'{s}' has a comma: numbers take a decimal point and no thousands separators; {hint}";
        }
        var percent = s.EndsWith('%');
        if (percent)
        {
            if (!unit.IsFraction()) return $"'{s}': % is only for rates and shares; give a plain number in {unit.Text()}";
            s = s[..^1].TrimEnd();
        }
        // Plain decimals through decimal, so that 15.6% is exactly 0.156; exponents (1e-30, 1e308) through double.
        if (!s.Contains('e', StringComparison.OrdinalIgnoreCase) && decimal.TryParse(s, Style, CultureInfo.InvariantCulture, out var m))
        {
            value = percent ? (double)(m / 100m) : (double)m;
            return null;
        }
        if (!double.TryParse(s, Style, CultureInfo.InvariantCulture, out var d)) return $"'{text.Trim()}' is not a number";
        if (!double.IsFinite(d)) return $"'{text.Trim()}' is not a finite number";
        value = percent ? d / 100 : d;
        return null;
    }
}
