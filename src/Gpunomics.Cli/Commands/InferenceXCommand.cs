using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Storage;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;

namespace Gpunomics.Cli.Commands;

internal static class InferenceXCommand
{
    public static Command Create(CommandContext ctx)
    {
        var command = new Command("inferencex", "Serving benchmark results (InferenceX): import, frontiers, cost per million tokens, software gains, charts.");
        command.Subcommands.Add(Import(ctx));
        command.Subcommands.Add(FrontierCommand(ctx));
        command.Subcommands.Add(Gains(ctx));
        command.Subcommands.Add(Chart(ctx));
        return command;
    }

    private static Argument<string> FileArgument() => new("file") { Description = "InferenceX aggregated file (benchmarks.json), a directory of raw per-run files, or a file this tool wrote with 'inferencex import'." };

    private sealed class Selection
    {
        public Option<string?> Model { get; } = new("--model") { Description = "Model key, e.g. dsr1 (default: dsr1 where measured)." };
        public Option<int?> Isl { get; } = NumberOptions.OptionalCount(CliInputs.Isl, "Input sequence length, tokens (default: 8192 where measured).");
        public Option<int?> Osl { get; } = NumberOptions.OptionalCount(CliInputs.Osl, "Output sequence length, tokens (default: 1024 where measured).");
        public Option<string?> Precision { get; } = new("--precision") { Description = "Weights precision, e.g. fp8 or fp4 (default: fp8 where measured)." };
        public Option<string?> Framework { get; } = new("--framework") { Description = "Serving framework, e.g. sglang." };
        public Option<string?> RawHardware { get; } = new("--raw-hardware") { Description = "Hardware of raw per-run files (they do not record it)." };
        public Option<int?> RawGpus { get; } = NumberOptions.OptionalCount(CliInputs.RawGpus, "GPUs that served each raw per-run file (e.g. 8 for TP8).");

        public void AddTo(Command c)
        {
            foreach (var o in new Option[] { Model, Isl, Osl, Precision, Framework, RawHardware, RawGpus }) c.Options.Add(o);
        }

        public ServingFilter Filter(ParseResult p, string? hardware) => new()
        {
            Hardware = hardware, Model = p.GetValue(Model), Isl = p.GetValue(Isl), Osl = p.GetValue(Osl),
            Precision = p.GetValue(Precision), Framework = p.GetValue(Framework),
        };

        /// <summary>
        /// The filter narrowed to one workload: the one the flags name, else the default workload's values where
        /// the rows hold them; refused, with the workloads present, when that still leaves several.
        /// </summary>
        public ServingFilter Choose(ParseResult p, IReadOnlyList<ServingMeasurement> rows, string? hardware)
        {
            var f = Filter(p, hardware);
            var choice = ServingAnalysis.ChooseWorkload(rows, f);
            if (choice.Workload is { } w) return f.For(w);
            if (choice.Present.Count == 0)
                throw new UserInputException($"no rows match hardware '{hardware}'{Describe(f)}; hardware in the file: {string.Join(", ", rows.Select(x => x.Configuration.Hardware).Distinct().Order(StringComparer.Ordinal))}");
            throw new UserInputException($"the rows for hardware '{hardware}'{Describe(f)} hold {choice.Present.Count} workloads ({choice.PresentLabels}): a frontier belongs to one; pick it with --model, --isl, --osl and --precision");
        }

        public ImportResult Load(ParseResult p, string file)
        {
            var gpus = p.GetValue(RawGpus);
            var r = DataFiles.LoadServing(file, p.GetValue(RawHardware), gpus);
            if (r.Rows.Count == 0) throw new UserInputException($"no usable rows in '{file}'" + (r.Issues.Count > 0 ? ": " + string.Join("; ", r.Issues.Take(5)) : ""));
            return r;
        }
    }

    private static Command Import(CommandContext ctx)
    {
        var file = FileArgument();
        var output = new Option<FileInfo?>("--out") { Description = "Write the usable rows in this tool's own format to FILE." };
        var sel = new Selection();
        var c = new Command("import", "Read serving results, report every malformed row (file, row, field) and store the usable rows in this tool's own format.");
        c.Arguments.Add(file);
        c.Options.Add(output);
        sel.AddTo(c);
        c.SetAction(p =>
        {
            var path = p.GetValue(file)!;
            var r = sel.Load(p, path);
            if (p.GetValue(output) is { } o)
            {
                try { File.WriteAllText(o.FullName, InferenceXReader.WriteOwn(r.Rows, $"imported from {Path.GetFileName(path.TrimEnd('/'))}")); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"cannot write '{o.FullName}': {e.Message}"); }
            }
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    rowsRead = r.RowsRead, rowsImported = r.Rows.Count, rowsSkipped = r.RowsSkipped,
                    issues = r.Issues.Select(i => new { file = i.File, row = i.Row, field = i.Field, message = i.Message }).ToList(),
                    configurations = r.Rows.Select(x => x.Configuration).Distinct().Count(),
                    output = p.GetValue(output)?.FullName,
                });
                return 0;
            }
            ctx.Out.WriteLine($"{r.RowsRead} rows read, {r.Rows.Count} imported, {r.RowsSkipped} skipped; {r.Rows.Select(x => x.Configuration).Distinct().Count()} configurations.");
            foreach (var i in r.Issues) ctx.Out.WriteLine($"  skipped: {i}");
            if (p.GetValue(output) is { } written) ctx.Out.WriteLine($"written to {written.FullName}");
            return 0;
        });
        return c;
    }

    private static Command FrontierCommand(CommandContext ctx)
    {
        var file = FileArgument();
        var hardware = new Option<string>("--hardware") { Description = "Hardware as the benchmark names it (h100, h200, b200, b300, gb200, gb300, mi355x, ...).", Required = true };
        var target = NumberOptions.Optional(ModelInputs.Interactivity, "Target interactivity, tokens/s per user: gives throughput and cost there.");
        var system = new Option<string?>("--system") { Description = "Catalog system for the TCO (default: the one matching --hardware)." };
        var tco = NumberOptions.Optional(ModelInputs.TcoPerGpuHour, "TCO per GPU-hour, $, instead of a catalog system's.");
        var sel = new Selection();
        var c = new Command("frontier", "Throughput per GPU against interactivity: the Pareto frontier, and throughput and cost per million tokens at a target interactivity.");
        c.Arguments.Add(file);
        foreach (var o in new Option[] { hardware, target, system, tco }) c.Options.Add(o);
        sel.AddTo(c);
        c.SetAction(p =>
        {
            var r = sel.Load(p, p.GetValue(file)!);
            var hw = p.GetValue(hardware)!;
            var filter = sel.Choose(p, r.Rows, hw);
            var workload = filter.Workload!;
            var frontiers = ServingAnalysis.Frontiers(r.Rows, filter);
            var envelope = ServingAnalysis.Envelope(r.Rows, filter)!;
            var tcoPerHour = ResolveTco(ctx, p, system, tco, hw);
            var u = p.GetValue(target);
            var best = u is { } x ? ServingAnalysis.BestReaching(r.Rows, filter, x) : null;
            if (u is not null && best is null)
                throw new UserInputException($"--interactivity {u}: no measured {hw} configuration of {workload.Label} reaches {u} tokens/s per user (the highest measured is {Tables.Number(envelope.MaxInteractivity, "0.#")}); there is no figure there");
            var interpolated = u is { } ui ? envelope.Interpolated(ui) : null;
            double? Cost(double tput) => tcoPerHour is { } h ? TokenEconomics.CostPerMillion(h, tput) : null;
            var gap = interpolated is null ? null : $"interpolated across {Tables.Number(interpolated.Below.Interactivity, "0.#")}..{Tables.Number(interpolated.Above.Interactivity, "0.#")} tokens/s per user, not measured";
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    hardware = hw,
                    workload = Contract.Workload(workload),
                    rowsSkipped = r.RowsSkipped,
                    tcoPerGpuHour = tcoPerHour,
                    points = Contract.FrontierPoints(envelope, tcoPerHour),
                    interactivity = u,
                    tputPerGpu = best?.TputPerGpu,
                    measuredAtInteractivity = best?.Interactivity,
                    costPerMillion = best is null ? null : Cost(best.TputPerGpu),
                    bestConfiguration = best?.Configuration.Label,
                    interpolated = interpolated is null ? null : new
                    {
                        tputPerGpu = interpolated.TputPerGpu,
                        costPerMillion = Cost(interpolated.TputPerGpu),
                        fromInteractivity = interpolated.Below.Interactivity,
                        toInteractivity = interpolated.Above.Interactivity,
                        note = gap,
                    },
                    configurations = frontiers.Select(f => new
                    {
                        label = f.Configuration.Label,
                        precision = f.Configuration.Precision,
                        framework = f.Configuration.Framework,
                        disagg = f.Configuration.Disaggregated,
                        specMethod = f.Configuration.SpecMethod,
                        measurements = f.Measurements,
                        tputPerGpuAtTarget = u is { } ux ? f.Frontier.ThroughputAt(ux) : null,
                        points = f.Frontier.Points.Select(q => new { interactivity = q.Interactivity, tputPerGpu = q.TputPerGpu }).ToList(),
                    }).ToList(),
                });
                return 0;
            }
            var table = Tables.New($"{hw}, {workload.Label}: measured frontier over {frontiers.Count} configurations", "interactivity (tok/s/user)", "tokens/s/GPU", "$ per million tokens");
            foreach (var q in envelope.Points) table.Row(Tables.Number(q.Interactivity, "0.0"), Tables.Number(q.TputPerGpu, "#,##0"), Cost(q.TputPerGpu) is { } cm ? Tables.Money4(cm) : "-");
            Tables.Write(ctx.Out, table);
            if (r.RowsSkipped > 0)
                ctx.Out.WriteLine($"note: {r.RowsSkipped} row(s) of the file could not be read and are left out ('gpunomics inferencex import FILE' names each)");
            if (best is not null)
            {
                ctx.Out.WriteLine($"At {Tables.Number(u!.Value, "0.#")} tokens/s per user or more: {Tables.Number(best.TputPerGpu, "#,##0")} tokens/s per GPU, measured at {Tables.Number(best.Interactivity, "0.#")} tokens/s per user ({best.Configuration.Label})" +
                    (Cost(best.TputPerGpu) is { } bc ? $", {Tables.Money4(bc)} per million tokens at {Tables.Money4(tcoPerHour!.Value)}/GPU-hour" : ""));
                if (interpolated is not null)
                    ctx.Out.WriteLine($"  {gap}: {Tables.Number(interpolated.TputPerGpu, "#,##0")} tokens/s per GPU" +
                        (Cost(interpolated.TputPerGpu) is { } ic ? $", {Tables.Money4(ic)} per million tokens" : ""));
            }
            return 0;
        });
        return c;
    }

    private static Command Gains(CommandContext ctx)
    {
        var file = FileArgument();
        var hardware = new Option<string>("--hardware") { Description = "Hardware as the benchmark names it.", Required = true };
        var target = NumberOptions.WithDefault(ModelInputs.Interactivity, "Interactivity at which to compare, tokens/s per user.", 20);
        var sel = new Selection();
        var c = new Command("gains", "Software-only gains on the same hardware over time: best throughput by run date and by technique (disaggregation, MTP).");
        c.Arguments.Add(file);
        c.Options.Add(hardware);
        c.Options.Add(target);
        sel.AddTo(c);
        c.SetAction(p =>
        {
            var r = sel.Load(p, p.GetValue(file)!);
            var hw = p.GetValue(hardware)!;
            var filter = sel.Choose(p, r.Rows, hw);
            var workload = filter.Workload!;
            var u = p.GetValue(target);
            var dated = ServingAnalysis.ByDate(r.Rows, filter, u);
            var variants = ServingAnalysis.ByVariant(r.Rows, filter, u);
            if (ctx.Json(p))
            {
                ctx.WriteJson(new
                {
                    hardware = hw,
                    workload = Contract.Workload(workload),
                    interactivity = u,
                    byDate = dated.Select(d => new { date = d.Date, tputPerGpu = d.TputPerGpu, maxTputPerGpu = d.MaxTputPerGpu, best = d.Best?.Label }).ToList(),
                    byVariant = variants.Select(v => new { variant = v.Variant, maxTputPerGpu = v.MaxTputPerGpu, tputPerGpuAtTarget = v.TputPerGpuAtTarget, date = v.Date }).ToList(),
                });
                return 0;
            }
            var t = Tables.New($"{hw}, {workload.Label}: best measured throughput by run date", "date", $"tok/s/GPU reaching {Tables.Number(u)} tok/s/user", "max tok/s/GPU", "best configuration");
            foreach (var d in dated) t.Row(d.Date, d.TputPerGpu is { } x ? Tables.Number(x, "#,##0") : "-", Tables.Number(d.MaxTputPerGpu, "#,##0"), d.Best?.Label ?? "");
            Tables.Write(ctx.Out, t);
            var v2 = Tables.New($"Best by serving technique, {workload.Label}", "technique", "max tok/s/GPU", $"reaching {Tables.Number(u)} tok/s/user", "date");
            foreach (var v in variants) v2.Row(v.Variant, Tables.Number(v.MaxTputPerGpu, "#,##0"), v.TputPerGpuAtTarget is { } y ? Tables.Number(y, "#,##0") : "-", v.Date);
            Tables.Write(ctx.Out, v2);
            return 0;
        });
        return c;
    }

    private static Command Chart(CommandContext ctx)
    {
        var file = FileArgument();
        var hardware = new Option<string[]>("--hardware") { Description = "Hardware to draw (several allowed).", Required = true, AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "cost ($ per million tokens) or throughput (tokens/s per GPU).", DefaultValueFactory = _ => "cost" };
        var output = new Option<FileInfo>("--out") { Description = "FILE.svg or FILE.png.", Required = true };
        var sel = new Selection();
        var c = new Command("chart", "Cost per million tokens (or throughput per GPU) against interactivity for chosen hardware, from measured results.");
        c.Arguments.Add(file);
        foreach (var o in new Option[] { hardware, kind, output }) c.Options.Add(o);
        sel.AddTo(c);
        c.SetAction(p =>
        {
            var r = sel.Load(p, p.GetValue(file)!);
            var k = p.GetValue(kind)!;
            if (k is not ("cost" or "throughput")) throw new UserInputException($"--kind '{k}' is not known; allowed: cost, throughput");
            var o = p.GetValue(output)!;
            ChartCommand.RequireImageName(o.Name);
            var model = ctx.Load(p);
            var chart = ServingChart(model, r.Rows, p.GetValue(hardware)!.SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList(),
                sel.Filter(p, null), k == "cost", $"source: InferenceX benchmark results ({Path.GetFileName(p.GetValue(file)!.TrimEnd('/'))})");
            ChartCommand.WriteImage(o.FullName, () => LineChartRenderer.Svg(chart), () => LineChartRenderer.Png(chart));
            if (ctx.Json(p)) ctx.WriteJson(new { file = o.FullName, series = chart.Series.Select(s => new { label = s.Label, points = s.X.Zip(s.Y, (x, y) => new { interactivity = x, value = y }).ToList() }).ToList() });
            else ctx.Out.WriteLine($"chart written to {o.FullName}");
            return 0;
        });
        return c;
    }

    /// <summary>The shared chart builder, with its refusals as user errors.</summary>
    internal static LineChart ServingChart(EconomicsModel model, IReadOnlyList<ServingMeasurement> rows, IReadOnlyList<string> hardware, ServingFilter baseFilter, bool cost, string note)
    {
        try
        {
            return ServingCharts.Build(model, rows, hardware, baseFilter, cost, note);
        }
        catch (ArgumentException e)
        {
            throw new UserInputException(e.Message.Split(" (Parameter")[0]);
        }
    }

    private static string Describe(ServingFilter f) => ServingCharts.Describe(f);

    internal static double? ResolveTco(CommandContext ctx, ParseResult p, Option<string?> system, Option<double?> tco, string hardware)
    {
        if (p.GetValue(tco) is { } t)
        {
            if (p.GetValue(system) is not null) throw new UserInputException("give either --system or --tco-per-gpu-hour, not both");
            return t;
        }
        var id = p.GetValue(system) ?? ServingAnalysis.CatalogSystemId(hardware);
        if (id is null) return null;
        var model = ctx.Load(p);
        return model.Tco(ctx.System(model, id).Id).PerGpuHour;
    }
}
