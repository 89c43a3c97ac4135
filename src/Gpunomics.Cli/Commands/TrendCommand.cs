using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Pricing;

namespace Gpunomics.Cli.Commands;

internal static class TrendCommand
{
    public static Command Create(CommandContext ctx)
    {
        var options = new TrendOptions();
        var precision = new Option<string?>("--precision") { Description = $"Precision of the PFLOPS: {PrecisionNames.Allowed} (dense; default: the scenario's ceiling precision, fp8)." };
        var command = new Command("trend", "The $/PFLOP-hour launch trend: each generation's launch-era rental price per PFLOP-hour, the fitted line, its value at any date and at each system's launch; and the cross-section of today's prices.");
        command.Options.Add(options.LaunchPrices);
        command.Options.Add(options.At);
        command.Options.Add(precision);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var basis = model.Scenario.Ceiling.Basis;
            if (parse.GetValue(precision) is { } text && !ThroughputBasis.TryParse(text, out basis))
                throw new UserInputException($"--precision '{text}' is not known; allowed: {PrecisionNames.Allowed} (append Sparse for sparse figures, e.g. fp4Sparse)");
            var at = options.Date(parse);
            var prices = options.Load(parse, model.Catalog);
            var fit = TrendOptions.Fit(prices, model.Catalog, basis);
            var crossSection = model.Trend(basis);
            var file = parse.GetValue(options.LaunchPrices)?.Name ?? "data/launch-prices.json";
            if (ctx.Json(parse))
            {
                ctx.WriteJson(Contract.Trend(fit, model.Catalog, prices, at, crossSection, file));
                return 0;
            }
            Write(ctx.Out, fit, model.Catalog, prices, at, crossSection, file);
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter o, LaunchTrendFit fit, HardwareCatalog catalog, IReadOnlyList<LaunchPrice> prices, DateOnly? at, PriceTrendFit? crossSection, string file)
    {
        var b = fit.Basis.Key;
        var t = Tables.New($"Launch trend of $/PFLOP-hour ({b} dense): each generation's launch-era rental price ({file})",
            "generation", "launch", "$/GPU-hour (pricing, date)", "PFLOPS", "$/PFLOP-hour", "trend", "residual ln", "vs trend");
        foreach (var p in fit.Points.OrderBy(p => p.LaunchYear))
            t.Row(p.Price.SystemId, p.Price.LaunchDate.ToString("yyyy-MM-dd"), $"{Tables.Money4(p.Price.PricePerGpuHour)} ({p.Price.PricingType}, {p.Price.PriceDate:yyyy-MM-dd})",
                $"{Tables.Number(p.Pflops, "0.###")} {p.PflopsBasis.Key}{(p.Substituted ? "*" : "")}",
                Tables.Money4(p.PricePerPflopHour), Tables.Money4(p.TrendPerPflopHour), Tables.Number(p.LogResidual, "+0.000;-0.000;0.000"), Tables.Percent(p.DeviationFromTrend));
        foreach (var x in fit.Excluded) t.Row(x.SystemId, "left out", x.Reason, "", "", "", "", "");
        Tables.Write(o, t);
        foreach (var g in fit.Points.Where(p => p.Substituted).GroupBy(p => p.PflopsBasis.Key))
            o.WriteLine($"  * {string.Join(", ", g.Select(p => p.Price.SystemId))}: no {b} units; {b} work runs at the {g.Key} rate, so {g.Key} PFLOPS stand in.");
        foreach (var p in fit.Points.OrderBy(p => p.LaunchYear)) o.WriteLine($"  {p.Price.SystemId}: {p.Price.Offer}. Source: {p.Price.Source}");

        var s = Tables.New("Fit: ln($/PFLOP-hour) = a + b x launch year, least squares", "statistic", "value");
        s.Row("change per year, e^b - 1", Tables.Percent(fit.AnnualChange));
        s.Row("halving time", fit.HalvingYears is { } h ? $"{Tables.Number(h, "0.00")} years" : "none: the trend does not fall");
        s.Row("R squared (of ln $/PFLOP-hour)", fit.RSquared is { } r2 ? Tables.Number(r2, "0.0000") : "none: every generation has the same $/PFLOP-hour");
        s.Row("generations (n)", fit.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        s.Row("pricing in the fit", string.Join(", ", fit.PricingTypes));
        if (at is { } d) s.Row($"trend on {d:yyyy-MM-dd}, $/PFLOP-hour", Tables.Money4(fit.At(d)));
        Tables.Write(o, s);

        var l = Tables.New($"Trend at each catalog system's launch (the ceiling on trend = trend x PFLOPS at {b})", "system", "launch", "trend $/PFLOP-hour", "PFLOPS", "ceiling $/GPU-hour");
        foreach (var sys in catalog.Systems)
        {
            var (year, when) = LaunchTrend.LaunchOf(sys, prices);
            var pflops = sys.Pflops(fit.Basis);
            l.Row(sys.Id, when, Tables.Money4(fit.At(year)), pflops is { } pf ? Tables.Number(pf, "0.###") : $"none: no {b}", pflops is { } q ? Tables.Money(fit.At(year) * q) : "none");
        }
        Tables.Write(o, l);

        o.WriteLine(crossSection is null
            ? "Cross-section of today's prices: none (fewer than two catalog systems with a market price and this precision)."
            : $"Cross-section of today's prices (today's market price of each catalog system against its launch; mixes age with progress): {Tables.Percent(crossSection.AnnualChange)} per year over {crossSection.Points.Count} systems.");
    }
}
