using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Comparison;

/// <summary>A figure, or why there is none (never a stand-in number).</summary>
/// <param name="Value">The figure, in its measure's unit; null when there is none.</param>
/// <param name="None">Why there is no figure; null with one.</param>
public sealed record Figure(double? Value, string? None)
{
    /// <summary>A figure.</summary>
    public static Figure Of(double value) => new(value, null);

    /// <summary>No figure, and why.</summary>
    public static Figure Without(string reason) => new(null, reason);
}

/// <summary>An input whose value differs between the two scenarios.</summary>
/// <param name="Key">Scenario-file key.</param>
/// <param name="A">Its value in scenario A (see <see cref="ScenarioSetting.Value"/>).</param>
/// <param name="B">Its value in scenario B.</param>
public sealed record InputDifference(string Key, object? A, object? B);

/// <summary>One headline output under both scenarios and the change from A to B.</summary>
/// <param name="Name">What it measures, e.g. <c>floor</c>.</param>
/// <param name="Unit">Its unit, e.g. <c>$/GPU-hour</c>; an IRR is an annual fraction and its difference a difference of fractions.</param>
/// <param name="A">Under scenario A.</param>
/// <param name="B">Under scenario B.</param>
/// <param name="Difference">B - A, or none (and why) when either has no figure or the two are not the same measure.</param>
public sealed record MeasureComparison(string Name, string Unit, Figure A, Figure B, Figure Difference);

/// <summary>A system's headline outputs under both scenarios.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="Measures">Capex, TCO, floor, ceiling, headroom, market price, and IRR, NPV and payback at the market price.</param>
public sealed record SystemComparison(string SystemId, IReadOnlyList<MeasureComparison> Measures);

/// <summary>Two scenarios compared: the inputs that differ and each system's headline outputs under both.</summary>
/// <param name="NameA">Scenario A's name.</param>
/// <param name="NameB">Scenario B's name.</param>
/// <param name="Inputs">The inputs whose values differ, in the scenario file's order.</param>
/// <param name="Systems">Each system compared.</param>
public sealed record ScenarioDifference(string NameA, string NameB, IReadOnlyList<InputDifference> Inputs, IReadOnlyList<SystemComparison> Systems);

/// <summary>
/// Compares two scenarios over one catalog: which inputs differ, and what each system's headline outputs are under
/// each and how they change (methodology: "Comparing two scenarios"). Pure.
/// </summary>
public static class ScenarioComparison
{
    /// <summary>The measures compared, in order, by name.</summary>
    public static IReadOnlyList<string> MeasureNames { get; } =
    [
        "capex per GPU", "TCO per GPU-hour", "floor", "value-based ceiling", "headroom (ceiling - floor)", "market price",
        "IRR at the market price", "NPV at the hurdle, at the market price", "payback month at the market price",
    ];

    /// <summary>
    /// Compares <paramref name="a"/> with <paramref name="b"/> over <paramref name="catalog"/> for <paramref name="systemIds"/>
    /// (each in the catalog).
    /// </summary>
    /// <exception cref="ArgumentException">When a system id is not in the catalog.</exception>
    public static ScenarioDifference Compare(HardwareCatalog catalog, Scenario a, Scenario b, IReadOnlyList<string> systemIds)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(systemIds);
        foreach (var id in systemIds)
            if (!catalog.TryGet(id, out _)) throw new ArgumentException($"unknown system '{id}'", nameof(systemIds));
        // Every system either scenario overrides, so that an override shows even for a system not compared.
        var overridden = a.Systems.Keys.Concat(b.Systems.Keys).Where(id => catalog.TryGet(id, out _))
            .Select(id => catalog.Get(id).Id).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var settingsA = ScenarioSettings.Of(a, catalog, overridden);
        var settingsB = ScenarioSettings.Of(b, catalog, overridden).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var inputs = settingsA
            .Where(s => settingsB.TryGetValue(s.Key, out var vb) && !Equals(s.Value, vb))
            .Select(s => new InputDifference(s.Key, s.Value, settingsB[s.Key]))
            .ToList();
        var modelA = new EconomicsModel(catalog, a);
        var modelB = new EconomicsModel(catalog, b);
        var systems = systemIds.Select(id => catalog.Get(id).Id).Distinct(StringComparer.Ordinal)
            .Select(id => Compare(id, Headlines.Of(modelA, id), Headlines.Of(modelB, id)))
            .ToList();
        return new ScenarioDifference(a.Name, b.Name, inputs, systems);
    }

    private static SystemComparison Compare(string id, Headlines a, Headlines b)
    {
        var irrDifference = a.IrrName == b.IrrName ? null : $"A's is the {a.IrrName}, B's the {b.IrrName}";
        MeasureComparison M(string name, string unit, Figure fa, Figure fb, string? notComparable = null) =>
            new(name, unit, fa, fb, Difference(fa, fb, notComparable));
        return new SystemComparison(id,
        [
            M(MeasureNames[0], "$ per GPU", a.Capex, b.Capex),
            M(MeasureNames[1], "$/GPU-hour", a.Tco, b.Tco),
            M(MeasureNames[2], "$/GPU-hour", a.Floor, b.Floor),
            M(MeasureNames[3], "$/GPU-hour", a.Ceiling, b.Ceiling),
            M(MeasureNames[4], "$/GPU-hour", a.Headroom, b.Headroom),
            M(MeasureNames[5], "$/GPU-hour", a.MarketPrice, b.MarketPrice),
            M(MeasureNames[6], "annual", a.Irr, b.Irr, irrDifference),
            M(MeasureNames[7], "$ per GPU", a.Npv, b.Npv),
            M(MeasureNames[8], "month", a.Payback, b.Payback),
        ]);
    }

    private static Figure Difference(Figure a, Figure b, string? notComparable)
    {
        if (a.Value is { } x && b.Value is { } y) return notComparable is null ? Figure.Of(y - x) : Figure.Without(notComparable);
        return Figure.Without(a.Value is null && b.Value is null ? "neither has a figure" : a.Value is null ? "none in A" : "none in B");
    }

    // A system's headline outputs under one scenario.
    private sealed record Headlines(Figure Capex, Figure Tco, Figure Floor, Figure Ceiling, Figure Headroom, Figure MarketPrice,
        Figure Irr, Figure Npv, Figure Payback, string IrrName)
    {
        public static Headlines Of(EconomicsModel model, string id)
        {
            var s = model.System(id);
            var scenario = model.Scenario;
            var irrName = scenario.Financing.IrrName;
            var ceiling = s.Pflops(scenario.Ceiling.Basis) is null
                ? Figure.Without($"{s.Id} does not market {scenario.Ceiling.Basis.Key}, the scenario's ceiling precision")
                : Figure.Of(model.Ceiling(s.Id));
            var market = s.MarketPricePerGpuHour is { } mp ? Figure.Of(mp) : Figure.Without("not in the catalog or the scenario");
            if (!s.Capex.NetworkingByTier.ContainsKey(scenario.NetworkTier))
            {
                var none = Figure.Without($"{s.Id} has no networking price for tier '{scenario.NetworkTier}'");
                return new Headlines(none, none, none, ceiling, none, market, none, none, none, irrName);
            }
            var tco = model.Tco(s.Id);
            var floor = model.TryFloor(s.Id, out var f, out var noFloor) ? Figure.Of(f) : Figure.Without(noFloor ?? "no floor");
            var headroom = ceiling.Value is { } c && floor.Value is { } fl ? Figure.Of(c - fl)
                : Figure.Without(ceiling.Value is null ? "no ceiling" : "no floor");
            Figure irr, npv, payback;
            if (market.Value is { } price)
            {
                var r = model.Project(s.Id, price);
                irr = r.Irr is { } i ? Figure.Of(i) : Figure.Without(r.IrrNote ?? "no IRR");
                npv = Figure.Of(r.Npv);
                payback = r.PaybackMonth is { } m ? Figure.Of(m) : Figure.Without("never: " + (r.PaybackNote ?? "the cumulative cash flow ends below zero"));
            }
            else
            {
                irr = npv = payback = Figure.Without("no market price");
            }
            return new Headlines(Figure.Of(tco.Capex.PerGpu), Figure.Of(tco.PerGpuHour), floor, ceiling, headroom, market, irr, npv, payback, irrName);
        }
    }
}
