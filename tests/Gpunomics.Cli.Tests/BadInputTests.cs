namespace Gpunomics.Cli.Tests;

/// <summary>Every user mistake: exit code 2, one clear message on stderr, no stack trace.</summary>
public class BadInputTests
{
    [Fact]
    public void Unknown_system() => Cli.AssertUserError(Cli.Run("tco", "h900"), "unknown system 'h900'", "gb300-nvl72");

    [Fact]
    public void Negative_price() => Cli.AssertUserError(Cli.Run("project", "gb300-nvl72", "--price", "-1"), "--price", "-1", "[0, 10000]");

    [Fact]
    public void Price_that_is_not_a_number() => Cli.AssertUserError(Cli.Run("project", "gb300-nvl72", "--price", "cheap"), "cheap");

    [Fact]
    public void Calibration_spec_with_a_wrong_premise()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-spec-{Guid.NewGuid():N}.json");
        var shipped = File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "calibration", "hyperscaler-deal-price.json"));
        File.WriteAllText(file, shipped.Replace("\"gb300IllustrativeDealPrice\": 3.16", "\"gb300IllustrativeDealPrice\": \"today\"", StringComparison.Ordinal));
        try { Cli.AssertUserError(Cli.Run("calibrate", "--check", "--spec", file), Path.GetFileName(file), "premises.gb300IllustrativeDealPrice", "\"today\"", "\"market\""); }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Calibration_with_a_catalog_that_lacks_the_published_systems()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-catalog-{Guid.NewGuid():N}.json");
        var catalog = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "catalog.json")))!.AsObject();
        var systems = catalog.Single(p => p.Value is System.Text.Json.Nodes.JsonArray).Value!.AsArray();
        systems.Remove(systems.Single(s => s!["id"]!.GetValue<string>() == "vr-nvl72"));
        File.WriteAllText(file, catalog.ToJsonString());
        try { Cli.AssertUserError(Cli.Run("calibrate", "--check", "--catalog", file), "the catalog lacks vr-nvl72"); }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Calibration_spec_that_is_missing() => Cli.AssertUserError(Cli.Run("calibrate", "--spec", "no-such-spec.json"), "calibration spec", "no-such-spec.json");

    [Fact]
    public void Missing_price() => Cli.AssertUserError(Cli.Run("project", "gb300-nvl72"), "--price");

    [Theory]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void Prepay_outside_zero_to_one(string prepay) => Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--prepay", prepay), "--prepay", "[0, 1)");

    [Fact]
    public void Term_zero() => Cli.AssertUserError(Cli.Run("project", "vr-nvl72", "--price", "5", "--term-months", "0"), "--term-months", "[1, 600]");

    [Fact]
    public void More_chart_multipliers_than_declared()
    {
        var max = Gpunomics.Inputs.ModelInputs.ChartMultiplier.MaxCount!.Value;
        var values = Enumerable.Range(0, max + 1).Select(i => (1 + i / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Cli.AssertUserError(Cli.Run(["chart", "gb300-nvl72", "--multipliers", .. values]), $"--multipliers: {max + 1} values given; at most {max} allowed");
        Assert.Equal(0, Cli.Run(["chart", "gb300-nvl72", "--multipliers", .. values[..max]]).ExitCode);
    }

    [Fact]
    public void Multiplier_zero() => Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--system-price-multiplier", "0"), "--system-price-multiplier");

    [Fact]
    public void Unknown_precision() => Cli.AssertUserError(Cli.Run("ceiling", "vr-nvl72", "--precision", "fp3"), "fp3", "bf16");

    [Fact]
    public void Reference_without_its_price() => Cli.AssertUserError(Cli.Run("ceiling", "vr-nvl72", "--reference", "gb300-nvl72"), "--reference-price");

    [Fact]
    public void Unknown_option() => Cli.AssertUserError(Cli.Run("tco", "gb300-nvl72", "--bogus"), "--bogus");

    [Fact]
    public void Chart_to_an_unknown_image_type() => Cli.AssertUserError(Cli.Run("chart", "gb300-nvl72", "--out", "x.gif"), ".svg or .png");

    [Fact]
    public void Missing_scenario_file() => Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--scenario", "/nonexistent/s.json"), "/nonexistent/s.json");

    [Theory]
    [InlineData("""{ "contract": { "prepay": 0.2 } }""", "contract.prepay", "unknown key")]
    [InlineData("""{ "hurdleRate": "high" }""", "hurdleRate", "\"high\"")]
    [InlineData("""{ "contract": { "termMonths": 0 } }""", "contract.termMonths", "[1, 600]")]
    [InlineData("{ \"hurdleRate\": 0.2,", "not valid JSON", "line 1")]
    [InlineData("[1, 2]", "(root)", "one JSON object")]
    public void Malformed_scenario_names_the_file_key_value_and_allowed_range(string json, string key, string detail)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--scenario", file), Path.GetFileName(file), key, detail);
        }
        finally { File.Delete(file); }
    }
}
