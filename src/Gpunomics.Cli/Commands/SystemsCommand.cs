using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;

namespace Gpunomics.Cli.Commands;

internal static class SystemsCommand
{
    public static Command Create(CommandContext ctx)
    {
        var command = new Command("systems", "List the hardware catalog: throughput, memory, power and sources.");
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(Contract.Systems(model.Catalog));
                return 0;
            }
            var t = Tables.New($"Hardware catalog ({model.Catalog.Version}); TFLOPS per GPU, dense", "system", "vendor", "launch", "GPUs", "BF16", "FP8", "FP4", "memory", "TB/s", "TDP W", "all-in kW", "market $/h");
            foreach (var s in model.Catalog.Systems)
            {
                string Tf(Precision p) => s.DenseTflops.TryGetValue(p, out var v) ? Tables.Number(v, "#,##0") : "-";
                t.Row(s.Id, s.Vendor, s.Launch.ToString(), s.GpusPerSystem.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Tf(Precision.Bf16), Tf(Precision.Fp8), Tf(Precision.Fp4),
                    $"{Tables.Number(s.MemoryGb)} GB {s.MemoryType}", Tables.Number(s.MemoryBandwidthTBps),
                    Tables.Number(s.ChipTdpW, "#,##0"), Tables.Number(s.AllInKwPerGpu), s.MarketPricePerGpuHour is { } m ? Tables.Money(m) : "-");
            }
            Tables.Write(ctx.Out, t);
            ctx.Out.WriteLine("Sources for every figure: gpunomics systems --json");
            return 0;
        });
        return command;
    }
}
