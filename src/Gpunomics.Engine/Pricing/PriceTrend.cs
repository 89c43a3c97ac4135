using Gpunomics.Catalog;

namespace Gpunomics.Pricing;

/// <summary>One system's observed rental price per PFLOP-hour against the fitted trend.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="LaunchYear">Launch as a fractional year.</param>
/// <param name="PricePerPflopHour">Observed $ per PFLOP-hour.</param>
/// <param name="TrendPerPflopHour">Trend $ per PFLOP-hour at that launch date.</param>
public sealed record TrendPoint(string SystemId, double LaunchYear, double PricePerPflopHour, double TrendPerPflopHour)
{
    /// <summary>Observed / trend - 1: positive above trend, negative below.</summary>
    public double DeviationFromTrend => PricePerPflopHour / TrendPerPflopHour - 1.0;
}

/// <summary>The cross-section of today's prices: a log-linear fit ln(today's price per PFLOP-hour) = a + b x launch year.</summary>
/// <param name="Intercept">a.</param>
/// <param name="SlopePerYear">b, per year.</param>
/// <param name="Basis">Precision of the PFLOPS.</param>
/// <param name="Points">The observations and their deviation from trend.</param>
public sealed record PriceTrendFit(double Intercept, double SlopePerYear, ThroughputBasis Basis, IReadOnlyList<TrendPoint> Points)
{
    /// <summary>Change of the trend price per year, e.g. -0.45 for 45% cheaper each year: e^b - 1.</summary>
    public double AnnualChange => Math.Exp(SlopePerYear) - 1.0;

    /// <summary>Trend $ per PFLOP-hour at a fractional year.</summary>
    public double At(double year) => Math.Exp(Intercept + SlopePerYear * year);
}

/// <summary>
/// The cross-section of today's prices: today's market rental price per PFLOP-hour of every catalog system against
/// its launch date (methodology: "Trend"). It mixes age with progress (older generations are priced today, not at
/// their launch); the launch trend is <see cref="LaunchTrend"/>.
/// </summary>
public static class PriceTrend
{
    /// <summary>Fits over every system that has a market price and markets <paramref name="basis"/>; null with fewer than two.</summary>
    public static PriceTrendFit? Fit(IEnumerable<AcceleratorSystem> systems, ThroughputBasis basis)
    {
        var obs = systems
            .Where(s => s.MarketPricePerGpuHour is > 0 && s.Pflops(basis) is > 0)
            .Select(s => (s.Id, X: s.Launch.DecimalYear, Y: s.MarketPricePerGpuHour!.Value / s.Pflops(basis)!.Value))
            .ToList();
        if (obs.Count < 2 || obs.Select(o => o.X).Distinct().Count() < 2) return null;
        var mx = obs.Average(o => o.X);
        var my = obs.Average(o => Math.Log(o.Y));
        var sxy = obs.Sum(o => (o.X - mx) * (Math.Log(o.Y) - my));
        var sxx = obs.Sum(o => (o.X - mx) * (o.X - mx));
        var b = sxy / sxx;
        var a = my - b * mx;
        var points = obs.Select(o => new TrendPoint(o.Id, o.X, o.Y, Math.Exp(a + b * o.X))).ToList();
        return new PriceTrendFit(a, b, basis, points);
    }
}
