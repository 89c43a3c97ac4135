using System.Globalization;
using System.Text.Json;

namespace Gpunomics.Cli.Tests;

/// <summary>'market' and 'forward-curve' as the user meets them, against figures computed here from the data files.</summary>
public class MarketCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    /// <summary>Each system's launch: the catalog's quarter at the 15th of its middle month, else the launch prices' date.</summary>
    private static DateTime LaunchOf(string id)
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "catalog.json")));
        var s = catalog.RootElement.GetProperty("systems").EnumerateArray().FirstOrDefault(x => x.GetProperty("id").GetString() == id);
        if (s.ValueKind == JsonValueKind.Object)
        {
            var q = s.GetProperty("launchQuarter").GetString()!;
            return new DateTime(int.Parse(q[..4], CultureInfo.InvariantCulture), 3 * (q[5] - '0') - 1, 15);
        }
        using var prices = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "launch-prices.json")));
        var row = prices.RootElement.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("system").GetString() == id);
        return DateTime.ParseExact(row.GetProperty("launchDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The shipped observations' rows of one kind of price (and, when given, without one system's rows).</summary>
    private static List<JsonElement> ShippedRows(string pricingType, string? without = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "market-observations.json")));
        return [.. doc.RootElement.GetProperty("observations").EnumerateArray()
            .Where(o => o.GetProperty("pricingType").GetString() == pricingType && o.GetProperty("system").GetString() != without)
            .Select(o => o.Clone())];
    }

    /// <summary>The decay of one kind of price of the shipped observations by hand: within-system least squares of ln price on age.</summary>
    private static double OnDemandSlopeByHand() => SlopeByHand("on-demand");

    private static double SlopeByHand(string pricingType)
    {
        var rows = ShippedRows(pricingType)
            .Select(o =>
            {
                var id = o.GetProperty("system").GetString()!;
                var text = o.GetProperty("date").GetString()!;
                var date = text.Length == 7 ? DateTime.ParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture).AddDays(14) : DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return (Id: id, X: (date - LaunchOf(id)).TotalDays / 365.25, Y: Math.Log(o.GetProperty("pricePerGpuHour").GetDouble()));
            }).ToList();
        double sxy = 0, sxx = 0;
        foreach (var g in rows.GroupBy(r => r.Id))
        {
            var mx = g.Average(r => r.X);
            var my = g.Average(r => r.Y);
            sxy += g.Sum(r => (r.X - mx) * (r.Y - my));
            sxx += g.Sum(r => (r.X - mx) * (r.X - mx));
        }
        return sxy / sxx;
    }

    [Fact]
    public void Market_json_gives_each_observation_its_age_and_the_decay_fitted_per_kind_of_price()
    {
        var j = Json("market", "--json");
        var fits = j.GetProperty("fits").EnumerateArray().ToDictionary(f => f.GetProperty("pricingType").GetString()!);
        Assert.Equal(OnDemandSlopeByHand(), fits["on-demand"].GetProperty("slopePerYear").GetDouble(), 12);
        // The shipped spot and contract rows see each system over a few months of its age: no decay per year, said so.
        foreach (var kind in new[] { "spot", "contract" })
        {
            Assert.False(fits[kind].GetProperty("fitted").GetBoolean());
            Assert.Contains("at least 12 months apart", fits[kind].GetProperty("reason").GetString());
        }
        var held = fits["on-demand"].GetProperty("heldOut");
        Assert.Equal("leave-one-out", held.GetProperty("method").GetString());
        var errors = held.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("logError").GetDouble()).ToList();
        Assert.Equal(Math.Sqrt(errors.Average(e => e * e)), held.GetProperty("rmsLogError").GetDouble(), 12);
        var h100 = j.GetProperty("systems").EnumerateArray().Single(s => s.GetProperty("system").GetString() == "h100");
        Assert.Equal("2022-11-15", h100.GetProperty("launch").GetProperty("date").GetString());
        var first = h100.GetProperty("observations")[0];
        Assert.Equal(12.29, first.GetProperty("pricePerGpuHour").GetDouble());
        Assert.Equal((new DateTime(2023, 7, 26) - new DateTime(2022, 11, 15)).TotalDays / 365.25, first.GetProperty("ageYears").GetDouble(), 12);
        Assert.StartsWith("https://", first.GetProperty("source").GetString()![first.GetProperty("source").GetString()!.IndexOf("https://", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Market_for_one_system_shows_its_observations_and_the_fits_over_all()
    {
        var j = Json("market", "--system", "H200", "--json");
        Assert.Equal("h200", Assert.Single(j.GetProperty("systems").EnumerateArray()).GetProperty("system").GetString());
        Assert.Equal(ShippedRows("on-demand").Count, j.GetProperty("fits")[0].GetProperty("n").GetInt32());
        var table = Cli.Run("market", "--system", "h100");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("h100: rental prices by age since launch", table.Out);
        Assert.DoesNotContain("h200:", table.Out);
    }

    [Fact]
    public void Forward_curve_starts_at_the_systems_own_level_and_decays_at_the_fitted_rate()
    {
        var market = Json("market", "--system", "h100", "--json");
        var own = market.GetProperty("systems")[0].GetProperty("observations").EnumerateArray()
            .Where(o => o.GetProperty("pricingType").GetString() == "on-demand")
            .Select(o => (X: o.GetProperty("ageYears").GetDouble(), Y: Math.Log(o.GetProperty("pricePerGpuHour").GetDouble()))).ToList();
        var b = OnDemandSlopeByHand();
        var c = Json("forward-curve", "h100", "--from", "2026-09-01", "--months", "12", "--json");
        Assert.Equal(13, c.GetProperty("points").GetArrayLength());
        var p0 = c.GetProperty("points")[0];
        var x0 = (new DateTime(2026, 9, 1) - new DateTime(2022, 11, 15)).TotalDays / 365.25;
        Assert.Equal(Math.Exp(own.Average(o => o.Y) + b * (x0 - own.Average(o => o.X))), p0.GetProperty("pricePerGpuHour").GetDouble(), 12);
        var p12 = c.GetProperty("points")[12];
        var x12 = p12.GetProperty("ageYears").GetDouble();
        Assert.Equal(p0.GetProperty("pricePerGpuHour").GetDouble() * Math.Exp(b * (x12 - x0)), p12.GetProperty("pricePerGpuHour").GetDouble(), 12);
        Assert.True(p0.GetProperty("low").GetDouble() < p0.GetProperty("pricePerGpuHour").GetDouble());
        Assert.True(p12.GetProperty("high").GetDouble() > p12.GetProperty("pricePerGpuHour").GetDouble());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("bandNote").ValueKind);
    }

    [Fact]
    public void Forward_curve_of_a_system_never_observed_takes_the_launch_trend_level_and_a_contract_curve_says_it_has_no_band()
    {
        var gb300 = Json("forward-curve", "gb300-nvl72", "--months", "0", "--json");
        Assert.Contains("launch trend", gb300.GetProperty("levelFrom").GetString());
        Assert.True(gb300.GetProperty("points")[0].GetProperty("high").GetDouble() > 0);
        Cli.AssertUserError(Cli.Run("forward-curve", "h100", "--pricing", "contract", "--months", "1"), "no decay with age to project", "12 months apart", "--annual-change");
    }

    /// <summary>Two contract rows of one system a year and a half apart: an exact line, so no residual, R squared or band, each said so.</summary>
    [Fact]
    public void Two_rows_of_one_system_a_year_apart_fit_an_exact_line_with_no_band_said_so()
    {
        var file = Path.Combine(Path.GetTempPath(), $"market-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "observations": [
              { "date": "2024-01-15", "system": "h100", "provider": "X", "pricingType": "contract", "termMonths": 12, "pricePerGpuHour": 2.4, "source": "https://example.org/a" },
              { "date": "2025-07-15", "system": "h100", "provider": "Y", "pricingType": "contract", "termMonths": 12, "pricePerGpuHour": 1.9, "source": "https://example.org/b" } ] }
            """);
        try
        {
            var contract = Json("market", "--observations", file, "--json").GetProperty("fits").EnumerateArray().Single(f => f.GetProperty("pricingType").GetString() == "contract");
            Assert.Equal(JsonValueKind.Null, contract.GetProperty("residualSd").ValueKind);
            Assert.StartsWith("none:", contract.GetProperty("residualNote").GetString());
            Assert.StartsWith("none:", contract.GetProperty("rSquaredNote").GetString());
            var table = Cli.Run("market", "--system", "h100", "--observations", file);
            Assert.Contains("none: n - k - 1 = 0", table.Out);
            Assert.Contains("none: an exact fit (no degrees of freedom)", table.Out);
            var curve = Json("forward-curve", "h100", "--pricing", "contract", "--months", "1", "--observations", file, "--json");
            Assert.StartsWith("none:", curve.GetProperty("bandNote").GetString());
            Assert.Equal(JsonValueKind.Null, curve.GetProperty("points")[0].GetProperty("low").ValueKind);
            Assert.Contains("band: none: 2 observation(s) of 1 system(s)", Cli.Run("forward-curve", "h100", "--pricing", "contract", "--months", "1", "--observations", file).Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_given_decay_and_start_price_override_the_fit()
    {
        var c = Json("forward-curve", "h200", "--pricing", "spot", "--annual-change", "-20%", "--start-price", "3", "--from", "2027-01-01", "--months", "24", "--json");
        Assert.Equal(3, c.GetProperty("points")[0].GetProperty("pricePerGpuHour").GetDouble(), 12);
        var days = (new DateTime(2029, 1, 1) - new DateTime(2027, 1, 1)).TotalDays;
        Assert.Equal(3 * Math.Pow(0.8, days / 365.25), c.GetProperty("points")[24].GetProperty("pricePerGpuHour").GetDouble(), 12);
        Assert.Equal("given (annualChange)", c.GetProperty("slopeFrom").GetString());
    }

    /// <summary>Launch prices of one's own without A100: the shipped observations of A100 are left out, said so, and the rest fitted.</summary>
    [Fact]
    public void Launch_prices_without_a_system_of_the_shipped_observations_leave_its_rows_out_saying_so()
    {
        var prices = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "launch-prices.json"))).RootElement;
        var rows = prices.GetProperty("prices").EnumerateArray().Where(p => p.GetProperty("system").GetString() != "a100").Select(p => p.GetRawText());
        var file = Path.Combine(Path.GetTempPath(), $"launch-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""{ "prices": [ {{string.Join(",", rows)}} ] }""");
        try
        {
            var j = Json("market", "--launch-prices", file, "--json");
            var excluded = j.GetProperty("excluded").EnumerateArray().ToList();
            Assert.Equal(ShippedRows("on-demand").Concat(ShippedRows("spot")).Concat(ShippedRows("contract")).Count(o => o.GetProperty("system").GetString() == "a100"), excluded.Count);
            Assert.All(excluded, e => Assert.Equal("a100", e.GetProperty("system").GetString()));
            Assert.All(excluded, e => Assert.Contains("left out", e.GetProperty("reason").GetString()));
            Assert.Equal(ShippedRows("on-demand", without: "a100").Count, j.GetProperty("fits")[0].GetProperty("n").GetInt32());
            Assert.Contains("a100 2020-11-02", Cli.Run("market", "--launch-prices", file).Out);
            Assert.Equal(0, Cli.Run("forward-curve", "h100", "--launch-prices", file, "--json").ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Spot rows that give no system at two ages: no spot fit, said so, and a spot curve asks for the decay.</summary>
    [Fact]
    public void Spot_rows_with_no_system_at_two_ages_give_no_fit_and_a_spot_curve_asks_for_the_decay()
    {
        var file = Path.Combine(Path.GetTempPath(), $"market-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "observations": [
              { "date": "2026-03-19", "system": "b200", "provider": "X", "pricingType": "spot", "pricePerGpuHour": 2.25, "source": "https://example.org/a" },
              { "date": "2026-08-06", "system": "h200", "provider": "Y", "pricingType": "spot", "pricePerGpuHour": 3.4, "source": "https://example.org/b" },
              { "date": "2026-03-17", "system": "h200", "provider": "Z", "pricingType": "on-demand", "pricePerGpuHour": 4.54, "source": "https://example.org/c" },
              { "date": "2026-08-06", "system": "h200", "provider": "Y", "pricingType": "on-demand", "pricePerGpuHour": 7.9, "source": "https://example.org/b" } ] }
            """);
        try
        {
            var fits = Json("market", "--observations", file, "--json").GetProperty("fits").EnumerateArray().ToDictionary(f => f.GetProperty("pricingType").GetString()!);
            Assert.False(fits["spot"].GetProperty("fitted").GetBoolean());
            Assert.Contains("no system at two different ages", fits["spot"].GetProperty("reason").GetString());
            Cli.AssertUserError(Cli.Run("forward-curve", "h200", "--pricing", "spot", "--observations", file), "no decay with age", "--annual-change");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Bad_input_exits_2_naming_the_flag_or_the_files_row_field_and_value()
    {
        Cli.AssertUserError(Cli.Run("forward-curve", "h100", "--pricing", "reserved"), "--pricing 'reserved'", "on-demand, spot, contract");
        Cli.AssertUserError(Cli.Run("forward-curve", "h999"), "unknown system 'h999'", "h100");
        Cli.AssertUserError(Cli.Run("forward-curve", "h100", "--from", "2026-7-1"), "--from '2026-7-1'", "YYYY-MM-DD");
        Cli.AssertUserError(Cli.Run("market", "--system", "h999"), "--system 'h999'", "a100");
        var r = Cli.Run("forward-curve", "h100", "--months", "121");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--months", r.Err);
        Assert.Contains("[0, 120]", r.Err);
        var file = Path.Combine(Path.GetTempPath(), $"market-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "observations": [ { "date": "2026-03-17", "system": "h100", "provider": "X", "pricingType": "on-demand", "pricePerGpuHour": -2, "source": "https://example.org" } ] }""");
        try
        {
            Cli.AssertUserError(Cli.Run("market", "--observations", file), Path.GetFileName(file), "observations[0].pricePerGpuHour", "-2 is not allowed", "(0, 10000]");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
