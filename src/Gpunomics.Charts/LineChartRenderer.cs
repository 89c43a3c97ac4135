using System.Globalization;
using ScottPlot;

namespace Gpunomics.Charts;

/// <summary>One line (with optional measured points) of a line chart.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values.</param>
/// <param name="PointsX">Measured points' X values (drawn as markers), or empty.</param>
/// <param name="PointsY">Measured points' Y values.</param>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> PointsX, IReadOnlyList<double> PointsY);

/// <summary>A line chart to draw: title, axis labels and series.</summary>
/// <param name="Title">Title.</param>
/// <param name="XLabel">X axis label.</param>
/// <param name="YLabel">Y axis label.</param>
/// <param name="Series">The lines.</param>
/// <param name="LogY">Logarithmic Y axis.</param>
/// <param name="YPrefix">Prefix of Y tick labels (e.g. "$").</param>
/// <param name="Note">Text in the lower corner (sources), or null.</param>
/// <param name="XYears">X values are calendar years (with their fraction): ticks at each whole year, written as a year.</param>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<LineSeries> Series, bool LogY = false, string YPrefix = "", string? Note = null, bool XYears = false);

/// <summary>Draws line charts (throughput and cost against interactivity) to SVG and PNG.</summary>
public static class LineChartRenderer
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"),
    ];

    /// <summary>SVG text.</summary>
    public static string Svg(LineChart chart, int width = 1100, int height = 700) => Build(chart, width).GetSvgXml(width, height);

    /// <summary>PNG bytes.</summary>
    public static byte[] Png(LineChart chart, int width = 1100, int height = 700) => Build(chart, width).GetImageBytes(width, height, ImageFormat.Png);

    private static Plot Build(LineChart chart, int width)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var inv = CultureInfo.InvariantCulture;
        var plot = new Plot();
        Func<double, double> f = chart.LogY ? Math.Log10 : v => v;
        var i = 0;
        foreach (var s in chart.Series)
        {
            var color = Palette[i++ % Palette.Length];
            if (s.X.Count > 0)
            {
                var line = plot.Add.ScatterLine(s.X.ToArray(), s.Y.Select(f).ToArray());
                line.Color = color;
                line.LineWidth = 2.5f;
                line.LegendText = s.Label;
            }
            if (s.PointsX.Count > 0)
            {
                var pts = plot.Add.ScatterPoints(s.PointsX.ToArray(), s.PointsY.Select(f).ToArray());
                pts.Color = color.WithAlpha(0.55);
                pts.MarkerSize = 6;
                if (s.X.Count == 0) pts.LegendText = s.Label;
            }
        }
        TextLayout.Title(plot, chart.Title, 15, width);
        plot.XLabel(chart.XLabel, 15);
        plot.YLabel(chart.YLabel, 15);
        if (chart.LogY)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            var ys = chart.Series.SelectMany(s => s.Y.Concat(s.PointsY)).Where(v => v > 0).ToList();
            if (ys.Count > 0)
            {
                for (var e = Math.Floor(Math.Log10(ys.Min())); e <= Math.Ceiling(Math.Log10(ys.Max())); e++)
                {
                    foreach (var m in new[] { 1.0, 2.0, 5.0 })
                    {
                        var v = m * Math.Pow(10, e);
                        ticks.AddMajor(Math.Log10(v), chart.YPrefix + v.ToString(v < 1 ? "0.##" : "#,##0", inv));
                    }
                }
            }
            plot.Axes.Left.TickGenerator = ticks;
        }
        else
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => chart.YPrefix + v.ToString("#,##0.##", inv) };
        }
        if (chart.XYears)
        {
            var xs = chart.Series.SelectMany(s => s.X.Concat(s.PointsX)).ToList();
            if (xs.Count > 0) plot.Axes.Bottom.TickGenerator = AxisLimits.YearTicks(xs.Min(), xs.Max());
        }
        if (chart.Note is { } note)
        {
            // The source line sits under the axis label, as the label of a bare second axis, not over the data.
            var source = plot.Axes.AddBottomAxis();
            source.LabelText = string.Join("\n", TextLayout.Wrap(note, width - 32, v => TextLayout.Measure(v, source.LabelFontName, 12, bold: false)));
            source.LabelFontSize = 12;
            source.LabelBold = false;
            source.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            source.FrameLineStyle.Width = 0;
            source.MajorTickStyle.Length = 0;
            source.MinorTickStyle.Length = 0;
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 13;
        // Interactivity, throughput and cost cannot be negative: the axes start at zero, not at a margin below it.
        var allX = chart.Series.SelectMany(s => s.X.Concat(s.PointsX)).ToList();
        var allY = chart.Series.SelectMany(s => s.Y.Concat(s.PointsY)).ToList();
        AxisLimits.FloorAtZero(plot, allX.Count > 0 && allX.Min() >= 0, !chart.LogY && allY.Count > 0 && allY.Min() >= 0);
        AxisLimits.KeepRoomAtRight(plot);
        return plot;
    }
}

/// <summary>One stacked bar: segments bottom to top.</summary>
/// <param name="Label">Bar label.</param>
/// <param name="Segments">Segment name and value.</param>
public sealed record StackedBar(string Label, IReadOnlyList<(string Name, double Value)> Segments);

/// <summary>Draws stacked bars (the value chain) to SVG and PNG.</summary>
public static class StackedBarRenderer
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#7f7f7f"), Color.FromHex("#8c564b"), Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"),
        Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"),
    ];

    /// <summary>SVG text.</summary>
    public static string Svg(string title, string yLabel, IReadOnlyList<StackedBar> bars, int width = 1000, int height = 650) =>
        Build(title, yLabel, bars, width).GetSvgXml(width, height);

    /// <summary>PNG bytes.</summary>
    public static byte[] Png(string title, string yLabel, IReadOnlyList<StackedBar> bars, int width = 1000, int height = 650) =>
        Build(title, yLabel, bars, width).GetImageBytes(width, height, ImageFormat.Png);

    private static Plot Build(string title, string yLabel, IReadOnlyList<StackedBar> bars, int width)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = new Plot();
        var names = bars.SelectMany(b => b.Segments.Select(s => s.Name)).Distinct().ToList();
        var list = new List<Bar>();
        for (var i = 0; i < bars.Count; i++)
        {
            // Positive segments stack up from zero, negative ones (a layer that loses money) down from it.
            double up = 0, down = 0;
            foreach (var (name, value) in bars[i].Segments)
            {
                var color = Palette[names.IndexOf(name) % Palette.Length];
                var start = value >= 0 ? up : down;
                list.Add(new Bar { Position = i, ValueBase = start, Value = start + value, FillColor = color });
                if (value >= 0) up += value; else down += value;
            }
        }
        plot.Add.Bars(list);
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        plot.Legend.ManualItems.Clear();
        for (var i = 0; i < names.Count; i++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = names[i], FillColor = Palette[i % Palette.Length] });
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        TextLayout.Title(plot, title, 15, width);
        plot.YLabel(yLabel, 15);
        plot.ShowLegend(Alignment.UpperLeft);
        // A chain where no layer loses money starts at zero; one that has a losing layer shows it below.
        AxisLimits.FloorAtZero(plot, false, bars.All(b => b.Segments.All(s => s.Value >= 0)));
        return plot;
    }
}

/// <summary>Axis limits shared by the charts.</summary>
internal static class AxisLimits
{
    /// <summary>Room right of the data area, pixels, for half of a tick label centred on its right edge.</summary>
    public const float RightRoom = 40;

    /// <summary>Keeps <see cref="RightRoom"/> free right of the data area, so that a tick label at its end is not cut by the image's edge.</summary>
    public static void KeepRoomAtRight(Plot plot) => plot.Axes.Right.MinimumSize = RightRoom;

    /// <summary>Ticks at each whole year from <paramref name="from"/> to <paramref name="to"/> (years with their fraction), labelled as years; every other year past twelve.</summary>
    public static ScottPlot.TickGenerators.NumericManual YearTicks(double from, double to)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var first = (int)Math.Ceiling(from - 1e-9);
        var last = (int)Math.Floor(to + 1e-9);
        var step = last - first > 12 ? 2 : 1;
        for (var y = first; y <= last; y += step) ticks.AddMajor(y, y.ToString(CultureInfo.InvariantCulture));
        return ticks;
    }

    /// <summary>Autoscales the plot, then moves the low end of each named axis up to zero where the margin put it below.</summary>
    public static void FloorAtZero(Plot plot, bool x, bool y)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        if (x && limits.Left < 0) plot.Axes.SetLimitsX(0, limits.Right);
        if (y && limits.Bottom < 0) plot.Axes.SetLimitsY(0, limits.Top);
    }
}
