using System.Text.Json;
using Gpunomics.AssetLife;
using Gpunomics.Catalog;
using Gpunomics.Pricing;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Tests;

/// <summary><c>project --compare-lives</c> and the asset life in a scenario file, at the level a user meets them.</summary>
public sealed class AssetLifeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gpunomics-life-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string File(string json)
    {
        var path = Path.Combine(_dir, "life.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    // The engine's figures for one life, from the shipped data, as the command should report them.
    private static (double? Irr, double Npv, int? Payback, double Floor, string Life) Engine(double years, int termMonths)
    {
        var catalog = DataFiles.LoadCatalog();
        var model = new EconomicsModel(catalog, DataFiles.LoadScenario(catalog));
        var prices = DataFiles.LoadLaunchPrices(model.Catalog);
        Assert.True(LaunchTrend.TryFit(prices, model.Catalog, model.Scenario.Ceiling.Basis, out var fit, out _));
        var withLife = new EconomicsModel(model.Catalog, model.Scenario with
        {
            AssetLife = new AssetLifeAssumptions
            {
                UsefulLifeYears = years, Trend = new ReleaseTrend(fit!, prices),
                Curve = new ReleaseForwardCurve(Market.MarketModel.Create(DataFiles.LoadMarketObservations(catalog, prices), catalog, prices, fit)),
            },
        });
        var terms = model.Scenario.Contract with { TermMonths = termMonths };
        var r = withLife.Project("h100", 2.5, terms);
        return (r.Irr, r.Npv, r.PaybackMonth, withLife.Floor("h100", terms: terms), withLife.ProjectInputs("h100", 2.5, terms).Life!.Description);
    }

    [Fact]
    public void Compare_lives_gives_each_life_its_irr_npv_payback_and_floor_and_says_what_it_assumes()
    {
        var r = Cli.Run("--json", "project", "h100", "--price", "2.5", "--term-months", "36", "--compare-lives", "4", "5", "6");
        Assert.True(r.ExitCode == 0, r.Err);
        var lives = JsonDocument.Parse(r.Out).RootElement.GetProperty("lives");
        Assert.Equal(3, lives.GetArrayLength());
        foreach (var (row, years) in lives.EnumerateArray().Zip([4, 5, 6]))
        {
            var e = Engine(years, 36);
            Assert.Equal(years, row.GetProperty("usefulLifeYears").GetDouble());
            Assert.Equal(e.Irr!.Value, row.GetProperty("irr").GetDouble(), 12);
            Assert.Equal(e.Npv, row.GetProperty("npv").GetDouble(), 6);
            Assert.Equal(e.Payback, row.GetProperty("paybackMonth").GetInt32());
            Assert.Equal(e.Floor, row.GetProperty("floorPrice").GetDouble(), 12);
            Assert.Equal(e.Life, row.GetProperty("assetLife").GetString());
            Assert.StartsWith($"over a {years}-year life: 36-month contract, then re-leased for {12 * years - 36} months at $", e.Life);
        }
        // A longer life re-leases longer: a lower floor.
        var floors = lives.EnumerateArray().Select(x => x.GetProperty("floorPrice").GetDouble()).ToList();
        Assert.True(floors[0] > floors[1] && floors[1] > floors[2], string.Join(", ", floors));

        var table = Cli.Run("project", "h100", "--price", "2.5", "--term-months", "36", "--compare-lives", "4", "5", "6");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("by useful life", table.Out);
        Assert.Contains(Tables(Engine(6, 36).Floor), table.Out);
        Assert.Contains("Re-leases and spot hours priced by: forward-curve", table.Out);
        Assert.Equal("forward-curve", JsonDocument.Parse(r.Out).RootElement.GetProperty("releasePriceSource").GetString());
        Assert.All(lives.EnumerateArray(), x => Assert.Equal("forward-curve", x.GetProperty("releasePriceSource").GetString()));
    }

    /// <summary>The reported case: an H100 on a 3-year contract re-let for years 4 to 6 at $4.42 (the launch trend, about twice the 1-year contract index); the forward curve prices it from the market.</summary>
    [Fact]
    public void An_h100_re_let_after_a_three_year_contract_is_priced_by_the_forward_curve_and_says_so()
    {
        var path = File("""{ "contract": { "termMonths": 36 }, "assetLife": { "usefulLifeYears": 6 } }""");
        var r = Cli.Run("--json", "project", "h100", "--price", "2", "--scenario", path);
        Assert.True(r.ExitCode == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("forward-curve", json.GetProperty("releasePriceSource").GetString());
        Assert.Contains("then re-leased for 36 months at $3.33 to $2.33/GPU-hour (on-demand forward curve: $6.20 at month 0 (2022-11-15, age 0.00), -16.3% a year of age)",
            json.GetProperty("assetLife").GetString());

        var trend = File("""{ "contract": { "termMonths": 36 }, "assetLife": { "usefulLifeYears": 6, "releasePriceSource": "launch-trend" } }""");
        var t = Cli.Run("--json", "project", "h100", "--price", "2", "--scenario", trend);
        Assert.True(t.ExitCode == 0, t.Err);
        var tj = JsonDocument.Parse(t.Out).RootElement;
        Assert.Equal("launch-trend", tj.GetProperty("releasePriceSource").GetString());
        Assert.Contains("then re-leased for 36 months at $4.42 to $2.59/GPU-hour (launch trend", tj.GetProperty("assetLife").GetString());
        // The curve's lower re-lease prices lower the whole life's NPV.
        Assert.True(json.GetProperty("npv").GetDouble() < tj.GetProperty("npv").GetDouble());

        var path2 = File("""{ "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, 3, 3, 3, 3, 2] } }""");
        var p = Cli.Run("--json", "project", "h100", "--price", "2", "--scenario", path2);
        Assert.Equal("price-path", JsonDocument.Parse(p.Out).RootElement.GetProperty("releasePriceSource").GetString());

        var bad = Cli.Run("project", "h100", "--price", "2", "--scenario", File("""{ "assetLife": { "usefulLifeYears": 6, "releasePriceSource": "curve" } }"""));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("assetLife.releasePriceSource", bad.Err + bad.Out);
    }

    private static string Tables(double floor) => floor.ToString("$#,##0.0000", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_life_shorter_than_the_contract_has_no_figure_and_says_why()
    {
        var r = Cli.Run("--json", "project", "h100", "--price", "2.5", "--compare-lives", "4", "6");
        Assert.True(r.ExitCode == 0, r.Err);
        var four = JsonDocument.Parse(r.Out).RootElement.GetProperty("lives")[0];
        Assert.Equal(JsonValueKind.Null, four.GetProperty("irr").ValueKind);
        Assert.Equal(JsonValueKind.Null, four.GetProperty("floorPrice").ValueKind);
        Assert.Contains("ends before the first contract does (month 60", four.GetProperty("noResult").GetString());
        var table = Cli.Run("project", "h100", "--price", "2.5", "--compare-lives", "4", "6");
        Assert.Contains("no figure: assetLife.usefulLifeYears: a 4-year life (48 months) ends before the first contract", table.Out);
    }

    [Fact]
    public void A_scenario_with_a_price_path_gives_project_and_floor_over_the_whole_life()
    {
        var path = File("""{ "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, 3, 3, 3, 3, 1.5], "releaseUtilization": 0.7 } }""");
        var p = Cli.Run("--json", "--scenario", path, "project", "h100", "--price", "2.5");
        Assert.True(p.ExitCode == 0, p.Err);
        var project = JsonDocument.Parse(p.Out).RootElement;
        Assert.Equal("over a 6-year life: 60-month contract, then re-leased for 12 months at $1.50/GPU-hour (price path), 70% billed, sold at month 72 for 10% of capex",
            project.GetProperty("assetLife").GetString());
        Assert.Equal(73, project.GetProperty("schedule").GetArrayLength());
        Assert.Contains("asset life", Cli.Run("--scenario", path, "project", "h100", "--price", "2.5").Out);
        var f = Cli.Run("--json", "--scenario", path, "floor", "h100");
        Assert.True(f.ExitCode == 0, f.Err);
        var j = JsonDocument.Parse(f.Out).RootElement;
        Assert.StartsWith("over a 6-year life", j.GetProperty("assetLife").GetString());
        var without = JsonDocument.Parse(Cli.Run("--json", "floor", "h100").Out).RootElement;
        Assert.False(without.TryGetProperty("assetLife", out _));
        Assert.True(j.GetProperty("floorPrice").GetDouble() < without.GetProperty("floorPrice").GetDouble());
    }

    [Fact]
    public void The_one_chart_says_which_life_its_floors_assume()
    {
        var path = File("""{ "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, 3, 3, 3, 3, 2] } }""");
        var chart = JsonDocument.Parse(Cli.Run("--json", "--scenario", path, "chart", "h100").Out).RootElement;
        Assert.StartsWith("over a 6-year life: 60-month contract, then re-leased for 12 months at $2.00", chart.GetProperty("assetLife").GetString());
        var floor = JsonDocument.Parse(Cli.Run("--json", "--scenario", path, "floor", "h100").Out).RootElement;
        Assert.Equal(floor.GetProperty("floorPrice").GetDouble(), chart.GetProperty("floorPrice").GetDouble(), 9);
        Assert.False(JsonDocument.Parse(Cli.Run("--json", "chart", "h100").Out).RootElement.TryGetProperty("assetLife", out _));
    }

    [Fact]
    public void Monte_carlo_and_sensitivity_run_over_the_scenario_s_asset_life_and_say_which_source_priced_it()
    {
        var path = File("""{ "contract": { "termMonths": 36 }, "assetLife": { "usefulLifeYears": 6 } }""");
        var project = JsonDocument.Parse(Cli.Run("--json", "--scenario", path, "project", "h100", "--price", "2").Out).RootElement;
        // No distribution: every scenario is the scenario's whole-life project.
        var mc = Cli.Run("--json", "--scenario", path, "montecarlo", "h100", "--price", "2", "--scenarios", "100");
        Assert.True(mc.ExitCode == 0, mc.Err);
        var m = JsonDocument.Parse(mc.Out).RootElement;
        Assert.Equal(project.GetProperty("npv").GetDouble(), m.GetProperty("npvPercentiles").GetProperty("mean").GetDouble(), 6);
        Assert.Equal(project.GetProperty("irr").GetDouble(), m.GetProperty("irrPercentiles").GetProperty("p50").GetDouble(), 9);
        Assert.Equal(project.GetProperty("assetLife").GetString(), m.GetProperty("assetLife").GetString());
        Assert.Equal("forward-curve", m.GetProperty("releasePriceSource").GetString());
        // A longer drawn life, at re-lease prices above the operating cost, raises the NPV.
        var longer = JsonDocument.Parse(Cli.Run("--json", "--scenario", path, "montecarlo", "h100", "--price", "2", "--scenarios", "100",
            "--distribution", "assetLife.usefulLifeYears=7").Out).RootElement;
        Assert.True(longer.GetProperty("npvPercentiles").GetProperty("mean").GetDouble() > m.GetProperty("npvPercentiles").GetProperty("mean").GetDouble());

        var table = Cli.Run("--scenario", path, "sensitivity", "h100", "--price", "2", "--vary", "assetLife.usefulLifeYears", "residualCurveMultiplier");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("assetLifeYears", table.Out);
        Assert.Contains("re-leases priced by: forward-curve", table.Out);

        // Keys that do not act are refused, naming the key and why.
        Cli.AssertUserError(Cli.Run("--scenario", path, "montecarlo", "h100", "--distribution", "residual=uniform(0,0.2)"), "residualCurveMultiplier");
        Cli.AssertUserError(Cli.Run("montecarlo", "h100", "--distribution", "assetLife.usefulLifeYears=uniform(5,7)"), "assetLife.usefulLifeYears", "acts only with an asset life");
        Cli.AssertUserError(Cli.Run("--scenario", path, "montecarlo", "h100", "--distribution", "assetLife.usefulLifeYears=uniform(1,4)"), "ends before the first contract");
    }

    [Fact]
    public void Export_lays_out_the_whole_life_with_the_scenarios_re_lease_prices_and_the_sale()
    {
        var path = File("""{ "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, 3, 3, 2.5, 2, 1.5] } }""");
        var json = Path.Combine(_dir, "book.json");
        var r = Cli.Run("--scenario", path, "export", "h100", "--price", "2.5", "--json-file", json);
        Assert.True(r.ExitCode == 0, r.Err);
        var sheets = JsonDocument.Parse(System.IO.File.ReadAllText(json)).RootElement.GetProperty("sheets");
        // The schedule runs to month 72, where the sale comes in; the re-lease prices are the scenario's path.
        var months = sheets.GetProperty("CashFlows").GetProperty("rows");
        var project = Cli.Run("--scenario", path, "project", "h100", "--price", "2.5", "--json");
        Assert.True(project.ExitCode == 0, project.Err);
        var schedule = JsonDocument.Parse(project.Out).RootElement.GetProperty("schedule");
        Assert.Equal(73, schedule.GetArrayLength());
        Assert.True(schedule[72].GetProperty("residual").GetDouble() > 0);
        Assert.Equal(schedule[72].GetProperty("residual").GetDouble(), months[72][6].GetDouble(), 9);
        Assert.Equal(schedule[72].GetProperty("net").GetDouble(), months[72][7].GetDouble(), 9);
        Assert.Equal(0, months[73][6].GetDouble());
        var prices = sheets.GetProperty("AssetLife").GetProperty("rows");
        Assert.Equal(2.5, prices[3][1].GetDouble());
        Assert.Contains("releasePricesPerGpuHour[3]", prices[3][2].GetString(), StringComparison.Ordinal);
    }

    // The deal the README shows: it exports through the command line, the launch trend attached to price its re-leases.
    [Fact]
    public void The_vr_deal_scenario_exports_its_life_and_its_dscr_sized_loan_with_the_projects_equity_irr()
    {
        var scenario = Path.Combine(Cli.RepoRoot, "data", "scenarios", "vr-deal.json");
        var json = Path.Combine(_dir, "deal.json");
        var r = Cli.Run("--scenario", scenario, "export", "vr-nvl72", "--price", "5", "--json-file", json);
        Assert.True(r.ExitCode == 0, r.Err);
        var project = Cli.Run("--scenario", scenario, "project", "vr-nvl72", "--price", "5", "--json");
        Assert.True(project.ExitCode == 0, project.Err);
        var irr = JsonDocument.Parse(project.Out).RootElement.GetProperty("irr").GetDouble();
        var sheets = JsonDocument.Parse(System.IO.File.ReadAllText(json)).RootElement.GetProperty("sheets");
        var returns = sheets.GetProperty("Returns").GetProperty("rows").EnumerateArray().ToList();
        var irrRow = returns.Single(x => x[0].GetString() == "Equity IRR, annual effective");
        Assert.Equal(irr, irrRow[1].GetDouble(), 12);
        var debt = sheets.GetProperty("Debt").GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(debt, x => x.GetArrayLength() > 22 && x[21].ValueKind == JsonValueKind.String && x[21].GetString() == "Sizing holds: lowest DSCR at least the minimum?" && x[22].GetString() == "yes");
        Assert.True(sheets.TryGetProperty("AssetLife", out _));
    }

    [Fact]
    public void A_price_path_too_short_for_the_life_is_a_user_error()
    {
        var path = File("""{ "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, 2] } }""");
        Cli.AssertUserError(Cli.Run("--scenario", path, "project", "h100", "--price", "2.5"), "assetLife.releasePricesPerGpuHour: ", "gives 2 year(s)", "6-year life");
    }

    [Fact]
    public void A_life_ending_before_the_contract_is_a_user_error_naming_the_key_and_the_least_life()
    {
        var path = File("""{ "contract": { "termMonths": 60, "setupMonths": 2 }, "assetLife": { "usefulLifeYears": 5.1 } }""");
        Cli.AssertUserError(Cli.Run("--scenario", path, "project", "h100", "--price", "2.5"),
            "assetLife.usefulLifeYears: a 5.1-year life (61 months) ends before the first contract does (month 62", "allowed: at least 5.17 years");
    }

    [Fact]
    public void Compare_shows_the_asset_life_as_a_difference_and_each_scenario_over_its_own_life()
    {
        var path = File("""{ "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, 3, 3, 3, 3, 2] } }""");
        var none = Path.Combine(_dir, "none.json");
        System.IO.File.WriteAllText(none, "{ }");
        var r = Cli.Run("--json", "compare", none, path, "--system", "h100");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("assetLife.usefulLifeYears", r.Out);
        Assert.Contains("assetLife.releasePricesPerGpuHour", r.Out);
    }

    [Fact]
    public void A_life_out_of_range_names_the_flag()
    {
        Cli.AssertUserError(Cli.Run("project", "h100", "--price", "2.5", "--compare-lives", "0"), "--compare-lives", "(0, 30]");
    }
}
