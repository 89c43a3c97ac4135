// A bounded load test against a running Gpunomics server on loopback:
//   dotnet run -c Release --project bench/Gpunomics.LoadTest -- URL [clients=50] [seconds=10] [path]
// Each client sends requests back to back for the given time, varying the query so no answer is reused.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5080";
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var path = args.Length > 3 ? args[3] : "/api/chart/gb300-nvl72";
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !(uri.IsLoopback))
{
    Console.Error.WriteLine($"refusing {baseUrl}: this load test only targets loopback addresses");
    return 2;
}
if (clients is < 1 or > 500 || seconds is <= 0 or > 120)
{
    Console.Error.WriteLine("clients must be 1..500 and seconds in (0, 120]");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(10) };
// Warm-up: the first requests pay for JIT compilation.
for (var i = 0; i < 20; i++) await http.GetAsync($"{baseUrl}{path}?systemPriceMultiplier=1.{i:00}");

var latencies = new ConcurrentBag<double>();
var errors = 0;
var stop = Stopwatch.StartNew();
var end = TimeSpan.FromSeconds(seconds);
var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
{
    var n = 0;
    while (stop.Elapsed < end)
    {
        var m = (1 + (c * 7 + n++) % 100 / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
        var price = (2 + (c + n) % 60 / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
        var t = Stopwatch.GetTimestamp();
        try
        {
            using var r = await http.GetAsync($"{baseUrl}{path}?systemPriceMultiplier={m}&price={price}");
            await r.Content.ReadAsByteArrayAsync();
            if (!r.IsSuccessStatusCode) Interlocked.Increment(ref errors);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref errors);
        }
        latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
})).ToArray();
await Task.WhenAll(tasks);
var elapsed = stop.Elapsed.TotalSeconds;
var sorted = latencies.Order().ToArray();
double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{path}: {clients} clients for {elapsed:0.0} s: {sorted.Length} requests ({sorted.Length / elapsed:0} per s), {errors} errors, latency p50 {P(0.50):0.0} ms, p99 {P(0.99):0.0} ms, max {sorted.LastOrDefault():0.0} ms"));
return errors == 0 ? 0 : 1;
