using Gpunomics.Tests.Shared;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>
/// Where the project's IRR is a borrowing rate or its cumulative cash never stays above zero, the commands say
/// so and decide the hurdle on NPV (methodology: "When IRR is not the answer", "Payback").
/// </summary>
public sealed class NoReturnCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gpunomics-noreturn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Project_with_a_prepayment_above_the_capex_reports_a_borrowing_rate_and_no_irr()
    {
        // The reported case, under the built-in scenario of the time.
        var reported = Scenario("reported.json", ReportedCases.Scenario2026_11);
        var j = Json("project", "gb300-nvl72", "--price", "3.5", "--prepay", "0.9", "--scenario", reported);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("irr").ValueKind);
        Assert.Equal(-0.2356, j.GetProperty("borrowingRate").GetDouble(), 4);
        Assert.Contains("not a return", j.GetProperty("irrNote").GetString(), StringComparison.Ordinal);
        Assert.True(j.GetProperty("npv").GetDouble() > 0);
        Assert.True(j.GetProperty("beatsHurdle").GetBoolean());

        var t = Cli.Run("project", "gb300-nvl72", "--price", "3.5", "--prepay", "0.9", "--scenario", reported);
        Assert.Equal(0, t.ExitCode);
        Assert.Contains("borrowing rate (annual)", t.Out, StringComparison.Ordinal);
        Assert.Contains("-23.56%: the cost of the money received, not a return", t.Out, StringComparison.Ordinal);
        Assert.Contains("yes: NPV at the hurdle >= 0", t.Out, StringComparison.Ordinal);
        Assert.Matches(@"project IRR \(annual\)\s*│ none: ", t.Out);
    }

    [Fact]
    public void Project_with_a_loan_that_balloons_at_the_end_never_pays_back()
    {
        var file = Scenario("balloon.json", ReportedCases.With(ReportedCases.BalloonLoan2026_11));
        var j = Json("project", "gb300-nvl72", "--price", "3", "--scenario", file);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("paybackMonth").ValueKind);
        var last = j.GetProperty("schedule").EnumerateArray().Last().GetProperty("cumulative").GetDouble();
        Assert.Equal(-9101, last, 0);
        Assert.Contains("-$9,101", j.GetProperty("paybackNote").GetString(), StringComparison.Ordinal);

        var t = Cli.Run("project", "gb300-nvl72", "--price", "3", "--scenario", file);
        Assert.Equal(0, t.ExitCode);
        Assert.Contains("never: the cumulative net cash flow ends below zero", t.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Montecarlo_at_75_percent_prepay_counts_every_scenario_with_positive_npv_as_beating_the_hurdle()
    {
        var file = Scenario("prepay.json", """{"contract":{"prepayShare":0.75}}""");
        var j = Json("montecarlo", "gb300-nvl72", "--scenario", file, "--distribution", "price=uniform(3.0,3.5)", "--scenarios", "20000");
        Assert.True(j.GetProperty("npvPercentiles").GetProperty("min").GetDouble() > 0);
        Assert.Equal(1.0, j.GetProperty("probabilityAboveHurdle").GetDouble());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("irrPercentiles").ValueKind);
        Assert.Equal(20000, j.GetProperty("scenariosWithoutIrr").GetInt64());

        var t = Cli.Run("montecarlo", "gb300-nvl72", "--scenario", file, "--distribution", "price=uniform(3.0,3.5)", "--scenarios", "20000");
        Assert.Equal(0, t.ExitCode);
        Assert.Contains("NPV at the hurdle >= 0: 100.00%", t.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", t.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_at_75_percent_prepay_draws_no_falling_curve_and_says_where_there_is_no_return()
    {
        var file = Scenario("prepay.json", """{"contract":{"prepayShare":0.75}}""");
        var j = Json("chart", "gb300-nvl72", "--scenario", file);
        Assert.Contains("not a return", j.GetProperty("note").GetString(), StringComparison.Ordinal);
        foreach (var curve in j.GetProperty("curves").EnumerateArray())
        {
            var points = curve.GetProperty("points").EnumerateArray().ToList();
            double? previous = null;
            foreach (var p in points)
            {
                if (p.GetProperty("irr").ValueKind == JsonValueKind.Null) { previous = null; continue; }
                var irr = p.GetProperty("irr").GetDouble();
                Assert.True(previous is null || irr >= previous, $"IRR falls to {irr} at {p.GetProperty("price").GetDouble()}");
                previous = irr;
            }
            // The floor is where NPV at the hurdle crosses zero.
            var floor = curve.GetProperty("floorPrice").GetDouble();
            Assert.All(points, p => Assert.Equal(p.GetProperty("price").GetDouble() >= floor, p.GetProperty("npv").GetDouble() >= 0));
        }

        var t = Cli.Run("chart", "gb300-nvl72", "--scenario", file);
        Assert.Equal(0, t.ExitCode);
        Assert.Contains("note: No project IRR where the curve has a gap", t.Out, StringComparison.Ordinal);
    }
}
