using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Cli.Output;
using Gpunomics.Storage;
using Gpunomics.Tokens;

namespace Gpunomics.Cli.Commands;

internal static class TokensCommand
{
    public static Command Create(CommandContext ctx)
    {
        var command = new Command("tokens", "Token economics: price sheets, blended prices, cost to serve, portfolio mix.");
        command.Subcommands.Add(Sheets(ctx));
        command.Subcommands.Add(Blended(ctx));
        command.Subcommands.Add(Cost(ctx));
        command.Subcommands.Add(Mix(ctx));
        return command;
    }

    internal static Option<FileInfo?> SheetsFileOption() => new("--price-sheets") { Description = "Price sheets file (default: the shipped data/price-sheets.json)." };

    internal sealed class WorkloadOptions
    {
        public Option<double> Ratio { get; } = NumberOptions.WithDefault(ModelInputs.TokenRatio, "Input tokens per output token (agentic coding: about 300).", Workload.AgenticCoding.InputPerOutput);
        public Option<double> CacheHit { get; } = NumberOptions.WithDefault(ModelInputs.CacheHit, "Share of input tokens read from the cache, in [0, 1] (0.92 or 92%).", Workload.AgenticCoding.CacheHitRate);
        public Option<double> CacheWriteShare { get; } = NumberOptions.WithDefault(ModelInputs.CacheWriteShare, "Share of uncached input written to the cache, in [0, 1].", Workload.AgenticCoding.CacheWriteShare);

        public void AddTo(Command c)
        {
            c.Options.Add(Ratio);
            c.Options.Add(CacheHit);
            c.Options.Add(CacheWriteShare);
        }

        public Workload Read(ParseResult p) => new(
            p.GetValue(Ratio), p.GetValue(CacheHit), p.GetValue(CacheWriteShare));
    }

    private static Command Sheets(CommandContext ctx)
    {
        var file = SheetsFileOption();
        var c = new Command("sheets", "List the price sheets (model tiers) with their blended price for a workload.");
        c.Options.Add(file);
        var workload = new WorkloadOptions();
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var sheets = DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName);
            var w = workload.Read(p);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    workload = new { ratio = w.InputPerOutput, cacheHit = w.CacheHitRate, cacheWriteShare = w.CacheWriteShare },
                    sheets = sheets.Select(s => new
                    {
                        name = s.Name, description = s.Description, input = s.InputPerMillion, output = s.OutputPerMillion,
                        cacheRead = s.CacheReadPerMillion, cacheWrite = s.CacheWritePerMillion, source = s.Source,
                        blendedPerMillion = TokenEconomics.Blend(s, w).PerMillionTokens,
                    }).ToList(),
                });
                return 0;
            }
            var t = Tables.New($"Price sheets, $ per million tokens; blended over {Tables.Number(w.InputPerOutput)}:1 input:output, {Tables.Percent(w.CacheHitRate)} cache hits", "tier", "input $", "output $", "cache read $", "cache write $", "blended $");
            foreach (var s in sheets)
                t.Row(s.Name, Tables.Money(s.InputPerMillion), Tables.Money(s.OutputPerMillion), Tables.Money(s.CacheReadPerMillion), Tables.Money(s.CacheWritePerMillion), Tables.Money4(TokenEconomics.Blend(s, w).PerMillionTokens));
            Tables.Write(ctx.Out, t);
            return 0;
        });
        return c;
    }

    private static Command Blended(CommandContext ctx)
    {
        var input = NumberOptions.Optional(ModelInputs.TokenPrice, "Uncached input price, $ per million tokens.", "--input");
        var output = NumberOptions.Optional(ModelInputs.TokenPrice, "Output price, $ per million tokens.", "--output");
        var cacheRead = NumberOptions.Optional(ModelInputs.TokenPrice, "Cached-input read price, $ per million tokens.", "--cache-read");
        var cacheWrite = NumberOptions.Optional(ModelInputs.TokenPrice, "Cache-write price, $ per million tokens (default: the input price).", "--cache-write");
        var sheet = new Option<string?>("--sheet") { Description = "Take the prices from a named price sheet (e.g. frontier)." };
        var file = SheetsFileOption();
        var workload = new WorkloadOptions();
        var c = new Command("blended", "Blended price per million tokens over all tokens, for a price sheet and a workload.");
        foreach (var o in new Option[] { input, output, cacheRead, cacheWrite, sheet, file }) c.Options.Add(o);
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var w = workload.Read(p);
            PriceSheet s;
            if (p.GetValue(sheet) is { } name)
            {
                if (p.GetValue(input) is not null || p.GetValue(output) is not null)
                    throw new UserInputException("give either --sheet, or --input/--output/--cache-read prices, not both");
                s = DataFiles.Sheet(DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName), name);
            }
            else
            {
                if (p.GetValue(input) is not { } i || p.GetValue(output) is not { } o || p.GetValue(cacheRead) is not { } cr)
                    throw new UserInputException("give --input, --output and --cache-read prices ($ per million tokens), or --sheet NAME");
                s = new PriceSheet
                {
                    Name = "given", Description = "prices given on the command line", Source = "command line",
                    InputPerMillion = i, OutputPerMillion = o,
                    CacheReadPerMillion = cr,
                    CacheWritePerMillion = p.GetValue(cacheWrite) ?? i,
                };
            }
            var b = TokenEconomics.Blend(s, w);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    sheet = s.Name, input = s.InputPerMillion, output = s.OutputPerMillion, cacheRead = s.CacheReadPerMillion, cacheWrite = s.CacheWritePerMillion,
                    ratio = w.InputPerOutput, cacheHit = w.CacheHitRate, cacheWriteShare = w.CacheWriteShare,
                    effectiveInputPerMillion = b.EffectiveInputPerMillion,
                    perMillionOutputTokens = b.PerMillionOutputTokens,
                    blendedPerMillion = b.PerMillionTokens,
                });
                return 0;
            }
            var t = Tables.New($"Blended price: {s.Name}", "measure", "$ per million");
            t.Row("effective input price (cache-weighted)", Tables.Money4(b.EffectiveInputPerMillion));
            t.Row($"spend per million output tokens ({Tables.Number(w.InputPerOutput)} input each)", Tables.Money4(b.PerMillionOutputTokens));
            t.Row("blended, all tokens", Tables.Money4(b.PerMillionTokens));
            Tables.Write(ctx.Out, t);
            return 0;
        });
        return c;
    }

    private static Command Cost(CommandContext ctx)
    {
        var system = new Option<string?>("--system") { Description = "Catalog system whose TCO per GPU-hour to use." };
        var tco = NumberOptions.Optional(ModelInputs.TcoPerGpuHour, "TCO per GPU-hour, $, instead of a system's.");
        var tps = NumberOptions.Required(ModelInputs.TokensPerSecondPerGpu, "Total tokens/s per GPU.");
        var sheet = new Option<string?>("--sheet") { Description = "Price sheet for the gross margin (e.g. frontier)." };
        var file = SheetsFileOption();
        var workload = new WorkloadOptions();
        var c = new Command("cost", "Cost to serve a million tokens: TCO per GPU-hour / (tokens/s per GPU x 3,600) x 1e6.");
        foreach (var o in new Option[] { system, tco, tps, sheet, file }) c.Options.Add(o);
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var rate = p.GetValue(tps);
            var w = workload.Read(p);
            double tcoPerHour;
            string? systemId = null;
            if (p.GetValue(system) is { } id)
            {
                if (p.GetValue(tco) is not null) throw new UserInputException("give either --system or --tco-per-gpu-hour, not both");
                var model = ctx.Load(p);
                systemId = ctx.System(model, id).Id;
                tcoPerHour = model.Tco(systemId).PerGpuHour;
            }
            else
            {
                tcoPerHour = p.GetValue(tco) is { } t ? t
                    : throw new UserInputException("give --system NAME or --tco-per-gpu-hour $");
            }
            var total = TokenEconomics.CostPerMillion(tcoPerHour, rate);
            var inputRate = rate * w.InputShare;
            var outputRate = rate - inputRate;
            var s = p.GetValue(sheet) is { } n ? DataFiles.Sheet(DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName), n) : null;
            var blended = s is null ? null : TokenEconomics.Blend(s, w);
            var revenue = s is null ? (double?)null : TokenEconomics.RevenuePerGpuHour(s, w, inputRate, outputRate);
            var costInput = inputRate > 0 ? TokenEconomics.CostPerMillion(tcoPerHour, inputRate) : (double?)null;
            var costOutput = outputRate > 0 ? TokenEconomics.CostPerMillion(tcoPerHour, outputRate) : (double?)null;
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    system = systemId,
                    tcoPerGpuHour = tcoPerHour,
                    tokensPerSecondPerGpu = rate,
                    costPerMillion = total,
                    costPerMillionInput = costInput,
                    costPerMillionOutput = costOutput,
                    sheet = s?.Name,
                    blendedPerMillion = blended?.PerMillionTokens,
                    grossMargin = blended is null ? (double?)null : TokenEconomics.GrossMargin(total, blended.PerMillionTokens),
                    tokenRevenuePerGpuHour = revenue,
                });
                return 0;
            }
            var table = Tables.New("Cost to serve", "measure", "value");
            table.Row("TCO per GPU-hour", Tables.Money4(tcoPerHour));
            table.Row("tokens/s per GPU", Tables.Number(rate, "#,##0.#"));
            table.Row("cost per million tokens (all)", Tables.Money4(total));
            if (costInput is { } ci) table.Row($"cost per million input tokens (all TCO on input, {Tables.Percent(w.InputShare)} of tokens)", Tables.Money4(ci));
            if (costOutput is { } co) table.Row("cost per million output tokens (all TCO on output)", Tables.Money4(co));
            if (blended is not null)
            {
                table.Row($"blended price ({s!.Name})", Tables.Money4(blended.PerMillionTokens));
                table.Row("gross margin", Tables.Percent(TokenEconomics.GrossMargin(total, blended.PerMillionTokens)));
                table.Row("token revenue per GPU-hour", Tables.Money(revenue!.Value));
            }
            Tables.Write(ctx.Out, table);
            return 0;
        });
        return c;
    }

    private static Command Mix(CommandContext ctx)
    {
        var from = new Option<string>("--from") { Description = "Tier the volume moves away from.", Required = true };
        var to = new Option<string>("--to") { Description = "Tier the volume moves to.", Required = true };
        var steps = NumberOptions.Count(CliInputs.Steps, "Steps from 0% to 100% moved.", 10);
        var file = SheetsFileOption();
        var workload = new WorkloadOptions();
        var c = new Command("mix", "Average revenue per token as volume shifts from one model tier to another.");
        foreach (var o in new Option[] { from, to, steps, file }) c.Options.Add(o);
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var sheets = DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName);
            var a = DataFiles.Sheet(sheets, p.GetValue(from)!);
            var b = DataFiles.Sheet(sheets, p.GetValue(to)!);
            var n = (int)p.GetValue(steps);
            var w = workload.Read(p);
            var shift = PortfolioMix.Shift(a, b, w, n);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new { from = a.Name, to = b.Name, steps = shift.Select(x => new { shiftedShare = x.ShiftedShare, averagePerMillion = x.AveragePerMillion }).ToList() });
                return 0;
            }
            var t = Tables.New($"Average revenue per million tokens as volume moves from {a.Name} to {b.Name}", $"share on {b.Name} %", "average $/million");
            foreach (var x in shift) t.Row(Tables.Percent(x.ShiftedShare), Tables.Money4(x.AveragePerMillion));
            Tables.Write(ctx.Out, t);
            return 0;
        });
        return c;
    }
}
