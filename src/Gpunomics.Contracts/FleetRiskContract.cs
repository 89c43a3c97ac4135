using System.Globalization;
using Gpunomics.Fleet;
using Gpunomics.Market;
using Gpunomics.MonteCarlo;

namespace Gpunomics.Contracts;

/// <summary>The market paths of a fleet risk run: the process and where each parameter comes from.</summary>
/// <param name="Model">The process in words.</param>
/// <param name="Volatility">sigma, ln price per square-root year.</param>
/// <param name="VolatilityBasis">Where sigma comes from.</param>
/// <param name="MeanReversion">kappa, per year.</param>
/// <param name="MeanReversionBasis">Where kappa comes from.</param>
/// <param name="Correlation">rho.</param>
/// <param name="CorrelationBasis">Where rho comes from.</param>
public sealed record FleetRiskMarket(string Model, double Volatility, string VolatilityBasis, double MeanReversion, string MeanReversionBasis, double Correlation, string CorrelationBasis);

/// <summary>The fleet on its forward curves without defaults (the paths' centre).</summary>
/// <param name="Irr">Annual equity IRR; null with <paramref name="IrrNote"/>.</param>
/// <param name="IrrNote">Why there is no IRR.</param>
/// <param name="Npv">NPV at the hurdle, $.</param>
public sealed record FleetRiskDeterministic(double? Irr, string? IrrNote, double Npv);

/// <summary>One figure across the paths.</summary>
/// <param name="Name">The figure.</param>
/// <param name="Unit">"annual rate", "$", "x" (a ratio), "months" or "count".</param>
/// <param name="Summary">Percentiles, mean, min and max over the paths that have the figure; a percentile null when too few paths have it.</param>
/// <param name="Paths">Paths with the figure.</param>
/// <param name="PathsWithout">Paths without it.</param>
/// <param name="Without">What a path without it means; null when every path has it.</param>
public sealed record FleetRiskFigure(string Name, string Unit, OutputSummary Summary, long Paths, long PathsWithout, string? Without);

/// <summary>
/// A fleet risk run as the command line's <c>fleet risk --json</c> gives it: the fleet, the paths and seed, the market
/// process, the defaults, the fleet on its forward curves, each figure across the paths and the share of paths breaching a covenant.
/// </summary>
/// <param name="Fleet">The fleet's name.</param>
/// <param name="File">The fleet file as shown.</param>
/// <param name="Paths">Paths run.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Hurdle">Annual hurdle of the NPV.</param>
/// <param name="Market">The market paths.</param>
/// <param name="Defaults">How defaults are drawn.</param>
/// <param name="Deterministic">The fleet on its forward curves without defaults.</param>
/// <param name="Figures">Equity IRR, NPV, minimum DSCR, months to covenant breach, spot revenue and renter defaults across the paths.</param>
/// <param name="BreachProbability">Share of paths with a covenant breach; null without a covenant.</param>
/// <param name="Covenants">The covenants in words.</param>
/// <param name="PercentileRelativeAccuracy">Each percentile is within this relative distance of the exact percentile of the paths.</param>
public sealed record FleetRiskContract(string Fleet, string File, long Paths, ulong Seed, double Hurdle, FleetRiskMarket Market, string Defaults,
    FleetRiskDeterministic Deterministic, IReadOnlyList<FleetRiskFigure> Figures, double? BreachProbability, string Covenants, double PercentileRelativeAccuracy)
{
    /// <summary>The contract of a run.</summary>
    public static FleetRiskContract From(FleetRiskModel risk, MarketPathSetup setup, PathOutputStatistics stats, string file, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(stats);
        var fleet = risk.Fleet;
        var p = risk.Market.Process;
        var debt = fleet.Debt;
        var hasCovenant = debt is { CovenantMinDscr: not null } or { CovenantMaxLtv: not null };
        string[] units = ["annual rate", "$", "x", "months", "$", "count"];
        string?[] without =
        [
            "no IRR that is a return (none, several, or a borrowing rate): judge these paths by NPV",
            null,
            debt is null ? "no debt" : "no month with scheduled debt service",
            debt is null ? "no debt" : !hasCovenant ? "no covenant set" : "never breached",
            null,
            null,
        ];
        var figures = new List<FleetRiskFigure>();
        for (var o = 0; o < FleetRiskModel.Outputs.Count; o++)
        {
            var n = stats.PathsWithout(o);
            figures.Add(new FleetRiskFigure(FleetRiskModel.Outputs[o], units[o], stats.Summary(o), stats.Paths - n, n, n > 0 ? without[o] : null));
        }
        var breachIndex = stats.IndexOf("months to covenant breach");
        var covenants = debt is null ? "none: no debt"
            : !hasCovenant ? "none set"
            : string.Create(CultureInfo.InvariantCulture, $"{(debt.CovenantMinDscr is { } d ? $"fleet DSCR at least {d:0.00}x" : "")}{(debt.CovenantMinDscr is not null && debt.CovenantMaxLtv is not null ? ", " : "")}{(debt.CovenantMaxLtv is { } l ? $"LTV at most {l:0%}" : "")} every month; months to breach counted from {FleetDates.Text(fleet.Start)}")
              + (debt.CovenantMaxLtv is null ? "" : risk.LtvBreachMonth is { } m ? $"; the LTV test does not depend on the path and is breached at month {m} on every path" : "; the LTV test does not depend on the path and holds on every path");
        var d0 = risk.Deterministic.Returns;
        return new FleetRiskContract(fleet.Name, file, stats.Paths, seed, risk.Hurdle,
            new FleetRiskMarket("each system's spot price around the forward curve the fleet model uses (mean = the curve): ln price = ln forward + X - Var X / 2, dX = -kappa X dt + sigma dW from X = 0 at the fleet's start, systems correlated through one market factor",
                p.Volatility, setup.VolatilityBasis, p.MeanReversion, setup.MeanReversionBasis, p.Correlation, setup.CorrelationBasis),
            DrawnDefaults(fleet.Defaults),
            new FleetRiskDeterministic(d0.Irr, d0.IrrNote, d0.Npv),
            figures,
            hasCovenant ? (double)(stats.Paths - stats.PathsWithout(breachIndex)) / stats.Paths : null,
            covenants,
            StreamingHistogram.RelativeAccuracy);
    }

    /// <summary>How a fleet risk run draws the defaults of <paramref name="d"/>, in words.</summary>
    public static string DrawnDefaults(DefaultAssumptions d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Mode switch
        {
            DefaultMode.None => "none",
            DefaultMode.Expected => string.Create(CultureInfo.InvariantCulture,
                $"drawn on each path: a renter defaults in each billed month with its tier's monthly hazard (annual probability {d.InvestmentGradeProbability:0.0#%} investment-grade, {d.NonInvestmentGradeProbability:0.0#%} non-investment-grade); recovery {d.Recovery:0%} of the unpaid bills; re-lease at spot after {d.ReleaseDelayMonths} months idle"),
            _ => "named, the same on every path: " + FleetResultContract.Defaults(d),
        };
    }
}
