using System.Text.Json;
using System.Xml.Linq;
using Gpunomics.Charts.Tests;

namespace Gpunomics.Web.Tests;

/// <summary>The chart images the dashboard draws, as the API serves them: every text on the canvas, axes of quantities that cannot be negative from zero.</summary>
public class ChartImageTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static void AssertTextInside(XDocument svg, string what)
    {
        var outside = ChartInspection.OutsideCanvas(svg);
        Assert.True(outside.Count == 0, $"{what}: text outside the canvas {ChartInspection.Canvas(svg)}: {string.Join("; ", outside)}");
    }

    [Fact]
    public async Task The_one_chart_of_every_system_keeps_its_text_on_the_canvas()
    {
        var systems = JsonDocument.Parse(await _client.GetStringAsync("/api/systems")).RootElement.GetProperty("systems").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(systems);
        foreach (var id in systems)
        {
            var body = JsonDocument.Parse(await _client.GetStringAsync($"/api/chart/{id}?svg=true&systemPriceMultiplier=1.1&price=3.5")).RootElement;
            var svg = XDocument.Parse(body.GetProperty("svg").GetString()!);
            AssertTextInside(svg, id);
            var (min, perPixel) = ChartInspection.AxisMinimum(svg, left: false);
            Assert.True(min >= -2 * perPixel, $"{id}: the price axis starts at {min}");
        }
    }

    [Theory]
    [InlineData("cost")]
    [InlineData("throughput")]
    public async Task The_token_chart_keeps_its_text_and_source_line_on_the_canvas_and_its_axes_from_zero(string kind)
    {
        var svg = XDocument.Parse(await _client.GetStringAsync($"/api/inferencex/chart?kind={kind}"));
        AssertTextInside(svg, kind);
        Assert.Contains(ChartInspection.Texts(svg), t => t.Text.StartsWith("source:", StringComparison.Ordinal));
        var (min, perPixel) = ChartInspection.AxisMinimum(svg, left: false);
        Assert.True(min >= -2 * perPixel, $"{kind}: the interactivity axis starts at {min}");
        if (kind == "throughput")
        {
            (min, perPixel) = ChartInspection.AxisMinimum(svg, left: true);
            Assert.True(min >= -2 * perPixel, $"{kind}: the throughput axis starts at {min}");
        }
    }
}
