using CsCheck;
using Gpunomics.Batch;
using Gpunomics.Capex;
using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests;

/// <summary>The rental project with an amortizing loan and corporate tax (both off by default).</summary>
public class DebtAndTaxTests
{
    private static readonly ContractTerms FiveYears = new(60, 0.15, 1.0, 0, 0);

    private static RentalInputs Inputs(ProjectFinancing? f, double price = 3.5, ContractTerms? terms = null) =>
        new(86_000, 0.9, price, terms ?? FiveYears, f);

    private static ProjectFinancing Debt(double share, double rate, int? months = null) => ProjectFinancing.None with { DebtShare = share, DebtRate = rate, DebtTermMonths = months };

    private static ProjectFinancing Tax(double rate, double years = 5) => ProjectFinancing.None with { TaxRate = rate, DepreciationYears = years };

    [Fact]
    public void Financing_that_is_all_zero_gives_the_unlevered_pre_tax_flows()
    {
        var plain = RentalProject.NetCashFlows(Inputs(null));
        var zero = RentalProject.NetCashFlows(Inputs(new ProjectFinancing(0, 0.07, 24, 0, 5)));
        Assert.Equal(plain.Length, zero.Length);
        for (var m = 0; m < plain.Length; m++) Assert.Equal(plain[m], zero[m], 9);
    }

    [Theory]
    [InlineData(0.5, 0.08, null)]
    [InlineData(0.7, 0.12, 36)]
    [InlineData(0.3, 0.05, 120)] // longer than the project: the balance is repaid in the last month
    public void The_loan_is_repaid_in_full_and_is_worth_nothing_at_its_own_rate(double share, double rate, int? months)
    {
        var f = Debt(share, rate, months);
        var s = RentalProject.Schedule(Inputs(f));
        var loan = share * 86_000;
        Assert.Equal(loan, s[0].Debt, 9);
        var principal = s.Skip(1).Sum(m => m.Debt - m.Interest);
        Assert.Equal(-loan, principal, 6);
        // Discounted at the loan's own rate the debt flows add nothing: equity NPV = project NPV.
        var equity = RentalProject.NetCashFlows(Inputs(f));
        var project = RentalProject.NetCashFlows(Inputs(null));
        var monthly = Rates.AnnualToMonthly(rate);
        Assert.Equal(Rates.Npv(monthly, project), Rates.Npv(monthly, equity), 6);
    }

    [Fact]
    public void Level_payments_repay_a_loan_over_its_term()
    {
        var s = RentalProject.Schedule(Inputs(Debt(0.5, 0.10, 24)));
        var payments = s.Skip(1).Take(24).Select(m => m.Debt).ToList();
        Assert.All(payments, p => Assert.Equal(payments[0], p, 6));
        Assert.All(s.Skip(25), m => Assert.Equal(0, m.Debt));
        // Month 1 interest is the monthly rate on the whole loan.
        Assert.Equal(-43_000 * Rates.AnnualToMonthly(0.10), s[1].Interest, 9);
    }

    [Fact]
    public void Cheap_debt_raises_the_equity_irr_and_dear_debt_lowers_it()
    {
        var project = IrrSolver.Solve(RentalProject.NetCashFlows(Inputs(null))).RatePerPeriod!.Value;
        var annual = Rates.MonthlyToAnnual(project);
        double Equity(double rate) => Rates.MonthlyToAnnual(IrrSolver.Solve(RentalProject.NetCashFlows(Inputs(Debt(0.5, rate)))).RatePerPeriod!.Value);
        Assert.True(Equity(annual - 0.05) > annual);
        Assert.True(Equity(annual + 0.05) < annual);
    }

    [Fact]
    public void Tax_is_charged_on_income_after_depreciation_with_losses_carried_forward()
    {
        // Capex 120 depreciated over half a year (20 a month), a 12-month contract billing 25 a month, no opex.
        var terms = new ContractTerms(12, 0, 1.0, 0, 0);
        var price = 25.0 / Rates.HoursPerMonth;
        var s = RentalProject.Schedule(new RentalInputs(120, 0, price, terms, Tax(0.25, 0.5)));
        // Months 1-6: taxable 25 - 20 = 5, tax 1.25.
        Assert.All(s.Skip(1).Take(6), m => Assert.Equal(-1.25, m.Tax, 9));
        // Months 7-12: fully depreciated, taxable 25, tax 6.25.
        Assert.All(s.Skip(7), m => Assert.Equal(-6.25, m.Tax, 9));

        // Billing 15 a month: months 1-6 lose 5 each (30 carried), months 7-12 earn 15 each: 30 absorbed in
        // months 7 and 8, then tax on 15 from month 9.
        var low = RentalProject.Schedule(new RentalInputs(120, 0, 15.0 / Rates.HoursPerMonth, terms, Tax(0.25, 0.5)));
        Assert.All(low.Skip(1).Take(7), m => Assert.Equal(0, m.Tax, 9));
        Assert.Equal(0, low[8].Tax, 9);
        Assert.All(low.Skip(9), m => Assert.Equal(-3.75, m.Tax, 9));
    }

    [Fact]
    public void A_residual_above_the_undepreciated_capex_is_taxed_as_a_gain_in_the_last_month()
    {
        var terms = new ContractTerms(12, 0, 1.0, 0, 0.5);
        var s = RentalProject.Schedule(new RentalInputs(120, 0, 30.0 / Rates.HoursPerMonth, terms, Tax(0.25, 2)));
        // Depreciation 5 a month; after 12 months 60 is left on the books and the residual is 60: no gain.
        Assert.Equal(-0.25 * (30 - 5), s[12].Tax, 9);
        var gain = RentalProject.Schedule(new RentalInputs(120, 0, 30.0 / Rates.HoursPerMonth, terms with { ResidualValueShare = 0.75 }, Tax(0.25, 2)));
        Assert.Equal(-0.25 * (30 - 5 + 30), gain[12].Tax, 9);
    }

    [Theory]
    [InlineData(0.21, 0.0)]
    [InlineData(0.30, 0.6)]
    public void The_after_tax_floor_earns_exactly_the_hurdle_and_sits_above_the_pre_tax_floor(double taxRate, double debtShare)
    {
        var f = new ProjectFinancing(debtShare, 0.08, null, taxRate, 5);
        var floor = FloorPrice.Compute(Inputs(f), 0.156);
        var preTax = FloorPrice.Compute(Inputs(f with { TaxRate = 0 }), 0.156);
        Assert.True(floor > preTax);
        var flows = RentalProject.NetCashFlows(Inputs(f, floor));
        Assert.Equal(0, Rates.Npv(Rates.AnnualToMonthly(0.156), flows), 6);
        Assert.Equal(0.156, Rates.MonthlyToAnnual(IrrSolver.Solve(flows).RatePerPeriod!.Value), 9);
    }

    [Fact]
    public void With_tax_the_one_chart_max_system_price_puts_the_floor_on_the_ceiling()
    {
        var scenario = TestData.Article with { Financing = Tax(0.21) };
        var model = new EconomicsModel(TestData.Catalog, scenario);
        var chart = model.Chart("vr-nvl72");
        var max = chart.MaxSystemPriceMultiplier!.Value;
        var floor = FloorPrice.Compute(RentalInputs.For(model.System("vr-nvl72"), scenario, 0, SupplierPricing.Scaled(max)), scenario.HurdleRate);
        Assert.Equal(chart.Ceiling, floor, 6);
        // And its curves come from the scalar solver on the after-tax flows.
        var point = chart.Curves[0].Points[40];
        var irr = model.Project("vr-nvl72", point.Price, null, chart.Curves[0].Multiplier).Irr;
        Assert.Equal(irr!.Value, point.Irr!.Value, 9);
    }

    [Fact]
    public void With_tax_the_max_system_price_is_where_the_floor_crosses_the_ceiling_within_1e_10()
    {
        // The multiplier is found by secants confirmed on both sides (OneChartBuilder.MultiplierAt): the floor just
        // below it is under the ceiling and just above it at or over it, for any level loan, tax and hurdle.
        var gen =
            from share in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.8])
            from rate in Gen.Double[0, 0.15]
            from tax in Gen.Double[0.05, 0.4]
            from years in Gen.Double[1, 8]
            from hurdle in Gen.Double[0.05, 0.3]
            from system in Gen.OneOf(Gen.Const("gb300-nvl72"), Gen.Const("vr-nvl72"), Gen.Const("b200"))
            select (new ProjectFinancing(share, rate, null, tax, years), hurdle, system);
        gen.Sample(c =>
        {
            var scenario = TestData.Article with { Financing = c.Item1, HurdleRate = c.hurdle };
            var model = new EconomicsModel(TestData.Catalog, scenario);
            var chart = model.Chart(c.system);
            if (chart.MaxSystemPriceMultiplier is not { } max) return;
            double Floor(double m) => RentalBatchEvaluator.Floor(RentalInputs.For(model.System(c.system), scenario, 0, SupplierPricing.Scaled(m)), c.hurdle);
            Assert.True(Floor(max - 1e-10) < chart.Ceiling, $"floor at {max} - 1e-10 is {Floor(max - 1e-10)}, ceiling {chart.Ceiling}");
            Assert.True(Floor(max + 1e-10) >= chart.Ceiling, $"floor at {max} + 1e-10 is {Floor(max + 1e-10)}, ceiling {chart.Ceiling}");
        }, iter: 60);
    }

    [Fact]
    public void A_batch_with_debt_and_tax_gives_the_scalar_models_answers()
    {
        var f = new ProjectFinancing(0.5, 0.08, 48, 0.25, 4);
        var batch = new RentalBatch(6) { Financing = f };
        for (var i = 0; i < batch.Count; i++)
            batch.Set(i, new RentalInputs(60_000 + 10_000 * i, 0.6 + 0.1 * i, 2.5 + 0.5 * i, new ContractTerms(36 + 6 * i, 0.05 * i, 1.0 - 0.05 * i, i % 3, 0.1), f), 0.12 + 0.01 * i);
        var results = new RentalBatchResults(batch.Count);
        RentalBatchEvaluator.Evaluate(batch, results);
        Assert.Contains(results.Status, s => s == IrrStatus.Converged);
        for (var i = 0; i < batch.Count; i++)
        {
            var inputs = batch.Inputs(i);
            var scalar = RentalProject.Evaluate(inputs, batch.Hurdle[i]);
            Assert.Equal(scalar.Irr is not null, results.Status[i] == IrrStatus.Converged);
            // The batch computes the months over arrays and solves by Newton: equal to rounding, not to the bit.
            if (scalar.Irr is { } irr) Assert.Equal(irr, results.Irr[i], 1e-11);
            Assert.Equal(scalar.Npv, results.Npv[i], 6);
            Assert.Equal(FloorPrice.Compute(inputs, batch.Hurdle[i]), results.Floor[i], 1e-11);
        }
    }

    [Fact]
    public void With_a_balloon_the_return_is_the_root_where_npv_falls_and_agrees_with_npv_at_the_hurdle()
    {
        // A 72-month loan on a 60-month contract: the balance left is repaid in the last month, so the
        // equity flows go -, +, ..., +, - and two rates make NPV zero.
        var f = Debt(0.3, 0.07, 72);
        var inputs = Inputs(f, 5.0, FiveYears with { PrepayShare = 0 });
        var flows = RentalProject.NetCashFlows(inputs);
        Assert.Equal(2, IrrSolver.Solve(flows).Roots.Count);
        Assert.False(IrrSolver.Solve(flows).HasRate);
        var r = RentalProject.Evaluate(inputs, 0.05);
        var irr = r.Irr!.Value;
        Assert.Contains("NPV falls", r.IrrNote, StringComparison.Ordinal);
        foreach (var hurdle in new[] { 0.0, 0.05, irr - 0.01, irr + 0.01, 0.5 })
        {
            var npv = Rates.Npv(Rates.AnnualToMonthly(hurdle), flows);
            Assert.Equal(hurdle < irr, npv > 0);
        }
    }

    [Fact]
    public void With_three_roots_only_the_flows_with_one_falling_root_get_a_return()
    {
        // Roots at 10%, 20% and 30% per period: (1 - 1.1x)(1 - 1.2x)(1 - 1.3x) in x = 1 / (1 + r).
        double[] f = [1, -3.6, 4.31, -1.716];
        double[] g = [.. f.Select(c => -c)];
        var a = IrrSolver.SolveReturn(f);
        var b = IrrSolver.SolveReturn(g);
        Assert.NotEqual(a.HasRate, b.HasRate);
        Assert.Equal(0.20, (a.RatePerPeriod ?? b.RatePerPeriod)!.Value, 9);
        Assert.Equal(3, (a.HasRate ? b : a).Roots.Count);
    }

    [Fact]
    public void The_after_tax_floor_earns_the_hurdle_for_any_project_debt_and_tax()
    {
        CsCheck.Gen.Select(
                CsCheck.Gen.Select(CsCheck.Gen.Double[30_000, 150_000], CsCheck.Gen.Double[0.2, 2.0], CsCheck.Gen.Int[24, 96], CsCheck.Gen.Double[0, 0.3], CsCheck.Gen.Int[0, 4]),
                CsCheck.Gen.Select(CsCheck.Gen.Double[0, 0.8], CsCheck.Gen.Double[0, 0.15], CsCheck.Gen.Int[12, 120], CsCheck.Gen.Double[0.05, 0.45], CsCheck.Gen.Double[1, 8]),
                CsCheck.Gen.Double[0.05, 0.3])
            .Sample((project, financing, hurdle) =>
            {
                var (capex, opex, term, prepay, setup) = project;
                var (share, rate, months, tax, years) = financing;
                var inputs = new RentalInputs(capex, opex, 0, new ContractTerms(term, prepay, 1.0, setup, 0.1), new ProjectFinancing(share, rate, months, tax, years));
                var floor = FloorPrice.Compute(inputs, hurdle);
                var flows = RentalProject.NetCashFlows(inputs with { PricePerGpuHour = floor });
                var scale = flows.Sum(Math.Abs);
                Assert.InRange(Rates.Npv(Rates.AnnualToMonthly(hurdle), flows) / scale, -1e-9, 1e-9);
                // And a cent more clears the hurdle, a cent less does not.
                Assert.True(Rates.Npv(Rates.AnnualToMonthly(hurdle), RentalProject.NetCashFlows(inputs with { PricePerGpuHour = floor + 0.01 })) > 0);
                Assert.True(Rates.Npv(Rates.AnnualToMonthly(hurdle), RentalProject.NetCashFlows(inputs with { PricePerGpuHour = floor - 0.01 })) < 0);
            }, iter: 300);
    }

    [Fact]
    public void With_tax_at_a_hurdle_far_below_zero_there_is_no_floor_and_it_says_why()
    {
        // The reported case: 99% tax, 99% debt at 8%, hurdle -99%, the shipped 15% prepay.
        var inputs = new RentalInputs(86_000, 0.9, 0, FiveYears, new ProjectFinancing(0.99, 0.08, null, 0.99, 5));
        Assert.False(FloorPrice.TryCompute(inputs, -0.99, out _, out var noFloor));
        Assert.StartsWith("no floor exists: ", noFloor);
        Assert.Contains("-99% hurdle", noFloor);
        var e = Assert.Throws<NoFloorException>(() => FloorPrice.Compute(inputs, -0.99));
        Assert.Equal(noFloor, e.Message);
        // Without the prepayment the same project has a floor.
        Assert.True(FloorPrice.TryCompute(inputs with { Terms = FiveYears with { PrepayShare = 0 } }, -0.99, out _, out _));
    }

    [Fact]
    public void Where_the_after_tax_npv_turns_positive_and_falls_again_the_floor_is_the_lowest_price_reaching_the_hurdle()
    {
        // Found by the property below (seed fsfQw228B5C2): 68% tax, 49% prepaid, 106 months, a -85% hurdle. The NPV at
        // the hurdle is positive at $2/GPU-hour and negative again higher up, where a doubling search had stepped over it.
        var inputs = new RentalInputs(86_000, 0.9, 0, new ContractTerms(106, 24.0 / 49, 1.0, 0, 0), new ProjectFinancing(0, 0, null, 0.6814952601258755, 5));
        const double hurdle = -0.8522266962544305;
        var monthly = Rates.AnnualToMonthly(hurdle);
        double Npv(double price) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price }));
        Assert.True(Npv(2) > 0);
        Assert.True(FloorPrice.TryCompute(inputs, hurdle, out var floor, out _));
        Assert.True(Npv(floor - 1e-4) < 0);
        Assert.True(Npv(floor + 1e-4) > 0);
        Assert.True(floor <= 2);
    }

    [Fact]
    public void Over_the_declared_ranges_a_floor_earns_the_hurdle_and_without_one_no_price_tried_does()
    {
        var hurdleRange = Gpunomics.Inputs.ModelInputs.Hurdle.Range;
        CsCheck.Gen.Select(
                CsCheck.Gen.Select(CsCheck.Gen.Double[0, 0.99], CsCheck.Gen.Double[0, 1], CsCheck.Gen.Double[0, 0.99], CsCheck.Gen.Double[0, 0.99]),
                CsCheck.Gen.OneOf(CsCheck.Gen.Double[hurdleRange.Min, -0.5], CsCheck.Gen.Double[hurdleRange.Min, hurdleRange.Max]),
                CsCheck.Gen.Int[1, 120])
            .Sample((financing, hurdle, term) =>
            {
                var (share, rate, tax, prepay) = financing;
                var inputs = new RentalInputs(86_000, 0.9, 0, new ContractTerms(term, prepay, 1.0, 0, 0), new ProjectFinancing(share, rate, null, tax, 5));
                var monthly = Rates.AnnualToMonthly(hurdle);
                double Npv(double price) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price }));
                if (FloorPrice.TryCompute(inputs, hurdle, out var floor, out var noFloor))
                {
                    Assert.True(double.IsFinite(floor));
                    Assert.Null(noFloor);
                    // A hundredth of a cent less misses the hurdle, as much more clears it.
                    var where = $"floor {floor} (debt {share} at {rate}, tax {tax}, prepay {prepay}, hurdle {hurdle}, {term} months)";
                    Assert.True(Npv(floor - 1e-4) < 0, where);
                    Assert.True(Npv(floor + 1e-4) > 0, where);
                }
                else
                {
                    Assert.StartsWith("no floor exists: ", noFloor);
                    foreach (var price in new[] { 0, 0.5, 1, 2, 5, 10, 100, 1e3, 1e4, 1e6 })
                        Assert.True(Npv(price) < 0, $"no floor reported, yet ${price}/GPU-hour clears the hurdle");
                }
            }, iter: 400);
    }
}
