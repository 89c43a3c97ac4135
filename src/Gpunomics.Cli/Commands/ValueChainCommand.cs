using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Storage;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Cli.Commands;

internal static class ValueChainCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var price = NumberOptions.Optional(ModelInputs.Price, "Rental price, $ per GPU-hour (default: the market price, else today's floor).");
        var sheet = new Option<string>("--sheet") { Description = "Price sheet the model lab sells at.", DefaultValueFactory = _ => "frontier" };
        var tps = NumberOptions.Optional(ModelInputs.TokensPerSecondPerGpu, "Total tokens/s per GPU (default: the best measured configuration reaching --interactivity, DeepSeek R1 8k/1k fp8).");
        var interactivity = NumberOptions.WithDefault(ModelInputs.Interactivity, "Interactivity for the measured throughput, tokens/s per user.", ValueChainModel.DefaultInteractivity);
        var tasks = new Option<FileInfo?>("--tasks") { Description = "Task list for the value of the work (default: the shipped data/tasks.json)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the stacked chart to FILE.svg or FILE.png." };
        var sheets = TokensCommand.SheetsFileOption();
        var workload = new TokensCommand.WorkloadOptions("served");
        var serving = TokensCommand.ServingWorkloadOption();
        var c = new Command("value-chain", "Who keeps what of a GPU-hour and of a million tokens: component vendors, system supplier, neocloud, model lab, end user.");
        c.Arguments.Add(system);
        foreach (var o in new Option[] { price, sheet, tps, serving, interactivity, tasks, output, sheets }) c.Options.Add(o);
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var model = ctx.Load(p);
            var s = ctx.System(model, p.GetValue(system)!);
            var sh = DataFiles.Sheet(DataFiles.LoadPriceSheets(p.GetValue(sheets)?.FullName), p.GetValue(sheet)!);
            var taskList = DataFiles.LoadTasks(p.GetValue(tasks)?.FullName);
            var rental = p.GetValue(price) ?? s.MarketPricePerGpuHour ?? model.Floor(s.Id);
            var u = p.GetValue(interactivity);
            var givenWorkload = TokensCommand.ReadServingWorkload(p, serving);
            if (givenWorkload is not null && p.GetValue(tps) is null)
                throw new UserInputException("--serving-workload names the workload of a given --tokens-per-second-per-gpu; the measured throughput is on " + ServingWorkload.Default.Label);
            var (rate, rateSource, sw) = p.GetValue(tps) is { } given
                ? (given, "given", givenWorkload)
                : MeasuredRate(DataFiles.LoadServing().Rows, s.Id, u);
            var w = workload.Read(p, sw);
            var r = ValueChainModel.Compute(s, model.Scenario, rental, TokensCommand.Priceable(sh, w), new WorkloadMatch(sw, w) { Sheet = sh }, rate, taskList);
            if (p.GetValue(output) is { } o)
            {
                ChartCommand.RequireImageName(o.Name);
                var bars = new[] { Bar(s.Id, r) };
                var title = $"Where one {s.Name} GPU-hour goes at {Tables.Money(rental)}/hour, {sh.Name} prices on the {w.Name} workload{(r.Workloads.Matches ? "" : r.Workloads.Serving is null ? " (tokens/s of an unnamed workload)" : " (not the workload measured)")}; the end user keeps {Tables.Money(r.Layers[^1].PerGpuHour)} more";
                ChartCommand.WriteImage(o.FullName, () => StackedBarRenderer.Svg(title, "$ per GPU-hour", bars), () => StackedBarRenderer.Png(title, "$ per GPU-hour", bars));
            }
            if (ctx.Json(p))
            {
                ctx.WriteJson(Contract.ValueChain(s.Id, sh.Name, rate, rateSource, r));
                return 0;
            }
            Write(ctx.Out, s.Name, r, sh.Name, rateSource);
            return 0;
        });
        return c;
    }

    internal static StackedBar Bar(string label, ValueChainResult r) =>
        new(label, r.Layers.Take(r.Layers.Count - 1).Select(l => (l.Name, l.PerGpuHour)).ToList());

    internal static (double Rate, string Source, ServingWorkload Workload) MeasuredRate(IReadOnlyList<ServingMeasurement> rows, string systemId, double interactivity)
    {
        var hw = ServingAnalysis.HardwareName(systemId)
            ?? throw new UserInputException($"there are no serving measurements for {systemId}: give --tokens-per-second-per-gpu");
        var best = ValueChainModel.MeasuredThroughput(rows, systemId, interactivity)
            ?? throw new UserInputException($"no measured {hw} configuration of {ServingWorkload.Default.Label} reaches {interactivity} tokens/s per user: give --tokens-per-second-per-gpu or a lower --interactivity");
        return (best.TputPerGpu, ValueChainModel.MeasuredSource(best, interactivity), best.Configuration.Workload);
    }

    internal static void Write(TextWriter o, string name, ValueChainResult r, string sheet, string rateSource)
    {
        var t = Tables.New($"{name}: value chain at {Tables.Money(r.RentalPrice)}/GPU-hour, {sheet} prices, {Tables.Number(r.TokensPerGpuHour / 3600, "#,##0")} tokens/s per GPU", "layer", "$/GPU-hour", "$/million tokens", "how");
        foreach (var l in r.Layers) t.Row(l.Name, Tables.Money4(l.PerGpuHour), Tables.Money4(l.PerMillionTokens), l.Meaning);
        t.Caption = new Spectre.Console.TableTitle($"tokens/s: {rateSource}, serving workload {r.Workloads.Serving?.Label ?? "not given"}; priced as {r.Workloads.Pricing.Label}; token revenue {Tables.Money(r.TokenRevenuePerGpuHour)}/GPU-hour; value of the work {Tables.Money(r.ValueOfWorkPerGpuHour)}/GPU-hour");
        Tables.Write(o, t);
        if (r.Workloads.Matches) o.WriteLine("throughput and price come from the same workload");
        foreach (var note in r.Notes) o.WriteLine(note);
        var tasks = Tables.New("End-user return: the same tasks done by people or by tokens", "task", "people cost $", "token spend $", "return (x)");
        foreach (var x in r.Tasks) tasks.Row(x.Task.Name, Tables.Money(x.Task.PeopleCost), Tables.Money(x.TokenSpend), Tables.Number(x.Roi, "#,##0"));
        Tables.Write(o, tasks);
    }
}
