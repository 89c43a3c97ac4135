using CsCheck;
using Gpunomics.AssetLife;
using Gpunomics.Batch;
using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Inputs;
using Gpunomics.MonteCarlo;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests.AssetLife;

public class AssetLifeTests
{
    private static AcceleratorSystem H100 => TestData.Model.System("h100");

    // Operating cost per GPU-hour at a utilization: $0.10 fixed plus $0.10 at full use.
    private static double Opex(double utilization) => 0.1 + 0.1 * utilization;

    private static void Close(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.Equal(e.Count, a.Count);
        for (var i = 0; i < e.Count; i++) Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"at {i}: expected {e[i]}, got {a[i]}");
    }

    private static AssetLifeFlows Build(AssetLifeAssumptions life, ContractTerms terms, double capex)
    {
        Assert.True(AssetLifePlan.TryBuild(H100, life, terms, capex, Opex, out var flows, out var problem), problem);
        return flows!;
    }

    [Fact]
    public void A_two_year_contract_then_a_one_year_release_then_a_sale_gives_the_hand_worked_flows()
    {
        // Capex $1,000; 24-month take-or-pay contract at $2/GPU-hour, no prepayment, opex $0.20/GPU-hour at full use;
        // then year 3 re-leased at $0.50/GPU-hour, half billed (opex $0.15/GPU-hour); sold at 36 months for 20% of capex.
        var terms = new ContractTerms(24, 0, 1, 0, 0);
        var life = new AssetLifeAssumptions
        {
            UsefulLifeYears = 3, ReleasePrices = [9, 9, 0.5], ReleaseUtilization = 0.5, Residual = new ResidualCurve([0.6, 0.4, 0.2]),
        };
        var inputs = new RentalInputs(1000, Opex(1), 2, terms) { Life = Build(life, terms, 1000) };
        var flows = RentalProject.NetCashFlows(inputs);

        Assert.Equal(37, flows.Length);
        Assert.Equal(-1000, flows[0], 9);
        for (var m = 1; m <= 24; m++) Assert.Equal(2 * 730 - 0.2 * 730, flows[m], 9); // 1,314
        for (var m = 25; m <= 35; m++) Assert.Equal(0.5 * 730 * 0.5 - 0.15 * 730, flows[m], 9); // 73
        Assert.Equal(73 + 200, flows[36], 9);
        // The schedule shows the same flows, the re-lease in the billed line and the sale in the residual line.
        var s = RentalProject.Schedule(inputs);
        Close(flows, s.Select(x => x.Net), 1e-9);
        Assert.Equal(182.5, s[30].Billed, 9);
        Assert.Equal(-109.5, s[30].OperatingCost, 9);
        Assert.Equal(200, s[36].Residual, 9);
    }

    [Fact]
    public void A_ramp_and_an_uncontracted_share_scale_the_billing_and_sell_the_rest_at_spot()
    {
        // 10 billed months after 1 setup month, prepay 10%; ramp from 40% over 3 months; 25% of the hours uncontracted at $1 spot, 80% billed.
        var terms = new ContractTerms(10, 0.1, 1, 1, 0);
        var life = new AssetLifeAssumptions
        {
            UsefulLifeYears = 11 / 12.0, ReleasePrices = [5], RampMonths = 3, RampStartShare = 0.4, UncontractedShare = 0.25, SpotPricePerGpuHour = 1,
            Residual = new ResidualCurve([0.5]),
        };
        var f = Build(life, terms, 1000);
        Close([0.75 * 0.4, 0.75 * 0.6, 0.75 * 0.8, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75], f.BilledShare, 1e-12);
        Assert.Equal(0, f.Revenue[1]); // setup month
        Assert.Equal(0.25 * 1 * 730 * 0.8, f.Revenue[2], 9);
        // Sold at 11 months: 1 - (1 - 0.5) x 11/12 of capex.
        Assert.Equal(1000 * (1 - 0.5 * 11 / 12.0), f.Sale[11], 9);

        var inputs = new RentalInputs(1000, 0.3, 2, terms) { Life = f };
        var tcv = 2 * 730 * (0.3 + 0.45 + 0.6 + 0.75 * 7);
        Assert.Equal(tcv, inputs.TotalContractValue, 9);
        var flows = RentalProject.NetCashFlows(inputs);
        Assert.Equal(-1000 + 0.1 * tcv, flows[0], 9);
        Assert.Equal(2 * 730 * 0.3 * 0.9 - 0.3 * 730 + 146, flows[2], 9);
        Close(flows, RentalProject.Schedule(inputs).Select(x => x.Net), 1e-9);
        // The prepayment is credited in full over the contract.
        Assert.Equal(-RentalProject.Schedule(inputs)[0].Prepayment, RentalProject.Schedule(inputs).Sum(x => x.PrepaymentCredit), 9);
    }

    [Fact]
    public void A_life_ending_before_the_contract_has_no_flows_and_says_why()
    {
        Assert.False(AssetLifePlan.TryBuild(H100, new AssetLifeAssumptions { UsefulLifeYears = 4, ReleasePrices = [1, 1, 1, 1] }, new ContractTerms(60, 0, 1, 0, 0), 1000, Opex, out var f, out var why));
        Assert.Null(f);
        Assert.Contains("4-year life (48 months) ends before the first contract does (month 60", why);
        Assert.False(AssetLifePlan.TryBuild(H100, new AssetLifeAssumptions { UsefulLifeYears = 6, ReleasePrices = [1, 1] }, new ContractTerms(60, 0, 1, 0, 0), 1000, Opex, out _, out why));
        Assert.Contains("gives 2 year(s)", why);
        Assert.False(AssetLifePlan.TryBuild(H100, new AssetLifeAssumptions { UsefulLifeYears = 6 }, new ContractTerms(60, 0, 1, 0, 0), 1000, Opex, out _, out why));
        Assert.Contains("no market observations", why);
        Assert.False(AssetLifePlan.TryBuild(H100, new AssetLifeAssumptions { UsefulLifeYears = 6, Source = ReleasePriceSource.LaunchTrend }, new ContractTerms(60, 0, 1, 0, 0), 1000, Opex, out _, out why));
        Assert.Contains("no price", why);
    }

    [Fact]
    public void Trend_prices_are_the_launch_trend_in_each_year_of_age_times_the_system_pflops()
    {
        var basis = new ThroughputBasis(Precision.Fp8, false);
        var fit = new LaunchTrendFit(Math.Log(6) + 0.3 * 2023, -0.3, basis, null, [], []); // $6/PFLOP-hour in 2023, e^-0.3 a year
        var life = new AssetLifeAssumptions { UsefulLifeYears = 7, StartYear = 2023, ReleaseBelowTrend = 0.2, Source = ReleasePriceSource.LaunchTrend, Trend = new ReleaseTrend(fit, []) };
        var f = Build(life, new ContractTerms(60, 0, 1, 0, 0), 1000);
        var pflops = H100.Pflops(basis)!.Value;
        for (var y = 1; y <= 7; y++) Assert.Equal(0.8 * 6 * Math.Exp(-0.3 * (y - 0.5)) * pflops, f.ReleasePriceByYear[y - 1], 9);
        Assert.Equal(0.8 * 6 * Math.Exp(-0.3 * 5.5) * pflops * 730 * AssetLifeAssumptions.DefaultReleaseUtilization - Opex(0.8) * 730, f.Revenue[61] + f.OperatingCost[61], 9);
        // Past the last year of the default curve, its last share holds.
        Assert.Equal(ResidualCurve.Default.ShareByYear[^1], f.SaleShare);
        Assert.StartsWith("over a 7-year life: 60-month contract, then re-leased for 24 months at $", f.Description);
    }

    private static Scenario WithLife(double years, double uncontracted = 0, int ramp = 0) => TestData.Article with
    {
        AssetLife = new AssetLifeAssumptions
        {
            UsefulLifeYears = years, ReleasePrices = [4, 3.5, 3, 2.5, 2, 1.5, 1.2, 1], UncontractedShare = uncontracted, RampMonths = ramp, RampStartShare = 0.5,
        },
    };

    [Fact]
    public void The_tail_does_not_depend_on_the_contract_price_so_the_flows_stay_affine()
    {
        var s = WithLife(7, 0.1, 4);
        var lo = RentalProject.NetCashFlows(RentalInputs.For(H100, s, 1, SupplierPricing.Scaled(1)));
        var hi = RentalProject.NetCashFlows(RentalInputs.For(H100, s, 3, SupplierPricing.Scaled(1)));
        var mid = RentalProject.NetCashFlows(RentalInputs.For(H100, s, 2, SupplierPricing.Scaled(1)));
        for (var m = 61; m < lo.Length; m++) Assert.Equal(lo[m], hi[m]);
        for (var m = 0; m < lo.Length; m++) Assert.Equal(0.5 * (lo[m] + hi[m]), mid[m], 6);
    }

    [Theory]
    [InlineData(5, 0, 0)]
    [InlineData(6, 0, 0)]
    [InlineData(7, 0.2, 6)]
    public void The_floor_with_a_tail_is_the_numeric_root_of_the_npv(double years, double uncontracted, int ramp)
    {
        var s = WithLife(years, uncontracted, ramp);
        var inputs = RentalInputs.For(H100, s, 0, SupplierPricing.Scaled(1));
        var floor = FloorPrice.Compute(inputs, s.HurdleRate);
        var monthly = Rates.AnnualToMonthly(s.HurdleRate);
        double Npv(double p) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = p }));
        double lo = 0, hi = 100;
        Assert.True(Npv(lo) < 0 && Npv(hi) > 0);
        for (var i = 0; i < 200; i++) { var x = 0.5 * (lo + hi); if (Npv(x) < 0) lo = x; else hi = x; }
        Assert.Equal(0.5 * (lo + hi), floor, 9);
        // The IRR at the floor is the hurdle.
        Assert.Equal(s.HurdleRate, RentalProject.Evaluate(inputs with { PricePerGpuHour = floor }, s.HurdleRate).Irr!.Value, 7);
    }

    [Fact]
    public void A_longer_life_with_positive_releases_lowers_the_floor()
    {
        var floors = new[] { 5.0, 6, 7 }.Select(y => FloorPrice.Compute(RentalInputs.For(H100, WithLife(y), 0, SupplierPricing.Scaled(1)), 0.156)).ToList();
        Assert.True(floors[0] > floors[1] && floors[1] > floors[2], string.Join(", ", floors));
    }

    // Today's flows, written out independently of RentalProject: what every result had before the asset life.
    private static double[] TodaysFlows(double capex, double opex, double price, ContractTerms t)
    {
        var months = t.SetupMonths + t.TermMonths;
        var flows = new double[months + 1];
        flows[0] = -capex + t.PrepayShare * price * 730 * t.BilledUtilization * t.TermMonths;
        for (var m = t.SetupMonths + 1; m <= months; m++) flows[m] = price * 730 * t.BilledUtilization * (1 - t.PrepayShare) - opex * 730;
        flows[months] += t.ResidualValueShare * capex;
        return flows;
    }

    [Fact]
    public void With_the_asset_life_off_the_flows_are_todays()
    {
        Assert.False(TestData.Article.AssetLife.IsOn);
        Gen.Select(Gen.Double[0, 20], Gen.Int[1, 120], Gen.Double[0, 0.9], Gen.Double[0.05, 1], Gen.Int[0, 6], Gen.Double[0, 0.5])
            .Sample((price, term, prepay, util, setup, residual) =>
            {
                var terms = new ContractTerms(term, prepay, util, setup, residual);
                var inputs = RentalInputs.For(H100, TestData.Article, price, SupplierPricing.Scaled(1), terms);
                Assert.Null(inputs.Life);
                var today = TodaysFlows(inputs.CapexPerGpu, inputs.OperatingCostPerHour, price, terms);
                var flows = RentalProject.NetCashFlows(inputs);
                Assert.Equal(today.Length, flows.Length);
                for (var m = 0; m < today.Length; m++) Assert.Equal(today[m], flows[m], 1e-9 * Math.Max(1, Math.Abs(today[m])));
            });
    }

    [Fact]
    public void A_life_as_long_as_the_contract_with_a_flat_curve_gives_todays_flows_with_that_residual()
    {
        Gen.Select(Gen.Double[0, 20], Gen.Int[1, 10], Gen.Double[0, 0.9], Gen.Double[0.05, 1], Gen.Double[0, 0.5])
            .Sample((price, years, prepay, util, residual) =>
            {
                var terms = new ContractTerms(12 * years, prepay, util, 0, residual);
                var s = TestData.Article with
                {
                    Contract = terms,
                    AssetLife = new AssetLifeAssumptions { UsefulLifeYears = years, ReleasePrices = [.. Enumerable.Repeat(1.0, years)], Residual = new ResidualCurve([residual]) },
                };
                var capex = CapexModel.Compute(H100, SupplierPricing.Scaled(1), s.NetworkTier).PerGpu;
                var opex = Tco.TcoModel.OperatingCostPerHour(H100, capex, s.Operations, util);
                var today = TodaysFlows(capex, opex, price, terms);
                var flows = RentalProject.NetCashFlows(RentalInputs.For(H100, s, price, SupplierPricing.Scaled(1)));
                Assert.Equal(today.Length, flows.Length);
                for (var m = 0; m < today.Length; m++) Assert.Equal(today[m], flows[m], 1e-9 * Math.Max(1, Math.Abs(today[m])));
            });
    }

    [Fact]
    public void The_level_batch_refuses_an_asset_life_and_monte_carlo_carries_it_rather_than_drop_it()
    {
        var s = WithLife(6);
        var inputs = RentalInputs.For(H100, s, 2, SupplierPricing.Scaled(1));
        Assert.Throws<ArgumentException>(() => new RentalBatch(1).Set(0, inputs, 0.156));
        var setup = MonteCarloSetup.For(new EconomicsModel(TestData.Catalog, s), "h100", 2);
        Assert.Equal(inputs.Life!.Description, setup.Life!.Description);
        Assert.Contains(ModelInputs.AssetLifeYears, setup.Varied);
    }

    [Fact]
    public void The_one_chart_assumes_the_life_and_says_so()
    {
        var s = WithLife(6);
        var model = new EconomicsModel(TestData.Catalog, s);
        var chart = model.Chart("h100");
        Assert.StartsWith("over a 6-year life: 60-month contract, then re-leased for 12 months at $1.50/GPU-hour (price path)", chart.Life);
        Assert.Equal(model.Floor("h100"), chart.FloorPrice, 9);
        var p = chart.Curves[0].Points[10];
        Assert.Equal(RentalProject.Evaluate(RentalInputs.For(H100, s, p.Price, SupplierPricing.Scaled(chart.Curves[0].Multiplier)), s.HurdleRate).Npv, p.Npv, 6);
        Assert.Null(TestData.Model.Chart("h100").Life);
    }

    [Fact]
    public void The_residual_curve_interpolates_between_years_and_refuses_a_rising_share()
    {
        var c = new ResidualCurve([0.6, 0.4]);
        Assert.Equal(1, c.ShareAt(0));
        Assert.Equal(0.8, c.ShareAt(0.5), 12);
        Assert.Equal(0.5, c.ShareAt(1.5), 12);
        Assert.Equal(0.4, c.ShareAt(9));
        Assert.Throws<ArgumentException>(() => new ResidualCurve([0.4, 0.6]));
    }

    // Reported: a loan of another shape than the plain one (here drawn over months and sized to a minimum DSCR) with an
    // asset life stopped `project` with an index fault: the loan's CFADS ended with the first contract, the life did not.
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.2, 6)]
    public void A_shaped_loan_over_an_asset_life_is_served_from_the_whole_lifes_cash_flow(double uncontracted, int ramp)
    {
        var loan = LoanStructure.Default with { DrawMonths = 3, Sizing = new DebtSizing(DebtSizingMethod.MinDscr, 1.3) };
        var s = WithLife(7, uncontracted, ramp) with
        {
            Contract = TestData.Article.Contract with { SetupMonths = 2 },
            Financing = TestData.Article.Financing with { DebtRate = 0.09, Loan = loan },
        };
        var inputs = RentalInputs.For(H100, s, 2.5, SupplierPricing.Scaled(1));
        var schedule = RentalProject.Schedule(inputs);
        var debt = RentalProject.Debt(inputs)!;
        Assert.Equal(inputs.LastMonth, schedule[^1].Month);
        Assert.Equal(schedule.Count, debt.Months.Count);
        var unlevered = RentalProject.NetCashFlows(inputs with { Financing = null });
        for (var m = 0; m < schedule.Count; m++)
        {
            Assert.Equal(unlevered[m] + (m == 0 ? inputs.CapexPerGpu : 0), debt.Months[m].Cfads, 6);
            // The equity's flow is the project's, with the capex as drawn, plus the loan's.
            Assert.Equal(schedule[m].Capex + debt.Months[m].Cfads + debt.Months[m].EquityFlow, schedule[m].Net, 6);
        }
        Assert.True(debt.MinDscr >= 1.3 * (1 - 1e-9), $"min DSCR {debt.MinDscr}");
    }
}

public class AssetLifeScenarioTests
{
    [Fact]
    public void The_asset_life_keys_are_read_written_and_read_back()
    {
        var r = ScenarioReader.Read("""
            { "assetLife": { "usefulLifeYears": 6, "releasePricesPerGpuHour": [3, "2.5", 2, 1.8, 1.5, 1.2], "releaseUtilization": "70%",
              "rampMonths": 3, "rampStartShare": 0.5, "uncontractedShare": 0.1, "spotPricePerGpuHour": 2.2, "residualCurve": [0.6, "40%", 0.25], "startYear": 2025.5 } }
            """, "life.json", TestData.Article, TestData.Catalog);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var life = r.Value!.AssetLife;
        Assert.Equal(6, life.UsefulLifeYears);
        Assert.Equal([3, 2.5, 2, 1.8, 1.5, 1.2], life.ReleasePrices);
        Assert.Equal(0.7, life.ReleaseUtilization);
        Assert.Equal([0.6, 0.4, 0.25], life.Residual.ShareByYear);
        var back = ScenarioReader.Read(ScenarioWriter.ToJson(r.Value), "back.json", null, TestData.Catalog);
        Assert.True(back.Ok, string.Join("\n", back.Errors));
        Assert.Equal(life with { ReleasePrices = null }, back.Value!.AssetLife with { ReleasePrices = null });
        Assert.Equal(life.ReleasePrices, back.Value.AssetLife.ReleasePrices);
    }

    [Fact]
    public void Without_the_key_the_life_is_off_and_the_written_scenario_has_no_asset_life()
    {
        Assert.Equal(AssetLifeAssumptions.Off, TestData.Article.AssetLife);
        Assert.DoesNotContain("assetLife", ScenarioWriter.ToJson(TestData.Article), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rising_residual_curve_is_an_error_naming_the_key()
    {
        var r = ScenarioReader.Read("""{ "assetLife": { "residualCurve": [0.4, 0.6] } }""", "life.json", TestData.Article, TestData.Catalog);
        var e = Assert.Single(r.Errors);
        Assert.Equal("assetLife.residualCurve", e.Path);
        Assert.Contains("does not rise with age", e.Allowed);
        var bad = ScenarioReader.Read("""{ "assetLife": { "releasePricesPerGpuHour": [1, -2] } }""", "life.json", TestData.Article, TestData.Catalog);
        Assert.Equal("assetLife.releasePricesPerGpuHour[1]", Assert.Single(bad.Errors).Path);
    }
}
