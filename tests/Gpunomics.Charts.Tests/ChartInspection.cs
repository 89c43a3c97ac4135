using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;

namespace Gpunomics.Charts.Tests;

/// <summary>A text of a chart as drawn: its words and the box its glyphs cover, in canvas pixels.</summary>
internal sealed record DrawnText(string Text, double Left, double Top, double Right, double Bottom)
{
    public double CenterX => (Left + Right) / 2;

    public double CenterY => (Top + Bottom) / 2;

    public override string ToString() => FormattableString.Invariant($"'{Text}' at x {Left:0.#}..{Right:0.#}, y {Top:0.#}..{Bottom:0.#}");
}

/// <summary>
/// Reads what a person sees in a chart: where each text lies (measured with the font it names, through
/// SkiaSharp, as the PNG renderer draws it), where the data area is and what value the edge of an axis
/// has, and whether anything of a PNG touches its outer edge. Works on any SVG the charts write: the
/// One Chart's own and ScottPlot's.
/// </summary>
internal static partial class ChartInspection
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The canvas: the viewBox where there is one, else width and height.</summary>
    public static (double Width, double Height) Canvas(XDocument svg)
    {
        var root = svg.Root!;
        if (root.Attribute("viewBox")?.Value is { } vb)
        {
            var n = Numbers(vb);
            return (n[2], n[3]);
        }
        return (Number(root.Attribute("width")!.Value), Number(root.Attribute("height")!.Value));
    }

    /// <summary>Every non-empty text element with the box its glyphs cover.</summary>
    public static IReadOnlyList<DrawnText> Texts(XDocument svg)
    {
        var list = new List<DrawnText>();
        foreach (var e in svg.Descendants(Ns + "text"))
        {
            var text = e.Value.Trim();
            if (text.Length == 0) continue;
            var size = Number(Inherited(e, "font-size") ?? "16");
            var family = (Inherited(e, "font-family") ?? "DejaVu Sans").Split(',')[0].Trim().Trim('"', '\'');
            // ScottPlot writes its bold as weight 600; the PNG draws it with the family's bold face.
            var weight = Inherited(e, "font-weight") ?? "normal";
            var bold = weight is "bold" or "bolder" || (int.TryParse(weight, NumberStyles.Integer, Inv, out var w) && w >= 600);
            var anchor = Inherited(e, "text-anchor") ?? "start";
            var x = e.Attribute("x") is { } xa ? Numbers(xa.Value)[0] : 0;
            var y = e.Attribute("y") is { } ya ? Numbers(ya.Value)[0] : 0;

            using var typeface = SKTypeface.FromFamilyName(family, bold ? SKFontStyle.Bold : SKFontStyle.Normal);
            using var font = new SKFont(typeface, (float)size);
            var advance = font.MeasureText(text, out var ink);
            var shift = anchor switch { "middle" => -advance / 2, "end" => -advance, _ => 0 };
            var box = new[] { (x + shift + ink.Left, y + ink.Top), (x + shift + ink.Right, y + ink.Top), (x + shift + ink.Left, y + ink.Bottom), (x + shift + ink.Right, y + ink.Bottom) };

            var m = Transform(e);
            var pts = box.Select(p => (X: m[0] * p.Item1 + m[2] * p.Item2 + m[4], Y: m[1] * p.Item1 + m[3] * p.Item2 + m[5])).ToList();
            list.Add(new DrawnText(text, pts.Min(p => p.X), pts.Min(p => p.Y), pts.Max(p => p.X), pts.Max(p => p.Y)));
        }
        return list;
    }

    /// <summary>The texts that reach outside the canvas, by more than <paramref name="tolerance"/> pixels.</summary>
    public static IReadOnlyList<DrawnText> OutsideCanvas(XDocument svg, double tolerance = 0.5)
    {
        var (w, h) = Canvas(svg);
        return Texts(svg).Where(t => t.Left < -tolerance || t.Top < -tolerance || t.Right > w + tolerance || t.Bottom > h + tolerance).ToList();
    }

    /// <summary>The data area: the rectangle the plotted marks are clipped to.</summary>
    public static (double Left, double Top, double Right, double Bottom) DataArea(XDocument svg)
    {
        var rect = svg.Descendants(Ns + "clipPath").First().Descendants(Ns + "rect").First();
        double A(string n) => Number(rect.Attribute(n)!.Value);
        return (A("x"), A("y"), A("x") + A("width"), A("y") + A("height"));
    }

    /// <summary>The numeric tick labels of the left axis (left of the data area, level with it) or the bottom axis (below it, under it).</summary>
    public static IReadOnlyList<(DrawnText Text, double Value)> TickLabels(XDocument svg, bool left)
    {
        var a = DataArea(svg);
        return Texts(svg)
            .Where(t => left
                ? t.Right <= a.Left && t.CenterY >= a.Top - 2 && t.CenterY <= a.Bottom + 2
                : t.Top >= a.Bottom && t.Top <= a.Bottom + 30 && t.CenterX >= a.Left - 2 && t.CenterX <= a.Right + 2)
            .Select(t => (t, Value: TickValue(t.Text)))
            .Where(p => p.Value is not null)
            .Select(p => (p.t, p.Value!.Value))
            .ToList();
    }

    /// <summary>
    /// The value at the low end of a linear axis (the bottom of the left axis, the left of the bottom axis),
    /// from the straight line through its tick labels' positions and values; and the value of one pixel along it.
    /// </summary>
    public static (double Minimum, double PerPixel) AxisMinimum(XDocument svg, bool left)
    {
        var ticks = TickLabels(svg, left);
        if (ticks.Count < 2) throw new InvalidOperationException($"fewer than two numeric tick labels on the {(left ? "left" : "bottom")} axis");
        var a = DataArea(svg);
        var px = ticks.Select(t => left ? t.Text.CenterY : t.Text.CenterX).ToList();
        var v = ticks.Select(t => t.Value).ToList();
        double mp = px.Average(), mv = v.Average();
        var slope = px.Zip(v).Sum(p => (p.First - mp) * (p.Second - mv)) / px.Sum(p => (p - mp) * (p - mp));
        return (mv + slope * ((left ? a.Bottom : a.Left) - mp), Math.Abs(slope));
    }

    /// <summary>
    /// Pixels of a PNG, within <paramref name="strip"/> pixels of its outer edge, that differ from the background
    /// (the corner pixel's colour): text or marks cut off by the edge of the image.
    /// </summary>
    public static IReadOnlyList<(int X, int Y)> EdgePixels(byte[] png, int strip = 1)
    {
        using var bmp = SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a PNG");
        var bg = bmp.GetPixel(0, 0);
        var hits = new List<(int, int)>();
        for (var y = 0; y < bmp.Height; y++)
            for (var x = 0; x < bmp.Width; x++)
            {
                if (x >= strip && y >= strip && x < bmp.Width - strip && y < bmp.Height - strip) continue;
                var c = bmp.GetPixel(x, y);
                if (Math.Abs(c.Red - bg.Red) + Math.Abs(c.Green - bg.Green) + Math.Abs(c.Blue - bg.Blue) > 60) hits.Add((x, y));
            }
        return hits;
    }

    /// <summary>A tick label's number: "$1,500", "-20%", "0.5"; null when the label is not a number.</summary>
    public static double? TickValue(string label)
    {
        var s = label.Replace("\u2212", "-", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        var percent = s.EndsWith('%');
        if (percent) s = s[..^1];
        return double.TryParse(s, NumberStyles.Float, Inv, out var v) ? (percent ? v / 100 : v) : null;
    }

    private static string? Inherited(XElement e, string attribute)
    {
        for (var x = e; x is not null; x = x.Parent)
            if (x.Attribute(attribute)?.Value is { } v) return v;
        return null;
    }

    /// <summary>The element's transform to canvas pixels, as the six numbers of an SVG matrix, composing those of its ancestors.</summary>
    private static double[] Transform(XElement e)
    {
        double[] m = [1, 0, 0, 1, 0, 0];
        foreach (var x in e.AncestorsAndSelf().Reverse())
        {
            if (x.Attribute("transform")?.Value is not { } t) continue;
            foreach (Match f in TransformFunction().Matches(t))
            {
                var n = Numbers(f.Groups[2].Value);
                double[] step = f.Groups[1].Value switch
                {
                    "translate" => [1, 0, 0, 1, n[0], n.Length > 1 ? n[1] : 0],
                    "rotate" => Rotate(n[0]),
                    "scale" => [n[0], 0, 0, n.Length > 1 ? n[1] : n[0], 0, 0],
                    "matrix" => n,
                    var other => throw new NotSupportedException($"transform {other}"),
                };
                m = Multiply(m, step);
            }
        }
        return m;
    }

    private static double[] Rotate(double degrees)
    {
        var r = degrees * Math.PI / 180;
        return [Math.Cos(r), Math.Sin(r), -Math.Sin(r), Math.Cos(r), 0, 0];
    }

    private static double[] Multiply(double[] a, double[] b) =>
    [
        a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3], a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5],
    ];

    private static double Number(string s) => double.Parse(s.Trim().TrimEnd('x', 'p'), Inv);

    private static double[] Numbers(string s) =>
        s.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, Inv)).ToArray();

    [GeneratedRegex(@"(translate|rotate|scale|matrix)\s*\(([^)]*)\)")]
    private static partial Regex TransformFunction();
}
