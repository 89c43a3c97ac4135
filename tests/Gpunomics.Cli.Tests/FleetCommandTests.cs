using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Gpunomics.Charts.Tests;
using Gpunomics.Export.Tests;

namespace Gpunomics.Cli.Tests;

public class FleetCommandTests
{
    private static readonly string Example = Path.Combine(Cli.RepoRoot, "data", "fleets", "example-fleet.json");

    // The example with its "defaults" replaced, written where the test can read it.
    private static string WithDefaults(string defaults)
    {
        var text = File.ReadAllText(Example).Replace("\"defaults\": { \"mode\": \"expected\" }", "\"defaults\": " + defaults, StringComparison.Ordinal);
        Assert.Contains(defaults, text, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A file that is empty or not JSON is named with its position and the parser's reason in words, not its internals.</summary>
    [Theory]
    [InlineData("", "(root): the file is empty; it must hold one JSON object")]
    [InlineData("{\"deployments\": NaN}", "line 1, column 17: is not valid JSON: 'N' is an invalid start of a value")]
    [InlineData("{\"deployments\": [", "is not valid JSON")]
    public void A_file_that_is_not_json_is_named_without_the_parsers_internals(string text, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        var r = Cli.Run("fleet", path);
        Cli.AssertUserError(r, message);
        Assert.DoesNotContain("LineNumber", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_prints_the_summary_the_vintages_and_the_years()
    {
        var r = Cli.Run("fleet", Example);
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var s in new[] { "equity IRR: ", "NPV at 15.60%: $", "payback: month ", "min DSCR: ", "first breach: no breach", "outcome: survives", "By vintage", "h100-2023", "gb300-2025", "vr-2026", "By year", "2032" })
            Assert.Contains(s, r.Out, StringComparison.Ordinal);
        var monthly = Cli.Run("fleet", Example, "--monthly");
        Assert.Contains("By month", monthly.Out, StringComparison.Ordinal);
        Assert.Contains("114 2032-08", monthly.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_holds_monthly_arrays_by_vintage_and_the_summary_agrees_with_the_table()
    {
        var r = Cli.Run("--json", "fleet", Example);
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var months = root.GetProperty("months").GetArrayLength();
        Assert.Equal(3, root.GetProperty("vintages").GetArrayLength());
        foreach (var v in root.GetProperty("vintages").EnumerateArray())
            Assert.Equal(months, v.GetProperty("monthly").GetProperty("backlog").GetArrayLength());
        var irr = root.GetProperty("equity").GetProperty("irr").GetDouble();
        Assert.Contains($"equity IRR: {irr.ToString("0.00%", System.Globalization.CultureInfo.InvariantCulture)}", Cli.Run("fleet", Example).Out, StringComparison.Ordinal);
        Assert.True(root.GetProperty("survives").GetBoolean());
        // Revenue is contracted plus spot, month by month.
        var total = root.GetProperty("total");
        var revenue = total.GetProperty("revenue").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var contracted = total.GetProperty("contractedRevenue").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var spot = total.GetProperty("spotRevenue").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var t = 0; t < months; t++) Assert.Equal(contracted[t] + spot[t], revenue[t], 1e-6);
    }

    // The numbers of a JSON array (null where the command reports no figure).
    private static double?[] Numbers(JsonElement e) => [.. e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? (double?)null : x.GetDouble())];

    private static void Near(double expected, double? got, string what) =>
        Assert.True(got is { } g && Math.Abs(g - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: command {expected.ToString("R", CultureInfo.InvariantCulture)}, workbook {got}");

    [Theory]
    [InlineData(new string[0], "no breach")]
    [InlineData(new[] { "--default", "c05@2025-10" }, "month 33: DSCR 0.98x below the 1.20x minimum")]
    public void The_workbook_the_command_writes_recalculates_in_LibreOffice_to_the_commands_figures(string[] extra, string breach)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"fleet-xlsx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var xlsx = Path.Combine(dir, "fleet.xlsx");
            var r = Cli.Run(["--json", "fleet", Example, "--xlsx", xlsx, .. extra]);
            Assert.True(r.ExitCode == 0, r.Err);
            var root = JsonDocument.Parse(r.Out).RootElement;
            Assert.Equal(xlsx, root.GetProperty("files")[0].GetString());
            var fleet = root.GetProperty("fleet");
            var sheets = LibreOffice.Recalculate(xlsx, ["FleetMonthly", "FleetSummary"]);
            var monthly = sheets["FleetMonthly"];
            var total = fleet.GetProperty("total");
            var columns = new (string Key, int Col)[] { ("contractedRevenue", 3), ("spotRevenue", 4), ("backlog", 6), ("operatingCost", 7), ("cfads", 8), ("debtService", 11), ("debtBalance", 12), ("net", 14) };
            var cash = Numbers(fleet.GetProperty("cash"));
            var dscr = Numbers(fleet.GetProperty("dscr"));
            var ltv = Numbers(fleet.GetProperty("ltv"));
            for (var t = 0; t < cash.Length; t++)
            {
                var row = monthly[t + 1];
                foreach (var (key, col) in columns) Near(Numbers(total.GetProperty(key))[t]!.Value, LibreOffice.Number(row[col - 1]), $"{key} at month {t}");
                Near(cash[t]!.Value, LibreOffice.Number(row[14]), $"cash at month {t}");
                if (dscr[t] is { } d) Near(d, LibreOffice.Number(row[15]), $"DSCR at month {t}");
                else Assert.Equal("", row[15]);
                if (ltv[t] is { } l) Near(l, LibreOffice.Number(row[16]), $"LTV at month {t}");
            }
            string Summary(string label) => sheets["FleetSummary"].First(x => x[0] == label)[1];
            var equity = fleet.GetProperty("equity");
            Assert.True(Math.Abs(LibreOffice.Number(Summary("Equity IRR, annual effective"))!.Value - equity.GetProperty("irr").GetDouble()) <= 1e-7 * equity.GetProperty("irr").GetDouble());
            Near(equity.GetProperty("npv").GetDouble(), LibreOffice.Number(Summary("Equity NPV at the hurdle")), "NPV");
            Assert.Equal(equity.GetProperty("paybackMonth").GetInt32().ToString(CultureInfo.InvariantCulture), Summary("Payback month"));
            Near(fleet.GetProperty("minDscr").GetDouble(), LibreOffice.Number(Summary("Lowest fleet DSCR")), "lowest DSCR");
            Assert.StartsWith(breach, Summary("First covenant breach"), StringComparison.Ordinal);
            Assert.Equal(fleet.GetProperty("firstBreach").ValueKind == JsonValueKind.Null ? "no breach" : fleet.GetProperty("firstBreach").GetProperty("text").GetString(), Summary("First covenant breach"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_report_directory_holds_the_tables_the_csv_and_charts_readable_whole()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"fleet-out-{Guid.NewGuid():N}");
        try
        {
            var r = Cli.Run("fleet", Example, "--out", dir, "--default", "c05@2025-10");
            Assert.True(r.ExitCode == 0, r.Err);
            var printed = Cli.Run("fleet", Example, "--default", "c05@2025-10").Out;
            Assert.Equal(printed, File.ReadAllText(Path.Combine(dir, "fleet.txt")));
            foreach (var name in new[] { "fleet.json", "fleet-fleetmonthly.csv", "fleet-fleetsummary.csv", "fleet-contracts.csv", "fleet-revenue.svg", "fleet-revenue.png", "fleet-backlog.svg", "fleet-cash-debt.png" })
                Assert.Contains($"wrote {Path.Combine(dir, name)}", r.Out, StringComparison.Ordinal);
            // The monthly CSV holds the command's own figures: contracted revenue and cash, month by month.
            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fleet.json"))).RootElement;
            var csv = LibreOffice.ParseCsv(File.ReadAllText(Path.Combine(dir, "fleet-fleetmonthly.csv")));
            var cash = Numbers(json.GetProperty("cash"));
            var contracted = Numbers(json.GetProperty("total").GetProperty("contractedRevenue"));
            for (var t = 0; t < cash.Length; t++)
            {
                Near(cash[t]!.Value, LibreOffice.Number(csv[t + 1][14]), $"cash at month {t}");
                Near(contracted[t]!.Value, LibreOffice.Number(csv[t + 1][2]), $"contracted revenue at month {t}");
            }
            foreach (var file in Directory.GetFiles(dir))
            {
                if (file.EndsWith(".svg", StringComparison.Ordinal))
                {
                    var svg = XDocument.Load(file);
                    Assert.True(ChartInspection.OutsideCanvas(svg).Count == 0, $"{Path.GetFileName(file)}: text outside the canvas");
                }
                else if (file.EndsWith(".png", StringComparison.Ordinal))
                    Assert.True(ChartInspection.EdgePixels(File.ReadAllBytes(file)).Count == 0, $"{Path.GetFileName(file)}: pixels on the image's edge");
            }
            var (min, perPixel) = ChartInspection.AxisMinimum(XDocument.Load(Path.Combine(dir, "fleet-revenue.svg")), left: true);
            Assert.True(min >= -2 * perPixel, $"fleet-revenue.svg: the revenue axis starts at {min}, below zero");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--xlsx", "fleet.txt", "--xlsx 'fleet.txt' must end in .xlsx")]
    public void A_workbook_file_not_ending_in_xlsx_is_a_user_error(string flag, string value, string message) =>
        Cli.AssertUserError(Cli.Run("fleet", Example, flag, value), message);

    [Fact]
    public void A_small_renter_default_the_example_survives()
    {
        var r = Cli.Run("fleet", WithDefaults("""{ "mode": "scenario", "events": [ { "contract": "c12", "date": "2027-06" } ] }"""));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("defaults: scenario: c12 from 2027-06", r.Out, StringComparison.Ordinal);
        Assert.Contains("first breach: no breach", r.Out, StringComparison.Ordinal);
        Assert.Contains("outcome: survives", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_anchor_renter_default_the_example_does_not_survive_names_the_breach()
    {
        var r = Cli.Run("fleet", WithDefaults("""{ "mode": "scenario", "events": [ { "contract": "c05", "date": "2025-10" } ] }"""));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("first breach: month 33: DSCR ", r.Out, StringComparison.Ordinal);
        Assert.Contains("below the 1.20x minimum (2025-11)", r.Out, StringComparison.Ordinal);
        Assert.Contains("outcome: does not survive: covenant breach at month 33", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_default_on_the_command_line_is_the_one_in_the_file()
    {
        var flag = Cli.Run("fleet", Example, "--default", "c05@2025-10");
        var file = Cli.Run("fleet", WithDefaults("""{ "mode": "scenario", "events": [ { "contract": "c05", "date": "2025-10" } ] }"""));
        Assert.True(flag.ExitCode == 0, flag.Err);
        Assert.Equal(file.Out[file.Out.IndexOf("  spot:", StringComparison.Ordinal)..], flag.Out[flag.Out.IndexOf("  spot:", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData("c05", "--default 'c05' is not allowed; write CONTRACT@YYYY-MM")]
    [InlineData("c99@2025-10", "'c99' is not a contract of the fleet file; contracts: c01, c02")]
    [InlineData("c05@2031-01", "2031-01 is not a month c05 bills; allowed: 2025-09 to 2030-08")]
    public void A_bad_named_default_names_the_flag_the_value_and_what_is_allowed(string value, string message) =>
        Cli.AssertUserError(Cli.Run("fleet", Example, "--default", value), message);

    [Fact]
    public void Bad_rows_are_reported_with_file_row_key_value_and_allowed_and_exit_2()
    {
        var text = File.ReadAllText(Example)
            .Replace("\"credit\": \"non-investment-grade\", \"deployment\": \"h100-2023\", \"gpus\": 256, \"start\": \"2023-06\"", "\"credit\": \"BBB\", \"deployment\": \"h100-2023\", \"gpus\": 256, \"start\": \"2023-06\"", StringComparison.Ordinal)
            .Replace("\"system\": \"vr-nvl72\"", "\"system\": \"vr-nvl144\"", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"bad-fleet-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        var r = Cli.Run("fleet", path);
        Cli.AssertUserError(r, "2 problems", Path.GetFileName(path), "contracts[1] (c02).credit: \"BBB\" is not allowed; must be \"investment-grade\" or \"non-investment-grade\"",
            "deployments[2] (vr-2026).system: \"vr-nvl144\" is not allowed; must be a catalog system id");
    }

    [Fact]
    public void A_kind_of_price_with_no_fitted_decay_is_a_user_error_naming_the_fleet_key_and_a_given_decay_runs()
    {
        string File(string spot)
        {
            var path = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}.json");
            System.IO.File.WriteAllText(path, $$"""{ "name": "x", "deployments": [ { "id": "v", "system": "h100", "count": 8, "date": "2026-01" } ], "spot": {{spot}} }""");
            return path;
        }
        // The shipped contract rows see no system over a year of its age: no decay to project.
        Cli.AssertUserError(Cli.Run("fleet", File("""{ "pricing": "contract" }""")), "no spot price for h100 (contract forward curve)", "spot.annualChange", "spot.anchors.h100");
        var r = Cli.Run("fleet", File("""{ "pricing": "contract", "annualChange": -0.2, "anchors": { "h100": { "date": "2026-01", "pricePerGpuHour": 2.0 } } }"""));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("h100: contract forward curve: -20.0% per year of age (given)", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_fleet_file_is_a_user_error() =>
        Cli.AssertUserError(Cli.Run("fleet", Path.Combine(Path.GetTempPath(), "no-such-fleet.json")), "no-such-fleet.json");

    [Fact]
    public void The_fleet_schema_is_printed() =>
        Assert.Equal(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "schemas", "fleet.schema.json")), Cli.Run("schema", "fleet").Out);
}
