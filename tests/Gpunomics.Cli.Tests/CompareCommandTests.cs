using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary><c>gpunomics compare A.json B.json</c>: the inputs that differ and each headline output under both, files read like --scenario.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files) System.IO.File.Delete(f);
    }

    private string File(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"compare-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    private static string Shipped(string name) => Path.Combine(Cli.RepoRoot, "data", "scenarios", name + ".json");

    private static JsonElement Measure(JsonElement root, string system, string measure) =>
        root.GetProperty("systems").EnumerateArray().Single(s => s.GetProperty("system").GetString() == system)
            .GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == measure);

    [Fact]
    public void Each_side_is_what_the_other_commands_give_under_that_scenario_file()
    {
        var b = File("""{ "hurdleRate": 0.18, "operations": { "electricityPricePerKwh": 0.11 } }""");
        var r = Cli.Run("compare", Shipped("article"), b, "--system", "gb300-nvl72", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(["operations.electricityPricePerKwh", "hurdleRate"], root.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        foreach (var (file, side) in new[] { (Shipped("article"), "a"), (b, "b") })
        {
            var floor = JsonDocument.Parse(Cli.Run("floor", "gb300-nvl72", "--scenario", file, "--json").Out).RootElement.GetProperty("floorPrice").GetDouble();
            Assert.Equal(floor, Measure(root, "gb300-nvl72", "floor").GetProperty(side).GetDouble());
            var project = JsonDocument.Parse(Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--scenario", file, "--json").Out).RootElement;
            Assert.Equal(project.GetProperty("irr").GetDouble(), Measure(root, "gb300-nvl72", "IRR at the market price").GetProperty(side).GetDouble());
            Assert.Equal(project.GetProperty("npv").GetDouble(), Measure(root, "gb300-nvl72", "NPV at the hurdle, at the market price").GetProperty(side).GetDouble());
            var tco = JsonDocument.Parse(Cli.Run("tco", "gb300-nvl72", "--scenario", file, "--json").Out).RootElement;
            Assert.Equal(tco.GetProperty("tcoPerGpuHour").GetDouble(), Measure(root, "gb300-nvl72", "TCO per GPU-hour").GetProperty(side).GetDouble());
        }
        var f = Measure(root, "gb300-nvl72", "floor");
        Assert.Equal(f.GetProperty("b").GetDouble() - f.GetProperty("a").GetDouble(), f.GetProperty("difference").GetDouble());
    }

    [Fact]
    public void The_table_lists_the_inputs_that_differ_then_every_headline_output_with_the_change()
    {
        var r = Cli.Run("compare", Shipped("article"), Shipped("neocloud-deal-price"), "--system", "h100");
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var text in new[] { "Inputs that differ", "finance.costOfCapital", "systems.h100.computeSystem", "NVIDIA HGX H100", "B - A",
            "capex per GPU", "TCO per GPU-hour", "floor", "value-based ceiling", "headroom (ceiling - floor)", "IRR at the market price", "payback month", " pp " })
            Assert.Contains(text, r.Out);
    }

    [Fact]
    public void Without_a_market_price_the_figures_at_it_say_none_and_why()
    {
        var r = Cli.Run("compare", Shipped("article"), Shipped("neocloud-deal-price"), "--system", "vr-nvl72");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("none: not in the catalog or the scenario", r.Out);
        Assert.Contains("none: neither has a figure", r.Out);
        Assert.DoesNotContain("NaN", r.Out);
    }

    [Fact]
    public void An_equity_irr_and_a_project_irr_are_not_subtracted()
    {
        var levered = File("""{ "debt": { "share": 0.5, "rate": 0.08 } }""");
        var root = JsonDocument.Parse(Cli.Run("compare", Shipped("article"), levered, "--system", "gb300-nvl72", "--json").Out).RootElement;
        var irr = Measure(root, "gb300-nvl72", "IRR at the market price");
        Assert.Equal(JsonValueKind.Null, irr.GetProperty("difference").ValueKind);
        Assert.Equal("A's is the project IRR, B's the equity IRR", irr.GetProperty("differenceNote").GetString());
    }

    [Fact]
    public void A_bad_key_in_either_file_is_exit_2_naming_the_file_and_the_key()
    {
        var bad = File("""{ "contract": { "prepayShare": 1.5 } }""");
        Cli.AssertUserError(Cli.Run("compare", Shipped("article"), bad), bad, "contract.prepayShare", "1.5");
        Cli.AssertUserError(Cli.Run("compare", bad, Shipped("article")), bad, "contract.prepayShare");
        var unknown = File("""{ "contract": { "prepay": 0.2 } }""");
        Cli.AssertUserError(Cli.Run("compare", unknown, Shipped("article")), unknown, "prepay");
    }

    [Fact]
    public void A_missing_file_or_unknown_system_is_exit_2_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        Cli.AssertUserError(Cli.Run("compare", Shipped("article"), missing), missing);
        Cli.AssertUserError(Cli.Run("compare", Shipped("article"), Shipped("neocloud-deal-price"), "--system", "gb300"), "unknown system 'gb300'", "gb300-nvl72");
    }

    [Theory]
    [InlineData("-0.99", "0")]
    [InlineData("-0.99", "0.99")]
    [InlineData("-0.5", "0.99")]
    public void At_the_low_hurdle_heavy_tax_and_debt_corner_every_figure_is_a_number_or_says_why_not(string hurdle, string tax)
    {
        var corner = File($$"""{ "hurdleRate": {{hurdle}}, "debt": { "share": 0.99, "rate": 0.08 }, "tax": { "rate": {{tax}} } }""");
        foreach (var json in new[] { false, true })
        {
            var r = Cli.Run(["compare", Shipped("article"), corner, .. json ? new[] { "--json" } : []]);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.DoesNotContain("NaN", r.Out);
            Assert.DoesNotContain("Infinity", r.Out);
        }
        var root = JsonDocument.Parse(Cli.Run("compare", Shipped("article"), corner, "--json").Out).RootElement;
        foreach (var m in root.GetProperty("systems").EnumerateArray().SelectMany(s => s.GetProperty("measures").EnumerateArray()))
            foreach (var side in new[] { "a", "b", "difference" })
                Assert.True(m.GetProperty(side).ValueKind == JsonValueKind.Number || m.GetProperty(side + "Note").ValueKind == JsonValueKind.String,
                    $"{m.GetProperty("measure")}: {side} has neither a figure nor a reason");
    }

    [Fact]
    public void A_scenario_flag_is_refused_rather_than_silently_ignored() =>
        Cli.AssertUserError(Cli.Run("compare", Shipped("article"), Shipped("neocloud-deal-price"), "--scenario", Shipped("neocloud-deal-price")), "--scenario does not apply");
}
