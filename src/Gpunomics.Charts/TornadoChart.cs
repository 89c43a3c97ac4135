using System.Globalization;
using Gpunomics.Sensitivity;
using ScottPlot;

namespace Gpunomics.Charts;

/// <summary>Draws a tornado of project IRR: one horizontal bar per input from its low to its high value.</summary>
public static class TornadoChart
{
    /// <summary>The tornado as SVG text; <paramref name="height"/> defaults to 600 pixels, more with over 23 bars (20 a bar).</summary>
    public static string Svg(Tornado tornado, string title, int width = 1000, int? height = null) => Build(tornado, title, width).GetSvgXml(width, height ?? Height(tornado));

    /// <summary>The tornado as PNG bytes; <paramref name="height"/> as for <see cref="Svg"/>.</summary>
    public static byte[] Png(Tornado tornado, string title, int width = 1000, int? height = null) => Build(tornado, title, width).GetImageBytes(width, height ?? Height(tornado), ImageFormat.Png);

    private static int Height(Tornado tornado) => Math.Max(600, 140 + 20 * (tornado?.Bars.Count ?? 0));

    internal static Plot Build(Tornado tornado, string title, int width)
    {
        ArgumentNullException.ThrowIfNull(tornado);
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        var rows = tornado.Bars.Reverse().ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var b = rows[i];
            // Bars grow from the base IRR; without one (no IRR that is a return at base) only a bar between two ends that have one.
            if (tornado.BaseIrr is { } at)
            {
                if (b.IrrLow is { } lo) bars.Add(new Bar { Position = i, ValueBase = 100 * at, Value = 100 * lo, FillColor = Color.FromHex("#d62728"), Size = 0.6 });
                if (b.IrrHigh is { } hi) bars.Add(new Bar { Position = i, ValueBase = 100 * at, Value = 100 * hi, FillColor = Color.FromHex("#2ca02c"), Size = 0.6 });
            }
            else if (b.IrrLow is { } lo && b.IrrHigh is { } hi)
            {
                bars.Add(new Bar { Position = i, ValueBase = 100 * lo, Value = 100 * hi, FillColor = Color.FromHex("#7f7f7f"), Size = 0.6 });
            }
            // A bar of no effect by construction says so on its label (the reason is in the table and the JSON).
            ticks.Add(new Tick(i, b.NoEffect is null ? b.Input : b.Input + " (no effect)"));
        }
        var plot1 = plot.Add.Bars(bars);
        plot1.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        if (tornado.BaseIrr is { } baseIrr)
        {
            var line = plot.Add.VerticalLine(100 * baseIrr, 1, Colors.Black);
            line.LegendText = $"base IRR {baseIrr.ToString("0.0%", CultureInfo.InvariantCulture)}";
        }

        TextLayout.Title(plot, title, plot.Axes.Title.Label.FontSize, width);
        plot.XLabel(tornado.BaseIrr is null
            ? "project IRR, annual (%): no return at base, no base line; grey = low end to high end"
            : $"project IRR, annual (%): red = input x{1 - tornado.Range:0.##}, green = input x{1 + tornado.Range:0.##}");
        plot.ShowLegend(Alignment.LowerRight);
        AxisLimits.KeepRoomAtRight(plot);
        return plot;
    }
}
