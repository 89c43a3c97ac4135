using Gpunomics.Finance;
using Gpunomics.Financing;
using static Gpunomics.Export.ScenarioWorkbook;
using static Gpunomics.Export.Sheets.Cells;

namespace Gpunomics.Export.Sheets;

/// <summary>The Inputs sheet: every assumption as a named value with its unit and source.</summary>
internal static class InputsSheet
{
    public static void Add(WorkbookContext wb)
    {
        var model = wb.Model;
        var system = wb.System;
        var scenario = wb.Scenario;
        var sh = wb.NewSheet(ScenarioWorkbook.Inputs, ("Input", 30), ("Value", 16), ("Unit", 22), ("Source", 90), ("Key", 12));
        var row = 1;

        void Input(string name, object? value, string unit, string source, string? format, string? key = null)
        {
            row++;
            sh.Set(row, 1, Label(name));
            sh.Set(row, 2, new SheetCell(value, null, format, CellRole.Input));
            sh.Set(row, 3, Label(unit));
            sh.Set(row, 4, Label(source));
            if (key is not null) sh.Set(row, 5, Label(key));
            wb.Name("In_" + name, sh, row, 2);
        }

        void Section(string title)
        {
            row++;
            sh.Set(row, 1, Label(title));
        }

        string Src(string key) => $"scenario '{scenario.Name}': {key}";

        string CatalogSrc(string field) =>
            system.Sources.TryGetValue(field, out var s) ? $"catalog: {s}" : $"catalog ({model.Catalog.Version}): {system.Id}.{field}";

        string BomSrc(string field, bool overridden) =>
            overridden ? $"scenario '{scenario.Name}' override: systems.{system.Id}.{field}" : CatalogSrc("capex");

        // The system on the same board whose compute system override this system takes (methodology: "Capex", same board).
        string? BoardPricedBy() => system.Board is null ? null
            : model.Catalog.Systems.FirstOrDefault(x => x.Id != system.Id && string.Equals(x.Board, system.Board, StringComparison.OrdinalIgnoreCase)
                && scenario.Systems.TryGetValue(x.Id, out var o) && o.ComputeSystem is not null)?.Id;

        var f = scenario.Finance;
        var o = scenario.Operations;
        var c = scenario.Contract;
        Section($"Scenario '{scenario.Name}': {scenario.Description}");
        Input("CostOfCapital", f.CostOfCapital, "annual effective", Src("finance.costOfCapital"), Percent);
        Input("UsefulLifeYears", f.UsefulLifeYears, "years", Src("finance.usefulLifeYears"), Number);
        Input("TcoResidualShare", f.ResidualValueShare, "share of capex", Src("finance.residualValueShare"), Percent);
        Input("ElectricityPerKwh", o.ElectricityPricePerKwh, "$/kWh", Src("operations.electricityPricePerKwh"), MoneyHour);
        Input("Pue", o.Pue, "facility / IT power", Src("operations.pue"), Number);
        Input("ColocationPerKwMonth", o.ColocationPerKwMonth, "$ per kW-month", Src("operations.colocationPerKwMonth"), Money);
        Input("PowerDrawShare", o.PowerDrawShare, "share of nameplate, busy", Src("operations.powerDrawShare"), Percent);
        Input("IdlePowerShare", o.IdlePowerShare, "share of the busy draw, idle", Src("operations.idlePowerShare"), Percent);
        Input("MaintenanceShare", o.MaintenanceShareOfCapexPerYear, "share of capex per year", Src("operations.maintenanceShareOfCapexPerYear"), Rate);
        Input("InsuranceShare", o.InsuranceShareOfCapexPerYear, "share of capex per year", Src("operations.insuranceShareOfCapexPerYear"), Rate);
        Input("TermMonths", (double)c.TermMonths, "months", Src("contract.termMonths"), Integer);
        Input("PrepayShare", c.PrepayShare, "share of contract value", Src("contract.prepayShare"), Percent);
        Input("BilledUtilization", c.BilledUtilization, "share of hours billed", Src("contract.billedUtilization"), Percent);
        Input("SetupMonths", (double)c.SetupMonths, "months", Src("contract.setupMonths"), Integer);
        Input("ContractResidualShare", c.ResidualValueShare, "share of capex", Src("contract.residualValueShare"), Percent);
        Input("DebtShare", scenario.Financing.DebtShare, "share of capex borrowed", Src("debt.share") + "; 0 = no debt", Percent);
        Input("DebtRate", scenario.Financing.DebtRate, "annual effective", Src("debt.rate"), Percent);
        Input("DebtTermMonths", scenario.Financing.DebtTermMonths is { } dt ? (double)dt : null, "months (empty: the contract term)",
            scenario.Financing.DebtTermMonths is null ? "scenario sets no debt.termMonths: the loan is repaid over the contract term" : Src("debt.termMonths"), Integer);
        var fin = scenario.Financing;
        var loan = fin.Loan;
        if (loan.ChangesFlows)
        {
            Section("Loan shape (the Debt sheet schedules the loan month by month)");
            Input("DrawMonths", (double)loan.DrawMonths, "months", loan.DrawMonths > 1 ? Src("debt.drawMonths") + ": capex spent, and the loan drawn, in equal parts from month 0" : "scenario sets no debt.drawMonths: all at month 0", Integer);
        }
        if (wb.ShapedLoan)
        {
            Input("InterestOnlyMonths", (double)loan.InterestOnlyMonths, "months from month 1", loan.InterestOnlyMonths > 0 ? Src("debt.interestOnlyMonths") : "scenario sets no debt.interestOnlyMonths", Integer);
            Input("Repayment", loan.Repayment.Key(), "level, sculpted or balloon", Src("debt.repayment"), null);
            Input("TargetDscr", loan.TargetDscr, "x (sculpted: debt service = CFADS / target)", loan.TargetDscr is null ? "scenario sets no debt.targetDscr (empty: only a sculpted loan reads it)" : Src("debt.targetDscr"), Multiple);
            var sizing = fin.Sizing;
            Input("Sizing", Financing.DebtSizing.Key(sizing.Method), "share, minDscr or maxLtv", sizing.Method == Financing.DebtSizingMethod.Share ? Src("debt.share") : Src("debt." + Financing.DebtSizing.Key(sizing.Method)) + ": " + sizing.Text, null);
            Input("SizingValue", sizing.Method == Financing.DebtSizingMethod.Share ? null : sizing.Value, sizing.Method == Financing.DebtSizingMethod.MinDscr ? "x, the lowest DSCR the loan is sized to" : "loan-to-value (empty: sized as a share)",
                sizing.Method == Financing.DebtSizingMethod.Share ? "the loan is debt.share of capex" : Src("debt." + Financing.DebtSizing.Key(sizing.Method)), sizing.Method == Financing.DebtSizingMethod.MinDscr ? Multiple : Percent);
            Input("LtvBasis", Financing.DebtSizing.Key(sizing.Basis), "capex or contractValue", sizing.Method == Financing.DebtSizingMethod.MaxLtv || sizing.MaxLtv is not null ? Src("debt.ltvBasis") : "read only by a loan sized or capped by a maximum LTV", null);
            if (sizing.Method == Financing.DebtSizingMethod.MinDscr)
                Input("SizingCapLtv", sizing.MaxLtv ?? Financing.DebtSizing.DefaultCapLtv, "loan-to-value against LtvBasis capping the DSCR's loan (and at most the capex)",
                    (sizing.MaxLtv is null ? "scenario sets no debt.maxLtv: the default gearing, " + Financing.DebtSizing.DefaultCapSource : Src("debt.maxLtv"))
                    + "; the loan is the lesser of the DSCR's and this", Percent);
            Input("CovenantMinDscr", loan.CovenantMinDscr, "x (empty: not tested)", loan.CovenantMinDscr is null ? "scenario sets no debt.covenantMinDscr" : Src("debt.covenantMinDscr"), Multiple);
            Input("CovenantMaxLtv", loan.CovenantMaxLtv, "closing balance / asset value (empty: not tested)", loan.CovenantMaxLtv is null ? "scenario sets no debt.covenantMaxLtv" : Src("debt.covenantMaxLtv"), Percent);
            if (sizing.Method == Financing.DebtSizingMethod.MinDscr)
            {
                Input("EngineLoan", wb.Debt!.Loan, "$ per GPU, at the export price", $"sized by the engine ({wb.Debt.SizingNote}); the Debt sheet checks that its lowest DSCR meets the minimum and that it is at most the cap", Money);
                if (wb.FloorInputs is { } atFloor && Rental.RentalProject.Debt(atFloor) is { } floorDebt)
                    Input("EngineLoanAtFloor", floorDebt.Loan, "$ per GPU, at the floor price", $"sized by the engine at the floor price ({floorDebt.SizingNote}); the FloorDebt sheet checks it", Money);
            }
        }
        if (wb.Life is not null)
        {
            var life = scenario.AssetLife;
            Section("Asset life (the AssetLife sheet holds the re-lease prices by year of age and the residual curve)");
            Input("LifeYears", life.UsefulLifeYears, "years from the capex", Src("assetLife.usefulLifeYears"), Number);
            Input("ReleaseUtilization", life.ReleaseUtilization, "share of re-leased and spot hours billed", Src("assetLife.releaseUtilization"), Percent);
            Input("RampMonths", (double)life.RampMonths, "months (0: no ramp)", Src("assetLife.rampMonths"), Integer);
            Input("RampStartShare", life.RampStartShare, "share of full billing in the first billed month", Src("assetLife.rampStartShare"), Percent);
            Input("UncontractedShare", life.UncontractedShare, "share of hours sold at spot in the contract", Src("assetLife.uncontractedShare"), Percent);
            Input("SpotPrice", life.SpotPricePerGpuHour, "$/GPU-hour (empty: the re-lease price at that age)", life.SpotPricePerGpuHour is null ? "scenario sets no assetLife.spotPricePerGpuHour" : Src("assetLife.spotPricePerGpuHour"), MoneyHour);
        }
        Input("HurdleRate", scenario.HurdleRate, "annual effective", Src("hurdleRate"), Percent);
        Input("CeilingRefPerPflopHour", scenario.Ceiling.ReferencePricePerPflopHour, "$ per PFLOP-hour", Src("ceiling.referencePricePerPflopHour"), MoneyHour);
        Input("CeilingPrecision", scenario.Ceiling.Basis.Key, "precision key", Src("ceiling.precision") + " (one of the Key column below)", null);
        Input("NetworkTier", scenario.NetworkTier, "buyer tier", Src("networkTier") + "; picks the Networking figure below at export", null);
        for (var i = 0; i < scenario.ChartMultipliers.Count; i++)
            Input($"ChartMultiplier{i + 1}", scenario.ChartMultipliers[i], "x today's system price", Src($"chartMultipliers[{i}]"), Number);

        Section("Export choices");
        Input("Price", wb.Price, "$/GPU-hour", wb.Options.PricePerGpuHour is null
            ? (system.MarketPricePerGpuHour is null ? "export default: the value-based ceiling at export (no market price in the catalog)" : "export default: the catalog's market price")
            : "export option --price", MoneyHour);
        Input("SystemPriceMultiplier", wb.Multiplier, "x today's system price", "export option --system-price-multiplier (Capex, TCO, CashFlows, Returns)", Number);

        Section("Conventions");
        Input("HoursPerYear", Rates.HoursPerYear, "hours", "convention: 365 x 24", Number);
        Input("HoursPerMonth", Rates.HoursPerMonth, "hours", "convention: 8,760 / 12", Number);

        Section($"Catalog ({model.Catalog.Version}): {system.Name} ({system.Id})");
        var bom = system.Capex;
        scenario.Systems.TryGetValue(system.Id, out var ov);
        Input("ComputeSystem", bom.ComputeSystem, bom.Hbm is null ? "$ per GPU" : "$ per GPU, without its HBM and NICs",
            ov?.ComputeSystem is { } quoted
                ? $"scenario '{scenario.Name}' override: systems.{system.Id}.computeSystem {quoted.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} as quoted, less the {(quoted - bom.ComputeSystem).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} of HBM line and NICs it holds"
                : BoardPricedBy() is { } sibling
                    ? $"scenario '{scenario.Name}' override of {sibling} (same board, {system.Board}): systems.{sibling}.computeSystem as quoted, less its HBM line and NICs"
                    : CatalogSrc("capex"), Money);
        Input("SupplierGrossMargin", bom.SupplierGrossMargin, "fraction", BomSrc("supplierGrossMargin", ov?.SupplierGrossMargin is not null), Percent);
        if (bom.Hbm is { } hbm)
        {
            Input("HbmGbPerGpu", hbm.GbPerGpu, "GB per GPU", CatalogSrc("hbm"), Number);
            Input("HbmCostPerGb", hbm.CostPerGb, "$/GB", ov?.HbmCostPerGb is not null ? BomSrc("hbmCostPerGb", true) : CatalogSrc("hbm"), Money);
            Input("HbmGrossMargin", hbm.GrossMargin, "fraction", CatalogSrc("hbm"), Percent);
        }
        if (bom.SupplierMemory is { } mem)
        {
            Input("MemoryGbPerGpu", mem.GbPerGpu, "GB per GPU", CatalogSrc("capex"), Number);
            Input("MemoryCostPerGb", mem.CostPerGb, "$/GB", BomSrc("memoryCostPerGb", ov?.MemoryCostPerGb is not null), Money);
            Input("MemoryGrossMargin", mem.GrossMargin, "fraction", BomSrc("memoryGrossMargin", ov?.MemoryGrossMargin is not null), Percent);
        }
        if (bom.NetworkingComponentsByTier.TryGetValue(scenario.NetworkTier, out var parts))
        {
            // The tier's components are the inputs; the Capex sheet's networking line is their sum.
            foreach (var (key, perGpu) in parts.Items)
                Input("Networking" + char.ToUpperInvariant(key[0]) + key[1..], perGpu, $"$ per GPU ({scenario.NetworkTier} tier)", CatalogSrc("networking"), Money);
        }
        else
        {
            Input("Networking", bom.NetworkingByTier[scenario.NetworkTier], $"$ per GPU ({scenario.NetworkTier} tier, a total: no components)",
                BomSrc("networking", ov?.NetworkingByTier?.ContainsKey(scenario.NetworkTier) == true), Money);
        }
        Input("Storage", bom.Storage, "$ per GPU", BomSrc("storage", ov?.Storage is not null), Money);
        Input("Installation", bom.Installation, "$ per GPU", BomSrc("installation", ov?.Installation is not null), Money);
        Input("Other", bom.Other, "$ per GPU", BomSrc("other", ov?.Other is not null), Money);
        Input("AllInKwPerGpu", system.AllInKwPerGpu, "kW per GPU", ov?.AllInKwPerGpu is not null ? BomSrc("allInKwPerGpu", true) : CatalogSrc("allInKwPerGpu"), Number);
        Input("ChipTdpW", system.ChipTdpW, "W", CatalogSrc("chipTdpW"), Number);
        Input("MemoryBandwidthTBps", system.MemoryBandwidthTBps, "TB/s per GPU", CatalogSrc("memory"), Number);
        Input("MarketPrice", system.MarketPricePerGpuHour, system.MarketPricePerGpuHour is null ? "$/GPU-hour (none: empty)" : "$/GPU-hour",
            ov?.MarketPricePerGpuHour is not null ? BomSrc("marketPricePerGpuHour", true) : CatalogSrc("marketPricePerGpuHour"), MoneyHour);
        var first = row + 1;
        foreach (var basis in system.MarketedBases())
        {
            Input("Tflops_" + basis.Key, (basis.Sparse ? system.SparseTflops : system.DenseTflops)[basis.Precision],
                $"TFLOPS per GPU, {(basis.Sparse ? "sparse" : "dense")}", CatalogSrc(basis.Sparse ? "sparseTflops" : "denseTflops"), Number, basis.Key);
        }
        wb.NameRange("In_TflopsKeys", sh, first, 5, row, 5);
        wb.NameRange("In_TflopsValues", sh, first, 2, row, 2);
    }
}
