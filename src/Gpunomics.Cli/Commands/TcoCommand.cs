using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Tco;

namespace Gpunomics.Cli.Commands;

internal static class TcoCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var multiplier = NumberOptions.WithDefault(ModelInputs.SystemPriceMultiplier, "System price over today's (1.0 = today).", 1.0);
        var command = new Command("tco", "Capex by bill-of-materials line, capex per watt, and TCO per GPU-hour and per PFLOP-hour.");
        command.Arguments.Add(system);
        var mfu = NumberOptions.Optional(ModelInputs.Mfu, "Model-FLOPs utilization, in (0, 1] (0.4 or 40%): adds the cost per PFLOP-hour actually used, TCO per PFLOP-hour / MFU.");
        command.Options.Add(multiplier);
        command.Options.Add(mfu);
        var supply = new SupplyOptions();
        supply.AddTo(command);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var id = ctx.System(model, parse.GetValue(system)!).Id;
            model = supply.Apply(parse, model, id);
            var m = parse.GetValue(multiplier);
            var tco = model.Tco(id, m);
            var u = parse.GetValue(mfu);
            if (ctx.Json(parse)) ctx.WriteJson(Contract.Tco(tco, m, u));
            else Write(ctx.Out, tco, u);
            return 0;
        });
        return command;
    }

    internal static void Write(TextWriter o, TcoBreakdown tco, double? mfu = null)
    {
        var capex = Tables.New($"{tco.System.Name}: capex per GPU ({tco.Capex.NetworkTier} networking)", "line", "$ per GPU", "supplier-priced");
        foreach (var l in tco.Capex.Lines)
        {
            capex.Row(l.Label, Tables.Money(l.PerGpu), l.SupplierPriced ? "yes" : "");
            if (l.Name != "networking") continue;
            // The networking line's components sit under it, indented; a total given alone says so in their place.
            if (tco.Capex.NetworkingComponents is { } parts)
                foreach (var p in parts) capex.Row("  " + p.Label, Tables.Money(p.PerGpu), "");
            else capex.Row("  components", tco.Capex.NetworkingComponentsNote!, "");
        }
        capex.Row("total", Tables.Money(tco.Capex.PerGpu), "");
        capex.Caption = new Spectre.Console.TableTitle(
            $"capex per watt: {Tables.Money(tco.Capex.PerWattAllIn)}/W (all-in IT power, {Tables.Number(tco.System.AllInKwPerGpu)} kW); {Tables.Money(tco.Capex.PerWattChipTdp)}/W (chip TDP, {Tables.Number(tco.System.ChipTdpW, "#,##0")} W)");
        Tables.Write(o, capex);
        var lines = Tables.New($"{tco.System.Name}: TCO per GPU-hour", "line", "$/GPU-hour", "share %");
        foreach (var l in tco.Lines) lines.Row(l.Label, Tables.Money4(l.PerGpuHour), Tables.Percent(l.PerGpuHour / tco.PerGpuHour));
        lines.Row("total", Tables.Money4(tco.PerGpuHour), "100.00%");
        Tables.Write(o, lines);
        var columns = mfu is { } u ? new[] { "basis", "PFLOPS", "$/PFLOP-hour", $"$/PFLOP-hour used at {Tables.Percent(u)} MFU" } : ["basis", "PFLOPS", "$/PFLOP-hour"];
        var perf = Tables.New($"{tco.System.Name}: TCO per unit of performance", columns);
        foreach (var (basis, cost) in tco.PerPflopHour)
        {
            var cells = new List<string> { basis.Key, Tables.Number(tco.System.Pflops(basis)!.Value, "0.###"), Tables.Money4(cost) };
            if (mfu is { } m) cells.Add(basis.Sparse ? "none: MFU is against the dense peak" : Tables.Money4(tco.EffectiveCostPerPflopHour(basis, m)));
            perf.Row([.. cells]);
        }
        var bandwidth = new List<string> { "memory bandwidth", $"{Tables.Number(tco.System.MemoryBandwidthTBps)} TB/s", $"{Tables.Money4(tco.PerTBpsHour)} per TB/s-hour" };
        if (mfu is not null) bandwidth.Add("");
        perf.Row([.. bandwidth]);
        Tables.Write(o, perf);
    }
}
