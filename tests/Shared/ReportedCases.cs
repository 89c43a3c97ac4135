using System.Text.Json.Nodes;

namespace Gpunomics.Tests.Shared;

/// <summary>
/// The inputs under which reported faults were found: the built-in scenario of the time, written out in full so
/// that each reported case keeps its reported value when the built-in defaults move on.
/// </summary>
internal static class ReportedCases
{
    /// <summary>
    /// The 2026-11 built-in scenario (cost of capital 5%, useful life 6.38 years, colocation $80/kW-month, maintenance
    /// 4.36% of capex a year, power at nameplate, no insurance) with its GB300 NVL72 and H100 capex lines, the networking
    /// totals written with the NICs that the quoted compute system held then ($2,500 and $1,500 per GPU).
    /// </summary>
    public const string Scenario2026_11 = """
        {
          "finance": { "costOfCapital": 0.05, "usefulLifeYears": 6.376911, "residualValueShare": 0 },
          "operations": { "electricityPricePerKwh": 0.08, "pue": 1.25, "colocationPerKwMonth": 80, "maintenanceShareOfCapexPerYear": 0.043646,
                          "insuranceShareOfCapexPerYear": 0, "powerDrawShare": 1, "idlePowerShare": 1 },
          "systems": {
            "gb300-nvl72": { "computeSystem": 62423.017405, "networking": { "neocloud": 13500 }, "storage": 3000, "installation": 4500, "other": 5500, "allInKwPerGpu": 2.25 },
            "h100": { "computeSystem": 43478.3414, "networking": { "neocloud": 6000 }, "storage": 1000, "installation": 750, "other": 500, "allInKwPerGpu": 1.4 }
          }
        }
        """;

    /// <summary><see cref="Scenario2026_11"/> with a half-capex loan at 7% over 600 months: the balance falls due at the contract's end.</summary>
    public const string BalloonLoan2026_11 = """{ "debt": { "share": 0.5, "rate": 0.07, "termMonths": 600 } }""";

    /// <summary><see cref="Scenario2026_11"/> with the keys of <paramref name="extra"/> added (objects merged key by key).</summary>
    public static string With(string extra)
    {
        var root = JsonNode.Parse(Scenario2026_11)!.AsObject();
        Merge(root, JsonNode.Parse(extra)!.AsObject());
        return root.ToJsonString();
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from.ToList())
        {
            if (value is JsonObject o && into[key] is JsonObject existing) Merge(existing, o);
            else into[key] = value?.DeepClone();
        }
    }
}
