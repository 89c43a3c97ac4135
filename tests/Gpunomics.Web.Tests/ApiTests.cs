using Gpunomics.Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

public class ApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<JsonElement> Get(string url) => Http.Get(_client, url);

    private static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode expected)
    {
        var (body, text) = await Http.Problem(r, expected);
        Assert.DoesNotContain("/work/", text);
        Assert.DoesNotContain("Exception", text);
        return body;
    }

    [Fact]
    public async Task Page_and_openapi_are_served()
    {
        var page = await _client.GetStringAsync("/");
        Assert.Contains("Gpunomics", page);
        var api = await Get("/openapi/v1.json");
        Assert.True(api.GetProperty("paths").TryGetProperty("/api/floor/{system}", out _));
        Assert.True(api.GetProperty("paths").TryGetProperty("/api/scenarios/", out _) || api.GetProperty("paths").TryGetProperty("/api/scenarios", out _));
    }

    [Fact]
    public async Task Openapi_documents_every_query_parameter_with_the_range_the_endpoint_enforces()
    {
        var paths = (await Get("/openapi/v1.json")).GetProperty("paths");
        var chart = paths.GetProperty("/api/chart/{system}").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        foreach (var name in new[] { "system", "price", "systemPriceMultiplier", "multipliers", "svg", "scenario", "hurdle", "termMonths", "prepay", "debtShare", "debtRate", "taxRate", "referencePricePerPflopHour", "precision" })
            Assert.Contains(name, chart);

        // Every documented numeric bound is the one enforced: a value past it is a problem naming the parameter.
        var checkedBounds = 0;
        foreach (var path in paths.EnumerateObject().Where(p => p.Value.TryGetProperty("get", out var g) && g.TryGetProperty("parameters", out _)))
        {
            foreach (var parameter in path.Value.GetProperty("get").GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
            {
                var schema = parameter.GetProperty("schema");
                var bound = schema.TryGetProperty("maximum", out var max) || schema.TryGetProperty("exclusiveMaximum", out max)
                    ? double.Parse(max.ToString(), System.Globalization.CultureInfo.InvariantCulture) : (double?)null;
                if (bound is null) continue;
                var name = parameter.GetProperty("name").GetString()!;
                var url = path.Name.Replace("{system}", "gb300-nvl72", StringComparison.Ordinal) + $"?{name}={(bound.Value * 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                var r = await _client.GetAsync(url);
                Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)r.StatusCode}");
                var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _), $"{url}: the problem does not name {name}");
                checkedBounds++;
            }
        }
        Assert.True(checkedBounds >= 30, $"only {checkedBounds} documented bounds");
    }

    [Fact]
    public async Task Systems_and_comparison()
    {
        var s = await Get("/api/systems");
        Assert.Equal(10, s.GetProperty("systems").GetArrayLength());
        var c = await Get("/api/systems/comparison?precision=fp4");
        Assert.True(c.GetProperty("systems")[0].GetProperty("tcoPerPflopHour").TryGetProperty("bf16", out _));
    }

    [Fact]
    public async Task Tco_project_floor_ceiling_use_the_command_line_field_names()
    {
        var tco = await Get("/api/tco/gb300-nvl72");
        foreach (var f in new[] { "system", "capexPerGpu", "capexPerWatt", "capexPerWattBasis", "tcoPerGpuHour", "tcoPerPflopHour", "lines" })
            Assert.True(tco.TryGetProperty(f, out _), f);
        var used = await Get("/api/tco/gb300-nvl72?mfu=0.4");
        Assert.Equal(tco.GetProperty("tcoPerPflopHour").GetProperty("fp8").GetDouble() / 0.4, used.GetProperty("effectiveCostPerPflopHour").GetProperty("fp8").GetDouble(), 12);
        var floor = await Get("/api/floor/vr-nvl72?hurdle=0.156");
        var project = await Get($"/api/project/vr-nvl72?price={floor.GetProperty("floorPrice").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.Equal(0.156, project.GetProperty("irr").GetDouble(), 9);
        foreach (var f in new[] { "irr", "irrNote", "npv", "paybackMonth", "moic" }) Assert.True(project.TryGetProperty(f, out _), f);
        var ceiling = await Get("/api/ceiling/vr-nvl72?referencePricePerPflopHour=0.55");
        Assert.Equal(9.625, ceiling.GetProperty("ceilingPrice").GetDouble(), 9);
    }

    [Fact]
    public async Task Tco_answer_gives_the_hbm_line_and_the_networking_components_of_the_tier()
    {
        var tco = await Get("/api/tco/h200");
        var lines = tco.GetProperty("capexLines").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("perGpu").GetDouble());
        Assert.Equal(141 * 12.3 / 0.25, lines["hbm"], 6);
        var parts = tco.GetProperty("networkingComponents").EnumerateArray().ToList();
        Assert.Equal(["switches", "transceivers", "cables", "nics"], parts.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(lines["networking"], parts.Sum(p => p.GetProperty("perGpu").GetDouble()), 9);
        Assert.Equal(lines.Values.Sum(), tco.GetProperty("capexPerGpu").GetDouble(), 6);
    }

    [Fact]
    public async Task A_prepayment_above_the_capex_gets_a_borrowing_rate_not_an_irr_and_the_chart_says_where_there_is_no_return()
    {
        // The reported case, under the built-in scenario of the time (saved, then named by its id).
        var created = await _client.PostAsJsonAsync("/api/scenarios", new { name = $"reported {Guid.NewGuid():N}", scenario = System.Text.Json.Nodes.JsonNode.Parse(ReportedCases.Scenario2026_11) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var project = await Get($"/api/project/gb300-nvl72?price=3.5&prepay=0.9&scenario={id}");
        Assert.Equal(JsonValueKind.Null, project.GetProperty("irr").ValueKind);
        Assert.Equal(-0.2356, project.GetProperty("borrowingRate").GetDouble(), 4);
        Assert.Contains("not a return", project.GetProperty("irrNote").GetString(), StringComparison.Ordinal);
        Assert.True(project.GetProperty("beatsHurdle").GetBoolean());
        var chart = await Get("/api/chart/gb300-nvl72?prepay=0.75");
        Assert.Contains("not a return", chart.GetProperty("note").GetString(), StringComparison.Ordinal);
        foreach (var curve in chart.GetProperty("curves").EnumerateArray())
            foreach (var p in curve.GetProperty("points").EnumerateArray())
                Assert.True(p.TryGetProperty("npv", out _));
    }

    [Fact]
    public async Task Chart_moves_with_the_system_price_and_returns_svg_with_its_layout()
    {
        var today = await Get("/api/chart/gb300-nvl72?systemPriceMultiplier=1");
        var dearer = await Get("/api/chart/gb300-nvl72?systemPriceMultiplier=1.5&svg=true");
        Assert.True(dearer.GetProperty("chart").GetProperty("floorPrice").GetDouble() > today.GetProperty("floorPrice").GetDouble());
        Assert.StartsWith("<svg", dearer.GetProperty("svg").GetString()!.TrimStart());
        var layout = dearer.GetProperty("layout");
        Assert.True(layout.GetProperty("right").GetDouble() > layout.GetProperty("left").GetDouble());
        Assert.Contains(dearer.GetProperty("chart").GetProperty("curves").EnumerateArray(), c => c.GetProperty("multiplier").GetDouble() == 1.5);
    }

    [Fact]
    public async Task Value_split_outside_the_floor_and_ceiling_has_no_shares_and_says_why()
    {
        var below = (await Get("/api/chart/gb300-nvl72?price=1")).GetProperty("valueSplit");
        Assert.Equal("no split", below.GetProperty("status").GetString());
        Assert.StartsWith("price $1.00 is below the floor", below.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, below.GetProperty("neocloudShare").ValueKind);
        var inside = await Get("/api/chart/gb300-nvl72?price=3.49");
        var split = inside.GetProperty("valueSplit");
        Assert.Equal("split", split.GetProperty("status").GetString());
        var sum = 0.0;
        foreach (var share in new[] { "renterShare", "neocloudShare", "supplierShare" })
        {
            var x = split.GetProperty(share).GetDouble();
            Assert.InRange(x, 0, 1);
            sum += x;
        }
        Assert.Equal(1, sum, 12);
    }

    [Fact]
    public async Task Frontier_takes_the_command_lines_default_workload_names_it_and_refuses_what_nothing_reaches()
    {
        var api = await Get("/api/inferencex/frontier?hardware=h100&interactivity=50");
        Assert.Equal("dsr1 8192/1024 fp8", api.GetProperty("workload").GetProperty("label").GetString());
        Assert.True(api.GetProperty("measuredAtInteractivity").GetDouble() >= 50);
        var named = await Get("/api/inferencex/frontier?hardware=h100&interactivity=50&model=dsr1&isl=8192&osl=1024&precision=fp8");
        Assert.Equal(named.GetProperty("tputPerGpu").GetDouble(), api.GetProperty("tputPerGpu").GetDouble());
        Assert.All(api.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("interactivity").GetDouble() >= 50),
            p => Assert.True(p.GetProperty("tputPerGpu").GetDouble() <= api.GetProperty("tputPerGpu").GetDouble()));
        var fp4 = await Get("/api/inferencex/frontier?hardware=b300&interactivity=50&precision=fp4");
        Assert.Equal("dsr1 8192/1024 fp4", fp4.GetProperty("workload").GetProperty("label").GetString());
        Assert.EndsWith("tokens/s per user, not measured", fp4.GetProperty("interpolated").GetProperty("note").GetString());
        var none = await Problem(await _client.GetAsync("/api/inferencex/frontier?hardware=h100&interactivity=500"), HttpStatusCode.BadRequest);
        Assert.Contains("reaches 500", none.GetProperty("errors").GetProperty("interactivity")[0].GetString());
    }

    [Fact]
    public async Task Token_views()
    {
        var cost = await Get("/api/tokens/cost?system=gb300-nvl72&tokensPerSecondPerGpu=5000&sheet=frontier");
        Assert.Equal(cost.GetProperty("tcoPerGpuHour").GetDouble() / (5000 * 3600.0) * 1e6, cost.GetProperty("costPerMillion").GetDouble(), 12);
        var frontier = await Get("/api/inferencex/frontier?hardware=gb300&interactivity=50");
        Assert.True(frontier.GetProperty("tputPerGpu").GetDouble() > 0);
        var svg = await _client.GetAsync("/api/inferencex/chart?kind=cost");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var chain = await Get("/api/value-chain/gb300-nvl72");
        Assert.Equal(6, chain.GetProperty("layers").GetArrayLength());
    }

    [Fact]
    public async Task Value_chain_and_token_cost_name_both_workloads_and_say_when_they_differ()
    {
        var chain = await Get("/api/value-chain/gb300-nvl72");
        Assert.Equal("dsr1 8192/1024 fp8", chain.GetProperty("servingWorkload").GetProperty("label").GetString());
        Assert.Equal("served", chain.GetProperty("pricingWorkload").GetProperty("name").GetString());
        // The frontier sheet prices another model than the DeepSeek R1 measured: said, lengths and cache alike.
        Assert.False(chain.GetProperty("workloadsMatch").GetBoolean());
        Assert.Contains("not dsr1, the model measured", chain.GetProperty("workloadMismatch").GetString());
        var agentic = await Get("/api/value-chain/gb300-nvl72?pricingWorkload=agentic-coding");
        Assert.False(agentic.GetProperty("workloadsMatch").GetBoolean());
        var reason = agentic.GetProperty("workloadMismatch").GetString()!;
        Assert.Contains("different workloads", reason);
        Assert.Contains(reason, agentic.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        // The API prices as the command line does.
        Assert.Equal(chain.GetProperty("tokenRevenuePerGpuHour").GetDouble(), (await Get("/api/value-chain/gb300-nvl72?pricingWorkload=served")).GetProperty("tokenRevenuePerGpuHour").GetDouble());

        var cost = await Get("/api/tokens/cost?tcoPerGpuHour=2&tokensPerSecondPerGpu=5000&sheet=frontier&model=dsr1&isl=8192&osl=1024&precision=fp8&pricingWorkload=served");
        Assert.False(cost.GetProperty("workloadsMatch").GetBoolean());
        Assert.Contains("not dsr1, the model measured", cost.GetProperty("workloadMismatch").GetString());
        // Without a sheet only the workload's lengths and cache are compared, and they match.
        Assert.True((await Get("/api/tokens/cost?tcoPerGpuHour=2&tokensPerSecondPerGpu=5000&model=dsr1&isl=8192&osl=1024&precision=fp8&pricingWorkload=served")).GetProperty("workloadsMatch").GetBoolean());
        Assert.Equal((8 * 5 + 25) / 9.0, cost.GetProperty("blendedPerMillion").GetDouble(), 12);
        var unnamed = await Get("/api/tokens/cost?tcoPerGpuHour=2&tokensPerSecondPerGpu=5000&sheet=frontier");
        Assert.Equal("agentic-coding", unnamed.GetProperty("pricingWorkload").GetProperty("name").GetString());
        Assert.Contains("cannot be checked", unnamed.GetProperty("workloadMismatch").GetString());
    }

    [Theory]
    [InlineData("/api/project/gb300-nvl72", "price")]
    [InlineData("/api/project/gb300-nvl72?price=-1", "price")]
    [InlineData("/api/project/gb300-nvl72?price=cheap", "price")]
    [InlineData("/api/floor/vr-nvl72?prepay=1", "prepay")]
    [InlineData("/api/floor/vr-nvl72?termMonths=0", "termMonths")]
    [InlineData("/api/floor/vr-nvl72?hurdle=abc", "hurdle")]
    [InlineData("/api/floor/vr-nvl72?systemPriceMultiplier=0", "systemPriceMultiplier")]
    [InlineData("/api/ceiling/vr-nvl72?precision=fp3", "precision")]
    [InlineData("/api/ceiling/tpu-v7?precision=fp4Sparse", "precision")]
    [InlineData("/api/chart/vr-nvl72?multipliers=1,x", "multipliers")]
    [InlineData("/api/floor/vr-nvl72?scenario=999999", "scenario")]
    [InlineData("/api/floor/vr-nvl72?debtShare=1", "debtShare")]
    [InlineData("/api/floor/vr-nvl72?debtRate=-0.1", "debtRate")]
    [InlineData("/api/chart/vr-nvl72?taxRate=1", "taxRate")]
    [InlineData("/api/tokens/cost?system=gb300-nvl72", "tokensPerSecondPerGpu")]
    [InlineData("/api/tokens/cost?system=gb300-nvl72&tokensPerSecondPerGpu=100&sheet=none", "sheet")]
    [InlineData("/api/inferencex/chart?kind=pie", "kind")]
    [InlineData("/api/value-chain/vr-nvl72", "tokensPerSecondPerGpu")]
    [InlineData("/api/value-chain/gb300-nvl72?pricingWorkload=chat", "pricingWorkload")]
    [InlineData("/api/value-chain/gb300-nvl72?cacheHit=2", "cacheHit")]
    [InlineData("/api/tco/gb300-nvl72?mfu=0", "mfu")]
    [InlineData("/api/value-chain/gb300-nvl72?cacheWriteLongShare=-1", "cacheWriteLongShare")]
    [InlineData("/api/value-chain/gb300-nvl72?model=dsr1&isl=8192&osl=1024&precision=fp8", "model")]
    [InlineData("/api/tokens/cost?tcoPerGpuHour=2&tokensPerSecondPerGpu=100&pricingWorkload=chat", "pricingWorkload")]
    [InlineData("/api/tokens/cost?tcoPerGpuHour=2&tokensPerSecondPerGpu=100&model=dsr1&isl=8192", "model")]
    public async Task Invalid_input_is_a_problem_naming_the_field(string url, string field)
    {
        var p = await Problem(await _client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out var messages), p.ToString());
        Assert.False(string.IsNullOrEmpty(messages[0].GetString()));
    }

    [Theory]
    [InlineData("/api/project/gb300-nvl72?price=3,5", "price", "write 3.5")]
    [InlineData("/api/floor/gb300-nvl72?hurdle=0,2", "hurdle", "write 0.2")]
    [InlineData("/api/floor/gb300-nvl72?hurdle=5", "hurdle", "did you mean 5%?")]
    [InlineData("/api/floor/gb300-nvl72?debtShare=0.6", "debtRate", "required with debtShare 0.6")]
    [InlineData("/api/chart/gb300-nvl72?multipliers=1,0", "multipliers", "(0, 10]")]
    public async Task A_number_read_otherwise_than_typed_is_a_problem_naming_the_parameter(string url, string field, string message)
    {
        var p = await Problem(await _client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out var messages), p.ToString());
        Assert.Contains(message, messages[0].GetString());
    }

    private const string NoFloorQuery = "taxRate=0.99&debtShare=0.99&debtRate=0.08&hurdle=-0.99";

    [Fact]
    public async Task Where_no_price_reaches_the_hurdle_the_floor_answers_that_no_floor_exists()
    {
        var floor = await Get("/api/floor/vr-nvl72?" + NoFloorQuery);
        Assert.Equal(JsonValueKind.Null, floor.GetProperty("floorPrice").ValueKind);
        Assert.StartsWith("no floor exists: ", floor.GetProperty("noFloor").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/chart/vr-nvl72?svg=true&")]
    [InlineData("/api/value-chain/vr-nvl72?tokensPerSecondPerGpu=1000&")]
    public async Task A_figure_built_on_a_floor_that_does_not_exist_is_a_problem_saying_so(string url)
    {
        var p = await Problem(await _client.GetAsync(url + NoFloorQuery), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("no floor exists", p.GetProperty("title").GetString());
        Assert.StartsWith("no floor exists: ", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_in_percent_is_the_same_as_the_fraction()
    {
        var percent = await Get("/api/floor/gb300-nvl72?hurdle=15.6%25&debtShare=60%25&debtRate=8%25");
        var fraction = await Get("/api/floor/gb300-nvl72?hurdle=0.156&debtShare=0.6&debtRate=0.08");
        Assert.Equal(fraction.GetProperty("floorPrice").GetDouble(), percent.GetProperty("floorPrice").GetDouble());
        Assert.Equal("equity (levered), pre-tax", percent.GetProperty("irrBasis").GetString());
    }

    public static TheoryData<string> ApiInputs() => [.. Gpunomics.Inputs.ModelInputs.All.Where(i => i.Api).Select(i => i.Name)];

    /// <summary>Every declared API parameter accepts its range's edges and refuses just past them, on an endpoint that reads it.</summary>
    [Theory]
    [MemberData(nameof(ApiInputs))]
    public async Task Every_query_parameter_accepts_exactly_its_declared_range(string name)
    {
        var input = Gpunomics.Inputs.ModelInputs.Find(name)!;
        var paths = (await Get("/openapi/v1.json")).GetProperty("paths");
        var path = paths.EnumerateObject().First(p => p.Value.TryGetProperty("get", out var g) && g.TryGetProperty("parameters", out var ps)
            && ps.EnumerateArray().Any(x => x.GetProperty("name").GetString() == name && x.GetProperty("in").GetString() == "query")).Name;
        foreach (var edge in Gpunomics.Tests.Shared.InputEdges.Of(input))
        {
            var url = path.Replace("{system}", "gb300-nvl72", StringComparison.Ordinal) + $"?{name}={Uri.EscapeDataString(edge.Text)}";
            var r = await _client.GetAsync(url);
            var named = false;
            if (r.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
                named = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(name, out _);
            }
            Assert.True(edge.Allowed != named, $"{url}: {(int)r.StatusCode}, {(edge.Allowed ? "refused" : "accepted")}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, r.StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_system_is_a_404_problem_listing_the_known_ones()
    {
        var p = await Problem(await _client.GetAsync("/api/tco/h900"), HttpStatusCode.NotFound);
        Assert.Contains("gb300-nvl72", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_saved_scenario_with_debt_and_tax_gives_the_after_tax_equity_floor_and_chart()
    {
        var created = await _client.PostAsJsonAsync("/api/scenarios", new { name = $"levered {Guid.NewGuid():N}", scenario = new { debt = new { share = 0.6, rate = 0.09 }, tax = new { rate = 0.21 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var floor = await Get($"/api/floor/vr-nvl72?scenario={id}");
        Assert.Equal("equity (levered), after tax", floor.GetProperty("irrBasis").GetString());
        Assert.StartsWith("numeric", floor.GetProperty("method").GetString(), StringComparison.Ordinal);
        var chart = await Get($"/api/chart/vr-nvl72?scenario={id}");
        Assert.Equal(floor.GetProperty("floorPrice").GetDouble(), chart.GetProperty("floorPrice").GetDouble(), 9);
        // The dashboard's sliders give the same answer through the query.
        var query = await Get("/api/floor/vr-nvl72?debtShare=0.6&debtRate=0.09&taxRate=0.21");
        Assert.Equal(floor.GetProperty("floorPrice").GetDouble(), query.GetProperty("floorPrice").GetDouble(), 9);
        Assert.NotEqual((await Get("/api/floor/vr-nvl72")).GetProperty("floorPrice").GetDouble(), floor.GetProperty("floorPrice").GetDouble(), 6);
    }

    [Fact]
    public async Task A_saved_scenario_with_a_sculpted_loan_gives_its_schedule_covenants_and_numeric_floor()
    {
        var created = await _client.PostAsJsonAsync("/api/scenarios", new
        {
            name = $"sculpted {Guid.NewGuid():N}",
            scenario = new { debt = new { minDscr = 1.3, repayment = "sculpted", targetDscr = 1.3, credit = "investment-grade", covenantMaxLtv = 0.8 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var floor = await Get($"/api/floor/vr-nvl72?scenario={id}");
        Assert.StartsWith("numeric", floor.GetProperty("method").GetString(), StringComparison.Ordinal);
        var price = floor.GetProperty("floorPrice").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var project = await Get($"/api/project/vr-nvl72?price={price}&scenario={id}");
        Assert.Equal(0.156, project.GetProperty("irr").GetDouble(), 6);
        var debt = project.GetProperty("debt");
        Assert.Equal(1.3, debt.GetProperty("minDscr").GetDouble(), 9);
        // The covenant outcome agrees with the monthly LTVs it was tested on.
        var ltvs = debt.GetProperty("schedule").EnumerateArray().Select(m => m.GetProperty("ltv")).Where(l => l.ValueKind == JsonValueKind.Number).Select(l => l.GetDouble()).ToList();
        Assert.NotEmpty(ltvs);
        var covenants = debt.GetProperty("covenants");
        if (ltvs.Max() > 0.8) Assert.StartsWith("month ", covenants.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        else Assert.Equal("no breach", covenants.GetProperty("outcome").GetString());
        // An unlevered project's answer carries no loan.
        Assert.False((await Get("/api/project/vr-nvl72?price=5")).TryGetProperty("debt", out _));
    }

    [Fact]
    public async Task A_saved_scenario_with_an_asset_life_is_refused_by_endpoints_whose_project_ends_with_the_contract_naming_the_key()
    {
        // The store keeps it (Monte Carlo and sensitivity model the whole life); the project endpoint refuses it.
        var created = await _client.PostAsJsonAsync("/api/scenarios", new { name = $"life {Guid.NewGuid():N}", scenario = new { assetLife = new { usefulLifeYears = 6 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var project = await _client.GetAsync($"/api/project/h100?price=2&scenario={id}");
        Assert.Equal(HttpStatusCode.BadRequest, project.StatusCode);
        Assert.Equal("application/problem+json", project.Content.Headers.ContentType?.MediaType);
        var text = await project.Content.ReadAsStringAsync();
        Assert.Contains("assetLife.usefulLifeYears", text, StringComparison.Ordinal);
        Assert.Contains("/api/montecarlo and /api/sensitivity", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_store_round_trip()
    {
        var name = $"rtt {Guid.NewGuid():N}";
        var created = await _client.PostAsJsonAsync("/api/scenarios", new { name, notes = "<b>bold</b> & notes", scenario = new { hurdleRate = 0.2, contract = new { prepayShare = 0.3 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var list = await Get("/api/scenarios");
        Assert.Contains(list.GetProperty("scenarios").EnumerateArray(), s => s.GetProperty("name").GetString() == name);

        var floorSaved = (await Get($"/api/floor/gb300-nvl72?scenario={id}")).GetProperty("floorPrice").GetDouble();
        var floorDirect = (await Get("/api/floor/gb300-nvl72?hurdle=0.2&prepay=0.3")).GetProperty("floorPrice").GetDouble();
        Assert.Equal(floorDirect, floorSaved, 12);

        var renamed = await _client.PostAsJsonAsync($"/api/scenarios/{id}/rename", new { name = name + " renamed" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var dup = await _client.PostAsJsonAsync($"/api/scenarios/{id}/duplicate", new { name = name + " copy" });
        Assert.Equal(HttpStatusCode.Created, dup.StatusCode);
        var dupId = (await dup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var update = await _client.PutAsJsonAsync($"/api/scenarios/{id}", new { notes = "updated", scenario = new { hurdleRate = 0.25 } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(0.25, (await Get($"/api/scenarios/{id}")).GetProperty("scenario").GetProperty("hurdleRate").GetDouble());

        var exported = await _client.GetStringAsync($"/api/scenarios/{id}/export");
        var imported = await _client.PostAsync($"/api/scenarios/import?name={Uri.EscapeDataString(name + " imported")}", new StringContent(exported, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var importedId = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(exported, await _client.GetStringAsync($"/api/scenarios/{importedId}/export"));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/scenarios/{dupId}")).StatusCode);
        await Problem(await _client.GetAsync($"/api/scenarios/{dupId}"), HttpStatusCode.NotFound);
        await Problem(await _client.DeleteAsync($"/api/scenarios/{dupId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scenario_store_refuses_bad_saves()
    {
        var name = $"dup {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/scenarios", new { name, scenario = new { } })).StatusCode);
        await Problem(await _client.PostAsJsonAsync("/api/scenarios", new { name, scenario = new { } }), HttpStatusCode.Conflict);
        var unknown = await Problem(await _client.PostAsJsonAsync("/api/scenarios", new { name = "x" + name, scenario = new { contract = new { prepay = 0.2 } } }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("scenario.contract.prepay", out _));
        var range = await Problem(await _client.PostAsJsonAsync("/api/scenarios", new { name = "y" + name, scenario = new { hurdleRate = 50 } }), HttpStatusCode.BadRequest);
        Assert.True(range.GetProperty("errors").TryGetProperty("scenario.hurdleRate", out _));
        var noName = await Problem(await _client.PostAsJsonAsync("/api/scenarios", new { name = "", scenario = new { } }), HttpStatusCode.BadRequest);
        Assert.True(noName.GetProperty("errors").TryGetProperty("name", out _));
        var noScenario = await Problem(await _client.PostAsJsonAsync("/api/scenarios", new { name = "z" + name }), HttpStatusCode.BadRequest);
        Assert.True(noScenario.GetProperty("errors").TryGetProperty("scenario", out _));
        var badImport = await Problem(await _client.PostAsync("/api/scenarios/import?name=bad", new StringContent("{ \"hurdleRate\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(badImport.GetProperty("errors").EnumerateObject().Any());
        var malformed = await _client.PostAsync("/api/scenarios", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var malformedBody = await malformed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", malformedBody);
        Assert.Contains("could not be read", malformedBody);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused()
    {
        var big = new string('x', 300 * 1024);
        var r = await _client.PostAsync("/api/scenarios/import?name=big", new StringContent(big, Encoding.UTF8, "application/json"));
        await Problem(r, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Names_are_stored_as_given_and_sql_stays_data()
    {
        var name = "x'); DROP TABLE scenarios; -- " + Guid.NewGuid().ToString("N");
        var r = await _client.PostAsJsonAsync("/api/scenarios", new { name, notes = "<script>alert(1)</script>", scenario = new { } });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var list = await Get("/api/scenarios");
        Assert.Contains(list.GetProperty("scenarios").EnumerateArray(), s => s.GetProperty("name").GetString() == name);
        // The page renders names and notes with textContent only.
        var js = await _client.GetStringAsync("/app.js");
        Assert.DoesNotContain("name.innerHTML", js);
        Assert.DoesNotContain("notes.innerHTML", js);
    }
}

public class AccessTokenTests(TokenFixture fixture) : IClassFixture<TokenFixture>
{
    [Fact]
    public async Task Every_request_needs_the_token_when_one_is_set()
    {
        var client = fixture.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/systems")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/systems")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "s3cret-token");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/systems")).StatusCode);
    }
}
