using System.Text.Json;
using System.Text.Json.Nodes;
using Gpunomics.Scenarios;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Tests;

/// <summary>Scenario files are checked where they are read, key by key, with the flags' messages; files are read within a cap.</summary>
public class ScenarioFileTests
{
    private static Cli.Result FloorWith(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            return Cli.Run("floor", "vr-nvl72", "--scenario", file);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_network_tier_no_system_prices_is_refused_like_the_flag()
    {
        Cli.AssertUserError(FloorWith("""{ "networkTier": "nope" }"""), "networkTier", "\"nope\"", "hyperscaler, neocloud");
        Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--network-tier", "nope"), "nope", "neocloud");
    }

    [Fact]
    public void A_key_given_twice_is_refused_rather_than_one_of_them_kept() =>
        Cli.AssertUserError(FloorWith("""{ "contract": { "prepayShare": 0.25 }, "contract": { "prepayShare": 0.5 } }"""), "contract", "more than once");

    [Fact]
    public void A_scenario_saved_as_utf16_reads_as_the_same_file_in_utf8()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "hurdleRate": 0.2 }""", System.Text.Encoding.Unicode);
        try
        {
            var utf16 = Cli.Run("floor", "vr-nvl72", "--scenario", file, "--json");
            Assert.True(utf16.ExitCode == 0, utf16.Err);
            Assert.Contains("\"hurdle\": 0.2", utf16.Out);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_at_the_cap() =>
        Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--scenario", "/dev/zero"), "/dev/zero", "more than 4 MB");

    [Fact]
    public void A_directory_given_as_a_file_is_named_as_a_directory() =>
        Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--scenario", Path.GetTempPath()), "is a directory");

    [Fact]
    public void A_scenario_holding_a_huge_array_is_refused_before_it_is_parsed()
    {
        var json = "{ \"chartMultipliers\": [" + string.Join(",", Enumerable.Repeat("1", 3_000_000)) + "] }";
        Cli.AssertUserError(FloorWith(json), "more than 4 MB");
    }

    /// <summary>Every leaf key of the built-in scenario, as written by the scenario writer: its path and value.</summary>
    public static TheoryData<string, string> Leaves()
    {
        var catalog = DataFiles.LoadCatalog();
        var json = JsonNode.Parse(ScenarioWriter.ToJson(DataFiles.LoadScenario(catalog)))!;
        var data = new TheoryData<string, string>();
        void Walk(JsonNode node, string path)
        {
            if (node is JsonObject o)
            {
                foreach (var (k, v) in o) Walk(v!, path.Length == 0 ? k : $"{path}.{k}");
            }
            else
            {
                data.Add(path, node.ToJsonString());
            }
        }
        Walk(json, "");
        return data;
    }

    private static string OneKey(string path, JsonNode value)
    {
        var parts = path.Split('.');
        JsonNode node = value;
        for (var i = parts.Length - 1; i >= 0; i--) node = new JsonObject { [parts[i]] = node };
        return node.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Every_key_with_a_wrong_value_is_refused_naming_the_key(string path, string goodValue)
    {
        var good = JsonNode.Parse(goodValue)!;
        var wrongs = good.GetValueKind() switch
        {
            JsonValueKind.Number => new JsonNode[] { JsonValue.Create("wrong")!, JsonValue.Create(-1e12)!, JsonValue.Create(1e300)! },
            JsonValueKind.String => path is "name" or "description" ? [JsonValue.Create(12345)!] : [JsonValue.Create(12345)!, JsonValue.Create("nope")!],
            JsonValueKind.Array => [new JsonArray(JsonValue.Create("wrong")), new JsonArray()],
            _ => [JsonValue.Create("wrong")!],
        };
        foreach (var wrong in wrongs)
        {
            var r = FloorWith(OneKey(path, wrong));
            Cli.AssertUserError(r, path.Replace(".systems.", ".", StringComparison.Ordinal).Split('.')[^1]);
        }
        Assert.Equal(0, FloorWith(OneKey(path, good)).ExitCode);
    }

    [Fact]
    public void A_catalog_without_the_built_in_scenarios_systems_is_used_for_the_systems_it_holds()
    {
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.RepoRoot, "data", "catalog.json")))!;
        var systems = catalog["systems"]!.AsArray();
        foreach (var s in systems.Where(s => s!["id"]!.GetValue<string>() is not ("b200" or "mi355x")).ToList()) systems.Remove(s);
        var file = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, catalog.ToJsonString());
        try
        {
            var r = Cli.Run("floor", "b200", "--catalog", file);
            Assert.True(r.ExitCode == 0, r.Err);
            Cli.AssertUserError(Cli.Run("floor", "vr-nvl72", "--catalog", file), "vr-nvl72", "b200");

            var dir = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
            try
            {
                var report = Cli.Run("report", "--catalog", file, "--out", dir);
                Assert.True(report.ExitCode == 0, report.Err);
                var text = File.ReadAllText(Path.Combine(dir, "report.txt"));
                Assert.Contains("Calibration check: not made, the catalog lacks gb300-nvl72, vr-nvl72, h100", text);
                Assert.True(File.Exists(Path.Combine(dir, "one-chart-b200.svg")));
                Assert.False(File.Exists(Path.Combine(dir, "one-chart-h100.svg")));
            }
            finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Serve_reads_its_scenario_and_catalog_files_and_refuses_bad_ones_before_listening()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        var db = Path.Combine(Path.GetTempPath(), $"serve-{Guid.NewGuid():N}.db");
        File.WriteAllText(file, """{ "networkTier": "nope" }""");
        try
        {
            Cli.AssertUserError(Cli.Run("serve", "--db", db, "--urls", "http://127.0.0.1:0", "--scenario", file), Path.GetFileName(file), "networkTier");
            Cli.AssertUserError(Cli.Run("serve", "--db", db, "--urls", "http://127.0.0.1:0", "--catalog", file), Path.GetFileName(file));
        }
        finally
        {
            File.Delete(file);
            foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }
    /// <summary>calibrate --write keeps the scenario's $schema, rebased on the written file's folder, so an editor still finds it.</summary>
    [Theory]
    [InlineData("../schemas/scenario.schema.json", "out/solved.json", "../schemas/scenario.schema.json")]
    [InlineData("../schemas/scenario.schema.json", "scenarios/deep/solved.json", "../../schemas/scenario.schema.json")]
    [InlineData("https://example.org/scenario.schema.json", "out/solved.json", "https://example.org/scenario.schema.json")]
    public void Calibrate_write_keeps_the_scenario_schema(string schema, string written, string expected)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"calibrate-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "scenarios"));
            var input = Path.Combine(dir, "scenarios", "in.json");
            File.WriteAllText(input, $$"""{ "$schema": "{{schema}}", "hurdleRate": 0.15 }""");
            var output = Path.Combine(dir, written);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            var r = Cli.Run("calibrate", "--check", "--scenario", input, "--write", output);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Equal(expected, JsonNode.Parse(File.ReadAllText(output))!["$schema"]!.GetValue<string>());
            Assert.Equal(0, Cli.Run("floor", "vr-nvl72", "--scenario", output).ExitCode);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Calibrate_write_from_the_built_in_scenario_names_the_shipped_schema()
    {
        var output = Path.Combine(Path.GetTempPath(), $"solved-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, Cli.Run("calibrate", "--check", "--write", output).ExitCode);
            var schema = JsonNode.Parse(File.ReadAllText(output))!["$schema"]!.GetValue<string>();
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(output)!, schema));
            Assert.Equal(ScenarioSchema.Text(), File.ReadAllText(resolved));
        }
        finally { File.Delete(output); }
    }
}
