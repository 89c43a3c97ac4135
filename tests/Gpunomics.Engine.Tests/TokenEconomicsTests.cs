using Gpunomics.Tokens;

namespace Gpunomics.Engine.Tests;

public class TokenEconomicsTests
{
    // Published price sheet (the 2026 analysis, data/price-sheets.json): frontier model $5 input / $25 output, cached input $0.50.
    private static readonly PriceSheet Frontier = new()
    {
        Name = "frontier", Description = "", Source = "test", InputPerMillion = 5, OutputPerMillion = 25, CacheReadPerMillion = 0.5, CacheWritePerMillion = 6.25,
    };

    [Fact]
    public void Blended_price_without_cache_is_the_token_weighted_average()
    {
        var b = TokenEconomics.Blend(Frontier, new Workload(1, 0, 0));
        Assert.Equal(15.0, b.PerMillionTokens, 12);
        var b3 = TokenEconomics.Blend(Frontier, new Workload(3, 0, 0));
        Assert.Equal((3 * 5 + 25) / 4.0, b3.PerMillionTokens, 12);
    }

    [Fact]
    public void Agentic_coding_blend_is_worked_out_by_hand()
    {
        // 300 input tokens per output token, 92% cache hits, every uncached token written to the cache:
        // input = 0.92 x 0.50 + 0.08 x 6.25 = 0.96; per output token: 300 x 0.96 + 25 = 313; over 301 tokens.
        var b = TokenEconomics.Blend(Frontier, Workload.AgenticCoding);
        Assert.Equal(0.96, b.EffectiveInputPerMillion, 12);
        Assert.Equal(313, b.PerMillionOutputTokens, 9);
        Assert.Equal(313 / 301.0, b.PerMillionTokens, 12);
    }

    [Fact]
    public void Cost_per_million_tokens_is_tco_over_tokens_per_hour()
    {
        Assert.Equal(2.69 / (10_000 * 3600.0) * 1e6, TokenEconomics.CostPerMillion(2.69, 10_000), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenEconomics.CostPerMillion(2.69, 0));
    }

    [Fact]
    public void Revenue_per_gpu_hour_prices_input_and_output_separately()
    {
        var w = new Workload(1, 0, 0);
        Assert.Equal((1000 * 5 + 500 * 25) * 3600 / 1e6, TokenEconomics.RevenuePerGpuHour(Frontier, w, 1000, 500), 9);
        Assert.Equal(1 - 0.2 / 1.0, TokenEconomics.GrossMargin(0.2, 1.0), 12);
    }

    [Fact]
    public void Mix_moves_linearly_between_the_two_tiers()
    {
        var open = Frontier with { Name = "open", InputPerMillion = 0.95, OutputPerMillion = 4, CacheReadPerMillion = 0.24, CacheWritePerMillion = 0.95 };
        var steps = PortfolioMix.Shift(Frontier, open, Workload.AgenticCoding, 4);
        Assert.Equal(5, steps.Count);
        Assert.Equal(TokenEconomics.Blend(Frontier, Workload.AgenticCoding).PerMillionTokens, steps[0].AveragePerMillion, 12);
        Assert.Equal(TokenEconomics.Blend(open, Workload.AgenticCoding).PerMillionTokens, steps[^1].AveragePerMillion, 12);
        Assert.Equal((steps[0].AveragePerMillion + steps[^1].AveragePerMillion) / 2, steps[2].AveragePerMillion, 12);
        Assert.Throws<ArgumentException>(() => PortfolioMix.AveragePerMillion([new MixEntry(Frontier, 0.5)], Workload.AgenticCoding));
    }

    [Fact]
    public void Shipped_price_sheets_carry_the_published_prices()
    {
        var r = TokenDataReader.ReadPriceSheets(File.ReadAllText(Path.Combine(TestData.DataDir, "price-sheets.json")), "price-sheets.json");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var s = r.Value!.ToDictionary(x => x.Name);
        Assert.Equal((5.0, 25.0, 0.5), (s["frontier"].InputPerMillion, s["frontier"].OutputPerMillion, s["frontier"].CacheReadPerMillion));
        Assert.Equal((15.0, 75.0), (s["frontier-previous"].InputPerMillion, s["frontier-previous"].OutputPerMillion));
        Assert.Equal((25.0, 125.0), (s["premium"].InputPerMillion, s["premium"].OutputPerMillion));
        Assert.Equal((6 * 5.0, 6 * 25.0), (s["frontier-fast"].InputPerMillion, s["frontier-fast"].OutputPerMillion));
        Assert.Equal((0.95, 4.0), (s["open-weight"].InputPerMillion, s["open-weight"].OutputPerMillion));
    }

    [Fact]
    public void Bad_price_sheet_is_reported_with_its_path()
    {
        var r = TokenDataReader.ReadPriceSheets("""{ "sheets": [ { "name": "x", "inputPerMillion": -1, "outputPerMillion": 2, "cacheReadPerMillion": 0, "cacheWritePerMillion": 0, "source": "s", "colour": "red" } ] }""", "p.json");
        Assert.Contains(r.Errors, e => e.Path == "sheets[0].inputPerMillion");
        Assert.Contains(r.Errors, e => e.Path == "sheets[0].colour");
    }

    [Fact]
    public void A_sheet_with_one_cache_write_price_reads_as_short_retention_only()
    {
        var r = TokenDataReader.ReadPriceSheets("""{ "sheets": [ { "name": "x", "inputPerMillion": 1, "outputPerMillion": 2, "cacheReadPerMillion": 0.1, "cacheWritePerMillion": 1.25, "source": "s" } ] }""", "p.json");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var s = Assert.Single(r.Value!);
        Assert.Equal(1.25, s.CacheWritePerMillion);
        Assert.Null(s.CacheWriteLongPerMillion);
    }

    [Fact]
    public void Both_cache_write_prices_are_read_and_checked()
    {
        var r = TokenDataReader.ReadPriceSheets("""{ "sheets": [ { "name": "x", "inputPerMillion": 1, "outputPerMillion": 2, "cacheReadPerMillion": 0.1, "cacheWritePerMillion": 1.25, "cacheWriteLongPerMillion": 2, "source": "s" } ] }""", "p.json");
        Assert.Equal(2.0, Assert.Single(r.Value!).CacheWriteLongPerMillion);
        var bad = TokenDataReader.ReadPriceSheets("""{ "sheets": [ { "name": "x", "inputPerMillion": 1, "outputPerMillion": 2, "cacheReadPerMillion": 0.1, "cacheWritePerMillion": 1.25, "cacheWriteLongPerMillion": -2, "source": "s" } ] }""", "p.json");
        Assert.Contains(bad.Errors, e => e.Path == "sheets[0].cacheWriteLongPerMillion");
        var shipped = TokenDataReader.ReadPriceSheets(File.ReadAllText(Path.Combine(TestData.DataDir, "price-sheets.json")), "price-sheets.json");
        Assert.All(shipped.Value!, x => Assert.NotNull(x.CacheWriteLongPerMillion));
    }

    [Fact]
    public void Long_retention_writes_are_priced_at_the_long_write_price()
    {
        // Frontier, 1-hour write at $10: 92% hits, all uncached written, half of the writes kept an hour:
        // write price 0.5 x 6.25 + 0.5 x 10 = 8.125; input = 0.92 x 0.50 + 0.08 x 8.125 = 1.11.
        var sheet = Frontier with { CacheWriteLongPerMillion = 10 };
        var w = Workload.AgenticCoding.Adjusted(null, null, null, 0.5);
        Assert.Equal(1.11, TokenEconomics.Blend(sheet, w).EffectiveInputPerMillion, 12);
        Assert.Equal(TokenEconomics.Blend(sheet, Workload.AgenticCoding), TokenEconomics.Blend(sheet, w with { LongRetentionShare = 0 }));
    }

    [Fact]
    public void A_workload_writing_at_long_retention_cannot_be_priced_on_a_sheet_without_the_long_price()
    {
        var w = Workload.AgenticCoding.Adjusted(null, null, null, 0.5);
        Assert.Contains("no long-retention cache-write price", TokenEconomics.CannotPrice(Frontier, w));
        Assert.Throws<ArgumentException>(() => TokenEconomics.Blend(Frontier, w));
        Assert.Null(TokenEconomics.CannotPrice(Frontier, Workload.AgenticCoding));
    }
}
