using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gpunomics.Storage;
using Microsoft.Data.Sqlite;

namespace Gpunomics.Web.Tests;

/// <summary>The server keeps strangers out: what it binds, which hosts it answers, its headers and limits.</summary>
public class ServerHardeningTests(WebFixture factory) : IClassFixture<WebFixture>
{
    private static string TempDb() => Path.Combine(Path.GetTempPath(), $"gpunomics-hard-{Guid.NewGuid():N}.db");

    private static async Task AssertProblem(HttpResponseMessage r, HttpStatusCode expected, string contains) =>
        Assert.Contains(contains, (await Http.Problem(r, expected)).Body.GetProperty("detail").GetString());

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:0")]
    [InlineData("--urls", "http://*:0")]
    [InlineData("--urls", "http://192.168.1.10:5080")]
    [InlineData("--Kestrel:Endpoints:E1:Url", "http://0.0.0.0:0")]
    public async Task Binding_beyond_loopback_without_a_token_is_refused_whatever_configured_it(string key, string url)
    {
        var db = TempDb();
        await using var app = WebApp.Create([key, url, "--Gpunomics:Database", db]);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("access token", e.Message);
    }

    [Fact]
    public async Task A_short_token_does_not_open_a_server_beyond_loopback()
    {
        await using var app = WebApp.Create(["--urls", "http://0.0.0.0:0", "--Gpunomics:Database", TempDb(), "--Gpunomics:AccessToken", "a"]);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("at least 16 characters", e.Message);
    }

    [Fact]
    public async Task Loopback_binds_without_a_token()
    {
        await using var app = WebApp.Create(["--urls", "http://127.0.0.1:0", "--Gpunomics:Database", TempDb()]);
        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task Serve_with_a_kestrel_endpoint_off_loopback_exits_2_with_one_message()
    {
        var p = Process.Start(new ProcessStartInfo("dotnet", [CrashTests.CliDll(), "serve", "--db", TempDb()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["Kestrel__Endpoints__E1__Url"] = "http://0.0.0.0:0" },
        })!;
        var err = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("access token", await err);
        Assert.DoesNotContain("   at ", await err + output);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("10.0.0.5")]
    public async Task Without_a_token_only_loopback_host_names_are_answered(string host)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/systems");
        request.Headers.Host = host;
        await AssertProblem(await client.SendAsync(request), HttpStatusCode.MisdirectedRequest, host);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    [InlineData("app.localhost")]
    public async Task Loopback_host_names_are_answered(string host)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/systems");
        request.Headers.Host = host;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/systems")]
    [InlineData("/api/nope")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        var r = await factory.CreateClient().GetAsync(url);
        Assert.Contains("frame-ancestors 'none'", r.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", r.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_request_target_too_long_gets_414_with_a_problem_body()
    {
        var r = await factory.CreateClient().GetAsync("/api/systems?x=" + new string('a', 9000));
        await AssertProblem(r, HttpStatusCode.RequestUriTooLong, "at most 8192 bytes");
    }

    [Fact]
    public async Task Headers_too_large_get_431_with_a_problem_body()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/systems");
        for (var i = 0; i < 5; i++) request.Headers.Add($"X-Filler-{i}", new string('b', 8000));
        await AssertProblem(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "at most 32768 bytes");
    }

    [Fact]
    public async Task A_live_server_answers_an_oversized_target_with_a_problem_body()
    {
        await using var server = await LiveServer.StartAsync();
        using var http = new HttpClient();
        var r = await http.GetAsync(server.Url + "/api/systems?x=" + new string('a', 12000));
        await AssertProblem(r, HttpStatusCode.RequestUriTooLong, "at most 8192 bytes");
    }
}

/// <summary>The scenario database is checked when opened and its failures are named.</summary>
public class ScenarioDatabaseTests
{
    private static string TempDb() => Path.Combine(Path.GetTempPath(), $"gpunomics-db-{Guid.NewGuid():N}.db");

    private static void Delete(string db)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
    }

    private static void Sql(string db, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void A_database_with_random_bytes_in_its_middle_is_refused_at_open()
    {
        var db = TempDb();
        try
        {
            var store = new ScenarioStore(db, () => DateTimeOffset.UnixEpoch);
            for (var i = 0; i < 200; i++) store.Create($"s{i}", new string('n', 200), "{\"hurdleRate\":0.15}");
            Sql(db, "PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearAllPools();
            var bytes = File.ReadAllBytes(db);
            Assert.True(bytes.Length > 16 * 4096, $"the file is {bytes.Length} bytes");
            new Random(7).NextBytes(bytes.AsSpan(bytes.Length / 2, 3 * 4096));
            File.WriteAllBytes(db, bytes);

            var e = Assert.Throws<ScenarioDatabaseException>(() => new ScenarioStore(db, () => DateTimeOffset.UnixEpoch));
            Assert.Contains("damaged", e.Message);
            Assert.Contains(db, e.Message);
        }
        finally { Delete(db); }
    }

    [Fact]
    public void A_database_of_a_newer_schema_version_is_refused()
    {
        var db = TempDb();
        try
        {
            _ = new ScenarioStore(db, () => DateTimeOffset.UnixEpoch);
            SqliteConnection.ClearAllPools();
            Sql(db, "PRAGMA user_version = 99;");
            var e = Assert.Throws<ScenarioDatabaseException>(() => new ScenarioStore(db, () => DateTimeOffset.UnixEpoch));
            Assert.Contains("schema version 99", e.Message);
        }
        finally { Delete(db); }
    }

    [Fact]
    public void A_database_of_another_schema_is_refused_and_left_as_it_was()
    {
        var db = TempDb();
        try
        {
            Sql(db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);");
            var e = Assert.Throws<ScenarioDatabaseException>(() => new ScenarioStore(db, () => DateTimeOffset.UnixEpoch));
            Assert.Contains("not a Gpunomics scenario database", e.Message);
            Assert.Contains("invoices", e.Message);
            using var c = new SqliteConnection($"Data Source={db};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'scenarios';";
            Assert.Equal(0L, cmd.ExecuteScalar());
        }
        finally { Delete(db); }
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_refused()
    {
        var db = TempDb();
        try
        {
            File.WriteAllText(db, new string('x', 8192));
            var e = Assert.Throws<ScenarioDatabaseException>(() => new ScenarioStore(db, () => DateTimeOffset.UnixEpoch));
            Assert.Contains("damaged or not a Gpunomics database", e.Message);
        }
        finally { Delete(db); }
    }

    [Fact]
    public void Read_only_and_full_disk_failures_are_described_as_such()
    {
        var db = TempDb();
        try
        {
            var store = new ScenarioStore(db, () => DateTimeOffset.UnixEpoch);
            var readOnly = Assert.Throws<SqliteException>(() =>
            {
                using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "INSERT INTO scenarios (name, body, created_utc, updated_utc) VALUES ('a', '{}', '', '');";
                cmd.ExecuteNonQuery();
            });
            Assert.Contains("read-only", store.DescribeFailure(readOnly));

            var full = Assert.Throws<SqliteException>(() =>
            {
                using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
                c.Open();
                using var limit = c.CreateCommand();
                limit.CommandText = "PRAGMA max_page_count = 8;";
                Assert.Equal(8L, limit.ExecuteScalar());
                using var cmd = c.CreateCommand();
                cmd.CommandText = "INSERT INTO scenarios (name, body, created_utc, updated_utc) VALUES ('big', zeroblob(1000000), '', '');";
                cmd.ExecuteNonQuery();
            });
            Assert.Contains("full", store.DescribeFailure(full));
            Assert.Null(store.DescribeFailure(new InvalidOperationException("not the database")));
        }
        finally { Delete(db); }
    }
}

/// <summary>The web refuses to save what it could not compute with, and stores only what it can read back.</summary>
public class ScenarioInputTests(WebFixture factory) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task A_scenario_with_a_network_tier_no_system_prices_is_not_saved()
    {
        var client = factory.CreateClient();
        var r = await client.PostAsync("/api/scenarios/", new StringContent("""{ "name": "bad tier", "scenario": { "networkTier": "nope" } }""", System.Text.Encoding.UTF8, "application/json"));
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("scenario.networkTier", text);
        Assert.Contains("neocloud", text);
        var list = await client.GetStringAsync("/api/scenarios/");
        Assert.DoesNotContain("bad tier", list);
    }

    [Fact]
    public async Task An_imported_file_with_a_comment_and_a_trailing_comma_is_stored_as_plain_json_and_reads_back()
    {
        var client = factory.CreateClient();
        var name = $"commented {Guid.NewGuid():N}";
        var r = await client.PostAsync($"/api/scenarios/import?name={Uri.EscapeDataString(name)}",
            new StringContent("{ // a higher hurdle\n \"hurdleRate\": 0.2, }", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var saved = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        var id = saved.GetProperty("id").GetInt64();
        var back = JsonDocument.Parse(await client.GetStringAsync($"/api/scenarios/{id}")).RootElement;
        Assert.Equal(0.2, back.GetProperty("scenario").GetProperty("hurdleRate").GetDouble());
        var exported = await client.GetStringAsync($"/api/scenarios/{id}/export");
        Assert.DoesNotContain("//", exported);
        using var _ = JsonDocument.Parse(exported);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/floor/vr-nvl72?scenario={id}")).StatusCode);
    }
}

/// <summary>The command line's own serve: what it ships and how it refuses an address.</summary>
public class ServeCommandTests
{
    [Fact]
    public void The_dashboard_page_travels_with_the_command()
    {
        var dir = Path.GetDirectoryName(CrashTests.CliDll())!;
        foreach (var f in new[] { "index.html", "app.js", "app.css" })
            Assert.True(File.Exists(Path.Combine(dir, "wwwroot", f)), $"{f} is not beside the command in {dir}/wwwroot");
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("notaurl")]
    public async Task An_address_that_cannot_be_listened_on_is_a_user_error(string url)
    {
        var db = Path.Combine(Path.GetTempPath(), $"gpunomics-serve-{Guid.NewGuid():N}.db");
        var p = Process.Start(new ProcessStartInfo("dotnet", [CrashTests.CliDll(), "serve", "--db", db, "--urls", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var err = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(p.ExitCode == 2, $"exit {p.ExitCode}: {await err}");
        Assert.Contains("--urls", await err);
        Assert.DoesNotContain("   at ", await err + output);
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
    }
}

/// <summary>A misspelt query parameter is refused, not ignored; a damaged saved row is named, not a 500.</summary>
public class QueryAndStoreTests(WebFixture factory) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task A_misspelt_query_parameter_is_refused_naming_it_and_the_endpoints_parameters()
    {
        var r = await factory.CreateClient().GetAsync("/api/project/gb300-nvl72?price=3.5&hurdel=0.3");
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("hurdel", text);
        Assert.Contains("hurdle", text);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/project/gb300-nvl72?price=3.5&hurdle=0.3")).StatusCode);
    }

    [Fact]
    public async Task A_parameter_given_twice_is_refused_not_joined_into_a_decimal_comma()
    {
        var r = await factory.CreateClient().GetAsync("/api/project/gb300-nvl72?price=3.5&price=4");
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("given 2 times", text);
        Assert.DoesNotContain("3.5.4", text);
    }

    [Fact]
    public async Task A_saved_row_whose_body_is_not_json_is_named_as_damaged_not_a_server_error()
    {
        var client = factory.CreateClient();
        var created = await client.PostAsync("/api/scenarios/", new StringContent("""{ "name": "to damage", "scenario": { "hurdleRate": 0.2 } }""", System.Text.Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using (var c = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE scenarios SET body = 'not json' WHERE id = $id;";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }
        var r = await client.GetAsync($"/api/scenarios/{id}");
        Assert.Equal((HttpStatusCode)422, r.StatusCode);
        Assert.Contains("not valid JSON", await r.Content.ReadAsStringAsync());
        var floor = await client.GetAsync($"/api/floor/vr-nvl72?scenario={id}");
        Assert.True((int)floor.StatusCode is >= 400 and < 500, $"{(int)floor.StatusCode}");
    }
}

/// <summary>The OpenAPI document names each query parameter of an operation once, so that one name has one meaning.</summary>
public class OpenApiTests(WebFixture factory) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task No_operation_declares_a_parameter_name_twice()
    {
        var doc = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var twice = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("parameters", out var ps))
                    twice.AddRange(ps.EnumerateArray().GroupBy(x => x.GetProperty("name").GetString()).Where(g => g.Count() > 1).Select(g => $"{op.Name} {path.Name}: {g.Key}"));
        Assert.Empty(twice);
    }
}
