using System.Globalization;
using Gpunomics.Market;
using Gpunomics.MonteCarlo;

namespace Gpunomics.Contracts;

/// <summary>The market's JSON: observations by system with their age, the decay fits with their held-out error, and forward curves (the command line's --json and the web API).</summary>
public static class MarketContract
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The market: observations of <paramref name="systemId"/> (null: every system) by system, and each kind of price's decay fit over every observation.</summary>
    public static object Market(MarketModel market, string? systemId, string file)
    {
        ArgumentNullException.ThrowIfNull(market);
        var fits = Enum.GetValues<PricingType>().Select(t =>
        {
            market.TryFit(t, out var fit, out var reason);
            return (Type: t, Fit: fit, Reason: reason);
        }).ToList();
        var systems = market.Aged
            .Where(o => systemId is null || string.Equals(o.Observation.SystemId, systemId, StringComparison.OrdinalIgnoreCase))
            .GroupBy(o => o.Observation.SystemId, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var launch = market.Launch(g.Key)!;
                return new
                {
                    system = launch.SystemId,
                    launch = new { date = Day(launch.Date), from = launch.From },
                    observations = g.OrderBy(o => o.Observation.Date).Select(o =>
                    {
                        var fit = fits[(int)o.Observation.PricingType].Fit;
                        double? fitted = fit is null ? null : fit.Fitted(o);
                        return new
                        {
                            date = o.Observation.DateText,
                            provider = o.Observation.Provider,
                            pricingType = o.Observation.PricingType.Name(),
                            termMonths = o.Observation.TermMonths,
                            prepayShare = o.Observation.PrepayShare,
                            prepayShareNote = o.Observation.PricingType == PricingType.Contract && o.Observation.PrepayShare is null ? "none: not published" : null,
                            pricePerGpuHour = o.Observation.PricePerGpuHour,
                            ageYears = o.AgeYears,
                            fittedPerGpuHour = fitted,
                            logResidual = fitted is { } f ? o.LogPrice - Math.Log(f) : (double?)null,
                            fittedNote = fit is null ? $"none: no {o.Observation.PricingType.Name()} decay fit" : null,
                            source = o.Observation.Source,
                            note = o.Observation.Note,
                        };
                    }).ToList(),
                };
            }).ToList();
        return new
        {
            file,
            model = "ln(price) = a_system + b x age, least squares per kind of price; age in years since launch",
            system = systemId,
            count = systems.Sum(s => s.observations.Count),
            systems,
            fits = fits.Select(f => Fit(f.Type, f.Fit, f.Reason, market.LeaveOneOut(f.Type))).ToList(),
            excluded = market.Excluded.Select(o => new { system = o.SystemId, date = o.DateText, provider = o.Provider, reason = MarketModel.ExcludedReason }).ToList(),
        };
    }

    private static object Fit(PricingType type, AgeDecayFit? fit, string? reason, HeldOutError held) => new
    {
        pricingType = type.Name(),
        fitted = fit is not null,
        reason,
        n = fit?.Count,
        systems = fit?.Systems.Count,
        degreesOfFreedom = fit?.DegreesOfFreedom,
        slopePerYear = fit?.SlopePerYear,
        annualChange = fit?.AnnualChange,
        halvingYears = fit?.HalvingYears,
        halvingNote = fit is not null && fit.HalvingYears is null ? "none: prices do not fall with age" : null,
        residualSd = fit?.ResidualSd,
        slopeStandardError = fit?.SlopeStandardError,
        residualNote = fit is not null && fit.ResidualSd is null ? $"none: n - k - 1 = {fit.DegreesOfFreedom}, no residual degrees of freedom" : null,
        rSquared = fit?.RSquared,
        rSquaredNote = fit is not null && fit.RSquared is null ? (fit.DegreesOfFreedom <= 0 ? "none: an exact fit (no degrees of freedom)" : "none: prices do not vary within systems") : null,
        levels = fit?.Systems.Select(l => new { system = l.SystemId, n = l.Count, meanAgeYears = l.MeanAge, intercept = l.Intercept, priceAtLaunch = Math.Exp(l.Intercept) }).ToList(),
        heldOut = HeldOut(held),
    };

    /// <summary>Leave-one-out error of one kind of price.</summary>
    public static object HeldOut(HeldOutError held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return new
        {
            method = "leave-one-out",
            n = held.Rows.Count,
            scored = held.ScoredCount,
            rmsLogError = held.RmsLogError,
            meanAbsolutePercentError = held.MeanAbsolutePercentError,
            errorNote = held.ScoredCount == 0 ? "none: no observation could be predicted without itself" : null,
            bandCount = held.BandCount,
            bandCoverage = held.BandCoverage,
            bandCoverageNote = held.BandCount == 0 ? "none: no prediction had a band" : null,
            rows = held.Rows.Select(r => new
            {
                system = r.Observation.Observation.SystemId,
                date = r.Observation.Observation.DateText,
                provider = r.Observation.Observation.Provider,
                pricePerGpuHour = r.Observation.Observation.PricePerGpuHour,
                predictedPerGpuHour = r.Predicted,
                low = r.Low,
                high = r.High,
                logError = r.LogError,
                inBand = r.InBand,
                noPrediction = r.NoPrediction,
            }).ToList(),
        };
    }

    /// <summary>A forward curve.</summary>
    public static object ForwardCurve(ForwardCurve curve, string file)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return new
        {
            file,
            system = curve.SystemId,
            pricingType = curve.PricingType.Name(),
            from = Day(curve.Options.From),
            months = curve.Options.Months,
            launch = new { date = Day(curve.Launch.Date), from = curve.Launch.From },
            model = "ln(price) = a + b x age",
            slopePerYear = curve.SlopePerYear,
            annualChange = curve.AnnualChange,
            slopeFrom = curve.SlopeGiven ? "given (annualChange)" : $"fitted to {curve.Fit!.Count} {curve.PricingType.Name()} observations",
            levelFrom = curve.LevelBasis,
            band = "90%: ln price +/- 1.645 x the prediction's standard deviation from the fit's residuals",
            bandNote = curve.NoBand,
            points = curve.Points.Select(p => new
            {
                month = p.Month,
                date = Day(p.Date),
                ageYears = p.AgeYears,
                pricePerGpuHour = p.PricePerGpuHour,
                low = p.Low,
                high = p.High,
            }).ToList(),
        };
    }

    /// <summary>Market price paths: the process with where each parameter comes from, the volatility fit, and each system's fan by year.</summary>
    public static object Paths(MarketPathSetup setup, IReadOnlyList<FanPoint> fan, long paths, ulong seed, string file, IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(fan);
        var p = setup.Model.Process;
        var fit = setup.Fit;
        return new
        {
            file,
            paths,
            seed,
            pricingType = setup.Curves[0].PricingType.Name(),
            from = Day(setup.Curves[0].Options.From),
            model = "ln P = ln F + X - Var X / 2 (the mean price is the forward curve F); dX = -kappa X dt + sigma dW, X(0) = 0; shocks of two systems correlated rho",
            process = new
            {
                volatility = p.Volatility,
                volatilityFrom = setup.VolatilityBasis,
                meanReversion = p.MeanReversion,
                halfLifeYears = p.HalfLifeYears,
                meanReversionFrom = setup.MeanReversionBasis,
                correlation = p.Correlation,
                correlationFrom = setup.CorrelationBasis,
            },
            volatilityFit = fit is null ? null : new
            {
                pairs = fit.Pairs,
                spreadVariance = fit.SpreadVariance,
                growthPerYear = fit.GrowthPerYear,
                growthStandardError = fit.GrowthStandardError,
                volatility = fit.Volatility,
                noVolatility = fit.NoVolatility,
            },
            correlationFit = setup.CorrelationFit is not { } cf ? null : new
            {
                changes = cf.Changes,
                systems = cf.Systems,
                sources = cf.Sources,
                degreesOfFreedom = cf.DegreesOfFreedom,
                idiosyncraticVariancePerYear = cf.IdiosyncraticVariancePerYear,
                estimate = cf.Estimate(p.Volatility),
                noFit = cf.NoFit,
            },
            percentileRelativeAccuracy = StreamingHistogram.RelativeAccuracy,
            systems = setup.Curves.Select(c => new
            {
                system = c.SystemId,
                levelFrom = c.LevelBasis,
                years = fan.Where(f => f.SystemId == c.SystemId).Select(f => new
                {
                    year = f.Year,
                    date = Day(c.Options.From.AddMonths(12 * f.Year)),
                    forward = f.Forward,
                    prices = Summary(f.Summary),
                }).ToList(),
            }).ToList(),
            skipped,
        };
    }

    private static object? Summary(OutputSummary s) => s.Count == 0 ? null : new { p5 = s.P5, p10 = s.P10, p25 = s.P25, p50 = s.P50, p75 = s.P75, p90 = s.P90, p95 = s.P95, mean = s.Mean, min = s.Min, max = s.Max, count = s.Count };
}
