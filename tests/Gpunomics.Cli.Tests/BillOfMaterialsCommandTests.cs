using System.Globalization;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>The HBM line and the networking components as `gpunomics tco` shows them, and the HBM levers.</summary>
public class BillOfMaterialsCommandTests
{
    private static JsonElement Tco(params string[] args)
    {
        var r = Cli.Run(["tco", .. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static double Line(JsonElement tco, string name) =>
        tco.GetProperty("capexLines").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name).GetProperty("perGpu").GetDouble();

    [Theory]
    [InlineData("h100", "neocloud")]
    [InlineData("h200", "hyperscaler")]
    [InlineData("vr-nvl72", "neocloud")]
    public void Tco_json_gives_the_networking_components_which_sum_to_the_networking_line(string system, string tier)
    {
        var tco = Tco(system, "--network-tier", tier);
        var parts = tco.GetProperty("networkingComponents").EnumerateArray().ToList();
        Assert.Equal(["switches", "transceivers", "cables", "nics"], parts.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(Line(tco, "networking"), parts.Sum(p => p.GetProperty("perGpu").GetDouble()), 9);
        Assert.Equal(JsonValueKind.Null, tco.GetProperty("networkingComponentsNote").ValueKind);
    }

    [Fact]
    public void Tco_table_shows_the_hbm_line_and_the_components_under_the_networking_line()
    {
        var r = Cli.Run("tco", "h200");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n');
        var net = Array.FindIndex(lines, l => l.Contains("│ networking ", StringComparison.Ordinal));
        Assert.True(net > 0, r.Out);
        Assert.Contains("switches", lines[net + 1]);
        Assert.Contains("transceivers", lines[net + 2]);
        Assert.Contains("cables", lines[net + 3]);
        Assert.Contains("NICs", lines[net + 4]);
        Assert.Contains(lines, l => l.Contains("│ HBM ", StringComparison.Ordinal) && l.Contains("$6,937", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("neocloud")]
    [InlineData("hyperscaler")]
    public void An_h200_never_costs_less_to_buy_or_to_own_than_an_h100_at_either_tier(string tier)
    {
        // The built-in scenario solves one board price for H100 and H200; the catalog's H200 carries 61 GB more HBM.
        var h100 = Tco("h100", "--network-tier", tier);
        var h200 = Tco("h200", "--network-tier", tier);
        Assert.Equal(141 * 12.3 / 0.25 - 80 * 12.3 / 0.25, Line(h200, "hbm") - Line(h100, "hbm"), 6);
        Assert.True(h200.GetProperty("capexPerGpu").GetDouble() >= h100.GetProperty("capexPerGpu").GetDouble());
        Assert.True(h200.GetProperty("tcoPerGpuHour").GetDouble() >= h100.GetProperty("tcoPerGpuHour").GetDouble());
    }

    [Fact]
    public void Hbm_quarter_reprices_the_hbm_line_from_its_types_path()
    {
        var today = Tco("gb300-nvl72");
        var q4of2025 = Tco("gb300-nvl72", "--hbm-quarter", "2025Q4");
        Assert.Equal(288 * 10.3 / 0.25, Line(q4of2025, "hbm"), 6); // data/memory-prices.json: hbm3e 2025Q4 $10.3/GB
        Assert.Equal(Line(today, "computeSystem"), Line(q4of2025, "computeSystem"));
        Assert.Equal(288 * 15 / 0.25, Line(Tco("gb300-nvl72", "--hbm-price-per-gb", "15"), "hbm"), 6);
    }

    [Theory]
    [InlineData(new[] { "--hbm-quarter", "2025Q1" }, "vr-nvl72", "2026Q1")] // HBM4's path starts in 2026Q1
    [InlineData(new[] { "--hbm-quarter", "2026-Q1" }, "vr-nvl72", "YYYYQn")]
    [InlineData(new[] { "--hbm-quarter", "2026Q1", "--hbm-price-per-gb", "12" }, "vr-nvl72", "give one")]
    [InlineData(new[] { "--hbm-price-per-gb", "-1" }, "vr-nvl72", "[0, 1000]")]
    public void Bad_hbm_options_are_user_errors_naming_what_is_allowed(string[] args, string system, string mention)
    {
        var r = Cli.Run(["tco", system, .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(mention, r.Err);
    }

    [Fact]
    public void A_scenarios_networking_total_shows_no_components_and_says_why()
    {
        var dir = Directory.CreateTempSubdirectory("gpunomics-bom-");
        try
        {
            var file = Path.Combine(dir.FullName, "net.json");
            File.WriteAllText(file, """{ "systems": { "b200": { "networking": { "neocloud": 7000 } } } }""");
            var tco = Tco("b200", "--scenario", file);
            Assert.Equal(7000, Line(tco, "networking"));
            Assert.Equal(JsonValueKind.Null, tco.GetProperty("networkingComponents").ValueKind);
            Assert.Contains("total only", tco.GetProperty("networkingComponentsNote").GetString());
            var table = Cli.Run("tco", "b200", "--scenario", file);
            Assert.Contains("total only", table.Out);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_quoted_compute_system_below_the_hbm_and_nics_it_holds_is_a_user_error_naming_the_key()
    {
        var dir = Directory.CreateTempSubdirectory("gpunomics-bom-");
        try
        {
            var file = Path.Combine(dir.FullName, "low.json");
            File.WriteAllText(file, """{ "systems": { "h200": { "computeSystem": 5000 } } }""");
            var r = Cli.Run("tco", "h200", "--scenario", file);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("systems.h200.computeSystem", r.Err);
            Assert.Contains((6937.2 + 1500).ToString("0.##", CultureInfo.InvariantCulture), r.Err);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
