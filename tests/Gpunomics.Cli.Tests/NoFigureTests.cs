using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>Figures without meaning for the inputs say so in their place: the maximum system price, the tornado's base.</summary>
public class NoFigureTests
{
    private static string Scenario(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public void A_one_month_contract_has_no_maximum_system_price_rather_than_a_negative_one()
    {
        var file = Scenario("""{ "contract": { "termMonths": 1 } }""");
        try
        {
            var r = Cli.Run("chart", "gb300-nvl72", "--scenario", file, "--json");
            Assert.True(r.ExitCode == 0, r.Err);
            var j = JsonDocument.Parse(r.Out).RootElement;
            Assert.Equal(JsonValueKind.Null, j.GetProperty("maxSystemPriceMultiplier").ValueKind);
            Assert.Contains("below the floor with the system sold at component cost", j.GetProperty("maxSystemPriceNote").GetString());
            var table = Cli.Run("chart", "gb300-nvl72", "--scenario", file);
            Assert.DoesNotContain("x-", table.Out);
            Assert.Contains("no maximum system price", table.Out);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Where_the_ceiling_clears_the_floor_at_cost_the_maximum_is_given_and_its_floor_is_the_ceiling()
    {
        var j = JsonDocument.Parse(Cli.Run("chart", "vr-nvl72", "--json").Out).RootElement;
        Assert.True(j.GetProperty("maxSystemPriceMultiplier").GetDouble() > 1);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("maxSystemPriceNote").ValueKind);
        var m = j.GetProperty("maxSystemPriceMultiplier").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var floor = JsonDocument.Parse(Cli.Run("floor", "vr-nvl72", "--system-price-multiplier", m, "--json").Out).RootElement.GetProperty("floorPrice").GetDouble();
        Assert.Equal(j.GetProperty("ceiling").GetDouble(), floor, 6);
    }

    [Fact]
    public void A_tornado_without_a_return_at_base_draws_no_base_irr()
    {
        var file = Scenario("""{ "contract": { "prepayShare": 0.75 } }""");
        var svg = Path.Combine(Path.GetTempPath(), $"tornado-{Guid.NewGuid():N}.svg");
        try
        {
            var r = Cli.Run("sensitivity", "gb300-nvl72", "--scenario", file, "--out", svg);
            Assert.True(r.ExitCode == 0, r.Err);
            var text = File.ReadAllText(svg);
            Assert.DoesNotContain("base IRR 0.0%", text);
            Assert.Contains("no return at base", text);
        }
        finally
        {
            File.Delete(file);
            File.Delete(svg);
        }
    }

    [Fact]
    public void A_frontier_over_a_file_with_an_unreadable_row_says_it_left_it_out()
    {
        var text = File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "serving", "inferencex-dsr1.json"));
        var i = text.IndexOf("\"tputPerGpu\": ", StringComparison.Ordinal);
        var j = text.IndexOf(',', i);
        var file = Scenario(text[..i] + "\"tputPerGpu\": NaN" + text[j..]);
        try
        {
            var r = Cli.Run("inferencex", "frontier", file, "--hardware", "b200");
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains("note: 1 row(s) of the file could not be read and are left out", r.Out);
            var j2 = JsonDocument.Parse(Cli.Run("inferencex", "frontier", file, "--hardware", "b200", "--json").Out).RootElement;
            Assert.Equal(1, j2.GetProperty("rowsSkipped").GetInt32());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_wide_table_keeps_each_figure_on_one_line()
    {
        var r = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "200", "--distribution", "hurdle=-0.99");
        Assert.True(r.ExitCode == 0, r.Err);
        var npvRow = r.Out.Split('\n').Single(l => l.Contains("NPV at hurdle", StringComparison.Ordinal));
        Assert.Matches(@"\$\d{1,3}(,\d{3})+ ", npvRow);
        Assert.DoesNotMatch(@"\$[\d,]*,\d{1,2} ", npvRow);
    }
}
