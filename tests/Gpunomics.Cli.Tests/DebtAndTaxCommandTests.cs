using System.Globalization;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>A scenario file with debt and tax, through the commands that take it and those that refuse it.</summary>
public sealed class DebtAndTaxCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"gpunomics-levered-{Guid.NewGuid():N}.json");

    public DebtAndTaxCommandTests() =>
        File.WriteAllText(_file, """{ "debt": { "share": 0.6, "rate": 0.09 }, "tax": { "rate": 0.21 } }""");

    public void Dispose() => File.Delete(_file);

    private JsonElement Json(params string[] args)
    {
        var r = Cli.Run([.. args, "--scenario", _file, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void The_after_tax_equity_floor_is_found_numerically_and_earns_the_hurdle()
    {
        var floor = Json("floor", "vr-nvl72");
        Assert.Equal("equity (levered), after tax", floor.GetProperty("irrBasis").GetString());
        Assert.StartsWith("numeric", floor.GetProperty("method").GetString(), StringComparison.Ordinal);
        var price = floor.GetProperty("floorPrice").GetDouble();
        var project = Json("project", "vr-nvl72", "--price", price.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(0.156, project.GetProperty("irr").GetDouble(), 9);
        var schedule = project.GetProperty("schedule").EnumerateArray().ToList();
        Assert.True(schedule[0].GetProperty("debt").GetDouble() > 0);
        Assert.Contains(schedule, m => m.GetProperty("tax").GetDouble() < 0);
    }

    [Fact]
    public void The_command_line_flags_give_what_the_scenario_file_gives()
    {
        var fromFile = Json("floor", "vr-nvl72").GetProperty("floorPrice").GetDouble();
        var r = Cli.Run("floor", "vr-nvl72", "--debt-share", "0.6", "--debt-rate", "0.09", "--tax-rate", "0.21", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(fromFile, JsonDocument.Parse(r.Out).RootElement.GetProperty("floorPrice").GetDouble(), 9);
        var bad = Cli.Run("project", "vr-nvl72", "--price", "5", "--tax-rate", "1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--tax-rate", bad.Err, StringComparison.Ordinal);
        var rateAlone = Cli.Run("floor", "vr-nvl72", "--debt-rate", "0.09");
        Assert.Equal(2, rateAlone.ExitCode);
        Assert.Contains("--debt-share", rateAlone.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Monte_carlo_samples_the_after_tax_equity_returns()
    {
        var levered = Json("montecarlo", "gb300-nvl72", "--scenarios", "2000", "--distribution", "price=uniform(3,4)");
        Assert.Equal("equity (levered), after tax", levered.GetProperty("irrBasis").GetString());
        // With every input fixed, each scenario is the project command's answer.
        var fixedRun = Json("montecarlo", "gb300-nvl72", "--scenarios", "100", "--price", "3.5");
        var project = Json("project", "gb300-nvl72", "--price", "3.5").GetProperty("irr").GetDouble();
        Assert.Equal(project, fixedRun.GetProperty("irrPercentiles").GetProperty("mean").GetDouble(), 6); // the summary keeps single precision
    }

    [Fact]
    public void The_workbook_export_takes_debt_and_refuses_tax_clearly()
    {
        var json = Path.Combine(Path.GetTempPath(), $"x-{Guid.NewGuid():N}.json");
        var r = Cli.Run("export", "gb300-nvl72", "--json-file", json, "--scenario", _file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("corporate tax", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);

        var debtOnly = Path.Combine(Path.GetTempPath(), $"gpunomics-debt-{Guid.NewGuid():N}.json");
        File.WriteAllText(debtOnly, """{ "debt": { "share": 0.6, "rate": 0.09 } }""");
        try
        {
            var ok = Cli.Run("export", "gb300-nvl72", "--json-file", json, "--scenario", debtOnly);
            Assert.True(ok.ExitCode == 0, ok.Err);
            Assert.Contains("Equity IRR", File.ReadAllText(json), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(debtOnly);
            File.Delete(json);
        }
    }

    private static readonly string[] NoFloorCase = ["--tax-rate", "0.99", "--debt-share", "0.99", "--debt-rate", "0.08", "--hurdle", "-0.99"];

    [Fact]
    public void Where_no_price_reaches_the_hurdle_after_tax_the_floor_says_no_floor_exists()
    {
        var table = Cli.Run(["floor", "vr-nvl72", .. NoFloorCase]);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("no floor exists: after tax (99%) no rental price gives the -99% hurdle IRR", table.Out);
        Assert.DoesNotContain("$", table.Out.Split('\n').Single(l => l.Contains("floor, $/GPU-hour", StringComparison.Ordinal)).Replace("floor, $/GPU-hour", "", StringComparison.Ordinal));

        var json = Cli.Run(["floor", "vr-nvl72", .. NoFloorCase, "--json"]);
        Assert.Equal(0, json.ExitCode);
        var o = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, o.GetProperty("floorPrice").ValueKind);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("floorPricePerPflopHour").ValueKind);
        Assert.StartsWith("no floor exists: ", o.GetProperty("noFloor").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("value-chain", "vr-nvl72", "--tokens-per-second-per-gpu", "1000")]
    [InlineData("montecarlo", "vr-nvl72", "--scenarios", "10")]
    [InlineData("chart", "vr-nvl72")]
    public void A_figure_built_on_a_floor_that_does_not_exist_says_so_without_a_fault(params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-nofloor-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "hurdleRate": -0.99, "debt": { "share": 0.99, "rate": 0.08 }, "tax": { "rate": 0.99 } }""");
        var r = Cli.Run([.. args, "--scenario", file]);
        File.Delete(file);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: no floor exists: ", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("fault", r.Err, StringComparison.Ordinal);
    }
}
