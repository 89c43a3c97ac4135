using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.OneChart;

/// <summary>One point of an IRR-versus-price curve.</summary>
/// <param name="Price">Rental price, $ per GPU-hour.</param>
/// <param name="Irr">Annual effective project IRR where it is a return, or null where there is none: no rate makes NPV zero, several do, or the only one is a borrowing rate (<see cref="Status"/>).</param>
/// <param name="Npv">NPV at the hurdle, $ per GPU: the hurdle decision (at least zero beats it), which every point has.</param>
/// <param name="Status">Why <paramref name="Irr"/> is null, or <see cref="Batch.IrrStatus.Converged"/> with a return.</param>
public sealed record OneChartPoint(double Price, double? Irr, double Npv, Batch.IrrStatus Status = Batch.IrrStatus.Converged);

/// <summary>The IRR-versus-price curve at one system price multiplier.</summary>
/// <param name="Multiplier">System price multiplier (1.0 = today).</param>
/// <param name="FloorPrice">Where the curve crosses the hurdle, $ per GPU-hour.</param>
/// <param name="Points">The curve.</param>
public sealed record OneChartCurve(double Multiplier, double FloorPrice, IReadOnlyList<OneChartPoint> Points);

/// <summary>An observed market price and the IRR it earns at today's system price.</summary>
/// <param name="Label">What the observation is.</param>
/// <param name="Price">$ per GPU-hour.</param>
/// <param name="Irr">Annual effective IRR at today's system price, or null.</param>
public sealed record MarketPoint(string Label, double Price, double? Irr);

/// <summary>The value pool's shares: each in [0, 1], summing to 1.</summary>
/// <param name="Renter">Renter's share of the pool.</param>
/// <param name="Neocloud">Neocloud's share of the pool.</param>
/// <param name="Supplier">System supplier's share of the pool.</param>
public readonly record struct ValueShares(double Renter, double Neocloud, double Supplier);

/// <summary>
/// Who keeps what at a price P, $ per GPU-hour: renter surplus = ceiling - P; neocloud excess =
/// P - floor at today's system price; supplier margin = floor today - floor with the system sold at
/// component cost. Shares are of the pool, ceiling - floor at cost, and exist only when every part is
/// non-negative (floor at cost &lt;= floor today &lt;= P &lt;= ceiling); otherwise <see cref="Note"/> says
/// in words why there is no split (methodology: "The One Chart").
/// </summary>
public sealed record ValueSplit(double Price, double Renter, double Neocloud, double Supplier)
{
    /// <summary>The value pool: ceiling - floor at component cost, $ per GPU-hour (negative when the ceiling is below that floor).</summary>
    public double Pool => Renter + Neocloud + Supplier;

    /// <summary>Floor at today's system price, $ per GPU-hour (P - neocloud excess).</summary>
    public double Floor => Price - Neocloud;

    /// <summary>Value-based ceiling, $ per GPU-hour (P + renter surplus).</summary>
    public double Ceiling => Price + Renter;

    /// <summary>True when every part is non-negative and the pool positive, so the shares mean something.</summary>
    public bool IsSplit => Renter >= 0 && Neocloud >= 0 && Supplier >= 0 && Pool > 0;

    /// <summary>The shares of the pool, or null when there is no split (see <see cref="Note"/>).</summary>
    public ValueShares? Shares => IsSplit ? new ValueShares(Renter / Pool, Neocloud / Pool, Supplier / Pool) : null;

    /// <summary><c>split</c>, or <c>no split</c> when a part is negative or the pool empty.</summary>
    public string Status => IsSplit ? "split" : "no split";

    /// <summary>Why there is no split, in words (null when there is one).</summary>
    public string? Note
    {
        get
        {
            if (IsSplit) return null;
            var why = new List<string>();
            if (Neocloud < 0) why.Add($"price {Money(Price)} is below the floor {Money(Floor)}: the neocloud loses {Money(-Neocloud)}/GPU-hour against its hurdle");
            if (Renter < 0) why.Add($"price {Money(Price)} is above the ceiling {Money(Ceiling)}: the renter pays {Money(-Renter)}/GPU-hour more than the compute is worth against the incumbent");
            if (Supplier < 0) why.Add($"the system is priced below component cost: the supplier gives up {Money(-Supplier)}/GPU-hour");
            if (why.Count == 0) why.Add($"the ceiling {Money(Ceiling)} leaves no value above the floor at component cost");
            return string.Join("; ", why) + "; no split";
        }
    }

    private static string Money(double v) => v.ToString("$0.00", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Everything the One Chart shows for one system (methodology: "The One Chart").</summary>
public sealed record OneChartModel
{
    /// <summary>The system.</summary>
    public required AcceleratorSystem System { get; init; }
    /// <summary>Hurdle IRR (annual effective).</summary>
    public required double Hurdle { get; init; }
    /// <summary>Value-based ceiling, $ per GPU-hour.</summary>
    public required double Ceiling { get; init; }
    /// <summary>Precision of the ceiling and of the $/PFLOP-hour axis.</summary>
    public required ThroughputBasis Basis { get; init; }
    /// <summary>PFLOPS per GPU at <see cref="Basis"/>: divide $/GPU-hour by it for $/PFLOP-hour.</summary>
    public required double Pflops { get; init; }
    /// <summary>Floor at the current system price (today's unless a multiplier was given), $ per GPU-hour.</summary>
    public required double FloorPrice { get; init; }
    /// <summary>Floor with the system sold at component cost, $ per GPU-hour.</summary>
    public required double FloorAtComponentCost { get; init; }
    /// <summary>
    /// System price multiplier whose floor equals the ceiling, or null (with <see cref="MaxSystemPriceNote"/>) when there
    /// is none: the floor does not move with the system price, or the ceiling lies below the floor even with the system
    /// sold at component cost (a multiplier there would mean selling below cost, or a negative price).
    /// </summary>
    public required double? MaxSystemPriceMultiplier { get; init; }
    /// <summary>Why there is no maximum system price, or null when there is one.</summary>
    public string? MaxSystemPriceNote { get; init; }
    /// <summary>One curve per multiplier.</summary>
    public required IReadOnlyList<OneChartCurve> Curves { get; init; }
    /// <summary>Observed market prices on today's curve.</summary>
    public required IReadOnlyList<MarketPoint> MarketPoints { get; init; }
    /// <summary>The value split at <see cref="ValueSplit.Price"/>.</summary>
    public required ValueSplit ValueSplit { get; init; }
    /// <summary>What the curves' IRR is: project IRR, or with debt or tax the equity's or after tax (<see cref="ProjectFinancing.IrrName"/>).</summary>
    public string IrrName { get; init; } = ProjectFinancing.None.IrrName;
    /// <summary>The asset life the curves and floors assume (<see cref="AssetLife.AssetLifeFlows.Description"/>); null: the life ends with the first contract.</summary>
    public string? Life { get; init; }
    /// <summary>
    /// Where the curves have no return and why (the curve leaves a gap there and the floor is where NPV at the hurdle
    /// is zero); null when every point has one.
    /// </summary>
    public string? Note { get; init; }
}

/// <summary>Builds the One Chart: project IRR against rental price, one curve per system price multiplier.</summary>
public static class OneChartBuilder
{
    /// <summary>Builds the chart model.</summary>
    /// <param name="system">The system (scenario overrides already applied).</param>
    /// <param name="scenario">Assumptions.</param>
    /// <param name="multipliers">System price multipliers, one curve each.</param>
    /// <param name="ceiling">Value-based ceiling, $ per GPU-hour.</param>
    /// <param name="valueSplitPrice">Price for the value split; null: the system's market price, else today's floor.</param>
    /// <param name="pointsPerCurve">Points per curve (at least 2).</param>
    /// <param name="currentMultiplier">The system price taken as today's for the floor and the value split (1.0 = today's list price).</param>
    public static OneChartModel Build(AcceleratorSystem system, Scenario scenario, IReadOnlyList<double> multipliers,
        double ceiling, double? valueSplitPrice = null, int pointsPerCurve = 61, double currentMultiplier = 1.0)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(multipliers);
        if (pointsPerCurve < 2) throw new ArgumentOutOfRangeException(nameof(pointsPerCurve), pointsPerCurve, "must be at least 2");
        var hurdle = scenario.HurdleRate;
        // With tax the floor is a root search: the batch engine's, over arrays (the scalar model's walks the schedule).
        double Floor(SupplierPricing p) => scenario.Financing.HasTax
            ? Batch.RentalBatchEvaluator.Floor(RentalInputs.For(system, scenario, 0, p), hurdle)
            : FloorPrice.Compute(RentalInputs.For(system, scenario, 0, p), hurdle);

        var floors = multipliers.Select(m => Floor(SupplierPricing.Scaled(m))).ToList();
        var floorToday = Floor(SupplierPricing.Scaled(currentMultiplier));
        var floorAtCost = Floor(SupplierPricing.ComponentCost);
        double FloorAt(double m) => Floor(SupplierPricing.Scaled(m));
        var maxMultiplier = !scenario.Financing.AffineInPrice ? MultiplierAt(ceiling, FloorAt) : AffineMultiplierAt(ceiling, FloorAt);

        var lo = 0.5 * Math.Min(floors.Min(), floorToday);
        var hi = 1.15 * Math.Max(ceiling, floors.Max());
        var prices = Enumerable.Range(0, pointsPerCurve).Select(i => lo + (hi - lo) * i / (pointsPerCurve - 1)).ToList();
        var points = CurvePoints(system, scenario, multipliers, prices);
        var curves = multipliers.Select((m, i) =>
            new OneChartCurve(m, floors[i], [.. points.Skip(i * prices.Count).Take(prices.Count)])).ToList();

        var market = new List<MarketPoint>();
        if (system.MarketPricePerGpuHour is { } mp)
            market.Add(new MarketPoint("market price", mp, Irr(system, scenario, mp, SupplierPricing.Scaled(currentMultiplier))));

        var splitPrice = valueSplitPrice ?? system.MarketPricePerGpuHour ?? floorToday;
        var pflops = system.Pflops(scenario.Ceiling.Basis)
            ?? throw new ArgumentException($"{system.Id} does not market {scenario.Ceiling.Basis} throughput", nameof(system));
        return new OneChartModel
        {
            IrrName = scenario.Financing.IrrName,
            Life = scenario.AssetLife.IsOn ? RentalInputs.For(system, scenario, 0, SupplierPricing.Scaled(currentMultiplier)).Life!.Description : null,
            System = system,
            Hurdle = hurdle,
            Ceiling = ceiling,
            Basis = scenario.Ceiling.Basis,
            Pflops = pflops,
            FloorPrice = floorToday,
            FloorAtComponentCost = floorAtCost,
            MaxSystemPriceMultiplier = ceiling < floorAtCost ? null : maxMultiplier,
            MaxSystemPriceNote = ceiling < floorAtCost
                ? $"no maximum system price: the ceiling ${ceiling:0.00} is below the floor with the system sold at component cost (${floorAtCost:0.00}), so no system price above cost leaves the renter's value above the neocloud's floor"
                : maxMultiplier is null ? "no maximum system price: the floor does not move with the system price" : null,
            Curves = curves,
            MarketPoints = market,
            ValueSplit = new ValueSplit(splitPrice, ceiling - splitPrice, splitPrice - floorToday, floorToday - floorAtCost),
            Note = NoReturnNote(points, scenario.Financing.IrrName),
        };
    }

    private static string? NoReturnNote(IReadOnlyList<OneChartPoint> points, string irrName)
    {
        var borrowing = points.Where(p => p.Status == Batch.IrrStatus.BorrowingRate).ToList();
        var other = points.Count(p => p.Irr is null && p.Status != Batch.IrrStatus.BorrowingRate);
        if (borrowing.Count == 0 && other == 0) return null;
        var parts = new List<string>();
        if (borrowing.Count > 0)
            parts.Add($"at {borrowing.Count} of {points.Count} points (prices {borrowing.Min(p => p.Price).ToString("$0.00", System.Globalization.CultureInfo.InvariantCulture)} to " +
                $"{borrowing.Max(p => p.Price).ToString("$0.00", System.Globalization.CultureInfo.InvariantCulture)}) the prepayment takes in more than month 0 pays out and NPV rises with the rate: " +
                "the rate making NPV zero is the cost of the money received, not a return, and is not drawn");
        if (other > 0) parts.Add($"at {other} of {points.Count} points no single rate makes NPV zero");
        return $"No {irrName} where the curve has a gap: {string.Join("; ", parts)}. The floor is where NPV at the hurdle is zero, and each point's NPV at the hurdle decides it.";
    }

    // Without tax, capex and so the floor are affine in the multiplier: floor(M) = f0 + M (f1 - f0).
    private static double? AffineMultiplierAt(double ceiling, Func<double, double> floor)
    {
        var f0 = floor(0);
        var slope = floor(1) - f0;
        return slope > 1e-12 ? (ceiling - f0) / slope : null;
    }

    // With tax the floor still rises with the multiplier (a dearer system costs more than its tax shield
    // saves), but not on a line: the crossing within 1e-10. The floor is near a line in the multiplier, so the secant
    // through the bracket's ends lands next to it: the floors 5e-11 either side of the secant confirm it (a bracket
    // 1e-10 wide) or shrink the bracket to one side; bisection where the secant leaves the bracket or after eight
    // secants. Null when even a free system's floor is above the ceiling.
    private static double? MultiplierAt(double ceiling, Func<double, double> floor)
    {
        var fLo = floor(0) - ceiling;
        if (fLo > 0) return null;
        double lo = 0, hi = 1;
        var fHi = floor(hi) - ceiling;
        for (var i = 0; fHi < 0; i++)
        {
            if (i == 30) return null;
            (lo, fLo) = (hi, fHi);
            hi *= 2;
            fHi = floor(hi) - ceiling;
        }
        for (var secants = 0; hi - lo > 1e-10; secants++)
        {
            var secant = lo - fLo * (hi - lo) / (fHi - fLo);
            if (secants < 8 && secant > lo && secant < hi)
            {
                double a = Math.Max(lo, secant - 5e-11), b = Math.Min(hi, secant + 5e-11);
                var fa = floor(a) - ceiling;
                if (!(fa < 0)) { (hi, fHi) = (a, fa); continue; }
                (lo, fLo) = (a, fa);
                var fb = floor(b) - ceiling;
                if (fb < 0) (lo, fLo) = (b, fb); else (hi, fHi) = (b, fb);
                continue;
            }
            var mid = 0.5 * (lo + hi);
            var fMid = floor(mid) - ceiling;
            if (fMid < 0) (lo, fLo) = (mid, fMid); else (hi, fHi) = (mid, fMid);
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Every curve point's IRR and NPV at the hurdle in one batch: the rental flows are level (month 0, then equal
    /// months, then a residual), and with debt and tax computed over arrays, so the batch evaluator gives the scalar
    /// model's answers at a fraction of the cost.
    /// </summary>
    private static OneChartPoint[] CurvePoints(AcceleratorSystem system, Scenario scenario, IReadOnlyList<double> multipliers, IReadOnlyList<double> prices)
    {
        // A loan of another shape than the level one and an asset life make the flows uneven: each point through the scalar model.
        if (!scenario.Financing.IsLevelLoan || scenario.AssetLife.IsOn)
            return [.. multipliers.SelectMany(m => prices.Select(p => Point(system, scenario, p, SupplierPricing.Scaled(m))))];
        var count = multipliers.Count * prices.Count;
        var batch = new Batch.RentalBatch(count) { Financing = scenario.Financing.IsNone ? null : scenario.Financing };
        for (var i = 0; i < multipliers.Count; i++)
        {
            // Capex and opex depend on the system price only; the price enters each point's flows linearly.
            var inputs = RentalInputs.For(system, scenario, 0, SupplierPricing.Scaled(multipliers[i]));
            for (var j = 0; j < prices.Count; j++) batch.Set(i * prices.Count + j, inputs with { PricePerGpuHour = prices[j] }, scenario.HurdleRate);
        }
        var results = new Batch.RentalBatchResults(count);
        // The curves' floors are computed once each above, not at every point.
        Batch.RentalBatchEvaluator.Evaluate(batch, results, new Batch.BatchOptions(MaxDegreeOfParallelism: 1) { WithoutFloors = true });
        return [.. Enumerable.Range(0, count).Select(k => new OneChartPoint(prices[k % prices.Count],
            results.Status[k] == Batch.IrrStatus.Converged ? results.Irr[k] : null, results.Npv[k], results.Status[k]))];
    }

    private static OneChartPoint Point(AcceleratorSystem system, Scenario scenario, double price, SupplierPricing pricing)
    {
        var flows = RentalProject.NetCashFlows(RentalInputs.For(system, scenario, price, pricing));
        var monthlyHurdle = Rates.AnnualToMonthly(scenario.HurdleRate);
        var irr = IrrSolver.SolveReturn(flows, monthlyHurdle);
        return new OneChartPoint(price, irr.RatePerPeriod is { } monthly ? Rates.MonthlyToAnnual(monthly) : null,
            Rates.Npv(monthlyHurdle, flows), Batch.BatchIrr.StatusOf(irr, flows));
    }

    private static double? Irr(AcceleratorSystem system, Scenario scenario, double price, SupplierPricing pricing) =>
        Point(system, scenario, price, pricing).Irr;
}
