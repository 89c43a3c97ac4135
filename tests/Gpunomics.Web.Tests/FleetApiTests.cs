using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary>The fleet through the API: the command line's --json for the same file and defaults, a bad row as a problem naming it.</summary>
public class FleetApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "data", "fleets", "example-fleet.json");

    private static string ExampleText => File.ReadAllText(ExamplePath);

    private Task<JsonElement> Get(string url) => Http.Get(_client, url);

    private Task<HttpResponseMessage> Post(string url, string body) => _client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task The_example_is_the_command_lines_json_of_the_shipped_file_yearly_and_monthly()
    {
        var api = await Get("/api/fleet/example");
        Assert.Equal("data/fleets/example-fleet.json", api.GetProperty("file").GetString());
        Assert.Equal(CommandLine.WithoutFile(CommandLine.Json("--json", "fleet", ExamplePath)), CommandLine.WithoutFile(api));
        var monthly = await Get("/api/fleet/example?granularity=monthly");
        Assert.Equal(CommandLine.WithoutFile(CommandLine.Json("--json", "fleet", ExamplePath, "--monthly")), CommandLine.WithoutFile(monthly));
        Assert.Equal("monthly", monthly.GetProperty("granularity").GetString());
        Assert.Equal(monthly.GetProperty("months").GetArrayLength(), monthly.GetProperty("periods").GetArrayLength());
        Assert.Equal("start of 2023-03", monthly.GetProperty("periods")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Posting_the_example_file_gives_the_example_and_each_period_stacks_its_vintages_to_the_total()
    {
        var r = await Post("/api/fleet", ExampleText);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, text);
        var posted = JsonDocument.Parse(text).RootElement;
        Assert.Equal("fleet", posted.GetProperty("file").GetString());
        Assert.Equal(CommandLine.WithoutFile(await Get("/api/fleet/example")), CommandLine.WithoutFile(posted));
        var summed = 0.0;
        foreach (var p in posted.GetProperty("periods").EnumerateArray())
        {
            foreach (var key in new[] { "contractedRevenue", "spotRevenue", "backlog" })
            {
                var parts = p.GetProperty("vintages").EnumerateArray().Sum(v => v.GetProperty(key).GetDouble());
                Assert.Equal(p.GetProperty(key).GetDouble(), parts, Math.Max(1e-6, 1e-9 * Math.Abs(parts)));
            }
            summed += p.GetProperty("contractedRevenue").GetDouble();
        }
        var total = posted.GetProperty("total").GetProperty("contractedRevenue").EnumerateArray().Sum(e => e.GetDouble());
        Assert.Equal(total, summed, 1e-6 * total);
    }

    [Fact]
    public async Task The_anchor_renters_default_breaches_the_dscr_covenant_and_a_small_renters_default_survives()
    {
        var anchor = await Get("/api/fleet/example?default=c05@2025-10");
        var small = await Get("/api/fleet/example?default=c12@2027-06");
        Assert.False(anchor.GetProperty("survives").GetBoolean());
        Assert.Equal("DSCR", anchor.GetProperty("firstBreach").GetProperty("test").GetString(), ignoreCase: true);
        Assert.StartsWith("does not survive: covenant breach at month 33", anchor.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.True(anchor.GetProperty("minDscr").GetDouble() < 1.2);
        Assert.StartsWith("scenario: c05 from 2025-10", anchor.GetProperty("defaults").GetString(), StringComparison.Ordinal);
        Assert.True(small.GetProperty("survives").GetBoolean(), small.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, small.GetProperty("firstBreach").ValueKind);
        Assert.True(small.GetProperty("minDscr").GetDouble() >= 1.2, small.GetProperty("minDscr").ToString());
        // The same run as the command line's --default.
        Assert.Equal(CommandLine.WithoutFile(CommandLine.Json("--json", "fleet", ExamplePath, "--default", "c05@2025-10")), CommandLine.WithoutFile(anchor));
    }

    [Fact]
    public async Task Bad_rows_are_a_problem_naming_each_row_key_value_and_what_is_allowed()
    {
        var text = ExampleText
            .Replace("\"credit\": \"non-investment-grade\", \"deployment\": \"h100-2023\", \"gpus\": 256, \"start\": \"2023-06\"", "\"credit\": \"BBB\", \"deployment\": \"h100-2023\", \"gpus\": 256, \"start\": \"2023-06\"", StringComparison.Ordinal)
            .Replace("\"system\": \"vr-nvl72\"", "\"system\": \"vr-nvl144\"", StringComparison.Ordinal);
        var (p, body) = await Http.Problem(await Post("/api/fleet", text), HttpStatusCode.BadRequest);
        Assert.Equal("invalid fleet file", p.GetProperty("title").GetString());
        var errors = p.GetProperty("errors");
        Assert.Contains("\"BBB\" is not allowed; must be \"investment-grade\" or \"non-investment-grade\"", errors.GetProperty("contracts[1] (c02).credit")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("\"vr-nvl144\" is not allowed; must be a catalog system id", errors.GetProperty("deployments[2] (vr-2026).system")[0].GetString(), StringComparison.Ordinal);
        var problems = p.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(2, problems.Count);
        var credit = problems.Single(x => x.GetProperty("path").GetString() == "contracts[1] (c02).credit");
        Assert.Equal("\"BBB\"", credit.GetProperty("value").GetString());
        Assert.Equal("contracts[1] (c02)", credit.GetProperty("row").GetString());
        Assert.Equal("credit", credit.GetProperty("key").GetString());
        Assert.Contains("investment-grade", credit.GetProperty("allowed").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "(body)", "send a fleet file")]
    [InlineData("{ not json", null, null)]
    [InlineData("""{ "name": "x" }""", "deployments", null)]
    public async Task A_body_that_is_not_a_fleet_file_is_a_problem(string body, string? path, string? message)
    {
        var (p, _) = await Http.Problem(await Post("/api/fleet", body), HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any());
        if (path is not null) Assert.True(errors.TryGetProperty(path, out var e), errors.GetRawText());
        if (message is not null) Assert.Contains(message, errors.GetProperty(path!)[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default=c05", "default", "'c05' is not allowed; write CONTRACT@YYYY-MM")]
    [InlineData("default=c99@2025-10", "default", "'c99' is not a contract of the fleet file; contracts: c01, c02")]
    [InlineData("default=c05@2031-01", "default", "2031-01 is not a month c05 bills; allowed: 2025-09 to 2030-08")]
    [InlineData("default=c05@2025-10,c05@2026-01", "default", "c05 is named twice")]
    [InlineData("granularity=weekly", "granularity", "allowed: monthly, yearly")]
    public async Task A_bad_named_default_or_granularity_names_the_parameter_the_value_and_what_is_allowed(string query, string field, string message)
    {
        var (p, _) = await Http.Problem(await _client.GetAsync("/api/fleet/example?" + query), HttpStatusCode.BadRequest);
        Assert.Contains(message, p.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        var (posted, _) = await Http.Problem(await Post("/api/fleet?" + query, ExampleText), HttpStatusCode.BadRequest);
        Assert.Contains(message, posted.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_named_defaults_are_refused_before_any_is_read()
    {
        var many = string.Join(",", Enumerable.Range(0, 51).Select(i => $"c{i}@2025-10"));
        var (p, _) = await Http.Problem(await _client.GetAsync("/api/fleet/example?default=" + many), HttpStatusCode.BadRequest);
        Assert.Contains("at most 50", p.GetProperty("errors").GetProperty("default")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_past_the_webs_bounds_is_a_problem_saying_the_bound_and_where_to_run_it()
    {
        var deployments = string.Join(",", Enumerable.Range(0, 25).Select(i => $$"""{ "id": "v{{i}}", "system": "h100", "count": 8, "date": "2026-01" }"""));
        var (p, _) = await Http.Problem(await Post("/api/fleet", $$"""{ "name": "x", "deployments": [{{deployments}}] }"""), HttpStatusCode.BadRequest);
        Assert.Contains("25 deployments is not allowed; the web answers at most 24", p.GetProperty("errors").GetProperty("deployments")[0].GetString(), StringComparison.Ordinal);

        var (longer, _) = await Http.Problem(await Post("/api/fleet",
            """{ "name": "x", "deployments": [ { "id": "a", "system": "h100", "count": 8, "date": "2023-01" }, { "id": "b", "system": "h100", "count": 8, "date": "2050-01", "lifeYears": 20 } ] }"""),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("the web answers at most 480", longer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_file_past_the_body_limit_is_413()
    {
        // The example padded past 256 KB with a description: refused before it is read.
        var big = ExampleText.Replace("\"name\": \"example neocloud\"", $"\"name\": \"example neocloud\", \"note\": \"{new string('x', 300 * 1024)}\"", StringComparison.Ordinal);
        await Http.Problem(await Post("/api/fleet", big), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_fleet_the_market_cannot_price_is_422_naming_the_keys_that_would()
    {
        var (p, _) = await Http.Problem(await Post("/api/fleet", """{ "name": "x", "deployments": [ { "id": "v", "system": "h100", "count": 8, "date": "2026-01" } ], "spot": { "pricing": "contract" } }"""),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("spot.annualChange", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_fleet_endpoints_and_their_parameters()
    {
        var doc = await Get("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/fleet/example", out var example));
        Assert.True(paths.TryGetProperty("/api/fleet", out var post), string.Join(", ", paths.EnumerateObject().Select(x => x.Name)));
        Assert.True(post.TryGetProperty("post", out var operation));
        Assert.Contains("a fleet file", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        var names = example.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();
        Assert.Contains("default", names);
        Assert.Contains("granularity", names);
    }

    [Fact]
    public async Task An_unlevered_fleet_that_never_pays_back_says_so_in_place_of_each_figure()
    {
        var r = await Post("/api/fleet?granularity=monthly", """{ "name": "idle", "deployments": [ { "id": "v", "system": "h100", "count": 8, "date": "2026-01" } ], "spot": { "utilization": 0 } }""");
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, text);
        var f = JsonDocument.Parse(text).RootElement;
        Assert.Equal(JsonValueKind.Null, f.GetProperty("minDscr").ValueKind);
        Assert.Equal(JsonValueKind.Null, f.GetProperty("minDscrMonth").ValueKind);
        Assert.Equal("none: no debt", f.GetProperty("minDscrNote").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("firstBreach").ValueKind);
        Assert.Equal("none: no debt", f.GetProperty("covenants").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("equity").GetProperty("paybackMonth").ValueKind);
        Assert.Contains("never pays back", f.GetProperty("equity").GetProperty("paybackNote").GetString(), StringComparison.Ordinal);
        Assert.False(f.GetProperty("survives").GetBoolean());
        foreach (var p in f.GetProperty("periods").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty("dscr").ValueKind);
            Assert.Equal("none: no debt", p.GetProperty("dscrNote").GetString());
            Assert.Equal(JsonValueKind.Null, p.GetProperty("ltv").ValueKind);
            Assert.Equal("none: no debt", p.GetProperty("ltvNote").GetString());
        }
    }

    [Fact]
    public async Task The_example_with_debt_names_its_lowest_dscr_month_and_each_period_without_debt_service_says_so()
    {
        var f = await Get("/api/fleet/example?granularity=monthly");
        var month = f.GetProperty("minDscrMonth").GetInt32();
        Assert.Equal(f.GetProperty("minDscr").GetDouble(), f.GetProperty("dscr")[month].GetDouble());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("minDscrNote").ValueKind);
        foreach (var p in f.GetProperty("periods").EnumerateArray())
        {
            var m = p.GetProperty("firstMonth").GetInt32();
            var dscr = f.GetProperty("dscr")[m];
            Assert.Equal(dscr.ValueKind, p.GetProperty("dscr").ValueKind);
            Assert.Equal(dscr.ValueKind == JsonValueKind.Null ? "none: no debt service" : null, p.GetProperty("dscrNote").GetString());
        }
    }

    [Theory]
    [InlineData("contracts[1] (c02).credit", "contracts[1] (c02)", "credit")]
    [InlineData("deployments[2] (vr-2026).system", "deployments[2] (vr-2026)", "system")]
    [InlineData("deployments[0]", "deployments[0]", null)]
    [InlineData("defaults.events[0].date", "defaults.events[0]", "date")]
    [InlineData("spot.utilization", null, "spot.utilization")]
    public void A_problems_path_splits_into_its_row_and_its_key(string path, string? row, string? key) =>
        Assert.Equal((row, key), Gpunomics.Web.Api.FleetApi.RowAndKey(path));
}
