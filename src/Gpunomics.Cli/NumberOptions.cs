using System.CommandLine;
using System.CommandLine.Parsing;
using Gpunomics.Inputs;

namespace Gpunomics.Cli;

/// <summary>
/// Numeric flags, each read by the one number reader (<see cref="NumberText"/>: a decimal point, rates as 0.156 or
/// 15.6%) and checked against its input's declaration (<see cref="ModelInputs"/>) while the command line is parsed,
/// so a bad value is a parse error: the flag, the value and what is allowed, exit code 2.
/// </summary>
internal static class NumberOptions
{
    /// <summary>An optional flag for <paramref name="input"/> (named <paramref name="flag"/>, default its declared flag).</summary>
    public static Option<double?> Optional(ModelInput input, string description, string? flag = null)
    {
        var name = flag ?? input.Flag!;
        return new Option<double?>(name) { Description = description, CustomParser = r => r.Tokens.Count == 0 ? null : Read(r, input, name, r.Tokens[0].Value) };
    }

    /// <summary>A flag for <paramref name="input"/> with a default.</summary>
    public static Option<double> WithDefault(ModelInput input, string description, double @default, string? flag = null)
    {
        var name = flag ?? input.Flag!;
        return new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => @default,
            CustomParser = r => r.Tokens.Count == 0 ? @default : Read(r, input, name, r.Tokens[0].Value) ?? @default,
        };
    }

    /// <summary>A required flag for <paramref name="input"/>.</summary>
    public static Option<double> Required(ModelInput input, string description)
    {
        var name = input.Flag!;
        return new Option<double>(name) { Description = description, Required = true, CustomParser = r => r.Tokens.Count == 0 ? 0 : Read(r, input, name, r.Tokens[0].Value) ?? 0 };
    }

    /// <summary>An optional whole-number flag for <paramref name="input"/>.</summary>
    public static Option<int?> Whole(ModelInput input, string description)
    {
        var name = input.Flag!;
        return new Option<int?>(name) { Description = description, CustomParser = r => r.Tokens.Count == 0 ? null : Read(r, input, name, r.Tokens[0].Value) is { } v ? (int)v : null };
    }

    /// <summary>A whole-number setting with a default (<see cref="CliInputs"/>); its help names the allowed range.</summary>
    public static Option<long> Count(ModelInput input, string description, long @default)
    {
        var name = input.Flag!;
        return new Option<long>(name)
        {
            Description = $"{description} Allowed: {input.Allowed}.",
            DefaultValueFactory = _ => @default,
            CustomParser = r => r.Tokens.Count == 0 ? @default : Read(r, input, name, r.Tokens[0].Value) is { } v ? (long)v : @default,
        };
    }

    /// <summary>An optional whole-number setting (<see cref="CliInputs"/>); its help names the allowed range.</summary>
    public static Option<int?> OptionalCount(ModelInput input, string description)
    {
        var name = input.Flag!;
        return new Option<int?>(name) { Description = $"{description} Allowed: {input.Allowed}.", CustomParser = r => r.Tokens.Count == 0 ? null : Read(r, input, name, r.Tokens[0].Value) is { } v ? (int)v : null };
    }

    /// <summary>A flag taking one or more values of <paramref name="input"/>, at most its declared count.</summary>
    public static Option<double[]?> List(ModelInput input, string description)
    {
        var name = input.Flag!;
        var max = input.MaxCount ?? throw new ArgumentException($"{input.Name} is not declared as a list", nameof(input));
        return new Option<double[]?>(name)
        {
            Description = $"{description} At most {max}.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r =>
            {
                if (r.Tokens.Count > max)
                {
                    r.AddError($"{name}: {r.Tokens.Count} values given; at most {max} allowed");
                    return null;
                }
                var values = new List<double>();
                foreach (var t in r.Tokens)
                {
                    if (Read(r, input, name, t.Value) is not { } v) return null;
                    values.Add(v);
                }
                return [.. values];
            },
        };
    }

    private static double? Read(ArgumentResult r, ModelInput input, string flag, string text)
    {
        if (input.Read(text, out var value) is { } problem)
        {
            r.AddError($"{flag}: {problem}");
            return null;
        }
        return value;
    }
}
