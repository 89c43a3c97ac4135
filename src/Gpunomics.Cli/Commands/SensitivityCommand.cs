using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.MonteCarlo;
using Gpunomics.Sensitivity;

namespace Gpunomics.Cli.Commands;

internal static class SensitivityCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var range = NumberOptions.WithDefault(ModelInputs.SensitivityRange, "Relative change of each input, in (0, 1) (0.2 or 20% = ±20%).", 0.2);
        var price = NumberOptions.Optional(ModelInputs.Price, "Base rental price, $/GPU-hour (default: the system's market price, else its floor).");
        var output = new Option<FileInfo?>("--out") { Description = "Write the tornado chart to FILE.svg or FILE.png." };
        var only = new Option<string[]>("--vary")
        {
            Description = "An input the tornado moves, by name or scenario-file key (e.g. colocationPerKwMonth, operations.pue, systems.<id>.storage), repeatable; default: every input. One of " +
                string.Join(", ", MonteCarloSetup.TornadoInputs.Select(i => i.Name)) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("sensitivity", "Tornado of project IRR and floor against ±range on every input, and a rental price x system price multiplier grid.");
        command.Arguments.Add(system);
        command.Options.Add(range);
        command.Options.Add(price);
        command.Options.Add(output);
        command.Options.Add(only);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var s = ctx.System(model, parse.GetValue(system)!);
            var r = parse.GetValue(range);
            var basePrice = parse.GetValue(price) ?? s.MarketPricePerGpuHour ?? model.Floor(s.Id);
            var file = parse.GetValue(output);
            if (file is not null && !file.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !file.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"--out '{file.Name}' must end in .svg or .png");
            var setup = MonteCarloSetup.For(model, s.Id, basePrice);
            List<ModelInput>? inputs = null;
            if (parse.GetValue(only) is { Length: > 0 } names && SensitivityAnalysis.ReadInputs(setup, names, out inputs) is { } bad)
                throw new UserInputException($"--vary {bad}");
            var tornado = SensitivityAnalysis.Tornado(setup, r, inputs);
            var prices = SensitivityAnalysis.GridPrices(basePrice);
            var multipliers = SensitivityAnalysis.GridMultipliers;
            var grid = SensitivityAnalysis.Grid(setup, prices, multipliers);
            if (file is not null)
            {
                try
                {
                    var title = $"{s.Name}: {model.Scenario.Financing.IrrName}, each input ±{r:0.##%}";
                    if (file.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) File.WriteAllText(file.FullName, TornadoChart.Svg(tornado, title));
                    else File.WriteAllBytes(file.FullName, TornadoChart.Png(tornado, title));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UserInputException($"cannot write '{file.FullName}': {e.Message}");
                }
            }
            if (ctx.Json(parse))
            {
                ctx.WriteJson(Contract.Sensitivity(s.Id, r, basePrice, tornado, grid, file?.FullName, setup.Life));
                return 0;
            }
            var t = Tables.New($"{s.Name}: sensitivity, each input ±{Tables.Percent(r)} (base price {Tables.Money(basePrice)}/GPU-hour, base IRR {Tables.Percent(tornado.BaseIrr)}, floor {Tables.Money4(tornado.BaseFloor)})",
                "input", "base", "IRR low", "IRR high", "floor low ($)", "floor high ($)");
            foreach (var b in tornado.Bars)
            {
                if (b.NoEffect is not null) t.Row(b.Input, Tables.Number(b.BaseValue, "0.####"), "no effect", "no effect", "no effect", "no effect");
                else t.Row(b.Input, Tables.Number(b.BaseValue, "0.####"), Tables.Percent(b.IrrLow), Tables.Percent(b.IrrHigh), Tables.Money4(b.FloorLow), Tables.Money4(b.FloorHigh));
            }
            Tables.Write(ctx.Out, t);
            if (setup.Life is { } life) ctx.Out.WriteLine($"asset life: {life.Description}; re-leases priced by: {life.SourceName}");
            foreach (var b in tornado.Bars.Where(b => b.NoEffect is not null))
                ctx.Out.WriteLine($"no effect: {b.Input}{(b.Key is { } k ? $" ({k})" : "")}: {b.NoEffect}");
            var g = Tables.New($"{s.Name}: {model.Scenario.Financing.IrrName} by rental price (rows) and system price multiplier (columns)",
                ["$/GPU-hour", .. multipliers.Select(m => $"x{Tables.Number(m, "0.0")} (%)")]);
            for (var i = 0; i < prices.Count; i++) g.Row([Tables.Money(prices[i]), .. grid.Irr[i].Select(v => Tables.Percent(v))]);
            g.Row(["floor", .. grid.Floors.Select(Tables.Money4)]);
            Tables.Write(ctx.Out, g);
            if (tornado.BaseIrr is null || tornado.Bars.Any(b => b.IrrLow is null || b.IrrHigh is null) || grid.Irr.Any(row => row.Any(v => v is null)))
                ctx.Out.WriteLine("none: no IRR that is a return there (a borrowing rate, no root or several); a price beats the hurdle where it is at least the floor, i.e. NPV at the hurdle >= 0");
            if (file is not null) ctx.Out.WriteLine($"tornado written to {file.FullName}");
            return 0;
        });
        return command;
    }
}
