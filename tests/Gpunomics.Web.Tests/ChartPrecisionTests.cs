using System.Globalization;
using System.Text.Json;
using CsCheck;
using Gpunomics.Catalog;
using Gpunomics.Contracts;
using Gpunomics.OneChart;
using Gpunomics.Scenarios;

namespace Gpunomics.Web.Tests;

/// <summary>
/// The One Chart's answer to the precision its contract states (<see cref="ChartContract"/>): the curves' points rounded
/// to 4 decimals of price, 6 of IRR and 2 of NPV; every other figure the engine's, unrounded.
/// </summary>
public class ChartPrecisionTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static EconomicsModel ArticleModel()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        var catalog = CatalogReader.Read(File.ReadAllText(Path.Combine(data, "catalog.json")), "catalog.json").Value!;
        var scenario = ScenarioReader.Read(File.ReadAllText(Path.Combine(data, "scenarios", "article.json")), "article.json", null, catalog).Value!;
        return new EconomicsModel(catalog, scenario);
    }

    [Theory]
    [InlineData("gb300-nvl72", 1.0)]
    [InlineData("vr-nvl72", 1.3)]
    public async Task The_charts_points_are_the_engines_to_the_stated_precision_and_its_other_figures_the_engines_exactly(string system, double multiplier)
    {
        var model = ArticleModel();
        var engine = model.Chart(system, model.Scenario.ChartMultipliers.Append(multiplier).Distinct().Order().ToList(), currentMultiplier: multiplier);
        var api = await Http.Get(_client, FormattableString.Invariant($"/api/chart/{system}?systemPriceMultiplier={multiplier}"));

        Assert.Equal(engine.FloorPrice, api.GetProperty("floorPrice").GetDouble());
        Assert.Equal(engine.FloorAtComponentCost, api.GetProperty("floorAtComponentCost").GetDouble());
        Assert.Equal(engine.Ceiling, api.GetProperty("ceiling").GetDouble());
        Assert.Equal(engine.ValueSplit.Renter, api.GetProperty("valueSplit").GetProperty("renter").GetDouble());
        Assert.Equal(engine.ValueSplit.Shares!.Value.Supplier, api.GetProperty("valueSplit").GetProperty("supplierShare").GetDouble());
        var curves = api.GetProperty("curves").EnumerateArray().ToList();
        Assert.Equal(engine.Curves.Count, curves.Count);
        var withIrr = 0;
        for (var k = 0; k < curves.Count; k++)
        {
            Assert.Equal(engine.Curves[k].FloorPrice, curves[k].GetProperty("floorPrice").GetDouble());
            var points = curves[k].GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(engine.Curves[k].Points.Count, points.Count);
            for (var i = 0; i < points.Count; i++)
            {
                var e = engine.Curves[k].Points[i];
                AssertRounded(e.Price, points[i].GetProperty("price"), ChartContract.PriceDecimals);
                AssertRounded(e.Npv, points[i].GetProperty("npv"), ChartContract.NpvDecimals);
                var irr = points[i].GetProperty("irr");
                if (e.Irr is { } r) { AssertRounded(r, irr, ChartContract.IrrDecimals); withIrr++; }
                else Assert.Equal(JsonValueKind.Null, irr.ValueKind);
            }
        }
        Assert.True(withIrr > 10);
    }

    [Fact]
    public void A_points_numbers_are_written_with_no_more_decimals_than_stated_and_within_half_a_unit_of_the_last()
    {
        Gen.Select(Gen.Double[-20, 200], Gen.Double[-1, 50], Gen.Bool, Gen.Double[-5e6, 5e6])
            .Sample((price, irr, hasIrr, npv) =>
            {
                var p = new OneChartPoint(price, hasIrr ? irr : null, npv);
                var json = JsonDocument.Parse(JsonSerializer.Serialize(ChartPoint.From(p), ContractJson.Options)).RootElement;
                AssertRounded(price, json.GetProperty("price"), ChartContract.PriceDecimals);
                AssertRounded(npv, json.GetProperty("npv"), ChartContract.NpvDecimals);
                if (hasIrr) AssertRounded(irr, json.GetProperty("irr"), ChartContract.IrrDecimals);
                else Assert.Equal(JsonValueKind.Null, json.GetProperty("irr").ValueKind);
            }, iter: 10_000);
        // A value that rounds to zero from below is written 0, not -0.
        var tiny = JsonSerializer.Serialize(ChartPoint.From(new OneChartPoint(-1e-9, -1e-9, -1e-9)), ContractJson.Options);
        Assert.DoesNotContain("-0", tiny);
    }

    // The number as written has at most `decimals` decimals, is no negative zero, reads back as the engine's value
    // rounded half away from zero, and so lies within half a unit of the last decimal of it.
    private static void AssertRounded(double engine, JsonElement written, int decimals)
    {
        var text = written.GetRawText();
        var exact = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture); // as written, 1E-06 included
        Assert.True(decimal.Round(exact, decimals) == exact, $"{text} has more than {decimals} decimals");
        Assert.NotEqual("-0", text);
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(Math.Round(engine, decimals, MidpointRounding.AwayFromZero), value);
        Assert.True(Math.Abs(value - engine) <= 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9) + Math.Abs(engine) * 1e-15,
            $"{text} is not {engine} to {decimals} decimals");
    }
}
