namespace Gpunomics.Cli.Tests;

/// <summary>The calibrate command's table: each shipped reading, its residuals and its binding bounds.</summary>
public class CalibrateCommandTests
{
    private static string Spec(string reading) => Path.Combine(Cli.RepoRoot, "data", "calibration", reading + ".json");

    [Fact]
    public void The_default_check_names_the_reading_and_warns_of_the_bounds_the_built_in_scenario_sits_on()
    {
        var r = Cli.Run("calibrate", "--check");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Reading 'market-price'", r.Out);
        Assert.Contains("warning: finance.costOfCapital ends on its lower bound", r.Out);
        Assert.Contains("warning: operations.colocationPerKwMonth ends on its lower bound", r.Out);
        Assert.Contains("29 of 33 published figures within tolerance", r.Out);
        Assert.DoesNotContain("-+", r.Out);
    }

    [Fact]
    public void The_deal_price_reading_meets_every_figure_with_one_bound_binding()
    {
        var r = Cli.Run("calibrate", "--check", "--spec", Spec("deal-price"), "--scenario", Path.Combine(Cli.RepoRoot, "data", "scenarios", "deal-price.json"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Reading 'deal-price'", r.Out);
        Assert.Contains("$3.16/GPU-hour", r.Out);
        Assert.Single(r.Out.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("warning: operations.maintenanceShareOfCapexPerYear ends on its lower bound", r.Out);
        Assert.Contains("33 of 33 published figures within tolerance", r.Out);
        // A residual that rounds to zero prints as 0.0, not as a signed zero.
        Assert.DoesNotContain("-+", r.Out);
    }
}
