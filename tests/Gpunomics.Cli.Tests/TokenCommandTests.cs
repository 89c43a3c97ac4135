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
        Assert.Contains("outside", r.Err);
    }

    [Fact]
    public void Raw_files_without_a_gpu_count_are_refused()
    {
        var r = Cli.Run("inferencex", "import", Data("raw-glm5"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--raw-gpus", r.Err);
    }
}
