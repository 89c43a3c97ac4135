using Gpunomics.InferenceX;
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

    private static readonly WorkloadMatch AgenticOnDefault = new(ServingWorkload.Default, Workload.AgenticCoding);

    [Fact]
    public void Throughput_priced_on_another_workload_says_so_in_the_notes()
    {
        var m = TestData.Model;
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, AgenticOnDefault, 5000, Tasks);
        Assert.False(r.Workloads.Matches);
        var note = Assert.Single(r.Notes, n => n.Contains("different workloads", StringComparison.Ordinal));
        Assert.Contains("dsr1 8192/1024 fp8", note, StringComparison.Ordinal);
        Assert.Contains("300:1 input:output against the measured 8:1", note, StringComparison.Ordinal);
        Assert.Contains("92% cache hits against none measured", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Throughput_priced_on_its_own_workload_has_no_workload_note()
    {
        var m = TestData.Model;
        var served = new WorkloadMatch(ServingWorkload.Default, Workload.ServedAs(ServingWorkload.Default));
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, served, 5000, Tasks);
        Assert.True(r.Workloads.Matches);
        Assert.DoesNotContain(r.Notes, n => n.Contains("workload", StringComparison.Ordinal));
        // 8 input tokens at $5 per output token at $25, over 9 tokens.
        Assert.Equal(5000 * 3600 / 1e6 * (8 * 5 + 25) / 9.0, r.TokenRevenuePerGpuHour, 9);
    }

    [Fact]
    public void A_given_throughput_without_its_workload_says_it_cannot_be_checked()
    {
        var m = TestData.Model;
        var given = new WorkloadMatch(null, Workload.ServedAs(ServingWorkload.Default));
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, given, 5000, Tasks);
        Assert.Contains(r.Notes, n => n.Contains("cannot be checked", StringComparison.Ordinal));
    }

    [Fact]
    public void Layers_add_up_to_the_value_of_the_work()
    {
        var m = TestData.Model;
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, AgenticOnDefault, 5000, Tasks);
        Assert.Equal(r.ValueOfWorkPerGpuHour, r.Layers.Sum(l => l.PerGpuHour), 6);
        Assert.Equal(3600.0 / 6_020_000 * 5000 * 3600, r.ValueOfWorkPerGpuHour, 6);
        Assert.All(r.Layers, l => Assert.Equal(l.PerGpuHour / (5000 * 3600.0) * 1e6, l.PerMillionTokens, 9));
    }

    [Fact]
    public void Layers_below_the_model_lab_match_the_one_chart_value_split()
    {
        var m = TestData.Model;
        var chart = m.Chart("gb300-nvl72", valueSplitPrice: 3.5);
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, AgenticOnDefault, 5000, Tasks);
        var layers = r.Layers.ToDictionary(l => l.Name);
        Assert.Equal(chart.ValueSplit.Supplier, layers["system supplier"].PerGpuHour, 9);
        Assert.Equal(chart.ValueSplit.Neocloud, layers["neocloud"].PerGpuHour, 9);
        Assert.Equal(chart.FloorAtComponentCost, layers["infrastructure and operations"].PerGpuHour + layers["component vendors"].PerGpuHour, 9);
    }

    [Fact]
    public void Task_return_is_people_cost_over_token_spend()
    {
        var m = TestData.Model;
        var r = ValueChainModel.Compute(m.System("gb300-nvl72"), m.Scenario, 3.5, Frontier, AgenticOnDefault, 5000, Tasks);
        var t = Assert.Single(r.Tasks);
        // 6M input at the cache-weighted $0.96 plus 20k output at $25.
        Assert.Equal(6 * 0.96 + 0.02 * 25, t.TokenSpend, 9);
        Assert.Equal(3600 / t.TokenSpend, t.Roi, 9);
    }
}
