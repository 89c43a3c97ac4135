// A bounded load test against a running Gpunomics server on loopback:
//   dotnet run -c Release --project bench/Gpunomics.LoadTest -- URL [clients=50] [seconds=10] [path] [warm-up seconds=5] [abusive clients=0]
// Each client sends requests back to back, varying the query so no answer is reused. A warm-up phase
// at the same concurrency comes first and is reported on its own line: while it runs, the server's
// JIT is still recompiling the hot paths with full optimisation, so its tail latency is not the
// server's steady state. The measured phase follows on the same connections.
// With abusive clients, a second measured phase follows in the same run: the same clients again while
// the abusive ones send, back to back, requests with oversized list parameters (1,500 hardware names
// for the serving chart, 1,500 multipliers for the One Chart with its SVG). Both phases are reported,
// so the clients' p99 with and without the abuse can be read side by side, and the abusive requests'
// own answers are counted by status.
using System.Diagnostics;
using System.Globalization;
using System.Net;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5080";
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var path = args.Length > 3 ? args[3] : "/api/chart/gb300-nvl72";
var warmup = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 5;
var abusive = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !uri.IsLoopback)
{
    Console.Error.WriteLine($"refusing {baseUrl}: this load test only targets loopback addresses");
    return 2;
}
if (clients is < 1 or > 500 || seconds is <= 0 or > 120 || warmup is < 0 or > 120 || abusive is < 0 or > 50)
{
    Console.Error.WriteLine("clients must be 1..500, seconds in (0, 120], warm-up seconds in [0, 120] and abusive clients 0..50");
    return 2;
}

// 1,500 list entries, each five characters with its comma, so that the request target (7.5 KB) stays
// under the server's 8 KB limit and reaches the endpoint.
const int OversizedCount = 1500;
string[] hardwareNames = ["h200", "b200", "h100", "b300"];
var oversizedHardware = string.Join(',', Enumerable.Range(0, OversizedCount).Select(i => hardwareNames[i % hardwareNames.Length]));
var oversizedMultipliers = string.Join(',', Enumerable.Range(0, OversizedCount).Select(i => (1 + i % 90 / 100.0).ToString("0.00", CultureInfo.InvariantCulture)));
string[] abusivePaths = [$"/api/inferencex/chart?hardware={oversizedHardware}", $"/api/chart/gb300-nvl72?svg=true&multipliers={oversizedMultipliers}"];

var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + abusive }) { Timeout = TimeSpan.FromSeconds(30) };
var failed = false;
if (warmup > 0) failed |= !Report("warm-up", await Phase(warmup, 0));
failed |= !Report("measured", await Phase(seconds, 0));
if (abusive > 0) failed |= !Report($"measured, with {abusive} abusive clients", await Phase(seconds, abusive));
return failed ? 1 : 0;

// Runs every client back to back for the given time; each keeps its own latency list. The abusive
// clients run beside them for the same time and only count their answers.
async Task<(List<double>[] Latencies, int Errors, double Elapsed, SortedDictionary<int, int> Abuse)> Phase(double duration, int abusers)
{
    var errors = 0;
    var abuse = new SortedDictionary<int, int>();
    var end = TimeSpan.FromSeconds(duration);
    var stop = Stopwatch.StartNew();
    var abusing = Enumerable.Range(0, abusers).Select(a => Task.Run(async () =>
    {
        var n = a;
        while (stop.Elapsed < end)
        {
            int status;
            try
            {
                using var r = await http.GetAsync(baseUrl + abusivePaths[n++ % abusivePaths.Length]);
                await r.Content.ReadAsByteArrayAsync();
                status = (int)r.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
            lock (abuse) abuse[status] = abuse.GetValueOrDefault(status) + 1;
        }
    })).ToList();
    var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var latencies = new List<double>(4096);
        var n = 0;
        while (stop.Elapsed < end)
        {
            var m = (1 + (c * 7 + n++) % 100 / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
            var price = (2 + (c + n) % 60 / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
            var t = Stopwatch.GetTimestamp();
            try
            {
                using var r = await http.GetAsync($"{baseUrl}{path}{separator}systemPriceMultiplier={m}&price={price}");
                await r.Content.ReadAsByteArrayAsync();
                if (!r.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        return latencies;
    })));
    var elapsed = stop.Elapsed.TotalSeconds;
    await Task.WhenAll(abusing);
    return (perClient, errors, elapsed, abuse);
}

bool Report(string phase, (List<double>[] Latencies, int Errors, double Elapsed, SortedDictionary<int, int> Abuse) r)
{
    var sorted = r.Latencies.SelectMany(l => l).Order().ToArray();
    double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    var abuse = r.Abuse.Count == 0 ? "" : "; abusive requests answered: " + string.Join(", ", r.Abuse.Select(kv =>
        $"{kv.Value} {(kv.Key == 0 ? "without an answer" : $"{kv.Key} {(HttpStatusCode)kv.Key}")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{path} {phase}: {clients} clients for {r.Elapsed:0.0} s: {sorted.Length} requests ({sorted.Length / r.Elapsed:0} per s), {r.Errors} errors, latency p50 {P(0.50):0.0} ms, p99 {P(0.99):0.0} ms, max {sorted.LastOrDefault():0.0} ms{abuse}"));
    return r.Errors == 0;
}
