using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Gpunomics.Web.Tests;

/// <summary>The dashboard in a real browser: Debian's Chromium driven by Playwright.</summary>
public class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<(IPlaywright, IBrowser)> Launch()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does)");
        var pw = await Playwright.CreateAsync();
        var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (pw, browser);
    }

    [Fact]
    public async Task Pasted_cash_flows_give_xirr_irr_and_their_notes_and_a_bad_row_is_named()
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        async Task<string> Compute(string text, string rate = "9%")
        {
            await page.FillAsync("#cashflows-text", text);
            await page.FillAsync("#cashflows-rate", rate);
            await page.EvaluateAsync("() => { document.getElementById('cashflows-table').querySelector('tbody').replaceChildren(); document.getElementById('cashflows-message').hidden = true; }");
            await page.ClickAsync("#cashflows-run");
            await page.WaitForFunctionAsync("() => document.querySelector('#cashflows-table tbody tr') || !document.getElementById('cashflows-message').hidden", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            return (await page.TextContentAsync("#cashflows-table"))! + (await page.TextContentAsync("#cashflows-message"));
        }

        // The spreadsheets' XIRR/XNPV example, rows out of date order: 37.3363% a year and XNPV 2,086.65 at 9%.
        var dated = await Compute("date,amount\n2008-01-01,-10000\n2008-10-30,4250\n2008-03-01,2750\n2009-02-15,3250\n2009-04-01,2750");
        Assert.Contains("XIRR (annual effective)37.3363%", dated);
        Assert.Contains("XNPV at 9.0000% a year2086.65", dated);
        Assert.Contains("not in date order", dated);

        // Two roots: the return is the one where NPV falls, and both are listed.
        var two = await Compute("-100\n230\n-132", "");
        Assert.Contains("IRR per period20.0000%", two);
        Assert.Contains("rates making NPV zero (annual)213.84%, 791.61%", two);
        Assert.Contains("change sign more than once", two);

        // A loan: a borrowing rate, not a return.
        var loan = await Compute("10000\n" + string.Join("\n", Enumerable.Repeat("-470", 24)));
        Assert.Contains("IRR (annual effective)none: NPV rises with the rate", loan);
        Assert.Contains("borrowing rate (annual)", loan);

        // A bad row: named with its row, field, value and what is allowed; no figures.
        var bad = await Compute("-100\n5O\n60");
        Assert.Contains("row 2: amount: '5O'", bad);
        Assert.Equal(0, await page.Locator("#cashflows-table tbody tr").CountAsync());
    }

    [Fact]
    public async Task The_risk_panel_moves_picked_scenario_keys_and_draws_them_and_names_a_bad_spec()
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        // Every input first: the TCO's cost of capital is a bar of no effect, with the reason.
        await page.ClickAsync("#tornado-run");
        await page.WaitForSelectorAsync("#tornado-table tr[data-input=costOfCapital]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains("does not enter the rental project", await page.TextContentAsync("#tornado-table tr[data-input=costOfCapital]"));
        Assert.True(await page.Locator("#tornado-inputs option").CountAsync() > 20);

        // Two picked by scenario key: only they are moved.
        await page.SelectOptionAsync("#tornado-inputs", ["operations.colocationPerKwMonth", "finance.costOfCapital"]);
        await page.ClickAsync("#tornado-run");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#tornado-table tbody tr').length === 2", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        var colocation = (await page.TextContentAsync("#tornado-table tr[data-input=colocationPerKwMonth]"))!;
        Assert.Contains("operations.colocationPerKwMonth", colocation);
        Assert.DoesNotContain("no effect", colocation);

        // A Monte Carlo on a scenario key, then a spec outside the key's declared range named.
        await page.FillAsync("#mc-distributions", "operations.colocationPerKwMonth=uniform(120,220)");
        await page.FillAsync("#mc-scenarios", "2000");
        await page.ClickAsync("#mc-run");
        await page.Locator("#mc-table td", new PageLocatorOptions { HasText = "colocationPerKwMonth" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("floor, $/GPU-hour", await page.TextContentAsync("#mc-table"));
        await page.FillAsync("#mc-distributions", "operations.pue=uniform(0.5,1.2)");
        await page.ClickAsync("#mc-run");
        await page.WaitForSelectorAsync("#mc-message:not([hidden])", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains("allowed: [1, 3]", await page.TextContentAsync("#mc-message"));
        Assert.Equal(0, await page.Locator("#mc-table tbody tr").CountAsync());
    }

    [Fact]
    public async Task A_link_restores_the_view_system_sliders_and_loaded_scenario()
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        // A saved scenario with its own hurdle, loaded; then another system and two sliders moved.
        var name = "linked " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#hurdle").EvaluateAsync("el => { el.value = '0.12'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.FillAsync("#scenario-name", name);
        await page.ClickAsync("#save-scenario");
        var item = page.Locator("#scenario-list li", new PageLocatorOptions { HasText = name });
        await item.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await page.Locator("#hurdle").EvaluateAsync("el => { el.value = '0.2'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await item.Locator("button", new LocatorLocatorOptions { HasText = "Load" }).ClickAsync();
        await page.WaitForFunctionAsync("() => location.search.includes('scenario=') && location.search.includes('hurdle=0.12')", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await page.SelectOptionAsync("#system", "h100");
        await page.Locator("#price").EvaluateAsync("el => { el.value = '2.75'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.Locator("#term").EvaluateAsync("el => { el.value = '36'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForFunctionAsync("() => location.search.includes('system=h100') && location.search.includes('price=2.75') && location.search.includes('term=36')", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        // The cards read once the chart answers the URL as it now stands (an answer to an earlier slider position may land first).
        await page.WaitForFunctionAsync("() => document.getElementById('chart').dataset.shownFor === location.search && document.querySelector('#chart svg title').textContent.includes('H100')", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        var link = page.Url;
        var floor = await page.TextContentAsync("#floor-price");
        var irr = await page.TextContentAsync("#irr-at-price");

        // The link in a fresh page gives the same view.
        var other = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await other.GotoAsync(link);
        await other.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await other.WaitForFunctionAsync("() => document.getElementById('chart').dataset.shownFor === location.search", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Equal("h100", await other.InputValueAsync("#system"));
        Assert.Equal("2.75", await other.InputValueAsync("#price"));
        Assert.Equal("36", await other.InputValueAsync("#term"));
        Assert.Equal("0.12", await other.InputValueAsync("#hurdle"));
        Assert.Equal("loaded " + name, await other.TextContentAsync("#scenario-message"));
        Assert.Equal(floor, await other.TextContentAsync("#floor-price"));
        Assert.Equal(irr, await other.TextContentAsync("#irr-at-price"));
        Assert.Equal(new Uri(link).Query, new Uri(other.Url).Query);
    }

    /// <summary>
    /// A saved scenario whose loan the debt sliders cannot show (sculpted, sized by a minimum DSCR) is charted with that
    /// loan, not with the sliders' share (which would drop it): the dashboard's floor is the API's for the saved scenario,
    /// the sliders are off and say why.
    /// </summary>
    [Fact]
    public async Task A_saved_scenario_with_a_shaped_loan_keeps_its_loan_and_turns_the_debt_sliders_off()
    {
        await using var server = await LiveServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var name = "sculpted " + Guid.NewGuid().ToString("N")[..6];
        var created = await http.PostAsJsonAsync("api/scenarios", new { name, scenario = new { debt = new { minDscr = 1.3, repayment = "sculpted", targetDscr = 1.3, credit = "investment-grade" } } });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();

        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var system = await page.InputValueAsync("#system");
        var floor = (await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/floor/{system}?scenario={id}")).GetProperty("floorPrice").GetDouble();
        var unlevered = (await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/floor/{system}")).GetProperty("floorPrice").GetDouble();
        Assert.True(Math.Abs(floor - unlevered) > 0.01, "the case needs a loan that moves the floor");

        var item = page.Locator("#scenario-list li", new PageLocatorOptions { HasText = name });
        await item.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await item.Locator("button", new LocatorLocatorOptions { HasText = "Load" }).ClickAsync();
        var shown = floor.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => document.getElementById('floor-price').textContent.includes('{shown}')", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.True(await page.IsDisabledAsync("#debt"));
        Assert.True(await page.IsDisabledAsync("#debt-rate"));
        Assert.Contains("its loan is used as saved", await page.TextContentAsync("#scenario-message"));
    }

    [Fact]
    public async Task Two_saved_scenarios_share_one_chart_with_a_legend_and_one_table_and_the_link_keeps_them()
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var (name, hurdle) in new[] { ($"low hurdle {tag}", "0.10"), ($"high hurdle {tag}", "0.25") })
        {
            await page.Locator("#hurdle").EvaluateAsync($"el => {{ el.value = '{hurdle}'; el.dispatchEvent(new Event('input', {{ bubbles: true }})); }}");
            await page.FillAsync("#scenario-name", name);
            await page.ClickAsync("#save-scenario");
            await page.Locator("#scenario-list li", new PageLocatorOptions { HasText = name }).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        }
        await page.SelectOptionAsync("#compare-a", new SelectOptionValue { Label = $"low hurdle {tag}" });
        await page.SelectOptionAsync("#compare-b", new SelectOptionValue { Label = $"high hurdle {tag}" });
        await page.ClickAsync("#compare-run");
        await page.WaitForFunctionAsync("() => document.querySelector('#compare-chart svg path[data-scenario=b]') || !document.getElementById('compare-message').hidden", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.True(await page.Locator("#compare-message").IsHiddenAsync(), await page.TextContentAsync("#compare-message"));

        async Task Check(IPage p)
        {
            var a = await p.Locator("#compare-chart path[data-scenario=a]").CountAsync();
            var b = await p.Locator("#compare-chart path[data-scenario=b]").CountAsync();
            Assert.True(a > 0 && a == b, $"{a} curves of A, {b} of B");
            var legend = string.Join("|", await p.Locator("#compare-chart text.legend").AllTextContentsAsync());
            Assert.Contains($"low hurdle {tag} x1.00", legend);
            Assert.Contains($"high hurdle {tag} x1.00", legend);
            var table = (await p.TextContentAsync("#compare-scenarios-table"))!;
            Assert.Contains("hurdleRate0.10.25", table);
        }
        await Check(page);
        await page.WaitForFunctionAsync("() => location.search.includes('compare=')", null, new PageWaitForFunctionOptions { Timeout = 5_000 });

        var other = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await other.GotoAsync(page.Url);
        await other.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await Check(other);
    }

    [Fact]
    public async Task Moving_the_system_price_moves_the_floor_and_the_chart_and_a_saved_scenario_survives_a_reload()
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        var floorBefore = await page.TextContentAsync("#floor-price");
        // The capex table: the networking line with its components under it, summing to it.
        await page.Locator("#capex-table td", new PageLocatorOptions { HasText = "transceivers" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var capexRows = await page.Locator("#capex-table tbody tr").AllTextContentsAsync();
        var net = capexRows.ToList().FindIndex(r => r.StartsWith("networking", StringComparison.Ordinal));
        Assert.True(net >= 0, string.Join(" | ", capexRows));
        Assert.Equal(["switches", "transceivers", "cables", "NICs"], capexRows.Skip(net + 1).Take(4).Select(r => r.Trim('\u00a0', ' ').Split('$')[0].Trim('\u00a0', ' ')));
        var chartBefore = await page.InnerHTMLAsync("#chart");
        Assert.StartsWith("$", floorBefore);
        Assert.Contains("<svg", chartBefore);

        // Drag the system price slider to 1.5x.
        await page.Locator("#multiplier").EvaluateAsync("el => { el.value = '1.5'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForFunctionAsync("before => document.getElementById('floor-price').textContent !== before", floorBefore, new PageWaitForFunctionOptions { Timeout = 15_000 });
        var floorAfter = await page.TextContentAsync("#floor-price");
        var chartAfter = await page.InnerHTMLAsync("#chart");
        Assert.True(double.Parse(floorAfter!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture) > double.Parse(floorBefore!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(chartBefore, chartAfter);

        // A corporate tax raises the floor, and the IRR card says whose IRR it is.
        var untaxed = await page.TextContentAsync("#floor-price");
        await page.Locator("#tax").EvaluateAsync("el => { el.value = '0.21'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForFunctionAsync("before => document.getElementById('floor-price').textContent !== before", untaxed, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.True(double.Parse((await page.TextContentAsync("#floor-price"))!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture) > double.Parse(untaxed!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("after tax", await page.TextContentAsync("#irr-basis"));
        await page.Locator("#project-table td", new PageLocatorOptions { HasText = "payback month" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await page.Locator("#tax").EvaluateAsync("el => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForFunctionAsync("() => document.getElementById('irr-basis').textContent.includes('pre-tax')", null, new PageWaitForFunctionOptions { Timeout = 15_000 });

        // A loan and a prepayment that together exceed the capex: the table names the borrowing rate, not an IRR,
        // decides the hurdle on NPV, and the chart says where it has no return.
        await page.Locator("#prepay").EvaluateAsync("el => { el.value = '0.6'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.Locator("#debt").EvaluateAsync("el => { el.value = '0.8'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.Locator("#project-table td", new PageLocatorOptions { HasText = "borrowing rate: the cost" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var projectText = await page.TextContentAsync("#project-table");
        Assert.Contains("equity IRRnone", projectText);
        var npvShown = System.Text.RegularExpressions.Regex.Match(projectText!, @"NPV at the hurdle, per GPU(-?)\$").Groups[1].Value;
        Assert.Contains("beats the hurdle (NPV at the hurdle >= 0)" + (npvShown == "-" ? "no" : "yes"), projectText);
        await page.WaitForSelectorAsync("#chart-note:not([hidden])", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains("not a return", await page.TextContentAsync("#chart-note"));
        await page.Locator("#debt").EvaluateAsync("el => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.Locator("#prepay").EvaluateAsync("el => { el.value = '0.15'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForSelectorAsync("#chart-note[hidden]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        // Hovering over the chart shows the numbers.
        var box = (await page.Locator("#chart").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f);
        await page.WaitForSelectorAsync("#hover:not([hidden])", new PageWaitForSelectorOptions { Timeout = 5_000 });
        Assert.Contains("IRR", await page.TextContentAsync("#hover"));

        // The ceiling can come from the launch trend: the card shows the API's trend ceiling and says where it comes from.
        var ceilingReference = await page.TextContentAsync("#ceiling-price");
        await page.SelectOptionAsync("#ceiling-from", "trend");
        await page.WaitForFunctionAsync("before => document.getElementById('ceiling-price').textContent !== before", ceilingReference, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Contains("launch trend", await page.TextContentAsync("#ceiling-source"));
        Assert.True(await page.Locator("#reference").IsDisabledAsync());
        var system = await page.InputValueAsync("#system");
        var api = await page.EvaluateAsync<double>("async s => (await (await fetch('api/ceiling/' + s + '?ceilingFrom=trend')).json()).ceilingPrice", system);
        Assert.Equal("$" + api.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("#ceiling-price"));
        await page.SelectOptionAsync("#ceiling-from", "reference");
        await page.WaitForFunctionAsync("before => document.getElementById('ceiling-price').textContent === before", ceilingReference, new PageWaitForFunctionOptions { Timeout = 15_000 });

        // Save a scenario with a name that is also markup, reload, find it (as text).
        var name = "<i>browser</i> " + Guid.NewGuid().ToString("N")[..8];
        await page.FillAsync("#scenario-name", name);
        await page.FillAsync("#scenario-notes", "saved by the browser test");
        await page.ClickAsync("#save-scenario");
        await page.Locator("#scenario-list .name", new PageLocatorOptions { HasText = name }).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        var names = await page.Locator("#scenario-list .name").AllTextContentsAsync();
        Assert.Contains(name, names);
        Assert.Equal(0, await page.Locator("#scenario-list i").CountAsync());

        var shots = Environment.GetEnvironmentVariable("GPUNOMICS_SCREENSHOTS");
        if (!string.IsNullOrEmpty(shots))
        {
            // One more slider move, so that the round trip shown is a request of its own, not one of the page load's.
            var floor = await page.TextContentAsync("#floor-price");
            await page.Locator("#multiplier").EvaluateAsync("el => { el.value = '1.1'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
            await page.WaitForFunctionAsync("before => document.getElementById('floor-price').textContent !== before", floor);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard.png"), FullPage = true });
        }
    }

    /// <summary>
    /// What lies outside where it should, in page pixels: the page wider than the window, a chart wider than its
    /// section, a text of a chart outside the chart's box, a drawn mark (bar, line) outside its chart's plot area.
    /// The argument: the selectors of the chart images expected, each exactly once.
    /// </summary>
    private const string Overflow = """
        (selectors) => {
          const out = [];
          const doc = document.documentElement;
          if (doc.scrollWidth > window.innerWidth) out.push(`page ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
          const svgs = [...document.querySelectorAll(selectors.join(', '))];
          if (svgs.length !== selectors.length) out.push(`${svgs.length} chart images, not ${selectors.length}`);
          for (const svg of svgs) {
            const box = svg.getBoundingClientRect();
            if (box.width < 100 || box.height < 100) out.push(`chart ${box.width}x${box.height}: not shown`);
            const section = svg.closest('section').getBoundingClientRect();
            if (box.left < section.left - 0.5 || box.right > section.right + 0.5) out.push(`chart ${box.left}..${box.right} outside its section ${section.left}..${section.right}`);
            for (const t of svg.querySelectorAll('text')) {
              const text = t.textContent.trim();
              if (!text) continue;
              const r = t.getBoundingClientRect();
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
                out.push(`'${text}' at ${r.left.toFixed(1)}..${r.right.toFixed(1)} x ${r.top.toFixed(1)}..${r.bottom.toFixed(1)}, its chart ${box.left.toFixed(1)}..${box.right.toFixed(1)} x ${box.top.toFixed(1)}..${box.bottom.toFixed(1)}`);
            }
            const plot = svg.querySelector('.plot-area');
            if (!plot) continue;
            const area = plot.getBoundingClientRect();
            const marks = svg.querySelectorAll('.mark');
            if (marks.length === 0) out.push(`${selectors[svgs.indexOf(svg)] ?? 'a chart'}: nothing drawn`);
            for (const m of marks) {
              const r = m.getBoundingClientRect();
              if (r.left < area.left - 1 || r.right > area.right + 1 || r.top < area.top - 1 || r.bottom > area.bottom + 1)
                out.push(`${m.tagName} ${m.dataset.vintage ?? m.dataset.series ?? ''} at ${r.left.toFixed(1)}..${r.right.toFixed(1)} x ${r.top.toFixed(1)}..${r.bottom.toFixed(1)}, outside the plot ${area.left.toFixed(1)}..${area.right.toFixed(1)} x ${area.top.toFixed(1)}..${area.bottom.toFixed(1)}`);
            }
          }
          return out;
        }
        """;

    private static readonly string[] EconomicsCharts = ["#chart svg", "#token-chart svg"];

    private static readonly string[] FleetCharts = ["#fleet-revenue-chart svg", "#fleet-balance-chart svg"];

    [Theory]
    [InlineData(800)]
    [InlineData(1400)]
    public async Task The_dashboard_fits_the_window_and_every_chart_text_including_the_token_source_line_lies_inside_its_chart(int width)
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        var source = page.Locator("#token-chart svg text", new PageLocatorOptions { HasText = "source:" });
        Assert.Equal(1, await source.CountAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(Overflow, EconomicsCharts));

        // The same after a system with a long name is chosen.
        await page.SelectOptionAsync("#system", "trainium3");
        await page.WaitForFunctionAsync("() => document.querySelector('#chart svg title').textContent.includes('Trainium3')", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Empty(await page.EvaluateAsync<string[]>(Overflow, EconomicsCharts));
    }

    [Theory]
    [InlineData(800, "yearly")]
    [InlineData(1400, "monthly")]
    public async Task The_fleet_view_fits_the_window_and_every_fleet_chart_text_and_mark_lies_inside_its_chart(int width, string granularity)
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync(server.Url + $"?view=fleet&granularity={granularity}");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.WaitForSelectorAsync("body[data-fleet]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Empty(await page.EvaluateAsync<string[]>(Overflow, FleetCharts));

        // The same with the anchor renter's default, whose cash and backlog fall.
        await page.SelectOptionAsync("#fleet-default-contract", "c05");
        await page.Locator("#fleet-outcome", new PageLocatorOptions { HasText = "does not survive" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Empty(await page.EvaluateAsync<string[]>(Overflow, FleetCharts));
    }

    [Fact]
    public async Task The_fleet_view_draws_the_revenue_stack_and_the_summary_and_a_named_renter_default_names_the_breach()
    {
        await using var server = await LiveServer.StartAsync();
        var (pw, browser) = await Launch();
        using var _ = pw;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await page.GotoAsync(server.Url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        await page.ClickAsync("#views button[data-view=fleet]");
        await page.WaitForSelectorAsync("#fleet-revenue-chart svg rect.mark", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.True(await page.Locator("#economics-view").IsHiddenAsync());
        Assert.Contains("view=fleet", page.Url, StringComparison.Ordinal);
        // One colour of bars a vintage, contracted and spot apart; the backlog and cash lines.
        var vintages = await page.EvaluateAsync<string[]>("() => [...new Set([...document.querySelectorAll('#fleet-revenue-chart rect.mark')].map(r => r.dataset.vintage))]");
        Assert.Equal(["h100-2023", "gb300-2025", "vr-2026"], vintages);
        Assert.True(await page.Locator("#fleet-revenue-chart rect.mark[data-kind=contracted]").CountAsync() > 0);
        Assert.True(await page.Locator("#fleet-revenue-chart rect.mark[data-kind=spot]").CountAsync() > 0);
        Assert.Equal(1, await page.Locator("#fleet-balance-chart path[data-series=backlog]").CountAsync());
        Assert.Equal(1, await page.Locator("#fleet-balance-chart path[data-series=cash]").CountAsync());
        // The cards are the API's summary.
        var api = await page.EvaluateAsync<System.Text.Json.JsonElement>("async () => (await fetch('api/fleet/example')).json()");
        Assert.Equal((api.GetProperty("equity").GetProperty("irr").GetDouble() * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", await page.TextContentAsync("#fleet-irr"));
        Assert.Equal(api.GetProperty("outcome").GetString(), await page.TextContentAsync("#fleet-outcome"));
        Assert.StartsWith("survives", await page.TextContentAsync("#fleet-outcome"), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#fleet-vintage-table tbody tr").CountAsync());

        // The anchor renter defaults in October 2025: the DSCR covenant breaks, and the card says when and by how much.
        await page.SelectOptionAsync("#fleet-default-contract", "c05");
        await page.FillAsync("#fleet-default-month", "2025-10");
        await page.WaitForFunctionAsync("() => location.search.includes('fleetDefault=c05%402025-10')", null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        var breached = await page.EvaluateAsync<System.Text.Json.JsonElement>("async () => (await fetch('api/fleet/example?default=c05@2025-10')).json()");
        var breach = breached.GetProperty("firstBreach");
        var shown = $"{breach.GetProperty("text").GetString()} ({breach.GetProperty("date").GetString()})";
        Assert.StartsWith("month 33: DSCR", shown, StringComparison.Ordinal);
        await page.Locator("#fleet-breach", new PageLocatorOptions { HasText = shown }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.StartsWith("does not survive: covenant breach at month 33", await page.TextContentAsync("#fleet-outcome"), StringComparison.Ordinal);

        // The link keeps the view and the default.
        var other = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await other.GotoAsync(page.Url);
        await other.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await other.Locator("#fleet-breach", new PageLocatorOptions { HasText = shown }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Equal("c05", await other.InputValueAsync("#fleet-default-contract"));
        Assert.Equal("2025-10", await other.InputValueAsync("#fleet-default-month"));

        var shots = Environment.GetEnvironmentVariable("GPUNOMICS_SCREENSHOTS");
        if (!string.IsNullOrEmpty(shots))
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-fleet.png"), FullPage = true });

        // A small renter's default: the fleet survives.
        await page.SelectOptionAsync("#fleet-default-contract", "c12");
        await page.FillAsync("#fleet-default-month", "2027-06");
        await page.Locator("#fleet-outcome", new PageLocatorOptions { HasText = "survives: no covenant breach" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Equal("no breach", await page.TextContentAsync("#fleet-breach"));

        // A pasted file with bad rows: each row named in the table, with its value and what is allowed; no figures left standing.
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "fleets", "example-fleet.json"))
            .Replace("\"credit\": \"non-investment-grade\", \"deployment\": \"h100-2023\", \"gpus\": 256, \"start\": \"2023-06\"", "\"credit\": \"BBB\", \"deployment\": \"h100-2023\", \"gpus\": 256, \"start\": \"2023-06\"", StringComparison.Ordinal)
            .Replace("\"system\": \"vr-nvl72\"", "\"system\": \"vr-nvl144\"", StringComparison.Ordinal);
        await page.FillAsync("#fleet-text", text);
        await page.ClickAsync("#fleet-run");
        await page.WaitForSelectorAsync("#fleet-errors:not([hidden])", new PageWaitForSelectorOptions { Timeout = 15_000 });
        var errorRows = await page.Locator("#fleet-errors tbody tr").AllTextContentsAsync();
        Assert.Equal(2, errorRows.Count);
        Assert.Contains(errorRows, r => r.StartsWith("contracts[1] (c02)credit\"BBB\"", StringComparison.Ordinal) && r.Contains("investment-grade", StringComparison.Ordinal));
        Assert.Contains(errorRows, r => r.StartsWith("deployments[2] (vr-2026)system\"vr-nvl144\"", StringComparison.Ordinal));
        Assert.Equal("-", await page.TextContentAsync("#fleet-irr"));
        Assert.Equal(0, await page.Locator("#fleet-revenue-chart svg").CountAsync());

        // The same file mended runs as the user's own fleet.
        await page.FillAsync("#fleet-text", text.Replace("\"BBB\"", "\"investment-grade\"", StringComparison.Ordinal).Replace("vr-nvl144", "vr-nvl72", StringComparison.Ordinal));
        await page.ClickAsync("#fleet-run");
        await page.Locator("#fleet-source", new PageLocatorOptions { HasText = "your fleet file" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.True(await page.Locator("#fleet-errors").IsHiddenAsync());
        await page.WaitForSelectorAsync("#fleet-revenue-chart svg rect.mark", new PageWaitForSelectorOptions { Timeout = 15_000 });
    }
}
