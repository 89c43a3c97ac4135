using System.Globalization;
using System.Text.Json;
using Gpunomics.AssetLife;
using Gpunomics.Catalog;
using Gpunomics.Financing;
using Gpunomics.Json;
using Gpunomics.Market;

namespace Gpunomics.Fleet;

/// <summary>
/// Reads a fleet file (JSON; format in docs/methodology.md, "Fleet"; schema <see cref="FleetSchema"/>). Every problem is
/// reported with the file, the row (the deployment's or contract's index and id), the key, the value and what is allowed.
/// </summary>
public static class FleetReader
{
    /// <summary>Most deployments or contracts in a file.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Longest life of a vintage, months (20 years).</summary>
    public const int MaxLifeMonths = 240;

    /// <summary>Longest contract, months (20 years).</summary>
    public const int MaxTermMonths = 240;

    /// <summary>Most GPUs in one deployment.</summary>
    public const int MaxGpus = 10_000_000;

    /// <summary>A vintage's life when the file gives none: 72 months, the built-in scenario's 6-year useful life.</summary>
    public const int DefaultLifeMonths = 72;

    /// <summary>Earliest and latest year a date may name.</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    /// <summary>Reads <paramref name="json"/>, the text of the file named <paramref name="source"/>, against <paramref name="catalog"/>.</summary>
    public static ReadResult<FleetDefinition> Read(string json, string source, HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<FleetDefinition>.Failure(errors);
        var r = new ObjectReader(doc.RootElement, source, "", errors);
        r.String("$schema", false, "must be a string: the address of the fleet file's JSON Schema");
        var name = r.String("name", true) ?? "";
        var description = r.String("description", false) ?? "";
        var hurdle = r.Number("hurdleRate", false, -0.99, 10, unit: "(annual effective; leave it out for the scenario's)");

        var deployments = new List<Deployment>();
        if (r.Array("deployments", true, 1, MaxRows) is { } ds)
            for (var i = 0; i < ds.Count; i++)
                if (Row(ds[i], "deployments", i, source, errors) is { } dr && ReadDeployment(dr, catalog) is { } d) deployments.Add(d);

        var contracts = new List<FleetContract>();
        if (r.Array("contracts", false, 0, MaxRows) is { } cs)
            for (var i = 0; i < cs.Count; i++)
                if (Row(cs[i], "contracts", i, source, errors) is { } cr && ReadContract(cr) is { } c) contracts.Add(c);

        var spot = new SpotMarket();
        if (r.Object("spot", false) is { } so) spot = ReadSpot(so, catalog);

        var defaults = DefaultAssumptions.Expected;
        if (r.Object("defaults", false) is { } dfo) defaults = ReadDefaults(dfo);

        FleetDebt? debt = null;
        if (r.Object("debt", false) is { } db) debt = ReadDebt(db);

        var residual = ResidualCurve.Default;
        if (r.Array("residualCurve", false, 1, 30) is { } rc)
        {
            var shares = new List<double>();
            for (var i = 0; i < rc.Count; i++)
            {
                if (rc[i].ValueKind == JsonValueKind.Number && rc[i].TryGetDouble(out var v) && v >= 0 && v <= 1) shares.Add(v);
                else errors.Add(new InputError(source, $"residualCurve[{i}]", ObjectReader.Show(rc[i]), "must be a number in [0, 1]: the resale value's share of capex at the end of that year of age"));
            }
            if (shares.Count == rc.Count)
            {
                if (ResidualCurve.Problem(shares) is { } bad) errors.Add(new InputError(source, "residualCurve", null, bad));
                else residual = new ResidualCurve(shares);
            }
        }
        r.RejectUnknownKeys();
        if (errors.Count == 0) Check(deployments, contracts, defaults, spot, source, errors);
        if (errors.Count > 0) return Failure(errors);
        return Success(new FleetDefinition
        {
            Name = name, Description = description, Deployments = deployments, Contracts = contracts, Spot = spot, Defaults = defaults,
            Debt = debt, HurdleRate = hurdle, Residual = residual,
        });
    }

    private static ReadResult<FleetDefinition> Failure(List<InputError> errors) => ReadResult<FleetDefinition>.Failure(errors);

    private static ReadResult<FleetDefinition> Success(FleetDefinition fleet) => ReadResult<FleetDefinition>.Success(fleet);

    // A row of an array: an object, named in messages by its index and id, e.g. contracts[3] (c-04).
    private static ObjectReader? Row(JsonElement e, string array, int i, string source, List<InputError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new InputError(source, $"{array}[{i}]", ObjectReader.Show(e), "must be an object { ... }"));
            return null;
        }
        var id = e.TryGetProperty("id", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new ObjectReader(e, source, id is null ? $"{array}[{i}]" : $"{array}[{i}] ({id})", errors);
    }

    private static Deployment? ReadDeployment(ObjectReader r, HardwareCatalog catalog)
    {
        var id = r.String("id", true);
        var systemText = r.String("system", true, $"must be a catalog system id: {string.Join(", ", catalog.Systems.Select(s => s.Id))}");
        string? system = null;
        if (systemText is not null)
        {
            if (catalog.TryGet(systemText, out var s)) system = s.Id;
            else r.Errors.Add(new InputError(r.Source, r.KeyPath("system"), $"\"{systemText}\"", $"must be a catalog system id: {string.Join(", ", catalog.Systems.Select(x => x.Id))}"));
        }
        var count = r.Integer("count", true, 1, MaxGpus, "GPUs");
        var date = Month(r, "date", true);
        var life = r.Number("lifeYears", false, 1.0 / 12, MaxLifeMonths / 12.0, unit: "years (whole months; default 6, the scenario's useful life)");
        var capex = r.Number("capexPerGpu", false, 0, 10_000_000, minExclusive: true, unit: "$ per GPU (leave it out for the capex model's)");
        var multiplier = r.Number("systemPriceMultiplier", false, 0, 100, minExclusive: true, unit: "(1 = today's system price)");
        if (capex is not null && multiplier is not null)
            r.Errors.Add(new InputError(r.Source, r.KeyPath("systemPriceMultiplier"), null, "give capexPerGpu or systemPriceMultiplier, not both: a given capex is not scaled"));
        var lifeMonths = life is { } y ? (int)Math.Round(y * 12) : DefaultLifeMonths;
        if (life is { } yl && Math.Abs(yl * 12 - lifeMonths) > 1e-9)
            r.Errors.Add(new InputError(r.Source, r.KeyPath("lifeYears"), yl.ToString("R", CultureInfo.InvariantCulture), "must be a whole number of months (years x 12 whole)"));
        r.RejectUnknownKeys();
        if (id is null || system is null || count is null || date is null) return null;
        return new Deployment(id, system, count.Value, date.Value, lifeMonths) { CapexPerGpu = capex, SystemPriceMultiplier = multiplier ?? 1.0 };
    }

    private static FleetContract? ReadContract(ObjectReader r)
    {
        var id = r.String("id", true);
        var renter = r.String("renter", true);
        var creditText = r.String("credit", true, $"must be {CostOfDebt.Allowed}");
        var credit = CostOfDebt.Find(creditText);
        if (creditText is not null && credit is null) r.Errors.Add(new InputError(r.Source, r.KeyPath("credit"), $"\"{creditText}\"", $"must be {CostOfDebt.Allowed}"));
        var deployment = r.String("deployment", true, "must be the id of a deployment in this file");
        var gpus = r.Integer("gpus", true, 1, MaxGpus, "GPUs");
        var start = Month(r, "start", true);
        var term = r.Integer("termMonths", true, 1, MaxTermMonths, "months");
        var price = r.Number("pricePerGpuHour", true, 0, 1000, unit: "$ per GPU-hour");
        var prepay = r.Number("prepayShare", false, 0, 1, maxExclusive: true, unit: "(share of the total contract value paid at the start)");
        var utilization = r.Number("utilization", false, 0, 1, minExclusive: true, unit: "(billed share of the hours; 1 = take-or-pay)");
        r.RejectUnknownKeys();
        if (id is null || renter is null || credit is null || deployment is null || gpus is null || start is null || term is null || price is null) return null;
        return new FleetContract(id, renter, credit.Value, deployment, gpus.Value, start.Value, term.Value, price.Value, prepay ?? 0, utilization ?? 1);
    }

    private static SpotMarket ReadSpot(ObjectReader r, HardwareCatalog catalog)
    {
        var spot = new SpotMarket();
        var pricingText = r.String("pricing", false, $"must be one of: {PricingTypes.Allowed}");
        var pricing = PricingType.OnDemand;
        if (pricingText is not null && !(PricingTypes.TryParse(pricingText, out pricing) && pricing.Name() == pricingText))
            r.Errors.Add(new InputError(r.Source, r.KeyPath("pricing"), $"\"{pricingText}\"", $"must be one of: {PricingTypes.Allowed}"));
        var utilization = r.Number("utilization", false, 0, 1, unit: "(share of uncontracted hours sold)");
        var change = r.Number("annualChange", false, -0.99, 10, unit: "(price change per year of age, e.g. -0.3)");
        var anchors = new Dictionary<string, SpotAnchor>(StringComparer.OrdinalIgnoreCase);
        if (r.Object("anchors", false) is { } a)
            foreach (var (key, value) in a.Members())
            {
                if (!catalog.TryGet(key, out var s))
                {
                    a.Error(key, null, $"unknown system id; known: {string.Join(", ", catalog.Systems.Select(x => x.Id))}");
                    continue;
                }
                if (value.ValueKind != JsonValueKind.Object)
                {
                    a.Error(key, value, "must be an object { \"date\": \"YYYY-MM\", \"pricePerGpuHour\": ... }");
                    continue;
                }
                var ar = new ObjectReader(value, r.Source, a.KeyPath(key), r.Errors);
                var date = Month(ar, "date", true);
                var price = ar.Number("pricePerGpuHour", true, 0, 1000, minExclusive: true, unit: "$ per GPU-hour");
                ar.RejectUnknownKeys();
                if (date is not null && price is not null) anchors[s.Id] = new SpotAnchor(date.Value, price.Value);
            }
        r.RejectUnknownKeys();
        return spot with { Pricing = pricing, Utilization = utilization ?? spot.Utilization, AnnualChange = change, Anchors = anchors };
    }

    private static DefaultAssumptions ReadDefaults(ObjectReader r)
    {
        var d = DefaultAssumptions.Expected;
        var modeText = r.String("mode", false, "must be \"expected\", \"none\" or \"scenario\"");
        var mode = modeText switch { "expected" => DefaultMode.Expected, "none" => DefaultMode.None, "scenario" => DefaultMode.Scenario, _ => (DefaultMode?)null };
        if (modeText is not null && mode is null) r.Errors.Add(new InputError(r.Source, r.KeyPath("mode"), $"\"{modeText}\"", "must be \"expected\", \"none\" or \"scenario\""));
        var ig = r.Number("investmentGradeProbability", false, 0, 1, maxExclusive: true, unit: "(annual default probability)");
        var nig = r.Number("nonInvestmentGradeProbability", false, 0, 1, maxExclusive: true, unit: "(annual default probability)");
        var recovery = r.Number("recovery", false, 0, 1, unit: "(share of the unpaid cash bills recovered)");
        var delay = r.Integer("releaseDelayMonths", false, 0, 120, "months");
        var events = new List<DefaultEvent>();
        if (r.Array("events", false, 0, MaxRows) is { } es)
            for (var i = 0; i < es.Count; i++)
            {
                if (es[i].ValueKind != JsonValueKind.Object)
                {
                    r.Errors.Add(new InputError(r.Source, $"{r.KeyPath("events")}[{i}]", ObjectReader.Show(es[i]), "must be an object { \"contract\": ID, \"date\": \"YYYY-MM\" }"));
                    continue;
                }
                var er = new ObjectReader(es[i], r.Source, $"{r.KeyPath("events")}[{i}]", r.Errors);
                var contract = er.String("contract", true, "must be the id of a contract in this file");
                var date = Month(er, "date", true);
                er.RejectUnknownKeys();
                if (contract is not null && date is not null) events.Add(new DefaultEvent(contract, date.Value));
            }
        var m = mode ?? (events.Count > 0 ? DefaultMode.Scenario : DefaultMode.Expected);
        if (m != DefaultMode.Scenario && events.Count > 0)
            r.Errors.Add(new InputError(r.Source, r.KeyPath("events"), null, $"named defaults apply only with defaults.mode \"scenario\" (the mode is \"{modeText}\")"));
        if (m == DefaultMode.Scenario && events.Count == 0)
            r.Errors.Add(new InputError(r.Source, r.KeyPath("events"), null, "is required with defaults.mode \"scenario\": at least one { \"contract\": ID, \"date\": \"YYYY-MM\" }"));
        r.RejectUnknownKeys();
        return d with
        {
            Mode = m,
            InvestmentGradeProbability = ig ?? d.InvestmentGradeProbability,
            NonInvestmentGradeProbability = nig ?? d.NonInvestmentGradeProbability,
            Recovery = recovery ?? d.Recovery,
            ReleaseDelayMonths = delay ?? d.ReleaseDelayMonths,
            Events = events,
        };
    }

    private static FleetDebt? ReadDebt(ObjectReader r)
    {
        var share = r.Number("share", true, 0, 1, maxExclusive: true, unit: "(loan as a share of each vintage's capex)");
        var rate = r.Number("rate", false, 0, 1, unit: "(annual effective)");
        var creditText = r.String("credit", false, $"must be {CostOfDebt.Allowed}");
        var credit = CostOfDebt.Find(creditText);
        if (creditText is not null && credit is null) r.Errors.Add(new InputError(r.Source, r.KeyPath("credit"), $"\"{creditText}\"", $"must be {CostOfDebt.Allowed}"));
        if (rate is not null && creditText is not null) r.Errors.Add(new InputError(r.Source, r.KeyPath("credit"), null, "give debt.rate or debt.credit (the rate set by the renters' credit), not both"));
        if (rate is null && creditText is null) r.Errors.Add(new InputError(r.Source, r.KeyPath("rate"), null, $"is required with a loan, unless debt.credit ({CostOfDebt.Allowed}) sets it"));
        var term = r.Integer("termMonths", false, 1, MaxLifeMonths, "months from each vintage's draw (default: its life)");
        var repaymentText = r.String("repayment", false, "must be \"level\" or \"balloon\"");
        var repayment = repaymentText switch { "level" => Repayment.Level, "balloon" => Repayment.Balloon, null => Repayment.Level, _ => (Repayment?)null };
        if (repayment is null) r.Errors.Add(new InputError(r.Source, r.KeyPath("repayment"), $"\"{repaymentText}\"", "must be \"level\" or \"balloon\""));
        var minDscr = r.Number("covenantMinDscr", false, 0, 100, minExclusive: true, unit: "x (fleet CFADS / fleet debt service)");
        var maxLtv = r.Number("covenantMaxLtv", false, 0, 10, minExclusive: true, unit: "(fleet debt / the GPUs' resale value)");
        r.RejectUnknownKeys();
        if (share is null || (rate is null && credit is null) || repayment is null) return null;
        return new FleetDebt(share.Value, rate ?? CostOfDebt.AnnualRate(credit!.Value, CostOfDebt.DefaultSofr), term)
        {
            Repayment = repayment.Value,
            CovenantMinDscr = minDscr,
            CovenantMaxLtv = maxLtv,
            RateNote = credit is { } c ? CostOfDebt.Text(c, CostOfDebt.DefaultSofr) : null,
        };
    }

    private static DateOnly? Month(ObjectReader r, string key, bool required)
    {
        var allowed = $"must be a month \"YYYY-MM\" from {MinYear}-01 to {MaxYear}-12";
        var text = r.String(key, required, allowed);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= MinYear && d.Year <= MaxYear) return d;
        r.Errors.Add(new InputError(r.Source, r.KeyPath(key), $"\"{text}\"", allowed));
        return null;
    }

    // What only the whole file shows: ids unique and known, each contract within its vintage's life, no vintage over-contracted.
    private static void Check(List<Deployment> deployments, List<FleetContract> contracts, DefaultAssumptions defaults, SpotMarket spot, string source, List<InputError> errors)
    {
        var byId = new Dictionary<string, Deployment>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < deployments.Count; i++)
            if (!byId.TryAdd(deployments[i].Id, deployments[i]))
                errors.Add(new InputError(source, $"deployments[{i}] ({deployments[i].Id}).id", $"\"{deployments[i].Id}\"", "must be unique: another deployment has this id"));
        var contractIds = new Dictionary<string, FleetContract>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < contracts.Count; i++)
        {
            var c = contracts[i];
            var row = $"contracts[{i}] ({c.Id})";
            if (!contractIds.TryAdd(c.Id, c))
                errors.Add(new InputError(source, row + ".id", $"\"{c.Id}\"", "must be unique: another contract has this id"));
            if (!byId.TryGetValue(c.DeploymentId, out var d))
            {
                errors.Add(new InputError(source, row + ".deployment", $"\"{c.DeploymentId}\"", $"must be the id of a deployment in this file: {string.Join(", ", deployments.Select(x => x.Id))}"));
                continue;
            }
            if (c.Start < d.Date)
                errors.Add(new InputError(source, row + ".start", $"\"{FleetDates.Text(c.Start)}\"", $"must be no earlier than its deployment's date, {FleetDates.Text(d.Date)} ({d.Id})"));
            var lastBilled = c.Start.AddMonths(c.TermMonths - 1);
            var lastOperated = d.Date.AddMonths(d.LifeMonths - 1);
            if (c.Start > lastOperated)
                errors.Add(new InputError(source, row + ".start", $"\"{FleetDates.Text(c.Start)}\"",
                    $"must be within {d.Id}'s life: it ends {FleetDates.Text(lastOperated)} ({d.LifeMonths} months from {FleetDates.Text(d.Date)})"));
            else if (lastBilled > lastOperated)
                errors.Add(new InputError(source, row + ".termMonths", c.TermMonths.ToString(CultureInfo.InvariantCulture),
                    $"the contract would bill to {FleetDates.Text(lastBilled)}, after {d.Id}'s life ends ({FleetDates.Text(lastOperated)}, {d.LifeMonths} months from {FleetDates.Text(d.Date)}): at most {FleetDates.MonthsBetween(c.Start, lastOperated) + 1} months from this start"));
            if (c.Gpus > d.Gpus)
                errors.Add(new InputError(source, row + ".gpus", c.Gpus.ToString(CultureInfo.InvariantCulture), $"must be at most {d.Gpus}, the GPUs of {d.Id}"));
        }
        if (errors.Count > 0) return;
        // GPUs on contract at once, month by month, within each vintage's count: the contract that overflows is named.
        foreach (var d in deployments)
        {
            var on = new Dictionary<int, int>();
            for (var i = 0; i < contracts.Count; i++)
            {
                var c = contracts[i];
                if (!string.Equals(c.DeploymentId, d.Id, StringComparison.OrdinalIgnoreCase)) continue;
                var s = FleetDates.MonthsBetween(d.Date, c.Start);
                for (var k = 0; k < c.TermMonths; k++)
                {
                    on[s + k] = on.GetValueOrDefault(s + k) + c.Gpus;
                    if (on[s + k] > d.Gpus)
                    {
                        errors.Add(new InputError(source, $"contracts[{i}] ({c.Id}).gpus", c.Gpus.ToString(CultureInfo.InvariantCulture),
                            $"puts {on[s + k]} GPUs of {d.Id} on contract in {FleetDates.Text(d.Date.AddMonths(s + k))}, more than its {d.Gpus}: at most {d.Gpus - on[s + k] + c.Gpus} then"));
                        break;
                    }
                }
            }
        }
        for (var i = 0; i < defaults.Events.Count; i++)
        {
            var e = defaults.Events[i];
            var path = $"defaults.events[{i}]";
            if (!contractIds.TryGetValue(e.ContractId, out var c))
            {
                errors.Add(new InputError(source, path + ".contract", $"\"{e.ContractId}\"", $"must be the id of a contract in this file: {string.Join(", ", contracts.Select(x => x.Id))}"));
                continue;
            }
            if (defaults.Events.Take(i).Any(x => string.Equals(x.ContractId, e.ContractId, StringComparison.OrdinalIgnoreCase)))
                errors.Add(new InputError(source, path + ".contract", $"\"{e.ContractId}\"", "defaults once: another event names this contract"));
            var last = c.Start.AddMonths(c.TermMonths - 1);
            if (e.Date < c.Start || e.Date > last)
                errors.Add(new InputError(source, path + ".date", $"\"{FleetDates.Text(e.Date)}\"", $"must be a month {c.Id} bills: {FleetDates.Text(c.Start)} to {FleetDates.Text(last)}"));
        }
        foreach (var (system, _) in spot.Anchors)
            if (!deployments.Any(d => string.Equals(d.SystemId, system, StringComparison.OrdinalIgnoreCase)))
                errors.Add(new InputError(source, $"spot.anchors.{system}", null, $"no deployment is of {system}: anchor a deployed system ({string.Join(", ", deployments.Select(d => d.SystemId).Distinct())})"));
    }
}
