using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Gpunomics.Storage;

namespace Gpunomics.Web.Tests;

/// <summary>Every acknowledged save survives a SIGKILL of the real server process.</summary>
public class CrashTests
{
    internal static string CliDll()
    {
        // tests/Gpunomics.Web.Tests/bin/CONFIG/net10.0 -> src/Gpunomics.Cli/bin/CONFIG/net10.0/gpunomics.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var config = bin.Parent!.Name;
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "Gpunomics.Cli", "bin", config, bin.Name, "gpunomics.dll");
        Assert.True(File.Exists(dll), $"the command line is not built: {dll}");
        return dll;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<Process> StartServer(string db, int port)
    {
        var p = Process.Start(new ProcessStartInfo("dotnet", [CliDll(), "serve", "--urls", $"http://127.0.0.1:{port}", "--db", db])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/api/scenarios")).IsSuccessStatusCode) return p;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        p.Kill(true);
        throw new InvalidOperationException("server did not start: " + await p.StandardError.ReadToEndAsync());
    }

    [Fact]
    public async Task Acknowledged_saves_survive_sigkill_and_the_database_stays_sound()
    {
        var db = Path.Combine(Path.GetTempPath(), $"gpunomics-crash-{Guid.NewGuid():N}.db");
        var port = FreePort();
        var server = await StartServer(db, port);
        var acknowledged = new ConcurrentBag<string>();
        using var cts = new CancellationTokenSource();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !cts.IsCancellationRequested; i++)
            {
                var name = $"w{w}-{i}";
                try
                {
                    var r = await http.PostAsJsonAsync("/api/scenarios", new { name, notes = "crash test", scenario = new { hurdleRate = 0.1 + i % 10 / 100.0 } });
                    if (r.StatusCode == HttpStatusCode.Created) acknowledged.Add(name);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return;
                }
            }
        })).ToList();

        await Task.Delay(1500);
        server.Kill(entireProcessTree: true); // SIGKILL, mid-stream
        await server.WaitForExitAsync();
        cts.Cancel();
        await Task.WhenAll(writers);
        Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} saves were acknowledged before the kill");

        try
        {
            var store = new ScenarioStore(db, () => DateTimeOffset.UtcNow);
            Assert.Equal("ok", store.IntegrityCheck());
            var saved = store.List().Select(s => s.Name).ToHashSet();
            var lost = acknowledged.Where(n => !saved.Contains(n)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged saves lost, e.g. {string.Join(", ", lost.Take(5))}");

            // The restarted server serves them.
            var again = await StartServer(db, port);
            try
            {
                var list = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/scenarios");
                Assert.True(list.GetProperty("scenarios").GetArrayLength() >= acknowledged.Count);
            }
            finally
            {
                again.Kill(true);
                await again.WaitForExitAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
    }
}
