namespace Gpunomics.Market;

/// <summary>An observation with its system's age on the day it was observed.</summary>
/// <param name="Observation">The row.</param>
/// <param name="AgeYears">Years from the system's launch to the observation (negative before launch).</param>
public sealed record AgedObservation(MarketObservation Observation, double AgeYears)
{
    /// <summary>ln($ per GPU-hour): the y of the fit.</summary>
    public double LogPrice => Math.Log(Observation.PricePerGpuHour);
}

/// <summary>One system's level in a decay fit: its own intercept, from its own observations.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="Count">Observations of the system in the fit.</param>
/// <param name="MeanAge">Mean age of those observations, years.</param>
/// <param name="Intercept">a_s: ln price at age 0 on the fitted line.</param>
public sealed record SystemLevel(string SystemId, int Count, double MeanAge, double Intercept);

/// <summary>
/// The decay of rental prices with age for one kind of price: ln(price) = a_s + b x age, one intercept per system and
/// one slope shared by all, by least squares (methodology: "Market and forward curve").
/// </summary>
/// <param name="PricingType">The kind of price fitted.</param>
/// <param name="SlopePerYear">b: change of ln price per year of age.</param>
/// <param name="Systems">Each system's intercept.</param>
/// <param name="Observations">The observations fitted.</param>
/// <param name="ResidualSd">s = sqrt(SSR / (n - k - 1)), on ln price; null when no degrees of freedom are left (n &lt;= k + 1).</param>
/// <param name="SlopeStandardError">s / sqrt(Sxx within systems); null with <paramref name="ResidualSd"/>.</param>
/// <param name="RSquared">1 - SSR / Syy within systems: the share of the variation of ln price within systems that age explains; null when prices do not vary within systems or no degrees of freedom are left.</param>
public sealed record AgeDecayFit(PricingType PricingType, double SlopePerYear, IReadOnlyList<SystemLevel> Systems, IReadOnlyList<AgedObservation> Observations,
    double? ResidualSd, double? SlopeStandardError, double? RSquared)
{
    /// <summary>n: observations in the fit.</summary>
    public int Count => Observations.Count;

    /// <summary>n - k - 1: observations less one intercept per system and the slope.</summary>
    public int DegreesOfFreedom => Count - Systems.Count - 1;

    /// <summary>Mean age of every observation in the fit, years.</summary>
    public double MeanAge => Observations.Average(o => o.AgeYears);

    /// <summary>Price change per year of age, e^b - 1 (e.g. -0.3 for 30% cheaper each year).</summary>
    public double AnnualChange => Math.Exp(SlopePerYear) - 1.0;

    /// <summary>Years for the price to halve, ln 2 / -b; null when prices do not fall with age.</summary>
    public double? HalvingYears => SlopePerYear < -1e-12 ? Math.Log(2) / -SlopePerYear : null;

    /// <summary>The system's level, or null when the fit holds no observation of it.</summary>
    public SystemLevel? Level(string systemId) => Systems.FirstOrDefault(s => string.Equals(s.SystemId, systemId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The fitted price of an observation in the fit, $ per GPU-hour: e^(a_s + b x age).</summary>
    public double Fitted(AgedObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var level = Level(o.Observation.SystemId) ?? throw new ArgumentException($"{o.Observation.SystemId} is not in the fit", nameof(o));
        return Math.Exp(level.Intercept + SlopePerYear * o.AgeYears);
    }
}

/// <summary>Fits the decay of price with age (methodology: "Market and forward curve").</summary>
public static class AgeDecay
{
    /// <summary>The least span of ages, years, over which some system must be observed for a decay per year to be fitted: 1.</summary>
    public const double MinAgeSpanYears = 1.0;

    /// <summary>
    /// Fits ln(price) = a_s + b x age over <paramref name="observations"/> of <paramref name="type"/> (others are
    /// left out); false with the reason when no system has observations at two different ages (no slope to measure)
    /// or none is observed over at least <see cref="MinAgeSpanYears"/> of its age.
    /// </summary>
    public static bool TryFit(IReadOnlyList<AgedObservation> observations, PricingType type, out AgeDecayFit? fit, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(observations);
        fit = null;
        var obs = observations.Where(o => o.Observation.PricingType == type).ToList();
        var groups = obs.GroupBy(o => o.Observation.SystemId, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Id: g.First().Observation.SystemId, Rows: g.ToList(), Mx: g.Average(o => o.AgeYears), My: g.Average(o => o.LogPrice)))
            .ToList();
        var sxx = groups.Sum(g => g.Rows.Sum(o => (o.AgeYears - g.Mx) * (o.AgeYears - g.Mx)));
        // Ages that differ by less than about a minute are the same age: no slope to measure.
        if (sxx < 1e-12)
        {
            reason = obs.Count == 0
                ? $"no {type.Name()} observations"
                : $"the {obs.Count} {type.Name()} observation(s) give no system at two different ages, so no decay with age can be measured";
            return false;
        }
        // A slope per year read off a few months of each system's life is that season's swing of the market, not
        // ageing (spot rows over one rising spring once gave +27,939% a year): no decay unless some system is seen a
        // year apart.
        var span = groups.Max(g => g.Rows.Max(o => o.AgeYears) - g.Rows.Min(o => o.AgeYears));
        if (span < MinAgeSpanYears)
        {
            reason = $"the {obs.Count} {type.Name()} observation(s) see each system over at most {span * 12:0.#} months of its age; " +
                $"a decay per year of age needs some system observed at ages at least {MinAgeSpanYears * 12:0} months apart (a shorter span measures the market's swing over those months, not ageing)";
            return false;
        }
        var sxy = groups.Sum(g => g.Rows.Sum(o => (o.AgeYears - g.Mx) * (o.LogPrice - g.My)));
        var syy = groups.Sum(g => g.Rows.Sum(o => (o.LogPrice - g.My) * (o.LogPrice - g.My)));
        var b = sxy / sxx;
        var levels = groups.Select(g => new SystemLevel(g.Id, g.Rows.Count, g.Mx, g.My - b * g.Mx)).ToList();
        var ssr = groups.Sum(g => g.Rows.Sum(o => Math.Pow(o.LogPrice - (g.My - b * g.Mx) - b * o.AgeYears, 2)));
        var dof = obs.Count - groups.Count - 1;
        double? s = dof > 0 ? Math.Sqrt(ssr / dof) : null;
        double? se = s is { } sd ? sd / Math.Sqrt(sxx) : null;
        // With no degrees of freedom left the line passes through every point: R squared says nothing.
        double? r2 = dof > 0 && syy > 1e-18 ? 1.0 - ssr / syy : null;
        fit = new AgeDecayFit(type, b, levels, obs, s, se, r2);
        reason = null;
        return true;
    }
}
