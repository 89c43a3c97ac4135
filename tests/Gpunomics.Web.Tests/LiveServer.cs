using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gpunomics.Web.Tests;

/// <summary>The real app on Kestrel, on a free loopback port, over a fresh SQLite file.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, string db, string url)
    {
        _app = app;
        DatabasePath = db;
        Url = url;
    }

    public string DatabasePath { get; }

    public string Url { get; }

    public static async Task<LiveServer> StartAsync()
    {
        var db = Path.Combine(Path.GetTempPath(), $"gpunomics-live-{Guid.NewGuid():N}.db");
        var app = WebApp.Create(["--urls", "http://127.0.0.1:0", "--Gpunomics:Database", db, "--environment", "Production"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveServer(app, db, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var f in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}
