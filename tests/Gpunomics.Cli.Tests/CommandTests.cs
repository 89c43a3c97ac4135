using Gpunomics.Tests.Shared;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

public class CommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Tco_json_has_the_contract_fields()
    {
        var j = Json("tco", "gb300-nvl72");
        foreach (var f in new[] { "system", "capexPerGpu", "capexPerWatt", "capexPerWattBasis", "tcoPerGpuHour", "tcoPerPflopHour", "lines" })
            Assert.True(j.TryGetProperty(f, out _), f);
        Assert.Equal("all-in IT power", j.GetProperty("capexPerWattBasis").GetString());
        Assert.True(j.GetProperty("tcoPerPflopHour").TryGetProperty("fp4Sparse", out _));
    }

    [Fact]
    public void Tco_with_an_mfu_gives_the_cost_per_pflop_hour_used_for_each_dense_precision()
    {
        var j = Json("tco", "gb300-nvl72", "--mfu", "40%");
        Assert.Equal(0.4, j.GetProperty("mfu").GetDouble());
        var perPflop = j.GetProperty("tcoPerPflopHour");
        var effective = j.GetProperty("effectiveCostPerPflopHour");
        foreach (var basis in new[] { "bf16", "fp8", "fp4" })
            Assert.Equal(perPflop.GetProperty(basis).GetDouble() / 0.4, effective.GetProperty(basis).GetDouble(), 12);
        Assert.False(effective.TryGetProperty("fp8Sparse", out _));
        Assert.Equal(JsonValueKind.Null, Json("tco", "gb300-nvl72").GetProperty("effectiveCostPerPflopHour").ValueKind);
        var text = Cli.Run("tco", "gb300-nvl72", "--mfu", "0.4").Out;
        Assert.Contains("40.00% MFU", text);
        Assert.Contains("none: MFU is against the dense peak", text);
        var bad = Cli.Run("tco", "gb300-nvl72", "--mfu", "1.5");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--mfu", bad.Err);
    }

    [Fact]
    public void Project_without_an_irr_says_why()
    {
        var j = Json("project", "gb300-nvl72", "--price", "0");
        Assert.Equal(JsonValueKind.Null, j.GetProperty("irr").ValueKind);
        Assert.Contains("no inflow", j.GetProperty("irrNote").GetString());
    }

    [Fact]
    public void Floor_then_project_at_the_floor_gives_the_hurdle()
    {
        var floor = Json("floor", "vr-nvl72", "--hurdle", "0.2", "--term-months", "48", "--prepay", "0.1").GetProperty("floorPrice").GetDouble();
        var irr = Json("project", "vr-nvl72", "--price", floor.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "--term-months", "48", "--prepay", "0.1").GetProperty("irr").GetDouble();
        Assert.Equal(0.2, irr, 9);
    }

    [Fact]
    public void A_scenario_file_changes_the_answer()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "contract": { "prepayShare": 0.3 } }""");
        try
        {
            var baseFloor = Json("floor", "gb300-nvl72").GetProperty("floorPrice").GetDouble();
            var withPrepay = Json("floor", "gb300-nvl72", "--scenario", file).GetProperty("floorPrice").GetDouble();
            Assert.True(withPrepay < baseFloor);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Chart_of_h100_says_there_is_no_value_split_instead_of_shares_outside_zero_to_one()
    {
        // The reported case: under the built-in scenario of the time, the H100 market price ($2.00) is below the
        // floor and above the ceiling.
        var reported = Path.Combine(Path.GetTempPath(), $"gpunomics-reported-{Guid.NewGuid():N}.json");
        File.WriteAllText(reported, ReportedCases.Scenario2026_11);
        try { ChartOfH100(reported); }
        finally { File.Delete(reported); }
    }

    private static void ChartOfH100(string reported)
    {
        var r = Cli.Run("chart", "h100", "--scenario", reported);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.DoesNotContain("-125", r.Out);
        Assert.DoesNotContain("233", r.Out);
        Assert.Contains("price $2.00 is below the floor $2.04: the neocloud loses $0.04/GPU-hour against its hurdle", r.Out);
        Assert.Contains("price $2.00 is above the ceiling $1.39", r.Out);
        Assert.Contains("no split", r.Out);

        var j = System.Text.Json.JsonDocument.Parse(Cli.Run("chart", "h100", "--json", "--scenario", reported).Out).RootElement.GetProperty("valueSplit");
        Assert.Equal("no split", j.GetProperty("status").GetString());
        Assert.Contains("below the floor", j.GetProperty("note").GetString());
        foreach (var share in new[] { "renterShare", "neocloudShare", "supplierShare" })
            Assert.Equal(System.Text.Json.JsonValueKind.Null, j.GetProperty(share).ValueKind);

        var svg = Path.Combine(Path.GetTempPath(), $"gpunomics-{Guid.NewGuid():N}.svg");
        try
        {
            Assert.Equal(0, Cli.Run("chart", "h100", "--out", svg, "--scenario", reported).ExitCode);
            var text = File.ReadAllText(svg);
            Assert.Contains("No value split at $2.00/GPU-hour", text);
            Assert.DoesNotMatch(@"\(-?\d+%\)", text);
        }
        finally { File.Delete(svg); }
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("png")]
    public void Chart_writes_the_image(string ext)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-{Guid.NewGuid():N}.{ext}");
        try
        {
            var r = Cli.Run("chart", "gb300-nvl72", "--out", file);
            Assert.True(r.ExitCode == 0, r.Err);
            var bytes = File.ReadAllBytes(file);
            if (ext == "png")
            {
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
                Assert.True(bytes.Length > 10_000);
            }
            else
            {
                var svg = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
                Assert.Equal("svg", svg.Root!.Name.LocalName);
                Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("GB300", StringComparison.Ordinal));
            }
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Report_writes_tables_json_and_charts()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"gpunomics-report-{Guid.NewGuid():N}");
        try
        {
            var r = Cli.Run("report", "--out", dir);
            Assert.True(r.ExitCode == 0, r.Err);
            foreach (var f in new[] { "report.txt", "report.json", "one-chart-gb300-nvl72.png", "one-chart-vr-nvl72.svg", "one-chart-h100.png" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            Assert.Contains("published figures within tolerance", File.ReadAllText(Path.Combine(dir, "report.txt")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
