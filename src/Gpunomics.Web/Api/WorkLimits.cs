using System.Threading.RateLimiting;

namespace Gpunomics.Web.Api;

/// <summary>
/// Bounds the costliest work across all clients: charts drawn at once, and simulations (Monte Carlo, the tornado) run at
/// once. A burst waits its turn (oldest first) instead of all running together, and past the queue gets a 503 problem
/// at once rather than holding memory and threads that the cheap endpoints need. A simulation spreads itself over
/// every core, so by default one runs at a time.
/// </summary>
internal sealed class WorkLimits(WebOptions options) : IDisposable
{
    public WebOptions Options { get; } = options;

    /// <summary>Charts drawn at once (<see cref="WebOptions.MaxConcurrentCharts"/>).</summary>
    public ConcurrencyLimiter Charts { get; } = Limiter(options.MaxConcurrentCharts, options.ChartQueueLength);

    /// <summary>Simulations run at once (<see cref="WebOptions.MaxConcurrentSimulations"/>).</summary>
    public ConcurrencyLimiter Simulations { get; } = Limiter(options.MaxConcurrentSimulations, options.SimulationQueueLength);

    private static ConcurrencyLimiter Limiter(int permits, int queue) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = permits,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose()
    {
        Charts.Dispose();
        Simulations.Dispose();
    }
}

internal static class WorkLimitEndpoints
{
    /// <summary>Draws the endpoint's chart under the server's chart limit.</summary>
    public static RouteHandlerBuilder LimitDrawing(this RouteHandlerBuilder builder) => builder.Limit(l => l.Charts,
        o => $"every turn to draw a chart is taken (charts drawn at once: {o.MaxConcurrentCharts}, waiting: {o.ChartQueueLength}); try again in a moment");

    /// <summary>Runs the endpoint's simulation under the server's simulation limit.</summary>
    public static RouteHandlerBuilder LimitSimulation(this RouteHandlerBuilder builder) => builder.Limit(l => l.Simulations,
        o => $"every turn to run a simulation is taken (simulations run at once: {o.MaxConcurrentSimulations}, waiting: {o.SimulationQueueLength}); try again in a moment");

    private static RouteHandlerBuilder Limit(this RouteHandlerBuilder builder, Func<WorkLimits, ConcurrencyLimiter> limiter, Func<WebOptions, string> busy) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var limits = context.HttpContext.RequestServices.GetRequiredService<WorkLimits>();
            using var lease = await limiter(limits).AcquireAsync(1, context.HttpContext.RequestAborted);
            if (!lease.IsAcquired)
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(title: "server busy", detail: busy(limits.Options), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return await next(context);
        }).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
