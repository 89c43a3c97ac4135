using CsCheck;
using Gpunomics.InferenceX;
using Gpunomics.Tokens;

namespace Gpunomics.Engine.Tests;

public class WorkloadMatchTests
{
    private static readonly Gen<ServingWorkload> Serving =
        Gen.Select(Gen.Int[1, 200_000], Gen.Int[1, 20_000], (isl, osl) => ServingWorkload.Of("dsr1", isl, osl, "fp8"));

    [Fact]
    public void A_serving_workload_priced_as_itself_matches()
    {
        Serving.Sample(s =>
        {
            var m = new WorkloadMatch(s, Workload.ServedAs(s));
            Assert.True(m.Matches);
            Assert.Null(m.Mismatch);
        });
    }

    [Fact]
    public void Any_cache_hits_on_a_measurement_without_prefix_reuse_are_a_mismatch()
    {
        Gen.Select(Serving, Gen.Double[1e-6, 1]).Sample((s, hit) =>
        {
            var m = new WorkloadMatch(s, Workload.ServedAs(s).Adjusted(null, hit, null));
            Assert.False(m.Matches);
            Assert.Contains("cache hits against none measured", m.Mismatch!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_ratio_more_than_one_percent_off_is_a_mismatch()
    {
        Gen.Select(Serving, Gen.Double[1.011, 100], Gen.Bool).Sample((s, factor, up) =>
        {
            var ratio = (double)s.Isl / s.Osl * (up ? factor : 1 / factor);
            var m = new WorkloadMatch(s, Workload.ServedAs(s).Adjusted(ratio, null, null));
            Assert.False(m.Matches);
            Assert.Contains(s.Label, m.Mismatch!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_agentic_profile_on_the_default_serving_workload_names_both_differences()
    {
        var m = new WorkloadMatch(ServingWorkload.Default, Workload.AgenticCoding);
        Assert.Equal("throughput and price come from different workloads: tokens/s measured on dsr1 8192/1024 fp8 is priced as agentic-coding "
            + "(300:1 input:output against the measured 8:1; 92% cache hits against none measured (random prompts, no prefix reuse))", m.Mismatch);
    }

    [Fact]
    public void A_throughput_without_a_serving_workload_is_never_said_to_match()
    {
        Assert.False(new WorkloadMatch(null, Workload.ServedAs(ServingWorkload.Default)).Matches);
    }

    [Fact]
    public void The_served_profile_bills_the_serving_workloads_own_ratio_without_cache()
    {
        var w = Workload.Profile("served", ServingWorkload.Default)!;
        Assert.Equal(8, w.InputPerOutput);
        Assert.Equal(0, w.CacheHitRate);
        Assert.Equal(0, w.CacheWriteShare);
        Assert.Null(Workload.Profile("chat", ServingWorkload.Default));
    }
}
