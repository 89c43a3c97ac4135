using System.Text.Json;
using Gpunomics.AssetLife;
using Gpunomics.Catalog;
using Gpunomics.Financing;
using Gpunomics.Inputs;
using Gpunomics.Json;

namespace Gpunomics.Scenarios;

/// <summary>
/// Reads a scenario file (JSON; format in docs/methodology.md, "Scenario files"). A file read over a
/// base scenario may hold any subset of keys and overrides just those; a file read without a base
/// must hold every key. Unknown keys, wrong types and out-of-range values are errors naming the
/// source, the key, the value and the allowed range.
/// </summary>
public static class ScenarioReader
{
    /// <summary>Reads <paramref name="json"/> over <paramref name="baseScenario"/> (null: every key required).</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="baseScenario">Scenario whose values the file overrides, or null.</param>
    /// <param name="catalog">The catalog that system ids must exist in.</param>
    /// <param name="skipSystemsNotInCatalog">
    /// True for the built-in scenario read over a catalog of one's own: its per-system values and report systems
    /// apply only to the systems that catalog holds. False (a user's file): an unknown system id is an error.
    /// </param>
    public static ReadResult<Scenario> Read(string json, string source, Scenario? baseScenario, HardwareCatalog catalog, bool skipSystemsNotInCatalog = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<Scenario>.Failure(errors);
        var full = baseScenario is null;
        var b = baseScenario;
        var r = new ObjectReader(doc.RootElement, source, "", errors);

        r.String("$schema", false, "must be a string: the address of the scenario file's JSON Schema"); // for editors only
        var name = r.String("name", full) ?? b?.Name ?? "";
        var description = r.String("description", false) ?? b?.Description ?? "";

        var finance = b?.Finance;
        if (r.Object("finance", full) is { } f)
        {
            // The cost of capital is an owner profile's sourced rate or a number of its own; a file gives one or the other.
            var ownerText = f.String("owner", false, $"must be one of {OwnerProfiles.Allowed}");
            var owner = OwnerProfiles.Find(ownerText);
            if (ownerText is not null && owner is null)
                errors.Add(new InputError(source, f.KeyPath("owner"), $"\"{ownerText}\"", $"must be one of {OwnerProfiles.Allowed}"));
            var rate = f.Number(ModelInputs.CostOfCapital, full && ownerText is null);
            if (rate is not null && ownerText is not null)
                errors.Add(new InputError(source, f.KeyPath("costOfCapital"), null, $"give finance.owner ({OwnerProfiles.Allowed}) or finance.costOfCapital, not both"));
            finance = new FinanceAssumptions(
                rate ?? owner?.CostOfCapital ?? b?.Finance.CostOfCapital ?? 0,
                f.Number(ModelInputs.UsefulLifeYears, full) ?? b?.Finance.UsefulLifeYears ?? 1,
                f.Number(ModelInputs.TcoResidual, full) ?? b?.Finance.ResidualValueShare ?? 0)
            {
                Owner = rate is not null ? null : owner?.Id ?? b?.Finance.Owner,
            };
            f.RejectUnknownKeys();
        }

        var ops = b?.Operations;
        if (r.Object("operations", full) is { } o)
        {
            ops = new OperatingAssumptions(
                o.Number(ModelInputs.ElectricityPrice, full) ?? b?.Operations.ElectricityPricePerKwh ?? 0,
                o.Number(ModelInputs.Pue, full) ?? b?.Operations.Pue ?? 1,
                o.Number(ModelInputs.Colocation, full) ?? b?.Operations.ColocationPerKwMonth ?? 0,
                o.Number(ModelInputs.Maintenance, full) ?? b?.Operations.MaintenanceShareOfCapexPerYear ?? 0)
            {
                // Optional even in a full file: without them there is no insurance line and power is drawn at nameplate.
                InsuranceShareOfCapexPerYear = o.Number(ModelInputs.Insurance, false) ?? b?.Operations.InsuranceShareOfCapexPerYear ?? 0,
                PowerDrawShare = o.Number(ModelInputs.PowerDrawShare, false) ?? b?.Operations.PowerDrawShare ?? 1,
                IdlePowerShare = o.Number(ModelInputs.IdlePowerShare, false) ?? b?.Operations.IdlePowerShare ?? 1,
            };
            o.RejectUnknownKeys();
        }

        var contract = b?.Contract;
        if (r.Object("contract", full) is { } c)
        {
            contract = new ContractTerms(
                (int?)c.Number(ModelInputs.TermMonths, full) ?? b?.Contract.TermMonths ?? 1,
                c.Number(ModelInputs.Prepay, full) ?? b?.Contract.PrepayShare ?? 0,
                c.Number(ModelInputs.Utilization, full) ?? b?.Contract.BilledUtilization ?? 1,
                (int?)c.Number(ModelInputs.SetupMonths, full) ?? b?.Contract.SetupMonths ?? 0,
                c.Number(ModelInputs.Residual, full) ?? b?.Contract.ResidualValueShare ?? 0);
            c.RejectUnknownKeys();
        }

        // Debt and tax are optional even in a full file: without them the project is unlevered and pre-tax.
        var financing = b?.Financing ?? ProjectFinancing.None;
        if (r.Object("debt", false) is { } d)
        {
            financing = ReadDebt(d, financing, contract, source, errors);
            d.RejectUnknownKeys();
        }
        if (r.Object("tax", false) is { } tx)
        {
            financing = financing with
            {
                TaxRate = tx.Number(ModelInputs.TaxRate, false) ?? financing.TaxRate,
                DepreciationYears = tx.Number(ModelInputs.DepreciationYears, false) ?? financing.DepreciationYears,
            };
            tx.RejectUnknownKeys();
        }

        // The asset's life after the first contract: optional even in a full file; on once it has a useful life.
        var assetLife = b?.AssetLife ?? AssetLifeAssumptions.Off;
        if (r.Object("assetLife", false) is { } al)
        {
            var prices = NumberList(al, ModelInputs.ReleasePrice, source, errors);
            var curve = NumberList(al, ModelInputs.ResidualCurveShare, source, errors);
            if (curve is not null && ResidualCurve.Problem(curve) is { } bad)
            {
                errors.Add(new InputError(source, al.KeyPath("residualCurve"), null, $"{bad}; each share in [0, 1], none above the one before"));
                curve = null;
            }
            var sourceText = al.String("releasePriceSource", false, $"must be one of: {ReleasePriceSources.Allowed}");
            ReleasePriceSource? priceSource = null;
            if (sourceText is not null)
            {
                if (ReleasePriceSources.TryParse(sourceText, out var ps)) priceSource = ps;
                else errors.Add(new InputError(source, al.KeyPath("releasePriceSource"), $"\"{sourceText}\"", $"must be one of: {ReleasePriceSources.Allowed} (or give the price path releasePricesPerGpuHour instead)"));
                if (prices is not null)
                    errors.Add(new InputError(source, al.KeyPath("releasePriceSource"), $"\"{sourceText}\"", "give a price source or a price path (releasePricesPerGpuHour), not both"));
            }
            assetLife = assetLife with
            {
                UsefulLifeYears = al.Number(ModelInputs.AssetLifeYears, false) ?? assetLife.UsefulLifeYears,
                ReleasePrices = priceSource is not null ? null : prices ?? assetLife.ReleasePrices,
                Source = priceSource ?? assetLife.Source,
                ReleaseBelowTrend = al.Number(ModelInputs.ReleaseBelowTrend, false) ?? assetLife.ReleaseBelowTrend,
                ReleaseBelowCurve = al.Number(ModelInputs.ReleaseBelowCurve, false) ?? assetLife.ReleaseBelowCurve,
                ReleaseUtilization = al.Number(ModelInputs.ReleaseUtilization, false) ?? assetLife.ReleaseUtilization,
                RampMonths = (int?)al.Number(ModelInputs.RampMonths, false) ?? assetLife.RampMonths,
                RampStartShare = al.Number(ModelInputs.RampStartShare, false) ?? assetLife.RampStartShare,
                UncontractedShare = al.Number(ModelInputs.UncontractedShare, false) ?? assetLife.UncontractedShare,
                SpotPricePerGpuHour = al.Number(ModelInputs.SpotPrice, false) ?? assetLife.SpotPricePerGpuHour,
                Residual = curve is null ? assetLife.Residual : new ResidualCurve(curve),
                StartYear = al.Number(ModelInputs.StartYear, false) ?? assetLife.StartYear,
            };
            al.RejectUnknownKeys();
        }

        var hurdle = r.Number(ModelInputs.Hurdle, full) ?? b?.HurdleRate ?? 0;

        var ceiling = b?.Ceiling;
        if (r.Object("ceiling", full) is { } ce)
        {
            var price = ce.Number(ModelInputs.ReferencePricePerPflopHour, full);
            var basisText = ce.String("precision", full, $"must be one of {PrecisionNames.Allowed} (append Sparse for a sparse figure)");
            var basis = b?.Ceiling.Basis ?? new ThroughputBasis(Precision.Fp8, false);
            if (basisText is not null && !ThroughputBasis.TryParse(basisText, out basis))
                errors.Add(new InputError(source, ce.KeyPath("precision"), $"\"{basisText}\"", $"must be one of {PrecisionNames.Allowed} (append Sparse for a sparse figure)"));
            ce.RejectUnknownKeys();
            ceiling = new CeilingAssumptions(price ?? b?.Ceiling.ReferencePricePerPflopHour ?? 1, basis);
        }

        var tier = r.String("networkTier", full) ?? b?.NetworkTier ?? "";

        var multipliers = b?.ChartMultipliers;
        if (r.Array("chartMultipliers", full, 1, ModelInputs.ChartMultiplier.MaxCount!.Value) is { } ms)
        {
            var list = new List<double>();
            for (var i = 0; i < ms.Count; i++)
            {
                if (ms[i].ValueKind == JsonValueKind.Number && ms[i].TryGetDouble(out var m) && ModelInputs.ChartMultiplier.Check(m) is null) list.Add(m);
                else errors.Add(new InputError(source, $"chartMultipliers[{i}]", ObjectReader.Show(ms[i]), $"must be a number: {ModelInputs.ChartMultiplier.Allowed}"));
            }
            multipliers = list;
        }

        var reportSystems = b?.ReportSystems;
        if (r.Array("reportSystems", full, 1, 100) is { } rs)
        {
            var list = new List<string>();
            for (var i = 0; i < rs.Count; i++)
            {
                var id = rs[i].ValueKind == JsonValueKind.String ? rs[i].GetString() : null;
                if (id is not null && catalog.TryGet(id, out var s)) list.Add(s.Id);
                else if (skipSystemsNotInCatalog && id is not null) continue;
                else errors.Add(new InputError(source, $"reportSystems[{i}]", ObjectReader.Show(rs[i]), $"must be a catalog system id: {string.Join(", ", catalog.Systems.Select(x => x.Id))}"));
            }
            // A built-in list none of whose systems the catalog holds reports every system the catalog holds.
            reportSystems = list.Count == 0 && skipSystemsNotInCatalog ? [.. catalog.Systems.Select(x => x.Id)] : list;
        }

        var systems = new Dictionary<string, SystemOverride>(b?.Systems ?? new Dictionary<string, SystemOverride>(), StringComparer.OrdinalIgnoreCase);
        if (r.Object("systems", false) is { } sys)
        {
            foreach (var (id, value) in sys.Members())
            {
                if (!catalog.TryGet(id, out var system))
                {
                    if (skipSystemsNotInCatalog) continue;
                    sys.Error(id, null, $"unknown system id; known: {string.Join(", ", catalog.Systems.Select(x => x.Id))}");
                    continue;
                }
                if (value.ValueKind != JsonValueKind.Object)
                {
                    sys.Error(id, value, "must be an object { ... }");
                    continue;
                }
                var prior = systems.TryGetValue(system.Id, out var p) ? p : new SystemOverride();
                systems[system.Id] = ReadOverride(new ObjectReader(value, source, sys.KeyPath(id), errors), prior);
            }
        }

        r.RejectUnknownKeys();
        if (errors.Count == 0) CheckNetworkTier(tier, catalog, systems, source, errors);
        if (errors.Count == 0) CheckQuotedComputeSystems(tier, catalog, systems, source, errors);
        if (errors.Count > 0) return ReadResult<Scenario>.Failure(errors);
        return ReadResult<Scenario>.Success(new Scenario
        {
            Name = name, Description = description, Finance = finance!, Operations = ops!, Contract = contract!,
            Financing = financing, AssetLife = assetLife, HurdleRate = hurdle, Ceiling = ceiling!, NetworkTier = tier, ChartMultipliers = multipliers!,
            ReportSystems = reportSystems!, Systems = systems,
        });
    }

    // The loan: its share, rate and term, and its shape (methodology: "Project finance"). The rate is given, or set by
    // the renter's credit; the size is a share of capex, the largest meeting a minimum DSCR, or a maximum LTV. A file
    // gives one of each; shape keys are checked against each other once there is a loan.
    private static ProjectFinancing ReadDebt(ObjectReader d, ProjectFinancing financing, ContractTerms? contract, string source, List<InputError> errors)
    {
        var rate = d.Number(ModelInputs.DebtRate, false);
        var hadDebt = financing.HasDebt;
        var loan = financing.Loan;
        var share = d.Number(ModelInputs.DebtShare, false);
        var minDscr = d.Number(ModelInputs.DebtMinDscr, false);
        var maxLtv = d.Number(ModelInputs.DebtMaxLtv, false);
        var basisText = d.String("ltvBasis", false, $"must be {DebtSizing.AllowedBases}");
        var basis = DebtSizing.FindBasis(basisText);
        if (basisText is not null && basis is null) errors.Add(new InputError(source, d.KeyPath("ltvBasis"), $"\"{basisText}\"", $"must be {DebtSizing.AllowedBases}"));
        // debt.minDscr and debt.maxLtv together: the lesser of the two loans (the LTV caps the DSCR's loan).
        if (share > 0 && (minDscr is not null || maxLtv is not null))
            errors.Add(new InputError(source, d.KeyPath(minDscr is not null ? "minDscr" : "maxLtv"), null,
                $"the loan is sized one way: give debt.share, or debt.minDscr and/or debt.maxLtv, not debt.share and {(minDscr is not null ? "debt.minDscr" : "debt.maxLtv")}"));
        if (share > 0 || minDscr is not null || maxLtv is not null)
            loan = loan with
            {
                Sizing = minDscr is { } md ? new DebtSizing(DebtSizingMethod.MinDscr, md, basis ?? LtvBasis.Capex, maxLtv)
                    : maxLtv is { } ml ? new DebtSizing(DebtSizingMethod.MaxLtv, ml, basis ?? LtvBasis.Capex)
                    : null,
            };
        else if (basis is { } b && loan.Sizing is { Method: DebtSizingMethod.MaxLtv } or { MaxLtv: not null }) loan = loan with { Sizing = loan.Sizing! with { Basis = b } };

        var repaymentText = d.String("repayment", false, $"must be {RepaymentNames.Allowed}");
        var repayment = RepaymentNames.Find(repaymentText);
        if (repaymentText is not null && repayment is null) errors.Add(new InputError(source, d.KeyPath("repayment"), $"\"{repaymentText}\"", $"must be {RepaymentNames.Allowed}"));
        var creditText = d.String("credit", false, $"must be {CostOfDebt.Allowed}");
        var credit = CostOfDebt.Find(creditText);
        if (creditText is not null && credit is null) errors.Add(new InputError(source, d.KeyPath("credit"), $"\"{creditText}\"", $"must be {CostOfDebt.Allowed}"));
        if (creditText is not null && rate is not null)
            errors.Add(new InputError(source, d.KeyPath("credit"), null, "give debt.rate or debt.credit (the rate set by the renter's credit), not both"));
        var sofr = d.Number(ModelInputs.DebtSofr, false);
        loan = loan with
        {
            Repayment = repayment ?? loan.Repayment,
            InterestOnlyMonths = (int?)d.Number(ModelInputs.DebtInterestOnlyMonths, false) ?? loan.InterestOnlyMonths,
            TargetDscr = d.Number(ModelInputs.DebtTargetDscr, false) ?? loan.TargetDscr,
            DrawMonths = (int?)d.Number(ModelInputs.DebtDrawMonths, false) ?? loan.DrawMonths,
            Credit = rate is not null ? null : credit ?? loan.Credit,
            Sofr = sofr ?? loan.Sofr,
            CovenantMinDscr = d.Number(ModelInputs.DebtCovenantMinDscr, false) ?? loan.CovenantMinDscr,
            CovenantMaxLtv = d.Number(ModelInputs.DebtCovenantMaxLtv, false) ?? loan.CovenantMaxLtv,
        };
        financing = financing with
        {
            DebtShare = minDscr is not null || maxLtv is not null ? 0 : share ?? financing.DebtShare,
            DebtRate = rate ?? (loan.Credit is { } c ? CostOfDebt.AnnualRate(c, loan.Sofr) : financing.DebtRate),
            DebtTermMonths = (int?)d.Number(ModelInputs.DebtTermMonths, false) ?? financing.DebtTermMonths,
            Loan = loan,
        };
        // Capex is spent within the project, loan or not.
        if (contract is not null && loan.DrawMonths > contract.SetupMonths + contract.TermMonths + 1)
            errors.Add(new InputError(source, d.KeyPath("drawMonths"), null,
                $"{loan.DrawMonths} spends capex after the project's last month, {contract.SetupMonths + contract.TermMonths} (setup + term): at most {contract.SetupMonths + contract.TermMonths + 1}"));
        // A loan has a rate of its own: no silent 0%.
        if (financing.HasDebt && rate is null && loan.Credit is null && !hadDebt && !d.Has("rate"))
            errors.Add(new InputError(source, d.KeyPath("rate"), null, $"is required with a loan (debt.share above 0, debt.minDscr or debt.maxLtv), unless debt.credit sets it: {ModelInputs.DebtRate.Allowed}"));
        if (!financing.HasDebt) return financing;

        // Contradictions in the loan's shape.
        if (loan.Repayment == Repayment.Sculpted && loan.TargetDscr is null)
            errors.Add(new InputError(source, d.KeyPath("targetDscr"), null, $"is required with debt.repayment \"sculpted\" (debt service = CFADS / target DSCR): {ModelInputs.DebtTargetDscr.Allowed}"));
        if (loan.Repayment != Repayment.Sculpted && loan.TargetDscr is { } target)
            errors.Add(new InputError(source, d.KeyPath("targetDscr"), null, $"{Num(target)} applies only to a sculpted loan: give debt.repayment \"sculpted\" (the loan is repaid {loan.Repayment.Key()}) or remove debt.targetDscr"));
        if (loan.Repayment == Repayment.Sculpted && loan.TargetDscr is { } t && loan.Sizing is { Method: DebtSizingMethod.MinDscr, Value: var min } && t < min)
            errors.Add(new InputError(source, d.KeyPath("targetDscr"), null, $"{Num(t)} is below debt.minDscr {Num(min)}: a loan sculpted to it never meets the minimum it is sized to"));
        if (basisText is not null && loan.Sizing is not ({ Method: DebtSizingMethod.MaxLtv } or { MaxLtv: not null }))
            errors.Add(new InputError(source, d.KeyPath("ltvBasis"), null, $"\"{basisText}\" applies only to a loan sized or capped by debt.maxLtv"));
        if (sofr is not null && loan.Credit is null)
            errors.Add(new InputError(source, d.KeyPath("sofr"), null, $"{Num(sofr.Value)} applies only to a rate set by debt.credit; the loan's rate was given (debt.rate)"));
        var term = financing.DebtTermMonths ?? contract?.TermMonths;
        var firstRepayment = Math.Max(loan.DrawMonths - 1, loan.InterestOnlyMonths) + 1;
        if (term is { } n && n < firstRepayment)
            errors.Add(new InputError(source, d.KeyPath(financing.DebtTermMonths is null ? "interestOnlyMonths" : "termMonths"), null,
                $"must leave a loan term ({n} months{(financing.DebtTermMonths is null ? ", the contract's" : "")}) reaching the first repayment month, {firstRepayment}: after the {loan.DrawMonths} draw month(s) and {loan.InterestOnlyMonths} interest-only month(s)"));
        return financing;
    }

    private static string Num(double v) => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture);

    // A list of numbers under an object's key, each checked against the input's declaration (key: the declaration's without "[]").
    private static List<double>? NumberList(ObjectReader r, ModelInput input, string source, List<InputError> errors)
    {
        var key = input.ScenarioKey![(input.ScenarioKey!.LastIndexOf('.') + 1)..^2];
        if (r.Array(key, false, 1, input.MaxCount!.Value) is not { } items) return null;
        var list = new List<double>();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.Number && items[i].TryGetDouble(out var v) && input.Check(v) is null) list.Add(v);
            else if (items[i].ValueKind == JsonValueKind.String && input.Read(items[i].GetString()!, out var p) is null) list.Add(p);
            else
            {
                errors.Add(new InputError(source, $"{r.KeyPath(key)}[{i}]", ObjectReader.Show(items[i]), $"must be a number: {input.Allowed}"));
                ok = false;
            }
        }
        return ok ? list : null;
    }

    // The tier must be one every system prices networking for (after this scenario's overrides), as --network-tier must.
    private static void CheckNetworkTier(string tier, HardwareCatalog catalog, IReadOnlyDictionary<string, SystemOverride> overrides, string source, List<InputError> errors)
    {
        var tiersBySystem = catalog.Systems.Select(s => (s.Id, Tiers: (overrides.TryGetValue(s.Id, out var o) ? o.ApplyTo(s, tier) : s).Capex.NetworkingByTier.Keys.ToList())).ToList();
        var lacking = tiersBySystem.Where(s => !s.Tiers.Contains(tier, StringComparer.Ordinal)).Select(s => s.Id).ToList();
        if (lacking.Count == 0) return;
        var common = tiersBySystem.Skip(1).Aggregate((IEnumerable<string>)tiersBySystem[0].Tiers, (acc, s) => acc.Intersect(s.Tiers, StringComparer.Ordinal)).ToList();
        errors.Add(new InputError(source, "networkTier", $"\"{tier}\"",
            $"must be a buyer tier every system prices networking for: {string.Join(", ", common.DefaultIfEmpty("(none in common)"))}" +
            (lacking.Count < tiersBySystem.Count ? $" ({string.Join(", ", lacking)} has no price for this one)" : "")));
    }

    // A quoted compute system holds the catalog's HBM line and NICs: it cannot be less than they are.
    private static void CheckQuotedComputeSystems(string tier, HardwareCatalog catalog, IReadOnlyDictionary<string, SystemOverride> overrides, string source, List<InputError> errors)
    {
        foreach (var (id, o) in overrides)
        {
            if (o.ComputeSystem is not { } quoted || !catalog.TryGet(id, out var s)) continue;
            var held = s.Capex.HeldInQuote(tier);
            if (quoted < held)
                errors.Add(new InputError(source, $"systems.{id}.computeSystem", quoted.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    $"must be at least {held.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}: the quoted compute system holds the catalog's HBM line and {tier} NICs, which cost that much"));
        }
    }

    private static SystemOverride ReadOverride(ObjectReader r, SystemOverride prior)
    {
        var result = prior with
        {
            ComputeSystem = r.Number(ModelInputs.ComputeSystem, false) ?? prior.ComputeSystem,
            SupplierGrossMargin = r.Number(ModelInputs.SupplierGrossMargin, false) ?? prior.SupplierGrossMargin,
            Storage = r.Number(ModelInputs.Storage, false) ?? prior.Storage,
            Installation = r.Number(ModelInputs.Installation, false) ?? prior.Installation,
            Other = r.Number(ModelInputs.OtherCapex, false) ?? prior.Other,
            MemoryCostPerGb = r.Number(ModelInputs.MemoryPrice, false) ?? prior.MemoryCostPerGb,
            MemoryGrossMargin = r.Number(ModelInputs.MemoryMargin, false) ?? prior.MemoryGrossMargin,
            HbmCostPerGb = r.Number(ModelInputs.HbmPrice, false) ?? prior.HbmCostPerGb,
            AllInKwPerGpu = r.Number(ModelInputs.AllInKwPerGpu, false) ?? prior.AllInKwPerGpu,
            MarketPricePerGpuHour = r.Number(ModelInputs.MarketPrice, false) ?? prior.MarketPricePerGpuHour,
            NetworkingByTier = CatalogReader.ReadTiers(r.Object("networking", false)) ?? prior.NetworkingByTier,
        };
        r.RejectUnknownKeys();
        return result;
    }
}
