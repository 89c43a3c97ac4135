using System.CommandLine;
using System.Globalization;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Inputs;
using Gpunomics.Market;
using Gpunomics.Pricing;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Commands;

/// <summary>The market: dated rental price observations, the decay of price with age, and the forward curve.</summary>
internal static class MarketCommand
{
    private const string DefaultFile = "data/market-observations.json";

    private sealed class MarketOptions
    {
        public Option<FileInfo?> Observations { get; } = new("--observations") { Description = $"Market observation file (JSON) instead of the shipped {DefaultFile}." };
        public TrendOptions Trend { get; } = new();

        public void AddTo(Command c)
        {
            c.Options.Add(Observations);
            c.Options.Add(Trend.LaunchPrices);
        }

        public string File(ParseResult parse) => parse.GetValue(Observations)?.Name ?? DefaultFile;

        // The market of the catalog: its launches, and the launch trend (at the scenario's ceiling precision) for systems without observations.
        public MarketModel Load(CommandContext ctx, ParseResult parse)
        {
            var model = ctx.Load(parse);
            return CommandContext.Market(model.Catalog, model.Scenario.Ceiling.Basis, Trend.Load(parse, model.Catalog), parse.GetValue(Observations)?.FullName).Market;
        }
    }

    public static Command Create(CommandContext ctx)
    {
        var options = new MarketOptions();
        var system = new Option<string?>("--system") { Description = "Show only this system's observations (the fits are over every observation)." };
        var command = new Command("market", "Dated rental price observations by system, each with its age since launch, and the decay of price with age fitted per kind of price (on-demand, spot, contract) with its fit statistics and leave-one-out error.");
        options.AddTo(command);
        command.Options.Add(system);
        command.Subcommands.Add(CreatePaths(ctx));
        command.SetAction(parse =>
        {
            var market = options.Load(ctx, parse);
            var id = parse.GetValue(system);
            if (id is not null)
            {
                if (market.Launch(id) is not { } launch)
                    throw new UserInputException($"--system '{id}' is not known; allowed: {string.Join(", ", market.KnownSystems)}");
                id = launch.SystemId;
            }
            if (ctx.Json(parse))
            {
                ctx.WriteJson(MarketContract.Market(market, id, options.File(parse)));
                return 0;
            }
            WriteMarket(ctx.Out, market, id, options.File(parse));
            return 0;
        });
        return command;
    }

    public static Command CreateForwardCurve(CommandContext ctx)
    {
        var options = new MarketOptions();
        var system = new Argument<string>("system") { Description = "System id (a catalog system or a launch-price generation, e.g. h100)." };
        var pricing = PricingOption();
        var from = new Option<string?>("--from") { Description = "Month 0 of the curve, YYYY-MM-DD (default: the latest observation's date)." };
        var months = NumberOptions.Whole(ModelInputs.ForwardMonths, "Months ahead (default 36).");
        var change = NumberOptions.Optional(ModelInputs.AnnualPriceChange, "Price change per year of age instead of the fitted decay, e.g. -0.3 or -30%.");
        var start = NumberOptions.Optional(ModelInputs.StartPrice, "Price at month 0, $ per GPU-hour, instead of the system's level.");
        var command = new Command("forward-curve", "A system's rental price by month ahead: the decay with age fitted to the market observations, the system's level from its own observations or the launch trend, and a 90% band from the fit's residuals.");
        command.Arguments.Add(system);
        options.AddTo(command);
        command.Options.Add(pricing);
        command.Options.Add(from);
        command.Options.Add(months);
        command.Options.Add(change);
        command.Options.Add(start);
        command.SetAction(parse =>
        {
            var type = Pricing(parse, pricing);
            var fromDate = TrendOptions.ParseDate(parse.GetValue(from), "--from");
            var market = options.Load(ctx, parse);
            var id = parse.GetValue(system)!;
            if (market.Launch(id) is not { } launch)
                throw new UserInputException($"unknown system '{id}'; known systems: {string.Join(", ", market.KnownSystems)}");
            var opts = new ForwardCurveOptions
            {
                From = fromDate ?? market.LatestDate ?? throw new UserInputException("no market observations of a system with a known launch to start from: give --from YYYY-MM-DD"),
                Months = parse.GetValue(months) ?? 36,
                AnnualChange = parse.GetValue(change),
                StartPrice = parse.GetValue(start),
            };
            if (!market.TryForwardCurve(launch.SystemId, type, opts, out var curve, out var reason))
                throw new UserInputException($"no forward curve for {launch.SystemId} ({type.Name()}): {reason}");
            if (ctx.Json(parse))
            {
                ctx.WriteJson(MarketContract.ForwardCurve(curve!, options.File(parse)));
                return 0;
            }
            WriteCurve(ctx.Out, curve!, options.File(parse));
            return 0;
        });
        return command;
    }

    private static Command CreatePaths(CommandContext ctx)
    {
        var options = new MarketOptions();
        var systems = new Option<string[]>("--system") { Description = "A system to draw (repeat for several); default every system with a forward curve of the kind.", AllowMultipleArgumentsPerToken = true };
        var pricing = PricingOption();
        var from = new Option<string?>("--from") { Description = "Month 0 of the paths, YYYY-MM-DD (default: the latest observation's date)." };
        var paths = NumberOptions.Count(CliInputs.Paths, "Market price paths.", 10_000);
        var seed = NumberOptions.Count(ModelInputs.Seed, "Random seed; the same seed gives the same fan on any number of cores.", 1);
        var years = NumberOptions.Count(CliInputs.Years, "Years ahead.", 5);
        var volatility = NumberOptions.Optional(ModelInputs.MarketVolatility, "Volatility of ln price per square-root year instead of the fitted one (or the assumption where none is fitted).");
        var reversion = NumberOptions.Optional(ModelInputs.MeanReversion, "Pull of prices back to the forward curve, per year (default 0, a random walk).");
        var change = NumberOptions.Optional(ModelInputs.AnnualPriceChange, "Price change per year of age of every forward curve instead of the fitted decay, e.g. -0.2 or -20%.");
        var start = NumberOptions.Optional(ModelInputs.StartPrice, "Price at month 0, $ per GPU-hour, instead of the system's level (with one --system).");
        var correlation = NumberOptions.Optional(ModelInputs.MarketCorrelation, "Correlation of two systems' price shocks, 0 to 1 (default: fitted to one source's price changes of several systems, else 1).");
        var command = new Command("paths", "Random market price paths around each system's forward curve (mean = the curve) with a volatility fitted to the observations, and the fan they make: p5, median and p95 of each system's price at the end of each year.");
        options.AddTo(command);
        foreach (var o in new Option[] { systems, pricing, from, paths, seed, years, change, start, volatility, reversion, correlation }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var type = Pricing(parse, pricing);
            var fromDate = TrendOptions.ParseDate(parse.GetValue(from), "--from");
            var market = options.Load(ctx, parse);
            var curve = new ForwardCurveOptions
            {
                From = fromDate ?? market.LatestDate ?? throw new UserInputException("no market observations of a system with a known launch to start from: give --from YYYY-MM-DD"),
                Months = 12 * (int)parse.GetValue(years),
                AnnualChange = parse.GetValue(change),
                StartPrice = parse.GetValue(start),
            };
            var asked = parse.GetValue(systems) ?? [];
            if (curve.StartPrice is { } p0 && asked.Length != 1)
                throw new UserInputException($"--start-price {p0.ToString(CultureInfo.InvariantCulture)} is one system's price at month 0: give exactly one --system with it");
            var ids = new List<string>();
            var skipped = new List<string>();
            foreach (var id in asked)
            {
                if (market.Launch(id) is not { } launch)
                    throw new UserInputException($"--system '{id}' is not known; allowed: {string.Join(", ", market.KnownSystems)}");
                if (!market.TryForwardCurve(launch.SystemId, type, curve, out _, out var why))
                    throw new UserInputException($"--system '{id}': no forward curve of {type.Name()} prices: {why}");
                if (!ids.Contains(launch.SystemId, StringComparer.OrdinalIgnoreCase)) ids.Add(launch.SystemId);
            }
            if (asked.Length == 0)
                foreach (var id in market.KnownSystems)
                    if (market.TryForwardCurve(id, type, curve, out _, out var why)) ids.Add(id);
                    else skipped.Add($"{id}: {why}");
            if (ids.Count == 0)
                throw new UserInputException($"no system has a forward curve of {type.Name()} prices ({skipped.Count} known); {skipped[0]}; give --system S to draw one system");
            var process = new PriceProcessOptions { Volatility = parse.GetValue(volatility), MeanReversion = parse.GetValue(reversion), Correlation = parse.GetValue(correlation) };
            if (!MarketPathSetup.TryCreate(market, ids, type, curve, process, out var setup, out var reason))
                throw new UserInputException($"no market paths of {type.Name()} prices: {reason}");
            var n = parse.GetValue(paths);
            var runSeed = (ulong)parse.GetValue(seed);
            var fan = MarketFan.Run(setup!.Model, n, runSeed);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(MarketContract.Paths(setup, fan, n, runSeed, options.File(parse), skipped));
                return 0;
            }
            WritePaths(ctx.Out, setup, fan, n, runSeed, options.File(parse), skipped);
            return 0;
        });
        return command;
    }

    private static void WritePaths(TextWriter o, MarketPathSetup setup, IReadOnlyList<FanPoint> fan, long paths, ulong seed, string file, IReadOnlyList<string> skipped)
    {
        var p = setup.Model.Process;
        var from = setup.Curves[0].Options.From;
        var type = setup.Curves[0].PricingType;
        o.WriteLine($"Market price paths: {paths:N0} paths of {type.Name()} prices from {from:yyyy-MM-dd}, seed {seed} ({file})");
        o.WriteLine("  model: ln price = ln forward + X - Var X / 2, so each month's mean price is the forward curve's; dX = -kappa X dt + sigma dW from X = 0");
        o.WriteLine($"  volatility sigma: {Tables.Number(p.Volatility, "0.000")} ln per square-root year ({setup.VolatilityBasis})");
        o.WriteLine($"  mean reversion kappa: {Tables.Number(p.MeanReversion, "0.###")} per year{(p.HalfLifeYears is { } h ? $", half-life {Tables.Number(h, "0.00")} years" : "")} ({setup.MeanReversionBasis})");
        o.WriteLine($"  correlation rho: {Tables.Number(p.Correlation, "0.###")} ({setup.CorrelationBasis})");
        if (setup.Fit is { } fit)
            o.WriteLine(fit.NoFit is { } noFit ? $"  volatility fit: none: {noFit}"
                : $"  volatility fit: (e_i - e_j)² = 2 tau² + sigma² |t_i - t_j| over {fit.Pairs} pairs of one system's observations: sigma² {Tables.Number(fit.GrowthPerYear!.Value, "0.000")} per year (se {(fit.GrowthStandardError is { } se ? Tables.Number(se, "0.000") : "none: two pairs")}), tau² {Tables.Number(fit.SpreadVariance!.Value, "0.000")}");
        if (setup.CorrelationFit is { } cf)
            o.WriteLine(cf.NoFit is { } noCorrelation ? $"  correlation fit: none: {noCorrelation}"
                : $"  correlation fit: (1 - rho) sigma² = {Tables.Number(cf.IdiosyncraticVariancePerYear!.Value, "0.0000")} ln² per year from {cf.Changes} same-source price changes of {cf.Systems} systems ({cf.Sources} sources, {cf.DegreesOfFreedom} degrees of freedom)");
        foreach (var c in setup.Curves)
        {
            var t = Tables.New($"{c.SystemId}: $ per GPU-hour at the end of each year ({c.LevelBasis})", "year", "date", "forward (mean)", "p5", "median", "p95", "mean of paths");
            foreach (var f in fan.Where(f => f.SystemId == c.SystemId))
                t.Row(f.Year.ToString(CultureInfo.InvariantCulture), from.AddMonths(12 * f.Year).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Tables.Money(f.Forward),
                    Price(f.Summary.P5), Price(f.Summary.P50), Price(f.Summary.P95), Price(f.Summary.Mean));
            Tables.Write(o, t);
        }
        o.WriteLine($"percentiles: nearest rank, each within {StreamingHistogramAccuracy} (relative) of the exact percentile of these paths; too few: fewer than 20 paths for p5 and p95");
        foreach (var s in skipped) o.WriteLine($"  not drawn: {s}");
    }

    private static readonly string StreamingHistogramAccuracy = Gpunomics.MonteCarlo.StreamingHistogram.RelativeAccuracy.ToString("±0.0###%", CultureInfo.InvariantCulture);

    private static Option<string?> PricingOption() => new("--pricing") { Description = $"Kind of price: {PricingTypes.Allowed} (default on-demand)." };

    // The kind of price a --pricing flag names (on-demand when not given).
    private static PricingType Pricing(ParseResult parse, Option<string?> pricing)
    {
        var type = PricingType.OnDemand;
        if (parse.GetValue(pricing) is { } text && !PricingTypes.TryParse(text, out type))
            throw new UserInputException($"--pricing '{text}' is not known; allowed: {PricingTypes.Allowed}");
        return type;
    }

    private static string Price(double? v) => v is { } d ? Tables.Money(d) : "too few";

    private static string Years(double v) => Tables.Number(v, "0.00");

    private static void WriteMarket(TextWriter o, MarketModel market, string? systemId, string file)
    {
        var fits = Enum.GetValues<PricingType>().Select(t =>
        {
            market.TryFit(t, out var fit, out var reason);
            return (Type: t, Fit: fit, Reason: reason, Held: market.LeaveOneOut(t));
        }).ToList();
        var groups = market.Aged.Where(a => systemId is null || string.Equals(a.Observation.SystemId, systemId, StringComparison.OrdinalIgnoreCase))
            .GroupBy(a => a.Observation.SystemId, StringComparer.OrdinalIgnoreCase).ToList();
        if (groups.Count == 0) o.WriteLine($"No observations of {systemId} in {file}.");
        foreach (var g in groups)
        {
            var launch = market.Launch(g.Key)!;
            var t = Tables.New($"{launch.SystemId}: rental prices by age since launch ({launch.Date:yyyy-MM-dd}, {launch.From}; {file})",
                "date", "provider", "pricing", "$/GPU-hour", "age, years", "fitted", "residual ln");
            foreach (var a in g.OrderBy(a => a.Observation.Date))
            {
                var fit = fits[(int)a.Observation.PricingType].Fit;
                var fitted = fit?.Fitted(a);
                t.Row(a.Observation.DateText, a.Observation.Provider, a.Observation.PricingLabel + (a.Observation.PricingType == PricingType.Contract && a.Observation.PrepayShare is null ? ", prepay not published" : ""),
                    Tables.Money(a.Observation.PricePerGpuHour), Years(a.AgeYears),
                    fitted is { } f ? Tables.Money(f) : "none: no fit", fitted is { } r ? Tables.Number(a.LogPrice - Math.Log(r), "+0.000;-0.000;0.000") : "none");
            }
            Tables.Write(o, t);
        }

        var s = Tables.New("Decay with age: ln($/GPU-hour) = a_system + b x age, least squares per kind of price over every observation",
            ["statistic", .. fits.Select(f => f.Type.Name())]);
        string[] Cells(Func<AgeDecayFit, string> cell) => [.. fits.Select(f => f.Fit is null ? "none" : cell(f.Fit))];
        s.Row(["fit", .. fits.Select(f => f.Fit is null ? $"none: {f.Reason}" : "fitted")]);
        s.Row(["change per year of age, e^b - 1", .. Cells(f => Tables.Percent(f.AnnualChange))]);
        s.Row(["halving time", .. Cells(f => f.HalvingYears is { } h ? $"{Tables.Number(h, "0.00")} years" : "none: prices do not fall")]);
        s.Row(["b, per year (standard error)", .. Cells(f => $"{Tables.Number(f.SlopePerYear, "0.000")} ({(f.SlopeStandardError is { } se ? Tables.Number(se, "0.000") : "none")})")]);
        s.Row(["residual sd, ln", .. Cells(f => f.ResidualSd is { } sd ? Tables.Number(sd, "0.000") : $"none: n - k - 1 = {f.DegreesOfFreedom}")]);
        s.Row(["R squared within systems", .. Cells(f => f.RSquared is { } r2 ? Tables.Number(r2, "0.000") : f.DegreesOfFreedom <= 0 ? "none: an exact fit (no degrees of freedom)" : "none: no variation within systems")]);
        s.Row(["observations / systems / dof", .. Cells(f => $"{f.Count} / {f.Systems.Count} / {f.DegreesOfFreedom}")]);
        s.Row(["held out (leave-one-out): predicted", .. fits.Select(f => $"{f.Held.ScoredCount} of {f.Held.Rows.Count}")]);
        s.Row(["held out: RMS ln error", .. fits.Select(f => f.Held.RmsLogError is { } e ? Tables.Number(e, "0.000") : "none")]);
        s.Row(["held out: mean |predicted / observed - 1|", .. fits.Select(f => Tables.Percent(f.Held.MeanAbsolutePercentError))]);
        s.Row(["held out: inside the 90% band", .. fits.Select(f => f.Held.BandCoverage is { } c ? $"{Tables.Percent(c)} of {f.Held.BandCount}" : "none: no band")]);
        Tables.Write(o, s);
        foreach (var a in market.Aged.Where(a => systemId is null || string.Equals(a.Observation.SystemId, systemId, StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.Observation.SystemId, StringComparer.Ordinal).ThenBy(a => a.Observation.Date))
            o.WriteLine($"  {a.Observation.SystemId} {a.Observation.DateText} {a.Observation.Provider}: {(a.Observation.Note is { } n ? n + ". " : "")}Source: {a.Observation.Source}");
        foreach (var x in market.Excluded.Where(x => systemId is null || string.Equals(x.SystemId, systemId, StringComparison.OrdinalIgnoreCase)))
            o.WriteLine($"  {x.SystemId} {x.DateText} {x.Provider}: {MarketModel.ExcludedReason}.");
    }

    private static void WriteCurve(TextWriter o, ForwardCurve c, string file)
    {
        var slope = c.SlopeGiven ? "given" : $"fitted to {c.Fit!.Count} {c.PricingType.Name()} observations of {c.Fit.Systems.Count} systems";
        o.WriteLine($"{c.SystemId} {c.PricingType.Name()} forward curve from {c.Options.From:yyyy-MM-dd} ({file}; launch {c.Launch.Date:yyyy-MM-dd}, {c.Launch.From})");
        o.WriteLine($"  decay: {Tables.Percent(c.AnnualChange)} per year of age (b = {Tables.Number(c.SlopePerYear, "0.000")}, {slope})");
        o.WriteLine($"  level: {c.LevelBasis}");
        o.WriteLine($"  band: {c.NoBand ?? "90%, ln price +/- 1.645 x the prediction's standard deviation from the fit's residuals"}");
        var t = Tables.New("Price by month ahead, $ per GPU-hour", "month", "date", "age, years", "price", "90% low", "90% high");
        foreach (var p in c.Points)
            t.Row(p.Month.ToString(CultureInfo.InvariantCulture), p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Years(p.AgeYears), Tables.Money(p.PricePerGpuHour),
                p.Low is { } lo ? Tables.Money(lo) : "none", p.High is { } hi ? Tables.Money(hi) : "none");
        Tables.Write(o, t);
    }
}
