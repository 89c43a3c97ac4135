using Gpunomics.Contracts;
using Gpunomics.Inputs;
using Gpunomics.Market;
using Gpunomics.Pricing;

namespace Gpunomics.Web.Api;

/// <summary>The market under <c>/api</c>: observations with their decay fits, and forward curves (same fields as the command line's --json).</summary>
internal static class MarketApi
{
    public static void MapMarketApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("market");
        api.MapGet("/market", Market).Query([P.System]);
        api.MapGet("/forward-curve/{system}", ForwardCurve).Query([P.Pricing, P.From, P.Months, P.AnnualChange, P.StartPrice]);
    }

    private static class P
    {
        public static readonly QueryParameter System = new("system", "show only this system's observations (the fits are over every observation)", QueryKind.Text);
        public static readonly QueryParameter Pricing = new("pricing", $"kind of price: {PricingTypes.Allowed} (default on-demand)", QueryKind.Text);
        public static readonly QueryParameter From = new("from", "month 0 of the curve, YYYY-MM-DD (default: the latest observation's date)", QueryKind.Text);
        public static readonly QueryParameter Months = QueryParameter.For(ModelInputs.ForwardMonths, "months ahead (default 36)");
        public static readonly QueryParameter AnnualChange = QueryParameter.For(ModelInputs.AnnualPriceChange, "price change per year of age instead of the fitted decay, e.g. -0.3 or -30%");
        public static readonly QueryParameter StartPrice = QueryParameter.For(ModelInputs.StartPrice, "price at month 0, $ per GPU-hour, instead of the system's level");
    }

    private static IResult Market(HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var id = q.String(P.System);
        if (!q.Ok) return q.Problem();
        var market = mp.Market;
        if (id is not null)
        {
            if (market.Launch(id) is not { } launch)
                return TypedResults.Problem(title: "unknown system", detail: $"unknown system '{id}'; known: {string.Join(", ", market.KnownSystems)}", statusCode: 404);
            id = launch.SystemId;
        }
        return TypedResults.Ok(MarketContract.Market(market, id, mp.MarketObservationsFile));
    }

    private static IResult ForwardCurve(string system, HttpRequest req, ModelProvider mp)
    {
        var q = new QueryReader(req);
        var type = PricingType.OnDemand;
        if (q.String(P.Pricing) is { } text && !PricingTypes.TryParse(text, out type))
            q.Error(P.Pricing.Name, $"'{text}' is not allowed; allowed: {PricingTypes.Allowed}");
        var from = q.Date(P.From);
        var months = q.Int(P.Months);
        var change = q.Double(P.AnnualChange);
        var start = q.Double(P.StartPrice);
        if (!q.Ok) return q.Problem();
        var market = mp.Market;
        if (market.Launch(system) is not { } launch)
            return TypedResults.Problem(title: "unknown system", detail: $"unknown system '{system}'; known: {string.Join(", ", market.KnownSystems)}", statusCode: 404);
        if ((from ?? market.LatestDate) is not { } start0)
            return TypedResults.Problem(title: "no forward curve", detail: "no market observations of a system with a known launch to start from: give from=YYYY-MM-DD", statusCode: 422);
        var options = new ForwardCurveOptions { From = start0, Months = months ?? 36, AnnualChange = change, StartPrice = start };
        if (!market.TryForwardCurve(launch.SystemId, type, options, out var curve, out var reason))
            return TypedResults.Problem(title: "no forward curve", detail: $"no forward curve for {launch.SystemId} ({type.Name()}): {reason}", statusCode: 422);
        return TypedResults.Ok(MarketContract.ForwardCurve(curve!, mp.MarketObservationsFile));
    }

}
