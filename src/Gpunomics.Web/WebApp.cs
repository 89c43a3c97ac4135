using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gpunomics.Contracts;
using Gpunomics.Storage;
using Gpunomics.Web.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Gpunomics.Web;

/// <summary>Settings of the web host (configuration keys under <c>Gpunomics:</c>).</summary>
public sealed record WebOptions
{
    /// <summary>SQLite file of the scenario store.</summary>
    public required string DatabasePath { get; init; }
    /// <summary>A scenario file read over the built-in scenario, the base of every request (null: the built-in one).</summary>
    public string? ScenarioPath { get; init; }
    /// <summary>A catalog file used instead of the shipped one (null: the shipped one).</summary>
    public string? CatalogPath { get; init; }
    /// <summary>A launch-price file used instead of the shipped one (null: the shipped one).</summary>
    public string? LaunchPricesPath { get; init; }
    /// <summary>A market observation file used instead of the shipped one (null: the shipped one).</summary>
    public string? MarketObservationsPath { get; init; }
    /// <summary>Access token required on every request, or null (then only loopback addresses may be bound).</summary>
    public string? AccessToken { get; init; }
    /// <summary>Largest request body accepted, bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 256 * 1024;
    /// <summary>Longest request target (path and query) answered, bytes; longer gets 414 with a problem body.</summary>
    public int MaxRequestTargetBytes { get; init; } = 8 * 1024;
    /// <summary>Largest total of request headers answered, bytes; more gets 431 with a problem body.</summary>
    public int MaxRequestHeaderBytes { get; init; } = 32 * 1024;
    /// <summary>Charts drawn at once (the One Chart, the serving chart), at least 1: drawing is CPU-bound, so more than the cores gains nothing.</summary>
    public int MaxConcurrentCharts { get; init; } = Environment.ProcessorCount;
    /// <summary>Chart requests that may wait for a turn, at least 0; past it, 503 with a problem body. At about 0.3 ms of CPU a chart, 256 waiting clear in well under a second.</summary>
    public int ChartQueueLength { get; init; } = 256;
    /// <summary>Monte Carlo runs and tornados computed at once, at least 1: each spreads over every core, so one by default.</summary>
    public int MaxConcurrentSimulations { get; init; } = 1;
    /// <summary>Simulation requests that may wait for a turn, at least 0; past it, 503 with a problem body. A million scenarios take about a second of the machine.</summary>
    public int SimulationQueueLength { get; init; } = 8;
}

/// <summary>Builds the web application: wiring only; each feature maps its own routes.</summary>
public static class WebApp
{
    /// <summary>Default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the app from command-line style arguments (<c>--urls</c>, <c>--Gpunomics:Database</c>, <c>--Gpunomics:AccessToken</c>, <c>--Gpunomics:Scenario</c>, <c>--Gpunomics:Catalog</c>, <c>--Gpunomics:LaunchPrices</c>, <c>--Gpunomics:MarketObservations</c>).</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"])) builder.WebHost.UseUrls(DefaultUrl);
        var options = new WebOptions
        {
            DatabasePath = config["Gpunomics:Database"] ?? ScenarioStore.DefaultPath(Environment.GetEnvironmentVariable),
            ScenarioPath = NullIfEmpty(config["Gpunomics:Scenario"]),
            CatalogPath = NullIfEmpty(config["Gpunomics:Catalog"]),
            LaunchPricesPath = NullIfEmpty(config["Gpunomics:LaunchPrices"]),
            MarketObservationsPath = NullIfEmpty(config["Gpunomics:MarketObservations"]),
            AccessToken = NullIfEmpty(config["Gpunomics:AccessToken"] ?? Environment.GetEnvironmentVariable("GPUNOMICS_ACCESS_TOKEN")),
        };
        options = options with
        {
            MaxConcurrentCharts = Count(config, "Gpunomics:MaxConcurrentCharts", 1) ?? options.MaxConcurrentCharts,
            ChartQueueLength = Count(config, "Gpunomics:ChartQueueLength", 0) ?? options.ChartQueueLength,
            MaxConcurrentSimulations = Count(config, "Gpunomics:MaxConcurrentSimulations", 1) ?? options.MaxConcurrentSimulations,
            SimulationQueueLength = Count(config, "Gpunomics:SimulationQueueLength", 0) ?? options.SimulationQueueLength,
        };

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failure to start (address in use, an address refused above) reaches the caller as an exception
        // with its own message; the host's log entry would only repeat it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            // Kestrel's own limits sit well above the answered ones, so that a request past ours still reaches the
            // pipeline and gets a problem body; only one past four times ours is cut off by Kestrel without a body.
            k.Limits.MaxRequestLineSize = 4 * options.MaxRequestTargetBytes;
            k.Limits.MaxRequestHeadersTotalSize = 4 * options.MaxRequestHeaderBytes;
            k.AddServerHeader = false;
            // Every endpoint Kestrel binds, whatever configured it (--urls, ASPNETCORE_URLS, Kestrel:Endpoints, ...).
            k.ConfigureEndpointDefaults(endpoint => RequireTokenOffLoopback(endpoint.EndPoint, options.AccessToken));
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<WorkLimits>();
        var store = new ScenarioStore(options.DatabasePath, () => DateTimeOffset.UtcNow);
        builder.Services.AddSingleton(store);
        // Loaded before serving: a data file that cannot be read stops the start with its own message.
        builder.Services.AddSingleton(new ModelProvider(store, options));
        builder.Services.AddProblemDetails();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // unreadable bodies reach the problem handler below
        builder.Services.AddOpenApi(o => o.AddQueryParameters());
        // Same field names as the command line; compact on the wire.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            ContractJson.Configure(o.SerializerOptions).WriteIndented = false;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Api.WebJsonContext.Default);
        });

        var app = builder.Build();
        var handler = new ApplicationBuilder(app.Services);
        handler.Run(async ctx =>
        {
            // Never a stack trace or an internal path: a plain problem.
            var error = ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            if (error is BadHttpRequestException bad)
            {
                ctx.Response.StatusCode = bad.StatusCode;
                await Results.Problem(title: "bad request", detail: "the request could not be read: send JSON of the documented shape", statusCode: bad.StatusCode).ExecuteAsync(ctx);
                return;
            }
            if (error is Pricing.NoFloorException noFloor)
            {
                // The inputs leave no floor, and this answer is built on one: the reason in its place, not a fault.
                ctx.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                await Results.Problem(title: "no floor exists", detail: noFloor.Message, statusCode: 422).ExecuteAsync(ctx);
                return;
            }
            if (error is not null && ctx.RequestServices.GetRequiredService<ScenarioStore>().DescribeFailure(error) is { } database)
            {
                ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await Results.Problem(title: "scenario database unavailable", detail: database, statusCode: 503).ExecuteAsync(ctx);
                return;
            }
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await Results.Problem(title: "internal error", detail: "the server could not answer this request", statusCode: 500).ExecuteAsync(ctx);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = handler.Build(),
            // A body that is not JSON of the documented shape is the caller's mistake: answered, not logged as a server error.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException or ScenarioDatabaseException or Pricing.NoFloorException,
        });
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.Use(LimitRequestHead(options));
        app.Use(LimitBody(options.MaxRequestBodyBytes));
        if (options.AccessToken is { } token) app.Use(RequireToken(token));
        else app.Use(RequireLoopbackHost);
        app.Use(RefuseUnknownQueryParameters);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapEconomicsApi();
        app.MapMarketApi();
        app.MapScenarioApi();
        app.MapCashFlowApi();
        app.MapCompareApi();
        app.MapFleetApi();
        return app;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    // A whole-number setting, null when not set; a value that is not a whole number from min up stops the start naming it.
    private static int? Count(IConfiguration config, string key, int min)
    {
        var text = NullIfEmpty(config[key]);
        if (text is null) return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min) return n;
        throw new InvalidOperationException($"{key} '{text}' is not allowed; allowed: whole numbers from {min}");
    }

    /// <summary>Refuses an endpoint Kestrel is about to bind when it is not loopback and there is no access token.</summary>
    internal static void RequireTokenOffLoopback(EndPoint endpoint, string? token)
    {
        if (endpoint is not IPEndPoint ip || IPAddress.IsLoopback(ip.Address)) return;
        if (token is null)
            throw new InvalidOperationException($"binding {ip} exposes the dashboard beyond this machine: set an access token (--access-token or GPUNOMICS_ACCESS_TOKEN)");
        if (token.Length < MinOffLoopbackTokenLength)
            throw new InvalidOperationException($"binding {ip} exposes the dashboard beyond this machine: the access token must be at least {MinOffLoopbackTokenLength} characters (it has {token.Length}); e.g. openssl rand -hex 16");
    }

    /// <summary>Shortest access token accepted for a server reachable beyond this machine.</summary>
    public const int MinOffLoopbackTokenLength = 16;

    /// <summary>A host name that can only mean this machine: localhost (and its subdomains) or a loopback address.</summary>
    internal static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    // Without a token the server trusts only requests addressed to a loopback name: a page elsewhere that
    // rebinds its own DNS name to 127.0.0.1 sends its own Host header and is refused.
    private static async Task RequireLoopbackHost(HttpContext ctx, RequestDelegate next)
    {
        var host = ctx.Request.Host.Host;
        if (!IsLoopbackName(host))
        {
            await Results.Problem(title: "host not allowed",
                detail: $"without an access token the server answers only requests addressed to localhost, 127.0.0.1 or [::1], not '{host}'",
                statusCode: StatusCodes.Status421MisdirectedRequest).ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    }

    // A misspelt parameter (hurdel=0.3) would otherwise be ignored and the default used: a plausible wrong answer.
    // A name no endpoint declares is refused; a name another endpoint takes is let through (the dashboard sends its
    // sliders to every endpoint).
    private static async Task RefuseUnknownQueryParameters(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<QueryParameters>() is { } declared)
        {
            var known = s_knownQueryNames ??= ctx.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
                .SelectMany(e => e.Metadata.GetMetadata<QueryParameters>()?.Items ?? []).Select(p => p.Name)
                .Append("access_token").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = ctx.Request.Query.Keys.Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                var allowed = string.Join(", ", declared.Items.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase));
                await Results.ValidationProblem(unknown.ToDictionary(k => k, _ => new[] { $"is not a parameter of this endpoint; its parameters: {allowed}" }), title: "unknown query parameter").ExecuteAsync(ctx);
                return;
            }
        }
        await next(ctx);
    }

    private static HashSet<string>? s_knownQueryNames;

    private static Task SecurityHeaders(HttpContext ctx, RequestDelegate next)
    {
        var h = ctx.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        return next(ctx);
    }

    private static Func<HttpContext, RequestDelegate, Task> LimitRequestHead(WebOptions options) => async (ctx, next) =>
    {
        var target = Math.Max(ctx.Features.Get<IHttpRequestFeature>()?.RawTarget?.Length ?? 0, (ctx.Request.Path.Value?.Length ?? 0) + (ctx.Request.QueryString.Value?.Length ?? 0));
        if (target > options.MaxRequestTargetBytes)
        {
            await Results.Problem(title: "request target too long", detail: $"the path and query may hold at most {options.MaxRequestTargetBytes} bytes; this one holds {target}", statusCode: 414).ExecuteAsync(ctx);
            return;
        }
        long headers = 0;
        foreach (var (name, values) in ctx.Request.Headers) headers += name.Length + 4 + values.Sum(v => v?.Length ?? 0);
        if (headers > options.MaxRequestHeaderBytes)
        {
            await Results.Problem(title: "request headers too large", detail: $"the headers may hold at most {options.MaxRequestHeaderBytes} bytes in all; these hold {headers}", statusCode: 431).ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    };

    private static Func<HttpContext, RequestDelegate, Task> LimitBody(long limit) => async (ctx, next) =>
    {
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f) f.MaxRequestBodySize = limit;
        if (ctx.Request.ContentLength > limit)
        {
            await Results.Problem(title: "request body too large", detail: $"the body may hold at most {limit} bytes", statusCode: 413).ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    };

    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return async (ctx, next) =>
        {
            string? given = null;
            var auth = ctx.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.Ordinal)) given = auth["Bearer ".Length..];
            given ??= ctx.Request.Cookies["gpunomics_token"];
            var fromQuery = ctx.Request.Query["access_token"].ToString();
            if (given is null && fromQuery.Length > 0) given = fromQuery;
            // Compared in constant time over fixed-length digests.
            var ok = given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected);
            if (!ok)
            {
                await Results.Problem(title: "access token required", detail: "send the access token as 'Authorization: Bearer TOKEN' (or open the page once with ?access_token=TOKEN)", statusCode: 401).ExecuteAsync(ctx);
                return;
            }
            if (fromQuery.Length > 0)
                ctx.Response.Cookies.Append("gpunomics_token", fromQuery, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            await next(ctx);
        };
    }
}
