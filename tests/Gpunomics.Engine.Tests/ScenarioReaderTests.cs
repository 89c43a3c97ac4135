using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests;

public class ScenarioReaderTests
{
    private static Gpunomics.Json.ReadResult<Scenario> Read(string json) =>
        ScenarioReader.Read(json, "my.json", TestData.Article, TestData.Catalog);

    [Fact]
    public void A_partial_file_overrides_only_its_keys()
    {
        var r = Read("""{ "contract": { "prepayShare": 0.25 }, "systems": { "vr-nvl72": { "computeSystem": 90000 } } }""");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(0.25, r.Value!.Contract.PrepayShare);
        Assert.Equal(TestData.Article.Contract.TermMonths, r.Value.Contract.TermMonths);
        // The override is the system as quoted: the catalog's HBM line and NICs come out of it again.
        var bom = TestData.Catalog.Get("vr-nvl72").Capex;
        var applied = r.Value.ApplyTo(TestData.Catalog).Get("vr-nvl72").Capex;
        Assert.Equal(90000 - bom.Hbm!.Price - bom.NetworkingComponentsByTier[r.Value.NetworkTier].Nics, applied.ComputeSystem, 6);
        Assert.Equal(90000, applied.QuotedComputeSystem(r.Value.NetworkTier), 6);
        Assert.Equal(TestData.Article.Systems["gb300-nvl72"].ComputeSystem, r.Value.Systems["gb300-nvl72"].ComputeSystem);
    }

    [Fact]
    public void Unknown_key_is_named_with_the_file_and_the_allowed_keys()
    {
        var r = Read("""{ "contract": { "prepay": 0.2 } }""");
        var e = Assert.Single(r.Errors);
        Assert.Equal("my.json", e.Source);
        Assert.Equal("contract.prepay", e.Path);
        Assert.Contains("unknown key", e.Allowed);
        Assert.Contains("prepayShare", e.Allowed);
    }

    [Fact]
    public void Wrong_type_names_the_key_and_the_value()
    {
        var e = Assert.Single(Read("""{ "hurdleRate": "high" }""").Errors);
        Assert.Equal("hurdleRate", e.Path);
        Assert.Equal("\"high\"", e.Value);
        Assert.Contains("must be a number", e.Allowed);
    }

    [Theory]
    [InlineData("""{ "contract": { "prepayShare": 1.0 } }""", "contract.prepayShare", "[0, 1)")]
    [InlineData("""{ "contract": { "termMonths": 0 } }""", "contract.termMonths", "[1, 600]")]
    [InlineData("""{ "operations": { "pue": 0.9 } }""", "operations.pue", "[1, 3]")]
    [InlineData("""{ "finance": { "costOfCapital": -0.1 } }""", "finance.costOfCapital", "[0, 1]")]
    [InlineData("""{ "systems": { "vr-nvl72": { "computeSystem": -5 } } }""", "systems.vr-nvl72.computeSystem", "[0, 100000000]")]
    [InlineData("""{ "ceiling": { "precision": "fp3" } }""", "ceiling.precision", "bf16, fp8")]
    [InlineData("""{ "debt": { "share": 1 } }""", "debt.share", "[0, 1)")]
    [InlineData("""{ "debt": { "rate": -0.01 } }""", "debt.rate", "[0, 1]")]
    [InlineData("""{ "debt": { "termMonths": 0 } }""", "debt.termMonths", "[1, 600]")]
    [InlineData("""{ "tax": { "rate": 1.5 } }""", "tax.rate", "[0, 1)")]
    [InlineData("""{ "tax": { "depreciationYears": 0 } }""", "tax.depreciationYears", "(0, 50]")]
    public void Out_of_range_value_names_the_allowed_range(string json, string path, string allowed)
    {
        var e = Assert.Single(Read(json).Errors);
        Assert.Equal(path, e.Path);
        Assert.Contains(allowed, e.ToString());
    }

    [Fact]
    public void Unknown_system_id_is_an_error()
    {
        var e = Assert.Single(Read("""{ "systems": { "h900": { "computeSystem": 5 } } }""").Errors);
        Assert.Equal("systems.h900", e.Path);
        Assert.Contains("gb300-nvl72", e.Allowed);
    }

    [Fact]
    public void Malformed_json_gives_the_line_and_column()
    {
        var e = Assert.Single(Read("{ \"hurdleRate\": 0.2,\n  \"contract\": { \"termMonths\": 60 \n").Errors);
        Assert.StartsWith("line ", e.Path);
        Assert.Contains("not valid JSON", e.Allowed);
    }

    [Fact]
    public void A_file_read_without_a_base_must_hold_every_key()
    {
        var r = ScenarioReader.Read("""{ "name": "x" }""", "full.json", null, TestData.Catalog);
        Assert.Contains(r.Errors, e => e.Path == "finance" && e.Allowed == "is required");
        Assert.Contains(r.Errors, e => e.Path == "hurdleRate");
    }

    [Fact]
    public void Written_scenario_reads_back_the_same()
    {
        var json = ScenarioWriter.ToJson(TestData.Article);
        var r = ScenarioReader.Read(json, "roundtrip.json", null, TestData.Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(ScenarioWriter.ToJson(r.Value!), json);
    }

    [Fact]
    public void Debt_and_tax_are_read_and_written_back()
    {
        var r = Read("""{ "debt": { "share": 0.6, "rate": 0.09, "termMonths": 48 }, "tax": { "rate": 0.21 } }""");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(new ProjectFinancing(0.6, 0.09, 48, 0.21, ProjectFinancing.DefaultDepreciationYears), r.Value!.Financing);
        Assert.Equal(ProjectFinancing.None, TestData.Article.Financing);
        var again = ScenarioReader.Read(ScenarioWriter.ToJson(r.Value), "roundtrip.json", null, TestData.Catalog);
        Assert.True(again.Ok, string.Join("\n", again.Errors));
        Assert.Equal(r.Value.Financing, again.Value!.Financing);
    }
}
