using System.Net;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary>
/// Monte Carlo and sensitivity over HTTP: the same contract as the command line's --json (the real command's output,
/// field for field), every parameter checked by its declaration, and a request's work bounded.
/// </summary>
public sealed class RiskApiTests(WebFixture factory) : IClassFixture<WebFixture>, IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    // A scenario file whose keys override the built-in scenario, as the API's query overrides it.
    private string ScenarioFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gpunomics-risk-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    private static async Task<string> ErrorOf(HttpResponseMessage r, string parameter)
    {
        var (body, text) = await Http.Problem(r, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Exception", text);
        return body.GetProperty("errors").GetProperty(parameter)[0].GetString()!;
    }

    [Fact]
    public async Task Monte_carlo_answers_what_the_command_line_prints_for_the_same_run()
    {
        var api = await Http.Get(_client, "/api/montecarlo/gb300-nvl72?scenarios=3000&seed=5&hurdle=0.14"
            + "&distribution=" + Uri.EscapeDataString("price=uniform(3,4); systemPriceMultiplier=triangular(0.9,1,1.3)")
            + "&correlation=" + Uri.EscapeDataString("price,systemPriceMultiplier=-0.4"));
        var cli = await CommandLine.Run("montecarlo", "gb300-nvl72", "--scenarios", "3000", "--seed", "5", "--scenario", ScenarioFile("""{ "hurdleRate": 0.14 }"""),
            "--distribution", "price=uniform(3,4)", "--distribution", "systemPriceMultiplier=triangular(0.9,1,1.3)",
            "--correlation", "price,systemPriceMultiplier=-0.4", "--json");
        CommandLine.SameJson(cli, api);
        Assert.Equal(3000, api.GetProperty("scenarios").GetInt64());
    }

    [Fact]
    public async Task Sensitivity_answers_what_the_command_line_prints_for_the_same_inputs()
    {
        var api = await Http.Get(_client, "/api/sensitivity/vr-nvl72?range=15%25&price=4.2&debtShare=0.5&debtRate=0.07");
        var cli = await CommandLine.Run("sensitivity", "vr-nvl72", "--range", "15%", "--price", "4.2", "--scenario", ScenarioFile("""{ "debt": { "share": 0.5, "rate": 0.07 } }"""), "--json");
        CommandLine.SameJson(cli, api);
    }

    [Fact]
    public async Task Monte_carlo_and_sensitivity_over_a_saved_asset_life_answer_what_the_command_line_prints()
    {
        const string life = """{ "contract": { "termMonths": 36 }, "assetLife": { "usefulLifeYears": 6 } }""";
        var created = await _client.PostAsync("/api/scenarios", new StringContent($$"""{ "name": "life {{Guid.NewGuid():N}}", "scenario": {{life}} }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        const string dist = "assetLife.usefulLifeYears=triangular(4,6,8); assetLife.releaseBelowCurve=uniform(0,0.5); residualCurveMultiplier=triangular(0.5,1,1.5)";
        var api = await Http.Get(_client, $"/api/montecarlo/h100?scenarios=2000&seed=3&price=2&scenario={id}&distribution=" + Uri.EscapeDataString(dist));
        var cli = await CommandLine.Run(["montecarlo", "h100", "--scenarios", "2000", "--seed", "3", "--price", "2", "--scenario", ScenarioFile(life),
            .. dist.Split("; ").SelectMany(d => new[] { "--distribution", d }), "--json"]);
        CommandLine.SameJson(cli, api);
        Assert.Equal("forward-curve", api.GetProperty("releasePriceSource").GetString());
        Assert.StartsWith("over a 6-year life", api.GetProperty("assetLife").GetString(), StringComparison.Ordinal);

        var t = await Http.Get(_client, $"/api/sensitivity/h100?price=2&scenario={id}&vary=" + Uri.EscapeDataString("assetLife.usefulLifeYears;assetLife.releaseUtilization"));
        var tc = await CommandLine.Run("sensitivity", "h100", "--price", "2", "--scenario", ScenarioFile(life), "--vary", "assetLife.usefulLifeYears", "assetLife.releaseUtilization", "--json");
        CommandLine.SameJson(tc, t);
        var bars = t.GetProperty("bars").EnumerateArray().ToList();
        Assert.All(bars, b => Assert.True(b.GetProperty("high").GetDouble() > b.GetProperty("low").GetDouble()));

        var refused = await ErrorOf(await _client.GetAsync($"/api/montecarlo/h100?scenario={id}&distribution=" + Uri.EscapeDataString("residual=uniform(0,0.2)")), "distribution");
        Assert.Contains("vary residualCurveMultiplier", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monte_carlo_without_parameters_runs_the_default_count_at_the_market_price()
    {
        var r = await Http.Get(_client, "/api/montecarlo/gb300-nvl72");
        Assert.Equal(10_000, r.GetProperty("scenarios").GetInt64());
        Assert.Equal(1UL, r.GetProperty("seed").GetUInt64());
        Assert.Empty(r.GetProperty("distributions").EnumerateObject());
    }

    [Theory]
    [InlineData("200001")]
    [InlineData("1000000000")]
    public async Task More_scenarios_than_a_request_may_run_are_refused_before_any_is_run(string count)
    {
        var message = await ErrorOf(await _client.GetAsync($"/api/montecarlo/gb300-nvl72?scenarios={count}"), "scenarios");
        Assert.Contains(count, message);
        Assert.Contains("[1, 200000]", message);
    }

    [Theory]
    [InlineData("price", "'price' must be NAME=SPEC")]
    [InlineData("speed=uniform(1,2)", "unknown input 'speed'; known: price, systemPriceMultiplier")]
    [InlineData("price=uniform(1,2);price=uniform(2,3)", "price already has a distribution")]
    [InlineData("hurdle=uniform(15,20)", "hurdle: ")]
    [InlineData("price=cauchy(1,2)", "price: 'cauchy(1,2)': unknown distribution")]
    public async Task A_bad_distribution_is_a_problem_naming_the_spec(string spec, string expected)
    {
        var message = await ErrorOf(await _client.GetAsync("/api/montecarlo/gb300-nvl72?scenarios=10&distribution=" + Uri.EscapeDataString(spec)), "distribution");
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("price,hurdle=1.5", "out of range; allowed: (-1, 1)")]
    [InlineData("price=0.5", "must be A,B=RHO")]
    [InlineData("price,hurdle=0.5", "'hurdle', which has no distribution")]
    public async Task A_bad_correlation_is_a_problem_naming_it(string spec, string expected)
    {
        var message = await ErrorOf(await _client.GetAsync("/api/montecarlo/gb300-nvl72?scenarios=10&distribution=price%3Duniform(3,4)&correlation=" + Uri.EscapeDataString(spec)), "correlation");
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task More_correlations_than_pairs_of_inputs_are_refused_before_any_is_read()
    {
        var n = Gpunomics.MonteCarlo.MonteCarloSetup.Inputs.Count;
        var pairs = n * (n - 1) / 2;
        // The shortest entries, so that the address stays within the server's limit: none is read.
        var many = string.Join(';', Enumerable.Repeat("a,b=0", pairs + 1));
        var message = await ErrorOf(await _client.GetAsync("/api/montecarlo/gb300-nvl72?scenarios=10&correlation=" + Uri.EscapeDataString(many)), "correlation");
        Assert.Equal($"{pairs + 1} given; at most {pairs} allowed, separated by ';'", message);
    }

    [Fact]
    public async Task A_sensitivity_range_outside_zero_to_one_is_refused_with_its_allowed_range()
    {
        var message = await ErrorOf(await _client.GetAsync("/api/sensitivity/gb300-nvl72?range=1.5"), "range");
        Assert.Contains("(0, 1)", message);
    }

    [Fact]
    public async Task A_live_server_answers_monte_carlo_and_sensitivity()
    {
        await using var server = await LiveServer.StartAsync();
        using var http = new HttpClient();
        var mc = await Http.Get(http, server.Url + "/api/montecarlo/h100?scenarios=500&distribution=" + Uri.EscapeDataString("prepay=uniform(0,0.3)"));
        Assert.Equal(500, mc.GetProperty("irrPercentiles").GetProperty("count").GetInt64() + mc.GetProperty("scenariosWithoutIrr").GetInt64());
        var s = await Http.Get(http, server.Url + "/api/sensitivity/h100");
        // Every tornado input but the two memory ones (h100 has no supplier-priced memory line) and the asset life's (the built-in scenario has none).
        Assert.Equal(Gpunomics.MonteCarlo.MonteCarloSetup.TornadoInputs.Count - 2 - Gpunomics.MonteCarlo.MonteCarloSetup.LifeInputs.Count, s.GetProperty("bars").GetArrayLength());
    }

    [Theory]
    [InlineData("montecarlo", "distribution", "operations.pue=uniform(0.5,1.2)", "allowed: [1, 3]")]
    [InlineData("montecarlo", "distribution", "finance.costOfCapital=0.1", "does not enter the rental project")]
    [InlineData("sensitivity", "vary", "systems.h100.storage", "of system 'h100'")]
    [InlineData("sensitivity", "vary", "colour", "unknown input 'colour'")]
    public async Task A_bad_scenario_key_is_a_problem_naming_it(string endpoint, string parameter, string value, string expected)
    {
        var message = await ErrorOf(await _client.GetAsync($"/api/{endpoint}/gb300-nvl72?scenarios=10&{parameter}=" + Uri.EscapeDataString(value)), parameter);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task Scenario_keys_are_drawn_and_moved_over_http()
    {
        var mc = await Http.Get(_client, "/api/montecarlo/gb300-nvl72?scenarios=2000&distribution=" + Uri.EscapeDataString("operations.colocationPerKwMonth=uniform(120,220);systems.gb300-nvl72.storage=normal(1000,100)"));
        Assert.Equal(2, mc.GetProperty("distributions").EnumerateObject().Count());
        Assert.True(mc.GetProperty("floorPercentiles").GetProperty("p95").GetDouble() > mc.GetProperty("floorPercentiles").GetProperty("p5").GetDouble());
        var t = await Http.Get(_client, "/api/sensitivity/gb300-nvl72?vary=" + Uri.EscapeDataString("operations.pue;finance.usefulLifeYears"));
        var bars = t.GetProperty("bars").EnumerateArray().ToList();
        Assert.Equal("operations.pue", bars[0].GetProperty("key").GetString());
        Assert.NotEqual(bars[0].GetProperty("low").GetDouble(), bars[0].GetProperty("high").GetDouble());
        Assert.Contains("useful life", bars[1].GetProperty("noEffect").GetString());
    }
}
