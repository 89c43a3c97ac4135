namespace Gpunomics.Market;

/// <summary>
/// How ln price moves around the forward curve (methodology: "Stochastic market paths"): a deviation X that starts at
/// 0 and follows dX = -kappa X dt + sigma dW, the shocks of two systems correlated by rho through one shared market factor.
/// </summary>
public sealed record PriceProcess
{
    /// <summary>A process; each parameter is checked against its range.</summary>
    /// <param name="volatility">sigma: standard deviation of ln price per square-root year, 0 to 5 (0.5 = a one-year random-walk move of ±50% in ln).</param>
    /// <param name="meanReversion">kappa: pull of the deviation back to the curve, per year, 0 (a random walk) to 100; the half-life of a deviation is ln 2 / kappa.</param>
    /// <param name="correlation">rho: correlation of two systems' shocks, 0 to 1 (one market factor, so negative values are not representable).</param>
    public PriceProcess(double volatility, double meanReversion, double correlation)
    {
        if (!(volatility >= 0 && volatility <= 5)) throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "must be from 0 to 5 (ln price per square-root year)");
        if (!(meanReversion >= 0 && meanReversion <= 100)) throw new ArgumentOutOfRangeException(nameof(meanReversion), meanReversion, "must be from 0 (a random walk) to 100 per year");
        if (!(correlation >= 0 && correlation <= 1)) throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "must be from 0 to 1");
        Volatility = volatility;
        MeanReversion = meanReversion;
        Correlation = correlation;
    }

    /// <summary>sigma, ln price per square-root year.</summary>
    public double Volatility { get; }

    /// <summary>kappa, per year; 0 is a random walk.</summary>
    public double MeanReversion { get; }

    /// <summary>rho, the correlation of two systems' shocks.</summary>
    public double Correlation { get; }

    /// <summary>Half-life of a deviation, ln 2 / kappa, years; null for a random walk (no pull back).</summary>
    public double? HalfLifeYears => MeanReversion > 0 ? Math.Log(2) / MeanReversion : null;

    /// <summary>
    /// Var X after <paramref name="years"/>, from X = 0: sigma² (1 - e^(-2 kappa t)) / (2 kappa), sigma² t for a random walk.
    /// </summary>
    public double LogVariance(double years)
    {
        if (years <= 0) return 0;
        var s2 = Volatility * Volatility;
        var kt = MeanReversion * years;
        // (1 - e^(-2 kt)) / (2 kt) by its series where the division would lose precision.
        var factor = kt < 1e-6 ? 1 - kt + 2 * kt * kt / 3 : (1 - Math.Exp(-2 * kt)) / (2 * kt);
        return s2 * years * factor;
    }
}

/// <summary>
/// The deviations of observed prices from the decay fit as a process in time (methodology: "Stochastic market paths"):
/// over every pair of observations of one system, the squared difference of their residuals against the time between
/// them, (e_i - e_j)² = 2 tau² + sigma² |t_i - t_j|, by least squares. tau² is the spread that does not grow with time
/// (providers' prices on one date differ), sigma² the growth per year of a random walk: the volatility.
/// </summary>
/// <param name="Decay">The decay fit whose residuals are read.</param>
/// <param name="Pairs">Pairs of observations of one system.</param>
/// <param name="SpreadVariance">tau², ln² (half the intercept); null with no fit.</param>
/// <param name="GrowthPerYear">sigma² estimate, ln² per year (the slope; may be negative: no growth seen); null with no fit.</param>
/// <param name="GrowthStandardError">Least-squares standard error of the slope, treating the pairs as independent (they share observations, so it is a rough guide); null when fewer than three pairs.</param>
/// <param name="NoFit">Why there is no fit (the pairs of one system's observations are not at two different lags), or null.</param>
public sealed record VolatilityFit(AgeDecayFit Decay, int Pairs, double? SpreadVariance, double? GrowthPerYear, double? GrowthStandardError, string? NoFit)
{
    /// <summary>sigma = sqrt(slope), ln per square-root year; null when the fit finds no growth with time (or there is no fit).</summary>
    public double? Volatility => GrowthPerYear is > 0 ? Math.Sqrt(GrowthPerYear.Value) : null;

    /// <summary>Why <see cref="Volatility"/> is null, or null when there is one.</summary>
    public string? NoVolatility => NoFit is not null ? NoFit
        : Volatility is not null ? null
        : $"the deviations from the curve do not grow with the time between observations (slope {GrowthPerYear!.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} ln² per year over {Pairs} pairs): the spread between providers, not the market's movement, is what the observations show";

    /// <summary>Fits <paramref name="decay"/>'s residuals; see the type.</summary>
    public static VolatilityFit Fit(AgeDecayFit decay)
    {
        ArgumentNullException.ThrowIfNull(decay);
        var rows = decay.Observations.Select(o => (o.Observation.SystemId, o.AgeYears, Residual: o.LogPrice - Math.Log(decay.Fitted(o)))).ToList();
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < rows.Count; i++)
            for (var j = i + 1; j < rows.Count; j++)
                if (string.Equals(rows[i].SystemId, rows[j].SystemId, StringComparison.OrdinalIgnoreCase))
                {
                    x.Add(Math.Abs(rows[i].AgeYears - rows[j].AgeYears));
                    var d = rows[i].Residual - rows[j].Residual;
                    y.Add(d * d);
                }
        var n = x.Count;
        var mx = n > 0 ? x.Average() : 0;
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        if (n < 2 || sxx < 1e-12)
            return new VolatilityFit(decay, n, null, null, null,
                $"the {n} pair(s) of one system's observations are not at two different lags, so no growth of the deviations with time can be measured");
        var my = y.Average();
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        double? se = null;
        if (n > 2)
        {
            var ssr = x.Zip(y).Sum(p => Math.Pow(p.Second - intercept - slope * p.First, 2));
            se = Math.Sqrt(ssr / (n - 2) / sxx);
        }
        return new VolatilityFit(decay, n, Math.Max(intercept, 0) / 2, slope, se, null);
    }
}

/// <summary>
/// The correlation of systems' price shocks from one source's prices of several systems on two dates (methodology:
/// "Stochastic market paths"). A source is the provider's name with the system's id taken out (so "CCIR T2IF H100" and
/// "CCIR T2IF B200" are one source). Over each source's consecutive dates, the changes of ln price of the systems priced
/// on both, d_s, share the market's shock and the decay's drift; their spread across systems holds only the systems'
/// own shocks: E[sum (d_s - mean d)²] = (n - 1) (1 - rho) sigma² dt. Pooled over every such pair of dates,
/// (1 - rho) sigma² = Q / D with Q = sum (d_s - mean d)², D = sum (n - 1) dt, so rho = 1 - Q / (D sigma²).
/// </summary>
/// <param name="Changes">Price changes used (one per system per pair of dates).</param>
/// <param name="Systems">Distinct systems among them.</param>
/// <param name="Sources">Distinct sources among them.</param>
/// <param name="DegreesOfFreedom">sum (n - 1) over the pairs of dates.</param>
/// <param name="IdiosyncraticVariancePerYear">Q / D: (1 - rho) sigma², ln² per year; null with no fit.</param>
/// <param name="NoFit">Why there is no fit (no source priced two systems on two dates), or null.</param>
public sealed record CorrelationFit(int Changes, int Systems, int Sources, int DegreesOfFreedom, double? IdiosyncraticVariancePerYear, string? NoFit)
{
    /// <summary>rho = 1 - Q / (D sigma²) for the volatility <paramref name="volatility"/> (not clamped: may fall outside [0, 1]); null with no fit or no volatility.</summary>
    public double? Estimate(double volatility) => IdiosyncraticVariancePerYear is { } q && volatility > 0 ? 1 - q / (volatility * volatility) : null;

    /// <summary>
    /// Approximate standard error of <see cref="Estimate"/>: (1 - rho) sqrt(2 / dof + (se of sigma² / sigma²)²), the first
    /// term the chi-square spread of Q, the second the volatility's; null when either is unknown.
    /// </summary>
    public double? StandardError(double volatility, double? volatilityVarianceError)
    {
        if (Estimate(volatility) is not { } rho || DegreesOfFreedom < 1) return null;
        var rel = volatilityVarianceError is { } se ? se / (volatility * volatility) : 0;
        return (1 - rho) * Math.Sqrt(2.0 / DegreesOfFreedom + rel * rel);
    }

    /// <summary>Fits <paramref name="decay"/>'s observations; see the type.</summary>
    public static CorrelationFit Fit(AgeDecayFit decay)
    {
        ArgumentNullException.ThrowIfNull(decay);
        double q = 0, d = 0;
        int changes = 0, dof = 0;
        var systems = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bySource = decay.Observations.GroupBy(o => SourceOf(o.Observation), StringComparer.OrdinalIgnoreCase);
        foreach (var source in bySource)
        {
            var dates = source.GroupBy(o => o.Observation.Date).OrderBy(g => g.Key).ToList();
            for (var k = 1; k < dates.Count; k++)
            {
                var before = dates[k - 1].ToDictionary(o => o.Observation.SystemId, o => o.LogPrice, StringComparer.OrdinalIgnoreCase);
                var moves = dates[k].Where(o => before.ContainsKey(o.Observation.SystemId))
                    .Select(o => (o.Observation.SystemId, Change: o.LogPrice - before[o.Observation.SystemId])).ToList();
                if (moves.Count < 2) continue;
                var mean = moves.Average(m => m.Change);
                q += moves.Sum(m => (m.Change - mean) * (m.Change - mean));
                d += (moves.Count - 1) * (dates[k].Key.DayNumber - dates[k - 1].Key.DayNumber) / 365.25;
                dof += moves.Count - 1;
                changes += moves.Count;
                foreach (var m in moves) systems.Add(m.SystemId);
                sources.Add(source.Key);
            }
        }
        return dof == 0
            ? new CorrelationFit(0, 0, 0, 0, null, "no source priced two systems on two dates, so no system's price can be seen moving apart from another's")
            : new CorrelationFit(changes, systems.Count, sources.Count, dof, q / d, null);
    }

    /// <summary>The provider's name with the system's id taken out and spaces collapsed: one source's prices of several systems.</summary>
    public static string SourceOf(MarketObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var name = o.Provider.Replace(o.SystemId, "", StringComparison.OrdinalIgnoreCase);
        return string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
