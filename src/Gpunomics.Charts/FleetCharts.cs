using System.Globalization;
using Gpunomics.Fleet;
using ScottPlot;

namespace Gpunomics.Charts;

/// <summary>
/// The fleet report's charts (methodology: "Fleet"): revenue by month stacked by vintage, contracted and spot; backlog
/// by month by vintage; the fleet's cash and debt balance by month. The x axis is the calendar: month t sits at the
/// fleet's start plus t months (the end of its operation).
/// </summary>
public static class FleetCharts
{
    private static readonly Color[] Palette = [Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b")];

    /// <summary>The year (with its fraction) at the end of timeline month <paramref name="month"/>.</summary>
    public static double Year(FleetResult result, int month)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Fleet.Start.Year + (result.Fleet.Start.Month - 1) / 12.0 + month / 12.0;
    }

    /// <summary>Revenue stacked by vintage, contracted (solid) under spot (light), $ million a month, as SVG.</summary>
    public static string RevenueSvg(FleetResult result, int width = 1100, int height = 650) => Revenue(result, width).GetSvgXml(width, height);

    /// <summary>The revenue stack as PNG.</summary>
    public static byte[] RevenuePng(FleetResult result, int width = 1100, int height = 650) => Revenue(result, width).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Backlog at each month's end by vintage and for the fleet, $ million.</summary>
    public static LineChart Backlog(FleetResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var months = Months(result);
        var xs = months.Select(t => Year(result, t)).ToArray();
        var series = result.Vintages.Select(v => Line(v.Deployment.Id, xs, months.Select(t => v.Series.Backlog[t] / 1e6))).ToList();
        series.Add(Line("fleet", xs, months.Select(t => result.Total.Backlog[t] / 1e6)));
        return new LineChart($"{result.Fleet.Name}: backlog, the contracted revenue still to be earned", "year", "$ million", series, YPrefix: "$",
            Note: Note(result), XYears: true);
    }

    /// <summary>The fleet's cash (operating cash after debt service, accumulated) and debt balance at each month's end, $ million.</summary>
    public static LineChart CashAndDebt(FleetResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var months = Months(result);
        var xs = months.Select(t => Year(result, t)).ToArray();
        return new LineChart($"{result.Fleet.Name}: cash and debt balance ({result.Outcome})", "year", "$ million",
            [Line("cash", xs, months.Select(t => result.Cash[t] / 1e6)), Line("debt balance", xs, months.Select(t => result.Total.DebtBalance[t] / 1e6))], YPrefix: "$", XYears: true,
            Note: "cash: operating cash after debt service, accumulated from the fleet's start (the equity pays the capex the loans do not); " + Note(result));
    }

    private static int[] Months(FleetResult r) => [.. Enumerable.Range(0, r.LastMonth + 1)];

    private static LineSeries Line(string label, double[] xs, IEnumerable<double> ys) => new(label, xs, [.. ys], [], []);

    private static string Note(FleetResult r) => r.Fleet.Defaults.Mode switch
    {
        DefaultMode.Expected => "expected renter defaults by credit tier",
        DefaultMode.Scenario => "named defaults: " + string.Join(", ", r.Fleet.Defaults.Events.Select(e => $"{e.ContractId} from {FleetDates.Text(e.Date)}")),
        _ => "no renter defaults",
    };

    private static Plot Revenue(FleetResult result, int width)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var plot = new Plot();
        var months = Enumerable.Range(1, result.LastMonth).ToArray();
        var xs = months.Select(t => Year(result, t)).ToArray();
        var below = new double[months.Length];
        plot.Legend.ManualItems.Clear();
        for (var j = 0; j < result.Vintages.Count; j++)
        {
            var v = result.Vintages[j];
            var color = Palette[j % Palette.Length];
            foreach (var (kind, series, shade) in new[] { ("contracted", v.Series.ContractedRevenue, color), ("spot", v.Series.SpotRevenue, color.WithAlpha(0.4)) })
            {
                var above = below.Select((b, i) => b + series[months[i]] / 1e6).ToArray();
                var fill = plot.Add.FillY(xs, below, above);
                fill.FillColor = shade;
                fill.LineWidth = 0;
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{v.Deployment.Id} {kind}", FillColor = shade });
                below = above;
            }
        }
        TextLayout.Title(plot, $"{result.Fleet.Name}: revenue by month, contracted and spot, by vintage", 15, width);
        plot.XLabel("year", 15);
        plot.YLabel("$ million a month", 15);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = y => "$" + y.ToString("#,##0.##", inv) };
        plot.Axes.Bottom.TickGenerator = AxisLimits.YearTicks(xs[0], xs[^1]);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 13;
        // Revenue is never negative: the axis starts at zero.
        AxisLimits.FloorAtZero(plot, false, true);
        AxisLimits.KeepRoomAtRight(plot);
        return plot;
    }
}
