using System.Globalization;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>A project loan of another shape through 'project', 'floor' and 'export'.</summary>
public sealed class ProjectFinanceCommandTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    private string Scenario(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gpunomics-loan-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        _files.Add(file);
        return file;
    }

    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private const string Sculpted = """{ "debt": { "minDscr": 1.3, "repayment": "sculpted", "targetDscr": 1.3, "credit": "non-investment-grade" } }""";

    [Fact]
    public void A_sculpted_loan_sized_to_its_target_shows_that_dscr_in_every_repayment_month()
    {
        var debt = Json("project", "gb300-nvl72", "--price", "3.5", "--scenario", Scenario(Sculpted)).GetProperty("debt");
        Assert.Equal(1.3, debt.GetProperty("minDscr").GetDouble(), 9);
        Assert.Equal(1.3, debt.GetProperty("averageDscr").GetDouble(), 9);
        Assert.Equal(Math.Pow(1 + (0.0415 + 0.13) / 12, 12) - 1, debt.GetProperty("annualRate").GetDouble(), 12);
        Assert.Contains("8-K of 2 October 2025", debt.GetProperty("rateBasis").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, debt.GetProperty("balloon").GetDouble());
        Assert.Equal("no covenant set", debt.GetProperty("covenants").GetProperty("outcome").GetString());
    }

    [Fact]
    public void The_floor_of_a_dscr_sized_loan_is_numeric_and_earns_the_hurdle()
    {
        var file = Scenario(Sculpted);
        var floor = Json("floor", "vr-nvl72", "--scenario", file);
        Assert.StartsWith("numeric", floor.GetProperty("method").GetString(), StringComparison.Ordinal);
        var price = floor.GetProperty("floorPrice").GetDouble().ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(0.156, Json("project", "vr-nvl72", "--price", price, "--scenario", file).GetProperty("irr").GetDouble(), 6);
    }

    // data/scenarios/vr-deal.json at the $12.25 ceiling: the 1.30x DSCR alone would lend 233% of capex, so the equity
    // would put nothing in and have no IRR; the loan is capped at the deal's 80% of capex and the equity invests.
    [Fact]
    public void The_vr_deal_at_its_ceiling_price_caps_the_dscr_loan_and_the_equity_invests_and_has_an_irr()
    {
        var scenario = Path.Combine(Cli.RepoRoot, "data", "scenarios", "vr-deal.json");
        var project = Json("project", "vr-nvl72", "--price", "12.25", "--scenario", scenario);
        var debt = project.GetProperty("debt");
        var capex = project.GetProperty("capexPerGpu").GetDouble();
        Assert.Equal(0.80 * capex, debt.GetProperty("loan").GetDouble(), 6);
        Assert.Equal(0.80 * capex, debt.GetProperty("sizingCap").GetDouble(), 6);
        Assert.True(debt.GetProperty("capBinds").GetBoolean());
        Assert.Contains("capped", debt.GetProperty("sizing").GetString(), StringComparison.Ordinal);
        // At the deal's own $5 the DSCR binds below the cap (the README's worked example).
        var at5 = Json("project", "vr-nvl72", "--price", "5", "--scenario", scenario).GetProperty("debt");
        Assert.False(at5.GetProperty("capBinds").GetBoolean());
        Assert.True(at5.GetProperty("loan").GetDouble() < 0.80 * capex);
        Assert.Contains("the DSCR binds", at5.GetProperty("sizing").GetString(), StringComparison.Ordinal);
        // The equity pays a quarter of the capex over the draw months, and its IRR is the rate at which its flows' NPV is zero.
        var net = project.GetProperty("schedule").EnumerateArray().Select(m => m.GetProperty("net").GetDouble()).ToArray();
        Assert.True(net.Take(3).All(x => x < 0), "the equity invests in the draw months");
        Assert.True(project.GetProperty("irr").ValueKind == JsonValueKind.Number, project.ToString());
        var monthly = Math.Pow(1 + project.GetProperty("irr").GetDouble(), 1.0 / 12) - 1;
        var npv = net.Select((x, m) => x / Math.Pow(1 + monthly, m)).Sum();
        Assert.True(Math.Abs(npv) < 1e-6 * capex, $"NPV at the IRR: {npv}");
        var table = Cli.Run("project", "vr-nvl72", "--price", "12.25", "--scenario", scenario);
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("binds", table.Out, StringComparison.Ordinal);
    }

    // The vr-deal's schedule has interest of -1e-12 in its first month and a prepay credit of -0: each reads $0.00,
    // as every figure that rounds to zero, never "-$0.00".
    [Fact]
    public void A_figure_that_rounds_to_zero_is_printed_without_a_minus_sign()
    {
        var scenario = Path.Combine(Cli.RepoRoot, "data", "scenarios", "vr-deal.json");
        var table = Cli.Run("project", "vr-nvl72", "--price", "5", "--scenario", scenario, "--schedule");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("$0.00", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("-$0.00", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("-0.00%", table.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    public void A_dscr_loans_cap_outside_0_to_1_is_refused_naming_the_key(string maxLtv)
    {
        var file = Scenario($$"""{ "debt": { "minDscr": 1.3, "maxLtv": {{maxLtv}}, "rate": 0.09 } }""");
        var r = Cli.Run("project", "vr-nvl72", "--price", "5", "--scenario", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("debt.maxLtv", r.Err, StringComparison.Ordinal);
        Assert.Contains(maxLtv, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_covenant_table_names_the_first_breach()
    {
        // Straight-line value to nothing at month 60 against a bullet of 60% of capex: LTV passes 80% once the asset is worth under 75% of its cost.
        var file = Scenario("""{ "debt": { "share": 0.6, "rate": 0.09, "repayment": "balloon", "covenantMaxLtv": 0.8 } }""");
        var r = Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--scenario", file);
        Assert.True(r.ExitCode == 0, r.Err);
        // 0.6 / (1 - m / 60) > 0.8 first at m = 16 (0.6 / (44/60) = 81.8%).
        Assert.Contains("month 16: LTV 81.8% above the 80.0% maximum", r.Out, StringComparison.Ordinal);
        var first = Json("project", "gb300-nvl72", "--price", "3.5", "--scenario", file).GetProperty("debt").GetProperty("covenants").GetProperty("firstBreach");
        Assert.Equal(16, first.GetProperty("month").GetInt32());
        Assert.Equal("LTV", first.GetProperty("test").GetString());
    }

    [Fact]
    public void A_loan_within_its_covenants_reports_no_breach()
    {
        var file = Scenario("""{ "debt": { "share": 0.5, "rate": 0.09, "covenantMinDscr": 1.1, "covenantMaxLtv": 0.9 } }""");
        var r = Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--scenario", file);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("no breach", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contradiction_in_the_loan_is_a_user_error_naming_the_key()
    {
        var file = Scenario("""{ "debt": { "share": 0.5, "rate": 0.09, "targetDscr": 1.3 } }""");
        Cli.AssertUserError(Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--scenario", file), "debt.targetDscr", "sculpted");
    }

    [Fact]
    public void A_contract_term_too_short_for_the_interest_only_months_is_a_user_error()
    {
        var file = Scenario("""{ "debt": { "share": 0.5, "rate": 0.09, "interestOnlyMonths": 12 } }""");
        Cli.AssertUserError(Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--scenario", file, "--term-months", "10"), "--term-months", "first repayment month, 13");
    }

    [Fact]
    public void The_report_describes_a_dscr_sized_loan_by_its_sizing_not_as_a_share_of_capex()
    {
        var r = Cli.Run("report", "--scenario", Scenario(Sculpted));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("DSCR at least 1.30x", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("0.00% of capex", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workbook_export_lays_out_a_shaped_loan_on_its_debt_sheet()
    {
        var json = Path.Combine(Path.GetTempPath(), $"x-{Guid.NewGuid():N}.json");
        _files.Add(json);
        var r = Cli.Run("export", "gb300-nvl72", "--json-file", json, "--scenario", Scenario("""{ "debt": { "share": 0.6, "rate": 0.09, "interestOnlyMonths": 6 } }"""));
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var debt = doc.RootElement.GetProperty("sheets").GetProperty("Debt");
        Assert.Equal("Interest", debt.GetProperty("columns")[5].GetString());
    }
}
