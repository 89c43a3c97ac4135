using System.Globalization;
using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Export.Sheets;
using Gpunomics.Finance;
using Gpunomics.Rental;

namespace Gpunomics.Export;

/// <summary>Choices of an export beyond the scenario.</summary>
/// <param name="PricePerGpuHour">Rental price for the CashFlows and Returns sheets, $/GPU-hour; null: the system's market price, else its value-based ceiling.</param>
/// <param name="SystemPriceMultiplier">System price multiplier for the Capex, TCO, CashFlows and Returns sheets (1.0 = today).</param>
public sealed record ExportOptions(double? PricePerGpuHour = null, double SystemPriceMultiplier = 1.0);

/// <summary>
/// Lays out one system under one scenario as sheets of live formulas (Inputs, Capex, TCO, CashFlows,
/// Returns, OneChart, ChartFlows). Every derived cell carries both its formula, which refers back to
/// the named inputs, and the engine's value for it, so the same layout serves the workbook (formulas)
/// and the CSV, JSON and HTML exports (values). See docs/methodology.md, "Workbook export".
/// </summary>
public static class ScenarioWorkbook
{
    /// <summary>Sheet names, in workbook order.</summary>
    public const string Inputs = "Inputs", Capex = "Capex", Tco = "TCO", CashFlows = "CashFlows", Returns = "Returns", OneChart = "OneChart", ChartFlows = "ChartFlows";

    /// <summary>
    /// The spreadsheet IRR's second guess, 1% per month (its default 10% fails on long monthly flows). The
    /// first is the engine's own monthly rate at export, so the cell converges to the engine's root.
    /// </summary>
    public const double IrrGuess = 0.01;

    /// <summary>Column of the OneChart sheet that notes, per price row, the curves whose flows have several IRRs.</summary>
    public static int OneChartNoteColumn(int curves) => curves + 2;

    /// <summary>Column of the OneChart sheet's summary labels (its values are one to the right).</summary>
    public static int OneChartLabelColumn(int curves) => curves + 4;

    /// <summary>Column of the Returns sheet that notes, beside each IRR cell, every IRR when the flows have several.</summary>
    public const int ReturnsNoteColumn = 5;

    /// <summary>A rate as the workbook's notes write it, e.g. <c>2.5248%</c>.</summary>
    public static string NotePercent(double rate, int decimals) =>
        (rate * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The note beside an IRR cell whose flows have several IRRs (null for one or none): every root, monthly
    /// and annual effective, and the one the engine reports (or that it reports none).
    /// </summary>
    public static string? SeveralRootsNote(IrrResult irr)
    {
        ArgumentNullException.ThrowIfNull(irr);
        if (irr.Roots.Count < 2) return null;
        static string Both(double monthly) => $"{NotePercent(monthly, 4)} a month ({NotePercent(Rates.MonthlyToAnnual(monthly), 3)} a year)";
        var roots = $"the flows have {irr.Roots.Count} IRRs at export: {string.Join(", ", irr.Roots.Select(Both))}";
        return irr.RatePerPeriod is { } m
            ? $"{roots}; the engine reports {Both(m)}, and the IRR() here starts from it"
            : $"{roots}; the engine reports none of them (no single IRR: use NPV)";
    }

    /// <summary>
    /// What an IRR cell shows where the engine reports no IRR: the engine's reason, as text. Where the only root
    /// is a borrowing rate (NPV rises with the rate there) the text names it as one, annual effective and monthly.
    /// </summary>
    public static string NoIrrText(IrrResult irr)
    {
        ArgumentNullException.ThrowIfNull(irr);
        if (irr.BorrowingRatePerPeriod is { } b)
            return $"no IRR: borrowing rate {NotePercent(Rates.MonthlyToAnnual(b), 3)} a year ({NotePercent(b, 4)} a month), the cost of the money received, " +
                "not a return (NPV rises with the rate there); decide on NPV at the hurdle";
        return "no IRR: " + (irr.Note ?? "no rate makes NPV zero");
    }

    /// <summary>What the Returns sheet calls an IRR at which NPV rises with the rate.</summary>
    public const string BorrowingLabel = "Borrowing rate (the cost of the money received, not a return)";

    /// <summary>The schedule has rows for months 0 to at least this, so a longer term typed into the sheet still fits.</summary>
    public const int MinScheduleMonths = 120;

    internal const string Money = "$#,##0.00", MoneyHour = "$#,##0.0000", Percent = "0.00%", Rate = "0.0000%", Number = "#,##0.####", Integer = "0", Multiple = "0.00\"x\"";

    /// <summary>The price the export uses when none is given: the market price, else the value-based ceiling.</summary>
    public static double DefaultPrice(EconomicsModel model, string systemId)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.System(systemId).MarketPricePerGpuHour ?? model.Ceiling(systemId);
    }

    /// <summary>Why a scenario with corporate tax is not exported: the workbook's floors are closed-form formulas, and tax makes the flows non-linear in the price.</summary>
    public const string NoTax = "the workbook's formulas do not model corporate tax (with tax the floor has no closed form); remove 'tax' from the scenario (or set its rate to 0) to export it";

    /// <summary>Builds the workbook layout for <paramref name="systemId"/>.</summary>
    /// <exception cref="ArgumentException">When the scenario has corporate tax.</exception>
    public static WorkbookSpec Build(EconomicsModel model, string systemId, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Scenario.Financing.HasTax) throw new ArgumentException(NoTax, nameof(model));
        options ??= new ExportOptions();
        var b = new Builder(model, model.System(systemId), options);
        return b.Build();
    }

    private sealed class Builder(EconomicsModel model, AcceleratorSystem system, ExportOptions options)
    {
        private readonly WorkbookSpec _book = new() { SystemId = system.Id, ScenarioName = model.Scenario.Name };
        private readonly Scenarios.Scenario _s = model.Scenario;
        private readonly double _price = options.PricePerGpuHour ?? DefaultPrice(model, system.Id);
        private readonly double _m = options.SystemPriceMultiplier;
        private int _lastMonth;
        private int _horizon;

        public WorkbookSpec Build()
        {
            _horizon = _s.Contract.SetupMonths + _s.Contract.TermMonths;
            _lastMonth = Math.Max(_horizon, MinScheduleMonths);
            BuildInputs();
            BuildCapex();
            BuildTco();
            BuildCashFlows();
            BuildReturns();
            var chart = model.Chart(system.Id);
            BuildOneChart(chart);
            BuildChartFlows(chart);
            return _book;
        }

        // ---------- helpers ----------
        private SheetSpec NewSheet(string name, params (string Header, double Width)[] columns)
        {
            var sheet = new SheetSpec(name);
            for (var i = 0; i < columns.Length; i++)
            {
                sheet.Set(1, i + 1, Label(columns[i].Header));
                sheet.ColumnWidths[i + 1] = columns[i].Width;
            }
            _book.Sheets.Add(sheet);
            return sheet;
        }

        private static SheetCell Label(string text) => new(text, null, null, CellRole.Label);

        private static SheetCell F(string formula, object? value, string? format, bool rate = false) =>
            new(value, formula, format, CellRole.Derived, rate);

        private void Name(string name, SheetSpec sheet, int row, int col) =>
            _book.Names.Add(new DefinedName(name, sheet.Name, A1.Abs(row, col)));

        private void NameRange(string name, SheetSpec sheet, int row1, int col1, int row2, int col2) =>
            _book.Names.Add(new DefinedName(name, sheet.Name, A1.Abs(row1, col1) + ":" + A1.Abs(row2, col2)));

        private static string N(double d) => d.ToString("R", CultureInfo.InvariantCulture);

        private string Src(string key) => $"scenario '{_s.Name}': {key}";

        private string CatalogSrc(string field) =>
            system.Sources.TryGetValue(field, out var s) ? $"catalog: {s}" : $"catalog ({model.Catalog.Version}): {system.Id}.{field}";

        private string BomSrc(string field, bool overridden) =>
            overridden ? $"scenario '{_s.Name}' override: systems.{system.Id}.{field}" : CatalogSrc("capex");

        // ---------- Inputs ----------
        private int _inRow = 1;
        private SheetSpec _in = null!;

        private void Input(string name, object? value, string unit, string source, string? format, string? key = null)
        {
            _inRow++;
            _in.Set(_inRow, 1, Label(name));
            _in.Set(_inRow, 2, new SheetCell(value, null, format, CellRole.Input));
            _in.Set(_inRow, 3, Label(unit));
            _in.Set(_inRow, 4, Label(source));
            if (key is not null) _in.Set(_inRow, 5, Label(key));
            Name("In_" + name, _in, _inRow, 2);
        }

        private void Section(string title)
        {
            _inRow++;
            _in.Set(_inRow, 1, Label(title));
        }

        private void BuildInputs()
        {
            _in = NewSheet(Inputs, ("Input", 30), ("Value", 16), ("Unit", 22), ("Source", 90), ("Key", 12));
            var f = _s.Finance;
            var o = _s.Operations;
            var c = _s.Contract;
            Section($"Scenario '{_s.Name}': {_s.Description}");
            Input("CostOfCapital", f.CostOfCapital, "annual effective", Src("finance.costOfCapital"), Percent);
            Input("UsefulLifeYears", f.UsefulLifeYears, "years", Src("finance.usefulLifeYears"), Number);
            Input("TcoResidualShare", f.ResidualValueShare, "share of capex", Src("finance.residualValueShare"), Percent);
            Input("ElectricityPerKwh", o.ElectricityPricePerKwh, "$/kWh", Src("operations.electricityPricePerKwh"), MoneyHour);
            Input("Pue", o.Pue, "facility / IT power", Src("operations.pue"), Number);
            Input("ColocationPerKwMonth", o.ColocationPerKwMonth, "$ per kW-month", Src("operations.colocationPerKwMonth"), Money);
            Input("MaintenanceShare", o.MaintenanceShareOfCapexPerYear, "share of capex per year", Src("operations.maintenanceShareOfCapexPerYear"), Rate);
            Input("TermMonths", (double)c.TermMonths, "months", Src("contract.termMonths"), Integer);
            Input("PrepayShare", c.PrepayShare, "share of contract value", Src("contract.prepayShare"), Percent);
            Input("BilledUtilization", c.BilledUtilization, "share of hours billed", Src("contract.billedUtilization"), Percent);
            Input("SetupMonths", (double)c.SetupMonths, "months", Src("contract.setupMonths"), Integer);
            Input("ContractResidualShare", c.ResidualValueShare, "share of capex", Src("contract.residualValueShare"), Percent);
            Input("DebtShare", _s.Financing.DebtShare, "share of capex borrowed", Src("debt.share") + "; 0 = no debt", Percent);
            Input("DebtRate", _s.Financing.DebtRate, "annual effective", Src("debt.rate"), Percent);
            Input("DebtTermMonths", _s.Financing.DebtTermMonths is { } dt ? (double)dt : null, "months (empty: the contract term)",
                _s.Financing.DebtTermMonths is null ? "scenario sets no debt.termMonths: the loan is repaid over the contract term" : Src("debt.termMonths"), Integer);
            Input("HurdleRate", _s.HurdleRate, "annual effective", Src("hurdleRate"), Percent);
            Input("CeilingRefPerPflopHour", _s.Ceiling.ReferencePricePerPflopHour, "$ per PFLOP-hour", Src("ceiling.referencePricePerPflopHour"), MoneyHour);
            Input("CeilingPrecision", _s.Ceiling.Basis.Key, "precision key", Src("ceiling.precision") + " (one of the Key column below)", null);
            Input("NetworkTier", _s.NetworkTier, "buyer tier", Src("networkTier") + "; picks the Networking figure below at export", null);
            for (var i = 0; i < _s.ChartMultipliers.Count; i++)
                Input($"ChartMultiplier{i + 1}", _s.ChartMultipliers[i], "x today's system price", Src($"chartMultipliers[{i}]"), Number);

            Section("Export choices");
            Input("Price", _price, "$/GPU-hour", options.PricePerGpuHour is null
                ? (system.MarketPricePerGpuHour is null ? "export default: the value-based ceiling at export (no market price in the catalog)" : "export default: the catalog's market price")
                : "export option --price", MoneyHour);
            Input("SystemPriceMultiplier", _m, "x today's system price", "export option --system-price-multiplier (Capex, TCO, CashFlows, Returns)", Number);

            Section("Conventions");
            Input("HoursPerYear", Rates.HoursPerYear, "hours", "convention: 365 x 24", Number);
            Input("HoursPerMonth", Rates.HoursPerMonth, "hours", "convention: 8,760 / 12", Number);

            Section($"Catalog ({model.Catalog.Version}): {system.Name} ({system.Id})");
            var bom = system.Capex;
            _s.Systems.TryGetValue(system.Id, out var ov);
            Input("ComputeSystem", bom.ComputeSystem, "$ per GPU", BomSrc("computeSystem", ov?.ComputeSystem is not null), Money);
            Input("SupplierGrossMargin", bom.SupplierGrossMargin, "fraction", BomSrc("supplierGrossMargin", ov?.SupplierGrossMargin is not null), Percent);
            if (bom.SupplierMemory is { } mem)
            {
                Input("MemoryGbPerGpu", mem.GbPerGpu, "GB per GPU", CatalogSrc("capex"), Number);
                Input("MemoryCostPerGb", mem.CostPerGb, "$/GB", BomSrc("memoryCostPerGb", ov?.MemoryCostPerGb is not null), Money);
                Input("MemoryGrossMargin", mem.GrossMargin, "fraction", BomSrc("memoryGrossMargin", ov?.MemoryGrossMargin is not null), Percent);
            }
            Input("Networking", bom.NetworkingByTier[_s.NetworkTier], $"$ per GPU ({_s.NetworkTier} tier)", BomSrc("networking", ov?.NetworkingByTier?.ContainsKey(_s.NetworkTier) == true), Money);
            Input("Storage", bom.Storage, "$ per GPU", BomSrc("storage", ov?.Storage is not null), Money);
            Input("Installation", bom.Installation, "$ per GPU", BomSrc("installation", ov?.Installation is not null), Money);
            Input("Other", bom.Other, "$ per GPU", BomSrc("other", ov?.Other is not null), Money);
            Input("AllInKwPerGpu", system.AllInKwPerGpu, "kW per GPU", ov?.AllInKwPerGpu is not null ? BomSrc("allInKwPerGpu", true) : CatalogSrc("allInKwPerGpu"), Number);
            Input("ChipTdpW", system.ChipTdpW, "W", CatalogSrc("chipTdpW"), Number);
            Input("MemoryBandwidthTBps", system.MemoryBandwidthTBps, "TB/s per GPU", CatalogSrc("memory"), Number);
            Input("MarketPrice", system.MarketPricePerGpuHour, system.MarketPricePerGpuHour is null ? "$/GPU-hour (none: empty)" : "$/GPU-hour",
                ov?.MarketPricePerGpuHour is not null ? BomSrc("marketPricePerGpuHour", true) : CatalogSrc("marketPricePerGpuHour"), MoneyHour);
            var first = _inRow + 1;
            foreach (var basis in system.MarketedBases())
            {
                Input("Tflops_" + basis.Key, (basis.Sparse ? system.SparseTflops : system.DenseTflops)[basis.Precision],
                    $"TFLOPS per GPU, {(basis.Sparse ? "sparse" : "dense")}", CatalogSrc(basis.Sparse ? "sparseTflops" : "denseTflops"), Number, basis.Key);
            }
            NameRange("In_TflopsKeys", _in, first, 5, _inRow, 5);
            NameRange("In_TflopsValues", _in, first, 2, _inRow, 2);
        }

        // ---------- Capex ----------
        private CapexBreakdown _capex = null!;

        private void BuildCapex()
        {
            var sh = NewSheet(Capex, ("Line", 44), ("$ per GPU", 16), ("Supplier-priced", 16), ("Formula", 70));
            _capex = CapexModel.Compute(system, SupplierPricing.Scaled(_m), _s.NetworkTier);
            var today = CapexModel.Compute(system, SupplierPricing.Today, _s.NetworkTier);
            var zero = CapexModel.Compute(system, SupplierPricing.Scaled(0), _s.NetworkTier);
            var atCost = CapexModel.Compute(system, SupplierPricing.ComponentCost, _s.NetworkTier);
            var row = 1;
            void Line(string label, string formula, double value, bool? supplier, string how, string? name = null, string format = Money)
            {
                row++;
                sh.Set(row, 1, Label(label));
                sh.Set(row, 2, F(formula, value, format));
                if (supplier is { } sp) sh.Set(row, 3, Label(sp ? "yes" : "no"));
                sh.Set(row, 4, Label(how));
                if (name is not null) Name(name, sh, row, 2);
            }
            var memory = system.Capex.SupplierMemory is not null;
            const string memPrice = "In_MemoryGbPerGpu*In_MemoryCostPerGb/(1-In_MemoryGrossMargin)";
            foreach (var l in _capex.Lines)
            {
                switch (l.Name)
                {
                    case "computeSystem": Line(l.Label, "=In_ComputeSystem*In_SystemPriceMultiplier", l.PerGpu, true, "supplier price x system price multiplier", "Capex_ComputeSystem"); break;
                    case "supplierMemory": Line(l.Label, $"={memPrice}*In_SystemPriceMultiplier", l.PerGpu, true, "GB x $/GB / (1 - gross margin) x system price multiplier", "Capex_SupplierMemory"); break;
                    case "networking": Line(l.Label, "=In_Networking", l.PerGpu, false, $"{_s.NetworkTier} tier"); break;
                    case "storage": Line(l.Label, "=In_Storage", l.PerGpu, false, "catalog"); break;
                    case "installation": Line(l.Label, "=In_Installation", l.PerGpu, false, "catalog"); break;
                    case "other": Line(l.Label, "=In_Other", l.PerGpu, false, "catalog"); break;
                    default: throw new InvalidOperationException($"unknown capex line '{l.Name}'");
                }
            }
            var last = row;
            Line("Total capex per GPU", $"=SUM(B2:B{last})", _capex.PerGpu, null, "sum of the lines", "Capex_PerGpu");
            Line("Supplier-priced lines", memory ? "=Capex_ComputeSystem+Capex_SupplierMemory" : "=Capex_ComputeSystem", _capex.SupplierPricedPerGpu, null, "lines the multiplier scales");
            Line("Capex per watt, all-in IT power", "=Capex_PerGpu/(In_AllInKwPerGpu*1000)", _capex.PerWattAllIn, null, "headline basis: $ / W of all-in IT power", null, MoneyHour);
            Line("Capex per watt, chip TDP", "=Capex_PerGpu/In_ChipTdpW", _capex.PerWattChipTdp, null, "$ / W of chip TDP", null, MoneyHour);
            row++;
            Line("Supplier-priced lines at today's price", memory ? $"=In_ComputeSystem+{memPrice}" : "=In_ComputeSystem", today.SupplierPricedPerGpu, null, "multiplier 1.0; the One Chart scales this", "Capex_SupplierToday");
            Line("Lines not priced by the supplier", $"=SUMIF(C2:C{last},\"no\",B2:B{last})", zero.PerGpu, null, "networking + storage + installation + other", "Capex_NonSupplier");
            Line("Supplier-priced lines at component cost", memory ? "=In_ComputeSystem*(1-In_SupplierGrossMargin)+In_MemoryGbPerGpu*In_MemoryCostPerGb" : "=In_ComputeSystem*(1-In_SupplierGrossMargin)",
                atCost.SupplierPricedPerGpu, null, "zero supplier margin", "Capex_SupplierAtCost");
            Line("Capex at component cost", "=Capex_NonSupplier+Capex_SupplierAtCost", atCost.PerGpu, null, "for the value split", "Capex_AtComponentCost");
        }

        // ---------- TCO ----------
        private void BuildTco()
        {
            var sh = NewSheet(Tco, ("Line", 44), ("Value", 16), ("Unit", 22), ("Formula", 70));
            var tco = model.Tco(system.Id, _m);
            var f = _s.Finance;
            var k = f.CostOfCapital;
            var residualPv = f.ResidualValueShare * tco.Capex.PerGpu / Math.Pow(1 + k, f.UsefulLifeYears);
            var crf = Rates.CapitalRecoveryFactor(k, f.UsefulLifeYears);
            var row = 1;
            void Line(string label, string formula, double value, string unit, string how, string? name, string format = MoneyHour)
            {
                row++;
                sh.Set(row, 1, Label(label));
                sh.Set(row, 2, F(formula, value, format));
                sh.Set(row, 3, Label(unit));
                sh.Set(row, 4, Label(how));
                if (name is not null) Name(name, sh, row, 2);
            }
            double LineValue(string n) => tco.Lines.First(l => l.Name == n).PerGpuHour;
            Line("Capex per GPU", "=Capex_PerGpu", tco.Capex.PerGpu, "$ per GPU", "Capex sheet", null, Money);
            Line("Residual value, present value", "=In_TcoResidualShare*Capex_PerGpu/(1+In_CostOfCapital)^In_UsefulLifeYears", residualPv, "$ per GPU", "residual share x capex / (1 + k)^life", "Tco_ResidualPv", Money);
            Line("Capital recovery factor", "=IF(ABS(In_CostOfCapital)<1E-12,1/In_UsefulLifeYears,In_CostOfCapital/(1-(1+In_CostOfCapital)^(-In_UsefulLifeYears)))", crf, "per year", "annuity: k / (1 - (1 + k)^-life)", "Tco_Crf", "0.000000");
            var first = row + 1;
            Line("capital charge", "=(Capex_PerGpu-Tco_ResidualPv)*Tco_Crf/In_HoursPerYear", LineValue("capitalCharge"), "$/GPU-hour", "(capex - residual PV) x CRF / 8,760", "Tco_CapitalCharge");
            Line("electricity", "=In_AllInKwPerGpu*In_Pue*In_ElectricityPerKwh", LineValue("electricity"), "$/GPU-hour", "kW x PUE x $/kWh", "Tco_Electricity");
            Line("colocation", "=In_AllInKwPerGpu*In_ColocationPerKwMonth/In_HoursPerMonth", LineValue("colocation"), "$/GPU-hour", "kW x $/kW-month / 730", "Tco_Colocation");
            Line("maintenance", "=In_MaintenanceShare*Capex_PerGpu/In_HoursPerYear", LineValue("maintenance"), "$/GPU-hour", "share x capex / 8,760", "Tco_Maintenance");
            Line("TCO per GPU-hour", $"=SUM(B{first}:B{row})", tco.PerGpuHour, "$/GPU-hour", "sum of the four lines", "Tco_PerGpuHour");
            Line("Operating cost per GPU-hour", "=Tco_Electricity+Tco_Colocation+Tco_Maintenance", tco.OperatingCostPerHour, "$/GPU-hour", "electricity + colocation + maintenance", "Tco_OpexPerHour");
            foreach (var (basis, perPflop) in tco.PerPflopHour)
                Line($"TCO per PFLOP-hour, {basis.Key}", $"=Tco_PerGpuHour/(In_Tflops_{basis.Key}/1000)", perPflop, "$/PFLOP-hour", $"TCO / PFLOPS ({(basis.Sparse ? "sparse" : "dense")})", null);
            Line("TCO per (TB/s)-hour", "=Tco_PerGpuHour/In_MemoryBandwidthTBps", tco.PerTBpsHour, "$ per TB/s-hour", "TCO / memory bandwidth", null);
        }

        // ---------- CashFlows ----------
        private int _cfLast;

        private void BuildCashFlows()
        {
            var sh = NewSheet(CashFlows, ("Month", 8), ("Capex", 14), ("Prepayment", 14), ("Billed", 14), ("Prepayment credit", 14), ("Operating cost", 14),
                ("Residual", 14), ("Net", 14), ("Cumulative", 14), ("Net at price 0", 14), ("Net per $1/GPU-hour", 14), ("Payback candidate", 10), ("", 3), ("Project", 34), ("Value", 16),
                ("", 3), ("Debt", 14), ("Interest", 14), ("Loan balance per $1 borrowed", 14), ("Interest per $1", 14), ("Principal per $1", 14), ("Debt flow per $1 borrowed", 14));
            sh.FreezeColumns = 1;
            var inputs = model.ProjectInputs(system.Id, _price, null, _m);
            var schedule = RentalProject.Schedule(inputs);
            var at0 = RentalProject.Schedule(inputs with { PricePerGpuHour = 0 });
            var at1 = RentalProject.Schedule(inputs with { PricePerGpuHour = 1 });
            var payback = RentalProject.PaybackMonth(schedule);
            var t = inputs.Terms;
            var billedPerMonth = inputs.PricePerGpuHour * Rates.HoursPerMonth * t.BilledUtilization;

            var side = 1;
            void Side(string label, string formula, object? value, string format, string name)
            {
                side++;
                sh.Set(side, 14, Label(label));
                sh.Set(side, 15, F(formula, value, format));
                Name(name, sh, side, 15);
            }
            Side("Horizon, months (setup + term)", "=In_SetupMonths+In_TermMonths", (double)_horizon, Integer, "Cf_Horizon");
            Side("Billed per month", "=In_Price*In_HoursPerMonth*In_BilledUtilization", billedPerMonth, Money, "Cf_BilledPerMonth");
            Side("Operating cost per month", "=Tco_OpexPerHour*In_HoursPerMonth", inputs.OperatingCostPerHour * Rates.HoursPerMonth, Money, "Cf_OpexPerMonth");
            Side("Total contract value", "=In_Price*In_HoursPerMonth*In_BilledUtilization*In_TermMonths", inputs.TotalContractValue, Money, "Cf_TotalContractValue");
            Side("Hurdle rate, monthly", "=(1+In_HurdleRate)^(1/12)-1", Rates.AnnualToMonthly(_s.HurdleRate), Rate, "Cf_MonthlyHurdle");
            var debtRate = Rates.AnnualToMonthly(_s.Financing.DebtRate);
            var debtMonths = _s.Financing.DebtTermMonths ?? t.TermMonths;
            Side("Loan, $ per GPU", "=In_DebtShare*Capex_PerGpu", _s.Financing.DebtShare * inputs.CapexPerGpu, Money, "Cf_Loan");
            Side("Loan repaid over, months", "=IF(ISNUMBER(In_DebtTermMonths),In_DebtTermMonths,In_TermMonths)", (double)debtMonths, Integer, "Cf_DebtMonths");
            Side("Debt rate, monthly", "=(1+In_DebtRate)^(1/12)-1", debtRate, Rate, "Cf_DebtRateMonthly");
            Side("Level payment per $1 borrowed", "=IF(Cf_DebtRateMonthly=0,1/Cf_DebtMonths,Cf_DebtRateMonthly/(1-(1+Cf_DebtRateMonthly)^(-Cf_DebtMonths)))",
                debtRate == 0 ? 1.0 / debtMonths : debtRate / (1 - Math.Pow(1 + debtRate, -debtMonths)), "0.0000000000", "Cf_DebtPayment");
            Side("Last month with a row", $"={_lastMonth}", (double)_lastMonth, Integer, "Cf_LastMonth");
            side++;
            sh.Set(side, 14, Label("Rows cover the horizon?"));
            sh.Set(side, 15, F("=IF(Cf_Horizon<=Cf_LastMonth,\"yes\",\"NO: add rows\")", "yes", null));

            const string billing = "AND({0}>In_SetupMonths,{0}<=Cf_Horizon)";
            var perDollar = DebtPerDollar;
            var balance = 1.0;
            for (var m = 0; m <= _lastMonth; m++)
            {
                var r = m + 2;
                var a = "A" + r;
                var bill = string.Format(CultureInfo.InvariantCulture, billing, a);
                var x = m < schedule.Count ? schedule[m] : null;
                // The loan per $1 borrowed (the engine's schedule of a $1 loan), then in dollars.
                var d = m < perDollar.Count ? perDollar[m] : null;
                var interest = m > 0 && d is not null ? -d.Interest : 0.0;
                var principal = m > 0 && d is not null ? -d.Debt + d.Interest : 0.0;
                balance -= principal;
                sh.Set(r, 17, F($"=Cf_Loan*V{r}", x?.Debt ?? 0.0, Money));
                sh.Set(r, 18, F($"=-Cf_Loan*T{r}", x?.Interest ?? 0.0, Money));
                sh.Set(r, 19, F(m == 0 ? "=1" : $"=S{r - 1}-U{r}", balance, "0.0000000000"));
                sh.Set(r, 20, F(m == 0 ? "=0" : $"=IF(AND({a}>0,{a}<=Cf_Horizon),S{r - 1}*Cf_DebtRateMonthly,0)", interest, "0.0000000000"));
                sh.Set(r, 21, F(m == 0 ? "=0" : $"=IF(AND({a}>0,{a}<=Cf_Horizon,S{r - 1}>0),IF(OR({a}=Cf_Horizon,{a}=Cf_DebtMonths),S{r - 1},MIN(S{r - 1},Cf_DebtPayment-T{r})),0)", principal, "0.0000000000"));
                sh.Set(r, 22, F(m == 0 ? "=1" : $"=-(T{r}+U{r})", m == 0 ? 1.0 : -(interest + principal), "0.0000000000"));
                sh.Set(r, 1, m == 0 ? new SheetCell(0.0, null, Integer, CellRole.Derived) : F($"=A{r - 1}+1", (double)m, Integer));
                sh.Set(r, 2, F($"=IF({a}=0,-Capex_PerGpu,0)", x?.Capex ?? 0.0, Money));
                sh.Set(r, 3, F($"=IF({a}=0,In_PrepayShare*Cf_TotalContractValue,0)", x?.Prepayment ?? 0.0, Money));
                sh.Set(r, 4, F($"=IF({bill},Cf_BilledPerMonth,0)", x?.Billed ?? 0.0, Money));
                sh.Set(r, 5, F($"=IF({bill},-In_PrepayShare*Cf_BilledPerMonth,0)", x?.PrepaymentCredit ?? 0.0, Money));
                sh.Set(r, 6, F($"=IF({bill},-Cf_OpexPerMonth,0)", x?.OperatingCost ?? 0.0, Money));
                sh.Set(r, 7, F($"=IF({a}=Cf_Horizon,In_ContractResidualShare*Capex_PerGpu,0)", x?.Residual ?? 0.0, Money));
                sh.Set(r, 8, F($"=B{r}+C{r}+D{r}+E{r}+F{r}+G{r}+Q{r}", x?.Net ?? 0.0, Money));
                sh.Set(r, 9, F(m == 0 ? $"=H{r}" : $"=I{r - 1}+H{r}", x?.Cumulative ?? schedule[^1].Cumulative, Money));
                sh.Set(r, 10, F($"=B{r}+F{r}+G{r}+Q{r}", m < at0.Count ? at0[m].Net : 0.0, Money));
                sh.Set(r, 11, F($"=IF({a}=0,In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths,0)+IF({bill},In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare),0)",
                    m < at1.Count ? at1[m].Net - at0[m].Net : 0.0, Money));
                // Payback: the first month from which the cumulative never falls below zero again (rows past the
                // horizon repeat the last cumulative, so a negative end leaves no candidate).
                var candidate = payback is { } pb && m >= pb && m <= _horizon ? (object)(double)m : "";
                sh.Set(r, 12, F($"=IF(AND({a}>0,{a}<=Cf_Horizon,MIN(I{r}:I${_lastMonth + 2})>=0),{a},\"\")", candidate, Integer));
            }
            _cfLast = _lastMonth + 2;
            NameRange("Cf_Net", sh, 2, 8, _cfLast, 8);
            NameRange("Cf_NetLater", sh, 3, 8, _cfLast, 8);
            NameRange("Cf_NetAtPrice0Later", sh, 3, 10, _cfLast, 10);
            NameRange("Cf_NetPerDollarLater", sh, 3, 11, _cfLast, 11);
            NameRange("Cf_Payback", sh, 3, 12, _cfLast, 12);
            NameRange("Cf_DebtPerDollarLater", sh, 3, 22, _cfLast, 22);
        }

        // The engine's schedule of a $1 loan on this contract: its Debt and Interest lines per $1 borrowed.
        private IReadOnlyList<Rental.CashFlowMonth> DebtPerDollar =>
            _debtPerDollar ??= RentalProject.Schedule(new RentalInputs(2, 0, 0, _s.Contract, _s.Financing with { DebtShare = 0.5, TaxRate = 0 }));

        private IReadOnlyList<Rental.CashFlowMonth>? _debtPerDollar;

        // ---------- Returns ----------
        private void BuildReturns()
        {
            var sh = NewSheet(Returns, ("Measure", 44), ("Value", 16), ("Unit", 22), ("Formula", 70), ("Note", 90));
            var inputs = model.ProjectInputs(system.Id, _price, null, _m);
            var result = model.Project(system.Id, _price, null, _m);
            var (a, bLine) = RentalProject.NpvLine(inputs, _s.HurdleRate);
            var floor = model.Floor(system.Id, null, null, _m);
            var basis = _s.Ceiling.Basis;
            var pflops = system.Pflops(basis);
            var row = 1;
            void Line(string label, string formula, object? value, string unit, string? format, string how, string? name = null, bool rate = false) =>
                LabelledLine(Label(label), formula, value, unit, format, how, name, rate);
            void LabelledLine(SheetCell label, string formula, object? value, string unit, string? format, string how, string? name = null, bool rate = false)
            {
                row++;
                sh.Set(row, 1, label);
                sh.Set(row, 2, F(formula, value, format, rate));
                sh.Set(row, 3, Label(unit));
                sh.Set(row, 4, Label(how));
                if (name is not null) Name(name, sh, row, 2);
            }
            var engineIrr = IrrSolver.SolveReturn(result.Schedule.Select(x => x.Net).ToArray(), Rates.AnnualToMonthly(_s.HurdleRate));
            var severalRoots = SeveralRootsNote(engineIrr);
            Line("Rental price", "=In_Price", _price, "$/GPU-hour", MoneyHour, "Inputs");
            Line("System price multiplier", "=In_SystemPriceMultiplier", _m, "x today", Number, "Inputs");
            Line("Capex per GPU", "=Capex_PerGpu", inputs.CapexPerGpu, "$ per GPU", Money, "Capex sheet");
            Line("Operating cost per GPU-hour", "=Tco_OpexPerHour", inputs.OperatingCostPerHour, "$/GPU-hour", MoneyHour, "TCO sheet");
            Line("Total contract value", "=Cf_TotalContractValue", inputs.TotalContractValue, "$ per GPU", Money, "price x 730 x utilization x term");
            Line("IRR fallback guess, monthly", "=Ret_Moic^(2/(Cf_Horizon+1))-1", result.Moic is { } mo ? Math.Pow(mo, 2.0 / (_horizon + 1)) - 1 : null, "per month", Rate,
                $"money multiple spread over the horizon; used when IRR() converges neither from the engine's rate nor from {N(IrrGuess)}", "Ret_IrrGuess");
            // The IRR is named after whether the workbook borrows: the equity's with debt, else the project's.
            // A rate at which NPV rises (money received before it is paid out) is named for what it is: the cost of
            // the money received, not a return (methodology: "When IRR is not the answer").
            var irrName = engineIrr.IsBorrowing ? BorrowingLabel : _s.Financing.HasDebt ? "Equity IRR" : "Project IRR";
            SheetCell IrrLabel(string suffix) => F($"=IF(Ret_IrrIsBorrowing=\"yes\",\"{BorrowingLabel}\",IF(In_DebtShare>0,\"Equity IRR\",\"Project IRR\"))&\", {suffix}\"", $"{irrName}, {suffix}", null);
            // Where the engine reports neither a return nor a borrowing rate the cells say why, rather than hold an
            // IRR() that would settle on some root.
            var shownMonthly = engineIrr.RatePerPeriod ?? engineIrr.BorrowingRatePerPeriod;
            var monthlyCell = IrrCell(engineIrr, shownMonthly, guess => "=" + GuardedIrr("Cf_Net", IrrExpression("Cf_Net", guess, "Ret_IrrGuess")), Rate);
            var how = shownMonthly is { } monthlyIrr
                ? $"IRR of the net flows from the engine's {(engineIrr.IsBorrowing ? "borrowing rate" : "rate")} at export, {N(monthlyIrr)}; if that fails, from {N(IrrGuess)}, then the fallback guess"
                : monthlyCell.Formula is null ? "the engine's reason at export, in place of an IRR() that would settle on some rate" : "the engine's reason: the flows have no outflow or no inflow";
            row++;
            sh.Set(row, 1, IrrLabel("monthly"));
            sh.Set(row, 2, monthlyCell);
            sh.Set(row, 3, Label("per month"));
            sh.Set(row, 4, Label(how));
            Name("Ret_IrrMonthly", sh, row, 2);
            var shownAnnual = result.Irr ?? result.BorrowingRate;
            LabelledLine(IrrLabel("annual effective"), "=IF(ISNUMBER(Ret_IrrMonthly),(1+Ret_IrrMonthly)^12-1,Ret_IrrMonthly)", shownAnnual is { } annualIrr ? annualIrr : NoIrrText(engineIrr),
                "annual", Percent, "(1 + monthly IRR)^12 - 1, or the monthly row's reason", "Ret_Irr", rate: shownAnnual is not null);
            if (severalRoots is not null)
            {
                sh.Set(row - 1, ReturnsNoteColumn, Label(severalRoots));
                sh.Set(row, ReturnsNoteColumn, Label(severalRoots));
            }
            Line("IRR is a borrowing rate?", "=IF(ISNUMBER(Ret_IrrMonthly),IF(INDEX(Cf_Net,1)+NPV(Ret_IrrMonthly+1E-5,Cf_NetLater)>0,\"yes\",\"no\"),\"-\")",
                engineIrr.IsBorrowing ? "yes" : shownMonthly is not null ? "no" : "-", "yes / no", null,
                "yes when NPV rises with the rate through it: the cost of the money received, not a return; decide on NPV at the hurdle", "Ret_IrrIsBorrowing");
            Line("Hurdle rate", "=In_HurdleRate", _s.HurdleRate, "annual", Percent, "Inputs");
            Line("NPV at the hurdle", "=INDEX(Cf_Net,1)+NPV(Cf_MonthlyHurdle,Cf_NetLater)", result.Npv, "$ per GPU", Money, "month 0 + NPV(monthly hurdle, months 1..)", "Ret_Npv");
            Line("MIRR, annual effective", "=(1+MIRR(OFFSET(INDEX(Cf_Net,1),0,0,Cf_Horizon+1,1),Cf_MonthlyHurdle,Cf_MonthlyHurdle))^12-1", result.Mirr, "annual", Percent,
                "modified IRR of months 0..horizon, outflows financed and inflows reinvested at the monthly hurdle", "Ret_Mirr", rate: true);
            Line("Payback month", "=IF(COUNT(Cf_Payback)=0,\"never\",MIN(Cf_Payback))", result.PaybackMonth is { } pb ? (double)pb : "never", "month", Integer, "first month from which the cumulative stays >= 0; never when it ends below 0", "Ret_Payback");
            Line("Money multiple", "=SUMIF(Cf_Net,\">0\")/-SUMIF(Cf_Net,\"<0\")", result.Moic, "x", Multiple, "cash in / cash out", "Ret_Moic");
            Line("NPV at price 0 (A)", "=CashFlows!$J$2+NPV(Cf_MonthlyHurdle,Cf_NetAtPrice0Later)", a, "$ per GPU", Money, "NPV of the net flows at price 0", "Ret_NpvAtPrice0");
            Line("NPV per $1/GPU-hour (B)", "=CashFlows!$K$2+NPV(Cf_MonthlyHurdle,Cf_NetPerDollarLater)", bLine, "$ per $1/GPU-hour", Money, "NPV of the flows' price coefficients", "Ret_NpvPerDollar");
            Line("Floor price", "=-Ret_NpvAtPrice0/Ret_NpvPerDollar", floor, "$/GPU-hour", MoneyHour, "NPV = A + P x B = 0 at P = -A / B", "Ret_Floor");
            Line("Ceiling precision PFLOPS", "=INDEX(In_TflopsValues,MATCH(In_CeilingPrecision,In_TflopsKeys,0))/1000", pflops, "PFLOPS per GPU", Number, "TFLOPS at the ceiling precision / 1,000", "Ret_CeilingPflops");
            Line("Value-based ceiling", "=In_CeilingRefPerPflopHour*Ret_CeilingPflops", pflops is null ? null : model.Ceiling(system.Id), "$/GPU-hour", MoneyHour, "reference $/PFLOP-hour x PFLOPS", "Ret_Ceiling");
            Line("Floor per PFLOP-hour", "=Ret_Floor/Ret_CeilingPflops", pflops is { } p1 ? floor / p1 : null, "$/PFLOP-hour", MoneyHour, "floor / PFLOPS at the ceiling precision");
            Line("Ceiling minus floor", "=Ret_Ceiling-Ret_Floor", pflops is null ? null : model.Ceiling(system.Id) - floor, "$/GPU-hour", MoneyHour, "room for the neocloud and the supplier");
        }

        // ---------- OneChart ----------

        private void BuildOneChart(OneChart.OneChartModel chart)
        {
            var k = chart.Curves.Count;
            var columns = new List<(string, double)> { ("Price, $/GPU-hour", 18) };
            for (var i = 0; i < k; i++) columns.Add(("", 16));
            columns.Add(("Several IRRs at export", 60));
            columns.Add(("", 3));
            columns.Add(("Measure", 40));
            columns.Add(("Value", 16));
            var sh = NewSheet(OneChart, [.. columns]);
            sh.FreezeRows = 4;
            sh.FreezeColumns = 1;
            int nc = OneChartNoteColumn(k), lc = OneChartLabelColumn(k), vc = lc + 1;

            // Summary block (right).
            var hm = Rates.AnnualToMonthly(_s.HurdleRate);
            var x = 1.0 / (1.0 + hm);
            var s = _s.Contract.SetupMonths;
            var af = Math.Abs(hm) < 1e-12 ? _s.Contract.TermMonths : (Math.Pow(x, s + 1) - Math.Pow(x, _horizon + 1)) / (1 - x);
            var t = _s.Contract;
            var bCoef = t.PrepayShare * Rates.HoursPerMonth * t.BilledUtilization * t.TermMonths + Rates.HoursPerMonth * t.BilledUtilization * (1 - t.PrepayShare) * af;
            var f0 = FloorPrice(CapexModel.Compute(system, SupplierPricing.Scaled(0), _s.NetworkTier));
            var row = 1;
            void Line(string label, string formula, object? value, string? format, string? name = null)
            {
                row++;
                sh.Set(row, lc, Label(label));
                sh.Set(row, vc, F(formula, value, format));
                if (name is not null) Name(name, sh, row, vc);
            }
            Line("Hurdle rate", "=In_HurdleRate", chart.Hurdle, Percent);
            Line("Discount factor per month", "=1/(1+Cf_MonthlyHurdle)", x, "0.0000000000", "Chart_X");
            Line("PV of $1 a month over billed months", "=IF(ABS(Cf_MonthlyHurdle)<1E-12,In_TermMonths,(Chart_X^(In_SetupMonths+1)-Chart_X^(Cf_Horizon+1))/(1-Chart_X))", af, Number, "Chart_AF");
            Line("Discount factor at the last month", "=Chart_X^Cf_Horizon", Math.Pow(x, _horizon), "0.0000000000", "Chart_XH");
            var perDollar = DebtPerDollar.Select(d => d.Debt).ToArray();
            Line("PV of the debt flows per $1 borrowed", "=CashFlows!$V$2+NPV(Cf_MonthlyHurdle,Cf_DebtPerDollarLater)", Rates.Npv(hm, perDollar), "0.0000000000", "Chart_DebtPv");
            Line("NPV per $1/GPU-hour (B)", "=In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths+In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare)*Chart_AF", bCoef, Money, "Chart_B");
            Line("Value-based ceiling", "=Ret_Ceiling", chart.Ceiling, MoneyHour, "Chart_Ceiling");
            Line("PFLOPS at the ceiling precision", "=Ret_CeilingPflops", chart.Pflops, Number);
            Line("Floor at today's system price", "=" + FloorFormula("(Capex_NonSupplier+Capex_SupplierToday)"), chart.FloorPrice, MoneyHour, "Chart_FloorToday");
            Line("Floor at component cost", "=" + FloorFormula("Capex_AtComponentCost"), chart.FloorAtComponentCost, MoneyHour, "Chart_FloorAtCost");
            Line("Floor at system price x0 (no supplier lines)", "=" + FloorFormula("Capex_NonSupplier"), f0, MoneyHour, "Chart_Floor0");
            Line("Max system price multiplier (floor = ceiling)", "=IF(Chart_FloorToday-Chart_Floor0>1E-12,(Chart_Ceiling-Chart_Floor0)/(Chart_FloorToday-Chart_Floor0),\"none\")",
                chart.MaxSystemPriceMultiplier is { } mm ? mm : "none", Number);
            var floorsRange = $"$B$3:{A1.Abs(3, k + 1)}";
            var prices = chart.Curves[0].Points.Select(p => p.Price).ToList();
            var n = prices.Count;
            Line("Curve price, low", $"=0.5*MIN({floorsRange},Chart_FloorToday)", prices[0], MoneyHour, "Chart_Low");
            Line("Curve price, high", $"=1.15*MAX(Chart_Ceiling,{floorsRange})", prices[^1], MoneyHour, "Chart_High");
            var v = chart.ValueSplit;
            Line("Value split at price", "=IF(ISNUMBER(In_MarketPrice),In_MarketPrice,Chart_FloorToday)", v.Price, MoneyHour, "Chart_SplitPrice");
            Line("Renter (ceiling - price)", "=Chart_Ceiling-Chart_SplitPrice", v.Renter, MoneyHour, "Chart_Renter");
            Line("Neocloud (price - floor today)", "=Chart_SplitPrice-Chart_FloorToday", v.Neocloud, MoneyHour, "Chart_Neocloud");
            Line("Supplier (floor today - floor at cost)", "=Chart_FloorToday-Chart_FloorAtCost", v.Supplier, MoneyHour, "Chart_Supplier");
            Line("Pool (ceiling - floor at cost)", "=Chart_Renter+Chart_Neocloud+Chart_Supplier", v.Pool, MoneyHour, "Chart_Pool");
            // Shares only when every part is non-negative (methodology: "The One Chart"); otherwise the words.
            const string isSplit = "AND(Chart_Renter>=0,Chart_Neocloud>=0,Chart_Supplier>=0,Chart_Pool>0)";
            Line("Renter share", $"=IF({isSplit},Chart_Renter/Chart_Pool,\"no split\")", v.Shares is { } s1 ? s1.Renter : "no split", Percent);
            Line("Neocloud share", $"=IF({isSplit},Chart_Neocloud/Chart_Pool,\"no split\")", v.Shares is { } s2 ? s2.Neocloud : "no split", Percent);
            Line("Supplier share", $"=IF({isSplit},Chart_Supplier/Chart_Pool,\"no split\")", v.Shares is { } s3 ? s3.Supplier : "no split", Percent);
            if (chart.MarketPoints.Count > 0)
            {
                var mp = chart.MarketPoints[0];
                row++;
                sh.Set(row, lc, Label("IRR at the market price, today's system price"));
                var (cell, note) = FlowsIrrCell("1", "In_MarketPrice", mp.Irr, SupplierPricing.Today, mp.Price);
                sh.Set(row, vc, cell);
                if (note is not null) sh.Set(row, vc + 1, Label(note));
            }

            // Curve block (left).
            sh.Set(2, 1, Label("System price multiplier"));
            sh.Set(3, 1, Label("Floor price, $/GPU-hour"));
            sh.Set(4, 1, Label("Capex per GPU"));
            for (var j = 0; j < k; j++)
            {
                var col = j + 2;
                var curve = chart.Curves[j];
                var mc = A1.Column(col) + "$2";
                var capex = CapexModel.Compute(system, SupplierPricing.Scaled(curve.Multiplier), _s.NetworkTier).PerGpu;
                sh.Set(1, col, F($"=\"IRR at x\"&TEXT(In_ChartMultiplier{j + 1},\"0.0#\")", $"IRR at x{curve.Multiplier.ToString("0.0#", CultureInfo.InvariantCulture)}", null));
                sh.Set(2, col, F($"=In_ChartMultiplier{j + 1}", curve.Multiplier, Number));
                sh.Set(3, col, F("=" + FloorFormula($"{A1.Column(col)}$4"), curve.FloorPrice, MoneyHour));
                sh.Set(4, col, F($"=Capex_NonSupplier+{mc}*Capex_SupplierToday", capex, Money));
            }
            for (var i = 0; i < n; i++)
            {
                var r = 5 + i;
                sh.Set(r, 1, F($"=Chart_Low+(Chart_High-Chart_Low)*{i}/{n - 1}", prices[i], MoneyHour));
                var notes = new List<string>();
                for (var j = 0; j < k; j++)
                {
                    var curve = chart.Curves[j];
                    var (cell, note) = FlowsIrrCell($"{A1.Column(j + 2)}$2", $"$A{r}", curve.Points[i].Irr, SupplierPricing.Scaled(curve.Multiplier), prices[i]);
                    sh.Set(r, j + 2, cell);
                    if (note is not null) notes.Add($"{A1.Cell(r, j + 2)} (x{curve.Multiplier.ToString("0.0#", CultureInfo.InvariantCulture)}): {note}");
                }
                if (notes.Count > 0) sh.Set(r, nc, Label(string.Join(" | ", notes)));
            }
        }

        // The spreadsheet's IRR started from the engine's monthly rate, so that among several roots it settles
        // on the engine's. Should that fail (an input edited since the export moved the root far), again from
        // 1% a month, then (deep losses, monthly IRR far below zero) from a guess near the root.
        private static string IrrExpression(string range, double engineMonthly, string fallbackGuess) =>
            $"IFERROR(IRR({range},{N(engineMonthly)}),IFERROR(IRR({range},{N(IrrGuess)}),IRR({range},{fallbackGuess})))";

        // The flows at (multiplier, price) as an array: ChartFlows B + multiplier x C + price x D.
        private string FlowsArray(string multiplier, string price)
        {
            var last = _lastMonth + 3;
            return $"(ChartFlows!$B$3:$B${last}+{multiplier}*ChartFlows!$C$3:$C${last}+{price}*ChartFlows!$D$3:$D${last})";
        }

        // The One Chart's IRR cell at (multiplier, price): with the engine's annual IRR, an array formula (braces)
        // for the annual IRR of the flows there, started from the engine's rate; without, the engine's reason (at a
        // borrowing rate, that rate named as such: the curve has no return there and the chart leaves a gap).
        // Beside it goes the note naming every root where the flows have several (null otherwise).
        private (SheetCell Cell, string? Note) FlowsIrrCell(string multiplier, string price, double? engineAnnual, SupplierPricing pricing, double priceValue)
        {
            var solved = IrrSolver.SolveReturn(RentalProject.NetCashFlows(RentalInputs.For(system, _s, priceValue, pricing)), Rates.AnnualToMonthly(_s.HurdleRate));
            var note = SeveralRootsNote(solved);
            var flows = FlowsArray(multiplier, price);
            var fallback = $"(SUM(IF({flows}>0,{flows},0))/-SUM(IF({flows}<0,{flows},0)))^(2/(Cf_Horizon+1))-1";
            var cell = IrrCell(solved, engineAnnual is { } annual ? Rates.AnnualToMonthly(annual) : null,
                guess => "{=" + GuardedIrr(flows, "(1+" + IrrExpression(flows, guess, fallback) + ")^12-1") + "}", Percent);
            return (engineAnnual is { } a ? cell with { Value = a } : cell, note);
        }

        // An IRR cell from the engine's solve of its flows and the rate it reports per month (null: none). With a
        // rate, the formula started from it. Without, the engine's reason: by the formula, which says it live,
        // when the flows lack an outflow or an inflow; else as fixed text (any IRR() here would pick some root).
        private static SheetCell IrrCell(IrrResult engine, double? monthly, Func<double, string> formula, string format)
        {
            if (monthly is { } m) return F(formula(m), m, format, rate: true);
            var reason = NoIrrText(engine);
            return reason == NoOutflowText || reason == NoInflowText ? F(formula(IrrGuess), reason, format) : Label(reason);
        }

        // The engine's reasons for flows without an outflow or without an inflow, as its solver words them.
        private static readonly string NoOutflowText = NoIrrText(IrrSolver.Solve([1.0, 1.0]));
        private static readonly string NoInflowText = NoIrrText(IrrSolver.Solve([-1.0, -1.0]));

        // The engine's reason where the flows (a range or an array) lack an outflow or an inflow, else the rate expression.
        private static string GuardedIrr(string flows, string rate) =>
            $"IF(SUMPRODUCT(({flows}<0)*1)=0,{Quote(NoOutflowText)},IF(SUMPRODUCT(({flows}>0)*1)=0,{Quote(NoInflowText)},{rate}))";

        private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        private string FloorFormula(string capex) =>
            $"-(-{capex}-(Tco_Electricity+Tco_Colocation+In_MaintenanceShare*{capex}/In_HoursPerYear)*In_HoursPerMonth*Chart_AF+In_ContractResidualShare*{capex}*Chart_XH+In_DebtShare*{capex}*Chart_DebtPv)/Chart_B";

        private double FloorPrice(CapexBreakdown capex)
        {
            return Pricing.FloorPrice.Compute(new RentalInputs(capex.PerGpu,
                Gpunomics.Tco.TcoModel.OperatingLines(system, capex.PerGpu, _s.Operations).Sum(l => l.PerGpuHour), 0, _s.Contract,
                _s.Financing.IsNone ? null : _s.Financing), _s.HurdleRate);
        }

        // ---------- ChartFlows ----------
        private void BuildChartFlows(OneChart.OneChartModel chart)
        {
            var sh = NewSheet(ChartFlows, ("Month", 10), ("At price 0, multiplier 0", 16), ("Per unit of multiplier", 16), ("Per $1/GPU-hour", 16));
            sh.FreezeRows = 2;
            sh.Set(2, 1, Label("The One Chart's flows at system price multiplier M and price P are B + M x C + P x D; its IRR cells take them as arrays."));
            var zero = RentalInputs.For(system, _s, 0, SupplierPricing.Scaled(0));
            var u = RentalProject.NetCashFlows(zero);
            var vM = RentalProject.NetCashFlows(RentalInputs.For(system, _s, 0, SupplierPricing.Scaled(1)));
            var wP = RentalProject.NetCashFlows(zero with { PricePerGpuHour = 1 });
            const string billing = "AND({0}>In_SetupMonths,{0}<=Cf_Horizon)";
            for (var m = 0; m <= _lastMonth; m++)
            {
                var r = m + 3;
                var a = "$A" + r;
                var bill = string.Format(CultureInfo.InvariantCulture, billing, a);
                sh.Set(r, 1, m == 0 ? new SheetCell(0.0, null, Integer, CellRole.Derived) : F($"=A{r - 1}+1", (double)m, Integer));
                double At(double[] f, int i) => i < f.Length ? f[i] : 0.0;
                sh.Set(r, 2, F($"=IF({a}=0,-Capex_NonSupplier,0)+IF({bill},-(Tco_Electricity+Tco_Colocation+In_MaintenanceShare*Capex_NonSupplier/In_HoursPerYear)*In_HoursPerMonth,0)+IF({a}=Cf_Horizon,In_ContractResidualShare*Capex_NonSupplier,0)+In_DebtShare*Capex_NonSupplier*CashFlows!$V${m + 2}",
                    At(u, m), Money));
                sh.Set(r, 3, F($"=IF({a}=0,-Capex_SupplierToday,0)+IF({bill},-(In_MaintenanceShare*Capex_SupplierToday/In_HoursPerYear)*In_HoursPerMonth,0)+IF({a}=Cf_Horizon,In_ContractResidualShare*Capex_SupplierToday,0)+In_DebtShare*Capex_SupplierToday*CashFlows!$V${m + 2}",
                    At(vM, m) - At(u, m), Money));
                sh.Set(r, 4, F($"=IF({a}=0,In_PrepayShare*In_HoursPerMonth*In_BilledUtilization*In_TermMonths,0)+IF({bill},In_HoursPerMonth*In_BilledUtilization*(1-In_PrepayShare),0)",
                    At(wP, m) - At(u, m), Money));
            }
        }
    }
}
