using System.Globalization;
using System.Text.Json;
using Gpunomics.MonteCarlo;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Tests;

public class RiskCommandTests
{
    private static JsonElement Json(Cli.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Montecarlo_json_has_the_contract_fields_and_is_reproducible()
    {
        string[] args = ["montecarlo", "gb300-nvl72", "--scenarios", "20000", "--seed", "11", "--json",
            "--distribution", "price=uniform(2.5,4)", "systemPriceMultiplier=triangular(0.9,1,1.4)"];
        var a = Json(Cli.Run(args));
        var b = Json(Cli.Run(args));
        Assert.Equal(20000, a.GetProperty("scenarios").GetInt64());
        var p = a.GetProperty("irrPercentiles");
        double p5 = p.GetProperty("p5").GetDouble(), p50 = p.GetProperty("p50").GetDouble(), p95 = p.GetProperty("p95").GetDouble();
        Assert.True(p5 < p50 && p50 < p95);
        var prob = a.GetProperty("probabilityAboveHurdle").GetDouble();
        Assert.InRange(prob, 0.01, 0.99);
        Assert.Equal(a.GetRawText(), b.GetRawText());
    }

    [Fact]
    public void Montecarlo_and_project_agree_at_a_price_just_above_the_operating_cost()
    {
        // Without prepayment the rent net of opex is 730 x (price - opex) a month: 5e-8 above the operating cost it is
        // $3.65e-5 on about $86k of capex, an IRR near -98% a year (Monte Carlo reported -100.00%).
        var opex = Json(Cli.Run("project", "gb300-nvl72", "--price", "3", "--json")).GetProperty("operatingCostPerHour").GetDouble();
        var price = (opex + 5e-8).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var irr = Json(Cli.Run("project", "gb300-nvl72", "--price", price, "--prepay", "0", "--json")).GetProperty("irr").GetDouble();
        Assert.InRange(irr, -0.99, -0.95);
        var mc = Json(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "1000", "--price", price, "--distribution", "prepay=0", "--json"));
        var p = mc.GetProperty("irrPercentiles");
        Assert.Equal(1000, p.GetProperty("count").GetInt64());
        Assert.Equal(irr, p.GetProperty("min").GetDouble(), 1e-9);
        Assert.Equal(irr, p.GetProperty("max").GetDouble(), 1e-9);
        Assert.Equal(irr, p.GetProperty("p50").GetDouble(), Math.Abs(irr) * mc.GetProperty("percentileRelativeAccuracy").GetDouble());
    }

    [Fact]
    public void Montecarlo_percentiles_stay_right_when_a_few_irrs_are_huge()
    {
        // Prices up to $13 bring a few scenarios whose prepayment nearly covers the capex: IRRs in the
        // billions of percent. These once stretched the histogram until p5 = p25 = p50 = -85.48%.
        string[] args = ["montecarlo", "gb300-nvl72", "--scenarios", "20000", "--distribution", "price=uniform(1,13)"];
        var json = Json(Cli.Run([.. args, "--json"]));

        // The same seed's scenarios, one by one from the engine, sorted: the exact nearest-rank percentiles.
        var catalog = DataFiles.LoadCatalog();
        var model = new EconomicsModel(catalog, DataFiles.LoadScenario(catalog));
        var setup = MonteCarloSetup.For(model, "gb300-nvl72", json.GetProperty("basePrice").GetDouble()) with
        {
            Distributions = new Dictionary<string, Distribution> { ["price"] = Distribution.Parse("uniform(1,13)") },
        };
        var irr = MonteCarloSimulation.Outcomes(setup, 20000, 1).Where(o => o.Irr is not null).Select(o => o.Irr!.Value).Order().ToArray();
        Assert.True(irr[^1] > 1e6, "the case needs its huge IRRs");
        double Exact(int percent) => irr[(irr.Length * percent + 99) / 100 - 1];

        var accuracy = json.GetProperty("percentileRelativeAccuracy").GetDouble();
        Assert.InRange(accuracy, 1e-6, 1e-3);
        var p = json.GetProperty("irrPercentiles");
        foreach (var percent in new[] { 5, 10, 25, 50, 75, 90, 95 })
        {
            var got = p.GetProperty($"p{percent}").GetDouble();
            Assert.True(Math.Abs(got - Exact(percent)) <= accuracy * Math.Abs(Exact(percent)), $"p{percent}: {got:R}, exact {Exact(percent):R}");
        }
        Assert.Equal(irr.Length, p.GetProperty("count").GetInt64());
        Assert.Equal(20000 - irr.Length, json.GetProperty("scenariosWithoutIrr").GetInt64());
        // About 79.5% of scenarios beat the 15.6% hurdle, so it lies between p5 and p25.
        var hurdle = json.GetProperty("hurdle").GetDouble();
        Assert.InRange(json.GetProperty("probabilityAboveHurdle").GetDouble(), 0.75, 0.95);
        Assert.True(p.GetProperty("p5").GetDouble() < hurdle && hurdle < p.GetProperty("p25").GetDouble());

        // The table prints the same percentiles, the accuracy and the scenarios left out.
        var table = Cli.Run(args);
        Assert.True(table.ExitCode == 0, table.Err);
        foreach (var percent in new[] { 5, 25, 50, 75, 95 })
            Assert.Contains(p.GetProperty($"p{percent}").GetDouble().ToString("0.00%", CultureInfo.InvariantCulture), table.Out, StringComparison.Ordinal);
        Assert.Contains("within ±0.0488% (relative)", table.Out, StringComparison.Ordinal);
        Assert.Contains($"over the {irr.Length:N0} scenarios with an IRR that is a return; none in {20000 - irr.Length:N0}", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Montecarlo_says_which_percentiles_too_few_scenarios_cannot_give()
    {
        var table = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "10", "--distribution", "price=uniform(3,4)");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("too few", table.Out, StringComparison.Ordinal);
        Assert.Contains("20 for p5 and p95", table.Out, StringComparison.Ordinal);
        var json = Json(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "10", "--distribution", "price=uniform(3,4)", "--json"));
        var p = json.GetProperty("irrPercentiles");
        Assert.Equal(JsonValueKind.Null, p.GetProperty("p5").ValueKind);
        Assert.Equal(JsonValueKind.Null, p.GetProperty("p95").ValueKind);
        Assert.Equal(JsonValueKind.Number, p.GetProperty("p50").ValueKind);
        Assert.Equal(JsonValueKind.Number, p.GetProperty("p10").ValueKind);

        // Rent below the operating cost: no scenario has an IRR, so there are no IRR percentiles at all.
        var none = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "100", "--distribution", "price=uniform(0.01,0.02)");
        Assert.True(none.ExitCode == 0, none.Err);
        Assert.Contains("none in 100", none.Out, StringComparison.Ordinal);
        var irrRow = none.Out.Split('\n').First(l => l.Contains("IRR (annual)", StringComparison.Ordinal));
        Assert.Contains("none", irrRow, StringComparison.Ordinal);
        Assert.DoesNotContain("%", irrRow, StringComparison.Ordinal);
    }

    [Fact]
    public void Montecarlo_writes_a_histogram_chart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mc-{Guid.NewGuid():N}.svg");
        var r = Cli.Run("montecarlo", "h100", "--scenarios", "5000", "--distribution", "price=normal(2,0.2)", "--out", file);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("<svg", File.ReadAllText(file));
        File.Delete(file);
    }

    [Theory]
    [InlineData("price=beta(1,2)", "beta")]
    [InlineData("colour=uniform(1,2)", "colour")]
    [InlineData("price", "NAME=SPEC")]
    [InlineData("price=uniform(4,2)", "a < b")]
    public void Montecarlo_bad_distribution_is_a_user_error(string spec, string mention)
    {
        var r = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "10", "--distribution", spec);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--distribution", r.Err);
        Assert.Contains(mention, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Montecarlo_bad_scenarios_and_correlation_are_user_errors()
    {
        var r = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--scenarios: 0 is out of range", r.Err);
        r = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "10", "--distribution", "price=uniform(2,3)", "--correlation", "price,hurdle=0.5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("hurdle", r.Err);
        r = Cli.Run("montecarlo", "gb300-nvl72", "--correlation", "price,hurdle=1.5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("(-1, 1)", r.Err);
    }
    [Fact]
    public void Montecarlo_on_a_scenario_key_with_a_fixed_value_prints_the_project_of_a_scenario_file_setting_that_key()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-colo-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "operations": { "colocationPerKwMonth": 150 } }""");
        try
        {
            var irr = Json(Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--scenario", file, "--json")).GetProperty("irr").GetDouble();
            var mc = Json(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "100", "--price", "3.5", "--distribution", "operations.colocationPerKwMonth=150", "--json"));
            Assert.Equal(irr, mc.GetProperty("irrPercentiles").GetProperty("p50").GetDouble(), 9);
            var tornado = Json(Cli.Run("sensitivity", "gb300-nvl72", "--price", "3.5", "--vary", "operations.colocationPerKwMonth", "finance.costOfCapital", "--json"));
            var bars = tornado.GetProperty("bars").EnumerateArray().ToList();
            Assert.Equal(["colocationPerKwMonth", "costOfCapital"], bars.Select(b => b.GetProperty("input").GetString()));
            Assert.Contains("does not enter the rental project", bars[1].GetProperty("noEffect").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("montecarlo", "--distribution", "operations.pue=uniform(0.5,1.2)", "allowed: [1, 3]")]
    [InlineData("montecarlo", "--distribution", "finance.costOfCapital=uniform(0.05,0.1)", "does not enter the rental project")]
    [InlineData("montecarlo", "--distribution", "systems.h100.storage=100", "of system 'h100'")]
    [InlineData("sensitivity", "--vary", "operations.colour", "unknown input 'operations.colour'")]
    public void A_bad_scenario_key_or_spec_is_a_user_error_naming_it(string command, string flag, string value, string mention)
    {
        var r = Cli.Run(command, "gb300-nvl72", "--scenarios", "10", flag, value);
        if (command == "sensitivity") r = Cli.Run(command, "gb300-nvl72", flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(flag, r.Err);
        Assert.Contains(mention, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

}

public class SensitivityCommandTests
{
    [Fact]
    public void Sensitivity_json_has_bars_with_input_low_high_and_floor()
    {
        var r = Cli.Run("sensitivity", "gb300-nvl72", "--range", "0.1", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var bars = System.Text.Json.JsonDocument.Parse(r.Out).RootElement.GetProperty("bars");
        // Every tornado input but the two memory ones: gb300-nvl72 has no supplier-priced memory line.
        Assert.Equal(MonteCarloSetup.TornadoInputs.Count - 2 - MonteCarloSetup.LifeInputs.Count, bars.GetArrayLength());
        var first = bars[0];
        Assert.Equal("price", first.GetProperty("input").GetString());
        Assert.True(first.GetProperty("low").GetDouble() < first.GetProperty("high").GetDouble());
        Assert.True(first.TryGetProperty("floorLow", out _) && first.TryGetProperty("floorHigh", out _));
    }

    [Fact]
    public void Sensitivity_range_out_of_bounds_is_a_user_error()
    {
        var r = Cli.Run("sensitivity", "gb300-nvl72", "--range", "1.5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--range: 1.5", r.Err);
    }
}

public class SupplyOptionTests
{
    private static double Floor(params string[] extra)
    {
        var r = Cli.Run(["floor", "gb300-nvl72", "--json", .. extra]);
        Assert.True(r.ExitCode == 0, r.Err);
        return System.Text.Json.JsonDocument.Parse(r.Out).RootElement.GetProperty("floorPrice").GetDouble();
    }

    [Fact]
    public void Network_tier_and_memory_price_move_the_floor_the_right_way()
    {
        var baseFloor = Floor();
        Assert.True(Floor("--network-tier", "hyperscaler") < baseFloor);
        Assert.True(Floor("--memory-price-per-gb", "13") > baseFloor);
        Assert.True(Floor("--memory-price-per-gb", "6.5") < baseFloor);
        Assert.Equal(baseFloor, Floor("--memory-price-per-gb", "10"), 9); // 10 $/GB is the bundled cost assumption
        var r = Cli.Run("tco", "gb300-nvl72", "--json", "--network-tier", "hyperscaler");
        Assert.Equal("hyperscaler", System.Text.Json.JsonDocument.Parse(r.Out).RootElement.GetProperty("networkTier").GetString());
        Assert.Equal(0, Cli.Run("chart", "gb300-nvl72", "--json", "--memory-price-per-gb", "13", "--memory-margin", "0.5").ExitCode);
    }

    [Theory]
    [InlineData("--network-tier", "enterprise", "enterprise")]
    [InlineData("--memory-price-per-gb", "-1", "[0, 1000]")]
    [InlineData("--memory-margin", "1.2", "--memory-margin")]
    public void Bad_supply_options_are_user_errors(string flag, string value, string mention)
    {
        var r = Cli.Run("floor", "gb300-nvl72", flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(mention, r.Err);
    }

    [Fact]
    public void Wafer_price_passes_through_to_the_floor_more_when_the_supplier_keeps_its_percentage_margin()
    {
        var baseFloor = Floor();
        string[] wafer = ["--wafer-price-change", "5000", "--dies-per-gpu", "2", "--good-dies-per-wafer", "30"];
        var percentage = Floor(wafer);
        var dollar = Floor([.. wafer, "--keep-margin", "dollar"]);
        Assert.True(dollar > baseFloor);
        Assert.True(percentage > dollar);
        // Dollar margin kept: the price rises by the cost change, $5,000 x 2 / 30 per GPU; the floor is affine in capex.
        // The multiplier scales every supplier-priced line (compute system and HBM).
        var supplierPriced = System.Text.Json.JsonDocument.Parse(Cli.Run("tco", "gb300-nvl72", "--json").Out).RootElement.GetProperty("capexLines").EnumerateArray()
            .Where(l => l.GetProperty("supplierPriced").GetBoolean()).Sum(l => l.GetProperty("perGpu").GetDouble());
        var perDollarOfCapex = (Floor("--system-price-multiplier", "1.01") - baseFloor) / (0.01 * supplierPriced);
        Assert.Equal(5000 * 2 / 30.0 * perDollarOfCapex, dollar - baseFloor, 6);
        Assert.True(Floor("--wafer-price-change", "-5000", "--dies-per-gpu", "2", "--good-dies-per-wafer", "30") < baseFloor);
    }

    [Theory]
    [InlineData("--good-dies-per-wafer")]
    [InlineData("--keep-margin")]
    public void Wafer_price_without_its_companions_is_a_user_error(string mention)
    {
        var r = mention == "--keep-margin"
            ? Cli.Run("floor", "gb300-nvl72", "--wafer-price-change", "100", "--dies-per-gpu", "2", "--good-dies-per-wafer", "30", "--keep-margin", "both")
            : Cli.Run("floor", "gb300-nvl72", "--wafer-price-change", "100", "--dies-per-gpu", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(mention, r.Err);
    }

}
