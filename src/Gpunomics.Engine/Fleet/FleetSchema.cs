using System.Text.Json;
using System.Text.Json.Nodes;
using Gpunomics.Catalog;
using Gpunomics.Market;

namespace Gpunomics.Fleet;

/// <summary>
/// The JSON Schema (draft 2020-12) of a fleet file, with the keys, types and ranges <see cref="FleetReader"/> checks
/// (what only the whole file shows, such as a contract within its vintage's life, is checked when it is read).
/// </summary>
public static class FleetSchema
{
    /// <summary>The schema's file name as shipped (data/schemas/).</summary>
    public const string FileName = "fleet.schema.json";

    /// <summary>The schema as indented JSON text, ending in a newline.</summary>
    public static string Text(HardwareCatalog catalog) =>
        Build(catalog).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";

    /// <summary>The schema as a JSON object; system ids are those of <paramref name="catalog"/>.</summary>
    public static JsonObject Build(HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var systems = new JsonArray([.. catalog.Systems.Select(s => (JsonNode)s.Id!)]);
        const string month = "^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$";
        JsonObject Month(string d) => new() { ["type"] = "string", ["pattern"] = month, ["description"] = d + " (YYYY-MM)" };
        var credit = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("investment-grade", "non-investment-grade") };
        var deployment = Obj("A vintage: GPUs of one system bought in one month.", ["id", "system", "count", "date"], new()
        {
            ["id"] = Str("unique id"),
            ["system"] = new JsonObject { ["type"] = "string", ["enum"] = systems, ["description"] = "catalog system id" },
            ["count"] = Int(1, FleetReader.MaxGpus, "GPUs deployed"),
            ["date"] = Month("month the capex is paid and operation begins"),
            ["lifeYears"] = Num(1.0 / 12, FleetReader.MaxLifeMonths / 12.0, "years operated before the GPUs are sold at the residual curve's share (whole months; default 6)"),
            ["capexPerGpu"] = Num(0, 10_000_000, "$ per GPU instead of the capex model's", exclusiveMin: true),
            ["systemPriceMultiplier"] = Num(0, 100, "multiplier on the system supplier's price (1 = today's)", exclusiveMin: true),
        });
        var contract = Obj("A contract renting some of a vintage's GPUs.", ["id", "renter", "credit", "deployment", "gpus", "start", "termMonths", "pricePerGpuHour"], new()
        {
            ["id"] = Str("unique id"),
            ["renter"] = Str("the renter's name"),
            ["credit"] = credit.DeepClone(),
            ["deployment"] = Str("id of the deployment rented"),
            ["gpus"] = Int(1, FleetReader.MaxGpus, "GPUs rented"),
            ["start"] = Month("first billed month"),
            ["termMonths"] = Int(1, FleetReader.MaxTermMonths, "billed months"),
            ["pricePerGpuHour"] = Num(0, 1000, "$ per GPU-hour"),
            ["prepayShare"] = Num(0, 1, "share of the total contract value paid at the start (default 0)", exclusiveMax: true),
            ["utilization"] = Num(0, 1, "billed share of the hours (default 1, take-or-pay)", exclusiveMin: true),
        });
        var anchor = Obj("A system's spot price on one month, setting its curve's level.", ["date", "pricePerGpuHour"], new()
        {
            ["date"] = Month("the month"),
            ["pricePerGpuHour"] = Num(0, 1000, "$ per GPU-hour", exclusiveMin: true),
        });
        var spot = Obj("How uncontracted GPUs are sold: at the market's forward curve.", [], new()
        {
            ["pricing"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. PricingTypes.Names.Select(n => (JsonNode)n!)]), ["description"] = "kind of price of the forward curve (default on-demand)" },
            ["utilization"] = Num(0, 1, "share of uncontracted hours sold (default 0.8)"),
            ["annualChange"] = Num(-0.99, 10, "price change per year of age instead of the fitted decay"),
            ["anchors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "by system id: a spot price on one month, setting the system's curve level",
                ["properties"] = new JsonObject([.. catalog.Systems.Select(s => KeyValuePair.Create(s.Id, (JsonNode?)anchor.DeepClone()))]),
                ["additionalProperties"] = false,
            },
        });
        var evt = Obj("A named default.", ["contract", "date"], new() { ["contract"] = Str("contract id"), ["date"] = Month("first month not paid") });
        var defaults = Obj("Renter defaults (methodology: \"Fleet\").", [], new()
        {
            ["mode"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("expected", "none", "scenario"), ["description"] = "expected path (default), none, or the named events" },
            ["investmentGradeProbability"] = Num(0, 1, "annual default probability (default 0.001)", exclusiveMax: true),
            ["nonInvestmentGradeProbability"] = Num(0, 1, "annual default probability (default 0.04)", exclusiveMax: true),
            ["recovery"] = Num(0, 1, "share of the unpaid cash bills recovered (default 0.4)"),
            ["releaseDelayMonths"] = Int(0, 120, "months the GPUs sit idle before they are sold at spot (default 3)"),
            ["events"] = new JsonObject { ["type"] = "array", ["items"] = evt },
        });
        var debt = Obj("One loan per vintage, a share of its capex; covenants tested on the fleet.", ["share"], new()
        {
            ["share"] = Num(0, 1, "loan as a share of each vintage's capex", exclusiveMax: true),
            ["rate"] = Num(0, 1, "annual effective rate (or give credit)"),
            ["credit"] = credit.DeepClone(),
            ["termMonths"] = Int(1, FleetReader.MaxLifeMonths, "months from each vintage's draw (default its life)"),
            ["repayment"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("level", "balloon") },
            ["covenantMinDscr"] = Num(0, 100, "fleet DSCR covenant", exclusiveMin: true),
            ["covenantMaxLtv"] = Num(0, 10, "fleet LTV covenant", exclusiveMin: true),
        });
        var root = Obj("A Gpunomics fleet file (methodology: \"Fleet\").", ["name", "deployments"], new()
        {
            ["$schema"] = new JsonObject { ["type"] = "string", ["description"] = "this schema, for editors" },
            ["name"] = Str("fleet name"),
            ["description"] = new JsonObject { ["type"] = "string" },
            ["hurdleRate"] = Num(-0.99, 10, "annual effective hurdle of the NPV (default: the scenario's)"),
            ["deployments"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = FleetReader.MaxRows, ["items"] = deployment },
            ["contracts"] = new JsonObject { ["type"] = "array", ["maxItems"] = FleetReader.MaxRows, ["items"] = contract },
            ["spot"] = spot,
            ["defaults"] = defaults,
            ["debt"] = debt,
            ["residualCurve"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = 30, ["items"] = Num(0, 1, "share of capex at the end of that year of age") },
        });
        root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        root.Insert(1, "$id", "https://gpunomics.invalid/schemas/" + FileName);
        root.Insert(2, "title", "Gpunomics fleet");
        return root;
    }

    private static JsonObject Obj(string description, string[] required, JsonObject properties) => new()
    {
        ["type"] = "object",
        ["description"] = description,
        ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r!)]),
        ["properties"] = properties,
        ["additionalProperties"] = false,
    };

    private static JsonObject Str(string description) => new() { ["type"] = "string", ["minLength"] = 1, ["description"] = description };

    private static JsonObject Int(int min, int max, string description) => new() { ["type"] = "integer", ["minimum"] = min, ["maximum"] = max, ["description"] = description };

    private static JsonObject Num(double min, double max, string description, bool exclusiveMin = false, bool exclusiveMax = false)
    {
        var o = new JsonObject { ["type"] = "number" };
        o[exclusiveMin ? "exclusiveMinimum" : "minimum"] = min;
        o[exclusiveMax ? "exclusiveMaximum" : "maximum"] = max;
        o["description"] = description;
        return o;
    }
}
