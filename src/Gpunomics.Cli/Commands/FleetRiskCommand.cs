using System.CommandLine;
using System.Globalization;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Fleet;
using Gpunomics.Inputs;
using Gpunomics.Market;
using Gpunomics.MonteCarlo;
using Gpunomics.Pricing;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Commands;

/// <summary>A fleet over random market paths and renter defaults: the distribution of its equity IRR, NPV, minimum DSCR and first covenant breach.</summary>
internal static class FleetRiskCommand
{
    public static Command Create(CommandContext ctx)
    {
        var file = FleetCommand.FileArgument();
        var paths = NumberOptions.Count(CliInputs.Paths, "Market paths, each with its own renter defaults.", 10_000);
        var seed = NumberOptions.Count(ModelInputs.Seed, "Random seed; the same seed gives the same figures on any number of cores.", 1);
        var volatility = NumberOptions.Optional(ModelInputs.MarketVolatility, "Volatility of ln spot price per square-root year instead of the fitted one (or the assumption where none is fitted).");
        var reversion = NumberOptions.Optional(ModelInputs.MeanReversion, "Pull of spot prices back to the forward curve, per year (default 0, a random walk).");
        var correlation = NumberOptions.Optional(ModelInputs.MarketCorrelation, "Correlation of two systems' price shocks, 0 to 1 (default: fitted to one source's price changes of several systems, else 1).");
        var named = new Option<string[]>("--default")
        {
            Description = "A named renter default, CONTRACT@YYYY-MM, on every path instead of drawn defaults; repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("risk", "The fleet over random market paths (each system's spot price around its forward curve, with the volatility fitted to the observations, correlated across systems) and renter defaults drawn by credit tier: percentiles of the equity IRR, NPV, minimum DSCR and months to the first covenant breach, with the paths where a figure has no value counted.");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { paths, seed, volatility, reversion, correlation, named }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var (fleet, market, shown) = FleetCommand.Load(model, parse, file, named);
            var process = new PriceProcessOptions { Volatility = parse.GetValue(volatility), MeanReversion = parse.GetValue(reversion), Correlation = parse.GetValue(correlation) };
            FleetRiskModel? risk;
            MarketPathSetup? setup;
            try
            {
                if (!FleetRiskModel.TryCreate(fleet, market, model, process, out risk, out setup, out var reason))
                    throw new UserInputException($"{shown}: no market paths of {fleet.Spot.Pricing.Name()} prices: {reason}");
            }
            catch (FleetException e)
            {
                throw new UserInputException($"{shown}: {e.Message}");
            }
            var n = parse.GetValue(paths);
            var runSeed = (ulong)parse.GetValue(seed);
            var stats = risk!.Run(n, runSeed);
            var report = FleetRiskContract.From(risk, setup!, stats, shown, runSeed);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(report);
                return 0;
            }
            Write(ctx.Out, report);
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter o, FleetRiskContract r)
    {
        o.WriteLine($"Fleet risk: {r.Fleet} ({r.File}), {r.Paths:N0} paths, seed {r.Seed}");
        o.WriteLine($"  spot: {r.Market.Model}");
        o.WriteLine($"    volatility sigma: {Tables.Number(r.Market.Volatility, "0.000")} ln per square-root year ({r.Market.VolatilityBasis})");
        o.WriteLine($"    mean reversion kappa: {Tables.Number(r.Market.MeanReversion, "0.###")} per year ({r.Market.MeanReversionBasis})");
        o.WriteLine($"    correlation rho: {Tables.Number(r.Market.Correlation, "0.###")} ({r.Market.CorrelationBasis})");
        o.WriteLine($"  defaults: {r.Defaults}");
        o.WriteLine($"  on the forward curves without defaults: equity IRR {(r.Deterministic.Irr is { } i ? Tables.Percent(i) : "none: " + r.Deterministic.IrrNote)}, NPV {Tables.Money(r.Deterministic.Npv)}");
        var t = Tables.New($"Across the paths (NPV at {Tables.Percent(r.Hurdle)})", "figure", "p5", "p10", "p25", "median", "p75", "p90", "p95", "mean", "paths with it", "paths without");
        foreach (var f in r.Figures)
        {
            string V(double? v, bool mean = false) => v is not { } x ? (f.Paths == 0 ? "none" : "too few") : f.Unit switch
            {
                "annual rate" => Tables.Percent(x),
                "$" => Tables.Money(x),
                "x" => Tables.Number(x, "0.00") + "x",
                // Months and counts are whole on every path: a percentile within the stated accuracy of one reads as it.
                _ => Tables.Number(x, mean ? "0.0" : "0"),
            };
            var s = f.Summary;
            t.Row(f.Name, V(s.P5), V(s.P10), V(s.P25), V(s.P50), V(s.P75), V(s.P90), V(s.P95), V(s.Mean, mean: true), f.Paths.ToString("N0", CultureInfo.InvariantCulture),
                f.PathsWithout == 0 ? "0" : $"{f.PathsWithout:N0}: {f.Without}");
        }
        Tables.Write(o, t);
        o.WriteLine(r.BreachProbability is { } b
            ? $"  covenant breached on {Tables.Percent(b)} of paths ({r.Figures.First(f => f.Name == "months to covenant breach").Paths:N0}); {r.Covenants}"
            : $"  covenants: {r.Covenants}");
        o.WriteLine($"percentiles: nearest rank, each within {r.PercentileRelativeAccuracy.ToString("±0.0###%", CultureInfo.InvariantCulture)} (relative) of the exact percentile of these paths; too few: fewer than 20 paths with the figure for p5 and p95");
    }
}
