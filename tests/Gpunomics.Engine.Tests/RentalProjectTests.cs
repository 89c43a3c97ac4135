using CsCheck;
using Gpunomics.Finance;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests;

public class RentalProjectTests
{
    private static readonly string[] Systems = ["h100", "b200", "gb300-nvl72", "vr-nvl72", "tpu-v7"];
    private static readonly ContractTerms FiveYears = new(60, 0.15, 1.0, 0, 0);

    [Fact]
    public void Schedule_pays_capex_and_prepayment_at_month_zero_and_credits_the_prepayment_pro_rata()
    {
        var inputs = new RentalInputs(80_000, 0.9, 3.5, FiveYears);
        var s = RentalProject.Schedule(inputs);
        Assert.Equal(61, s.Count);
        var tcv = 3.5 * 730 * 60;
        Assert.Equal(-80_000 + 0.15 * tcv, s[0].Net, 9);
        Assert.Equal(3.5 * 730 * 0.85 - 0.9 * 730, s[1].Net, 9);
        // Credits add up to the prepayment exactly.
        Assert.Equal(-s[0].Prepayment, s.Sum(m => m.PrepaymentCredit), 6);
    }

    [Fact]
    public void Setup_months_delay_revenue_and_residual_arrives_at_the_end()
    {
        var inputs = new RentalInputs(80_000, 0.9, 3.5, FiveYears with { SetupMonths = 3, ResidualValueShare = 0.1 });
        var s = RentalProject.Schedule(inputs);
        Assert.Equal(64, s.Count);
        Assert.Equal(0, s[3].Billed);
        Assert.True(s[4].Billed > 0);
        Assert.Equal(8_000, s[^1].Residual, 9);
    }

    [Fact]
    public void Floor_price_gives_exactly_the_hurdle_irr()
    {
        var m = TestData.Model;
        foreach (var id in new[] { "h100", "gb300-nvl72", "vr-nvl72", "mi355x" })
        {
            var floor = m.Floor(id);
            var irr = m.Project(id, floor).Irr!.Value;
            Assert.Equal(m.Scenario.HurdleRate, irr, 9);
        }
    }

    [Fact]
    public void Npv_at_the_floor_is_zero_and_is_affine_in_price()
    {
        var m = TestData.Model;
        var inputs = m.ProjectInputs("gb300-nvl72", 0);
        var (a, b) = RentalProject.NpvLine(inputs, 0.156);
        var npvAt = (double p) => RentalProject.Evaluate(inputs with { PricePerGpuHour = p }, 0.156).Npv;
        Assert.Equal(a + 4.2 * b, npvAt(4.2), 6);
        Assert.Equal(0, npvAt(-a / b), 6);
    }

    [Fact]
    public void A_higher_system_price_never_lowers_the_floor()
    {
        var m = TestData.Model;
        Gen.Select(Gen.Double[0.1, 3.0], Gen.Double[0.0, 1.0], Gen.Int[0, 4].Select(i => Systems[i]))
            .Sample((multiplier, extra, id) =>
                m.Floor(id, systemPriceMultiplier: multiplier + extra) >= m.Floor(id, systemPriceMultiplier: multiplier) - 1e-12);
    }

    [Fact]
    public void Irr_rises_with_price_on_the_rental_project()
    {
        var m = TestData.Model;
        Gen.Select(Gen.Double[2.0, 12.0], Gen.Double[0.01, 2.0])
            .Sample((price, step) => m.Project("vr-nvl72", price + step).Irr > m.Project("vr-nvl72", price).Irr);
    }

    [Fact]
    public void A_price_that_never_pays_back_reports_no_payback_and_a_negative_irr()
    {
        var r = TestData.Model.Project("gb300-nvl72", 1.5);
        Assert.Null(r.PaybackMonth);
        Assert.True(r.Irr < 0);
        Assert.True(r.Npv < 0);
    }

    [Fact]
    public void A_price_of_zero_has_no_irr_and_says_why()
    {
        var r = TestData.Model.Project("gb300-nvl72", 0.0);
        Assert.Null(r.Irr);
        Assert.Contains("no inflow", r.IrrNote);
    }

    [Fact]
    public void Money_multiple_is_cash_in_over_cash_out()
    {
        var r = TestData.Model.Project("gb300-nvl72", 3.5);
        var flows = r.Schedule.Select(x => x.Net).ToArray();
        Assert.Equal(flows.Where(f => f > 0).Sum() / -flows.Where(f => f < 0).Sum(), r.Moic!.Value, 12);
        Assert.Equal(Rates.Npv(Rates.AnnualToMonthly(0.156), flows), r.Npv, 9);
    }
}

public class NetCashFlowTests
{
    [Fact]
    public void Net_cash_flows_are_the_schedule_net_column()
    {
        CsCheck.Gen.Select(CsCheck.Gen.Double[10_000, 200_000], CsCheck.Gen.Double[0, 3], CsCheck.Gen.Double[0, 12], CsCheck.Gen.Int[1, 120], CsCheck.Gen.Double[0, 0.9], CsCheck.Gen.Int[0, 6], CsCheck.Gen.Double[0, 0.3])
            .Sample((capex, opex, price, term, prepay, setup, residual) =>
            {
                var inputs = new RentalInputs(capex, opex, price, new ContractTerms(term, prepay, 0.95, setup, residual));
                var flows = RentalProject.NetCashFlows(inputs);
                var schedule = RentalProject.Schedule(inputs).Select(m => m.Net).ToArray();
                Assert.Equal(schedule.Length, flows.Length);
                for (var i = 0; i < flows.Length; i++) Assert.Equal(schedule[i], flows[i], 6);
            });
    }
}
