using System.Globalization;
using Gpunomics.Catalog;
using Gpunomics.Financing;
using Gpunomics.Scenarios;

namespace Gpunomics.Comparison;

/// <summary>One setting of a scenario, named by its scenario-file key.</summary>
/// <param name="Key">Key path as a scenario file writes it, e.g. <c>contract.prepayShare</c> or <c>systems.h100.computeSystem</c>.</param>
/// <param name="Value">A number (double) or a text (string); null where the setting has no value (a system without a market price, a cost of capital given without an owner profile).</param>
public sealed record ScenarioSetting(string Key, object? Value);

/// <summary>A scenario's settings as key and value, in the scenario file's order (methodology: "Comparing two scenarios").</summary>
public static class ScenarioSettings
{
    /// <summary>
    /// Every model input of <paramref name="scenario"/> (not its name and description), then, for each of
    /// <paramref name="systemIds"/> in <paramref name="catalog"/>, the system figures a scenario may override, with the
    /// scenario's overrides applied (so a figure the scenario leaves alone is the catalog's).
    /// </summary>
    public static IReadOnlyList<ScenarioSetting> Of(Scenario scenario, HardwareCatalog catalog, IEnumerable<string> systemIds)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(systemIds);
        var list = new List<ScenarioSetting>();
        void Add(string key, object? value) => list.Add(new ScenarioSetting(key, value));
        var f = scenario.Finance;
        Add("finance.owner", f.Owner);
        Add("finance.costOfCapital", f.CostOfCapital);
        Add("finance.usefulLifeYears", f.UsefulLifeYears);
        Add("finance.residualValueShare", f.ResidualValueShare);
        var o = scenario.Operations;
        Add("operations.electricityPricePerKwh", o.ElectricityPricePerKwh);
        Add("operations.pue", o.Pue);
        Add("operations.colocationPerKwMonth", o.ColocationPerKwMonth);
        Add("operations.maintenanceShareOfCapexPerYear", o.MaintenanceShareOfCapexPerYear);
        Add("operations.insuranceShareOfCapexPerYear", o.InsuranceShareOfCapexPerYear);
        Add("operations.powerDrawShare", o.PowerDrawShare);
        Add("operations.idlePowerShare", o.IdlePowerShare);
        var c = scenario.Contract;
        Add("contract.termMonths", (double)c.TermMonths);
        Add("contract.prepayShare", c.PrepayShare);
        Add("contract.billedUtilization", c.BilledUtilization);
        Add("contract.setupMonths", (double)c.SetupMonths);
        Add("contract.residualValueShare", c.ResidualValueShare);
        var d = scenario.Financing;
        Add("debt.share", d.DebtShare);
        Add("debt.rate", d.DebtRate);
        Add("debt.termMonths", d.DebtTermMonths is { } n ? (double)n : "the contract term");
        var loan = d.Loan;
        Add("debt.minDscr", loan.Sizing is { Method: DebtSizingMethod.MinDscr } minDscr ? minDscr.Value : null);
        Add("debt.maxLtv", loan.Sizing is { Method: DebtSizingMethod.MaxLtv } maxLtv ? maxLtv.Value : loan.Sizing?.MaxLtv);
        Add("debt.ltvBasis", loan.Sizing is { Method: DebtSizingMethod.MaxLtv } or { MaxLtv: not null } ? DebtSizing.Key(loan.Sizing.Basis) : null);
        Add("debt.repayment", loan.Repayment.Key());
        Add("debt.targetDscr", loan.TargetDscr);
        Add("debt.interestOnlyMonths", (double)loan.InterestOnlyMonths);
        Add("debt.drawMonths", (double)loan.DrawMonths);
        Add("debt.credit", loan.Credit?.Key());
        Add("debt.sofr", loan.Credit is null ? null : loan.Sofr);
        Add("debt.covenantMinDscr", loan.CovenantMinDscr);
        Add("debt.covenantMaxLtv", loan.CovenantMaxLtv);
        Add("tax.rate", d.TaxRate);
        Add("tax.depreciationYears", d.DepreciationYears);
        var life = scenario.AssetLife;
        static string List(IEnumerable<double> xs) => string.Join(", ", xs.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        Add("assetLife.usefulLifeYears", life.UsefulLifeYears is { } years ? years : "off: the life ends with the first contract");
        Add("assetLife.releasePricesPerGpuHour", life.ReleasePrices is { } prices ? List(prices) : $"none: priced by {Gpunomics.AssetLife.ReleasePriceSources.Name(life.Source)}");
        Add("assetLife.releasePriceSource", life.SourceName);
        Add("assetLife.releaseBelowTrend", life.ReleaseBelowTrend);
        Add("assetLife.releaseBelowCurve", life.ReleaseBelowCurve);
        Add("assetLife.releaseUtilization", life.ReleaseUtilization);
        Add("assetLife.rampMonths", (double)life.RampMonths);
        Add("assetLife.rampStartShare", life.RampStartShare);
        Add("assetLife.uncontractedShare", life.UncontractedShare);
        Add("assetLife.spotPricePerGpuHour", life.SpotPricePerGpuHour is { } spot ? spot : "the re-lease price");
        Add("assetLife.residualCurve", List(life.Residual.ShareByYear));
        Add("assetLife.startYear", life.StartYear is { } start ? start : "the system's launch");
        Add("hurdleRate", scenario.HurdleRate);
        Add("ceiling.referencePricePerPflopHour", scenario.Ceiling.ReferencePricePerPflopHour);
        Add("ceiling.precision", scenario.Ceiling.Basis.Key);
        Add("networkTier", scenario.NetworkTier);
        Add("chartMultipliers", string.Join(", ", scenario.ChartMultipliers.Select(m => m.ToString("R", CultureInfo.InvariantCulture))));
        Add("reportSystems", string.Join(", ", scenario.ReportSystems));
        var applied = scenario.ApplyTo(catalog);
        foreach (var id in systemIds)
        {
            if (!applied.TryGet(id, out var s)) continue;
            var key = $"systems.{s.Id}.";
            var bom = s.Capex;
            // As the scenario file writes it: the compute system as quoted, with the HBM line and NICs it holds.
            var ov = scenario.Systems.TryGetValue(s.Id, out var own) ? own : new SystemOverride();
            Add(key + "computeSystem", ov.ComputeSystem ?? bom.ComputeSystem + catalog.Get(s.Id).Capex.HeldInQuote(scenario.NetworkTier));
            Add(key + "supplierGrossMargin", bom.SupplierGrossMargin);
            Add(key + "storage", bom.Storage);
            Add(key + "installation", bom.Installation);
            Add(key + "other", bom.Other);
            if (bom.Hbm is { } h) Add(key + "hbmCostPerGb", h.CostPerGb);
            if (bom.SupplierMemory is { } m)
            {
                Add(key + "memoryCostPerGb", m.CostPerGb);
                Add(key + "memoryGrossMargin", m.GrossMargin);
            }
            foreach (var (tier, price) in bom.NetworkingByTier.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                Add(key + "networking." + tier, price);
            Add(key + "allInKwPerGpu", s.AllInKwPerGpu);
            Add(key + "marketPricePerGpuHour", s.MarketPricePerGpuHour);
        }
        return list;
    }
}
