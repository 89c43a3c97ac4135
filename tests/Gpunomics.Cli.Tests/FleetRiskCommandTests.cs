using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>'fleet risk' as the user meets it: the fleet over random market paths and renter defaults.</summary>
public class FleetRiskCommandTests
{
    private static readonly string Example = Path.Combine(Cli.RepoRoot, "data", "fleets", "example-fleet.json");

    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    private static JsonElement Figure(JsonElement run, string name) => run.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    [Theory]
    [InlineData("c05@2027-03")]
    [InlineData("c10@2028-01")]
    public void Without_volatility_and_with_named_defaults_every_path_is_the_fleet_command_s_answer(string named)
    {
        var fleet = Json("fleet", Example, "--default", named, "--json");
        var risk = Json("fleet", "risk", Example, "--default", named, "--volatility", "0", "--paths", "200", "--json");
        var accuracy = risk.GetProperty("percentileRelativeAccuracy").GetDouble();
        var irr = fleet.GetProperty("equity").GetProperty("irr").GetDouble();
        var npv = fleet.GetProperty("equity").GetProperty("npv").GetDouble();
        var dscr = fleet.GetProperty("minDscr").GetDouble();
        foreach (var p in new[] { "p5", "p50", "p95" })
        {
            Assert.Equal(irr, Figure(risk, "equity IRR").GetProperty("summary").GetProperty(p).GetDouble(), accuracy * Math.Abs(irr) * 1.0001);
            Assert.Equal(npv, Figure(risk, "NPV").GetProperty("summary").GetProperty(p).GetDouble(), accuracy * Math.Abs(npv) * 1.0001);
            Assert.Equal(dscr, Figure(risk, "minimum DSCR").GetProperty("summary").GetProperty(p).GetDouble(), accuracy * dscr * 1.0001);
        }
        var breach = Figure(risk, "months to covenant breach");
        if (fleet.GetProperty("firstBreach").ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(200, breach.GetProperty("pathsWithout").GetInt64());
            Assert.Equal("never breached", breach.GetProperty("without").GetString());
            Assert.Equal(0, risk.GetProperty("breachProbability").GetDouble());
        }
        else
        {
            Assert.Equal(fleet.GetProperty("firstBreach").GetProperty("month").GetInt32(), breach.GetProperty("summary").GetProperty("p50").GetDouble());
            Assert.Equal(1, risk.GetProperty("breachProbability").GetDouble());
        }
    }

    [Fact]
    public void The_same_seed_prints_the_same_figures_and_another_seed_others()
    {
        var a = Cli.Run("fleet", "risk", Example, "--paths", "500", "--seed", "7");
        var b = Cli.Run("fleet", "risk", Example, "--paths", "500", "--seed", "7");
        var c = Cli.Run("fleet", "risk", Example, "--paths", "500", "--seed", "8");
        Assert.True(a.ExitCode == 0, a.Err);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
        foreach (var s in new[] { "Fleet risk: example neocloud", "500 paths, seed 7", "volatility sigma: ", "equity IRR", "minimum DSCR", "months to covenant breach", "never breached", "covenant breached on ", "percentiles: nearest rank, each within ±0.0488%" })
            Assert.Contains(s, a.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unlevered_fleet_has_no_dscr_and_no_breach_on_any_path_and_says_so()
    {
        var text = File.ReadAllText(Example);
        var at = text.IndexOf("\"debt\":", StringComparison.Ordinal);
        Assert.True(at > 0);
        var path = Path.Combine(Path.GetTempPath(), $"fleet-unlevered-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text[..at].TrimEnd().TrimEnd(',') + "\n}\n");
        var risk = Json("fleet", "risk", path, "--paths", "300", "--json");
        foreach (var name in new[] { "minimum DSCR", "months to covenant breach" })
        {
            var f = Figure(risk, name);
            Assert.Equal(300, f.GetProperty("pathsWithout").GetInt64());
            Assert.Equal("no debt", f.GetProperty("without").GetString());
            Assert.Equal(JsonValueKind.Null, f.GetProperty("summary").GetProperty("p50").ValueKind);
        }
        Assert.Equal(JsonValueKind.Null, risk.GetProperty("breachProbability").ValueKind);
        var table = Cli.Run("fleet", "risk", path, "--paths", "300");
        Assert.Contains("300: no debt", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("breached on", table.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--paths", "0", "--paths")]
    [InlineData("--volatility", "-1", "--volatility")]
    [InlineData("--default", "c99@2027-03", "c99")]
    public void Bad_input_exits_2_naming_the_flag(string flag, string value, string named)
    {
        var r = Cli.Run("fleet", "risk", Example, flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Err, StringComparison.Ordinal);
    }
}
