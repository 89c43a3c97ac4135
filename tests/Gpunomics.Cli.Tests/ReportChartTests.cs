using System.Text.Json;
using System.Xml.Linq;
using Gpunomics.Charts.Tests;

namespace Gpunomics.Cli.Tests;

/// <summary>
/// Every image 'report' writes, and the value chain of every system of the built-in scenario, as a reader
/// opens the file: no text off the canvas, nothing cut by a PNG's edge, no axis of a quantity that cannot
/// be negative running below zero.
/// </summary>
public sealed class ReportChartTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"gpunomics-report-charts-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static JsonElement Json(params string[] args)
    {
        var r = Cli.Run([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    /// <summary>The systems the report draws, from its own report.json.</summary>
    private List<string> ReportSystems()
    {
        Json("report", "--out", _dir);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "report.json"))).RootElement;
        var systems = report.GetProperty("systems").EnumerateArray().Select(s => s.GetProperty("tco").GetProperty("system").GetString()!).ToList();
        Assert.NotEmpty(systems);
        return systems;
    }

    private static void AssertReadable(string file)
    {
        var name = Path.GetFileName(file);
        if (file.EndsWith(".svg", StringComparison.Ordinal))
        {
            var svg = XDocument.Load(file);
            var outside = ChartInspection.OutsideCanvas(svg);
            Assert.True(outside.Count == 0, $"{name}: text outside the canvas {ChartInspection.Canvas(svg)}: {string.Join("; ", outside)}");
        }
        else
        {
            var edge = ChartInspection.EdgePixels(File.ReadAllBytes(file));
            Assert.True(edge.Count == 0, $"{name}: {edge.Count} pixels on the image's edge, e.g. {string.Join(", ", edge.Take(5))}");
        }
    }

    private static void AssertAxisFromZero(string svgFile, bool left)
    {
        var (min, perPixel) = ChartInspection.AxisMinimum(XDocument.Load(svgFile), left);
        Assert.True(min >= -2 * perPixel, $"{Path.GetFileName(svgFile)}: the {(left ? "left" : "bottom")} axis starts at {min}, below zero");
    }

    [Fact]
    public void Every_report_image_is_readable_whole_and_no_axis_of_a_quantity_runs_below_zero()
    {
        var files = Json("report", "--out", _dir).GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        var images = files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Contains(images, f => f.EndsWith("throughput-per-gpu.svg", StringComparison.Ordinal));
        foreach (var f in images) AssertReadable(f);

        string Svg(string name) => Path.Combine(_dir, name + ".svg");
        AssertAxisFromZero(Svg("throughput-per-gpu"), left: true);
        AssertAxisFromZero(Svg("throughput-per-gpu"), left: false);
        AssertAxisFromZero(Svg("cost-per-million-tokens"), left: false);
        Assert.All(ChartInspection.TickLabels(XDocument.Load(Svg("cost-per-million-tokens")), left: true), t => Assert.True(t.Value > 0, t.Text.ToString()));
        foreach (var f in images.Where(f => Path.GetFileName(f).StartsWith("one-chart-", StringComparison.Ordinal) && f.EndsWith(".svg", StringComparison.Ordinal)))
            AssertAxisFromZero(f, left: false);

        // The value chain may go below zero only where a layer loses money.
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "report.json"))).RootElement;
        var losing = report.GetProperty("tokens").GetProperty("valueChains").EnumerateArray()
            .Any(c => c.GetProperty("layers").EnumerateArray().SkipLast(1).Any(l => l.GetProperty("perGpuHour").GetDouble() < 0));
        var (min, perPixel) = ChartInspection.AxisMinimum(XDocument.Load(Svg("value-chain")), left: true);
        if (losing) Assert.True(min < 0, $"value-chain.svg: a layer loses money, but the axis starts at {min}");
        else Assert.True(min >= -2 * perPixel, $"value-chain.svg: no layer loses money, but the axis starts at {min}");
    }

    [Fact]
    public void The_value_chain_of_every_system_at_its_floor_market_and_ceiling_price_keeps_its_title_and_axis_readable()
    {
        var systems = ReportSystems();
        // A system without serving measurements is drawn at the throughput measured for the GB300.
        var measured = Json("value-chain", "gb300-nvl72").GetProperty("tokensPerSecondPerGpu").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var id in systems)
        {
            var chart = Json("chart", id);
            var prices = new[] { chart.GetProperty("floorPrice").GetDouble(), chart.GetProperty("ceiling").GetDouble() }
                .Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Prepend(null);
            foreach (var price in prices)
            {
                var args = new List<string> { "value-chain", id };
                if (price is not null) args.AddRange(["--price", price]);
                if (Cli.Run([.. args]).ExitCode != 0) args.AddRange(["--tokens-per-second-per-gpu", measured]);
                var layers = Json([.. args]).GetProperty("layers").EnumerateArray().SkipLast(1).Select(l => l.GetProperty("perGpuHour").GetDouble()).ToList();
                foreach (var ext in new[] { "svg", "png" })
                {
                    var file = Path.Combine(_dir, $"value-chain-{id}-{price ?? "default"}.{ext}");
                    var r = Cli.Run([.. args, "--out", file]);
                    Assert.True(r.ExitCode == 0, r.Err);
                    AssertReadable(file);
                    if (ext == "svg")
                    {
                        var (min, perPixel) = ChartInspection.AxisMinimum(XDocument.Load(file), left: true);
                        Assert.True(layers.Min() < 0 ? min < 0 : min >= -2 * perPixel, $"{id} at {price ?? "its default price"}: layers from {layers.Min()}, axis from {min}");
                    }
                }
            }
        }
    }

    [Fact]
    public void The_monte_carlo_histogram_and_the_tornado_of_every_report_system_are_readable_whole()
    {
        var systems = ReportSystems();
        foreach (var id in systems)
            foreach (var ext in new[] { "svg", "png" })
            {
                var histogram = Path.Combine(_dir, $"montecarlo-{id}.{ext}");
                var r = Cli.Run("montecarlo", id, "--scenarios", "2000", "--distribution", "utilization=uniform(0.7,1)", "--distribution", "systemPriceMultiplier=triangular(0.9,1,1.3)", "--out", histogram);
                Assert.True(r.ExitCode == 0, r.Err);
                AssertReadable(histogram);
                if (ext == "svg") AssertAxisFromZero(histogram, left: true);

                // Every scenario alike: no bar to draw, and still no share below zero.
                var flat = Path.Combine(_dir, $"montecarlo-flat-{id}.{ext}");
                r = Cli.Run("montecarlo", id, "--scenarios", "100", "--out", flat);
                Assert.True(r.ExitCode == 0, r.Err);
                AssertReadable(flat);
                if (ext == "svg") AssertAxisFromZero(flat, left: true);

                var tornado = Path.Combine(_dir, $"tornado-{id}.{ext}");
                r = Cli.Run("sensitivity", id, "--out", tornado);
                Assert.True(r.ExitCode == 0, r.Err);
                AssertReadable(tornado);
            }
    }
}
