using Gpunomics.MonteCarlo;
using Gpunomics.Sensitivity;

namespace Gpunomics.Engine.Tests.Sensitivity;

public class SensitivityTests
{
    [Fact]
    public void Tornado_bars_are_the_scalar_model_at_the_moved_input()
    {
        var model = TestData.Model;
        var t = SensitivityAnalysis.Tornado(MonteCarloSetup.For(model, "gb300-nvl72", 3.5), 0.2);
        Assert.Equal(model.Project("gb300-nvl72", 3.5).Irr!.Value, t.BaseIrr!.Value, 9);
        var price = t.Bars.Single(b => b.Input == "price");
        Assert.Equal(model.Project("gb300-nvl72", 2.8).Irr!.Value, price.IrrLow!.Value, 9);
        Assert.Equal(model.Project("gb300-nvl72", 4.2).Irr!.Value, price.IrrHigh!.Value, 9);
        var m = t.Bars.Single(b => b.Input == "systemPriceMultiplier");
        Assert.Equal(model.Floor("gb300-nvl72", systemPriceMultiplier: 0.8), m.FloorLow, 8);
        Assert.Equal(model.Project("gb300-nvl72", 3.5, systemPriceMultiplier: 1.2).Irr!.Value, m.IrrHigh!.Value, 9);
        var hurdle = t.Bars.Single(b => b.Input == "hurdle");
        Assert.Equal(model.Floor("gb300-nvl72", hurdle: model.Scenario.HurdleRate * 1.2), hurdle.FloorHigh, 8);
        Assert.Equal(t.BaseIrr, hurdle.IrrLow); // the hurdle moves the floor, not the IRR
        Assert.True(t.Bars.Zip(t.Bars.Skip(1)).All(p => p.First.IrrSwing >= p.Second.IrrSwing));
    }

    [Fact]
    public void Grid_cells_are_the_scalar_project()
    {
        var model = TestData.Model;
        var g = SensitivityAnalysis.Grid(MonteCarloSetup.For(model, "h100", 2.0), [1.5, 2.5], [0.9, 1.3]);
        Assert.Equal(model.Project("h100", 2.5, systemPriceMultiplier: 1.3).Irr!.Value, g.Irr[1][1]!.Value, 9);
        Assert.Equal(model.Floor("h100", systemPriceMultiplier: 0.9), g.Floors[0], 8);
    }
}
