using System.CommandLine;
using Gpunomics.Inputs;
using System.Globalization;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.MonteCarlo;
using Spectre.Console;

namespace Gpunomics.Cli.Commands;

internal static class MonteCarloCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var scenarios = NumberOptions.Count(CliInputs.Scenarios, "Number of scenarios.", 100_000);
        var seed = NumberOptions.Count(ModelInputs.Seed, "Random seed; the same seed gives the same results.", 1);
        var price = NumberOptions.Optional(ModelInputs.Price, "Base rental price, $/GPU-hour (default: the system's market price, else its floor).");
        var dists = new Option<string[]>("--distribution")
        {
            Description = "NAME=SPEC, repeatable. NAME: an input's name or scenario-file key, e.g. price, colocationPerKwMonth or operations.colocationPerKwMonth, systems.<id>.storage; one of " +
                string.Join(", ", MonteCarloSetup.InputNames) + ". SPEC: uniform(a,b), triangular(min,mode,max), normal(mean,sd), lognormal(median,sigma) or a number.",
            AllowMultipleArgumentsPerToken = true,
        };
        var corr = new Option<string[]>("--correlation") { Description = "A,B=RHO, repeatable: correlation of two inputs' normals (Gaussian copula).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the IRR histogram to FILE.svg or FILE.png." };
        var command = new Command("montecarlo", "Monte Carlo of the rental project: percentiles of IRR, NPV and floor, and the probability of beating the hurdle.");
        command.Arguments.Add(system);
        command.Options.Add(scenarios);
        command.Options.Add(seed);
        command.Options.Add(price);
        command.Options.Add(dists);
        command.Options.Add(corr);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var s = ctx.System(model, parse.GetValue(system)!);
            var n = parse.GetValue(scenarios);
            var basePrice = parse.GetValue(price) ?? s.MarketPricePerGpuHour ?? model.Floor(s.Id);
            var file = parse.GetValue(output);
            if (file is not null && !file.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !file.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"--out '{file.Name}' must end in .svg or .png");
            var setup = MonteCarloSetup.For(model, s.Id, basePrice);
            setup = setup with
            {
                Distributions = ParseDistributions(parse.GetValue(dists) ?? [], setup),
                Correlations = ParseCorrelations(parse.GetValue(corr) ?? []),
            };
            var runSeed = (ulong)parse.GetValue(seed);
            MonteCarloResult result;
            try
            {
                result = RunWithProgress(setup, n, runSeed);
            }
            catch (ArgumentException e)
            {
                throw new UserInputException($"--distribution/--correlation: {e.Message.Split(" (Parameter")[0]}");
            }
            var hurdle = setup.Base[ModelInputs.Hurdle.Name];
            if (file is not null) Save(result, hurdle, $"{s.Name}: {model.Scenario.Financing.IrrName} over {n:N0} scenarios", file.FullName);
            if (ctx.Json(parse)) ctx.WriteJson(Contract.MonteCarlo(s.Id, basePrice, setup, result, file?.FullName));
            else Write(ctx.Out, s.Name, basePrice, setup, result, file?.FullName);
            return 0;
        });
        return command;
    }

    private static Dictionary<string, Distribution> ParseDistributions(string[] specs, MonteCarloSetup setup) =>
        MonteCarloSpecs.ReadDistributions(specs, setup, out var d) is { } problem ? throw new UserInputException($"--distribution {problem}") : d;

    private static List<Correlation> ParseCorrelations(string[] specs) =>
        MonteCarloSpecs.ReadCorrelations(specs, out var c) is { } problem ? throw new UserInputException($"--correlation {problem}") : c;

    private static MonteCarloResult RunWithProgress(MonteCarloSetup setup, long n, ulong seed)
    {
        // A progress bar only on a terminal (stderr), never in a pipe or a file.
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || n < 1_000_000)
            return MonteCarloSimulation.Run(setup, n, seed);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        MonteCarloResult? result = null;
        console.Progress().Start(p =>
        {
            var task = p.AddTask("scenarios", maxValue: n);
            var gate = new object();
            result = MonteCarloSimulation.Run(setup, n, seed, done =>
            {
                lock (gate) if (done > task.Value) task.Value = done;
            });
            task.Value = n;
        });
        return result!;
    }

    private static void Save(MonteCarloResult r, double hurdle, string title, string path)
    {
        try
        {
            if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) File.WriteAllText(path, MonteCarloChart.Svg(r, hurdle, title));
            else File.WriteAllBytes(path, MonteCarloChart.Png(r, hurdle, title));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write '{path}': {e.Message}");
        }
    }

    private static void Write(TextWriter o, string name, double price, MonteCarloSetup setup, MonteCarloResult r, string? file)
    {
        var t = Tables.New($"{name}: Monte Carlo over {r.Scenarios:N0} scenarios (seed {r.Seed}, base price {Tables.Money(price)}/GPU-hour)",
            "output", "p5", "p25", "p50", "p75", "p95", "mean");
        void Row(string label, OutputSummary s, Func<double, string> format)
        {
            string Cell(double? v) => v is { } d ? format(d) : s.Count == 0 ? "none" : "too few";
            t.Row(label, Cell(s.P5), Cell(s.P25), Cell(s.P50), Cell(s.P75), Cell(s.P95), s.Mean is { } m ? format(m) : s.Count == 0 ? "none" : "beyond range");
        }
        Row($"{setup.Financing.IrrName} (annual)", r.Irr, d => Tables.Percent(d));
        Row("NPV at hurdle, $/GPU", r.Npv, Tables.Money);
        Row("floor, $/GPU-hour", r.Floor, Tables.Money4);
        Tables.Write(o, t);
        o.WriteLine($"percentiles: nearest rank, each within {r.PercentileRelativeAccuracy.ToString("±0.0###%", CultureInfo.InvariantCulture)} (relative) of the exact percentile of these scenarios");
        if (r.ScenariosWithoutIrr > 0)
            o.WriteLine($"{setup.Financing.IrrName}: over the {r.Irr.Count:N0} scenarios with an IRR that is a return; none in {r.ScenariosWithoutIrr:N0} (no rate, several, or a borrowing rate), left out of the IRR row and decided on NPV");
        if (new[] { r.Irr, r.Npv, r.Floor }.Any(s => s.Count > 0 && s.P5 is null))
            o.WriteLine("too few: fewer scenarios with a value than the percentile needs (20 for p5 and p95, 4 for p25 and p75, 2 for p50)");
        if (new[] { r.Irr, r.Npv, r.Floor }.Any(s => s.Count > 0 && s.Mean is null))
            o.WriteLine("beyond range: a value beyond ±7.2e16, too large for the exact mean");
        if (r.ScenariosWithoutFloor > 0)
            o.WriteLine($"floor: over the {r.Floor.Count:N0} scenarios with one; none in {r.ScenariosWithoutFloor:N0} (no price gives the hurdle IRR over the whole life)");
        if (setup.Life is { } life) o.WriteLine($"asset life: {life.Description}; re-leases priced by: {life.SourceName}");
        o.WriteLine($"probability of beating the hurdle ({Tables.Percent(setup.Base[ModelInputs.Hurdle.Name])} unless drawn), NPV at the hurdle >= 0: {Tables.Percent(r.ProbabilityAboveHurdle)}");
        foreach (var (k, d) in setup.Distributions) o.WriteLine($"  {k}{(setup.Find(k, out _) is { } i && setup.KeyOf(i) is { } key ? $" ({key})" : "")} ~ {d}");
        if (file is not null) o.WriteLine($"histogram written to {file}");
    }
}
