using System.Text.Json;
using CsCheck;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;

namespace Gpunomics.Engine.Tests;

public class InferenceXTests
{
    private static readonly Lazy<ImportResult> Latest = new(() => InferenceXReader.Read(File.ReadAllText(InferenceXFiles.Latest), "benchmarks.json"));
    private static readonly Lazy<ImportResult> History = new(() => InferenceXReader.Read(File.ReadAllText(InferenceXFiles.History), "benchmarks-history.json"));

    [Fact]
    public void Every_row_of_the_real_files_is_imported()
    {
        Assert.Equal((435, 435), (Latest.Value.RowsRead, Latest.Value.Rows.Count));
        Assert.Equal((1462, 1462), (History.Value.RowsRead, History.Value.Rows.Count));
        Assert.Empty(History.Value.Issues);
    }

    [Fact]
    public void Cost_per_million_tokens_is_tco_over_tokens_per_hour_for_every_imported_row()
    {
        // Throughput read independently of the importer, row by row.
        using var doc = JsonDocument.Parse(File.ReadAllText(InferenceXFiles.History));
        var raw = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("metrics").GetProperty("tput_per_gpu").GetDouble()).ToList();
        var rows = History.Value.Rows;
        Assert.Equal(raw.Count, rows.Count);
        var m = TestData.Model;
        for (var i = 0; i < rows.Count; i++)
        {
            var id = ServingAnalysis.CatalogSystemId(rows[i].Configuration.Hardware);
            var tco = id is null ? 2.0 : m.Tco(id).PerGpuHour;
            Assert.Equal(raw[i], rows[i].TputPerGpu);
            Assert.Equal(tco / (raw[i] * 3600) * 1e6, TokenEconomics.CostPerMillion(tco, rows[i].TputPerGpu), 12);
        }
    }

    [Fact]
    public void Raw_runs_are_divided_by_the_gpu_count_given()
    {
        var file = Path.Combine(InferenceXFiles.RawDir, "glm5_fp8_vllm_tp8_isl1024_osl128_conc16.json");
        var text = File.ReadAllText(file);
        var r = InferenceXReader.ReadRaw(text, "glm5_fp8_vllm_tp8_isl1024_osl128_conc16.json", "h200", 8);
        var row = Assert.Single(r.Rows);
        using var doc = JsonDocument.Parse(text);
        var e = doc.RootElement;
        Assert.Equal((e.GetProperty("input_throughput").GetDouble() + e.GetProperty("output_throughput").GetDouble()) / 8, row.TputPerGpu, 9);
        Assert.Equal(1 / e.GetProperty("median_tpot").GetDouble(), row.Interactivity, 9);
        Assert.Equal((1024, 128, "fp8", "vllm"), (row.Configuration.Isl, row.Configuration.Osl, row.Configuration.Precision, row.Configuration.Framework));
        Assert.Equal("2026-02-13", row.Date);
    }

    [Fact]
    public void Malformed_and_partial_rows_are_reported_and_skipped()
    {
        // Three real rows; damage two of them.
        using var doc = JsonDocument.Parse(File.ReadAllText(InferenceXFiles.Latest));
        var rows = doc.RootElement.EnumerateArray().Take(3).Select(e => System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.AsObject()).ToList();
        rows[1]["metrics"]!.AsObject().Remove("tput_per_gpu");
        rows[2]["isl"] = "long";
        var json = new System.Text.Json.Nodes.JsonArray(rows.Select(r => (System.Text.Json.Nodes.JsonNode?)r).ToArray()).ToJsonString();
        var result = InferenceXReader.Read(json, "partial.json");
        Assert.Single(result.Rows);
        Assert.Equal(2, result.RowsSkipped);
        Assert.Contains(result.Issues, i => i is { File: "partial.json", Row: 1, Field: "metrics.tput_per_gpu", Message: "missing" });
        Assert.Contains(result.Issues, i => i.Row == 2 && i.Field == "isl" && i.Message.Contains("\"long\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Not_json_and_unknown_shapes_are_reported()
    {
        Assert.Contains("not valid JSON", InferenceXReader.Read("[{", "x.json").Issues.Single().Message);
        Assert.Contains("not a known", InferenceXReader.Read("""{ "a": 1 }""", "x.json").Issues.Single().Message);
    }

    [Fact]
    public void Own_format_round_trips()
    {
        var rows = Latest.Value.Rows;
        var back = InferenceXReader.Read(InferenceXReader.WriteOwn(rows, "test"), "own.json");
        Assert.Empty(back.Issues);
        Assert.Equal(rows, back.Rows);
    }

    [Fact]
    public void Frontier_keeps_exactly_the_undominated_points()
    {
        Gen.Select(Gen.Double[1, 300], Gen.Double[10, 20_000]).Array[1, 30].Sample(pts =>
        {
            var points = pts.Select(p => new FrontierPoint(p.Item1, p.Item2)).ToList();
            var f = Frontier.Of(points);
            for (var i = 1; i < f.Points.Count; i++)
            {
                Assert.True(f.Points[i].Interactivity > f.Points[i - 1].Interactivity);
                Assert.True(f.Points[i].TputPerGpu < f.Points[i - 1].TputPerGpu);
            }
            foreach (var p in points)
            {
                var kept = f.Points.Contains(p);
                var dominated = points.Any(q => q.Interactivity >= p.Interactivity && q.TputPerGpu >= p.TputPerGpu && q != p && (q.Interactivity > p.Interactivity || q.TputPerGpu > p.TputPerGpu));
                Assert.True(kept != dominated || points.Count(q => q == p) > 1);
            }
        });
    }

    [Fact]
    public void Measured_envelope_is_the_best_point_reaching_each_interactivity_and_never_rises()
    {
        Gen.Select(Gen.Select(Gen.Double[1, 300], Gen.Double[10, 20_000]).Array[1, 30], Gen.Double[0.5, 320].Array[2, 20]).Sample((pts, us) =>
        {
            var points = pts.Select(p => new FrontierPoint(p.Item1, p.Item2)).ToList();
            var f = Frontier.Of(points);
            double? previous = null;
            foreach (var u in us.Order())
            {
                // Brute force over the raw points, not the frontier.
                var reaching = points.Where(p => p.Interactivity >= u).ToList();
                var got = f.ThroughputAt(u);
                if (reaching.Count == 0)
                {
                    Assert.Null(got);
                    continue;
                }
                Assert.Equal(reaching.Max(p => p.TputPerGpu), got);
                Assert.Contains(f.BestReaching(u)!.Value, points);
                if (previous is { } prev) Assert.True(got <= prev);
                previous = got;
            }
        });
    }

    [Fact]
    public void Interpolated_figure_lies_between_its_measured_neighbours_above_the_envelope_and_below_their_chord()
    {
        foreach (var f in ServingAnalysis.Frontiers(History.Value.Rows, new ServingFilter()))
        {
            var pts = f.Frontier.Points;
            foreach (var p in pts) Assert.Null(f.Frontier.Interpolated(p.Interactivity));
            Assert.Null(f.Frontier.Interpolated(pts[^1].Interactivity * 1.1));
            for (var i = 0; i + 1 < pts.Count; i++)
            {
                for (var k = 1; k < 10; k++)
                {
                    var u = pts[i].Interactivity + (pts[i + 1].Interactivity - pts[i].Interactivity) * k / 10.0;
                    var y = f.Frontier.Interpolated(u)!;
                    Assert.Equal((pts[i], pts[i + 1]), (y.Below, y.Above));
                    var chord = pts[i].TputPerGpu + (pts[i + 1].TputPerGpu - pts[i].TputPerGpu) * k / 10.0;
                    Assert.True(y.TputPerGpu <= chord * (1 + 1e-12), $"{f.Configuration.Label}: {y} above the chord {chord} at {u}");
                    Assert.InRange(y.TputPerGpu, pts[i + 1].TputPerGpu, pts[i].TputPerGpu);
                    Assert.Equal(pts[i + 1].TputPerGpu, f.Frontier.ThroughputAt(u));
                }
            }
        }
    }

    [Fact]
    public void A_single_point_configuration_answers_up_to_its_interactivity_and_not_beyond()
    {
        var f = Frontier.Of([new FrontierPoint(26, 15_868)]);
        Assert.Equal(15_868, f.ThroughputAt(26));
        Assert.Equal(15_868, f.ThroughputAt(20));
        Assert.Null(f.ThroughputAt(26.1));
    }

    [Fact]
    public void A_frontier_is_never_built_from_rows_of_two_workloads()
    {
        var rows = History.Value.Rows;
        var hardware = rows.Select(r => r.Configuration.Hardware).Distinct().ToArray();
        var isl = new int?[] { null, 1024, 8192 };
        var precision = new[] { null, "fp4", "fp8" };
        static Gen<T> Any<T>(T[] values) => Gen.Int[0, values.Length - 1].Select(k => values[k]);
        Gen.Select(Any(hardware), Any(isl), Any(isl), Any(precision)).Sample((hw, i, o, p) =>
        {
            var open = new ServingFilter { Hardware = hw, Isl = i, Osl = o, Precision = p };
            Assert.Throws<ArgumentException>(() => ServingAnalysis.Envelope(rows, open));
            var choice = ServingAnalysis.ChooseWorkload(rows, open);
            Assert.Equal(rows.Where(open.Matches).Select(r => r.Configuration.Workload).Distinct().Count(), choice.Present.Count);
            if (choice.Workload is not { } w) return;
            var filter = open.For(w);
            Assert.All(rows.Where(filter.Matches), r => Assert.Equal(w, r.Configuration.Workload));
            var envelope = ServingAnalysis.Envelope(rows, filter)!;
            var own = rows.Where(filter.Matches).Select(r => new FrontierPoint(r.Interactivity, r.TputPerGpu)).ToHashSet();
            Assert.All(envelope.Points, q => Assert.Contains(q, own));
            Assert.All(ServingAnalysis.ByDate(rows, filter, 20), d => Assert.True(d.Best is null || d.Best.Workload == w));
        });
    }

    [Fact]
    public void The_default_workload_is_chosen_where_the_rows_hold_it_and_a_remaining_mix_is_not()
    {
        var rows = Latest.Value.Rows;
        Assert.Equal(ServingWorkload.Default, ServingAnalysis.ChooseWorkload(rows, new ServingFilter { Hardware = "b200" }).Workload);
        Assert.Equal(ServingWorkload.Of("dsr1", 8192, 1024, "fp4"), ServingAnalysis.ChooseWorkload(rows, new ServingFilter { Hardware = "b200", Precision = "FP4" }).Workload);
        var mixed = rows.Select(r => r with { Configuration = r.Configuration with { Isl = r.Configuration.Isl + 1 } }).ToList();
        var choice = ServingAnalysis.ChooseWorkload(mixed, new ServingFilter { Hardware = "b200" });
        Assert.Null(choice.Workload);
        Assert.True(choice.Present.Count > 1);
    }

    [Fact]
    public void Best_configuration_reaching_an_interactivity_beats_every_configuration_there()
    {
        var filter = new ServingFilter { Hardware = "gb300" }.For(ServingWorkload.Default);
        var frontiers = ServingAnalysis.Frontiers(Latest.Value.Rows, filter);
        var best = ServingAnalysis.BestReaching(Latest.Value.Rows, filter, 50)!;
        Assert.True(best.Interactivity >= 50);
        Assert.All(frontiers, f => Assert.True((f.Frontier.ThroughputAt(50) ?? 0) <= best.TputPerGpu));
        Assert.Contains(frontiers, f => f.Frontier.ThroughputAt(50) == best.TputPerGpu);
    }

    [Fact]
    public void Software_alone_multiplies_b300_throughput()
    {
        // Published (DeepSeek R1, 8k/1k, B300): about 1k -> 8k -> 14k tokens/s/GPU from disaggregated
        // serving, wide expert parallelism and multi-token prediction. Measured maxima in the history file,
        // each within one workload: the 1k and 14k are fp4 runs, the 8k an fp8 run.
        var b300 = new ServingFilter { Hardware = "b300" };
        var fp4 = b300.For(ServingWorkload.Of("dsr1", 8192, 1024, "fp4"));
        var fp8 = b300.For(ServingWorkload.Of("dsr1", 8192, 1024, "fp8"));
        var byDate = ServingAnalysis.ByDate(History.Value.Rows, fp4, 20);
        var variants4 = ServingAnalysis.ByVariant(History.Value.Rows, fp4, 20).ToDictionary(v => v.Variant);
        var variants8 = ServingAnalysis.ByVariant(History.Value.Rows, fp8, 20).ToDictionary(v => v.Variant);
        var firstBaseline = History.Value.Rows.Where(fp4.Matches).Where(r => ServingAnalysis.Variant(r.Configuration) == "baseline")
            .GroupBy(r => r.Date).OrderBy(g => g.Key, StringComparer.Ordinal).First().Max(r => r.TputPerGpu);
        Assert.InRange(firstBaseline, 1000 * 0.8, 1000 * 1.2);
        Assert.InRange(variants8["disaggregated"].MaxTputPerGpu, 8000 * 0.8, 8000 * 1.2);
        Assert.InRange(variants4["disaggregated + mtp"].MaxTputPerGpu, 14000 * 0.8, 14000 * 1.2);
        Assert.True(byDate.Count > 5);
    }
}
