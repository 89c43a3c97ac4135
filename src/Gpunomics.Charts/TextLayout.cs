using System.Collections.Concurrent;
using SkiaSharp;

namespace Gpunomics.Charts;

/// <summary>Fits a chart's texts to its canvas: titles wrap onto lines rather than run off the image.</summary>
internal static class TextLayout
{
    /// <summary>
    /// The text as lines no wider than <paramref name="maxWidth"/>: whole when it fits, else split after a
    /// sentence (". ") when both parts fit, else word by word into lines of even width. A single word wider than the limit keeps a line of its own.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, Func<string, double> width)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(width);
        if (width(text) <= maxWidth) return [text];
        for (var i = text.LastIndexOf(". ", StringComparison.Ordinal); i > 0; i = text.LastIndexOf(". ", i - 1, StringComparison.Ordinal))
        {
            var (first, second) = (text[..(i + 1)], text[(i + 2)..]);
            if (width(first) <= maxWidth && width(second) <= maxWidth) return [first, second];
        }
        // Word by word, then as narrow as keeps the same number of lines, so that the last line is not a lone word.
        var greedy = Words(text, maxWidth, width);
        double lo = 0, hi = maxWidth;
        for (var i = 0; i < 12; i++)
        {
            var mid = (lo + hi) / 2;
            if (Words(text, mid, width).Count <= greedy.Count) hi = mid; else lo = mid;
        }
        return Words(text, hi, width);
    }

    private static List<string> Words(string text, double maxWidth, Func<string, double> width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && width(candidate) > maxWidth)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    /// <summary>The width in pixels of a text drawn in a font, measured as the PNG renderer draws it.</summary>
    public static double Measure(string text, string fontName, float size, bool bold)
    {
        var typeface = Typefaces.GetOrAdd((fontName, bold), k => SKTypeface.FromFamilyName(k.Name, k.Bold ? SKFontStyle.Bold : SKFontStyle.Normal));
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }

    private static readonly ConcurrentDictionary<(string Name, bool Bold), SKTypeface> Typefaces = new();

    /// <summary>Sets a plot's title, wrapped to the image width less a margin on either side.</summary>
    public static void Title(ScottPlot.Plot plot, string title, float size, int imageWidth)
    {
        plot.Title(title, size);
        var label = plot.Axes.Title.Label;
        plot.Axes.Title.Label.Text = string.Join("\n", Wrap(title, imageWidth - 2 * SideMargin, t => Measure(t, label.FontName, label.FontSize, label.Bold)));
    }

    /// <summary>Room kept free at either side of a wrapped title, pixels.</summary>
    private const double SideMargin = 16;
}
