using System.Globalization;
using System.Xml.Linq;
using Gpunomics.Engine.Tests;
using Gpunomics.OneChart;

namespace Gpunomics.Charts.Tests;

/// <summary>The One Chart as SVG: a well-formed image whose marks sit where the model's numbers and the reported layout put them.</summary>
public class OneChartSvgTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static OneChartModel Chart(string system = "gb300-nvl72") =>
        TestData.Model.Chart(system, [1.0, 1.2, 1.4], valueSplitPrice: 3.5, currentMultiplier: 1.0);

    private static double D(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void The_image_is_well_formed_and_scales_to_its_box()
    {
        var (svg, layout) = OneChartRenderer.SvgWithLayout(Chart(), 900, 600);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Ns + "svg", root.Name);
        Assert.Equal("0 0 900 600", root.Attribute("viewBox")!.Value);
        Assert.Equal((900, 600), (layout.Width, layout.Height));
        Assert.Contains(root.Descendants(Ns + "text"), t => t.Value.Contains("NVIDIA GB300 NVL72", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_curve_point_maps_back_to_the_models_price_and_irr_through_the_layout()
    {
        var chart = Chart();
        var (svg, l) = OneChartRenderer.SvgWithLayout(chart);
        double Price(double x) => l.XMin + (x - l.Left) / (l.Right - l.Left) * (l.XMax - l.XMin);
        double Irr(double y) => l.YMin + (l.Bottom - y) / (l.Bottom - l.Top) * (l.YMax - l.YMin);
        var pxPrice = (l.XMax - l.XMin) / (l.Right - l.Left);
        var pxIrr = (l.YMax - l.YMin) / (l.Bottom - l.Top);

        var paths = XDocument.Parse(svg).Descendants(Ns + "path").Where(p => p.Attribute("stroke-width")?.Value == "2.5").ToList();
        Assert.Equal(chart.Curves.Count, paths.Count);
        foreach (var (path, curve) in paths.Zip(chart.Curves))
        {
            var xy = path.Attribute("d")!.Value.Split(['M', 'L', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Chunk(2).ToList();
            var expected = curve.Points.Where(p => p.Irr is not null && p.Irr < 2.0).ToList();
            Assert.Equal(expected.Count, xy.Count);
            foreach (var (p, e) in xy.Zip(expected))
            {
                Assert.InRange(Price(p[0]) - e.Price, -0.06 * pxPrice, 0.06 * pxPrice);
                Assert.InRange(Irr(p[1]) - e.Irr!.Value, -0.06 * pxIrr, 0.06 * pxIrr);
            }
        }

        // The floor markers sit on the hurdle at each curve's floor price.
        var circles = XDocument.Parse(svg).Descendants(Ns + "circle").ToList();
        Assert.Equal(chart.Curves.Count, circles.Count);
        foreach (var (c, curve) in circles.Zip(chart.Curves))
        {
            Assert.InRange(Price(D(c, "cx")) - curve.FloorPrice, -0.06 * pxPrice, 0.06 * pxPrice);
            Assert.InRange(Irr(D(c, "cy")) - chart.Hurdle, -0.06 * pxIrr, 0.06 * pxIrr);
        }
    }

    [Fact]
    public void Tick_labels_are_round_values_inside_the_axis_ranges()
    {
        var (svg, l) = OneChartRenderer.SvgWithLayout(Chart());
        var texts = XDocument.Parse(svg).Descendants(Ns + "text").Select(t => t.Value).ToList();
        var percents = texts.Where(t => t.EndsWith('%') && !t.Contains(' ', StringComparison.Ordinal)).Select(t => double.Parse(t.TrimEnd('%'), CultureInfo.InvariantCulture) / 100).ToList();
        Assert.InRange(percents.Count, 6, 20);
        Assert.All(percents, v => Assert.InRange(v, l.YMin - 1e-9, l.YMax + 1e-9));
        Assert.All(percents, v => Assert.Equal(0, Math.Round(v * 100) % 5));
        Assert.Contains(0.0, percents);
    }

    [Fact]
    public void Names_from_a_catalog_are_written_as_text_not_markup()
    {
        var model = TestData.Model;
        var chart = Chart() with { System = model.System("gb300-nvl72") with { Name = "<script>alert(1)</script> & Co" } };
        var svg = OneChartRenderer.Svg(chart);
        var doc = XDocument.Parse(svg);
        Assert.Empty(doc.Descendants(Ns + "script"));
        Assert.Contains(doc.Descendants(Ns + "text"), t => t.Value.Contains("<script>alert(1)</script> & Co", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_charts_on_one_page_do_not_share_a_clip_path_id()
    {
        string Clip(string system) => XDocument.Parse(OneChartRenderer.Svg(Chart(system))).Descendants(Ns + "clipPath").Single().Attribute("id")!.Value;
        Assert.NotEqual(Clip("gb300-nvl72"), Clip("vr-nvl72"));
    }

    [Fact]
    public void The_png_is_a_png()
    {
        var png = OneChartRenderer.Png(Chart(), 600, 400);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }
}
