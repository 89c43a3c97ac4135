using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpunomics.Catalog;
using Gpunomics.Financing;
using Gpunomics.Inputs;

namespace Gpunomics.Scenarios;

/// <summary>
/// The JSON Schema (draft 2020-12) of a scenario file, made from the input declarations that
/// <see cref="ScenarioReader"/> checks the file against (<see cref="ModelInputs"/>: each key's unit, range and
/// description), so that an editor completes and checks a file as the reader will. Every key is optional (a file
/// overrides the built-in scenario); unknown keys are refused. A rate or share is a number within ±1, or a string
/// with a % sign ("15.6%"), as the reader takes it; a percentage's range, and a loan's rate given as a
/// percentage, are checked only when the file is read.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>The schema's file name as shipped (data/schemas/).</summary>
    public const string FileName = "scenario.schema.json";

    /// <summary>The schema as indented JSON text, ending in a newline.</summary>
    public static string Text() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";

    /// <summary>The schema as a JSON object.</summary>
    public static JsonObject Build()
    {
        var root = Obj("A Gpunomics scenario file: overrides of the built-in 'article' scenario (methodology: \"Scenario files\").");
        root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        root.Insert(1, "$id", "https://gpunomics.invalid/schemas/" + FileName);
        root.Insert(2, "title", "Gpunomics scenario");
        var props = (JsonObject)root["properties"]!;
        props["$schema"] = new JsonObject { ["type"] = "string", ["description"] = "this schema, for editors" };
        props["name"] = NonEmpty("scenario name");
        props["description"] = new JsonObject { ["type"] = "string", ["description"] = "what the scenario is" };

        var systemProps = new JsonObject();
        foreach (var input in ModelInputs.All.Where(i => i.ScenarioKey is not null))
        {
            var key = input.ScenarioKey!;
            if (key.EndsWith("[]", StringComparison.Ordinal)) continue; // arrays below
            if (key.EndsWith(".<tier>", StringComparison.Ordinal)) continue; // networking: an object of tiers, below
            var parts = key.Split('.');
            if (parts[0] == "systems") { systemProps[parts[^1]] = Number(input); continue; }
            var parent = props;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (parent[parts[i]] is not JsonObject o) parent[parts[i]] = o = Obj(null);
                parent = (JsonObject)o["properties"]!;
            }
            parent[parts[^1]] = Number(input);
        }

        var finance = (JsonObject)((JsonObject)props["finance"]!)["properties"]!;
        finance["owner"] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "owner profile whose sourced cost of capital the TCO uses: " + string.Join("; ", OwnerProfiles.All.Select(p => $"{p.Id} {p.CostOfCapital:0.##%}")) + " (give this or costOfCapital, not both)",
            ["enum"] = new JsonArray([.. OwnerProfiles.All.Select(p => (JsonNode)p.Id!)]),
        };

        // A loan (a share above 0, or sized by DSCR or LTV) has a rate of its own, given or set by the renter's credit
        // (the reader's rule over the built-in scenario, which has no debt).
        var debt = (JsonObject)props["debt"]!;
        var debtProps = (JsonObject)debt["properties"]!;
        debtProps["repayment"] = Enum("how the loan is repaid: level payments, sculpted to debt.targetDscr, or one balloon at the term's end",
            Enum<Repayment>().Select(r => r.Key()));
        debtProps["ltvBasis"] = Enum("what debt.maxLtv is measured against (default capex)", Enum<LtvBasis>().Select(DebtSizing.Key));
        debtProps["credit"] = Enum("the renter's credit, which sets the loan's rate at term SOFR (debt.sofr) + a margin: " + CostOfDebt.Source + " (give this or rate, not both)",
            Enum<RenterCredit>().Select(c => c.Key()));
        debt["if"] = new JsonObject
        {
            ["anyOf"] = new JsonArray(
                new JsonObject
                {
                    ["required"] = new JsonArray("share"),
                    ["properties"] = new JsonObject { ["share"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0 } },
                },
                new JsonObject { ["required"] = new JsonArray("minDscr") },
                new JsonObject { ["required"] = new JsonArray("maxLtv") }),
        };
        debt["then"] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("rate") }, new JsonObject { ["required"] = new JsonArray("credit") }) };

        var ceiling = (JsonObject)((JsonObject)props["ceiling"]!)["properties"]!;
        ceiling["precision"] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = $"precision of the ceiling and the $/PFLOP-hour figures: {PrecisionNames.Allowed}, each optionally followed by Sparse",
            ["enum"] = new JsonArray([.. PrecisionNames.All.SelectMany(p => new[] { PrecisionNames.Key(p), PrecisionNames.Key(p) + "Sparse" }).Select(s => (JsonNode)s!)]),
        };
        var assetLife = (JsonObject)props["assetLife"]!;
        assetLife["description"] = "the asset's life after the first contract: re-leased until the end of its useful life, then sold (methodology: \"Asset life\"); on once usefulLifeYears is given";
        var lifeProps = (JsonObject)assetLife["properties"]!;
        lifeProps["releasePriceSource"] = Enum("what prices the re-leases and spot hours when no price path (releasePricesPerGpuHour) is given: the market's forward curve (default) or the launch trend",
            Gpunomics.AssetLife.ReleasePriceSources.Names);
        foreach (var list in new[] { ModelInputs.ReleasePrice, ModelInputs.ResidualCurveShare })
        {
            var key = list.ScenarioKey!;
            lifeProps[key[(key.LastIndexOf('.') + 1)..^2]] = new JsonObject
            {
                ["type"] = "array", ["description"] = $"{list.Description}; default: {list.Default}", ["minItems"] = 1, ["maxItems"] = list.MaxCount!.Value, ["items"] = Number(list),
            };
        }
        props["networkTier"] = NonEmpty("buyer tier of the networking price; every system must price it (e.g. neocloud, hyperscaler)");
        var chart = ModelInputs.ChartMultiplier;
        props["chartMultipliers"] = new JsonObject
        {
            ["type"] = "array", ["description"] = $"{chart.Description}s, one curve each", ["minItems"] = 1, ["maxItems"] = chart.MaxCount!.Value, ["items"] = Number(chart),
        };
        props["reportSystems"] = new JsonObject
        {
            ["type"] = "array", ["description"] = "catalog system ids the report covers", ["minItems"] = 1, ["maxItems"] = 100, ["items"] = NonEmpty("catalog system id"),
        };
        systemProps["networking"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "scale-out networking per GPU by buyer tier, $",
            ["additionalProperties"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1e8 },
        };
        props["systems"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "per-system overrides of the catalog, by catalog system id",
            ["additionalProperties"] = new JsonObject
            {
                ["type"] = "object", ["additionalProperties"] = false, ["properties"] = systemProps,
            },
        };
        return root;
    }

    private static JsonObject Obj(string? description)
    {
        var o = new JsonObject { ["type"] = "object" };
        if (description is not null) o["description"] = description;
        o["additionalProperties"] = false;
        o["properties"] = new JsonObject();
        return o;
    }

    private static IEnumerable<T> Enum<T>() where T : struct, System.Enum => System.Enum.GetValues<T>();

    private static JsonObject Enum(string description, IEnumerable<string> names) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. names.Select(n => (JsonNode)n!)]) };

    private static JsonObject NonEmpty(string description) => new() { ["type"] = "string", ["description"] = description, ["minLength"] = 1, ["pattern"] = "\\S" };

    /// <summary>A declared input: a number in its range; a rate or share as a number within ±1 or a string with %.</summary>
    internal static JsonObject Number(ModelInput input)
    {
        var r = input.Range;
        var (min, max) = input.Unit.IsFraction() ? (Math.Max(r.Min, -1), Math.Min(r.Max, 1)) : (r.Min, r.Max);
        var number = new JsonObject { ["type"] = input.Whole ? "integer" : "number" };
        number[r.MinExclusive && min == r.Min ? "exclusiveMinimum" : "minimum"] = min;
        number[r.MaxExclusive && max == r.Max ? "exclusiveMaximum" : "maximum"] = max;
        var description = $"{input.Description}; {input.Allowed}; default: {input.Default}";
        if (!input.Unit.IsFraction())
        {
            number.Insert(0, "description", description);
            return number;
        }
        return new JsonObject
        {
            ["description"] = description,
            ["oneOf"] = new JsonArray(number, new JsonObject
            {
                ["type"] = "string",
                ["description"] = $"a percentage, e.g. {(r.Max * 100).ToString("G", CultureInfo.InvariantCulture)}% (its range, {r.Percent}, is checked when the file is read)",
                ["pattern"] = "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*%\\s*$",
            }),
        };
    }
}
