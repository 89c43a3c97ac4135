using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Storage;
using Gpunomics.InferenceX;
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
        command.Subcommands.Add(MarginHistoryCommand(ctx));
        return command;
    }

    internal static Option<FileInfo?> SheetsFileOption() => new("--price-sheets") { Description = "Price sheets file (default: the shipped data/price-sheets.json)." };

    /// <summary>
    /// The pricing workload: a named profile (<c>--pricing-workload</c>, default <paramref name="defaultProfile"/>)
    /// with any of its figures replaced by <c>--ratio</c>, <c>--cache-hit</c>, <c>--cache-write-share</c>.
    /// </summary>
    internal sealed class WorkloadOptions(string defaultProfile)
    {
        public Option<string> Profile { get; } = new("--pricing-workload")
        {
            Description = $"Pricing workload the price sheet is blended over: served (the serving workload's own input:output, no cache hits) or agentic-coding (300:1, 92% cache hits).",
            DefaultValueFactory = _ => defaultProfile,
        };
        public Option<double?> Ratio { get; } = NumberOptions.Optional(ModelInputs.TokenRatio, "Input tokens per output token (default: the pricing workload's).");
        public Option<double?> CacheHit { get; } = NumberOptions.Optional(ModelInputs.CacheHit, "Share of input tokens read from the cache, in [0, 1] (0.92 or 92%; default: the pricing workload's).");
        public Option<double?> CacheWriteShare { get; } = NumberOptions.Optional(ModelInputs.CacheWriteShare, "Share of uncached input written to the cache, in [0, 1] (default: the pricing workload's).");
        public Option<double?> LongShare { get; } = NumberOptions.Optional(ModelInputs.CacheWriteLongShare, "Share of cache writes at the long (one-hour) retention, priced at the sheet's cacheWriteLongPerMillion (default 0: all at the short one).");

        public void AddTo(Command c)
        {
            c.Options.Add(Profile);
            c.Options.Add(Ratio);
            c.Options.Add(CacheHit);
            c.Options.Add(CacheWriteShare);
            c.Options.Add(LongShare);
        }

        /// <summary>The pricing workload; <c>served</c> takes the shape of <paramref name="serving"/> (default: the default serving workload).</summary>
        public Workload Read(ParseResult p, ServingWorkload? serving = null)
        {
            var name = p.GetValue(Profile)!;
            var profile = Workload.Profile(name, serving ?? ServingWorkload.Default)
                ?? throw new UserInputException($"--pricing-workload: '{name}' is not known; allowed: {string.Join(", ", Workload.ProfileNames)}");
            return profile.Adjusted(p.GetValue(Ratio), p.GetValue(CacheHit), p.GetValue(CacheWriteShare), p.GetValue(LongShare));
        }
    }

    /// <summary>The sheet, when it can price the workload; else a user error naming what is missing.</summary>
    internal static PriceSheet Priceable(PriceSheet sheet, Workload workload) =>
        TokenEconomics.CannotPrice(sheet, workload) is { } reason
            ? throw new UserInputException($"{reason}: give --cache-write-long-share 0, or a price sheet with a long-retention price")
            : sheet;

    /// <summary>The workload a given tokens/s was measured on, as <c>MODEL ISL/OSL PRECISION</c> (e.g. <c>dsr1 8192/1024 fp8</c>).</summary>
    internal static Option<string?> ServingWorkloadOption() => new("--serving-workload")
    {
        Description = "Workload the given tokens/s was measured on, as MODEL ISL/OSL PRECISION (e.g. \"dsr1 8192/1024 fp8\"), so it can be checked against the pricing workload.",
    };

    internal static ServingWorkload? ReadServingWorkload(ParseResult p, Option<string?> option)
    {
        if (p.GetValue(option) is not { } text) return null;
        var m = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(\S+)\s+(\d{1,7})/(\d{1,7})\s+(\S+)$");
        var isl = m.Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var osl = m.Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (isl <= 0 || osl <= 0)
            throw new UserInputException($"--serving-workload: '{text}' is not MODEL ISL/OSL PRECISION with positive lengths, e.g. \"dsr1 8192/1024 fp8\"");
        return ServingWorkload.Of(m.Groups[1].Value, isl, osl, m.Groups[4].Value);
    }

    private static Command Sheets(CommandContext ctx)
    {
        var file = SheetsFileOption();
        var c = new Command("sheets", "List the price sheets (model tiers) with their blended price for a workload.");
        c.Options.Add(file);
        var workload = new WorkloadOptions("agentic-coding");
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var sheets = DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName);
            var w = workload.Read(p);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    pricingWorkload = Contract.PricingWorkload(w),
                    sheets = sheets.Select(s => new
                    {
                        name = s.Name, description = s.Description, input = s.InputPerMillion, output = s.OutputPerMillion,
                        cacheRead = s.CacheReadPerMillion, cacheWrite = s.CacheWritePerMillion, cacheWriteLong = s.CacheWriteLongPerMillion, source = s.Source,
                        blendedPerMillion = TokenEconomics.CannotPrice(s, w) is null ? TokenEconomics.Blend(s, w).PerMillionTokens : (double?)null,
                        blendedNote = TokenEconomics.CannotPrice(s, w),
                    }).ToList(),
                });
                return 0;
            }
            var t = Tables.New($"Price sheets, $ per million tokens; blended over {w.Label}", "tier", "input $", "output $", "cache read $", "cache write 5 min $", "cache write 1 h $", "blended $");
            foreach (var s in sheets)
                t.Row(s.Name, Tables.Money(s.InputPerMillion), Tables.Money(s.OutputPerMillion), Tables.Money(s.CacheReadPerMillion), Tables.Money(s.CacheWritePerMillion),
                    s.CacheWriteLongPerMillion is { } l ? Tables.Money(l) : "none",
                    TokenEconomics.CannotPrice(s, w) is null ? Tables.Money4(TokenEconomics.Blend(s, w).PerMillionTokens) : "none: no 1 h write price");
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
        var cacheWrite = NumberOptions.Optional(ModelInputs.TokenPrice, "Cache-write price at the short (five-minute) retention, $ per million tokens (default: the input price).", "--cache-write");
        var cacheWriteLong = NumberOptions.Optional(ModelInputs.TokenPrice, "Cache-write price at the long (one-hour) retention, $ per million tokens (needed with --cache-write-long-share).", "--cache-write-long");
        var sheet = new Option<string?>("--sheet") { Description = "Take the prices from a named price sheet (e.g. frontier)." };
        var file = SheetsFileOption();
        var workload = new WorkloadOptions("agentic-coding");
        var c = new Command("blended", "Blended price per million tokens over all tokens, for a price sheet and a workload.");
        foreach (var o in new Option[] { input, output, cacheRead, cacheWrite, cacheWriteLong, sheet, file }) c.Options.Add(o);
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
                    CacheWriteLongPerMillion = p.GetValue(cacheWriteLong),
                };
            }
            var b = TokenEconomics.Blend(Priceable(s, w), w);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    sheet = s.Name, input = s.InputPerMillion, output = s.OutputPerMillion, cacheRead = s.CacheReadPerMillion, cacheWrite = s.CacheWritePerMillion, cacheWriteLong = s.CacheWriteLongPerMillion,
                    ratio = w.InputPerOutput, cacheHit = w.CacheHitRate, cacheWriteShare = w.CacheWriteShare,
                    pricingWorkload = Contract.PricingWorkload(w),
                    effectiveInputPerMillion = b.EffectiveInputPerMillion,
                    perMillionOutputTokens = b.PerMillionOutputTokens,
                    blendedPerMillion = b.PerMillionTokens,
                });
                return 0;
            }
            var t = Tables.New($"Blended price: {s.Name}, over {w.Label}", "measure", "$ per million");
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
        var workload = new WorkloadOptions("agentic-coding");
        var serving = ServingWorkloadOption();
        var c = new Command("cost", "Cost to serve a million tokens: TCO per GPU-hour / (tokens/s per GPU x 3,600) x 1e6.");
        foreach (var o in new Option[] { system, tco, tps, serving, sheet, file }) c.Options.Add(o);
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var rate = p.GetValue(tps);
            var sw = ReadServingWorkload(p, serving);
            var w = workload.Read(p, sw);
            var match = new WorkloadMatch(sw, w);
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
            var s = p.GetValue(sheet) is { } n ? Priceable(DataFiles.Sheet(DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName), n), w) : null;
            if (s is not null) match = match with { Sheet = s };
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
                    servingWorkload = sw is null ? null : Contract.Workload(sw),
                    pricingWorkload = Contract.PricingWorkload(w),
                    workloadsMatch = match.Matches,
                    workloadMismatch = match.Mismatch,
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
            table.Row("serving workload (tokens/s measured on)", sw?.Label ?? "not given");
            table.Row("pricing workload (tokens billed as)", w.Label);
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
            ctx.Out.WriteLine(match.Mismatch ?? "throughput and price come from the same workload");
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
        var workload = new WorkloadOptions("agentic-coding");
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
            var shift = PortfolioMix.Shift(Priceable(a, w), Priceable(b, w), w, n);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new { from = a.Name, to = b.Name, pricingWorkload = Contract.PricingWorkload(w), steps = shift.Select(x => new { shiftedShare = x.ShiftedShare, averagePerMillion = x.AveragePerMillion }).ToList() });
                return 0;
            }
            var t = Tables.New($"Average revenue per million tokens as volume moves from {a.Name} to {b.Name}, over {w.Label}", $"share on {b.Name} %", "average $/million");
            foreach (var x in shift) t.Row(Tables.Percent(x.ShiftedShare), Tables.Money4(x.AveragePerMillion));
            Tables.Write(ctx.Out, t);
            return 0;
        });
        return c;
    }

    private static Command MarginHistoryCommand(CommandContext ctx)
    {
        var serving = new Argument<FileInfo>("file") { Description = "Dated serving results, e.g. the InferenceX history (data/inferencex/benchmarks-history.json in the source tree)." };
        var hardware = new Option<string[]?>("--hardware") { Description = "Hardware to include, as the benchmark names it (default: every measured hardware with a catalog system).", AllowMultipleArgumentsPerToken = true };
        var interactivity = NumberOptions.WithDefault(ModelInputs.Interactivity, "Interactivity the throughput must reach, tokens/s per user.", ValueChain.ValueChainModel.DefaultInteractivity);
        var sheet = new Option<string>("--sheet") { Description = "Price sheet the lab sells at.", DefaultValueFactory = _ => "frontier" };
        var file = SheetsFileOption();
        var workload = new WorkloadOptions("served");
        var c = new Command("margin-history", "A model lab's gross margin over time: a blended price against the best measured cost per million tokens by run date and hardware.");
        c.Arguments.Add(serving);
        foreach (var o in new Option[] { hardware, interactivity, sheet, file }) c.Options.Add(o);
        workload.AddTo(c);
        c.SetAction(p =>
        {
            var model = ctx.Load(p);
            var rows = DataFiles.LoadServing(p.GetValue(serving)!.FullName).Rows;
            var sw = ServingWorkload.Default;
            var w = workload.Read(p, sw);
            var sh = Priceable(DataFiles.Sheet(DataFiles.LoadPriceSheets(p.GetValue(file)?.FullName), p.GetValue(sheet)!), w);
            var match = new WorkloadMatch(sw, w) { Sheet = sh };
            var price = TokenEconomics.Blend(sh, w).PerMillionTokens;
            var u = p.GetValue(interactivity);
            var measured = rows.Where(r => r.Configuration.Workload == sw).Select(r => r.Configuration.Hardware).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            var wanted = p.GetValue(hardware) is { Length: > 0 } given ? given.Select(h => h.ToLowerInvariant()).ToList() : measured;
            foreach (var h in wanted.Where(h => !measured.Contains(h, StringComparer.OrdinalIgnoreCase)))
                throw new UserInputException($"--hardware: '{h}' has no {sw.Label} measurements in the serving results; measured: {string.Join(", ", measured)}");
            var tco = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            var noTco = new List<string>();
            foreach (var h in wanted)
                if (ServingAnalysis.CatalogSystemId(h) is { } id && model.Catalog.Systems.Any(x => x.Id == id)) tco[h] = model.Tco(id).PerGpuHour;
                else noTco.Add(h);
            var steps = MarginHistory.ByHardware(rows, sw, u, tco, price);
            var cheapest = MarginHistory.Cheapest(steps);
            object Step(MarginStep x) => new
            {
                date = x.Date, hardware = x.Hardware, system = ServingAnalysis.CatalogSystemId(x.Hardware), tcoPerGpuHour = x.TcoPerGpuHour,
                tputPerGpu = x.TputPerGpu, configuration = x.Configuration.Label, costPerMillion = x.CostPerMillion, grossMargin = x.GrossMargin,
            };
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    servingWorkload = Contract.Workload(sw),
                    pricingWorkload = Contract.PricingWorkload(w),
                    workloadsMatch = match.Matches,
                    workloadMismatch = match.Mismatch,
                    sheet = sh.Name,
                    blendedPerMillion = price,
                    interactivity = u,
                    tcoBasis = "each hardware's catalog system at today's TCO (the scenario's)",
                    hardwareWithoutTco = noTco,
                    steps = steps.Select(Step).ToList(),
                    cheapest = cheapest.Select(Step).ToList(),
                });
                return 0;
            }
            var t = Tables.New($"Model lab gross margin over time: {sh.Name} at {Tables.Money4(price)}/million tokens ({w.Label}) against the best measured cost on {sw.Label} reaching {Tables.Number(u)} tokens/s per user",
                "date", "hardware", "tok/s/GPU", "cost $/million", "gross margin", "best configuration to date");
            foreach (var x in steps)
                t.Row(x.Date, x.Hardware, Tables.Number(x.TputPerGpu, "#,##0"), Tables.Money4(x.CostPerMillion), Tables.Percent(x.GrossMargin), x.Configuration.Label);
            t.Caption = new Spectre.Console.TableTitle("a row for each run date that raised a hardware's best throughput so far; cost at today's TCO of its catalog system");
            Tables.Write(ctx.Out, t);
            var best = Tables.New("Cheapest cost to serve on any hardware so far", "date", "hardware", "cost $/million", "gross margin");
            foreach (var x in cheapest) best.Row(x.Date, x.Hardware, Tables.Money4(x.CostPerMillion), Tables.Percent(x.GrossMargin));
            Tables.Write(ctx.Out, best);
            ctx.Out.WriteLine(match.Mismatch ?? "throughput and price come from the same workload");
            if (noTco.Count > 0) ctx.Out.WriteLine($"no catalog system, so no TCO and no cost: {string.Join(", ", noTco)}");
            return 0;
        });
        return c;
    }
}
