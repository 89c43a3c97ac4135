using System.Globalization;
using Gpunomics.OneChart;

namespace Gpunomics.Charts;

/// <summary>A labelled tick on an axis.</summary>
internal readonly record struct AxisTick(double Value, string Label);

/// <summary>A marked point with its legend text.</summary>
internal readonly record struct Mark(double X, double Y, string Label);

/// <summary>
/// One IRR curve as drawn: the points inside the plotted range, its colour and where its floor meets the hurdle.
/// <paramref name="Starts"/>[i] is true where point i begins a new stretch: the points before it had no return
/// (or were off the scale), so the line is not drawn across the gap.
/// </summary>
internal sealed record FigureCurve(string Label, string Color, double[] X, double[] Y, bool[] Starts, double FloorX, double FloorY);

/// <summary>
/// Everything the One Chart shows, decided once: axis ranges and ticks, texts, colours and marks. The SVG
/// and PNG renderers both draw from it, so the two images carry the same numbers and words.
/// </summary>
internal sealed record OneChartFigure
{
    public const string HurdleColor = "#006400";
    public const string CeilingColor = "#ff8c00";
    public const string MarketColor = "#808080";

    private static readonly string[] CurveColors = ["#1f77b4", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public required string Title { get; init; }
    public string XLabel => "rental price, $ per GPU-hour";
    public required string YLabel { get; init; }
    public required double XMin { get; init; }
    public required double XMax { get; init; }
    public double YMin => -0.2;
    public required double YMax { get; init; }
    public required IReadOnlyList<AxisTick> BottomTicks { get; init; }
    public required IReadOnlyList<AxisTick> LeftTicks { get; init; }
    public required IReadOnlyList<AxisTick> TopTicks { get; init; }
    public required IReadOnlyList<FigureCurve> Curves { get; init; }
    public required double Hurdle { get; init; }
    public required string HurdleLabel { get; init; }
    public required double Ceiling { get; init; }
    public required string CeilingLabel { get; init; }
    public required Mark Corner { get; init; }
    public required IReadOnlyList<Mark> Market { get; init; }
    public required IReadOnlyList<string> Note { get; init; }

    /// <summary>Lays out the chart for a model: the price range its curves span, IRR from -20% to a little above what matters.</summary>
    public static OneChartFigure From(OneChartModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var curves = model.Curves.Select((c, i) =>
        {
            var kept = c.Points.Select((p, k) => (p, k)).Where(x => x.p.Irr is not null && x.p.Irr < 2.0).ToArray();
            return new FigureCurve(
                $"system price x{c.Multiplier.ToString("0.0#", Inv)} (floor {Money(c.FloorPrice)})",
                CurveColors[i % CurveColors.Length],
                kept.Select(x => x.p.Price).ToArray(), kept.Select(x => x.p.Irr!.Value).ToArray(),
                kept.Select((x, j) => j == 0 || kept[j - 1].k != x.k - 1).ToArray(),
                c.FloorPrice, model.Hurdle);
        }).ToList();

        var prices = model.Curves.SelectMany(c => c.Points).Select(p => p.Price).ToList();
        var xMin = prices.Min();
        var xMax = prices.Max();
        var yMax = Math.Min(0.6, Math.Max(model.Hurdle * 3,
            model.Curves.SelectMany(c => c.Points).Where(p => p.Price <= model.Ceiling * 1.05 && p.Irr is not null).Select(p => p.Irr!.Value).DefaultIfEmpty(0.5).Max()));

        var split = model.ValueSplit;
        return new OneChartFigure
        {
            Title = $"The One Chart, {model.System.Name}. Top axis: $ per {model.Basis.Key.ToUpperInvariant()} PFLOP-hour ({model.Pflops.ToString("0.##", Inv)} PFLOPS per GPU)",
            YLabel = $"{model.IrrName} (annual)",
            XMin = xMin,
            XMax = xMax,
            YMax = yMax,
            BottomTicks = Ticks(xMin, xMax, 12, 1, v => "$" + v.ToString("0.##", Inv)),
            LeftTicks = Ticks(-0.2, yMax, 12, 1, v => v.ToString("0%", Inv)),
            TopTicks = Ticks(xMin / model.Pflops, xMax / model.Pflops, 8, model.Pflops, v => "$" + v.ToString(Step((xMax - xMin) / model.Pflops / 8) < 0.1 ? "0.00" : "0.0", Inv)),
            Curves = curves,
            Hurdle = model.Hurdle,
            HurdleLabel = $"hurdle IRR {model.Hurdle.ToString("0.0%", Inv)}",
            Ceiling = model.Ceiling,
            CeilingLabel = $"value-based ceiling {Money(model.Ceiling)}",
            Corner = new Mark(model.Ceiling, model.Hurdle, model.MaxSystemPriceMultiplier is { } mx
                ? $"max theoretical system price x{mx.ToString("0.00", Inv)}"
                : "hurdle meets ceiling"),
            Market = model.MarketPoints.Where(p => p.Irr is not null)
                .Select(m => new Mark(m.Price, m.Irr!.Value, $"{m.Label} {Money(m.Price)} ({m.Irr!.Value.ToString("0.0%", Inv)} IRR)"))
                .ToList(),
            Note = split.Shares is { } shares
                ?
                [
                    $"Value split at {Money(split.Price)}/GPU-hour:",
                    $"renter {Money(split.Renter)} ({shares.Renter.ToString("0%", Inv)}), " +
                    $"neocloud {Money(split.Neocloud)} ({shares.Neocloud.ToString("0%", Inv)}), " +
                    $"supplier {Money(split.Supplier)} ({shares.Supplier.ToString("0%", Inv)})",
                    .. Wrap(model.Note, 90),
                ]
                : [$"No value split at {Money(split.Price)}/GPU-hour:", .. split.Note!.Split("; ").Where(line => line != "no split"), .. Wrap(model.Note, 90)],
        };
    }

    private static string Money(double v) => v.ToString("$0.00", Inv);

    /// <summary>Splits <paramref name="text"/> into lines of at most about <paramref name="width"/> characters at spaces; none for null.</summary>
    private static List<string> Wrap(string? text, int width)
    {
        var lines = new List<string>();
        if (text is null) return lines;
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width) { lines.Add(line); line = word; }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    /// <summary>Round ticks covering [min, max] in about <paramref name="count"/> steps; positions are scaled by <paramref name="scale"/> (the top axis is in $/PFLOP-hour but placed in $/GPU-hour).</summary>
    private static List<AxisTick> Ticks(double min, double max, int count, double scale, Func<double, string> label)
    {
        var step = Step((max - min) / count);
        var ticks = new List<AxisTick>();
        for (var k = Math.Ceiling(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
        {
            var v = Math.Round(k * step, 12);
            ticks.Add(new AxisTick(v * scale, label(v)));
        }
        return ticks;
    }

    /// <summary>A round step near a raw one: 1, 2 or 5 times a power of ten.</summary>
    private static double Step(double raw)
    {
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var n = raw / mag;
        return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag;
    }
}
