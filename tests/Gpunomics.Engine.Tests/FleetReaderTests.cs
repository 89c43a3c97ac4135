using System.Text.Json;
using Gpunomics.Fleet;

namespace Gpunomics.Engine.Tests;

public class FleetReaderTests
{
    private static readonly string Example = Path.Combine(TestData.DataDir, "fleets", "example-fleet.json");
    private static readonly string ShippedSchema = Path.Combine(TestData.DataDir, "schemas", FleetSchema.FileName);

    private const string Good = """
        {
          "name": "t",
          "deployments": [ { "id": "v1", "system": "h100", "count": 16, "date": "2024-01", "lifeYears": 5 } ],
          "contracts": [
            { "id": "a", "renter": "A", "credit": "investment-grade", "deployment": "v1", "gpus": 8, "start": "2024-01", "termMonths": 24, "pricePerGpuHour": 2.1 },
            { "id": "b", "renter": "B", "credit": "non-investment-grade", "deployment": "v1", "gpus": 8, "start": "2024-02", "termMonths": 12, "pricePerGpuHour": 2.5 }
          ]
        }
        """;

    private static Gpunomics.Json.ReadResult<FleetDefinition> Read(string json) => FleetReader.Read(json, "fleet.json", TestData.Catalog);

    [Fact]
    public void The_shipped_example_is_read_and_meets_the_shipped_schema()
    {
        var text = File.ReadAllText(Example);
        var r = Read(text);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(3, r.Value!.Deployments.Count);
        Assert.Equal(12, r.Value.Contracts.Count);
        Assert.Equal(2, r.Value.Contracts.Select(c => c.Credit).Distinct().Count());
        using var schema = JsonDocument.Parse(File.ReadAllText(ShippedSchema));
        using var file = JsonDocument.Parse(text);
        Assert.Empty(JsonSchemaCheck.Errors(schema.RootElement, file.RootElement));
    }

    [Fact]
    public void The_shipped_schema_is_the_one_the_reader_declares() =>
        Assert.True(File.ReadAllText(ShippedSchema) == FleetSchema.Text(TestData.Catalog), $"{ShippedSchema} is out of date: run 'gpunomics schema fleet > data/schemas/{FleetSchema.FileName}'");

    [Fact]
    public void A_good_file_reads() => Assert.True(Read(Good).Ok, string.Join("\n", Read(Good).Errors));

    // Each bad row names the file, the row (index and id), the key, the value and what is allowed.
    [Theory]
    [InlineData("\"credit\": \"non-investment-grade\"", "\"credit\": \"AAA\"", "fleet.json: contracts[1] (b).credit: \"AAA\" is not allowed; must be \"investment-grade\" or \"non-investment-grade\"")]
    [InlineData("\"id\": \"v1\", \"system\": \"h100\"", "\"id\": \"v1\", \"system\": \"h999\"", "fleet.json: deployments[0] (v1).system: \"h999\" is not allowed; must be a catalog system id")]
    [InlineData("\"count\": 16", "\"count\": 0", "fleet.json: deployments[0] (v1).count: 0 is not allowed; must be a whole number in [1, 10000000] GPUs")]
    [InlineData("\"start\": \"2024-02\"", "\"start\": \"2024-13\"", "fleet.json: contracts[1] (b).start: \"2024-13\" is not allowed; must be a month \"YYYY-MM\"")]
    [InlineData("\"start\": \"2024-02\"", "\"start\": \"2023-12\"", "fleet.json: contracts[1] (b).start: \"2023-12\" is not allowed; must be no earlier than its deployment's date, 2024-01 (v1)")]
    [InlineData("\"start\": \"2024-02\"", "\"start\": \"2030-01\"", "fleet.json: contracts[1] (b).start: \"2030-01\" is not allowed; must be within v1's life: it ends 2028-12")]
    [InlineData("\"termMonths\": 12", "\"termMonths\": 60", "fleet.json: contracts[1] (b).termMonths: 60 is not allowed; the contract would bill to 2029-01, after v1's life ends (2028-12")]
    [InlineData("\"deployment\": \"v1\", \"gpus\": 8, \"start\": \"2024-02\"", "\"deployment\": \"v2\", \"gpus\": 8, \"start\": \"2024-02\"", "fleet.json: contracts[1] (b).deployment: \"v2\" is not allowed; must be the id of a deployment in this file: v1")]
    [InlineData("\"gpus\": 8, \"start\": \"2024-02\"", "\"gpus\": 9, \"start\": \"2024-02\"", "fleet.json: contracts[1] (b).gpus: 9 is not allowed; puts 17 GPUs of v1 on contract in 2024-02, more than its 16: at most 8 then")]
    [InlineData("\"pricePerGpuHour\": 2.5", "\"pricePerGpuHour\": -1", "fleet.json: contracts[1] (b).pricePerGpuHour: -1 is not allowed; must be a number in [0, 1000] $ per GPU-hour")]
    [InlineData("\"pricePerGpuHour\": 2.5", "\"pricePerGpuHour\": 2.5, \"colour\": 1", "fleet.json: contracts[1] (b).colour: 1 is not allowed; unknown key")]
    public void A_bad_row_is_reported_with_file_row_key_value_and_what_is_allowed(string replace, string with, string message)
    {
        var json = ReplaceLast(Good, replace, with);
        var r = Read(json);
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.ToString().StartsWith(message, StringComparison.Ordinal));
    }

    private static string ReplaceLast(string s, string a, string b)
    {
        var i = s.LastIndexOf(a, StringComparison.Ordinal);
        Assert.True(i >= 0, a);
        return s[..i] + b + s[(i + a.Length)..];
    }

    [Fact]
    public void A_named_default_must_be_of_a_contract_and_in_a_month_it_bills()
    {
        var r = Read(Good.TrimEnd()[..^1] + """, "defaults": { "mode": "scenario", "events": [ { "contract": "a", "date": "2026-01" }, { "contract": "z", "date": "2024-05" } ] } }""");
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.ToString() == "fleet.json: defaults.events[0].date: \"2026-01\" is not allowed; must be a month a bills: 2024-01 to 2025-12");
        Assert.Contains(r.Errors, e => e.ToString() == "fleet.json: defaults.events[1].contract: \"z\" is not allowed; must be the id of a contract in this file: a, b");
    }

    [Fact]
    public void A_scenario_default_needs_events_and_events_need_the_scenario_mode()
    {
        Assert.Contains(Read(Good.TrimEnd()[..^1] + """, "defaults": { "mode": "scenario" } }""").Errors, e => e.Path == "defaults.events" && e.Allowed.Contains("is required", StringComparison.Ordinal));
        Assert.Contains(Read(Good.TrimEnd()[..^1] + """, "defaults": { "mode": "expected", "events": [ { "contract": "a", "date": "2024-05" } ] } }""").Errors, e => e.Path == "defaults.events");
    }
}
