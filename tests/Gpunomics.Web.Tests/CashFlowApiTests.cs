using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary><c>POST /api/cashflows</c>: the figures against the corpus's 50-digit references, and RFC 7807 problems for bad input.</summary>
public class CashFlowApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly Lazy<JsonDocument> Corpus = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "tests", "Gpunomics.Engine.Tests", "Data", "cashflows-corpus.json"))));

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gpunomics.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private static JsonElement Set(string name) => Corpus.Value.RootElement.GetProperty("sets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private async Task<JsonElement> Post(object body)
    {
        var r = await _client.PostAsJsonAsync("/api/cashflows", body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> Problem(object body)
    {
        var (problem, text) = await Http.Problem(await _client.PostAsJsonAsync("/api/cashflows", body), HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Exception", text);
        return problem;
    }

    [Fact]
    public async Task Periodic_flows_give_irr_npv_mirr_and_payback_as_the_reference()
    {
        var set = Set("decommissioning cost in the last month");
        var reference = set.GetProperty("reference");
        var flows = set.GetProperty("flows").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var r = await Post(new { flows, rate = 0.1 });
        var irr = r.GetProperty("irr");
        Assert.Equal(reference.GetProperty("roots")[1].GetDouble(), irr.GetProperty("ratePerPeriod").GetDouble(), 1e-12);
        Assert.Equal(2, irr.GetProperty("rootsPerPeriod").GetArrayLength());
        Assert.Contains("change sign more than once", irr.GetProperty("note").GetString());
        Assert.Equal(reference.GetProperty("npv").GetDouble(), r.GetProperty("npv").GetProperty("value").GetDouble(), 1e-6);
        Assert.Equal(reference.GetProperty("mirrPerPeriod").GetDouble(), r.GetProperty("mirr").GetProperty("ratePerPeriod").GetDouble(), 1e-12);
        Assert.Equal(reference.GetProperty("paybackPeriod").ValueKind == JsonValueKind.Null, r.GetProperty("payback").GetProperty("period").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Dated_flows_as_objects_or_pasted_text_give_the_same_xirr_and_xnpv()
    {
        var set = Set("spreadsheet XIRR/XNPV documentation example");
        var rows = set.GetProperty("dated").EnumerateArray().Select(e => new { date = e.GetProperty("date").GetString(), amount = e.GetProperty("amount").GetDouble() }).ToList();
        var text = string.Join("\n", rows.Select(x => $"{x.date},{x.amount.ToString(CultureInfo.InvariantCulture)}"));
        foreach (var body in new object[] { new { flows = rows, rate = "9%" }, new { text, rate = 0.09 } })
        {
            var r = await Post(body);
            Assert.Equal("dated", r.GetProperty("input").GetProperty("kind").GetString());
            Assert.Equal(set.GetProperty("reference").GetProperty("roots")[0].GetDouble(), r.GetProperty("xirr").GetProperty("rate").GetDouble(), 1e-12);
            Assert.Equal(set.GetProperty("reference").GetProperty("npv").GetDouble(), r.GetProperty("xnpv").GetProperty("value").GetDouble(), 1e-8);
        }
    }

    [Fact]
    public async Task Borrowing_flows_and_flows_without_an_outflow_say_so_in_the_irr_place()
    {
        var loan = await Post(new { flows = new[] { 10000.0 }.Concat(Enumerable.Repeat(-470.0, 24)) });
        Assert.Equal(JsonValueKind.Null, loan.GetProperty("irr").GetProperty("rate").ValueKind);
        Assert.True(loan.GetProperty("irr").GetProperty("borrowingRate").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, loan.GetProperty("npv").ValueKind); // no rate given: no NPV, not an NPV at 0%
        var positive = await Post(new { text = "100\n200\n" });
        Assert.Contains("no outflow", positive.GetProperty("irr").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Every_bad_row_is_a_problem_naming_row_field_value_and_what_is_allowed()
    {
        var problem = await Problem(new { text = "date,amount\n2024-01-01,-100\n2024-02-30,50\n2024-03-01,abc\n" });
        var errors = problem.GetProperty("errors");
        Assert.Contains("text: row 3: date: '2024-02-30' is not allowed; allowed: a date as YYYY-MM-DD", errors.GetProperty("text.row3.date")[0].GetString());
        Assert.Contains("'abc'", errors.GetProperty("text.row4.amount")[0].GetString());
        Assert.Equal(2, problem.GetProperty("rows").GetArrayLength());

        var json = await Problem(new { flows = new object[] { -100, "50", new { date = "2024-01-01", amount = 1 } } });
        Assert.True(json.GetProperty("errors").TryGetProperty("flows[1].amount", out _));
        Assert.True(json.GetProperty("errors").TryGetProperty("flows[2]", out _));
    }

    [Fact]
    public async Task Bad_bodies_and_rates_are_problems()
    {
        Assert.True((await Problem(new { })).GetProperty("errors").TryGetProperty("flows", out _));
        Assert.True((await Problem(new { flows = new[] { -1, 2 }, text = "-1\n2" })).GetProperty("errors").TryGetProperty("flows", out _));
        Assert.True((await Problem(new { flows = Array.Empty<double>() })).GetProperty("errors").TryGetProperty("flows", out _));
        var rate = await Problem(new { flows = new[] { -1, 2 }, rate = 5, hurdel = 1 });
        Assert.Contains("did you mean 5%", rate.GetProperty("errors").GetProperty("rate")[0].GetString());
        Assert.True(rate.GetProperty("errors").TryGetProperty("hurdel", out _));
        Assert.True((await Problem(new { text = "2024-01-01,-1\n2025-01-01,2", periodsPerYear = 4 })).GetProperty("errors").TryGetProperty("periodsPerYear", out _));
        var notJson = await Http.Problem(await _client.PostAsync("/api/cashflows", new StringContent("-1\n2", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(notJson.Body.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task A_body_past_the_server_limit_is_refused_with_a_problem()
    {
        var big = string.Concat(Enumerable.Repeat("1000.000000\n", 30_000)); // about 360 KB, past the 256 KB body limit
        await Http.Problem(await _client.PostAsJsonAsync("/api/cashflows", new { text = big }), HttpStatusCode.RequestEntityTooLarge);
    }
}
