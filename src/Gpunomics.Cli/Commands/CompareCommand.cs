using System.CommandLine;
using System.Globalization;
using Gpunomics.Cli.Output;
using Gpunomics.Comparison;
using Gpunomics.Contracts;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Commands;

internal static class CompareCommand
{
    public static Command Create(CommandContext ctx)
    {
        var fileA = new Argument<FileInfo>("A") { Description = "Scenario file A (JSON), read as --scenario reads it: its keys override the built-in scenario." };
        var fileB = new Argument<FileInfo>("B") { Description = "Scenario file B (JSON), read the same way." };
        var system = new Option<string?>("--system") { Description = "Catalog system id to compare (default: every system either scenario reports)." };
        var command = new Command("compare", "Two scenarios side by side: the inputs that differ, then each system's capex, TCO, floor, ceiling, headroom, and IRR, NPV and payback at the market price under both, with the difference.");
        command.Arguments.Add(fileA);
        command.Arguments.Add(fileB);
        command.Options.Add(system);
        command.SetAction(parse =>
        {
            if (parse.GetValue(GlobalOptions.Scenario) is not null)
                throw new UserInputException("compare reads its two scenarios from A and B; --scenario does not apply (give the file as A or B)");
            var catalog = CommandContext.LoadCatalog(parse);
            var pathA = parse.GetValue(fileA)!.FullName;
            var pathB = parse.GetValue(fileB)!.FullName;
            var a = CommandContext.WithLife(catalog, DataFiles.LoadScenario(catalog, pathA));
            var b = CommandContext.WithLife(catalog, DataFiles.LoadScenario(catalog, pathB));
            var ids = parse.GetValue(system) is { } id
                ? [ctx.System(new EconomicsModel(catalog, a), id).Id]
                : a.ReportSystems.Concat(b.ReportSystems).Where(x => catalog.TryGet(x, out _)).Select(x => catalog.Get(x).Id).Distinct().ToList();
            var d = ScenarioComparison.Compare(catalog, a, b, ids);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(Contract.Comparison(d));
                return 0;
            }
            Write(ctx.Out, d, catalog, parse.GetValue(fileA)!.ToString(), parse.GetValue(fileB)!.ToString());
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter o, ScenarioDifference d, Catalog.HardwareCatalog catalog, string fileA, string fileB)
    {
        var heading = $"A = {fileA}, B = {fileB}";
        if (d.Inputs.Count == 0) o.WriteLine($"No input differs: {heading}");
        else
        {
            var t = Tables.New($"Inputs that differ: {heading}", "key", "A", "B");
            foreach (var i in d.Inputs) t.Row(i.Key, Setting(i.A), Setting(i.B));
            Tables.Write(o, t);
        }
        foreach (var s in d.Systems)
        {
            o.WriteLine();
            var t = Tables.New($"{catalog.Get(s.SystemId).Name}: {heading}", "measure", "A", "B", "B - A");
            foreach (var m in s.Measures)
                t.Row($"{m.Name}, {m.Unit}", Show(m.A, m.Unit, false), Show(m.B, m.Unit, false), Show(m.Difference, m.Unit, true));
            Tables.Write(o, t);
        }
    }

    private static string Setting(object? v) => v switch
    {
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        null => "none",
        _ => v.ToString()!,
    };

    private static string Show(Figure f, string unit, bool difference)
    {
        if (f.Value is not { } v) return $"none: {f.None}";
        var sign = difference && v > 0 ? "+" : "";
        return unit switch
        {
            "$ per GPU" => sign + Tables.Money(v),
            "$/GPU-hour" => sign + Tables.Money4(v),
            // A change of an IRR is in percentage points.
            "annual" => difference ? sign + (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " pp" : Tables.Percent(v),
            _ => sign + Tables.Number(v, "0"),
        };
    }
}
