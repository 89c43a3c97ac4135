using Gpunomics.Catalog;
using Gpunomics.Pricing;

namespace Gpunomics.Market;

/// <summary>A system's launch as the market model reads it.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="Date">Launch day: the middle of the catalog's launch quarter (the 15th of its middle month), else the launch prices' launch date.</param>
/// <param name="From">Where the date comes from, for readers.</param>
public sealed record SystemLaunch(string SystemId, DateOnly Date, string From);

/// <summary>
/// The generational level of a system: the launch trend's $ per GPU-hour at its launch (trend $ per PFLOP-hour at
/// the launch date x its dense PFLOPS), which sets how a system without observations is priced against those with them.
/// </summary>
/// <param name="SystemId">System id.</param>
/// <param name="PricePerGpuHour">Trend price at launch, $ per GPU-hour.</param>
public sealed record LaunchLevel(string SystemId, double PricePerGpuHour);

/// <summary>
/// The market: dated rental price observations, each system's launch, the decay of price with age by kind of price,
/// and the forward curve built from them (methodology: "Market and forward curve"). Pure: everything is passed in.
/// </summary>
public sealed class MarketModel
{
    /// <summary>The 90% two-sided normal quantile, the band's width in residual standard deviations.</summary>
    public const double BandZ = 1.6448536269514722;

    private readonly Dictionary<string, SystemLaunch> _launches;
    private readonly Dictionary<string, LaunchLevel> _levels;

    /// <summary>A market of <paramref name="observations"/>.</summary>
    /// <param name="observations">Observations; those of a system without a launch are left out (<see cref="Excluded"/>).</param>
    /// <param name="launches">Launch of every system that may be asked about.</param>
    /// <param name="launchLevels">Generational levels (empty: no launch trend, so systems without observations get no curve).</param>
    /// <param name="launchTrendResidualSd">Residual standard deviation of the launch trend, ln; null when it has none (two generations or fewer).</param>
    public MarketModel(IReadOnlyList<MarketObservation> observations, IEnumerable<SystemLaunch> launches, IEnumerable<LaunchLevel> launchLevels, double? launchTrendResidualSd)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(launches);
        ArgumentNullException.ThrowIfNull(launchLevels);
        _launches = launches.ToDictionary(l => l.SystemId, StringComparer.OrdinalIgnoreCase);
        _levels = launchLevels.ToDictionary(l => l.SystemId, StringComparer.OrdinalIgnoreCase);
        LaunchTrendResidualSd = launchTrendResidualSd;
        Observations = [.. observations.Where(o => _launches.ContainsKey(o.SystemId))];
        Excluded = [.. observations.Where(o => !_launches.ContainsKey(o.SystemId))];
        Aged = Observations.Select(o => new AgedObservation(o, AgeYears(o.SystemId, o.Date))).ToList();
    }

    /// <summary>
    /// The market of the catalog: launches from the catalog's quarters (generations not in it from the launch prices),
    /// generational levels from the launch trend <paramref name="trend"/> (null: none).
    /// </summary>
    public static MarketModel Create(IReadOnlyList<MarketObservation> observations, HardwareCatalog catalog, IReadOnlyList<LaunchPrice> launchPrices, LaunchTrendFit? trend)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(launchPrices);
        var launches = Launches(catalog, launchPrices);
        var levels = new List<LaunchLevel>();
        if (trend is not null)
            foreach (var l in launches)
            {
                double? pflops = catalog.TryGet(l.SystemId, out var s) ? s.Pflops(trend.Basis)
                    : launchPrices.FirstOrDefault(p => string.Equals(p.SystemId, l.SystemId, StringComparison.OrdinalIgnoreCase)) is { } row
                        && LaunchTrend.PflopsOf(row, catalog, trend.Basis) is { } p ? p.Pflops : null;
                if (pflops is > 0) levels.Add(new LaunchLevel(l.SystemId, trend.At(l.Date) * pflops.Value));
            }
        double? sdT = trend is { Count: > 2 } ? Math.Sqrt(trend.Points.Sum(p => p.LogResidual * p.LogResidual) / (trend.Count - 2)) : null;
        return new MarketModel(observations, launches, levels, sdT);
    }

    /// <summary>Every system with a known launch: catalog systems at mid launch quarter, then launch-price generations not in the catalog.</summary>
    public static IReadOnlyList<SystemLaunch> Launches(HardwareCatalog catalog, IReadOnlyList<LaunchPrice> launchPrices)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(launchPrices);
        var list = catalog.Systems.Select(s => new SystemLaunch(s.Id, new DateOnly(s.Launch.Year, 3 * s.Launch.Quarter - 1, 15), $"{s.Launch} mid-quarter (catalog)")).ToList();
        foreach (var p in launchPrices)
            if (!list.Any(l => string.Equals(l.SystemId, p.SystemId, StringComparison.OrdinalIgnoreCase)))
                list.Add(new SystemLaunch(p.SystemId, p.LaunchDate, $"{p.LaunchDate:yyyy-MM-dd} (launch prices)"));
        return list;
    }

    /// <summary>The observations of systems with a known launch, as read.</summary>
    public IReadOnlyList<MarketObservation> Observations { get; }

    /// <summary>Observations left out: their system has no known launch (not in the catalog in use nor in the launch prices).</summary>
    public IReadOnlyList<MarketObservation> Excluded { get; }

    /// <summary>The observations with their system's age.</summary>
    public IReadOnlyList<AgedObservation> Aged { get; }

    /// <summary>Residual standard deviation of the launch trend, ln; null when it has none.</summary>
    public double? LaunchTrendResidualSd { get; }

    /// <summary>Every system with a known launch, in order.</summary>
    public IReadOnlyList<string> KnownSystems => [.. _launches.Keys];

    /// <summary>The launch of a system, or null when none is known.</summary>
    public SystemLaunch? Launch(string systemId) => _launches.GetValueOrDefault(systemId);

    /// <summary>The latest observation date, the default start of a forward curve; null when there are no observations.</summary>
    public DateOnly? LatestDate => Observations.Count > 0 ? Observations.Max(o => o.Date) : null;

    /// <summary>Why an observation is in <see cref="Excluded"/>.</summary>
    public const string ExcludedReason = "left out: its system is in neither the catalog nor the launch prices in use, so its launch (and age) is not known";

    /// <summary>Years from the system's launch to <paramref name="date"/> (days / 365.25).</summary>
    public double AgeYears(string systemId, DateOnly date)
    {
        var launch = Launch(systemId) ?? throw new ArgumentException($"no launch is known for '{systemId}'", nameof(systemId));
        return (date.DayNumber - launch.Date.DayNumber) / 365.25;
    }

    /// <summary>The decay fit of one kind of price over every observation; false with the reason when there is none.</summary>
    public bool TryFit(PricingType type, out AgeDecayFit? fit, out string? reason) => AgeDecay.TryFit(Aged, type, out fit, out reason);

    /// <summary>
    /// A system's price path by month ahead (methodology: "Market and forward curve"): ln p(t) = a + b x age(t), a from
    /// the system's own observations of the kind, else from the launch trend relative to the systems observed, else
    /// from <see cref="ForwardCurveOptions.StartPrice"/>; b the fitted decay or <see cref="ForwardCurveOptions.AnnualChange"/>.
    /// False with the reason when there is no curve.
    /// </summary>
    public bool TryForwardCurve(string systemId, PricingType type, ForwardCurveOptions options, out ForwardCurve? curve, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(systemId);
        ArgumentNullException.ThrowIfNull(options);
        curve = null;
        if (Launch(systemId) is not { } launch)
        {
            reason = $"no launch is known for '{systemId}'; known: {string.Join(", ", _launches.Keys)}";
            return false;
        }
        TryFit(type, out var fit, out var noFit);
        if (fit is null && options.AnnualChange is null)
        {
            reason = $"no decay with age to project: {noFit}; give the price change per year of age (--annual-change; annualChange on the web API)";
            return false;
        }
        var b = options.AnnualChange is { } change ? Math.Log(1 + change) : fit!.SlopePerYear;
        double? seB = options.AnnualChange is null ? fit!.SlopeStandardError : 0.0;
        var x0 = AgeYears(systemId, options.From);
        Func<double, double?> sd;
        double a;
        string basis;
        string? noBand = null;
        if (options.StartPrice is { } p0)
        {
            a = Math.Log(p0) - b * x0;
            basis = $"the given start price {p0.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture)} $/GPU-hour on {options.From:yyyy-MM-dd}";
            if (options.AnnualChange is not null) noBand = "none: the start price and the decay are both given";
            else if (seB is null) noBand = NoResidual(fit!);
            sd = x => seB is { } se && options.AnnualChange is null ? Math.Abs(x - x0) * se : null;
        }
        else if (!TryLevel(systemId, fit, b, out a, out var levelVar, out var meanAge, out basis, out var noLevel))
        {
            reason = noLevel;
            return false;
        }
        else
        {
            if (fit?.ResidualSd is null) noBand = fit is null ? "none: no fitted decay to measure the scatter with" : NoResidual(fit);
            else if (levelVar is null) noBand = "none: the launch trend has no residual scatter (two generations or fewer)";
            var s2 = fit?.ResidualSd is { } s ? s * s : 0;
            sd = x => noBand is null ? Math.Sqrt(s2 + levelVar!.Value + Math.Pow((x - meanAge) * (seB ?? 0), 2)) : null;
        }
        var points = new List<ForwardPoint>();
        for (var m = 0; m <= options.Months; m++)
        {
            var date = options.From.AddMonths(m);
            var x = AgeYears(systemId, date);
            var ln = a + b * x;
            var d = noBand is null ? sd(x) : null;
            points.Add(new ForwardPoint(m, date, x, Math.Exp(ln), d is { } lo ? Math.Exp(ln - BandZ * lo) : null, d is { } hi ? Math.Exp(ln + BandZ * hi) : null));
        }
        curve = new ForwardCurve(systemId, type, launch, options, b, options.AnnualChange is not null, basis, fit, noBand, points);
        reason = null;
        return true;
    }

    private static string NoResidual(AgeDecayFit fit) =>
        $"none: {fit.Count} observation(s) of {fit.Systems.Count} system(s) leave no residual degrees of freedom (n - k - 1 = {fit.DegreesOfFreedom})";

    // The system's intercept a and the variance it adds besides the residual's, from its own observations or the launch trend.
    private bool TryLevel(string systemId, AgeDecayFit? fit, double b, out double a, out double? levelVar, out double meanAge, out string basis, out string? reason)
    {
        a = 0;
        levelVar = null;
        meanAge = 0;
        reason = null;
        var s2 = fit?.ResidualSd is { } s ? s * s : (double?)null;
        var own = fit?.Observations.Where(o => string.Equals(o.Observation.SystemId, systemId, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        if (own.Count > 0)
        {
            meanAge = own.Average(o => o.AgeYears);
            a = own.Average(o => o.LogPrice) - b * meanAge;
            levelVar = s2 / own.Count;
            basis = $"its own {own.Count} {fit!.PricingType.Name()} observation(s)";
            return true;
        }
        if (fit is null)
        {
            basis = "";
            reason = $"no {systemId} observations of this kind and no fit to place it against others: give the start price (--start-price; startPrice on the web API)";
            return false;
        }
        if (!_levels.TryGetValue(systemId, out var mine))
        {
            basis = "";
            reason = $"no {fit.PricingType.Name()} observations of {systemId} and no launch-trend level for it (no launch trend, or it markets none of the trend's precision): give the start price (--start-price; startPrice on the web API)";
            return false;
        }
        var peers = fit.Systems.Where(l => _levels.ContainsKey(l.SystemId)).ToList();
        if (peers.Count == 0)
        {
            basis = "";
            reason = $"no {fit.PricingType.Name()} observations of {systemId}, and none of the systems observed has a launch-trend level: give the start price (--start-price; startPrice on the web API)";
            return false;
        }
        // a_S = mean over observed systems g of [ a_g + ln(L_S / L_g) ], with a_g at the slope in use.
        a = peers.Average(g =>
        {
            var rows = fit.Observations.Where(o => string.Equals(o.Observation.SystemId, g.SystemId, StringComparison.OrdinalIgnoreCase)).ToList();
            var ag = rows.Average(o => o.LogPrice) - b * rows.Average(o => o.AgeYears);
            return ag + Math.Log(mine.PricePerGpuHour) - Math.Log(_levels[g.SystemId].PricePerGpuHour);
        });
        meanAge = fit.MeanAge;
        levelVar = LaunchTrendResidualSd is { } t && s2 is { } v ? v / fit.Count + t * t : null;
        basis = $"the launch trend's level relative to {string.Join(", ", peers.Select(p => p.SystemId))} (no {fit.PricingType.Name()} observations of its own)";
        return true;
    }

    /// <summary>
    /// Leave-one-out error of the forward model on <paramref name="type"/>: each observation is predicted by the
    /// model fitted without it (its system's other observations, else the launch trend), in ln price.
    /// </summary>
    public HeldOutError LeaveOneOut(PricingType type)
    {
        var rows = new List<HeldOutRow>();
        var of = Aged.Where(o => o.Observation.PricingType == type).ToList();
        foreach (var held in of)
        {
            var rest = Aged.Where(o => !ReferenceEquals(o, held)).ToList();
            var market = new MarketModel([.. rest.Select(o => o.Observation)], _launches.Values, _levels.Values, LaunchTrendResidualSd);
            var opts = new ForwardCurveOptions { From = held.Observation.Date, Months = 0 };
            if (!market.TryForwardCurve(held.Observation.SystemId, type, opts, out var curve, out var reason))
            {
                rows.Add(new HeldOutRow(held, null, null, null, reason));
                continue;
            }
            var pt = curve!.Points[0];
            bool? inBand = pt.Low is { } lo && pt.High is { } hi ? held.Observation.PricePerGpuHour >= lo && held.Observation.PricePerGpuHour <= hi : null;
            rows.Add(new HeldOutRow(held, pt.PricePerGpuHour, pt.Low, pt.High, null) { InBand = inBand });
        }
        return new HeldOutError(type, rows);
    }
}

/// <summary>Settings of a forward curve.</summary>
public sealed record ForwardCurveOptions
{
    /// <summary>Most months a curve runs.</summary>
    public const int MaxMonths = 120;

    /// <summary>Month 0 of the curve.</summary>
    public required DateOnly From { get; init; }
    /// <summary>Months ahead, 0 to <see cref="MaxMonths"/>.</summary>
    public int Months { get; init; } = 36;
    /// <summary>The user's price change per year of age instead of the fitted decay (e.g. -0.3); null: the fit's.</summary>
    public double? AnnualChange { get; init; }
    /// <summary>The user's price at month 0, $ per GPU-hour, instead of the system's level; null: the level.</summary>
    public double? StartPrice { get; init; }
}

/// <summary>One month of a forward curve.</summary>
/// <param name="Month">Months ahead, 0 = the start.</param>
/// <param name="Date">The date.</param>
/// <param name="AgeYears">The system's age then, years.</param>
/// <param name="PricePerGpuHour">Projected price, $ per GPU-hour.</param>
/// <param name="Low">Lower end of the 90% band; null when there is no band.</param>
/// <param name="High">Upper end of the 90% band; null when there is no band.</param>
public sealed record ForwardPoint(int Month, DateOnly Date, double AgeYears, double PricePerGpuHour, double? Low, double? High);

/// <summary>A system's forward curve for one kind of price.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="PricingType">The kind of price.</param>
/// <param name="Launch">The system's launch.</param>
/// <param name="Options">The settings it was built with.</param>
/// <param name="SlopePerYear">b in use: the fit's, or ln(1 + the user's annual change).</param>
/// <param name="SlopeGiven">True when b is the user's.</param>
/// <param name="LevelBasis">Where the level comes from, for readers.</param>
/// <param name="Fit">The decay fit of the kind; null when there is none (the user gave the change).</param>
/// <param name="NoBand">Why there is no band, or null when there is one.</param>
/// <param name="Points">Month 0 to the last.</param>
public sealed record ForwardCurve(string SystemId, PricingType PricingType, SystemLaunch Launch, ForwardCurveOptions Options, double SlopePerYear, bool SlopeGiven,
    string LevelBasis, AgeDecayFit? Fit, string? NoBand, IReadOnlyList<ForwardPoint> Points)
{
    /// <summary>Price change per year in use, e^b - 1.</summary>
    public double AnnualChange => Math.Exp(SlopePerYear) - 1.0;
}

/// <summary>One held-out observation and its prediction.</summary>
/// <param name="Observation">The observation left out.</param>
/// <param name="Predicted">Predicted price, $ per GPU-hour; null when the model without it gives none.</param>
/// <param name="Low">Lower end of the 90% band; null when none.</param>
/// <param name="High">Upper end of the 90% band; null when none.</param>
/// <param name="NoPrediction">Why there is no prediction, or null.</param>
public sealed record HeldOutRow(AgedObservation Observation, double? Predicted, double? Low, double? High, string? NoPrediction)
{
    /// <summary>True when the observation lies inside its band; null when there is no band.</summary>
    public bool? InBand { get; init; }

    /// <summary>ln(observed) - ln(predicted); null without a prediction.</summary>
    public double? LogError => Predicted is { } p ? Observation.LogPrice - Math.Log(p) : null;
}

/// <summary>Leave-one-out error of the forward model on one kind of price (methodology: "Market and forward curve").</summary>
/// <param name="PricingType">The kind of price.</param>
/// <param name="Rows">Each observation left out in turn.</param>
public sealed record HeldOutError(PricingType PricingType, IReadOnlyList<HeldOutRow> Rows)
{
    private IEnumerable<HeldOutRow> Scored => Rows.Where(r => r.Predicted is not null);

    /// <summary>Observations with a prediction.</summary>
    public int ScoredCount => Scored.Count();

    /// <summary>Root mean square of ln(observed / predicted); null when nothing was predicted.</summary>
    public double? RmsLogError => ScoredCount > 0 ? Math.Sqrt(Scored.Average(r => r.LogError!.Value * r.LogError.Value)) : null;

    /// <summary>Mean of |predicted / observed - 1|; null when nothing was predicted.</summary>
    public double? MeanAbsolutePercentError => ScoredCount > 0 ? Scored.Average(r => Math.Abs(r.Predicted!.Value / r.Observation.Observation.PricePerGpuHour - 1)) : null;

    /// <summary>Observations with a band.</summary>
    public int BandCount => Rows.Count(r => r.InBand is not null);

    /// <summary>Share of the observations with a band that fall inside it (90% if the band were right); null when none has a band.</summary>
    public double? BandCoverage => BandCount > 0 ? Rows.Count(r => r.InBand == true) / (double)BandCount : null;
}
