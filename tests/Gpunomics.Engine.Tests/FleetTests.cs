using CsCheck;
using Gpunomics.AssetLife;
using Gpunomics.Capex;
using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Fleet;
using Gpunomics.Rental;
using Gpunomics.Scenarios;
using Gpunomics.Tco;

namespace Gpunomics.Engine.Tests;

public class FleetTests
{
    private const string System = "gb300-nvl72";
    private static readonly DateOnly Start = new(2025, 9, 1);

    private static EconomicsModel Model => TestData.Model;

    private static Deployment Vintage(int gpus = 72, int lifeMonths = 60) => new("v1", System, gpus, Start, lifeMonths);

    private static FleetContract Contract(string id, int gpus, double price, int term = 60, double prepay = 0.15, DateOnly? start = null, RenterCredit credit = RenterCredit.InvestmentGrade, double utilization = 1) =>
        new(id, "renter " + id, credit, "v1", gpus, start ?? Start, term, price, prepay, utilization);

    private static FleetDefinition Fleet(IReadOnlyList<FleetContract> contracts, Deployment? vintage = null, DefaultAssumptions? defaults = null, FleetDebt? debt = null) => new()
    {
        Name = "test",
        Deployments = [vintage ?? Vintage()],
        Contracts = contracts,
        Defaults = defaults ?? DefaultAssumptions.None,
        Debt = debt,
    };

    // A flat spot price, $ per GPU-hour, over the fleet's timeline.
    private static Dictionary<string, SpotPricePath> Flat(FleetDefinition fleet, double price) =>
        new(StringComparer.OrdinalIgnoreCase) { [System] = new SpotPricePath(System, Enumerable.Repeat(price, fleet.LastMonth + 1).ToArray(), "flat, for the test") };

    private static RentalInputs SingleProject(double price, ProjectFinancing? financing) =>
        Model.ProjectInputs(System, price, Model.Scenario.Contract with { ResidualValueShare = ResidualCurve.Default.ShareAt(5) }) with { Financing = financing };

    public static TheoryData<double, double> Loans => new() { { 0, 0 }, { 0.6, 0.11 } };

    [Theory]
    [MemberData(nameof(Loans))]
    public void A_fleet_of_one_contract_is_the_single_rental_project(double debtShare, double rate)
    {
        const int gpus = 72;
        const double price = 3.5;
        var terms = Model.Scenario.Contract;
        var fleet = Fleet([Contract("c1", gpus, price, terms.TermMonths, terms.PrepayShare)], Vintage(gpus, terms.TermMonths),
            debt: debtShare > 0 ? new FleetDebt(debtShare, rate, null) : null);
        var result = FleetModel.Run(fleet, Model, Flat(fleet, 9.99));
        var single = RentalProject.Evaluate(SingleProject(price, debtShare > 0 ? ProjectFinancing.None with { DebtShare = debtShare, DebtRate = rate } : null), Model.Scenario.HurdleRate);

        Assert.Equal(single.Schedule.Count, result.Schedule.Count);
        for (var m = 0; m < single.Schedule.Count; m++)
        {
            var (s, f) = (single.Schedule[m], result.Schedule[m]);
            // The same flows to rounding: 1e-12 of the capex (the fleet sums the lines in another order).
            var tolerance = 1e-12 * Math.Abs(single.Schedule[0].Capex * gpus);
            Assert.Equal(s.Net * gpus, f.Net, tolerance);
            Assert.Equal(s.Capex * gpus, f.Capex, tolerance);
            Assert.Equal(s.Billed * gpus, f.Billed, tolerance);
            Assert.Equal(s.PrepaymentCredit * gpus, f.PrepaymentCredit, tolerance);
            Assert.Equal(s.OperatingCost * gpus, f.OperatingCost, tolerance);
            Assert.Equal(s.Residual * gpus, f.Residual, tolerance);
            Assert.Equal(s.Debt * gpus, f.Debt, tolerance);
            Assert.Equal(s.Interest * gpus, f.Interest, tolerance);
        }
        Assert.Equal(single.Irr!.Value, result.Returns.Irr!.Value, 1e-10);
        Assert.Equal(single.Npv * gpus, result.Returns.Npv, 1e-6 * Math.Abs(single.Npv * gpus));
        Assert.Equal(single.PaybackMonth, result.Returns.PaybackMonth);
        Assert.Equal(0, result.Total.SpotGpus.Sum());
    }

    private static FleetDebt CovenantLoan => new(0.6, 0.11, 48) { CovenantMinDscr = 1.2 };

    // Two renters share a vintage; the spot market is weak ($1.00), so a lost contract is hard to replace.
    private static FleetDefinition Stressed(DefaultAssumptions defaults) => Fleet(
        [Contract("anchor", 60, 4.2, credit: RenterCredit.InvestmentGrade), Contract("small", 12, 4.2, term: 36, credit: RenterCredit.NonInvestmentGrade)],
        Vintage(72, 60), defaults, CovenantLoan);

    private static DefaultAssumptions Named(string contract, DateOnly date) => DefaultAssumptions.Expected with { Mode = DefaultMode.Scenario, Events = [new DefaultEvent(contract, date)] };

    [Fact]
    public void The_fleet_survives_the_default_of_a_small_renter()
    {
        var clean = Stressed(DefaultAssumptions.None);
        var baseline = FleetModel.Run(clean, Model, Flat(clean, 1.0));
        Assert.True(baseline.Survives, baseline.Outcome);

        var fleet = Stressed(Named("small", new DateOnly(2026, 6, 1)));
        var result = FleetModel.Run(fleet, Model, Flat(fleet, 1.0));
        Assert.True(result.Survives, result.Outcome);
        Assert.StartsWith("survives", result.Outcome);
        // The default costs the equity: less NPV than with no default, a recovery received in the month of default.
        Assert.True(result.Returns.Npv < baseline.Returns.Npv);
        var month = fleet.MonthOf(new DateOnly(2026, 6, 1)) + 1;
        Assert.True(result.Total.Recovery[month] > 0);
        Assert.Equal(12, result.Total.IdleGpus[month]);
    }

    [Fact]
    public void The_fleet_does_not_survive_the_default_of_its_anchor_renter()
    {
        var fleet = Stressed(Named("anchor", new DateOnly(2026, 6, 1)));
        var result = FleetModel.Run(fleet, Model, Flat(fleet, 1.0));
        Assert.False(result.Survives);
        Assert.NotNull(result.Covenants!.FirstBreach);
        Assert.Equal("DSCR", result.Covenants.FirstBreach!.Test);
        Assert.Contains("below the 1.20x minimum", result.Outcome);
        // June 2026 (timeline month 10) brings the recovery; the first month after it without the anchor's bill breaches.
        Assert.Equal(fleet.MonthOf(new DateOnly(2026, 6, 1)) + 2, result.Covenants.FirstBreach.Month);
    }

    [Fact]
    public void A_fleet_whose_anchor_renter_defaults_in_its_first_month_runs_out_of_cash()
    {
        // No covenant to breach and nothing recovered: the cash itself (operating cash after debt service) runs out.
        var fleet = Fleet([Contract("anchor", 60, 4.2, prepay: 0), Contract("small", 12, 4.2, term: 36, credit: RenterCredit.NonInvestmentGrade)],
            Vintage(72, 60), Named("anchor", Start) with { Recovery = 0 }, new FleetDebt(0.8, 0.11, 36));
        var result = FleetModel.Run(fleet, Model, Flat(fleet, 1.0));
        Assert.Null(result.Covenants!.FirstBreach);
        Assert.NotNull(result.FirstCashShortfall);
        Assert.True(result.FirstCashShortfall!.Cash < 0);
        Assert.Equal(result.FirstCashShortfall.Cash, result.Cash[result.FirstCashShortfall.Month]);
        Assert.True(result.Cash.Take(result.FirstCashShortfall.Month).All(c => c >= 0));
        Assert.StartsWith("does not survive: cash below zero at month", result.Outcome);
    }

    [Fact]
    public void Expected_defaults_cost_a_non_investment_grade_renter_more_than_an_investment_grade_one()
    {
        FleetResult Run(RenterCredit credit)
        {
            var fleet = Fleet([Contract("c", 72, 4.0, credit: credit)], Vintage(72, 60), DefaultAssumptions.Expected);
            return FleetModel.Run(fleet, Model, Flat(fleet, 1.0));
        }
        var ig = Run(RenterCredit.InvestmentGrade);
        var nig = Run(RenterCredit.NonInvestmentGrade);
        Assert.True(nig.Total.ContractedRevenue.Sum() < ig.Total.ContractedRevenue.Sum());
        // Expected contracted revenue over the first year: bill x sum of monthly survival (1 - h)^k with h from the tier's 4% a year.
        var h = 1 - Math.Pow(1 - DefaultAssumptions.DefaultNonInvestmentGradeProbability, 1.0 / 12);
        var bill = 4.0 * Rates.HoursPerMonth * 72;
        Assert.Equal(bill * Enumerable.Range(1, 12).Sum(k => Math.Pow(1 - h, k)), nig.Total.ContractedRevenue.Skip(1).Take(12).Sum(), 1e-6);
    }

    private static readonly Gen<(FleetDefinition Fleet, double Spot)> Fleets =
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 1_000_000], Gen.Double[0.5, 6], Gen.Int[0, 2]).Select((count, seed, spot, mode) =>
        {
            var rng = new Random(seed);
            var contracts = new List<FleetContract>();
            for (var i = 0; i < count; i++)
            {
                var start = Start.AddMonths(rng.Next(0, 24));
                var term = rng.Next(1, 60 - FleetDates.MonthsBetween(Start, start) + 1);
                contracts.Add(Contract("c" + i, 18, 1 + 5 * rng.NextDouble(), term, rng.NextDouble() * 0.3, start,
                    rng.Next(2) == 0 ? RenterCredit.InvestmentGrade : RenterCredit.NonInvestmentGrade, 0.5 + 0.5 * rng.NextDouble()));
            }
            var defaults = mode switch
            {
                0 => DefaultAssumptions.None,
                1 => DefaultAssumptions.Expected,
                _ => Named("c0", contracts[0].Start.AddMonths(rng.Next(contracts[0].TermMonths))),
            };
            return (Fleet(contracts, Vintage(72, 60), defaults, new FleetDebt(0.5, 0.1, null)), spot);
        });

    [Fact]
    public void Backlog_is_never_negative_and_is_zero_from_the_end_of_the_last_contract()
    {
        Fleets.Sample(x =>
        {
            var r = FleetModel.Run(x.Fleet, Model, Flat(x.Fleet, x.Spot));
            var lastEnd = x.Fleet.Contracts.Max(c => x.Fleet.MonthOf(c.Start) + c.TermMonths);
            for (var t = 0; t <= r.LastMonth; t++)
            {
                Assert.True(r.Total.Backlog[t] >= 0, $"month {t}: backlog {r.Total.Backlog[t]}");
                if (t >= lastEnd) Assert.Equal(0, r.Total.Backlog[t]);
            }
            Assert.True(r.Total.Backlog[lastEnd - 1] > 0 || x.Fleet.Defaults.Mode == DefaultMode.Scenario);
        });
    }

    [Fact]
    public void Revenue_is_contracted_plus_spot_and_every_gpu_is_contracted_spot_or_idle()
    {
        Fleets.Sample(x =>
        {
            var r = FleetModel.Run(x.Fleet, Model, Flat(x.Fleet, x.Spot));
            var v = x.Fleet.Deployments[0];
            for (var t = 1; t <= r.LastMonth; t++)
            {
                Assert.Equal(r.Total.ContractedRevenue[t] + r.Total.SpotRevenue[t], r.Schedule[t].Billed, 1e-9 * (1 + r.Schedule[t].Billed));
                Assert.Equal(r.Total.SpotGpus[t] * x.Spot * Rates.HoursPerMonth * x.Fleet.Spot.Utilization, r.Total.SpotRevenue[t], 1e-6);
                Assert.Equal(v.Gpus, r.Total.ContractedGpus[t] + r.Total.SpotGpus[t] + r.Total.IdleGpus[t], 1e-9);
                var s = r.Schedule[t];
                Assert.Equal(s.Capex + s.Prepayment + s.Billed + s.PrepaymentCredit + s.OperatingCost + s.Residual + s.Debt + s.Tax, s.Net, 1e-6 * (1 + Math.Abs(s.Net)));
            }
        });
    }

    [Fact]
    public void Adding_a_contract_priced_above_its_cost_never_lowers_npv()
    {
        // Its cost: its operating cost plus the spot revenue (less the spot operating cost) of the GPUs it takes off the market.
        var system = Model.System(System);
        var capex = CapexModel.Compute(system, SupplierPricing.Scaled(1), Model.Scenario.NetworkTier).PerGpu;
        double Opex(double u) => TcoModel.OperatingCostPerHour(system, capex, Model.Scenario.Operations, u);
        Gen.Select(Fleets, Gen.Double[0, 3], Gen.Double[0.3, 1], Gen.Int[0, 1_000_000]).Sample((x, margin, utilization, seed) =>
        {
            var fleet = x.Fleet with { Defaults = DefaultAssumptions.None };
            var before = FleetModel.Run(fleet, Model, Flat(fleet, x.Spot));
            var rng = new Random(seed);
            var start = Start.AddMonths(rng.Next(0, 30));
            var term = rng.Next(1, 60 - FleetDates.MonthsBetween(Start, start) + 1);
            // The fleet's contracts hold at most 4 x 18 = 72 GPUs: the new one takes what is free in every month of its term.
            var free = Enumerable.Range(FleetDates.MonthsBetween(Start, start), term)
                .Min(k => 72 - fleet.Contracts.Where(c => k >= FleetDates.MonthsBetween(Start, c.Start) && k < FleetDates.MonthsBetween(Start, c.Start) + c.TermMonths).Sum(c => c.Gpus));
            if (free < 1) return;
            var su = fleet.Spot.Utilization;
            var cost = (x.Spot * su + Opex(utilization) - Opex(su)) / utilization;
            var added = Contract("new", free, Math.Max(0, cost) + margin, term, rng.NextDouble() * 0.5, start, utilization: utilization);
            var after = FleetModel.Run(fleet with { Contracts = [.. fleet.Contracts, added] }, Model, Flat(fleet, x.Spot));
            Assert.True(after.Returns.Npv >= before.Returns.Npv - 1e-6 * Math.Abs(before.Returns.Npv), $"NPV {before.Returns.Npv} -> {after.Returns.Npv}");
        });
    }

    [Fact]
    public void Spot_prices_follow_the_forward_curve_of_the_market()
    {
        var prices = MarketTests.LaunchPrices();
        Gpunomics.Pricing.LaunchTrend.TryFit(prices, TestData.Catalog, Model.Scenario.Ceiling.Basis, out var trend, out _);
        var launches = Gpunomics.Market.MarketModel.Launches(TestData.Catalog, prices);
        var obs = Gpunomics.Market.MarketObservationReader.Read(File.ReadAllText(Path.Combine(TestData.DataDir, "market-observations.json")), "market-observations.json", [.. launches.Select(l => l.SystemId)]).Value!;
        var market = Gpunomics.Market.MarketModel.Create(obs, TestData.Catalog, prices, trend);
        var fleet = Fleet([], Vintage(72, 24)) with { Deployments = [new Deployment("v1", "h100", 8, new DateOnly(2024, 1, 1), 24)] };
        var spot = FleetModel.SpotPrices(fleet, market);
        Assert.True(market.TryForwardCurve("h100", Gpunomics.Market.PricingType.OnDemand, new Gpunomics.Market.ForwardCurveOptions { From = new DateOnly(2024, 1, 15), Months = 24 }, out var curve, out _));
        for (var t = 1; t <= 24; t++) Assert.Equal(curve!.Points[t - 1].PricePerGpuHour, spot["h100"].PricePerGpuHour[t], 1e-9);
    }

    [Fact]
    public void A_fitted_spot_curve_that_rises_with_age_carries_a_warning_and_one_that_falls_does_not()
    {
        var launch = new DateOnly(2023, 1, 15);
        Gpunomics.Market.MarketObservation Obs(int days, double price) => new()
        {
            Date = launch.AddDays(days), DateText = "t", SystemId = "h100", Provider = $"p{days}", PricingType = Gpunomics.Market.PricingType.OnDemand,
            PricePerGpuHour = price, Source = "https://example.org",
        };
        Gpunomics.Market.MarketModel Market(double later) =>
            new([Obs(0, 2), Obs(400, later), Obs(800, later * later / 2)], [new Gpunomics.Market.SystemLaunch("h100", launch, "test")], [], null);
        var fleet = Fleet([], Vintage(8, 24)) with { Deployments = [new Deployment("v1", "h100", 8, new DateOnly(2024, 1, 1), 24)] };
        var rising = FleetModel.SpotPrices(fleet, Market(3))["h100"];
        Assert.Contains("rises with age", rising.Warning, StringComparison.Ordinal);
        Assert.True(rising.PricePerGpuHour[24] > rising.PricePerGpuHour[1]);
        Assert.Null(FleetModel.SpotPrices(fleet, Market(1.5))["h100"].Warning);
    }
}
