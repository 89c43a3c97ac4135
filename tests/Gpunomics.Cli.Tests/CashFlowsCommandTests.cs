using System.Globalization;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>
/// <c>gpunomics cashflows</c>: files and standard input, the figures against the corpus's 50-digit references
/// (tests/Gpunomics.Engine.Tests/Data/cashflows-corpus.json), and every way the input can be wrong.
/// </summary>
public sealed class CashFlowsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gpunomics-cashflows-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly Lazy<JsonDocument> Corpus = new(() =>
        JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Cli.RepoRoot, "tests", "Gpunomics.Engine.Tests", "Data", "cashflows-corpus.json"))));

    private static JsonElement Set(string name) => Corpus.Value.RootElement.GetProperty("sets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private static string Column(JsonElement set) => string.Join("\n", set.GetProperty("flows").EnumerateArray().Select(e => e.GetDouble().ToString("R", CultureInfo.InvariantCulture)));

    private static string Rows(JsonElement set) => "date,amount\n" + string.Join("\n", set.GetProperty("dated").EnumerateArray().Select(e =>
        $"{e.GetProperty("date").GetString()},{e.GetProperty("amount").GetDouble().ToString("R", CultureInfo.InvariantCulture)}"));

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Json(Cli.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static double Reference(JsonElement set, string key, int index = 0) =>
        set.GetProperty("reference").GetProperty(key) is { ValueKind: JsonValueKind.Array } a ? a[index].GetDouble() : set.GetProperty("reference").GetProperty(key).GetDouble();

    [Fact]
    public void Xirr_and_xnpv_of_the_spreadsheet_example_from_standard_input_match_the_reference()
    {
        var set = Set("spreadsheet XIRR/XNPV documentation example");
        var xirr = Json(Cli.RunWithInput(Rows(set), "cashflows", "xirr", "--json"));
        Assert.Equal(Reference(set, "roots"), xirr.GetProperty("xirr").GetProperty("rate").GetDouble(), 1e-12);
        var xnpv = Json(Cli.RunWithInput(Rows(set), "cashflows", "xnpv", "-", "--rate", "9%", "--json"));
        Assert.Equal(Reference(set, "npv"), xnpv.GetProperty("xnpv").GetProperty("value").GetDouble(), 1e-8);
        var table = Cli.RunWithInput(Rows(set), "cashflows", "xirr");
        Assert.Contains("37.3363%", table.Out);
    }

    [Fact]
    public void A_long_monthly_file_gives_the_reference_irr_per_period_and_annual_npv_mirr_and_payback()
    {
        var set = Set("50-year monthly annuity (601 flows)");
        var path = File("long.csv", "amount\n" + Column(set));
        var irr = Json(Cli.Run("cashflows", "irr", path, "--json")).GetProperty("irr");
        var perPeriod = Reference(set, "roots");
        Assert.Equal(perPeriod, irr.GetProperty("ratePerPeriod").GetDouble(), 1e-12);
        Assert.Equal(Reference(set, "annualRoots"), irr.GetProperty("rate").GetDouble(), 1e-10);
        Assert.Equal(JsonValueKind.Null, irr.GetProperty("note").ValueKind);
        var npv = Json(Cli.Run("cashflows", "npv", path, "--rate", "0.1", "--json"));
        Assert.Equal(Reference(set, "npv"), npv.GetProperty("npv").GetProperty("value").GetDouble(), 1e-6);
        var mirr = Json(Cli.Run("cashflows", "mirr", path, "--rate", "0.1", "--json"));
        Assert.Equal(Reference(set, "mirrPerPeriod"), mirr.GetProperty("mirr").GetProperty("ratePerPeriod").GetDouble(), 1e-12);
        var payback = Json(Cli.Run("cashflows", "payback", path, "--json"));
        Assert.Equal(set.GetProperty("reference").GetProperty("paybackPeriod").GetInt32(), payback.GetProperty("payback").GetProperty("period").GetInt32());
    }

    [Fact]
    public void Borrowing_type_flows_give_a_borrowing_rate_not_a_return()
    {
        var set = Set("loan received then repaid");
        var r = Cli.Run("cashflows", "irr", File("loan.csv", Column(set)));
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"IRR \(annual effective\) +│ none: NPV rises with the rate", r.Out);
        Assert.Contains("borrowing rate (annual)", r.Out);
        var json = Json(Cli.Run("cashflows", "irr", File("loan.json", "[" + Column(set).Replace('\n', ',') + "]"), "--json")).GetProperty("irr");
        Assert.Equal(JsonValueKind.Null, json.GetProperty("rate").ValueKind);
        Assert.Equal(Reference(set, "roots"), json.GetProperty("borrowingRatePerPeriod").GetDouble(), 1e-12);
    }

    [Fact]
    public void Several_roots_are_listed_and_a_hurdle_that_contradicts_the_chosen_return_withdraws_it()
    {
        var set = Set("two roots 10% and 20%");
        var path = File("two.csv", Column(set));
        var chosen = Json(Cli.Run("cashflows", "irr", path, "--periods-per-year", "1", "--json")).GetProperty("irr");
        Assert.Equal(0.2, chosen.GetProperty("rate").GetDouble(), 1e-12);
        Assert.Equal(2, chosen.GetProperty("roots").GetArrayLength());
        // Below the lower root NPV is negative, so "20% beats a 5% hurdle" would contradict it.
        var contradicted = Json(Cli.Run("cashflows", "irr", path, "--periods-per-year", "1", "--rate", "5%", "--json")).GetProperty("irr");
        Assert.Equal(JsonValueKind.Null, contradicted.GetProperty("rate").ValueKind);
        Assert.Contains("would contradict", contradicted.GetProperty("note").GetString());
    }

    [Fact]
    public void Deep_loss_and_irregular_dates_match_the_reference()
    {
        foreach (var name in new[] { "dated deep loss over 20 days", "random irregular dated 4 (8 rows)", "random irregular dated 9 (33 rows)" })
        {
            var set = Set(name);
            var xirr = Json(Cli.Run("cashflows", "xirr", File("d.csv", Rows(set)), "--json")).GetProperty("xirr");
            var u = double.Parse(set.GetProperty("reference").GetProperty("logRoots").EnumerateArray().Last().GetString()!, CultureInfo.InvariantCulture);
            var got = xirr.GetProperty("roots")[xirr.GetProperty("roots").GetArrayLength() - 1].GetDouble();
            Assert.True(Math.Abs(Math.Log(1 + got) - u) <= 1e-9 * Math.Max(1, Math.Abs(u)), $"{name}: {got}");
        }
    }

    [Fact]
    public void An_xirr_within_1e_7_of_minus_100_percent_a_year_is_given_per_day_not_as_minus_100_percent()
    {
        // 10.75% of the money back after 23 days: -9.24% a day, 1 + XIRR about 4e-16, which a double holds to no digit.
        var r = Json(Cli.RunWithInput("2029-05-08,-604526.1525423729\n2029-05-31,65002.812101330426\n", "cashflows", "xirr", "--json")).GetProperty("xirr");
        Assert.Equal(JsonValueKind.Null, r.GetProperty("rate").ValueKind);
        Assert.Contains("the rate, -9.24051% per day, has an annual equivalent within 1e-7 of -100%", r.GetProperty("note").GetString());
    }

    [Fact]
    public void Rows_out_of_date_order_and_a_date_given_twice_are_accepted_and_said()
    {
        var r = Cli.RunWithInput("2009-04-01,2750\n2008-01-01,-10000\n2008-01-01,0\n", "cashflows", "xirr");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("not in date order", r.Out);
        Assert.Contains("discounted to the earliest date, 2008-01-01", r.Out);
        Assert.Contains("the amounts of one date are added", r.Out);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_file_row_field_value_and_what_is_allowed()
    {
        var path = File("bad.csv", "date,amount\n2024-01-01,-100\n2024-02-30,50\n2024-03-01,12%\n2024-04-01\n2024-05-01,1e20\n");
        var r = Cli.Run("cashflows", "xirr", path);
        Cli.AssertUserError(r, "4 problems", "bad.csv: row 3: date: '2024-02-30'", "bad.csv: row 4: amount: '12%'", "bad.csv: row 5: row:", "bad.csv: row 6: amount: '1e20'", "YYYY-MM-DD", "from -1e15 to 1e15");
    }

    [Theory]
    [InlineData("", "holds no cash flows")]
    [InlineData("amount\n", "holds no cash flows")]
    [InlineData("[1, \"2\"]", "row 2: amount")]
    public void Empty_or_malformed_input_is_a_user_error(string stdin, string message) =>
        Cli.AssertUserError(Cli.RunWithInput(stdin, "cashflows", "irr"), "standard input", message);

    [Theory]
    [InlineData("-100\n", "at least two cash flows are needed")]
    [InlineData("100\n200\n", "the cash flows have no outflow, so no rate makes NPV zero")]
    [InlineData("-1\n200\n", "the IRR is above 14741.31591% per period")]
    [InlineData("100\n-50\n60\n", "no rate above -100% per period makes NPV zero")]
    public void Flows_without_an_irr_say_so_in_its_place(string stdin, string message)
    {
        var table = Cli.RunWithInput(stdin, "cashflows", "irr");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("IRR (annual effective) │ none: ", table.Out);
        var irr = Json(Cli.RunWithInput(stdin, "cashflows", "irr", "--json")).GetProperty("irr");
        Assert.Equal(JsonValueKind.Null, irr.GetProperty("rate").ValueKind);
        Assert.Contains(message, irr.GetProperty("note").GetString());
    }

    [Fact]
    public void A_column_given_to_xirr_or_dated_rows_given_to_irr_name_the_other_command()
    {
        Cli.AssertUserError(Cli.Run("cashflows", "xirr", Path.Combine(Cli.RepoRoot, "docs", "examples", "cashflows-monthly.csv")), "cashflows-monthly.csv", "cashflows irr");
        Cli.AssertUserError(Cli.Run("cashflows", "irr", Path.Combine(Cli.RepoRoot, "docs", "examples", "cashflows-dated.csv")), "cashflows-dated.csv", "cashflows xirr");
        Cli.AssertUserError(Cli.Run("cashflows", "xirr", Path.Combine(Cli.RepoRoot, "docs", "examples", "cashflows-dated.csv"), "--periods-per-year", "4"), "--periods-per-year 4", "dated flows have no periods");
    }

    [Fact]
    public void Npv_needs_a_rate_and_mirr_its_two_rates()
    {
        var monthly = Path.Combine(Cli.RepoRoot, "docs", "examples", "cashflows-monthly.csv");
        Cli.AssertUserError(Cli.Run("cashflows", "npv", monthly), "--rate");
        Cli.AssertUserError(Cli.Run("cashflows", "mirr", monthly, "--finance-rate", "5%"), "--reinvest-rate");
        Cli.AssertUserError(Cli.Run("cashflows", "npv", monthly, "--rate", "-100%"), "--rate", "-99%");
    }

    [Fact]
    public void A_file_or_standard_input_past_4_MB_is_refused()
    {
        var big = string.Concat(Enumerable.Repeat("1000.00000\n", 400_000));
        Cli.AssertUserError(Cli.Run("cashflows", "irr", File("big.csv", big)), "big.csv", "more than 4 MB");
        Cli.AssertUserError(Cli.RunWithInput(big, "cashflows", "irr"), "standard input", "more than 4 MB");
        Cli.AssertUserError(Cli.Run("cashflows", "irr", Path.Combine(_dir, "missing.csv")), "missing.csv");
    }
}
