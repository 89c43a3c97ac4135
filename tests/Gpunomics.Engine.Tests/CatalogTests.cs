using Gpunomics.Catalog;

namespace Gpunomics.Engine.Tests;

public class CatalogTests
{
    [Fact]
    public void Shipped_catalog_holds_the_required_systems()
    {
        var ids = TestData.Catalog.Systems.Select(s => s.Id).ToList();
        Assert.Equal(["h100", "h200", "b200", "b300", "gb200-nvl72", "gb300-nvl72", "vr-nvl72", "mi355x", "tpu-v7", "trainium3"], ids);
    }

    [Fact]
    public void Every_system_names_a_source_for_its_figures()
    {
        foreach (var s in TestData.Catalog.Systems)
            foreach (var field in new[] { "denseTflops", "memory", "chipTdpW", "allInKwPerGpu", "capex" })
                Assert.False(string.IsNullOrWhiteSpace(s.Sources.GetValueOrDefault(field)), $"{s.Id} has no source for {field}");
    }

    [Fact]
    public void Published_specs_are_carried()
    {
        // The published 2026 analysis's specs: dense, per GPU.
        var gb = TestData.Catalog.Get("gb300-nvl72");
        Assert.Equal(2500, gb.DenseTflops[Precision.Bf16]);
        Assert.Equal(5000, gb.DenseTflops[Precision.Fp8]);
        Assert.Equal(15000, gb.DenseTflops[Precision.Fp4]);
        Assert.Equal(8.0, gb.MemoryBandwidthTBps);
        Assert.Equal(1400, gb.ChipTdpW);
        var vr = TestData.Catalog.Get("vr-nvl72");
        Assert.Equal(4000, vr.DenseTflops[Precision.Bf16]);
        Assert.Equal(17500, vr.DenseTflops[Precision.Fp8]);
        Assert.Equal(35000, vr.DenseTflops[Precision.Fp4]);
        Assert.Equal(50000, vr.SparseTflops[Precision.Fp4]);
        Assert.Equal(22.0, vr.MemoryBandwidthTBps);
        Assert.Equal(2300, vr.ChipTdpW);
    }

    [Fact]
    public void Bad_catalog_entry_is_reported_with_its_path()
    {
        var json = """{ "catalogVersion": "x", "systems": [ { "id": "a", "name": "A", "vendor": "V", "launchQuarter": "2025Q9" } ] }""";
        var r = CatalogReader.Read(json, "cat.json");
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.Path == "systems[0].launchQuarter");
        Assert.Contains(r.Errors, e => e.Path == "systems[0].denseTflops" && e.Allowed == "is required");
    }

    [Fact]
    public void Throughput_basis_keys_round_trip()
    {
        Assert.True(ThroughputBasis.TryParse("fp4Sparse", out var b));
        Assert.Equal(new ThroughputBasis(Precision.Fp4, true), b);
        Assert.Equal("fp4Sparse", b.Key);
        Assert.False(ThroughputBasis.TryParse("fp3", out _));
    }
}
