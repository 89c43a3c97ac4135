using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Gpunomics.Inputs;
using Gpunomics.Tests.Shared;
using Xunit.Abstractions;

namespace Gpunomics.Cli.Tests;

/// <summary>
/// Every command over every numeric flag's documented range and just past it, from the command tree and the input
/// declarations (so a new command or flag is covered without a new test): each input at each edge with the others at
/// their defaults, a seeded sample of combinations, and the corner of a hurdle far below zero with heavy tax and debt.
/// Every run ends in exit code 0 or 2 with no stack trace, source path, NaN or infinity in what it prints.
/// </summary>
public sealed partial class InputGridTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gpunomics-grid-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly string Serving = Path.Combine(Cli.RepoRoot, "data", "serving", "inferencex-dsr1.json");

    // Commands not run: serve starts a server (its endpoints have their own grid in the web tests).
    private static readonly string[] NotRun = ["serve"];

    [GeneratedRegex(@"\bNaN\b|∞|\bInfinity\b|-?\bInf\b")]
    private static partial Regex NotAFigure();

    [GeneratedRegex(@"\.cs:line \d+|^\s+at \S+\(|\bat Gpunomics\.|/src/Gpunomics\.", RegexOptions.Multiline)]
    private static partial Regex StackOrSource();

    /// <summary>Each runnable command with what it needs to run: its arguments and required options.</summary>
    private List<(string[] Path, Command Command, string[] Base)> Runnable()
    {
        var list = new List<(string[], Command, string[])>();
        foreach (var (command, path) in Commands(CliApp.BuildRoot(TextWriter.Null), []))
        {
            if (path.Length == 0 || command.Action is null || NotRun.Contains(path[0])) continue;
            var args = new List<string>();
            foreach (var a in command.Arguments)
                args.Add(a.Name switch
                {
                    "system" => "vr-nvl72",
                    "file" => Serving,
                    "kind" => "scenario",
                    "flows" => Path.Combine(Cli.RepoRoot, "docs", "examples", path[^1].StartsWith('x') ? "cashflows-dated.csv" : "cashflows-monthly.csv"),
                    // compare's two scenario files (it refuses --scenario, so the corner runs below exit 2 for it;
                    // CompareCommandTests compares at the corner itself).
                    "A" => Path.Combine(Cli.RepoRoot, "data", "scenarios", "article.json"),
                    "B" => Path.Combine(Cli.RepoRoot, "data", "scenarios", "neocloud-deal-price.json"),
                    _ => throw new InvalidOperationException($"{string.Join(' ', path)}: no grid value for the argument <{a.Name}>"),
                });
            foreach (var o in command.Options.Where(o => o.Required))
                args.AddRange(o.Name switch
                {
                    "--hardware" => ["--hardware", "b200"],
                    "--tokens-per-second-per-gpu" => ["--tokens-per-second-per-gpu", "1000"],
                    "--price" => ["--price", "3.5"],
                    "--from" => ["--from", "frontier"],
                    "--to" => ["--to", "fast"],
                    "--rate" => ["--rate", "0.1"],
                    "--out" => ["--out", Path.Combine(_dir, "required.svg")],
                    _ => throw new InvalidOperationException($"{string.Join(' ', path)}: no grid value for the required {o.Name}"),
                });
            // Files written go to the grid's own directory; Monte Carlo runs a small sample unless its size is the flag under test.
            if (path[0] == "report") args.AddRange(["--out", _dir]);
            if (path[0] == "export") args.AddRange(["--json-file", Path.Combine(_dir, "export.json")]);
            if (path[0] == "montecarlo") args.AddRange(["--scenarios", "200"]);
            if (path is ["market", "paths"]) args.AddRange(["--paths", "200"]);
            list.Add((path, command, [.. args]));
        }
        return list;
    }

    /// <summary>The declaration behind a numeric flag, or null for a flag that is not a number.</summary>
    private static ModelInput? Declared(Option o) =>
        ModelInputs.All.Concat(CliInputs.All).FirstOrDefault(i => i.Flag is not null && i.Flag.Split(", ").Contains(o.Name));

    // A run of this size is checked by the parser only: it is allowed, and would take minutes.
    private static bool TooLongToRun(ModelInput input, InputEdges.Edge edge) => (input == CliInputs.Scenarios || input == CliInputs.Paths) && edge.Allowed && edge.Value > 10_000;

    private int _runs;

    private void Check(string[] args, List<string> failures)
    {
        _runs++;
        var r = Cli.Run(args);
        var printed = r.Out + r.Err;
        var line = string.Join(' ', args.Select(a => a.StartsWith(_dir, StringComparison.Ordinal) ? "TMP" : a));
        if (r.ExitCode is not (0 or 2)) failures.Add($"{line}: exit {r.ExitCode}: {r.Err.Trim()}");
        if (StackOrSource().Match(printed) is { Success: true } m) failures.Add($"{line}: prints a stack trace or source path ({m.Value})");
        if (NotAFigure().Match(printed) is { Success: true } n) failures.Add($"{line}: prints {n.Value} as a figure");
    }

    [Fact]
    public void Every_command_at_every_edge_of_every_numeric_flag_exits_0_or_2_and_prints_no_trace_nan_or_infinity()
    {
        var failures = new List<string>();
        var runnable = Runnable();
        Assert.True(runnable.Count >= 15, $"only {runnable.Count} commands found");
        var flags = 0;
        foreach (var (path, command, @base) in runnable)
        {
            Check([.. path, .. @base], failures);
            foreach (var option in command.Options)
            {
                if (Declared(option) is not { } input) continue;
                flags++;
                foreach (var edge in InputEdges.Of(input))
                {
                    string[] args = [.. path, .. Without(@base, option.Name), option.Name, edge.Text];
                    if (TooLongToRun(input, edge))
                        Assert.Empty(CliApp.BuildRoot(TextWriter.Null).Parse(args).Errors);
                    else Check(args, failures);
                }
            }
        }
        output.WriteLine($"{_runs} runs over {runnable.Count} commands and {flags} numeric flags");
        Assert.True(flags > 40, $"only {flags} numeric flags found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void A_seeded_sample_of_combinations_and_the_low_hurdle_heavy_tax_and_debt_corner_exit_0_or_2_without_a_trace()
    {
        var failures = new List<string>();
        var random = new Random(20261201);
        foreach (var (path, command, @base) in Runnable())
        {
            var numeric = command.Options.Select(o => (Option: o, Input: Declared(o))).Where(x => x.Input is not null && x.Input != CliInputs.Scenarios).ToList();
            if (numeric.Count == 0) continue;
            for (var k = 0; k < 6; k++)
            {
                var args = new List<string>([.. path, .. @base]);
                foreach (var (option, input) in numeric.Where(_ => random.NextDouble() < 0.5))
                    args.AddRange([option.Name, InputEdges.Text(input!, InputEdges.Inside(input!, random))]);
                Check([.. args], failures);
            }
            // The corner: hurdle at or below -50%, tax and debt near all, wherever a command takes them.
            var names = numeric.Select(x => x.Option.Name).ToHashSet();
            if (!names.Contains("--hurdle")) continue;
            foreach (var hurdle in new[] { "-0.99", "-0.9", "-0.5" })
                foreach (var tax in names.Contains("--tax-rate") ? new string?[] { "0", "0.5", "0.99" } : new string?[] { null })
                    foreach (var debt in names.Contains("--debt-share") ? new string?[] { "0", "0.99" } : new string?[] { null })
                    {
                        var args = new List<string>([.. path, .. @base, "--hurdle", hurdle]);
                        if (tax is not null) args.AddRange(["--tax-rate", tax]);
                        if (debt is not null) args.AddRange(["--debt-share", debt, "--debt-rate", "0.08"]);
                        Check([.. args], failures);
                    }
        }
        output.WriteLine($"{_runs} runs");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_command_under_a_scenario_file_at_the_low_hurdle_heavy_tax_and_debt_corner_exits_0_or_2_without_a_trace()
    {
        var failures = new List<string>();
        var file = Path.Combine(_dir, "corner.json");
        foreach (var hurdle in new[] { "-0.99", "-0.5" })
            foreach (var tax in new[] { "0", "0.99" })
            {
                File.WriteAllText(file, $$"""{ "hurdleRate": {{hurdle}}, "debt": { "share": 0.99, "rate": 0.08 }, "tax": { "rate": {{tax}} } }""");
                foreach (var (path, _, @base) in Runnable()) Check([.. path, .. @base, "--scenario", file], failures);
            }
        output.WriteLine($"{_runs} runs");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string[] Without(string[] args, string flag)
    {
        var i = Array.IndexOf(args, flag);
        return i < 0 ? args : [.. args[..i], .. args[(i + 2)..]];
    }


    private static IEnumerable<(Command Command, string[] Path)> Commands(Command c, string[] path)
    {
        yield return (c, path);
        foreach (var sub in c.Subcommands)
            foreach (var x in Commands(sub, [.. path, sub.Name])) yield return x;
    }

    [Fact]
    public void The_grid_values_are_inside_each_range()
    {
        var random = new Random(1);
        foreach (var input in ModelInputs.All.Concat(CliInputs.All))
            for (var i = 0; i < 50; i++)
            {
                var v = InputEdges.Inside(input, random);
                Assert.True(input.Range.Contains(v), $"{input.Name}: {v.ToString(CultureInfo.InvariantCulture)}");
            }
    }
}
