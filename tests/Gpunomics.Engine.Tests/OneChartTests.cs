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
        Assert.Equal(1.0, v.RenterShare + v.NeocloudShare + v.SupplierShare, 12);
    }
}
