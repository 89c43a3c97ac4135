using System.CommandLine;
using Gpunomics.Cli.Commands;

namespace Gpunomics.Cli;

/// <summary>The command-line shell: parses, validates, calls the engine, writes to the given writers.</summary>
public static class CliApp
{
    /// <summary>Exit code for a user's mistake (bad flag, unknown system, malformed file).</summary>
    public const int UserErrorExitCode = 2;

    /// <summary>Runs the command line with nothing on standard input; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, TextReader.Null, stdout, stderr);

    /// <summary>Runs the command line with <paramref name="stdin"/> as standard input (read by <c>cashflows</c> without a file, or with <c>-</c>); returns the process exit code.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stdin);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("Run 'gpunomics --help' (or 'gpunomics COMMAND --help') for usage.");
            return UserErrorExitCode;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UserInputException or Storage.DataFileException or Pricing.NoFloorException or AssetLife.AssetLifeException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UserErrorExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A fault of the program, not of the input: one line, no stack trace or source paths, its own exit code.
            stderr.WriteLine($"error: Gpunomics could not compute this ({e.GetType().Name}: {e.Message}); this is a fault in the program, not in your input: please report it with the command line");
            return InternalErrorExitCode;
        }
    }

    /// <summary>Exit code for a fault of the program itself (EX_SOFTWARE).</summary>
    public const int InternalErrorExitCode = 70;

    internal static RootCommand BuildRoot(TextWriter stdout, TextReader? stdin = null)
    {
        var root = new RootCommand("Gpunomics: the economics of AI compute. TCO, rental returns, floor and ceiling prices, and the One Chart.");
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Scenario);
        root.Options.Add(GlobalOptions.Catalog);
        var context = new CommandContext(stdout, stdin ?? TextReader.Null);
        root.Subcommands.Add(SystemsCommand.Create(context));
        root.Subcommands.Add(TcoCommand.Create(context));
        root.Subcommands.Add(ProjectCommand.Create(context));
        root.Subcommands.Add(FloorCommand.Create(context));
        root.Subcommands.Add(CeilingCommand.Create(context));
        root.Subcommands.Add(TrendCommand.Create(context));
        root.Subcommands.Add(MarketCommand.Create(context));
        root.Subcommands.Add(MarketCommand.CreateForwardCurve(context));
        root.Subcommands.Add(ChartCommand.Create(context));
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(TokensCommand.Create(context));
        root.Subcommands.Add(InferenceXCommand.Create(context));
        root.Subcommands.Add(ValueChainCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(MonteCarloCommand.Create(context));
        root.Subcommands.Add(SensitivityCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(CashFlowsCommand.Create(context));
        root.Subcommands.Add(FleetCommand.Create(context));
        return root;
    }
}
