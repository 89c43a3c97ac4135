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
        command.Options.Add(multiplier);
        var supply = new SupplyOptions();
        supply.AddTo(command);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var id = ctx.System(model, parse.GetValue(system)!).Id;
            model = supply.Apply(parse, model, id);
            var m = parse.GetValue(multiplier);
            var tco = model.Tco(id, m);
            if (ctx.Json(parse)) ctx.WriteJson(Contract.Tco(tco, m));
            else Write(ctx.Out, tco);
            return 0;
        });
        return command;
    }

    internal static void Write(TextWriter o, TcoBreakdown tco)
    {
        var capex = Tables.New($"{tco.System.Name}: capex per GPU ({tco.Capex.NetworkTier} networking)", "line", "$ per GPU", "supplier-priced");
        foreach (var l in tco.Capex.Lines) capex.Row(l.Label, Tables.Money(l.PerGpu), l.SupplierPriced ? "yes" : "");
        capex.Row("total", Tables.Money(tco.Capex.PerGpu), "");
        capex.Caption = new Spectre.Console.TableTitle(
            $"capex per watt: {Tables.Money(tco.Capex.PerWattAllIn)}/W (all-in IT power, {Tables.Number(tco.System.AllInKwPerGpu)} kW); {Tables.Money(tco.Capex.PerWattChipTdp)}/W (chip TDP, {Tables.Number(tco.System.ChipTdpW, "#,##0")} W)");
        Tables.Write(o, capex);
        var lines = Tables.New($"{tco.System.Name}: TCO per GPU-hour", "line", "$/GPU-hour", "share %");
        foreach (var l in tco.Lines) lines.Row(l.Label, Tables.Money4(l.PerGpuHour), Tables.Percent(l.PerGpuHour / tco.PerGpuHour));
        lines.Row("total", Tables.Money4(tco.PerGpuHour), "100.00%");
        Tables.Write(o, lines);
        var perf = Tables.New($"{tco.System.Name}: TCO per unit of performance", "basis", "PFLOPS", "$/PFLOP-hour");
        foreach (var (basis, cost) in tco.PerPflopHour) perf.Row(basis.Key, Tables.Number(tco.System.Pflops(basis)!.Value, "0.###"), Tables.Money4(cost));
        perf.Row("memory bandwidth", $"{Tables.Number(tco.System.MemoryBandwidthTBps)} TB/s", $"{Tables.Money4(tco.PerTBpsHour)} per TB/s-hour");
        Tables.Write(o, perf);
    }
}
