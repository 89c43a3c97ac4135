using CsCheck;
using Gpunomics.OneChart;
namespace Gpunomics.Engine.Tests;

public class OneChartTests
{
    [Fact]
    public void Each_curve_crosses_the_hurdle_at_its_floor()
    {
        var m = TestData.Model;
        var chart = m.Chart("vr-nvl72");
        Assert.Equal(3, chart.Curves.Count);
        foreach (var c in chart.Curves)
            Assert.Equal(m.Scenario.HurdleRate, m.Project("vr-nvl72", c.FloorPrice, systemPriceMultiplier: c.Multiplier).Irr!.Value, 9);
    }

    [Theory]
    [InlineData(0.6, 0.09, 0.21, null)]
    [InlineData(0.8, 0.12, 0.35, 96)] // a loan longer than the contract: its balance is repaid at the end
    [InlineData(0.0, 0.0, 0.21, null)]
    public void With_debt_and_tax_every_point_and_floor_is_the_scalar_models(double share, double rate, double tax, int? debtMonths)
    {
        var scenario = TestData.Article with { Financing = new Scenarios.ProjectFinancing(share, rate, debtMonths, tax, 5) };
        var m = new EconomicsModel(TestData.Catalog, scenario);
        var chart = m.Chart("gb300-nvl72");
        foreach (var c in chart.Curves)
        {
            Assert.Equal(m.Floor("gb300-nvl72", systemPriceMultiplier: c.Multiplier), c.FloorPrice, 1e-9);
            foreach (var p in c.Points)
            {
                var scalar = m.Project("gb300-nvl72", p.Price, systemPriceMultiplier: c.Multiplier);
                Assert.Equal(scalar.Irr.HasValue, p.Irr.HasValue);
                if (scalar.Irr is { } irr) Assert.Equal(irr, p.Irr!.Value, 1e-9);
                Assert.Equal(scalar.Npv, p.Npv, 1e-6);
            }
        }
        Assert.Equal(m.Floor("gb300-nvl72"), chart.FloorPrice, 1e-9);
        Assert.Equal(chart.Ceiling, m.Floor("gb300-nvl72", systemPriceMultiplier: chart.MaxSystemPriceMultiplier!.Value), 1e-6);
    }

    /// <summary>A loan of another shape than the level one (sculpted, DSCR-sized) is off the batch's level-loan path: each point is the scalar model's.</summary>
    [Fact]
    public void With_a_sculpted_loan_every_point_and_floor_is_the_scalar_models()
    {
        var scenario = TestData.Over(TestData.Article, """{ "debt": { "minDscr": 1.3, "repayment": "sculpted", "targetDscr": 1.3, "credit": "investment-grade" }, "tax": { "rate": 0.21 } }""");
        Assert.False(scenario.Financing.IsLevelLoan);
        var m = new EconomicsModel(TestData.Catalog, scenario);
        var chart = m.Chart("gb300-nvl72");
        foreach (var c in chart.Curves)
            foreach (var p in c.Points)
            {
                var scalar = m.Project("gb300-nvl72", p.Price, systemPriceMultiplier: c.Multiplier);
                Assert.Equal(scalar.Irr.HasValue, p.Irr.HasValue);
                if (scalar.Irr is { } irr) Assert.Equal(irr, p.Irr!.Value, 1e-9);
                Assert.Equal(scalar.Npv, p.Npv, 1e-6);
            }
        Assert.Equal(m.Floor("gb300-nvl72"), chart.FloorPrice, 1e-9);
    }

    [Fact]
    public void A_higher_system_price_shifts_the_curve_down_at_every_price()
    {
        var chart = TestData.Model.Chart("gb300-nvl72");
        for (var i = 1; i < chart.Curves.Count; i++)
        {
            var lower = chart.Curves[i - 1];
            var higher = chart.Curves[i];
            Assert.True(higher.FloorPrice > lower.FloorPrice);
            foreach (var (a, b) in lower.Points.Zip(higher.Points))
                if (a.Irr is { } ia && b.Irr is { } ib) Assert.True(ib < ia);
        }
    }

    [Fact]
    public void At_the_max_theoretical_system_price_the_floor_equals_the_ceiling()
    {
        var m = TestData.Model;
        var chart = m.Chart("vr-nvl72");
        var max = chart.MaxSystemPriceMultiplier!.Value;
        Assert.Equal(chart.Ceiling, m.Floor("vr-nvl72", systemPriceMultiplier: max), 6);
    }

    [Fact]
    public void Value_split_adds_up_to_the_pool()
    {
        var chart = TestData.Model.Chart("vr-nvl72", valueSplitPrice: 7.0);
        var v = chart.ValueSplit;
        Assert.Equal(chart.Ceiling - 7.0, v.Renter, 12);
        Assert.Equal(7.0 - chart.FloorPrice, v.Neocloud, 12);
        Assert.Equal(chart.FloorPrice - chart.FloorAtComponentCost, v.Supplier, 12);
        Assert.Equal(chart.Ceiling - chart.FloorAtComponentCost, v.Pool, 9);
        var shares = v.Shares!.Value;
        Assert.Equal(1.0, shares.Renter + shares.Neocloud + shares.Supplier, 12);
        Assert.Equal("split", v.Status);
        Assert.Null(v.Note);
    }

    [Fact]
    public void Value_split_shares_lie_in_zero_to_one_and_sum_to_one_or_a_note_says_why_not()
    {
        // Any price, floors and ceiling, including a price outside [floor, ceiling] and a ceiling below the floor.
        Gen.Select(Gen.Double[0, 20], Gen.Double[0, 20], Gen.Double[0, 20], Gen.Double[0, 20]).Sample((price, ceiling, floorToday, floorAtCost) =>
        {
            var v = new ValueSplit(price, ceiling - price, price - floorToday, floorToday - floorAtCost);
            if (v.Shares is { } s)
            {
                Assert.All(new[] { s.Renter, s.Neocloud, s.Supplier }, x => Assert.InRange(x, 0.0, 1.0));
                Assert.Equal(1.0, s.Renter + s.Neocloud + s.Supplier, 12);
                Assert.True(floorAtCost <= floorToday && floorToday <= price && price <= ceiling);
                Assert.Null(v.Note);
            }
            else
            {
                Assert.False(floorAtCost <= floorToday && floorToday <= price && price <= ceiling && ceiling > floorAtCost);
                Assert.EndsWith("no split", v.Note);
                Assert.Equal("no split", v.Status);
                if (price < floorToday) Assert.Contains("below the floor", v.Note);
                if (price > ceiling) Assert.Contains("above the ceiling", v.Note);
            }
        });
    }

    [Fact]
    public void H100_at_its_market_price_under_a_30_percent_hurdle_has_no_value_split_and_says_why()
    {
        // At a 30% hurdle the H100 market price lies above its ceiling and below its floor: shares of the pool
        // would be negative and above 100%, so the split names both instead.
        var model = new EconomicsModel(TestData.Catalog, TestData.Article with { HurdleRate = 0.30 });
        var chart = model.Chart("h100");
        var v = chart.ValueSplit;
        Assert.Null(v.Shares);
        Assert.True(v.Price < chart.FloorPrice && v.Price > chart.Ceiling);
        Assert.Contains($"below the floor ${chart.FloorPrice:0.00}", v.Note);
        Assert.Contains($"the neocloud loses ${chart.FloorPrice - v.Price:0.00}/GPU-hour against its hurdle", v.Note);
        Assert.Contains($"above the ceiling ${chart.Ceiling:0.00}", v.Note);
    }
}
