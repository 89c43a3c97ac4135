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
    /// <summary>Access token required on every request, or null (then only loopback addresses may be bound).</summary>
    public string? AccessToken { get; init; }
    /// <summary>Largest request body accepted, bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 256 * 1024;
}

/// <summary>Builds the web application: wiring only; each feature maps its own routes.</summary>
public static class WebApp
{
    /// <summary>Default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the app from command-line style arguments (<c>--urls</c>, <c>--Gpunomics:Database</c>, <c>--Gpunomics:AccessToken</c>).</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"])) builder.WebHost.UseUrls(DefaultUrl);
        var options = new WebOptions
        {
            DatabasePath = config["Gpunomics:Database"] ?? ScenarioStore.DefaultPath(Environment.GetEnvironmentVariable),
            AccessToken = NullIfEmpty(config["Gpunomics:AccessToken"] ?? Environment.GetEnvironmentVariable("GPUNOMICS_ACCESS_TOKEN")),
        };
        RequireTokenOffLoopback(config["urls"] ?? config["ASPNETCORE_URLS"] ?? DefaultUrl, options.AccessToken);

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ScenarioStore(options.DatabasePath, () => DateTimeOffset.UtcNow));
        builder.Services.AddSingleton<ModelProvider>();
        builder.Services.AddProblemDetails();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // unreadable bodies reach the problem handler below
        builder.Services.AddOpenApi(o => o.AddQueryParameters());
        // Same field names as the command line; compact on the wire.
        builder.Services.ConfigureHttpJsonOptions(o => ContractJson.Configure(o.SerializerOptions).WriteIndented = false);

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
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await Results.Problem(title: "internal error", detail: "the server could not answer this request", statusCode: 500).ExecuteAsync(ctx);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = handler.Build(),
            // A body that is not JSON of the documented shape is the caller's mistake: answered, not logged as a server error.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.Use(LimitBody(options.MaxRequestBodyBytes));
        if (options.AccessToken is { } token) app.Use(RequireToken(token));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapEconomicsApi();
        app.MapScenarioApi();
        return app;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>Refuses to bind a non-loopback address without an access token.</summary>
    internal static void RequireTokenOffLoopback(string urls, string? token)
    {
        if (token is not null) return;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : url;
            var loopback = host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
                throw new InvalidOperationException($"binding {url} exposes the dashboard beyond this machine: set an access token (--access-token or GPUNOMICS_ACCESS_TOKEN)");
        }
    }

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
