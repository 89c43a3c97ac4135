using Gpunomics.Tests.Shared;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

public class TokenCommandTests
{
    private static string Data(string name) => Path.Combine(Cli.RepoRoot, "data", "inferencex", name);

    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Blended_price_of_the_published_frontier_sheet_for_agentic_coding()
    {
        var j = Json("tokens", "blended", "--input", "5", "--output", "25", "--cache-read", "0.5", "--ratio", "300", "--cache-hit", "0.92", "--cache-write-share", "0");
        // 0.92 x 0.50 + 0.08 x 5 = 0.86 per input token; (300 x 0.86 + 25) / 301.
        Assert.Equal((300 * 0.86 + 25) / 301, j.GetProperty("blendedPerMillion").GetDouble(), 12);
    }

    [Fact]
    public void Cost_from_a_system_uses_its_tco()
    {
        var tco = Json("tco", "gb300-nvl72").GetProperty("tcoPerGpuHour").GetDouble();
        var j = Json("tokens", "cost", "--system", "gb300-nvl72", "--tokens-per-second-per-gpu", "5000", "--sheet", "frontier");
        Assert.Equal(tco / (5000 * 3600.0) * 1e6, j.GetProperty("costPerMillion").GetDouble(), 12);
        Assert.True(j.GetProperty("grossMargin").GetDouble() > 0.5);
    }

    [Fact]
    public void Frontier_cost_at_every_point_is_tco_over_tokens_per_hour()
    {
        var j = Json("inferencex", "frontier", Data("benchmarks.json"), "--hardware", "b200", "--model", "dsr1", "--isl", "8192", "--osl", "1024", "--interactivity", "40");
        var tco = j.GetProperty("tcoPerGpuHour").GetDouble();
        foreach (var p in j.GetProperty("points").EnumerateArray())
            Assert.Equal(tco / (p.GetProperty("tputPerGpu").GetDouble() * 3600) * 1e6, p.GetProperty("costPerMillion").GetDouble(), 12);
        Assert.True(j.GetProperty("tputPerGpu").GetDouble() > 0);
        Assert.Equal(tco / (j.GetProperty("tputPerGpu").GetDouble() * 3600) * 1e6, j.GetProperty("costPerMillion").GetDouble(), 12);
    }

    private static readonly string Shipped = Path.Combine(Cli.RepoRoot, "data", "serving", "inferencex-dsr1.json");

    /// <summary>The best measured throughput among the shipped rows of one workload reaching an interactivity, read from the file directly.</summary>
    private static (double Tput, double Interactivity) BestMeasured(string hardware, int isl, int osl, string precision, double u)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Shipped));
        return doc.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("hardware").GetString() == hardware && r.GetProperty("model").GetString() == "dsr1"
                && r.GetProperty("isl").GetInt32() == isl && r.GetProperty("osl").GetInt32() == osl && r.GetProperty("precision").GetString() == precision
                && r.GetProperty("interactivity").GetDouble() >= u)
            .Select(r => (r.GetProperty("tputPerGpu").GetDouble(), r.GetProperty("interactivity").GetDouble()))
            .MaxBy(x => x.Item1);
    }

    [Fact]
    public void Frontier_without_workload_flags_takes_the_default_workload_and_names_it()
    {
        // The shipped file holds 1k/1k, 8k/1k and 1k/8k at fp4 and fp8 for b200: the frontier is of one of them.
        var j = Json("inferencex", "frontier", Shipped, "--hardware", "b200", "--interactivity", "50", "--system", "b200");
        Assert.Equal("dsr1 8192/1024 fp8", j.GetProperty("workload").GetProperty("label").GetString());
        var (tput, at) = BestMeasured("b200", 8192, 1024, "fp8", 50);
        Assert.Equal(tput, j.GetProperty("tputPerGpu").GetDouble());
        Assert.Equal(at, j.GetProperty("measuredAtInteractivity").GetDouble());
        Assert.All(j.GetProperty("configurations").EnumerateArray(), c =>
        {
            Assert.Equal("fp8", c.GetProperty("precision").GetString());
            Assert.EndsWith(" 8192/1024", c.GetProperty("label").GetString());
        });
        // Naming the default workload gives the same figure.
        var named = Json("inferencex", "frontier", Shipped, "--hardware", "b200", "--interactivity", "50", "--system", "b200", "--isl", "8192", "--osl", "1024", "--precision", "fp8");
        Assert.Equal(j.GetProperty("costPerMillion").GetDouble(), named.GetProperty("costPerMillion").GetDouble());
        var text = Cli.Run("inferencex", "frontier", Shipped, "--hardware", "b200", "--interactivity", "50");
        Assert.Contains("b200, dsr1 8192/1024 fp8: measured frontier", text.Out);
    }

    [Fact]
    public void H100_at_50_tokens_per_user_is_the_217_measured_at_78_not_a_lower_per_configuration_figure()
    {
        var (tput, at) = BestMeasured("h100", 8192, 1024, "fp8", 50);
        Assert.Equal(78, at, 0);
        var j = Json("inferencex", "frontier", Shipped, "--hardware", "h100", "--isl", "8192", "--osl", "1024", "--interactivity", "50");
        Assert.Equal(tput, j.GetProperty("tputPerGpu").GetDouble());
        Assert.Equal(217, j.GetProperty("tputPerGpu").GetDouble(), 0);
        // Never below a frontier point that reaches 50.
        Assert.All(j.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("interactivity").GetDouble() >= 50),
            p => Assert.True(p.GetProperty("tputPerGpu").GetDouble() <= tput));
        // The value chain takes the same figure.
        var chain = Json("value-chain", "h100");
        Assert.Equal(tput, chain.GetProperty("tokensPerSecondPerGpu").GetDouble());
        // Under the built-in scenario of the time the $2.00 market price is below the H100's floor: said in words.
        var reported = Path.Combine(Path.GetTempPath(), $"gpunomics-reported-{Guid.NewGuid():N}.json");
        File.WriteAllText(reported, ReportedCases.Scenario2026_11);
        List<string> notes;
        try { notes = Json("value-chain", "h100", "--scenario", reported).GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList(); }
        finally { File.Delete(reported); }
        Assert.Contains(notes, n => n.StartsWith("price $2.00 is below the floor", StringComparison.Ordinal) && n.Contains("the neocloud loses", StringComparison.Ordinal));
        // Priced as agentic coding, 217 tokens/s earn less than the rent, and the output says the price belongs to another workload.
        var agentic = Json("value-chain", "h100", "--pricing-workload", "agentic-coding");
        var agenticNotes = agentic.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(agenticNotes, n => n.Contains("the model lab loses", StringComparison.Ordinal));
        Assert.Contains(agenticNotes, n => n.StartsWith("throughput and price come from different workloads", StringComparison.Ordinal));
    }

    [Fact]
    public void Value_chain_prices_the_measured_tokens_on_the_workload_they_were_served_on()
    {
        var j = Json("value-chain", "gb300-nvl72");
        Assert.Equal("dsr1 8192/1024 fp8", j.GetProperty("servingWorkload").GetProperty("label").GetString());
        var w = j.GetProperty("pricingWorkload");
        Assert.Equal("served", w.GetProperty("name").GetString());
        Assert.Equal(8192.0 / 1024, w.GetProperty("ratio").GetDouble());
        Assert.Equal(0, w.GetProperty("cacheHit").GetDouble());
        // Same lengths and cache, but the frontier sheet prices a closed frontier model, not the DeepSeek R1 measured:
        // the measured throughput stands in for it, and the output says so.
        Assert.False(j.GetProperty("workloadsMatch").GetBoolean());
        Assert.Contains("the frontier sheet prices current frontier model, not dsr1, the model measured", j.GetProperty("workloadMismatch").GetString());
        Assert.DoesNotContain("input:output", j.GetProperty("workloadMismatch").GetString());
        // Frontier $5 input / $25 output at 8:1 with no cache: (8 x 5 + 25) / 9 per million tokens.
        var tokensPerHour = j.GetProperty("tokensPerGpuHour").GetDouble();
        Assert.Equal(tokensPerHour / 1e6 * (8 * 5 + 25) / 9.0, j.GetProperty("tokenRevenuePerGpuHour").GetDouble(), 9);
        var text = Cli.Run("value-chain", "gb300-nvl72").Out;
        Assert.DoesNotContain("throughput and price come from the same workload", text);
        Assert.Contains("throughput and price come from different workloads", text);
    }

    /// <summary>A sheet that names the measured model (a user's own sheets file) prices the same workload, and the output says so.</summary>
    [Fact]
    public void Value_chain_priced_at_a_sheet_of_the_measured_model_is_the_same_workload()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-sheets-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "sheets": [ { "name": "r1-api", "description": "DeepSeek R1 at its API price", "model": "dsr1", "inputPerMillion": 0.55, "outputPerMillion": 2.19, "cacheReadPerMillion": 0.14, "cacheWritePerMillion": 0.55, "cacheWriteLongPerMillion": 0.55, "source": "test sheet" } ] }""");
        try
        {
            var r = Cli.Run("value-chain", "gb300-nvl72", "--sheet", "r1-api", "--price-sheets", file);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains("throughput and price come from the same workload", r.Out);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Value_chain_priced_on_another_workload_says_so_in_json_and_text()
    {
        var j = Json("value-chain", "gb300-nvl72", "--pricing-workload", "agentic-coding");
        Assert.False(j.GetProperty("workloadsMatch").GetBoolean());
        var reason = j.GetProperty("workloadMismatch").GetString()!;
        Assert.StartsWith("throughput and price come from different workloads: tokens/s measured on dsr1 8192/1024 fp8 is priced as agentic-coding", reason);
        Assert.Contains(reason, j.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains(reason, Cli.Run("value-chain", "gb300-nvl72", "--pricing-workload", "agentic-coding").Out);
        // Changing one figure of the served profile is a mismatch too, named as adjusted.
        var hits = Json("value-chain", "gb300-nvl72", "--cache-hit", "0.5");
        Assert.Equal("served, adjusted", hits.GetProperty("pricingWorkload").GetProperty("name").GetString());
        Assert.Contains("50% cache hits against none measured", hits.GetProperty("workloadMismatch").GetString());
    }

    [Fact]
    public void Sheets_list_both_cache_write_prices_and_blend_long_retention_writes_at_the_long_one()
    {
        var j = Json("tokens", "sheets");
        var frontier = j.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "frontier");
        Assert.Equal(6.25, frontier.GetProperty("cacheWrite").GetDouble());
        Assert.Equal(10, frontier.GetProperty("cacheWriteLong").GetDouble());
        var hour = Json("tokens", "blended", "--sheet", "frontier", "--cache-write-long-share", "1");
        // 0.92 x 0.50 + 0.08 x 10 = 1.26 per input token.
        Assert.Equal(1.26, hour.GetProperty("effectiveInputPerMillion").GetDouble(), 12);
        Assert.Equal(1, hour.GetProperty("pricingWorkload").GetProperty("cacheWriteLongShare").GetDouble());
        var given = Cli.Run("tokens", "blended", "--input", "5", "--output", "25", "--cache-read", "0.5", "--cache-write-long-share", "0.5");
        Assert.Contains("no long-retention cache-write price", given.Err);
    }

    [Fact]
    public void Margin_history_prices_the_best_measured_cost_by_run_date_against_the_blended_price()
    {
        var history = Data("benchmarks-history.json");
        var j = Json("tokens", "margin-history", history, "--sheet", "frontier");
        Assert.Equal("dsr1 8192/1024 fp8", j.GetProperty("servingWorkload").GetProperty("label").GetString());
        // The lengths and cache match; the frontier sheet prices another model than the one measured, and says so.
        Assert.False(j.GetProperty("workloadsMatch").GetBoolean());
        Assert.Contains("not dsr1, the model measured", j.GetProperty("workloadMismatch").GetString());
        var price = j.GetProperty("blendedPerMillion").GetDouble();
        Assert.Equal((8 * 5 + 25) / 9.0, price, 12);
        var steps = j.GetProperty("steps").EnumerateArray().ToList();
        Assert.NotEmpty(steps);
        foreach (var x in steps)
        {
            var cost = x.GetProperty("tcoPerGpuHour").GetDouble() / (x.GetProperty("tputPerGpu").GetDouble() * 3600) * 1e6;
            Assert.Equal(cost, x.GetProperty("costPerMillion").GetDouble(), 12);
            Assert.Equal(1 - cost / price, x.GetProperty("grossMargin").GetDouble(), 12);
        }
        // The last b200 step is the best throughput reaching 50 tokens/s per user over the whole history, as `inferencex gains` reports it by date.
        var gains = Json("inferencex", "gains", history, "--hardware", "b200", "--interactivity", "50");
        var best = gains.GetProperty("byDate").EnumerateArray().Where(d => d.GetProperty("tputPerGpu").ValueKind == JsonValueKind.Number)
            .Max(d => d.GetProperty("tputPerGpu").GetDouble());
        Assert.Equal(best, steps.Last(x => x.GetProperty("hardware").GetString() == "b200").GetProperty("tputPerGpu").GetDouble());
        Assert.Equal(b300Tco(), steps.First(x => x.GetProperty("hardware").GetString() == "b300").GetProperty("tcoPerGpuHour").GetDouble());
        Assert.Contains("mi300x", j.GetProperty("hardwareWithoutTco").EnumerateArray().Select(h => h.GetString()));

        var agentic = Json("tokens", "margin-history", history, "--pricing-workload", "agentic-coding");
        Assert.Contains("different workloads", agentic.GetProperty("workloadMismatch").GetString());
        var text = Cli.Run("tokens", "margin-history", history, "--hardware", "b300", "--pricing-workload", "agentic-coding");
        Assert.True(text.ExitCode == 0, text.Err);
        Assert.Contains("throughput and price come from different workloads", text.Out);
        Assert.Equal(2, Cli.Run("tokens", "margin-history", history, "--hardware", "tpu9").ExitCode);

        static double b300Tco() => Json("tco", "b300").GetProperty("tcoPerGpuHour").GetDouble();
    }

    [Fact]
    public void Token_cost_names_both_workloads_and_whether_they_match()
    {
        var given = Json("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "5000", "--sheet", "frontier");
        Assert.Equal(JsonValueKind.Null, given.GetProperty("servingWorkload").ValueKind);
        Assert.Equal("agentic-coding", given.GetProperty("pricingWorkload").GetProperty("name").GetString());
        Assert.False(given.GetProperty("workloadsMatch").GetBoolean());
        Assert.Contains("cannot be checked", given.GetProperty("workloadMismatch").GetString());

        var agentic = Json("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "5000", "--serving-workload", "dsr1 8192/1024 fp8");
        Assert.Equal("dsr1 8192/1024 fp8", agentic.GetProperty("servingWorkload").GetProperty("label").GetString());
        Assert.Contains("300:1 input:output against the measured 8:1", agentic.GetProperty("workloadMismatch").GetString());

        var served = Json("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "5000", "--serving-workload", "dsr1 1024/1024 fp4", "--pricing-workload", "served", "--sheet", "frontier");
        // Same lengths and cache; the frontier sheet's model is not the one measured.
        Assert.False(served.GetProperty("workloadsMatch").GetBoolean());
        Assert.Contains("not dsr1, the model measured", served.GetProperty("workloadMismatch").GetString());
        Assert.Equal(1, served.GetProperty("pricingWorkload").GetProperty("ratio").GetDouble());
        Assert.Equal((5 + 25) / 2.0, served.GetProperty("blendedPerMillion").GetDouble(), 12);
        var text = Cli.Run("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "5000", "--serving-workload", "dsr1 1024/1024 fp4", "--pricing-workload", "served").Out;
        Assert.Contains("dsr1 1024/1024 fp4", text);
        Assert.Contains("throughput and price come from the same workload", text);
    }

    [Fact]
    public void B300_at_50_reports_the_measured_figure_and_labels_the_interpolated_one_with_its_gap()
    {
        var (tput, at) = BestMeasured("b300", 8192, 1024, "fp4", 50);
        var j = Json("inferencex", "frontier", Shipped, "--hardware", "b300", "--precision", "fp4", "--interactivity", "50");
        Assert.Equal(tput, j.GetProperty("tputPerGpu").GetDouble());
        Assert.Equal(at, j.GetProperty("measuredAtInteractivity").GetDouble());
        var i = j.GetProperty("interpolated");
        var from = i.GetProperty("fromInteractivity").GetDouble();
        var to = i.GetProperty("toInteractivity").GetDouble();
        Assert.True(from < 50 && to > 50);
        Assert.Equal($"interpolated across {from:0.#}..{to:0.#} tokens/s per user, not measured", i.GetProperty("note").GetString());
        Assert.True(i.GetProperty("tputPerGpu").GetDouble() > tput);
        var text = Cli.Run("inferencex", "frontier", Shipped, "--hardware", "b300", "--precision", "fp4", "--interactivity", "50").Out;
        Assert.Contains($"interpolated across {from:0.#}..{to:0.#} tokens/s per user, not measured", text);
        Assert.Contains($"measured at {at:0.#} tokens/s per user", text);
    }

    [Fact]
    public void Rows_of_several_workloads_the_default_cannot_settle_are_refused_with_the_workloads_and_flags()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.json");
        try
        {
            Json("inferencex", "import", Data("raw-glm5"), "--raw-hardware", "h200", "--raw-gpus", "8", "--out", file);
            var r = Cli.Run("inferencex", "frontier", file, "--hardware", "h200");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("workloads (", r.Err);
            Assert.Contains("1024/128 fp8", r.Err);
            Assert.Contains("--isl, --osl and --precision", r.Err);
            var g = Cli.Run("inferencex", "gains", file, "--hardware", "h200");
            Assert.Equal(2, g.ExitCode);
            Assert.Contains("workloads (", g.Err);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Gains_and_chart_belong_to_one_workload()
    {
        var j = Json("inferencex", "gains", Data("benchmarks-history.json"), "--hardware", "b300");
        Assert.Equal("dsr1 8192/1024 fp8", j.GetProperty("workload").GetProperty("label").GetString());
        Assert.All(j.GetProperty("byDate").EnumerateArray().Select(d => d.GetProperty("best").GetString()).Where(b => b is not null),
            b => Assert.Contains(" fp8 ", b));
        var svg = Path.Combine(Path.GetTempPath(), $"cost-{Guid.NewGuid():N}.svg");
        try
        {
            var r = Cli.Run("inferencex", "chart", Shipped, "--hardware", "gb300", "b200", "--out", svg);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains("dsr1 8192/1024 fp8", File.ReadAllText(svg));
        }
        finally { File.Delete(svg); }
    }

    [Fact]
    public void Import_stores_rows_in_the_tool_format_that_frontier_reads_back()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.json");
        try
        {
            var imp = Json("inferencex", "import", Data("raw-glm5"), "--raw-hardware", "h200", "--raw-gpus", "8", "--out", file);
            Assert.Equal(52, imp.GetProperty("rowsImported").GetInt32());
            var f = Json("inferencex", "frontier", file, "--hardware", "h200", "--isl", "1024", "--osl", "128");
            Assert.True(f.GetProperty("points").GetArrayLength() >= 2);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Chart_of_cost_per_million_tokens_is_drawn_from_the_real_data()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cost-{Guid.NewGuid():N}.png");
        try
        {
            var r = Cli.Run("inferencex", "chart", Data("benchmarks.json"), "--hardware", "gb300", "b200", "h200", "mi355x", "--isl", "8192", "--osl", "1024", "--out", file);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.True(new FileInfo(file).Length > 20_000);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Value_chain_layers_add_up_to_the_value_of_the_work()
    {
        var j = Json("value-chain", "gb300-nvl72");
        var sum = j.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("perGpuHour").GetDouble());
        Assert.Equal(j.GetProperty("valueOfWorkPerGpuHour").GetDouble(), sum, 6);
        Assert.Equal(["infrastructure and operations", "component vendors", "system supplier", "neocloud", "model lab", "end user"],
            j.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("tokens", "cost", "--tokens-per-second-per-gpu", "100")]
    [InlineData("tokens", "cost", "--system", "h900", "--tokens-per-second-per-gpu", "100")]
    [InlineData("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "0")]
    [InlineData("tokens", "blended", "--input", "5")]
    [InlineData("tokens", "blended", "--sheet", "nope")]
    [InlineData("tokens", "blended", "--sheet", "frontier", "--cache-hit", "1.5")]
    [InlineData("value-chain", "vr-nvl72")]
    [InlineData("value-chain", "gb300-nvl72", "--pricing-workload", "chat")]
    [InlineData("value-chain", "gb300-nvl72", "--serving-workload", "dsr1 8192/1024 fp8")]
    [InlineData("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "100", "--serving-workload", "dsr1 8k")]
    [InlineData("tokens", "cost", "--tco-per-gpu-hour", "2", "--tokens-per-second-per-gpu", "100", "--serving-workload", "dsr1 0/1024 fp8")]
    [InlineData("tokens", "blended", "--input", "5", "--output", "25", "--cache-read", "0.5", "--cache-write-long-share", "0.5")]
    [InlineData("tokens", "blended", "--sheet", "frontier", "--cache-write-long-share", "1.5")]
    public void Bad_token_input_is_a_user_error(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Frontier_for_unknown_hardware_names_what_the_file_holds()
    {
        var r = Cli.Run("inferencex", "frontier", Data("benchmarks.json"), "--hardware", "tpu9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("gb300", r.Err);
    }

    [Fact]
    public void Target_interactivity_outside_the_measurements_is_refused_with_the_range()
    {
        var r = Cli.Run("inferencex", "frontier", Data("benchmarks.json"), "--hardware", "h100", "--isl", "8192", "--osl", "1024", "--interactivity", "5000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no measured h100 configuration of dsr1 8192/1024 fp8 reaches 5000 tokens/s per user (the highest measured is 78)", r.Err);
    }

    [Fact]
    public void Raw_files_without_a_gpu_count_are_refused()
    {
        var r = Cli.Run("inferencex", "import", Data("raw-glm5"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--raw-gpus", r.Err);
    }
}
