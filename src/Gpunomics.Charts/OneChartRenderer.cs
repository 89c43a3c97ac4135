using Gpunomics.OneChart;
using ScottPlot;

namespace Gpunomics.Charts;

/// <summary>Where a chart's data area lies in its image, in pixels, and the axis ranges it shows.</summary>
public sealed record ChartLayout(int Width, int Height, double Left, double Right, double Top, double Bottom, double XMin, double XMax, double YMin, double YMax);

/// <summary>Draws the One Chart: project IRR against rental price, one curve per system price multiplier.</summary>
public static class OneChartRenderer
{
    /// <summary>Default image width, pixels.</summary>
    public const int Width = 1100;

    /// <summary>Default image height, pixels.</summary>
    public const int Height = 700;

    /// <summary>The chart as SVG text, with a viewBox so that it scales to its box.</summary>
    public static string Svg(OneChartModel model, int width = Width, int height = Height) => SvgWithLayout(model, width, height).Svg;

    /// <summary>The chart as SVG text with where the data area lies, so a page can map the pointer to price and IRR.</summary>
    public static (string Svg, ChartLayout Layout) SvgWithLayout(OneChartModel model, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(model);
        var id = new string(model.System.Id.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        return OneChartSvg.Write(OneChartFigure.From(model), width, height, id);
    }

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] Png(OneChartModel model, int width = Width, int height = Height) =>
        Build(OneChartFigure.From(model), width).GetImageBytes(width, height, ImageFormat.Png);

    internal static Plot Build(OneChartFigure f, int width)
    {
        var plot = new Plot();
        foreach (var curve in f.Curves)
        {
            var color = Color.FromHex(curve.Color);
            // One line per stretch with a return: no line across a gap.
            var first = true;
            for (var start = 0; start < curve.X.Length;)
            {
                var end = start + 1;
                while (end < curve.X.Length && !curve.Starts[end]) end++;
                var line = plot.Add.ScatterLine(curve.X[start..end], curve.Y[start..end]);
                line.Color = color;
                line.LineWidth = 2.5f;
                if (first) line.LegendText = curve.Label;
                first = false;
                start = end;
            }
            var floor = plot.Add.Marker(curve.FloorX, curve.FloorY);
            floor.Color = color;
            floor.MarkerSize = 11;
            if (first) floor.LegendText = curve.Label; // no stretch with a return: the floor marks the curve
        }

        var hurdle = plot.Add.HorizontalLine(f.Hurdle);
        hurdle.Color = Color.FromHex(OneChartFigure.HurdleColor);
        hurdle.LinePattern = LinePattern.Dashed;
        hurdle.LineWidth = 1.5f;
        hurdle.LegendText = f.HurdleLabel;

        var ceiling = plot.Add.VerticalLine(f.Ceiling);
        ceiling.Color = Color.FromHex(OneChartFigure.CeilingColor);
        ceiling.LinePattern = LinePattern.Dashed;
        ceiling.LineWidth = 1.5f;
        ceiling.LegendText = f.CeilingLabel;

        var corner = plot.Add.Marker(f.Corner.X, f.Corner.Y);
        corner.Color = Colors.Black;
        corner.MarkerShape = MarkerShape.OpenDiamond;
        corner.MarkerSize = 14;
        corner.LegendText = f.Corner.Label;

        foreach (var m in f.Market)
        {
            var mk = plot.Add.Marker(m.X, m.Y);
            mk.Color = Color.FromHex(OneChartFigure.MarketColor);
            mk.MarkerShape = MarkerShape.FilledSquare;
            mk.MarkerSize = 10;
            mk.LegendText = m.Label;
        }

        plot.Axes.SetLimits(f.XMin, f.XMax, f.YMin, f.YMax);
        plot.XLabel(f.XLabel);
        plot.YLabel(f.YLabel);
        plot.Axes.Left.TickGenerator = Manual(f.LeftTicks);
        plot.Axes.Bottom.TickGenerator = Manual(f.BottomTicks);
        plot.Axes.Top.TickGenerator = Manual(f.TopTicks);
        TextLayout.Title(plot, f.Title, 15, width);
        // The SVG's margins: room for the tick labels at the ends of each axis, which the automatic layout cuts off.
        plot.Layout.Fixed(new PixelPadding((float)OneChartSvg.Left, (float)OneChartSvg.Right, (float)OneChartSvg.Bottom, (float)OneChartSvg.Top));
        plot.Axes.Top.Range.Set(f.XMin, f.XMax);
        plot.Axes.Top.IsVisible = true;
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.Label.FontSize = 15;

        var note = plot.Add.Annotation(string.Join("\n", f.Note), Alignment.LowerRight);
        note.LabelFontSize = 12;
        // Each line wraps to the data area, so that a long reason stays inside the image.
        note.LabelText = string.Join("\n", f.Note.SelectMany(line =>
            TextLayout.Wrap(line, width - OneChartSvg.Left - OneChartSvg.Right - 40, v => TextLayout.Measure(v, note.LabelFontName, 12, bold: false))));

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericManual Manual(IReadOnlyList<AxisTick> ticks)
    {
        var g = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in ticks) g.AddMajor(t.Value, t.Label);
        return g;
    }
}
