using CsCheck;
using Gpunomics.AssetLife;
using Gpunomics.Catalog;
using Gpunomics.Market;
using Gpunomics.Pricing;
using Gpunomics.Scenarios;
using Xunit.Abstractions;

namespace Gpunomics.Engine.Tests.AssetLife;

/// <summary>Re-leases priced from the market's forward curve (methodology: "Asset life").</summary>
public class ReleaseForwardCurveTests(ITestOutputHelper output)
{
    private static AcceleratorSystem H100 => TestData.Model.System("h100");

    private static double Opex(double utilization) => 0.1 + 0.1 * utilization;

    private static IReadOnlyList<MarketObservation> ShippedObservations()
    {
        var launches = MarketModel.Launches(TestData.Catalog, MarketTests.LaunchPrices());
        var r = MarketObservationReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "market-observations.json")), "market-observations.json", [.. launches.Select(l => l.SystemId)]);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Value!;
    }

    private static LaunchTrendFit ShippedTrend()
    {
        Assert.True(LaunchTrend.TryFit(MarketTests.LaunchPrices(), TestData.Catalog, TestData.Article.Ceiling.Basis, out var fit, out var why), why);
        return fit!;
    }

    internal static MarketModel ShippedMarket() => MarketModel.Create(ShippedObservations(), TestData.Catalog, MarketTests.LaunchPrices(), ShippedTrend());

    private static AssetLifeFlows Build(AcceleratorSystem system, AssetLifeAssumptions life, ContractTerms terms)
    {
        Assert.True(AssetLifePlan.TryBuild(system, life, terms, 30_000, Opex, out var flows, out var problem), problem);
        return flows!;
    }

    [Fact]
    public void The_h100_re_lease_after_a_three_year_contract_is_its_on_demand_level_decayed_to_the_middle_of_year_four()
    {
        // The decay fit computed here from the shipped on-demand rows, independently of AgeDecay: one level per system,
        // one slope b by least squares within systems, ages from each system's launch (days / 365.25).
        var launches = MarketModel.Launches(TestData.Catalog, MarketTests.LaunchPrices()).ToDictionary(l => l.SystemId, l => l.Date);
        var rows = ShippedObservations().Where(o => o.PricingType == PricingType.OnDemand && launches.ContainsKey(o.SystemId))
            .Select(o => (o.SystemId, Age: (o.Date.DayNumber - launches[o.SystemId].DayNumber) / 365.25, Y: Math.Log(o.PricePerGpuHour))).ToList();
        double sxy = 0, sxx = 0;
        foreach (var g in rows.GroupBy(r => r.SystemId))
        {
            var mx = g.Average(r => r.Age);
            var my = g.Average(r => r.Y);
            sxy += g.Sum(r => (r.Age - mx) * (r.Y - my));
            sxx += g.Sum(r => (r.Age - mx) * (r.Age - mx));
        }
        var b = sxy / sxx;
        var h100 = rows.Where(r => r.SystemId == "h100").ToList();
        var a = h100.Average(r => r.Y) - b * h100.Average(r => r.Age);

        var life = new AssetLifeAssumptions { UsefulLifeYears = 6, Curve = new ReleaseForwardCurve(ShippedMarket()) };
        var f = Build(H100, life, new ContractTerms(36, 0.15, 1, 0, 0));
        // Month 0 at the H100's launch (age 0): year of age y is priced at age y - 0.5.
        for (var y = 1; y <= 6; y++) Assert.Equal(Math.Exp(a + b * (y - 0.5)), f.ReleasePriceByYear[y - 1], 9);
        // The first re-lease (year 4) from the shipped data: $3.33/GPU-hour, where the launch trend gave $4.42.
        Assert.Equal(3.33, f.ReleasePriceByYear[3], 2);
        Assert.Equal("forward-curve", f.SourceName);
        Assert.Contains("re-leased for 36 months at $3.33 to $2.33/GPU-hour (on-demand forward curve", f.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_shipped_observations_the_forward_curve_is_unbiased_on_demand_and_nearer_the_contract_index_than_the_launch_trend()
    {
        var market = ShippedMarket();
        var trend = ShippedTrend();
        var held = market.LeaveOneOut(PricingType.OnDemand);
        // The launch trend as a re-lease price: trend $/PFLOP-hour on the observation's date x the system's PFLOPS. It is
        // not fitted to these rows, so its error on them is already out of sample.
        double TrendLogError(MarketObservation o) => Math.Log(o.PricePerGpuHour / (trend.At(o.Date) * TestData.Catalog.Get(o.SystemId).Pflops(trend.Basis)!.Value));
        var onDemand = held.Rows.Where(r => TestData.Catalog.TryGet(r.Observation.Observation.SystemId, out _)).ToList();
        var curveOnDemand = onDemand.Select(r => r.LogError!.Value).ToList();
        var trendOnDemand = onDemand.Select(r => TrendLogError(r.Observation.Observation)).ToList();
        // The contract rows (a 1-year index) are what a re-lease earns; the on-demand curve is not fitted to them.
        var contracts = market.Aged.Where(o => o.Observation.PricingType == PricingType.Contract).ToList();
        var curveContract = contracts.Select(o =>
        {
            Assert.True(market.TryForwardCurve(o.Observation.SystemId, PricingType.OnDemand, new ForwardCurveOptions { From = o.Observation.Date, Months = 0 }, out var c, out var why), why);
            return o.LogPrice - Math.Log(c!.Points[0].PricePerGpuHour);
        }).ToList();
        var trendContract = contracts.Select(o => TrendLogError(o.Observation)).ToList();
        static double Rms(List<double> e) => Math.Sqrt(e.Average(x => x * x));
        output.WriteLine($"on-demand, {onDemand.Count} rows of catalog systems: curve held out RMS ln {Rms(curveOnDemand):0.000}, mean ln {curveOnDemand.Average():0.000}; " +
            $"launch trend RMS ln {Rms(trendOnDemand):0.000}, mean ln {trendOnDemand.Average():0.000}");
        output.WriteLine($"contract, {contracts.Count} rows: curve RMS ln {Rms(curveContract):0.000}, mean ln {curveContract.Average():0.000}; launch trend RMS ln {Rms(trendContract):0.000}, mean ln {trendContract.Average():0.000}");
        Assert.True(Math.Abs(curveOnDemand.Average()) < Math.Abs(trendOnDemand.Average()), "bias on on-demand rows");
        Assert.True(Rms(curveContract) < Rms(trendContract), "error on contract rows");
    }

    [Fact]
    public void Every_catalog_system_with_a_curve_re_leases_at_falling_prices_no_higher_than_its_price_at_month_0()
    {
        var market = ShippedMarket();
        foreach (var system in TestData.Catalog.Systems)
        {
            if (!market.TryForwardCurve(system.Id, PricingType.OnDemand, new ForwardCurveOptions { From = market.Launch(system.Id)!.Date, Months = 0 }, out var curve, out _)) continue;
            var f = Build(system, new AssetLifeAssumptions { UsefulLifeYears = 10, Curve = new ReleaseForwardCurve(market) }, new ContractTerms(36, 0, 1, 0, 0));
            var p0 = curve!.Points[0].PricePerGpuHour;
            for (var y = 0; y < f.ReleasePriceByYear.Count; y++)
            {
                Assert.True(f.ReleasePriceByYear[y] <= p0, $"{system.Id} year {y + 1}");
                if (y > 0) Assert.True(f.ReleasePriceByYear[y] < f.ReleasePriceByYear[y - 1], $"{system.Id} year {y + 1}");
            }
        }
    }

    [Fact]
    public void A_curve_price_falls_with_age_and_never_exceeds_the_level_at_month_0_or_the_curve_refuses_a_rising_fit()
    {
        var launch = new DateOnly(2022, 11, 15);
        var launches = new[] { new SystemLaunch("h100", launch, "test") };
        var observation = Gen.Select(Gen.Int[0, 2500], Gen.Double[0.5, 20]);
        Gen.Select(observation.Array[2, 6], Gen.Double[0, 0.9], Gen.Int[0, 36], Gen.Int[4, 12], Gen.Int[1, 4]).Sample((obs, discount, startMonths, years, termYears) =>
        {
            var rows = obs.Select((o, i) => new MarketObservation
            {
                Date = launch.AddDays(o.Item1 + i), DateText = "t", SystemId = "h100", Provider = $"p{i}", PricingType = PricingType.OnDemand,
                PricePerGpuHour = o.Item2, Source = "https://example.org",
            }).ToList();
            var market = new MarketModel(rows, launches, [], null);
            var start = LaunchTrend.DecimalYear(launch.AddMonths(startMonths));
            var life = new AssetLifeAssumptions { UsefulLifeYears = years, ReleaseBelowCurve = discount, StartYear = start, Curve = new ReleaseForwardCurve(market) };
            var terms = new ContractTerms(12 * termYears, 0, 1, 0, 0);
            var built = AssetLifePlan.TryBuild(H100, life, terms, 30_000, Opex, out var f, out var problem);
            if (!market.TryFit(PricingType.OnDemand, out var fit, out _)) { Assert.False(built); return; }
            if (fit!.SlopePerYear > 0)
            {
                Assert.False(built);
                Assert.Contains("rises with age", problem, StringComparison.Ordinal);
                return;
            }
            Assert.True(built, problem);
            Assert.True(market.TryForwardCurve("h100", PricingType.OnDemand, new ForwardCurveOptions { From = launch.AddMonths(startMonths), Months = 0 }, out var curve, out _));
            var p0 = curve!.Points[0].PricePerGpuHour;
            for (var y = 0; y < f!.ReleasePriceByYear.Count; y++)
            {
                Assert.True(f.ReleasePriceByYear[y] <= p0 * (1 + 1e-12));
                Assert.True(f.ReleasePriceByYear[y] <= (1 - discount) * p0 * (1 + 1e-12));
                if (y > 0) Assert.True(f.ReleasePriceByYear[y] <= f.ReleasePriceByYear[y - 1] * (1 + 1e-12));
            }
            // Re-lease revenue per month never rises with age either.
            var contractEnd = terms.TermMonths;
            for (var m = contractEnd + 2; m <= f.LifeMonths; m++) Assert.True(f.Revenue[m] <= f.Revenue[m - 1] * (1 + 1e-12));
        }, iter: 300);
    }

    [Fact]
    public void A_discount_below_the_curve_scales_every_re_lease_price_and_the_trend_discount_leaves_them_alone()
    {
        var market = ShippedMarket();
        var on = Build(H100, new AssetLifeAssumptions { UsefulLifeYears = 7, Curve = new ReleaseForwardCurve(market) }, new ContractTerms(60, 0, 1, 0, 0));
        var below = Build(H100, new AssetLifeAssumptions { UsefulLifeYears = 7, ReleaseBelowCurve = 0.25, ReleaseBelowTrend = 0.5, Curve = new ReleaseForwardCurve(market) }, new ContractTerms(60, 0, 1, 0, 0));
        for (var y = 0; y < 7; y++) Assert.Equal(0.75 * on.ReleasePriceByYear[y], below.ReleasePriceByYear[y], 12);
        Assert.Contains("forward curve less 25%", below.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_reads_from_a_scenario_file_writes_back_and_a_source_with_a_path_is_refused()
    {
        var r = ScenarioReader.Read("""{ "assetLife": { "usefulLifeYears": 6, "releasePriceSource": "launch-trend", "releaseBelowCurve": "10%" } }""", "life.json", TestData.Article, TestData.Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(ReleasePriceSource.LaunchTrend, r.Value!.AssetLife.Source);
        Assert.Equal(0.1, r.Value.AssetLife.ReleaseBelowCurve, 12);
        var back = ScenarioReader.Read(ScenarioWriter.ToJson(r.Value), "back.json", null, TestData.Catalog);
        Assert.True(back.Ok, string.Join("\n", back.Errors));
        Assert.Equal(r.Value.AssetLife, back.Value!.AssetLife);

        var bad = ScenarioReader.Read("""{ "assetLife": { "releasePriceSource": "trend" } }""", "life.json", TestData.Article, TestData.Catalog);
        var e = Assert.Single(bad.Errors);
        Assert.Equal("assetLife.releasePriceSource", e.Path);
        Assert.Contains("forward-curve, launch-trend", e.Allowed, StringComparison.Ordinal);
        var both = ScenarioReader.Read("""{ "assetLife": { "releasePriceSource": "forward-curve", "releasePricesPerGpuHour": [1, 1] } }""", "life.json", TestData.Article, TestData.Catalog);
        Assert.Contains(both.Errors, x => x.Path == "assetLife.releasePriceSource" && x.Allowed.Contains("not both", StringComparison.Ordinal));
        // By default the forward curve prices the re-leases.
        Assert.Equal(ReleasePriceSource.ForwardCurve, new AssetLifeAssumptions().Source);
    }
}
