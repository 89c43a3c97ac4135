using System.Threading.RateLimiting;

namespace Gpunomics.Web.Api;

/// <summary>
/// Bounds the charts drawn at once across all clients: drawing is the costliest work an endpoint does, so a burst
/// of chart requests waits its turn (oldest first) instead of all running at once, and past the queue gets a 503
/// problem at once rather than holding memory and threads that the cheap endpoints need.
/// </summary>
internal sealed class DrawingLimit(WebOptions options) : IDisposable
{
    public WebOptions Options { get; } = options;

    public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.MaxConcurrentCharts,
        QueueLimit = options.ChartQueueLength,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose() => Limiter.Dispose();
}

internal static class DrawingLimitEndpoints
{
    /// <summary>Draws the endpoint's chart under the server's <see cref="DrawingLimit"/>.</summary>
    public static RouteHandlerBuilder LimitDrawing(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
    {
        var limit = context.HttpContext.RequestServices.GetRequiredService<DrawingLimit>();
        using var lease = await limit.Limiter.AcquireAsync(1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(title: "server busy",
                detail: $"every turn to draw a chart is taken (charts drawn at once: {limit.Options.MaxConcurrentCharts}, waiting: {limit.Options.ChartQueueLength}); try again in a moment",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return await next(context);
    }).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
