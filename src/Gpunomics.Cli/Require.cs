namespace Gpunomics.Cli;

/// <summary>Checks of whole-number command-line values (numbers with a unit are declared in ModelInputs and read by NumberOptions), each failing with the flag, the value and the allowed range.</summary>
internal static class Require
{
    public static int InRange(int value, string flag, int min, int max)
    {
        if (value < min || value > max)
            throw new UserInputException($"{flag} {value} is out of range; allowed: whole numbers from {min} to {max}");
        return value;
    }
}
