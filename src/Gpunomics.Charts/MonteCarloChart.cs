using System.Globalization;
using Gpunomics.MonteCarlo;
using ScottPlot;

namespace Gpunomics.Charts;

/// <summary>Draws the Monte Carlo IRR histogram with the hurdle and the 5th, 50th and 95th percentiles.</summary>
public static class MonteCarloChart
{
    /// <summary>The histogram as SVG text.</summary>
    public static string Svg(MonteCarloResult result, double hurdle, string title, int width = 1000, int height = 600) =>
        Build(result, hurdle, title, width).GetSvgXml(width, height);

    /// <summary>The histogram as PNG bytes.</summary>
    public static byte[] Png(MonteCarloResult result, double hurdle, string title, int width = 1000, int height = 600) =>
        Build(result, hurdle, title, width).GetImageBytes(width, height, ImageFormat.Png);

    internal static Plot Build(MonteCarloResult result, double hurdle, string title, int width)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        var bars = result.IrrHistogram.Select(b => new Bar
        {
            Position = 100 * 0.5 * (b.Low + b.High),
            Value = 100.0 * b.Count / Math.Max(1, result.Scenarios),
            Size = 100 * (b.High - b.Low) * 0.95,
            FillColor = 0.5 * (b.Low + b.High) >= hurdle ? Color.FromHex("#2ca02c") : Color.FromHex("#d62728"),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        var inv = CultureInfo.InvariantCulture;
        void Mark(double? at, string label, string hex, LinePattern pattern)
        {
            if (at is not { } x) return; // too few scenarios with an IRR for this percentile
            if (result.IrrHistogram.Count > 0 && (x < result.IrrHistogram[0].Low || x > result.IrrHistogram[^1].High))
            {
                // A line far beyond the bars would squeeze them to nothing: named, not drawn.
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{label} {x.ToString("0.0%", inv)} (beyond the bars)" });
                return;
            }
            var line = plot.Add.VerticalLine(100 * x, 2, Color.FromHex(hex), pattern);
            line.LegendText = $"{label} {x.ToString("0.0%", inv)}";
        }
        Mark(hurdle, "hurdle", "#000000", LinePattern.Solid);
        if (result.Irr.Count > 0)
        {
            Mark(result.Irr.P5, "p5", "#7f7f7f", LinePattern.Dashed);
            Mark(result.Irr.P50, "p50", "#1f77b4", LinePattern.Dashed);
            Mark(result.Irr.P95, "p95", "#7f7f7f", LinePattern.Dashed);
        }
        // IRRs beyond the drawn range are not in the bars either: say what share.
        var beyond = result.Irr.Count - result.IrrHistogram.Sum(b => b.Count);
        if (beyond > 0)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{(beyond / (double)result.Scenarios).ToString("0.0%", inv)} of scenarios beyond the bars (IRRs span {result.Irr.Min!.Value.ToString("0.0%", inv)} to {result.Irr.Max!.Value.ToString("0.0%", inv)})" });
        // Scenarios without a return (a borrowing rate, no root, several) are not in the bars: the title says how many and
        // how they are decided (in the title, wrapped to the image, so that it neither hides nor is hidden by the legend).
        if (result.ScenariosWithoutIrr > 0)
            title += $". {result.ScenariosWithoutIrr.ToString("N0", inv)} of {result.Scenarios.ToString("N0", inv)} scenarios have no IRR that is a return and are not drawn; " +
                $"beating the hurdle is decided on NPV at the hurdle >= 0: {result.ProbabilityAboveHurdle.ToString("0.0%", inv)} of all scenarios";
        TextLayout.Title(plot, title, plot.Axes.Title.Label.FontSize, width);
        plot.XLabel("project IRR, annual (%)");
        plot.YLabel("share of scenarios (%)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        // A share of scenarios cannot be negative, even when every bar is empty.
        AxisLimits.FloorAtZero(plot, false, true);
        if (result.IrrHistogram.Sum(b => b.Count) == 0)
        {
            // Nothing to draw: a plain 0-100% axis around the hurdle, not one fitted to no data.
            plot.Axes.SetLimitsY(0, 100);
            plot.Axes.SetLimitsX(100 * hurdle - 50, 100 * hurdle + 50);
        }
        AxisLimits.KeepRoomAtRight(plot);
        return plot;
    }
}
