using System.Xml.Linq;
using Gpunomics.Engine.Tests;
using Gpunomics.InferenceX;
using Gpunomics.OneChart;
using Gpunomics.ValueChain;
using ScottPlot;

namespace Gpunomics.Charts.Tests;

/// <summary>
/// Every chart the report and the dashboard draw, for every system of the built-in scenario, is readable
/// whole: no text reaches outside the canvas (measured with the fonts the images name), nothing of a PNG
/// is cut by its edge, and an axis of a quantity that cannot be negative does not run below zero.
/// </summary>
public class ChartLegibilityTests
{
    /// <summary>The report's image size and the dashboard's token chart size.</summary>
    private static readonly (int Width, int Height)[] Sizes = [(OneChartRenderer.Width, OneChartRenderer.Height), (900, 520)];

    /// <summary>The hardware the report and the dashboard compare in their token charts.</summary>
    private static readonly string[] TokenHardware = ["gb300", "b200", "h200", "mi355x"];

    private static readonly Lazy<IReadOnlyList<ServingMeasurement>> Rows = new(() =>
    {
        var r = InferenceXReader.Read(File.ReadAllText(InferenceXFiles.Latest), "benchmarks.json");
        Assert.NotEmpty(r.Rows);
        return r.Rows;
    });

    public static TheoryData<string> Systems => new(TestData.Catalog.Systems.Select(s => s.Id));

    private static ServingFilter Filter => new ServingFilter().For(ServingWorkload.Default);

    /// <summary>The One Chart as the report draws it and as the dashboard asks for it (its own value split price and a current multiplier).</summary>
    private static IEnumerable<OneChartModel> OneCharts(string system)
    {
        var model = TestData.Model;
        yield return model.Chart(system);
        yield return model.Chart(system, [.. model.Scenario.ChartMultipliers.Append(1.1).Distinct().Order()], valueSplitPrice: 3.5, currentMultiplier: 1.1);
    }

    private static void AssertTextInside(string svg, string what)
    {
        var outside = ChartInspection.OutsideCanvas(XDocument.Parse(svg));
        Assert.True(outside.Count == 0, $"{what}: text outside the canvas {ChartInspection.Canvas(XDocument.Parse(svg))}: {string.Join("; ", outside)}");
    }

    private static void AssertEdgeClear(byte[] png, string what)
    {
        var edge = ChartInspection.EdgePixels(png);
        Assert.True(edge.Count == 0, $"{what}: {edge.Count} pixels on the image's edge, e.g. {string.Join(", ", edge.Take(5))}");
    }

    private static void AssertAxisFromZero(string svg, bool left, string what)
    {
        // Labels sit on their ticks to within a pixel or two (they are centred on the font's metrics, not its ink).
        var (min, perPixel) = ChartInspection.AxisMinimum(XDocument.Parse(svg), left);
        Assert.True(min >= -2 * perPixel, $"{what}: the {(left ? "left" : "bottom")} axis starts at {min}, below zero (one pixel is {perPixel})");
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void The_one_chart_svg_keeps_every_text_inside_and_its_price_axis_at_or_above_zero(string system)
    {
        foreach (var chart in OneCharts(system))
            foreach (var (w, h) in Sizes)
            {
                var svg = OneChartRenderer.Svg(chart, w, h);
                AssertTextInside(svg, $"One Chart {system} {w}x{h}");
                AssertAxisFromZero(svg, left: false, $"One Chart {system}");
            }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void The_one_chart_png_keeps_every_text_inside_and_nothing_touches_its_edge(string system)
    {
        foreach (var chart in OneCharts(system))
            foreach (var (w, h) in Sizes)
            {
                // The PNG's plot, written as SVG by the same layout, shows where each of its texts lies.
                var svg = OneChartRenderer.Build(OneChartFigure.From(chart), w).GetSvgXml(w, h);
                AssertTextInside(svg, $"One Chart PNG {system} {w}x{h}");
                AssertEdgeClear(OneChartRenderer.Png(chart, w, h), $"One Chart PNG {system} {w}x{h}");
            }
    }

    [Fact]
    public void The_token_charts_keep_every_text_inside_and_throughput_and_interactivity_from_zero()
    {
        foreach (var cost in new[] { true, false })
        {
            var chart = ServingCharts.Build(TestData.Model, Rows.Value, TokenHardware, Filter, cost, "source: InferenceX benchmark results (DeepSeek R1, latest run per configuration); lines: best measured throughput reaching each interactivity");
            foreach (var (w, h) in Sizes)
            {
                var what = $"{(cost ? "cost" : "throughput")} chart {w}x{h}";
                var svg = LineChartRenderer.Svg(chart, w, h);
                AssertTextInside(svg, what);
                AssertEdgeClear(LineChartRenderer.Png(chart, w, h), what);
                AssertAxisFromZero(svg, left: false, what);
                if (cost) Assert.All(ChartInspection.TickLabels(XDocument.Parse(svg), left: true), t => Assert.True(t.Value > 0, $"{what}: tick {t.Text}"));
                else AssertAxisFromZero(svg, left: true, what);
            }
        }
    }

    [Fact]
    public void A_value_chain_title_longer_than_the_image_wraps_whole_and_an_all_positive_chain_starts_at_zero()
    {
        // The title the value-chain command gives a Vera Rubin chart.
        const string title = "Where a NVIDIA Vera Rubin NVL72 GPU-hour goes at $5.16/hour, frontier prices; the end user keeps $9,184 more";
        var bars = new[] { new StackedBar("vr-nvl72", [("infrastructure and operations", 1.75), ("component vendors", 0.95), ("system supplier", 2.46), ("neocloud", 0.0), ("model lab", 13.5)]) };
        var svg = StackedBarRenderer.Svg(title, "$ per GPU-hour", bars, 800, 600);
        AssertTextInside(svg, "value chain");
        AssertEdgeClear(StackedBarRenderer.Png(title, "$ per GPU-hour", bars, 800, 600), "value chain");
        var texts = ChartInspection.Texts(XDocument.Parse(svg)).Select(t => t.Text);
        Assert.Contains(title, string.Join(" ", texts), StringComparison.Ordinal);
        AssertAxisFromZero(svg, left: true, "value chain");
    }

    [Fact]
    public void A_value_chain_with_a_losing_layer_shows_it_below_zero()
    {
        var bars = new[] { new StackedBar("h100", [("infrastructure and operations", 0.5), ("system supplier", 1.2), ("model lab", -1.5)]) };
        var (min, _) = ChartInspection.AxisMinimum(XDocument.Parse(StackedBarRenderer.Svg("value chain", "$ per GPU-hour", bars)), left: true);
        Assert.True(min <= -1.5, $"the axis starts at {min}, above the losing layer's -1.5");
    }

    /// <summary>The shipped example fleet, and with its anchor renter's default (the covenant breached, a long title).</summary>
    private static IEnumerable<(string What, Fleet.FleetResult Result)> Fleets()
    {
        var catalog = TestData.Catalog;
        var model = TestData.Model;
        var read = Fleet.FleetReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "fleets", "example-fleet.json")), "example-fleet.json", catalog);
        Assert.True(read.Ok, string.Join("; ", read.Errors));
        var prices = Pricing.LaunchPriceReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "launch-prices.json")), "launch-prices.json", catalog).Value!;
        Pricing.LaunchTrend.TryFit(prices, catalog, model.Scenario.Ceiling.Basis, out var trend, out _);
        var launches = Market.MarketModel.Launches(catalog, prices);
        var obs = Market.MarketObservationReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "market-observations.json")), "market-observations.json",
            [.. launches.Select(l => l.SystemId)]).Value!;
        var market = Market.MarketModel.Create(obs, catalog, prices, trend);
        var fleet = read.Value!;
        yield return ("example fleet", Fleet.FleetModel.Run(fleet, market, model));
        var breach = fleet with { Defaults = fleet.Defaults with { Mode = Fleet.DefaultMode.Scenario, Events = [new Fleet.DefaultEvent("c05", new DateOnly(2025, 10, 1))] } };
        yield return ("c05 defaults", Fleet.FleetModel.Run(breach, market, model));
    }

    [Fact]
    public void The_fleet_charts_keep_every_text_inside_and_revenue_backlog_and_years_where_they_belong()
    {
        foreach (var (name, result) in Fleets())
        {
            foreach (var (w, h) in Sizes)
            {
                var what = $"{name} revenue {w}x{h}";
                var svg = FleetCharts.RevenueSvg(result, w, h);
                AssertTextInside(svg, what);
                AssertEdgeClear(FleetCharts.RevenuePng(result, w, h), what);
                AssertAxisFromZero(svg, left: true, what);
                AssertYearTicks(svg, result, what);
                foreach (var (chart, kind) in new[] { (FleetCharts.Backlog(result), "backlog"), (FleetCharts.CashAndDebt(result), "cash and debt") })
                {
                    what = $"{name} {kind} {w}x{h}";
                    var line = LineChartRenderer.Svg(chart, w, h);
                    AssertTextInside(line, what);
                    AssertEdgeClear(LineChartRenderer.Png(chart, w, h), what);
                    AssertYearTicks(line, result, what);
                    if (kind == "backlog") AssertAxisFromZero(line, left: true, what);
                }
            }
        }
    }

    // The x axis of a fleet chart is the calendar: whole years, each once, within the fleet's timeline.
    private static void AssertYearTicks(string svg, Fleet.FleetResult result, string what)
    {
        var ticks = ChartInspection.TickLabels(XDocument.Parse(svg), left: false).Select(t => t.Text.Text).ToList();
        Assert.True(ticks.Count >= 2, $"{what}: {ticks.Count} year ticks");
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        foreach (var t in ticks)
        {
            Assert.Matches("^[0-9]{4}$", t);
            var year = int.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(year, result.Fleet.Start.Year, result.MonthDate(result.LastMonth).Year + 1);
        }
    }
}
