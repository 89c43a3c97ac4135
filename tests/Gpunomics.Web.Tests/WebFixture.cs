using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gpunomics.Web.Tests;

/// <summary>The real app over a fresh SQLite file, through WebApplicationFactory.</summary>
public sealed class WebFixture : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"gpunomics-test-{Guid.NewGuid():N}.db");

    public string? AccessToken { get; init; }

    /// <summary>Further configuration, key to value (e.g. <c>Gpunomics:MaxConcurrentCharts</c>).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Gpunomics:Database", DatabasePath);
        if (AccessToken is not null) builder.UseSetting("Gpunomics:AccessToken", AccessToken);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var f in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}

/// <summary>The same app with an access token configured.</summary>
public sealed class TokenFixture : IDisposable
{
    public WebFixture Factory { get; } = new() { AccessToken = "s3cret-token" };

    public void Dispose() => Factory.Dispose();
}
