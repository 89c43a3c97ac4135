namespace Gpunomics.Cli.Tests;

/// <summary>
/// The JSON each command prints, against files in Golden/ (numbers to 1e-9 relative). After a
/// deliberate model change, rewrite them with GOLDEN_UPDATE=1 dotnet test, and review the diff.
/// </summary>
public class GoldenJsonTests
{
    [Theory]
    [InlineData("tco-gb300", "tco", "gb300-nvl72", "--json")]
    [InlineData("tco-vr", "tco", "vr-nvl72", "--json")]
    [InlineData("project-gb300", "project", "gb300-nvl72", "--price", "3.5", "--json")]
    [InlineData("floor-vr", "floor", "vr-nvl72", "--hurdle", "0.156", "--json")]
    [InlineData("ceiling-vr", "ceiling", "vr-nvl72", "--reference-price-per-pflop-hour", "0.55", "--json")]
    [InlineData("ceiling-vr-reference", "ceiling", "vr-nvl72", "--reference", "gb300-nvl72", "--reference-price", "3.5", "--json")]
    [InlineData("chart-vr", "chart", "vr-nvl72", "--json")]
    [InlineData("calibrate-check", "calibrate", "--check", "--json")]
    [InlineData("systems", "systems", "--json")]
    [InlineData("tokens-sheets", "tokens", "sheets", "--json")]
    [InlineData("tokens-cost-gb300", "tokens", "cost", "--system", "gb300-nvl72", "--tokens-per-second-per-gpu", "5000", "--sheet", "frontier", "--json")]
    [InlineData("value-chain-gb300", "value-chain", "gb300-nvl72", "--json")]
    [InlineData("montecarlo-gb300", "montecarlo", "gb300-nvl72", "--scenarios", "2000", "--seed", "7", "--distribution", "price=uniform(3,4)",
        "--distribution", "hurdle=normal(0.15,0.02)", "--correlation", "price,hurdle=0.3", "--json")]
    [InlineData("sensitivity-gb300", "sensitivity", "gb300-nvl72", "--json")]
    [InlineData("market-h100", "market", "--system", "h100", "--json")]
    [InlineData("forward-curve-gb300", "forward-curve", "gb300-nvl72", "--from", "2026-09-01", "--months", "6", "--json")]
    [InlineData("market-paths-h100", "market", "paths", "--system", "h100", "--paths", "1000", "--seed", "7", "--years", "2", "--json")]
    public void Command_json_matches_the_golden_file(string golden, params string[] args) => Matches(golden, args);

    /// <summary>Two shipped scenarios compared (their files given from the repository).</summary>
    [Fact]
    public void Compare_json_matches_the_golden_file() =>
        Matches("compare-article-neocloud-deal-price", "compare", Path.Combine(Cli.RepoRoot, "data", "scenarios", "article.json"),
            Path.Combine(Cli.RepoRoot, "data", "scenarios", "neocloud-deal-price.json"), "--json");

    /// <summary>Each shipped reading of the published text, its scenario checked under its spec: the residual table.</summary>
    [Theory]
    [InlineData("hyperscaler-market-price")]
    [InlineData("neocloud-market-price")]
    [InlineData("neocloud-deal-price")]
    public void Each_reading_residuals_match_the_golden_file(string reading) =>
        Matches($"calibrate-check-{reading}", "calibrate", "--check", "--json",
            "--spec", Path.Combine(Cli.RepoRoot, "data", "calibration", reading + ".json"),
            "--scenario", Path.Combine(Cli.RepoRoot, "data", "scenarios", reading + ".json"));

    private static void Matches(string golden, params string[] args)
    {
        var r = Cli.Run(args);
        Assert.True(r.ExitCode == 0, r.Err);
        var path = Path.Combine(Cli.RepoRoot, "tests", "Gpunomics.Cli.Tests", "Golden", golden + ".json");
        if (Environment.GetEnvironmentVariable("GOLDEN_UPDATE") == "1") File.WriteAllText(path, r.Out);
        Assert.True(File.Exists(path), $"missing golden file {path}; run with GOLDEN_UPDATE=1");
        using var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        using var actual = System.Text.Json.JsonDocument.Parse(r.Out);
        AssertSame(expected.RootElement, actual.RootElement, "$");
    }

    /// <summary>Same structure, same text, numbers equal to 1e-9 relative (floating-point reordering moves the last digits).</summary>
    private static void AssertSame(System.Text.Json.JsonElement e, System.Text.Json.JsonElement a, string path)
    {
        Assert.True(e.ValueKind == a.ValueKind, $"{path}: {e.ValueKind} expected, got {a.ValueKind}");
        switch (e.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                Assert.Equal(e.EnumerateObject().Select(p => p.Name).ToList(), a.EnumerateObject().Select(p => p.Name).ToList());
                foreach (var p in e.EnumerateObject()) AssertSame(p.Value, a.GetProperty(p.Name), $"{path}.{p.Name}");
                break;
            case System.Text.Json.JsonValueKind.Array:
                Assert.True(e.GetArrayLength() == a.GetArrayLength(), $"{path}: {e.GetArrayLength()} items expected, got {a.GetArrayLength()}");
                for (var i = 0; i < e.GetArrayLength(); i++) AssertSame(e[i], a[i], $"{path}[{i}]");
                break;
            case System.Text.Json.JsonValueKind.Number:
                var x = e.GetDouble();
                var y = a.GetDouble();
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{path}: {x} expected, got {y}");
                break;
            default:
                Assert.Equal(e.GetRawText(), a.GetRawText());
                break;
        }
    }
}
