using Gpunomics.Financing;
using Gpunomics.Fleet;
using Gpunomics.Market;

namespace Gpunomics.Engine.Tests.Fleet;

/// <summary>Fleet risk: Monte Carlo of the fleet over market paths and renter defaults.</summary>
public class FleetRiskTests
{
    private static readonly Lazy<MarketModel> LazyMarket = new(() =>
    {
        var prices = MarketTests.LaunchPrices();
        Gpunomics.Pricing.LaunchTrend.TryFit(prices, TestData.Catalog, TestData.Model.Scenario.Ceiling.Basis, out var trend, out _);
        var launches = MarketModel.Launches(TestData.Catalog, prices);
        var obs = MarketObservationReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "market-observations.json")), "market-observations.json", [.. launches.Select(l => l.SystemId)]).Value!;
        return MarketModel.Create(obs, TestData.Catalog, prices, trend);
    });

    private static readonly Lazy<FleetDefinition> LazyExample = new(() =>
        FleetReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "fleets", "example-fleet.json")), "example-fleet.json", TestData.Catalog).Value!);

    private static FleetDefinition Example => LazyExample.Value;

    private static FleetRiskModel Risk(FleetDefinition fleet, PriceProcessOptions process)
    {
        Assert.True(FleetRiskModel.TryCreate(fleet, LazyMarket.Value, TestData.Model, process, out var risk, out _, out var reason), reason);
        return risk!;
    }

    private static readonly PriceProcessOptions NoVolatility = new() { Volatility = 0, MeanReversion = 0, Correlation = 1 };

    // Normal quantile for a two-sided test at 1e-4: each statistical check fails by chance about once in 10,000 runs.
    private const double Z = 3.890591886413094;

    public static TheoryData<string> Defaults => new() { "none", "named" };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void A_path_without_volatility_is_the_deterministic_fleet_model(string defaults)
    {
        var fleet = defaults == "none"
            ? Example with { Defaults = Example.Defaults with { Mode = DefaultMode.None } }
            : Example with { Defaults = Example.Defaults with { Mode = DefaultMode.Scenario, Events = [new DefaultEvent("c05", new DateOnly(2027, 3, 1)), new DefaultEvent("c10", new DateOnly(2028, 1, 1))] } };
        var risk = Risk(fleet, NoVolatility);
        var prices = new double[risk.Market.PathLength];
        risk.Market.Fill(5, 3, prices);
        var spot = new Dictionary<string, SpotPricePath>(StringComparer.OrdinalIgnoreCase);
        for (var s = 0; s < risk.Market.Systems.Count; s++)
            spot[risk.Market.Systems[s]] = new SpotPricePath(risk.Market.Systems[s], prices.AsSpan(risk.Market.Index(s, 0), risk.Market.Months).ToArray(), "the path");
        var expected = FleetModel.Run(fleet, TestData.Model, spot);

        var f = risk.Path(risk.CreateState(), 5, 3, prices);

        // The same flows summed in another order: to rounding.
        Assert.Equal(expected.Returns.Irr!.Value, f.Irr!.Value, 1e-10);
        Assert.Equal(expected.Returns.Npv, f.Npv, 1e-9 * Math.Abs(expected.Total.Capex.Sum()));
        Assert.Equal(expected.Dscr.Where(d => d is not null).Min()!.Value, f.MinDscr!.Value, 1e-9);
        Assert.Equal(expected.Covenants!.FirstBreach?.Month, f.BreachMonth);
        Assert.Equal(expected.Total.SpotRevenue.Sum(), f.SpotRevenue, 1e-9 * expected.Total.SpotRevenue.Sum());
        Assert.Equal(defaults == "none" ? 0 : 2, f.Defaults);
    }

    [Fact]
    public void The_same_seed_gives_the_same_statistics_on_one_thread_and_two()
    {
        var risk = Risk(Example, new PriceProcessOptions());
        var one = risk.Run(1_000, 11, maxParallelism: 1);
        var two = risk.Run(1_000, 11, maxParallelism: 2);
        for (var o = 0; o < FleetRiskModel.Outputs.Count; o++)
        {
            Assert.Equal(one.Summary(o), two.Summary(o));
            Assert.Equal(one.PathsWithout(o), two.PathsWithout(o));
        }
        Assert.NotEqual(one.Summary(1), risk.Run(1_000, 12, maxParallelism: 2).Summary(1));
    }

    [Fact]
    public void The_mean_spot_revenue_of_the_paths_is_the_forward_curves()
    {
        // Without defaults the spot GPUs do not depend on the path, so spot revenue is linear in the prices and its mean
        // is the forward curves' (the deterministic run's), within Z standard errors of the sample.
        var fleet = Example with { Defaults = Example.Defaults with { Mode = DefaultMode.None } };
        var risk = Risk(fleet, new PriceProcessOptions { Volatility = 0.4, MeanReversion = 0.2, Correlation = 0.5 });
        const int n = 4_000;
        var state = risk.CreateState();
        var prices = new double[risk.Market.PathLength];
        double sum = 0, sum2 = 0;
        for (var i = 0; i < n; i++)
        {
            risk.Market.Fill(3, i, prices);
            var r = risk.Path(state, 3, i, prices).SpotRevenue;
            sum += r;
            sum2 += r * r;
        }
        var mean = sum / n;
        var se = Math.Sqrt((sum2 / n - mean * mean) / (n - 1));
        var forward = risk.Deterministic.Total.SpotRevenue.Sum();
        Assert.True(Math.Abs(mean - forward) < Z * se, $"mean {mean:N0}, forward {forward:N0}, se {se:N0}");
        Assert.True(se > 0);
    }

    [Fact]
    public void Each_renter_defaults_with_its_tiers_probability_over_its_term()
    {
        // The defaults per path have mean sum over contracts of 1 - (1 - h)^term, h the tier's monthly hazard.
        var d = DefaultAssumptions.Expected with { InvestmentGradeProbability = 0.05, NonInvestmentGradeProbability = 0.3 };
        var fleet = Example with { Defaults = d };
        var risk = Risk(fleet, NoVolatility);
        var expected = fleet.Contracts.Sum(c => 1 - Math.Pow(1 - d.Probability(c.Credit), c.TermMonths / 12.0));
        var variance = fleet.Contracts.Sum(c => { var p = 1 - Math.Pow(1 - d.Probability(c.Credit), c.TermMonths / 12.0); return p * (1 - p); });
        const int n = 20_000;
        var stats = risk.Run(n, 9);
        var mean = stats.Histogram(FleetRiskModel.Outputs.ToList().IndexOf("defaults")).Mean!.Value;
        Assert.True(Math.Abs(mean - expected) < Z * Math.Sqrt(variance / n), $"mean {mean}, expected {expected}");
    }

    [Fact]
    public void A_path_allocates_only_the_irr_solvers_small_result_once_warm()
    {
        var risk = Risk(Example, new PriceProcessOptions());
        var state = risk.CreateState();
        var prices = new double[risk.Market.PathLength];
        for (var i = 0; i < 50; i++)
        {
            risk.Market.Fill(1, i, prices);
            risk.Path(state, 1, i, prices);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 50; i < 1_050; i++)
        {
            risk.Market.Fill(1, i, prices);
            risk.Path(state, 1, i, prices);
        }
        // The fleet's buffers are the worker's; what a path allocates is the IRR solver's result (its roots list and note),
        // garbage at once, a few hundred bytes whatever the fleet's size: nothing is kept from path to path.
        var perPath = (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000.0;
        Assert.True(perPath < 512, $"{perPath} bytes a path");
    }
}
