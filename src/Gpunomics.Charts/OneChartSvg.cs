using System.Globalization;
using System.Security;
using System.Text;

namespace Gpunomics.Charts;

/// <summary>
/// Writes the One Chart as SVG text directly: plain elements in data order, text as text, numbers
/// rounded to 0.1 px. About fifty times faster than going through a drawing library, so the
/// dashboard can redraw it on every slider move.
/// </summary>
internal static class OneChartSvg
{
    private const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>The margins around the data area, pixels: room for the tick labels, axis labels and a title of up to two lines. The PNG keeps the same.</summary>
    internal const double Left = 80, Right = 28, Top = 74, Bottom = 62;

    public static (string Svg, ChartLayout Layout) Write(OneChartFigure f, int width, int height, string idSuffix)
    {
        var l = Left;
        var r = width - Right;
        var t = Top;
        var b = height - Bottom;
        double X(double v) => l + (v - f.XMin) / (f.XMax - f.XMin) * (r - l);
        double Y(double v) => b - (v - f.YMin) / (f.YMax - f.YMin) * (b - t);
        var clip = "one-chart-area-" + idSuffix;

        var s = new Svg(new StringBuilder(16_384));
        s.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{Font}\">");
        s.Raw("<title>").Text(f.Title).Raw("</title>");
        s.Raw($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        s.Raw($"<defs><clipPath id=\"{clip}\"><rect x=\"").N(l).Raw("\" y=\"").N(t).Raw("\" width=\"").N(r - l).Raw("\" height=\"").N(b - t).Raw("\"/></clipPath></defs>");

        // Grid, frame and ticks.
        s.Raw("<g stroke=\"#e5e5e5\" stroke-width=\"1\">");
        foreach (var k in f.BottomTicks) s.Line(X(k.Value), t, X(k.Value), b);
        foreach (var k in f.LeftTicks) s.Line(l, Y(k.Value), r, Y(k.Value));
        s.Raw("</g>");
        s.Raw("<rect x=\"").N(l).Raw("\" y=\"").N(t).Raw("\" width=\"").N(r - l).Raw("\" height=\"").N(b - t).Raw("\" fill=\"none\" stroke=\"#000000\"/>");
        s.Raw("<g font-size=\"12\" fill=\"#000000\" text-anchor=\"middle\">");
        foreach (var k in f.BottomTicks) s.Label(X(k.Value), b + 17, k.Label);
        foreach (var k in f.TopTicks) s.Label(X(k.Value), t - 7, k.Label);
        s.Raw("</g><g font-size=\"12\" fill=\"#000000\" text-anchor=\"end\">");
        foreach (var k in f.LeftTicks) s.Label(l - 6, Y(k.Value) + 4, k.Label);
        s.Raw("</g>");
        s.Raw("<g font-size=\"15\" fill=\"#000000\" text-anchor=\"middle\">");
        // The title wraps to the image (measured in the first font named, wider than its fallbacks).
        var titleLines = TextLayout.Wrap(f.Title, width - 32, v => TextLayout.Measure(v, "DejaVu Sans", 15, bold: true));
        for (var i = 0; i < titleLines.Count; i++)
            s.Raw("<text font-weight=\"bold\" x=\"").N(width / 2.0).Raw("\" y=\"").N(titleLines.Count == 1 ? 22 : 20 + 18 * i).Raw("\">").Text(titleLines[i]).Raw("</text>");
        s.Label((l + r) / 2, height - 16, f.XLabel);
        s.Raw("<text transform=\"translate(20 ").N((t + b) / 2).Raw(") rotate(-90)\">").Text(f.YLabel).Raw("</text></g>");

        // Data: reference lines, curves, marks; all clipped to the data area.
        s.Raw($"<g clip-path=\"url(#{clip})\" fill=\"none\">");
        s.Raw($"<line stroke=\"{OneChartFigure.HurdleColor}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" x1=\"").N(l).Raw("\" y1=\"").N(Y(f.Hurdle)).Raw("\" x2=\"").N(r).Raw("\" y2=\"").N(Y(f.Hurdle)).Raw("\"/>");
        s.Raw($"<line stroke=\"{OneChartFigure.CeilingColor}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" x1=\"").N(X(f.Ceiling)).Raw("\" y1=\"").N(t).Raw("\" x2=\"").N(X(f.Ceiling)).Raw("\" y2=\"").N(b).Raw("\"/>");
        foreach (var c in f.Curves)
        {
            if (c.X.Length == 0) continue;
            s.Raw($"<path stroke=\"{c.Color}\" stroke-width=\"2.5\" stroke-linejoin=\"round\" d=\"");
            for (var i = 0; i < c.X.Length; i++) s.Raw(i == 0 ? "M" : c.Starts[i] ? " M" : " L").N(X(c.X[i])).Raw(" ").N(Y(c.Y[i]));
            s.Raw("\"/>");
        }
        foreach (var c in f.Curves) s.Circle(X(c.FloorX), Y(c.FloorY), 5.5, c.Color);
        s.Diamond(X(f.Corner.X), Y(f.Corner.Y), 7);
        foreach (var m in f.Market) s.Square(X(m.X), Y(m.Y), 5, OneChartFigure.MarketColor);
        s.Raw("</g>");

        // Legend, upper left inside the data area.
        var entries = f.Curves.Count + 3 + f.Market.Count;
        var labels = f.Curves.Select(c => c.Label).Append(f.HurdleLabel).Append(f.CeilingLabel).Append(f.Corner.Label).Concat(f.Market.Select(m => m.Label));
        var lx = l + 8;
        var ly = t + 8;
        var rowHeight = 18.0;
        s.Raw("<g font-size=\"13\">");
        s.Raw("<rect x=\"").N(lx).Raw("\" y=\"").N(ly).Raw("\" width=\"").N(40 + labels.Max(TextWidth13)).Raw("\" height=\"").N(entries * rowHeight + 8)
            .Raw("\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#000000\" stroke-width=\"0.8\"/>");
        var row = 0;
        double RowY() => ly + 4 + rowHeight * row + rowHeight / 2;
        void Entry(string label)
        {
            s.Raw("<text x=\"").N(lx + 34).Raw("\" y=\"").N(RowY() + 4.5).Raw("\">").Text(label).Raw("</text>");
            row++;
        }
        foreach (var c in f.Curves)
        {
            s.Raw($"<line stroke=\"{c.Color}\" stroke-width=\"2.5\" x1=\"").N(lx + 6).Raw("\" y1=\"").N(RowY()).Raw("\" x2=\"").N(lx + 28).Raw("\" y2=\"").N(RowY()).Raw("\"/>");
            Entry(c.Label);
        }
        s.Raw($"<line stroke=\"{OneChartFigure.HurdleColor}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" x1=\"").N(lx + 6).Raw("\" y1=\"").N(RowY()).Raw("\" x2=\"").N(lx + 28).Raw("\" y2=\"").N(RowY()).Raw("\"/>");
        Entry(f.HurdleLabel);
        s.Raw($"<line stroke=\"{OneChartFigure.CeilingColor}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" x1=\"").N(lx + 6).Raw("\" y1=\"").N(RowY()).Raw("\" x2=\"").N(lx + 28).Raw("\" y2=\"").N(RowY()).Raw("\"/>");
        Entry(f.CeilingLabel);
        s.Diamond(lx + 17, RowY(), 6);
        Entry(f.Corner.Label);
        foreach (var m in f.Market)
        {
            s.Square(lx + 17, RowY(), 4.5, OneChartFigure.MarketColor);
            Entry(m.Label);
        }
        s.Raw("</g>");

        // The value split note, lower right inside the data area; each line wraps to the data area's width,
        // measured in the first font named or estimated, whichever is wider.
        double NoteWidth(string v) => Math.Max(TextWidth12(v), TextLayout.Measure(v, "DejaVu Sans", 12, bold: false));
        var note = f.Note.SelectMany(line => TextLayout.Wrap(line, r - l - 28, NoteWidth)).ToList();
        var noteWidth = note.Max(NoteWidth) + 12;
        var noteHeight = note.Count * 16 + 8;
        var nx = r - 8 - noteWidth;
        var ny = b - 8 - noteHeight;
        s.Raw("<g font-size=\"12\"><rect x=\"").N(nx).Raw("\" y=\"").N(ny).Raw("\" width=\"").N(noteWidth).Raw("\" height=\"").N(noteHeight)
            .Raw("\" fill=\"#ffff66\" stroke=\"#000000\" stroke-width=\"0.8\"/>");
        for (var i = 0; i < note.Count; i++)
            s.Raw("<text x=\"").N(nx + 6).Raw("\" y=\"").N(ny + 17 + 16 * i).Raw("\">").Text(note[i]).Raw("</text>");
        s.Raw("</g></svg>");

        return (s.ToString(), new ChartLayout(width, height, l, r, t, b, f.XMin, f.XMax, f.YMin, f.YMax));
    }

    // Widths of sans-serif text, estimated at 0.6 em a character: boxes are sized without measuring fonts.
    private static double TextWidth13(string text) => text.Length * 13 * 0.6;

    private static double TextWidth12(string text) => text.Length * 12 * 0.6;

    private readonly struct Svg(StringBuilder sb)
    {
        public Svg Raw(string text)
        {
            sb.Append(text);
            return this;
        }

        public Svg N(double v)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Math.Round(v, 1):0.#}");
            return this;
        }

        public Svg Text(string text)
        {
            sb.Append(SecurityElement.Escape(text));
            return this;
        }

        public void Line(double x1, double y1, double x2, double y2) =>
            Raw("<line x1=\"").N(x1).Raw("\" y1=\"").N(y1).Raw("\" x2=\"").N(x2).Raw("\" y2=\"").N(y2).Raw("\"/>");

        public void Label(double x, double y, string text) =>
            Raw("<text x=\"").N(x).Raw("\" y=\"").N(y).Raw("\">").Text(text).Raw("</text>");

        public void Circle(double x, double y, double radius, string color) =>
            Raw("<circle cx=\"").N(x).Raw("\" cy=\"").N(y).Raw("\" r=\"").N(radius).Raw($"\" fill=\"{color}\"/>");

        public void Square(double x, double y, double half, string color) =>
            Raw("<rect x=\"").N(x - half).Raw("\" y=\"").N(y - half).Raw("\" width=\"").N(2 * half).Raw("\" height=\"").N(2 * half).Raw($"\" fill=\"{color}\"/>");

        public void Diamond(double x, double y, double half) =>
            Raw("<path fill=\"none\" stroke=\"#000000\" stroke-width=\"1.5\" d=\"M").N(x).Raw(" ").N(y - half).Raw(" L").N(x + half).Raw(" ").N(y)
                .Raw(" L").N(x).Raw(" ").N(y + half).Raw(" L").N(x - half).Raw(" ").N(y).Raw(" Z\"/>");

        public override string ToString() => sb.ToString();
    }
}
