using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gpunomics.Inputs;

namespace Gpunomics.Web.Tests;

/// <summary>Every list-valued query parameter is bounded by its declaration: at the limit it is answered, one past it is a problem naming the parameter, the count and the limit; repeats collapse.</summary>
public class ListParameterTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly int MaxMultipliers = ModelInputs.ChartMultiplier.MaxCount!.Value;

    // n distinct multipliers, 1.0 among them (the current multiplier, so that it adds no curve of its own).
    private static string Multipliers(int n, int repeats = 1) =>
        string.Join(',', Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat((1 + i / 10.0).ToString("0.0", CultureInfo.InvariantCulture), repeats)));

    private async Task<JsonElement> Ok(string url)
    {
        var r = await _client.GetAsync(url);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url[..Math.Min(url.Length, 120)]}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string> Refused(string url, string parameter)
    {
        var r = await _client.GetAsync(url);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), text);
        return messages[0].GetString()!;
    }

    [Fact]
    public async Task Multipliers_at_the_declared_count_are_drawn_and_one_more_is_refused_with_the_count_and_the_limit()
    {
        var chart = await Ok($"/api/chart/gb300-nvl72?multipliers={Multipliers(MaxMultipliers)}");
        Assert.Equal(MaxMultipliers, chart.GetProperty("curves").GetArrayLength());
        var message = await Refused($"/api/chart/gb300-nvl72?multipliers={Multipliers(MaxMultipliers + 1)}", "multipliers");
        Assert.Equal($"{MaxMultipliers + 1} values given; at most {MaxMultipliers} allowed", message);
    }

    [Fact]
    public async Task Repeated_multipliers_draw_one_curve_each_and_count_as_given()
    {
        var once = await Ok($"/api/chart/gb300-nvl72?svg=true&multipliers={Multipliers(MaxMultipliers / 2)}");
        var repeated = await Ok($"/api/chart/gb300-nvl72?svg=true&multipliers={Multipliers(MaxMultipliers / 2, repeats: 2)}");
        Assert.Equal(MaxMultipliers / 2, repeated.GetProperty("chart").GetProperty("curves").GetArrayLength());
        Assert.Equal(once.GetProperty("svg").GetString(), repeated.GetProperty("svg").GetString());
        var message = await Refused($"/api/chart/gb300-nvl72?multipliers={Multipliers(1, repeats: 1500)}", "multipliers");
        Assert.Equal($"1500 values given; at most {MaxMultipliers} allowed", message);
    }

    [Fact]
    public async Task Every_measured_hardware_at_once_is_drawn_and_one_more_name_is_refused_with_the_count_and_the_limit()
    {
        var known = ModelProvider.MeasuredHardware;
        var all = await _client.GetAsync($"/api/inferencex/chart?kind=throughput&hardware={string.Join(',', known)}");
        var svg = await all.Content.ReadAsStringAsync();
        Assert.True(all.StatusCode == HttpStatusCode.OK, svg);
        foreach (var hw in known) Assert.Contains(hw, svg);
        var message = await Refused($"/api/inferencex/chart?kind=throughput&hardware={string.Join(',', known.Append("h900"))}", "hardware");
        Assert.Equal($"{known.Count + 1} values given; at most {known.Count} allowed", message);
    }

    [Fact]
    public async Task Repeated_hardware_draws_one_line_and_fifteen_hundred_names_are_refused_before_any_work()
    {
        var one = await _client.GetStringAsync("/api/inferencex/chart?hardware=h200");
        var repeated = await _client.GetAsync("/api/inferencex/chart?hardware=h200,H200,h200");
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        // The renderer numbers its clip paths across the process; the drawing is otherwise the same.
        static string Drawing(string svg) => System.Text.RegularExpressions.Regex.Replace(svg, "cl_[0-9a-f]+", "cl_");
        Assert.Equal(Drawing(one), Drawing(await repeated.Content.ReadAsStringAsync()));
        var message = await Refused($"/api/inferencex/chart?hardware={string.Join(',', Enumerable.Repeat("h200", 1500))}", "hardware");
        Assert.Equal($"1500 values given; at most {ModelProvider.MeasuredHardware.Count} allowed", message);
    }

    [Fact]
    public async Task Unknown_hardware_is_refused_naming_the_measured_ones()
    {
        var message = await Refused("/api/inferencex/chart?hardware=gb300,h900", "hardware");
        Assert.Contains("'h900' not known", message);
        foreach (var hw in ModelProvider.MeasuredHardware) Assert.Contains(hw, message);
    }

    [Fact]
    public async Task Openapi_documents_each_list_with_its_largest_count_from_the_declaration()
    {
        var paths = (await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        JsonElement Parameter(string path, string name) => paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);

        var multipliers = Parameter("/api/chart/{system}", "multipliers");
        Assert.False(multipliers.GetProperty("explode").GetBoolean());
        Assert.Equal("array", multipliers.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(MaxMultipliers, multipliers.GetProperty("schema").GetProperty("maxItems").GetInt32());
        Assert.Equal(ModelInputs.ChartMultiplier.Range.Max, multipliers.GetProperty("schema").GetProperty("items").GetProperty("maximum").GetDouble());

        var hardware = Parameter("/api/inferencex/chart", "hardware").GetProperty("schema");
        Assert.Equal(ModelProvider.MeasuredHardware.Count, hardware.GetProperty("maxItems").GetInt32());
        Assert.Equal(ModelProvider.MeasuredHardware, hardware.GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
    }
}
