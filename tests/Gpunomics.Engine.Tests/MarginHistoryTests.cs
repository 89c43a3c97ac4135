using CsCheck;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;

namespace Gpunomics.Engine.Tests;

public class MarginHistoryTests
{
    private static readonly ServingWorkload W = ServingWorkload.Default;

    private static ServingMeasurement Row(string hardware, string date, double interactivity, double tput, string framework = "sglang") => new()
    {
        Configuration = new ServingConfiguration(hardware, W.Model, W.Precision, framework, W.Isl, W.Osl, false, "none"),
        Concurrency = 8, Gpus = 8, Date = date, Interactivity = interactivity, TputPerGpu = tput,
    };

    [Fact]
    public void A_step_is_each_run_date_that_raises_the_best_throughput_so_far_reaching_the_interactivity()
    {
        var rows = new[]
        {
            Row("b200", "2026-01-01", 60, 1000),
            Row("b200", "2026-01-02", 60, 800),          // worse than before: no step
            Row("b200", "2026-01-03", 40, 5000),         // does not reach 50: no step
            Row("b200", "2026-01-04", 55, 2000, "trt"),
            Row("h200", "2026-01-02", 70, 500),
        };
        var tco = new Dictionary<string, double> { ["b200"] = 4.0, ["h200"] = 3.0 };
        var steps = MarginHistory.ByHardware(rows, W, 50, tco, 7.0);
        Assert.Equal(["2026-01-01 b200", "2026-01-02 h200", "2026-01-04 b200"], steps.Select(s => $"{s.Date} {s.Hardware}").ToArray());
        var last = steps[^1];
        Assert.Equal(4.0 / (2000 * 3600.0) * 1e6, last.CostPerMillion, 12);
        Assert.Equal(1 - last.CostPerMillion / 7.0, last.GrossMargin, 12);
        Assert.Equal("trt", last.Configuration.Framework);
        // Cheapest on any hardware: b200 at 1,000 ($1.11), then h200 at 500 is dearer ($1.67): no step, then b200 at 2,000.
        Assert.Equal(["2026-01-01 b200", "2026-01-04 b200"], MarginHistory.Cheapest(steps).Select(s => $"{s.Date} {s.Hardware}").ToArray());
    }

    [Fact]
    public void Cost_never_rises_on_a_hardware_and_the_cheapest_only_falls()
    {
        var gen = Gen.Select(Gen.Int[0, 2].Select(i => new[] { "b200", "h200", "gb300" }[i]), Gen.Int[1, 28], Gen.Double[10, 100], Gen.Double[10, 10_000])
            .Select((h, day, u, t) => Row(h, $"2026-02-{day:00}", u, t)).Array[1, 40];
        gen.Sample(rows =>
        {
            var steps = MarginHistory.ByHardware(rows, W, 50, new Dictionary<string, double> { ["b200"] = 4, ["h200"] = 3, ["gb300"] = 5 }, 7);
            foreach (var g in steps.GroupBy(s => s.Hardware))
                Assert.True(g.Zip(g.Skip(1)).All(p => p.Second.CostPerMillion < p.First.CostPerMillion && string.CompareOrdinal(p.First.Date, p.Second.Date) < 0));
            var cheapest = MarginHistory.Cheapest(steps);
            Assert.True(cheapest.Zip(cheapest.Skip(1)).All(p => p.Second.CostPerMillion < p.First.CostPerMillion));
            if (steps.Count > 0) Assert.Equal(steps.Min(s => s.CostPerMillion), cheapest[^1].CostPerMillion);
        });
    }
}
