using Gpunomics.Catalog;
using Gpunomics.Inputs;
using Gpunomics.Scenarios;

namespace Gpunomics.Calibration;

/// <summary>How a figure's tolerance is measured.</summary>
public enum ToleranceKind
{
    /// <summary>A share of the published value (0.03 = 3%).</summary>
    Relative,
    /// <summary>In the figure's own unit (an IRR's 0.01 = 1 percentage point).</summary>
    Absolute,
}

/// <summary>A published figure the calibration fits (a target) or only reports (a check).</summary>
/// <param name="Id">The figure's id in <see cref="PublishedFigures"/>, e.g. <c>gb300-nvl72.tcoPerGpuHour</c>.</param>
/// <param name="Description">The figure as published.</param>
/// <param name="Value">The published value.</param>
/// <param name="Unit">The figure's unit.</param>
/// <param name="Tolerance">How far the model may be from it.</param>
/// <param name="Kind">Whether <paramref name="Tolerance"/> is relative or absolute.</param>
/// <param name="Weight">Weight of its squared normalized residual in the objective; 0 for a check.</param>
public sealed record FigureSpec(string Id, string Description, double Value, string Unit, double Tolerance, ToleranceKind Kind, double Weight)
{
    /// <summary>True when the solve fits this figure.</summary>
    public bool Fitted => Weight > 0;
}

/// <summary>A free parameter and its bounds, each with the reason for it.</summary>
/// <param name="Key">Scenario key path, e.g. <c>finance.costOfCapital</c> or <c>systems.vr-nvl72.computeSystem</c>.</param>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound.</param>
/// <param name="MinReason">Why the lower bound is where it is.</param>
/// <param name="MaxReason">Why the upper bound is where it is.</param>
public sealed record FreeParameterSpec(string Key, double Min, double Max, string MinReason, string MaxReason);

/// <summary>
/// The premises of a reading of the published text. <see cref="Gb300DealPrice"/>: the rental price at which the
/// illustrative GB300 deployment earns its published IRR; null reads it as the published market price
/// (<see cref="PublishedFigures.Gb300MarketPrice"/>). <see cref="Owner"/>: whose cost of capital the published TCOs
/// carry (an <see cref="OwnerProfiles"/> id), or null to keep the scenario's.
/// </summary>
/// <param name="Gb300DealPrice">The illustrative GB300 deal's price, $/GPU-hour, or null for the market price.</param>
public sealed record CalibrationPremises(double? Gb300DealPrice)
{
    /// <summary>The owner profile whose cost of capital the reading assumes, or null (the scenario's).</summary>
    public string? Owner { get; init; }

    /// <summary>The deal's price under this reading, $/GPU-hour.</summary>
    public double DealPrice => Gb300DealPrice ?? PublishedFigures.Gb300MarketPrice;

    /// <summary><paramref name="scenario"/> with the reading's premises on it (the owner's cost of capital).</summary>
    public Scenario ApplyTo(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (OwnerProfiles.Find(Owner) is not { } owner) return scenario;
        return scenario with { Finance = scenario.Finance with { CostOfCapital = owner.CostOfCapital, Owner = owner.Id } };
    }
}

/// <summary>
/// A calibration: which published figures are targets (with weight and tolerance) and which are checks, which
/// scenario assumptions are free and within what bounds, and the premises of the reading (methodology: "Calibration").
/// </summary>
/// <param name="Name">The reading's name.</param>
/// <param name="Description">What the reading assumes.</param>
/// <param name="Premises">The reading's premises.</param>
/// <param name="Figures">Targets and checks, each published figure once.</param>
/// <param name="Free">The free parameters.</param>
public sealed record CalibrationSpec(string Name, string Description, CalibrationPremises Premises, IReadOnlyList<FigureSpec> Figures, IReadOnlyList<FreeParameterSpec> Free);

/// <summary>
/// The scenario assumptions a calibration may set free: key, the declared input it is checked against, and how to
/// read and write it on a scenario.
/// </summary>
public static class FreeParameters
{
    /// <summary>A free parameter's access on a scenario.</summary>
    internal sealed record Access(ModelInput Input, Func<Scenario, HardwareCatalog, double> Get, Func<Scenario, double, Scenario> Set);

    private static readonly Dictionary<string, Access> Shared = new(StringComparer.Ordinal)
    {
        ["finance.costOfCapital"] = new(ModelInputs.CostOfCapital, (s, _) => s.Finance.CostOfCapital, (s, v) => s with { Finance = s.Finance with { CostOfCapital = v } }),
        ["finance.usefulLifeYears"] = new(ModelInputs.UsefulLifeYears, (s, _) => s.Finance.UsefulLifeYears, (s, v) => s with { Finance = s.Finance with { UsefulLifeYears = v } }),
        ["finance.residualValueShare"] = new(ModelInputs.TcoResidual, (s, _) => s.Finance.ResidualValueShare, (s, v) => s with { Finance = s.Finance with { ResidualValueShare = v } }),
        ["operations.electricityPricePerKwh"] = new(ModelInputs.ElectricityPrice, (s, _) => s.Operations.ElectricityPricePerKwh, (s, v) => s with { Operations = s.Operations with { ElectricityPricePerKwh = v } }),
        ["operations.pue"] = new(ModelInputs.Pue, (s, _) => s.Operations.Pue, (s, v) => s with { Operations = s.Operations with { Pue = v } }),
        ["operations.colocationPerKwMonth"] = new(ModelInputs.Colocation, (s, _) => s.Operations.ColocationPerKwMonth, (s, v) => s with { Operations = s.Operations with { ColocationPerKwMonth = v } }),
        ["operations.maintenanceShareOfCapexPerYear"] = new(ModelInputs.Maintenance, (s, _) => s.Operations.MaintenanceShareOfCapexPerYear, (s, v) => s with { Operations = s.Operations with { MaintenanceShareOfCapexPerYear = v } }),
    };

    /// <summary>The keys a calibration may set free (<c>&lt;id&gt;</c>: any catalog system; <c>&lt;id&gt;+&lt;id&gt;</c>: one price for systems on the same board).</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Shared.Keys, "systems.<id>.computeSystem", "systems.<id>+<id>.computeSystem"];

    /// <summary>The access for <paramref name="key"/>, or null when it cannot be free.</summary>
    internal static Access? Find(string key, HardwareCatalog catalog)
    {
        if (Shared.TryGetValue(key, out var a)) return a;
        var parts = key.Split('.');
        if (parts.Length != 3 || parts[0] != "systems" || parts[2] != "computeSystem") return null;
        // Several ids joined by '+' share one price: systems built on the same board move together.
        var ids = new List<string>();
        foreach (var id in parts[1].Split('+'))
        {
            if (!catalog.TryGet(id, out var system) || ids.Contains(system.Id)) return null;
            ids.Add(system.Id);
        }
        // The free figure is the first system's quoted compute system (with its HBM and NICs), as a scenario's
        // computeSystem is; the others on the board take the same compute system without HBM and NICs, each quoted
        // with its own HBM and NICs.
        return new(ModelInputs.ComputeSystem,
            (s, c) => s.Systems.TryGetValue(ids[0], out var o) && o.ComputeSystem is { } quoted ? quoted : c.Get(ids[0]).Capex.QuotedComputeSystem(s.NetworkTier),
            (s, v) =>
            {
                var systems = new Dictionary<string, SystemOverride>(s.Systems, StringComparer.OrdinalIgnoreCase);
                SystemOverride Prior(string id) => systems.TryGetValue(id, out var o) ? o : new SystemOverride();
                var board = v - catalog.Get(ids[0]).Capex.HeldInQuote(s.NetworkTier);
                foreach (var id in ids)
                    systems[id] = Prior(id) with { ComputeSystem = board + catalog.Get(id).Capex.HeldInQuote(s.NetworkTier) };
                return s with { Systems = systems };
            });
    }
}
