using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Engine.Tests;

public class ValueChainTests
{
    private static readonly PriceSheet Frontier = new()
    {
        Name = "frontier", Description = "", Source = "test", InputPerMillion = 5, OutputPerMillion = 25, CacheReadPerMillion = 0.5, CacheWritePerMillion = 6.25,
    };

    private static readonly WorkTask[] Tasks = [new("feature", 24, 150, 6_000_000, 20_000)];

    [Fact]
    public void Layers_add_up_to_the_value_of_the_work()
    {
        var m = TestData.Model;
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, Workload.AgenticCoding, 5000, Tasks);
        Assert.Equal(r.ValueOfWorkPerGpuHour, r.Layers.Sum(l => l.PerGpuHour), 6);
        Assert.Equal(3600.0 / 6_020_000 * 5000 * 3600, r.ValueOfWorkPerGpuHour, 6);
        Assert.All(r.Layers, l => Assert.Equal(l.PerGpuHour / (5000 * 3600.0) * 1e6, l.PerMillionTokens, 9));
    }

    [Fact]
    public void Layers_below_the_model_lab_match_the_one_chart_value_split()
    {
        var m = TestData.Model;
        var chart = m.Chart("gb300-nvl72", valueSplitPrice: 3.5);
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, Workload.AgenticCoding, 5000, Tasks);
        var layers = r.Layers.ToDictionary(l => l.Name);
        Assert.Equal(chart.ValueSplit.Supplier, layers["system supplier"].PerGpuHour, 9);
        Assert.Equal(chart.ValueSplit.Neocloud, layers["neocloud"].PerGpuHour, 9);
        Assert.Equal(chart.FloorAtComponentCost, layers["infrastructure and operations"].PerGpuHour + layers["component vendors"].PerGpuHour, 9);
    }

    [Fact]
    public void Task_return_is_people_cost_over_token_spend()
    {
        var m = TestData.Model;
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, Workload.AgenticCoding, 5000, Tasks);
        var t = Assert.Single(r.Tasks);
        // 6M input at the cache-weighted $0.96 plus 20k output at $25.
        Assert.Equal(6 * 0.96 + 0.02 * 25, t.TokenSpend, 9);
        Assert.Equal(3600 / t.TokenSpend, t.Roi, 9);
    }
}
