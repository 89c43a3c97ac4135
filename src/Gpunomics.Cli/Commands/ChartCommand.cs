using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.OneChart;

namespace Gpunomics.Cli.Commands;

internal static class ChartCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var output = new Option<FileInfo?>("--out") { Description = "Write the chart to FILE.svg or FILE.png." };
        var multipliers = NumberOptions.List(ModelInputs.ChartMultiplier, "System price multipliers, one curve each (default: the scenario's, 1.0 1.2 1.4).");
        var price = NumberOptions.Optional(ModelInputs.Price, "Price for the value split, $/GPU-hour (default: the market price, else today's floor).");
        var command = new Command("chart", "The One Chart: project IRR against rental price, one curve per system price, with hurdle, ceiling and value split.");
        command.Arguments.Add(system);
        command.Options.Add(output);
        command.Options.Add(multipliers);
        command.Options.Add(price);
        var trend = new TrendOptions();
        command.Options.Add(trend.CeilingFromTrend);
        command.Options.Add(trend.BelowTrend);
        command.Options.Add(trend.LaunchPrices);
        var supply = new SupplyOptions();
        supply.AddTo(command);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var s = ctx.System(model, parse.GetValue(system)!);
            model = supply.Apply(parse, model, s.Id);
            s = model.System(s.Id);
            var ms = parse.GetValue(multipliers);
            var splitPrice = parse.GetValue(price);
            var file = parse.GetValue(output);
            if (file is not null) RequireImageName(file.Name);
            if (s.Pflops(model.Scenario.Ceiling.Basis) is null)
                throw new UserInputException($"{s.Id} does not market {model.Scenario.Ceiling.Basis.Key} throughput, the scenario's ceiling precision");
            var fromTrend = trend.ChartCeiling(parse, model, s);
            var chart = model.Chart(s.Id, ms is { Length: > 0 } ? ms : null, ceiling: fromTrend?.Ceiling.Ceiling, valueSplitPrice: splitPrice);
            if (file is not null) Save(chart, file.FullName);
            var from = fromTrend is { } f ? Contract.TrendCeilingSource(f.Ceiling, f.Fit) : null;
            if (ctx.Json(parse))
            {
                var json = Contract.Chart(chart, file?.FullName, from);
                if (chart.Life is { } life)
                {
                    var node = global::System.Text.Json.Nodes.JsonNode.Parse(ContractJson.Serialize(json))!.AsObject();
                    node["assetLife"] = life;
                    ctx.WriteJson(node);
                }
                else ctx.WriteJson(json);
            }
            else Write(ctx.Out, chart, file?.FullName, from);
            return 0;
        });
        return command;
    }

    internal static void RequireImageName(string name)
    {
        if (!name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"--out '{name}' must end in .svg or .png");
    }

    internal static void Save(OneChartModel chart, string path) =>
        WriteImage(path, () => OneChartRenderer.Svg(chart), () => OneChartRenderer.Png(chart));

    /// <summary>Writes SVG or PNG by the file's extension.</summary>
    internal static void WriteImage(string path, Func<string> svg, Func<byte[]> png)
    {
        try
        {
            if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) File.WriteAllText(path, svg());
            else File.WriteAllBytes(path, png());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write '{path}': {e.Message}");
        }
    }

    internal static void Write(TextWriter o, OneChartModel c, string? file, string? ceilingFromTrend = null)
    {
        var t = Tables.New($"{c.System.Name}: the One Chart", "measure", "$/GPU-hour", $"$/PFLOP-hour ({c.Basis.Key})");
        foreach (var k in c.Curves)
            t.Row($"floor at system price x{Tables.Number(k.Multiplier, "0.0#")}", Tables.Money(k.FloorPrice), Tables.Money4(k.FloorPrice / c.Pflops));
        t.Row("floor at component cost", Tables.Money(c.FloorAtComponentCost), Tables.Money4(c.FloorAtComponentCost / c.Pflops));
        t.Row("value-based ceiling", Tables.Money(c.Ceiling), Tables.Money4(c.Ceiling / c.Pflops));
        t.Row("ceiling from", ceilingFromTrend ?? "the scenario's reference $/PFLOP-hour", "");
        t.Row("hurdle IRR", Tables.Percent(c.Hurdle), "");
        if (c.Life is { } life) t.Row("asset life", life, "");
        t.Row("max theoretical system price", c.MaxSystemPriceMultiplier is { } m ? $"x{Tables.Number(m, "0.00")}" : c.MaxSystemPriceNote ?? "-", "");
        foreach (var mp in c.MarketPoints) t.Row($"{mp.Label} {Tables.Money(mp.Price)}", $"IRR {Tables.Percent(mp.Irr)}", "");
        Tables.Write(o, t);
        if (c.Note is { } chartNote) o.WriteLine($"note: {chartNote}");
        var v = c.ValueSplit;
        var shares = v.Shares;
        string Share(Func<ValueShares, double> part) => shares is { } s ? Tables.Percent(part(s)) : "-";
        var split = Tables.New($"Value split at {Tables.Money(v.Price)}/GPU-hour", "who", "$/GPU-hour", "share %");
        split.Row("renter (ceiling - price)", Tables.Money4(v.Renter), Share(s => s.Renter));
        split.Row("neocloud (price - floor today)", Tables.Money4(v.Neocloud), Share(s => s.Neocloud));
        split.Row("system supplier (floor today - floor at cost)", Tables.Money4(v.Supplier), Share(s => s.Supplier));
        split.Row("pool (ceiling - floor at cost)", Tables.Money4(v.Pool), shares is null ? "-" : "100.00%");
        Tables.Write(o, split);
        if (v.Note is { } splitNote) o.WriteLine(splitNote);
        if (file is not null) o.WriteLine($"chart written to {file}");
    }
}
