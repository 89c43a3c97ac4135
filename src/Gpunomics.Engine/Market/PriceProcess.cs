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
