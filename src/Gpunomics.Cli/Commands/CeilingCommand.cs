using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Catalog;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Pricing;

namespace Gpunomics.Cli.Commands;

internal static class CeilingCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var perPflop = NumberOptions.Optional(ModelInputs.ReferencePricePerPflopHour, "Incumbent rental price, $ per PFLOP-hour (default: the scenario's, 0.70).");
        var reference = new Option<string?>("--reference") { Description = "Incumbent system id; give its price with --reference-price." };
        var referencePrice = NumberOptions.Optional(ModelInputs.ReferencePrice, "Incumbent's rental price, $ per GPU-hour.");
        var precision = new Option<string?>("--precision") { Description = $"Precision of the comparison: {PrecisionNames.Allowed}, or e.g. fp4Sparse (default: the scenario's, fp8)." };
        var trend = new TrendOptions();
        var command = new Command("ceiling", "The value-based ceiling: the most a renter pays before preferring the incumbent GPU (reference $/PFLOP-hour given, or --from-trend).");
        command.Arguments.Add(system);
        command.Options.Add(perPflop);
        command.Options.Add(reference);
        command.Options.Add(referencePrice);
        command.Options.Add(precision);
        command.Options.Add(trend.FromTrend);
        command.Options.Add(trend.BelowTrend);
        command.Options.Add(trend.At);
        command.Options.Add(trend.LaunchPrices);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var s = ctx.System(model, parse.GetValue(system)!);
            var basis = model.Scenario.Ceiling.Basis;
            if (parse.GetValue(precision) is { } text && !ThroughputBasis.TryParse(text, out basis))
                throw new UserInputException($"--precision '{text}' is not known; allowed: {PrecisionNames.Allowed} (append Sparse for sparse figures, e.g. fp4Sparse)");
            if (s.Pflops(basis) is null)
                throw new UserInputException($"{s.Id} does not market {basis.Key} throughput; it markets: {string.Join(", ", s.MarketedBases().Select(b => b.Key))}");

            var refId = parse.GetValue(reference);
            var refPrice = parse.GetValue(referencePrice);
            var direct = parse.GetValue(perPflop);
            if (parse.GetValue(trend.FromTrend))
            {
                if (direct is not null || refId is not null || refPrice is not null)
                    throw new UserInputException("--from-trend takes the reference from the launch trend: give it without --reference-price-per-pflop-hour, --reference or --reference-price");
                return FromTrend(ctx, parse, trend, model, s, basis);
            }
            if (parse.GetValue(trend.BelowTrend) is not null || parse.GetValue(trend.At) is not null || parse.GetValue(trend.LaunchPrices) is not null)
                throw new UserInputException("--below-trend, --at and --launch-prices go with --from-trend");
            if (direct is not null && (refId is not null || refPrice is not null))
                throw new UserInputException("give either --reference-price-per-pflop-hour, or --reference with --reference-price, not both");
            if ((refId is null) != (refPrice is null))
                throw new UserInputException("--reference and --reference-price go together: name the incumbent system and its price per GPU-hour");

            double referencePerPflop;
            string? refSystem = null;
            if (refId is not null)
            {
                var r = ctx.System(model, refId);
                if (r.Pflops(basis) is null)
                    throw new UserInputException($"reference {r.Id} does not market {basis.Key} throughput");
                refSystem = r.Id;
                referencePerPflop = CeilingPrice.ReferencePerPflopHour(r, refPrice!.Value, basis);
            }
            else
            {
                referencePerPflop = direct ?? model.Scenario.Ceiling.ReferencePricePerPflopHour;
            }
            var ceiling = CeilingPrice.FromReferencePerPflopHour(s, referencePerPflop, basis);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(Contract.Ceiling(s, basis, refSystem, refPrice, referencePerPflop, ceiling));
                return 0;
            }
            var t = Tables.New($"{s.Name}: value-based ceiling", "measure", "value");
            if (refSystem is not null) t.Row("incumbent", $"{refSystem} at {Tables.Money(refPrice!.Value)}/GPU-hour");
            t.Row($"reference $/PFLOP-hour ({basis.Key})", Tables.Money4(referencePerPflop));
            t.Row($"{s.Id} PFLOPS ({basis.Key})", Tables.Number(s.Pflops(basis)!.Value, "0.###"));
            t.Row("ceiling, $/GPU-hour", Tables.Money4(ceiling));
            Tables.Write(ctx.Out, t);
            return 0;
        });
        return command;
    }

    private static int FromTrend(CommandContext ctx, ParseResult parse, TrendOptions trend, EconomicsModel model, AcceleratorSystem s, ThroughputBasis basis)
    {
        var share = trend.BelowTrendShare(parse);
        var at = trend.Date(parse);
        var prices = trend.Load(parse, model.Catalog);
        var fit = TrendOptions.Fit(prices, model.Catalog, basis);
        var c = CeilingPrice.FromTrend(s, fit, prices, at, share);
        if (ctx.Json(parse))
        {
            ctx.WriteJson(Contract.CeilingFromTrend(s, c, fit));
            return 0;
        }
        var t = Tables.New($"{s.Name}: value-based ceiling from the launch trend", "measure", "value");
        t.Row("ceiling from", $"launch trend of {basis.Key} $/PFLOP-hour, {fit.Count} generations ({string.Join(", ", fit.PricingTypes)} prices), {Tables.Percent(fit.AnnualChange)} per year");
        t.Row("trend read at", c.When);
        t.Row($"trend $/PFLOP-hour ({basis.Key})", Tables.Money4(c.TrendPerPflopHour));
        t.Row("below trend", Tables.Percent(c.BelowTrendShare));
        t.Row($"reference $/PFLOP-hour ({basis.Key})", Tables.Money4(c.ReferencePerPflopHour));
        t.Row($"{s.Id} PFLOPS ({basis.Key})", Tables.Number(c.Pflops, "0.###"));
        t.Row("ceiling, $/GPU-hour", Tables.Money4(c.Ceiling));
        Tables.Write(ctx.Out, t);
        return 0;
    }
}
