namespace Gpunomics.Cli.Tests;

/// <summary>The calibrate command's table: each shipped reading, its residuals and its binding bounds.</summary>
public class CalibrateCommandTests
{
    private static string Spec(string reading) => Path.Combine(Cli.RepoRoot, "data", "calibration", reading + ".json");

    [Fact]
    public void The_default_check_names_the_reading_its_owner_and_has_no_binding_bound()
    {
        var r = Cli.Run("calibrate", "--check");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Reading 'hyperscaler-deal-price'", r.Out);
        Assert.Contains("$3.16/GPU-hour", r.Out);
        Assert.Contains("hyperscaler", r.Out);
        Assert.DoesNotContain("warning:", r.Out);
        Assert.Contains("25 of 33 published figures within tolerance", r.Out);
        // A residual that rounds to zero prints as 0.0, not as a signed zero.
        Assert.DoesNotContain("-+", r.Out);
    }

    [Theory]
    [InlineData("hyperscaler-market-price", "20 of 33")]
    [InlineData("neocloud-market-price", "23 of 33")]
    [InlineData("neocloud-deal-price", "23 of 33")]
    public void Each_named_reading_checks_on_its_own_scenario_without_a_binding_bound(string reading, string met)
    {
        var r = Cli.Run("calibrate", "--check", "--spec", Spec(reading), "--scenario", Path.Combine(Cli.RepoRoot, "data", "scenarios", reading + ".json"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains($"Reading '{reading}'", r.Out);
        Assert.DoesNotContain("warning:", r.Out);
        Assert.Contains($"{met} published figures within tolerance", r.Out);
    }
}
