using System.Text.Json;
using System.Text.Json.Nodes;
using Gpunomics.Financing;

namespace Gpunomics.Scenarios;

/// <summary>Writes a scenario in the file format <see cref="ScenarioReader"/> reads.</summary>
public static class ScenarioWriter
{
    /// <summary>The scenario as indented JSON text, naming <paramref name="schema"/> (its JSON Schema's address) first when given.</summary>
    public static string ToJson(Scenario scenario, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var systems = new JsonObject();
        foreach (var (id, o) in scenario.Systems.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var s = new JsonObject();
            void Put(string key, double? v) { if (v is { } d) s[key] = Math.Round(d, 6); }
            Put("computeSystem", o.ComputeSystem);
            Put("supplierGrossMargin", o.SupplierGrossMargin);
            Put("storage", o.Storage);
            Put("installation", o.Installation);
            Put("other", o.Other);
            Put("memoryCostPerGb", o.MemoryCostPerGb);
            Put("memoryGrossMargin", o.MemoryGrossMargin);
            Put("hbmCostPerGb", o.HbmCostPerGb);
            Put("allInKwPerGpu", o.AllInKwPerGpu);
            Put("marketPricePerGpuHour", o.MarketPricePerGpuHour);
            if (o.NetworkingByTier is { } n)
                s["networking"] = new JsonObject(n.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            systems[id] = s;
        }
        var root = new JsonObject
        {
            ["name"] = scenario.Name,
            ["description"] = scenario.Description,
            ["finance"] = new JsonObject
            {
                [scenario.Finance.Owner is null ? "costOfCapital" : "owner"] = scenario.Finance.Owner is null ? R(scenario.Finance.CostOfCapital) : scenario.Finance.Owner,
                ["usefulLifeYears"] = R(scenario.Finance.UsefulLifeYears),
                ["residualValueShare"] = R(scenario.Finance.ResidualValueShare),
            },
            ["operations"] = new JsonObject
            {
                ["electricityPricePerKwh"] = R(scenario.Operations.ElectricityPricePerKwh),
                ["pue"] = R(scenario.Operations.Pue),
                ["colocationPerKwMonth"] = R(scenario.Operations.ColocationPerKwMonth),
                ["maintenanceShareOfCapexPerYear"] = R(scenario.Operations.MaintenanceShareOfCapexPerYear),
                ["insuranceShareOfCapexPerYear"] = R(scenario.Operations.InsuranceShareOfCapexPerYear),
                ["powerDrawShare"] = R(scenario.Operations.PowerDrawShare),
                ["idlePowerShare"] = R(scenario.Operations.IdlePowerShare),
            },
            ["contract"] = new JsonObject
            {
                ["termMonths"] = scenario.Contract.TermMonths,
                ["prepayShare"] = R(scenario.Contract.PrepayShare),
                ["billedUtilization"] = R(scenario.Contract.BilledUtilization),
                ["setupMonths"] = scenario.Contract.SetupMonths,
                ["residualValueShare"] = R(scenario.Contract.ResidualValueShare),
            },
            ["debt"] = Debt(scenario.Financing),
            ["tax"] = new JsonObject
            {
                ["rate"] = R(scenario.Financing.TaxRate),
                ["depreciationYears"] = R(scenario.Financing.DepreciationYears),
            },
            // A rate above 100% is written with its % sign: as a bare number it would read as a typo (5 for 5%).
            ["hurdleRate"] = Math.Abs(scenario.HurdleRate) > 1
                ? JsonValue.Create(FormattableString.Invariant($"{Math.Round(scenario.HurdleRate * 100, 4)}%"))
                : JsonValue.Create(R(scenario.HurdleRate)),
            ["ceiling"] = new JsonObject
            {
                ["referencePricePerPflopHour"] = R(scenario.Ceiling.ReferencePricePerPflopHour),
                ["precision"] = scenario.Ceiling.Basis.Key,
            },
            ["networkTier"] = scenario.NetworkTier,
            ["chartMultipliers"] = new JsonArray(scenario.ChartMultipliers.Select(m => (JsonNode?)m).ToArray()),
            ["reportSystems"] = new JsonArray(scenario.ReportSystems.Select(m => (JsonNode?)m).ToArray()),
            ["systems"] = systems,
        };
        if (scenario.AssetLife != Gpunomics.AssetLife.AssetLifeAssumptions.Off) root.Insert(root.IndexOf("hurdleRate"), "assetLife", AssetLife(scenario.AssetLife));
        if (schema is not null) root.Insert(0, "$schema", schema);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static double R(double v) => Math.Round(v, 6);

    private static JsonObject AssetLife(Gpunomics.AssetLife.AssetLifeAssumptions a)
    {
        var o = new JsonObject();
        if (a.UsefulLifeYears is { } years) o["usefulLifeYears"] = R(years);
        if (a.ReleasePrices is { } prices) o["releasePricesPerGpuHour"] = new JsonArray([.. prices.Select(p => (JsonNode?)R(p))]);
        else o["releasePriceSource"] = Gpunomics.AssetLife.ReleasePriceSources.Name(a.Source);
        o["releaseBelowTrend"] = R(a.ReleaseBelowTrend);
        o["releaseBelowCurve"] = R(a.ReleaseBelowCurve);
        o["releaseUtilization"] = R(a.ReleaseUtilization);
        o["rampMonths"] = a.RampMonths;
        o["rampStartShare"] = R(a.RampStartShare);
        o["uncontractedShare"] = R(a.UncontractedShare);
        if (a.SpotPricePerGpuHour is { } spot) o["spotPricePerGpuHour"] = R(spot);
        o["residualCurve"] = new JsonArray([.. a.Residual.ShareByYear.Select(p => (JsonNode?)R(p))]);
        if (a.StartYear is { } start) o["startYear"] = R(start);
        return o;
    }

    private static JsonObject Debt(ProjectFinancing f)
    {
        var loan = f.Loan;
        var debt = new JsonObject();
        if (loan.Sizing is { Method: DebtSizingMethod.MinDscr } min)
        {
            debt["minDscr"] = R(min.Value);
            if (min.MaxLtv is { } cap)
            {
                debt["maxLtv"] = R(cap);
                debt["ltvBasis"] = DebtSizing.Key(min.Basis);
            }
        }
        else if (loan.Sizing is { Method: DebtSizingMethod.MaxLtv } ltv)
        {
            debt["maxLtv"] = R(ltv.Value);
            debt["ltvBasis"] = DebtSizing.Key(ltv.Basis);
        }
        else debt["share"] = R(f.DebtShare);
        if (loan.Credit is { } credit)
        {
            debt["credit"] = credit.Key();
            debt["sofr"] = R(loan.Sofr);
        }
        else debt["rate"] = R(f.DebtRate);
        if (f.DebtTermMonths is { } n) debt["termMonths"] = n;
        if (loan.Repayment != Repayment.Level) debt["repayment"] = loan.Repayment.Key();
        if (loan.TargetDscr is { } target) debt["targetDscr"] = R(target);
        if (loan.InterestOnlyMonths > 0) debt["interestOnlyMonths"] = loan.InterestOnlyMonths;
        if (loan.DrawMonths > 1) debt["drawMonths"] = loan.DrawMonths;
        if (loan.CovenantMinDscr is { } cd) debt["covenantMinDscr"] = R(cd);
        if (loan.CovenantMaxLtv is { } cl) debt["covenantMaxLtv"] = R(cl);
        return debt;
    }
}
