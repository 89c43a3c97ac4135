using Gpunomics.Catalog;

namespace Gpunomics.Pricing;

/// <summary>One generation on the launch trend: its launch-era $ per PFLOP-hour against the fitted line.</summary>
/// <param name="Price">The row of the launch-price file.</param>
/// <param name="LaunchYear">Launch as a fractional year (the x of the fit).</param>
/// <param name="PflopsBasis">The precision whose PFLOPS divided the price: the trend's, or the narrowest wider one for a generation without it.</param>
/// <param name="Pflops">Dense PFLOPS per GPU at <paramref name="PflopsBasis"/>.</param>
/// <param name="PricePerPflopHour">Launch-era $ per PFLOP-hour: price / PFLOPS.</param>
/// <param name="TrendPerPflopHour">The fitted trend at the launch date, $ per PFLOP-hour.</param>
public sealed record LaunchTrendPoint(LaunchPrice Price, double LaunchYear, ThroughputBasis PflopsBasis, double Pflops, double PricePerPflopHour, double TrendPerPflopHour)
{
    /// <summary>True when the generation does not market the trend's precision and a wider precision's rate stands in.</summary>
    public bool Substituted { get; init; }

    /// <summary>ln(price) - ln(trend): the residual of the log-linear fit.</summary>
    public double LogResidual => Math.Log(PricePerPflopHour) - Math.Log(TrendPerPflopHour);

    /// <summary>Observed / trend - 1: positive above trend, negative below.</summary>
    public double DeviationFromTrend => PricePerPflopHour / TrendPerPflopHour - 1.0;
}

/// <summary>A generation left out of the fit, and why.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="Reason">Why it is not in the fit.</param>
public sealed record LaunchTrendExclusion(string SystemId, string Reason);

/// <summary>
/// The launch trend: ln($ per PFLOP-hour at launch) = a + b x launch year, by least squares over one row per
/// generation (methodology: "Trend"). Unlike the cross-section of today's prices it compares each generation
/// when it was new, so it measures progress between generations, not the ageing of the older ones.
/// </summary>
/// <param name="Intercept">a.</param>
/// <param name="SlopePerYear">b, per year.</param>
/// <param name="Basis">Precision of the PFLOPS (dense).</param>
/// <param name="RSquared">Share of the variance of ln($/PFLOP-hour) the line explains, 0 to 1; null when the generations' $/PFLOP-hour do not vary (nothing to explain).</param>
/// <param name="Points">The generations in the fit.</param>
/// <param name="Excluded">Generations of the file left out, with the reason.</param>
public sealed record LaunchTrendFit(double Intercept, double SlopePerYear, ThroughputBasis Basis, double? RSquared,
    IReadOnlyList<LaunchTrendPoint> Points, IReadOnlyList<LaunchTrendExclusion> Excluded)
{
    /// <summary>Number of generations in the fit.</summary>
    public int Count => Points.Count;

    /// <summary>Change of the trend price per year: e^b - 1 (e.g. -0.25 for 25% cheaper each year).</summary>
    public double AnnualChange => Math.Exp(SlopePerYear) - 1.0;

    /// <summary>Years for the trend price to halve, ln 2 / -b; null when the trend does not fall.</summary>
    public double? HalvingYears => SlopePerYear < -1e-12 ? Math.Log(2) / -SlopePerYear : null;

    /// <summary>The kinds of price in the fit (on-demand, contract, ...), in order of first appearance.</summary>
    public IReadOnlyList<string> PricingTypes => Points.Select(p => p.Price.PricingType).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Trend $ per PFLOP-hour at a fractional year: e^(a + b x year).</summary>
    public double At(double year) => Math.Exp(Intercept + SlopePerYear * year);

    /// <summary>Trend $ per PFLOP-hour on a date.</summary>
    public double At(DateOnly date) => At(LaunchTrend.DecimalYear(date));
}

/// <summary>Fits the launch trend of $ per PFLOP-hour across generations (methodology: "Trend").</summary>
public static class LaunchTrend
{
    /// <summary>A date as a fractional year: year + (day of year - 1) / days in the year.</summary>
    public static double DecimalYear(DateOnly date) => date.Year + (date.DayOfYear - 1) / (double)(DateTime.IsLeapYear(date.Year) ? 366 : 365);

    /// <summary>
    /// Dense PFLOPS per GPU of a row at <paramref name="basis"/>: the row's own TFLOPS when given, else the catalog's.
    /// A generation without units for a dense precision runs such work at the rate of the narrowest wider precision it
    /// has (FP4 on FP6, else FP8, else BF16; FP6, FP8 and INT8 on BF16), so that rate stands in and the point says so;
    /// null when none is marketed.
    /// </summary>
    public static (double Pflops, ThroughputBasis Basis, bool Substituted)? PflopsOf(LaunchPrice row, HardwareCatalog catalog, ThroughputBasis basis)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(catalog);
        double? Tflops(ThroughputBasis b)
        {
            // The catalog's figures where it holds the system; the row's own where it does not (a catalog of one's own).
            if (catalog.TryGet(row.SystemId, out var s)) return s.Pflops(b) * 1000.0;
            if (row.DenseTflops is { } own) return b.Sparse ? null : own.TryGetValue(b.Precision, out var t) ? t : null;
            return null;
        }
        if (Tflops(basis) is { } direct) return (direct / 1000.0, basis, false);
        if (basis.Sparse) return null;
        foreach (var wider in Wider(basis.Precision))
            if (Tflops(new ThroughputBasis(wider, false)) is { } t) return (t / 1000.0, new ThroughputBasis(wider, false), true);
        return null;
    }

    private static Precision[] Wider(Precision p) => p switch
    {
        Precision.Fp4 => [Precision.Fp6, Precision.Fp8, Precision.Bf16],
        Precision.Fp6 or Precision.Fp8 or Precision.Int8 => [Precision.Bf16],
        _ => [],
    };

    /// <summary>
    /// A system's launch as a fractional year and where it comes from: its launch-price row's date when it has one,
    /// else the middle of the catalog's launch quarter.
    /// </summary>
    public static (double Year, string When) LaunchOf(AcceleratorSystem system, IReadOnlyList<LaunchPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(prices);
        var row = prices.FirstOrDefault(p => string.Equals(p.SystemId, system.Id, StringComparison.OrdinalIgnoreCase));
        return row is not null
            ? (DecimalYear(row.LaunchDate), $"{row.LaunchDate:yyyy-MM-dd} (launch prices)")
            : (system.Launch.DecimalYear, $"{system.Launch} mid-quarter (catalog)");
    }

    /// <summary>Fits the trend; false with the reason when fewer than two generations with distinct launch dates remain.</summary>
    public static bool TryFit(IReadOnlyList<LaunchPrice> prices, HardwareCatalog catalog, ThroughputBasis basis, out LaunchTrendFit? fit, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(catalog);
        fit = null;
        var obs = new List<(LaunchPrice Row, double X, double Y, ThroughputBasis B, double Pflops, bool Sub)>();
        var excluded = new List<LaunchTrendExclusion>();
        foreach (var row in prices)
        {
            if (PflopsOf(row, catalog, basis) is not { } p)
            {
                excluded.Add(new LaunchTrendExclusion(row.SystemId, $"markets neither {basis.Key} nor a wider dense precision"));
                continue;
            }
            obs.Add((row, DecimalYear(row.LaunchDate), row.PricePerGpuHour / p.Pflops, p.Basis, p.Pflops, p.Substituted));
        }
        if (obs.Count < 2 || obs.Select(o => o.X).Distinct().Count() < 2)
        {
            reason = $"a trend needs at least two generations with different launch dates and {basis.Key} (or wider) throughput; the launch prices give {obs.Count}";
            return false;
        }
        var mx = obs.Average(o => o.X);
        var my = obs.Average(o => Math.Log(o.Y));
        var sxy = obs.Sum(o => (o.X - mx) * (Math.Log(o.Y) - my));
        var sxx = obs.Sum(o => (o.X - mx) * (o.X - mx));
        var syy = obs.Sum(o => (Math.Log(o.Y) - my) * (Math.Log(o.Y) - my));
        var b = sxy / sxx;
        var a = my - b * mx;
        var ssr = obs.Sum(o => Math.Pow(Math.Log(o.Y) - (a + b * o.X), 2));
        // $/PFLOP-hour that do not vary beyond rounding leave no variance to explain: no R².
        double? r2 = Math.Sqrt(syy / obs.Count) > 1e-9 ? 1.0 - ssr / syy : null;
        var points = obs.Select(o => new LaunchTrendPoint(o.Row, o.X, o.B, o.Pflops, o.Y, Math.Exp(a + b * o.X)) { Substituted = o.Sub }).ToList();
        fit = new LaunchTrendFit(a, b, basis, r2, points, excluded);
        reason = null;
        return true;
    }
}
