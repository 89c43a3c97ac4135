using System.Net;
using System.Text.Json;
using Gpunomics.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Gpunomics.Web.Tests;

/// <summary>Charts and simulations run under their own concurrency limits: when every turn is taken and the queue is full, a request gets a 503 problem at once and the cheap endpoints still answer.</summary>
public sealed class WorkLimitsTests : IDisposable
{
    private readonly WebFixture _factory = new() { Settings = { ["Gpunomics:MaxConcurrentCharts"] = "1", ["Gpunomics:ChartQueueLength"] = "0", ["Gpunomics:SimulationQueueLength"] = "0" } };

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/chart/gb300-nvl72?svg=true")]
    [InlineData("/api/inferencex/chart")]
    public async Task A_chart_past_the_limit_is_a_503_problem_and_is_drawn_once_a_turn_is_free(string url)
    {
        var client = _factory.CreateClient();
        var limits = _factory.Services.GetRequiredService<WorkLimits>();
        using (var held = limits.Charts.AttemptAcquire(1))
        {
            Assert.True(held.IsAcquired);
            var busy = await client.GetAsync(url);
            var text = await busy.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            Assert.Equal("1", busy.Headers.RetryAfter?.ToString());
            Assert.Equal("every turn to draw a chart is taken (charts drawn at once: 1, waiting: 0); try again in a moment", JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/floor/vr-nvl72")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/api/montecarlo/gb300-nvl72?scenarios=1000")]
    [InlineData("/api/sensitivity/gb300-nvl72")]
    public async Task A_simulation_past_the_limit_is_a_503_problem_while_charts_are_still_drawn(string url)
    {
        var client = _factory.CreateClient();
        var limits = _factory.Services.GetRequiredService<WorkLimits>();
        using (var held = limits.Simulations.AttemptAcquire(1))
        {
            Assert.True(held.IsAcquired);
            var busy = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            Assert.Equal("every turn to run a simulation is taken (simulations run at once: 1, waiting: 0); try again in a moment",
                JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/chart/gb300-nvl72")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public void A_limit_that_is_not_a_whole_number_from_one_stops_the_start_naming_the_setting()
    {
        using var factory = new WebFixture { Settings = { ["Gpunomics:MaxConcurrentCharts"] = "0" } };
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Gpunomics:MaxConcurrentCharts '0' is not allowed; allowed: whole numbers from 1", e.ToString());
    }
}
