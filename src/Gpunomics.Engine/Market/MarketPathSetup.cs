using System.Globalization;

namespace Gpunomics.Market;

/// <summary>The user's settings of the price process; null: the fitted value, else the stated assumption.</summary>
public sealed record PriceProcessOptions
{
    /// <summary>sigma, ln price per square-root year (e.g. 0.4); null: fitted, else the decay fit's residual sd.</summary>
    public double? Volatility { get; init; }
    /// <summary>kappa, per year (0 = random walk); null: 0.</summary>
    public double? MeanReversion { get; init; }
    /// <summary>rho, 0 to 1; null: fitted (<see cref="Market.CorrelationFit"/>), else <see cref="MarketPathSetup.DefaultCorrelation"/>.</summary>
    public double? Correlation { get; init; }
}

/// <summary>
/// Market paths built from the market (methodology: "Stochastic market paths"): each system's forward curve of one kind
/// of price, and the process fitted to the observations, or assumed where they cannot identify it, each with its basis.
/// </summary>
/// <param name="Model">The path model.</param>
/// <param name="Curves">The systems' forward curves, in the model's order.</param>
/// <param name="Fit">The volatility fit of the kind of price; null when there is no decay fit (the user gave the decay).</param>
/// <param name="VolatilityBasis">Where sigma comes from.</param>
/// <param name="MeanReversionBasis">Where kappa comes from.</param>
/// <param name="CorrelationBasis">Where rho comes from.</param>
public sealed record MarketPathSetup(MarketPathModel Model, IReadOnlyList<ForwardCurve> Curves, VolatilityFit? Fit,
    string VolatilityBasis, string MeanReversionBasis, string CorrelationBasis)
{
    /// <summary>The correlation fit of the kind of price; null when there is no decay fit.</summary>
    public CorrelationFit? CorrelationFit { get; init; }

    /// <summary>
    /// rho when the user gives none and the observations cannot measure it (<see cref="Market.CorrelationFit"/>): 1, every
    /// system moved by one market; for a fleet exposed to every system's price, full correlation credits no diversification
    /// the data do not show.
    /// </summary>
    public const double DefaultCorrelation = 1.0;

    /// <summary>Why rho is not fitted, for readers.</summary>
    public const string CorrelationAssumption = "assumed 1 (one market moves every system): full correlation credits a fleet no diversification the data do not show";

    /// <summary>Why kappa is not fitted, for readers.</summary>
    public const string MeanReversionAssumption = "assumed 0, a random walk: a pull back to the curve would show as deviations that stop growing at long lags, which the observations are too few to tell from steady growth";

    /// <summary>
    /// Paths of <paramref name="systems"/> (in that order) for <paramref name="type"/> prices; false with the reason when a
    /// system has no forward curve, or no volatility can be fitted or assumed.
    /// </summary>
    public static bool TryCreate(MarketModel market, IReadOnlyList<string> systems, PricingType type, ForwardCurveOptions curve, PriceProcessOptions process,
        out MarketPathSetup? setup, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(process);
        setup = null;
        if (systems.Count == 0)
        {
            reason = "no systems to draw";
            return false;
        }
        var curves = new List<ForwardCurve>();
        foreach (var id in systems)
        {
            if (!market.TryForwardCurve(id, type, curve, out var c, out var why))
            {
                reason = $"no forward curve for {id} ({type.Name()}): {why}";
                return false;
            }
            curves.Add(c!);
        }
        market.TryFit(type, out var decay, out _);
        var fit = decay is null ? null : VolatilityFit.Fit(decay);
        double sigma;
        string sigmaBasis;
        if (process.Volatility is { } given)
        {
            sigma = given;
            sigmaBasis = "given";
        }
        else if (fit?.Volatility is { } fitted)
        {
            sigma = fitted;
            sigmaBasis = $"fitted: growth of the deviations from the curve with time over {fit.Pairs} pairs of one system's {type.Name()} observations";
        }
        else if (decay?.ResidualSd is { } sd)
        {
            sigma = sd;
            sigmaBasis = $"assumed: the decay fit's residual sd, {F(sd)}, per square-root year (a deviation a year ahead as wide as today's spread around the curve); not fitted because {fit!.NoVolatility}";
        }
        else
        {
            reason = $"no volatility of {type.Name()} prices: {(decay is null ? "no decay fit" : fit!.NoVolatility + ", and the decay fit has no residual sd")}; give the volatility (--volatility)";
            return false;
        }
        var correlationFit = decay is null ? null : CorrelationFit.Fit(decay);
        double rho;
        string rhoBasis;
        if (process.Correlation is { } givenRho)
        {
            rho = givenRho;
            rhoBasis = "given";
        }
        else if (correlationFit?.Estimate(sigma) is { } estimate)
        {
            rho = Math.Clamp(estimate, 0, 1);
            var se = correlationFit.StandardError(sigma, sigma == fit?.Volatility ? fit.GrowthStandardError : null);
            rhoBasis = $"fitted: rho = 1 - {F(correlationFit.IdiosyncraticVariancePerYear!.Value)} / {F(sigma * sigma)} = {F(estimate)}, the spread across systems of {correlationFit.Changes} same-source price changes "
                + $"({correlationFit.Systems} systems, {correlationFit.Sources} sources, {correlationFit.DegreesOfFreedom} degrees of freedom) over sigma²"
                + (se is { } e ? $" (approximate standard error {F(e)})" : "")
                + (estimate < 0 ? "; below 0, taken as 0 (one market factor cannot hold a negative correlation)" : estimate > 1 ? "; above 1, taken as 1" : "");
        }
        else
        {
            rho = DefaultCorrelation;
            rhoBasis = CorrelationAssumption + (correlationFit?.NoFit is { } why ? $" ({why})" : "");
        }
        var p = new PriceProcess(sigma, process.MeanReversion ?? 0, rho);
        var forward = curves.Select(c => (IReadOnlyList<double>)[.. c.Points.Select(pt => pt.PricePerGpuHour)]).ToList();
        var model = new MarketPathModel([.. curves.Select(c => c.SystemId)], forward, p);
        setup = new MarketPathSetup(model, curves, fit, sigmaBasis,
            process.MeanReversion is null ? MeanReversionAssumption : "given",
            rhoBasis) { CorrelationFit = correlationFit };
        reason = null;
        return true;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>One system's price at the end of one year ahead across the paths.</summary>
/// <param name="SystemId">System id.</param>
/// <param name="Year">Years ahead (month 12 x Year).</param>
/// <param name="Forward">The forward curve's price then (the mean of the paths' price), $ per GPU-hour.</param>
/// <param name="Summary">The paths' prices then.</param>
public sealed record FanPoint(string SystemId, int Year, double Forward, MonteCarlo.OutputSummary Summary);

/// <summary>The fan of market prices: each system's price at the end of each year ahead across the paths.</summary>
public static class MarketFan
{
    /// <summary>Runs <paramref name="paths"/> paths and summarises each system's price at months 12, 24, ... of the model.</summary>
    public static IReadOnlyList<FanPoint> Run(MarketPathModel model, long paths, ulong seed, int maxParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var years = (model.Months - 1) / 12;
        if (years < 1) throw new ArgumentException($"the model must run at least 12 months ahead, not {model.Months - 1}", nameof(model));
        var names = new List<string>();
        for (var s = 0; s < model.Systems.Count; s++)
            for (var y = 1; y <= years; y++) names.Add($"{model.Systems[s]} year {y}");
        var stats = MarketPathSimulation.Run(model, names, paths, seed, () => 0, (_, _, prices, outputs) =>
        {
            var k = 0;
            for (var s = 0; s < model.Systems.Count; s++)
                for (var y = 1; y <= years; y++) outputs.Set(k++, prices[model.Index(s, 12 * y)]);
        }, maxParallelism);
        var list = new List<FanPoint>();
        var i = 0;
        for (var s = 0; s < model.Systems.Count; s++)
            for (var y = 1; y <= years; y++) list.Add(new FanPoint(model.Systems[s], y, model.Forward(s, 12 * y), stats.Summary(i++)));
        return list;
    }
}
