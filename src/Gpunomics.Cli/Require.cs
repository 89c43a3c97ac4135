using System.Globalization;

namespace Gpunomics.Cli;

/// <summary>Checks of command-line values, each failing with the flag, the value and the allowed range.</summary>
internal static class Require
{
    public static double InRange(double value, string flag, double min, double max, bool minExclusive = false, bool maxExclusive = false)
    {
        var ok = double.IsFinite(value)
            && (minExclusive ? value > min : value >= min)
            && (maxExclusive ? value < max : value <= max);
        if (!ok)
        {
            var range = $"{(minExclusive ? "(" : "[")}{Fmt(min)}, {Fmt(max)}{(maxExclusive ? ")" : "]")}";
            throw new UserInputException($"{flag} {Fmt(value)} is out of range; allowed: {range}");
        }
        return value;
    }

    public static int InRange(int value, string flag, int min, int max)
    {
        if (value < min || value > max)
            throw new UserInputException($"{flag} {value} is out of range; allowed: whole numbers from {min} to {max}");
        return value;
    }

    private static string Fmt(double d) => d.ToString("G", CultureInfo.InvariantCulture);
}
