using System.Globalization;
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

    /// <summary>The chart as SVG text.</summary>
    public static string Svg(OneChartModel model, int width = Width, int height = Height) =>
        Build(model).GetSvgXml(width, height);

    /// <summary>The chart as SVG text with where the data area lies, so a page can map the pointer to price and IRR.</summary>
    public static (string Svg, ChartLayout Layout) SvgWithLayout(OneChartModel model, int width = Width, int height = Height)
    {
        var plot = Build(model);
        var svg = plot.GetSvgXml(width, height);
        var rect = plot.RenderManager.LastRender.DataRect;
        var limits = plot.Axes.GetLimits();
        return (svg, new ChartLayout(width, height, rect.Left, rect.Right, rect.Top, rect.Bottom, limits.Left, limits.Right, limits.Bottom, limits.Top));
    }

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] Png(OneChartModel model, int width = Width, int height = Height) =>
        Build(model).GetImageBytes(width, height, ImageFormat.Png);

    private static readonly Color[] CurveColors =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"),
    ];

    internal static Plot Build(OneChartModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var plot = new Plot();
        var inv = CultureInfo.InvariantCulture;
        var i = 0;
        foreach (var curve in model.Curves)
        {
            var pts = curve.Points.Where(p => p.Irr is not null && p.Irr < 2.0).ToList();
            var color = CurveColors[i++ % CurveColors.Length];
            var line = plot.Add.ScatterLine(pts.Select(p => p.Price).ToArray(), pts.Select(p => p.Irr!.Value).ToArray());
            line.Color = color;
            line.LineWidth = 2.5f;
            line.LegendText = $"system price x{curve.Multiplier.ToString("0.0#", inv)} (floor ${curve.FloorPrice.ToString("0.00", inv)})";
            var floor = plot.Add.Marker(curve.FloorPrice, model.Hurdle);
            floor.Color = color;
            floor.MarkerSize = 11;
        }

        var hurdle = plot.Add.HorizontalLine(model.Hurdle);
        hurdle.Color = Colors.DarkGreen;
        hurdle.LinePattern = LinePattern.Dashed;
        hurdle.LineWidth = 1.5f;
        hurdle.LegendText = $"hurdle IRR {model.Hurdle.ToString("0.0%", inv)}";

        var ceiling = plot.Add.VerticalLine(model.Ceiling);
        ceiling.Color = Colors.DarkOrange;
        ceiling.LinePattern = LinePattern.Dashed;
        ceiling.LineWidth = 1.5f;
        ceiling.LegendText = $"value-based ceiling ${model.Ceiling.ToString("0.00", inv)}";

        var corner = plot.Add.Marker(model.Ceiling, model.Hurdle);
        corner.Color = Colors.Black;
        corner.MarkerShape = MarkerShape.OpenDiamond;
        corner.MarkerSize = 14;
        corner.LegendText = model.MaxSystemPriceMultiplier is { } mx
            ? $"max theoretical system price x{mx.ToString("0.00", inv)}"
            : "hurdle meets ceiling";

        foreach (var m in model.MarketPoints.Where(p => p.Irr is not null))
        {
            var mk = plot.Add.Marker(m.Price, m.Irr!.Value);
            mk.Color = Colors.Gray;
            mk.MarkerShape = MarkerShape.FilledSquare;
            mk.MarkerSize = 10;
            mk.LegendText = $"{m.Label} ${m.Price.ToString("0.00", inv)} ({m.Irr.Value.ToString("0.0%", inv)} IRR)";
        }

        var allPrices = model.Curves.SelectMany(c => c.Points).Select(p => p.Price).ToList();
        var xMin = allPrices.Min();
        var xMax = allPrices.Max();
        var yMax = Math.Min(0.6, Math.Max(model.Hurdle * 3,
            model.Curves.SelectMany(c => c.Points).Where(p => p.Price <= model.Ceiling * 1.05 && p.Irr is not null).Select(p => p.Irr!.Value).DefaultIfEmpty(0.5).Max()));
        plot.Axes.SetLimits(xMin, xMax, -0.2, yMax);

        plot.XLabel("rental price, $ per GPU-hour");
        plot.YLabel("project IRR (annual)");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("0%", inv),
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => "$" + v.ToString("0.##", inv),
        };

        // Second x axis: the same prices per PFLOP-hour at the chart's precision.
        var top = new ScottPlot.TickGenerators.NumericManual();
        var step = NiceStep((xMax - xMin) / model.Pflops / 8);
        for (var v = Math.Ceiling(xMin / model.Pflops / step) * step; v * model.Pflops <= xMax; v += step)
            top.AddMajor(v * model.Pflops, "$" + v.ToString(step < 0.1 ? "0.00" : "0.0", inv));
        plot.Axes.Top.TickGenerator = top;
        plot.Title($"The One Chart, {model.System.Name}. Top axis: $ per {model.Basis.Key.ToUpperInvariant()} PFLOP-hour ({model.Pflops.ToString("0.##", inv)} PFLOPS per GPU)", 15);
        plot.Axes.Top.Range.Set(xMin, xMax);
        plot.Axes.Top.IsVisible = true;
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.Label.FontSize = 15;

        var split = model.ValueSplit;
        var note = plot.Add.Annotation(
            $"Value split at ${split.Price.ToString("0.00", inv)}/GPU-hour:\nrenter ${split.Renter.ToString("0.00", inv)} ({split.RenterShare.ToString("0%", inv)}), " +
            $"neocloud ${split.Neocloud.ToString("0.00", inv)} ({split.NeocloudShare.ToString("0%", inv)}), " +
            $"supplier ${split.Supplier.ToString("0.00", inv)} ({split.SupplierShare.ToString("0%", inv)})",
            Alignment.LowerRight);
        note.LabelFontSize = 12;

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        return plot;
    }

    private static double NiceStep(double raw)
    {
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var n = raw / mag;
        return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag;
    }
}
