using CsCheck;
using Gpunomics.Batch;
using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests.Batch;

/// <summary>The batch engine with the level loan and corporate tax against the scalar model (schedule, Evaluate, FloorPrice).</summary>
public class FinancedBatchTests
{
    private sealed record Case(ProjectFinancing Financing, (RentalInputs Inputs, double Hurdle)[] Projects);

    // A project: capex 10k-400k, opex $0.05-3/GPU-hour, a price from a tenth of cost to five times it (so below and
    // above the floor), term 1-120 months, setup 0-8, prepay 0-60%, utilization 30-100%, an optional residual.
    private static Gen<(RentalInputs Inputs, double Hurdle)> GenProject(Gen<double> hurdle) =>
        from capex in Gen.Double[10_000, 400_000]
        from opex in Gen.Double[0.05, 3]
        from term in Gen.Int[1, 120]
        from setup in Gen.OneOf(Gen.Const(0), Gen.Int[1, 8])
        from prepay in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.6])
        from utilization in Gen.Double[0.3, 1]
        from residual in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.5])
        from costRatio in Gen.Double[0.1, 5]
        from h in hurdle
        let cost = capex / (term * Rates.HoursPerMonth * utilization) + opex
        select (new RentalInputs(capex, opex, cost * costRatio, new ContractTerms(term, prepay, utilization, setup, residual)), h);

    // Debt 0-90% at 0-20% over the contract term or 1-180 months (a balloon at the end when longer than the project);
    // tax 0 or 1-50%, depreciation over half a year to ten years (a short one puts losses up front to carry forward).
    private static readonly Gen<ProjectFinancing> GenFinancing =
        from share in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.9])
        from rate in Gen.Double[0, 0.2]
        from months in Gen.OneOf(Gen.Const((int?)null), Gen.Int[1, 180].Select(m => (int?)m))
        from tax in Gen.OneOf(Gen.Const(0.0), Gen.Double[0.01, 0.5])
        from years in Gen.Double[0.5, 10]
        select new ProjectFinancing(share, rate, months, tax, years);

    private static readonly Gen<Case> GenCase =
        from f in GenFinancing
        from projects in GenProject(Gen.Double[0, 0.5]).Array[1, 24]
        select new Case(f, projects);

    private static RentalBatchResults Run(Case c, BatchOptions options = default)
    {
        var batch = new RentalBatch(c.Projects.Length) { Financing = c.Financing };
        for (var i = 0; i < c.Projects.Length; i++) batch.Set(i, c.Projects[i].Inputs with { Financing = c.Financing }, c.Projects[i].Hurdle);
        var results = new RentalBatchResults(batch.Count);
        RentalBatchEvaluator.Evaluate(batch, results, options);
        return results;
    }

    // The rounding scale of an NPV: the discounted absolute flows sum |c_t| x^t (far above sum |c_t| below a zero
    // hurdle, where x > 1 multiplies a late month's rounding by x^t).
    private static double Scale(double[] flows, double hurdle) => Rates.Npv(Rates.AnnualToMonthly(hurdle), flows.Select(Math.Abs).ToArray());

    private static void AssertAgrees(Case c, RentalBatchResults r)
    {
        for (var i = 0; i < c.Projects.Length; i++)
        {
            var (inputs, hurdle) = c.Projects[i];
            inputs = inputs with { Financing = c.Financing };
            var scalar = RentalProject.Evaluate(inputs, hurdle);
            var flows = scalar.Schedule.Select(m => m.Net).ToArray();
            var irr = IrrSolver.SolveReturn(flows, Rates.AnnualToMonthly(hurdle));
            Assert.Equal(BatchIrr.StatusOf(irr, flows), r.Status[i]);
            Assert.Equal(scalar.Irr.HasValue, r.Status[i] == IrrStatus.Converged);
            if (scalar.Irr is { } annual)
                Assert.True(Math.Abs(annual - r.Irr[i]) <= 1e-9 * (1 + Math.Abs(annual)), $"scenario {i}: IRR scalar {annual:R}, batch {r.Irr[i]:R}");
            Assert.True(Math.Abs(scalar.Npv - r.Npv[i]) <= 1e-11 * Scale(flows, hurdle), $"scenario {i}: NPV scalar {scalar.Npv:R}, batch {r.Npv[i]:R}");
            var floor = FloorPrice.Compute(inputs, hurdle);
            Assert.True(Math.Abs(floor - r.Floor[i]) <= 1e-9 * Math.Max(1, Math.Abs(floor)), $"scenario {i}: floor scalar {floor:R}, batch {r.Floor[i]:R}");
        }
    }

    [Fact]
    public void Flows_equal_the_scalar_schedule_month_by_month()
    {
        Gen.Select(GenFinancing, GenProject(Gen.Double[0, 0.5])).Sample((f, p) =>
        {
            var inputs = p.Inputs with { Financing = f };
            var batch = new RentalBatch(1) { Financing = f };
            batch.Set(0, inputs, p.Hurdle);
            var kernel = new FinancedFlows(f);
            kernel.Load(batch, 0);
            kernel.Fill(inputs.PricePerGpuHour, true);
            var schedule = RentalProject.Schedule(inputs);
            Assert.Equal(schedule.Count, kernel.Net.Length);
            var scale = schedule.Sum(m => Math.Abs(m.Net));
            for (var m = 0; m < schedule.Count; m++)
                Assert.True(Math.Abs(schedule[m].Net - kernel.Net[m]) <= 1e-13 * scale, $"month {m}: scalar {schedule[m].Net:R}, batch {kernel.Net[m]:R}");
        }, iter: 500);
    }

    [Fact]
    public void Irr_status_npv_and_floor_equal_the_scalar_model()
    {
        GenCase.Sample(c => AssertAgrees(c, Run(c)), iter: 150);
    }

    [Fact]
    public void Simd_and_scalar_options_give_the_same_answers()
    {
        GenCase.Sample(c =>
        {
            var a = Run(c);
            var b = Run(c, BatchOptions.ScalarSingleCore);
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Irr, b.Irr);
            Assert.Equal(a.Npv, b.Npv);
            Assert.Equal(a.Floor, b.Floor);
        }, iter: 50);
    }

    [Fact]
    public void Losses_carried_forward_give_the_scalar_answers()
    {
        // Months of setup (depreciation and interest with no billing) and a short depreciation put losses first,
        // carried into the billed months; the case checks that some were.
        var gen =
            from share in Gen.Double[0.3, 0.9]
            from rate in Gen.Double[0.04, 0.15]
            from tax in Gen.Double[0.1, 0.4]
            from years in Gen.Double[0.5, 2]
            from projects in GenProject(Gen.Double[0, 0.3]).Array[1, 12]
            select new Case(new ProjectFinancing(share, rate, null, tax, years),
                [.. projects.Select(p => (p.Inputs with { Terms = p.Inputs.Terms with { SetupMonths = 3 + p.Inputs.Terms.SetupMonths } }, p.Hurdle))]);
        gen.Sample(c =>
        {
            foreach (var (inputs, _) in c.Projects)
            {
                var s = RentalProject.Schedule(inputs with { Financing = c.Financing });
                Assert.Equal(0.0, s[1].Tax); // setup month: a loss
            }
            AssertAgrees(c, Run(c));
        }, iter: 100);
    }

    [Fact]
    public void A_loan_longer_than_the_project_is_repaid_at_its_end_as_the_scalar_model_repays_it()
    {
        var gen =
            from share in Gen.Double[0.2, 0.9]
            from rate in Gen.Double[0, 0.2]
            from extra in Gen.Int[1, 120]
            from tax in Gen.OneOf(Gen.Const(0.0), Gen.Double[0.05, 0.35])
            from project in GenProject(Gen.Double[0, 0.4])
            let months = project.Inputs.Terms.SetupMonths + project.Inputs.Terms.TermMonths
            select new Case(new ProjectFinancing(share, rate, months + extra, tax, 5), [project]);
        gen.Sample(c =>
        {
            var inputs = c.Projects[0].Inputs with { Financing = c.Financing };
            var s = RentalProject.Schedule(inputs);
            // The balloon: the last month pays more than the level payment of the months before.
            if (s.Count > 2 && c.Financing.DebtRate > 0) Assert.True(s[^1].Debt < s[^2].Debt);
            AssertAgrees(c, Run(c));
        }, iter: 150);
    }

    [Fact]
    public void Below_a_zero_hurdle_the_floor_and_its_absence_are_the_scalar_models()
    {
        var gen =
            from f in GenFinancing
            from p in GenProject(Gen.Double[-0.99, -0.01])
            select (f with { TaxRate = Math.Max(f.TaxRate, 0.3) }, p);
        gen.Sample((f, p) =>
        {
            var inputs = p.Inputs with { Financing = f };
            var batch = new RentalBatch(1) { Financing = f };
            batch.Set(0, inputs, p.Hurdle);
            var results = new RentalBatchResults(1);
            if (FloorPrice.TryCompute(inputs, p.Hurdle, out var floor, out var noFloor))
            {
                RentalBatchEvaluator.Evaluate(batch, results);
                Assert.Equal(floor, results.Floor[0], 1e-9 * Math.Max(1, Math.Abs(floor)));
            }
            else
            {
                var e = Assert.Throws<NoFloorException>(() => RentalBatchEvaluator.Evaluate(batch, results));
                Assert.Equal(noFloor, e.Message);
            }
        }, iter: 100);
    }

    [Fact]
    public void With_tax_the_npv_at_a_hurdle_of_zero_or_more_rises_with_the_price()
    {
        // The law the floor's search rests on (methodology: "Batch IRR", debt and tax): NPV(P + d) - NPV(P) is at
        // least d (B - tax x 730 u T) > 0.
        Gen.Select(GenFinancing, GenProject(Gen.Double[0, 0.5]), Gen.Double[0.001, 2]).Sample((f, p, step) =>
        {
            var inputs = p.Inputs with { Financing = f with { TaxRate = Math.Max(f.TaxRate, 0.05) } };
            var monthly = Rates.AnnualToMonthly(p.Hurdle);
            double Npv(double price) => Rates.Npv(monthly, RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price }));
            var price = inputs.PricePerGpuHour;
            Assert.True(Npv(price + step) > Npv(price), $"NPV at {price} is {Npv(price)}, at {price + step} {Npv(price + step)}");
        }, iter: 300);
    }

    [Fact]
    public void Flows_that_turn_negative_again_once_depreciation_ends_get_the_scalar_verdict()
    {
        // Past the 5-year depreciation tax rises while the loan is still paid: out, in, then out again, with two roots
        // (the second near -100%) or one; the return is kept only where it agrees with NPV at the hurdle.
        var f = new ProjectFinancing(0.6, 0.09, null, 0.21, 5);
        var gen =
            from term in Gen.Int[61, 96]
            from price in Gen.Double[1.5, 4]
            from prepay in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.3])
            from hurdle in Gen.OneOf(Gen.Double[-0.99, -0.9], Gen.Double[-0.5, 0.6])
            select (new RentalInputs(79_000, 0.83, price, new ContractTerms(term, prepay, 1.0, 0, 0), f), hurdle);
        gen.Array[8].Sample(projects =>
        {
            var c = new Case(f, projects.Where(p => p.hurdle >= 0 || FloorPrice.TryCompute(p.Item1, p.hurdle, out _, out _)).ToArray());
            if (c.Projects.Length > 0) AssertAgrees(c, Run(c));
        }, iter: 60);
        // And a fixed sweep that holds such flows for certain, at a hurdle above and far below zero.
        var sweep = (from term in Enumerable.Range(61, 36).Where(t => t % 5 == 1)
                     from k in Enumerable.Range(0, 51)
                     from prepay in new[] { 0.0, 0.1, 0.2, 0.3 }
                     let inputs = new RentalInputs(79_000, 0.83, 1.5 + 0.05 * k, new ContractTerms(term, prepay, 1.0, 0, 0), f)
                     let signs = RentalProject.NetCashFlows(inputs).Where(x => x != 0).Select(Math.Sign).ToArray()
                     where signs[0] < 0 && signs.Zip(signs.Skip(1)).Count(z => z.First != z.Second) == 2
                     from hurdle in new[] { 0.1, -0.95 }
                     where hurdle >= 0 || FloorPrice.TryCompute(inputs, hurdle, out _, out _)
                     select (inputs, hurdle)).ToArray();
        Assert.NotEmpty(sweep);
        AssertAgrees(new Case(f, sweep), Run(new Case(f, sweep)));
    }

    [Fact]
    public void Money_in_first_and_out_after_is_a_borrowing_rate_as_the_scalar_model_says()
    {
        // 80% debt and a 50% prepayment take in more than the capex at month 0; at a price below cost every later month
        // pays out: one root, where NPV rises with the rate.
        var f = new ProjectFinancing(0.8, 0.09, null, 0.21, 5);
        var inputs = new RentalInputs(86_000, 1.5, 1.6, new ContractTerms(60, 0.5, 1.0, 0, 0), f);
        var scalar = RentalProject.Evaluate(inputs, 0.156);
        Assert.NotNull(scalar.BorrowingRate);
        var c = new Case(f, [(inputs, 0.156)]);
        var r = Run(c);
        Assert.Equal(IrrStatus.BorrowingRate, r.Status[0]);
        AssertAgrees(c, r);
    }

    [Fact]
    public void Article_project_with_sixty_percent_debt_at_nine_percent_and_21_percent_tax_gives_the_scalar_figures()
    {
        var f = new ProjectFinancing(0.6, 0.09, null, 0.21, ProjectFinancing.DefaultDepreciationYears);
        var inputs = new RentalInputs(86_000, 0.9, 3.5, new ContractTerms(60, 0.15, 1.0, 0, 0), f);
        var c = new Case(f, [(inputs, 0.156)]);
        AssertAgrees(c, Run(c));
    }

    [Fact]
    public void After_tax_npv_is_affine_in_the_price_up_to_the_first_kink_the_floor_reads_from_its_months()
    {
        // The floor takes Newton's first step from the pre-tax floor as the root when it lands before the first price at
        // which a month turns from a loss to a tax paid, or its loss carried forward stops covering its income
        // (methodology: "Debt and tax in the batch"): NPV(P + d) must be NPV(P) + d x slope for every d below that room,
        // on the scalar model's own flows.
        var affine = 0;
        Gen.Select(GenFinancing, GenProject(Gen.Double[0, 0.5]), Gen.Double[0.05, 0.95]).Sample((f, p, share) =>
        {
            f = f with { TaxRate = Math.Max(f.TaxRate, 0.05) };
            var inputs = p.Inputs with { Financing = f };
            var batch = new RentalBatch(1) { Financing = f };
            batch.Set(0, inputs, p.Hurdle);
            var kernel = new FinancedFlows(f);
            kernel.Load(batch, 0);
            var monthly = Rates.AnnualToMonthly(p.Hurdle);
            var price = inputs.PricePerGpuHour;
            var (npv, slope, room) = kernel.Evaluate(price, 1.0 / (1.0 + monthly));
            var flows = RentalProject.NetCashFlows(inputs);
            var scale = Scale(flows, p.Hurdle);
            Assert.True(Math.Abs(npv - Rates.Npv(monthly, flows)) <= 1e-11 * scale, $"NPV at {price}: batch {npv:R}, scalar {Rates.Npv(monthly, flows):R}");
            if (!(room > 0) || !double.IsFinite(room) || room < 1e-9 * price) return;
            var d = share * room;
            var moved = RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price + d });
            var expected = npv + d * slope;
            Assert.True(Math.Abs(Rates.Npv(monthly, moved) - expected) <= 1e-9 * Scale(moved, p.Hurdle),
                $"NPV at {price} + {d} (room {room}): scalar {Rates.Npv(monthly, moved):R}, affine {expected:R}");
            Interlocked.Increment(ref affine);
        }, iter: 400);
        Assert.True(affine > 100, $"only {affine} draws had room before a kink");
    }

    [Fact]
    public void After_tax_npv_from_the_scenario_pass_equals_the_npv_from_the_loan_schedule_alone()
    {
        // Each trial price of the floor reads x^m and the price-independent part of each month's taxable income from the
        // scenario's pass (FillScenario), or computes them from the loan schedule when there was none (a floor alone):
        // both must give the same NPV, slope and room at any price, the scalar model's NPV among them.
        Gen.Select(GenFinancing, GenProject(Gen.Double[0, 0.5]), Gen.Double[0.2, 3]).Sample((f, p, scale) =>
        {
            f = f with { TaxRate = Math.Max(f.TaxRate, 0.05) };
            var inputs = p.Inputs with { Financing = f };
            var batch = new RentalBatch(1) { Financing = f };
            batch.Set(0, inputs, p.Hurdle);
            var x = 1.0 / (1.0 + Rates.AnnualToMonthly(p.Hurdle));
            var price = scale * inputs.PricePerGpuHour;
            var alone = new FinancedFlows(f);
            alone.Load(batch, 0);
            var fromSchedule = alone.Evaluate(price, x);
            var passed = new FinancedFlows(f);
            passed.Load(batch, 0, schedule: false);
            passed.FillScenario(inputs.PricePerGpuHour, x);
            var fromPass = passed.Evaluate(price, x);
            var flows = RentalProject.NetCashFlows(inputs with { PricePerGpuHour = price });
            var tolerance = 1e-11 * Scale(flows, p.Hurdle);
            Assert.True(Math.Abs(fromPass.Npv - fromSchedule.Npv) <= tolerance, $"NPV at {price}: pass {fromPass.Npv:R}, schedule {fromSchedule.Npv:R}");
            Assert.True(Math.Abs(fromPass.Npv - Rates.Npv(Rates.AnnualToMonthly(p.Hurdle), flows)) <= tolerance, $"NPV at {price}: pass {fromPass.Npv:R}");
            Assert.True(Math.Abs(fromPass.Slope - fromSchedule.Slope) <= 1e-9 * Math.Abs(fromSchedule.Slope), $"slope: pass {fromPass.Slope:R}, schedule {fromSchedule.Slope:R}");
            Assert.True(fromPass.Room == fromSchedule.Room || Math.Abs(fromPass.Room - fromSchedule.Room) <= 1e-9 * (1 + Math.Abs(fromSchedule.Room)),
                $"room: pass {fromPass.Room:R}, schedule {fromSchedule.Room:R}");
        }, iter: 400);
    }
}
