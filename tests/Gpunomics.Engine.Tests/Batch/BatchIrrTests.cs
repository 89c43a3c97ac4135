using CsCheck;
using Gpunomics.Batch;
using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests.Batch;

public class BatchIrrTests
{
    private record struct Level(double Initial, double Rent, double Terminal, int First, int Periods);

    // Capex 1k..200k; rents from a tenth to four times the straight-line repayment; setup 0..4 months;
    // 1..360 level months; an optional residual. Covers negative, near-zero and very high IRRs.
    private static readonly Gen<Level> GenLevel =
        from capex in Gen.Double[1_000, 200_000]
        from periods in Gen.Int[1, 360]
        from ratio in Gen.Double[0.1, 4.0]
        from first in Gen.Int[1, 5]
        from residual in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.5])
        select new Level(-capex, capex / periods * ratio, residual * capex, first, periods);

    private static LevelFlows ToFlows(Level[] levels)
    {
        var f = new LevelFlows(levels.Length);
        for (var i = 0; i < levels.Length; i++)
        {
            f.Initial[i] = levels[i].Initial;
            f.Level[i] = levels[i].Rent;
            f.Terminal[i] = levels[i].Terminal;
            f.FirstLevelPeriod[i] = levels[i].First;
            f.LevelPeriods[i] = levels[i].Periods;
        }
        return f;
    }

    private static void AssertAgreesWithScalar(LevelFlows f, double[] rate, IrrStatus[] status)
    {
        for (var i = 0; i < f.Count; i++)
        {
            var flows = f.Expand(i);
            var scalar = IrrSolver.Solve(flows);
            Assert.Equal(BatchIrr.StatusOf(scalar, flows), status[i]);
            if (scalar.HasRate)
                Assert.True(Math.Abs(scalar.RatePerPeriod!.Value - rate[i]) <= 1e-10 * (1 + Math.Abs(rate[i])),
                    $"scenario {i}: scalar {scalar.RatePerPeriod:R}, batch {rate[i]:R}");
            else
                Assert.Equal(0.0, rate[i]);
        }
    }

    [Fact]
    public void Level_batch_agrees_with_the_scalar_solver_on_random_flows()
    {
        GenLevel.Array[1, 40].Sample(levels =>
        {
            var f = ToFlows(levels);
            var rate = new double[f.Count];
            var status = new IrrStatus[f.Count];
            BatchIrr.SolveLevel(f, rate, status);
            AssertAgreesWithScalar(f, rate, status);
        }, iter: 300);
    }

    [Fact]
    public void Simd_and_scalar_batch_paths_agree()
    {
        GenLevel.Array[4, 64].Sample(levels =>
        {
            var f = ToFlows(levels);
            double[] r1 = new double[f.Count], r2 = new double[f.Count];
            IrrStatus[] s1 = new IrrStatus[f.Count], s2 = new IrrStatus[f.Count];
            BatchIrr.SolveLevel(f, r1, s1, BatchOptions.Default);
            BatchIrr.SolveLevel(f, r2, s2, BatchOptions.ScalarSingleCore);
            Assert.Equal(s2, s1);
            for (var i = 0; i < f.Count; i++) Assert.True(Math.Abs(r1[i] - r2[i]) <= 1e-11 * (1 + Math.Abs(r1[i])), $"{i}: {r1[i]:R} vs {r2[i]:R}");
        }, iter: 200);
    }

    [Fact]
    public void Large_batch_over_all_cores_agrees_with_the_scalar_solver()
    {
        var rng = new Random(20260101);
        var levels = new Level[50_000];
        for (var i = 0; i < levels.Length; i++)
        {
            var capex = 1_000 + rng.NextDouble() * 199_000;
            var periods = 1 + rng.Next(360);
            levels[i] = new Level(-capex, capex / periods * (0.1 + 3.9 * rng.NextDouble()), rng.Next(2) * 0.5 * rng.NextDouble() * capex, 1 + rng.Next(5), periods);
        }
        var f = ToFlows(levels);
        var rate = new double[f.Count];
        var status = new IrrStatus[f.Count];
        BatchIrr.SolveLevel(f, rate, status);
        // Check a stride of the scenarios (each scalar solve scans a grid).
        for (var i = 0; i < f.Count; i += 97)
        {
            var flows = f.Expand(i);
            var scalar = IrrSolver.Solve(flows);
            Assert.Equal(BatchIrr.StatusOf(scalar, flows), status[i]);
            if (scalar.HasRate) Assert.Equal(scalar.RatePerPeriod!.Value, rate[i], 10);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-9)]
    [InlineData(-1e-7)]
    [InlineData(2e-6)]
    [InlineData(-0.004)]
    [InlineData(0.15)]
    public void Level_flows_near_zero_and_negative_irr_recover_the_rate(double monthly)
    {
        foreach (var months in new[] { 1, 12, 60, 120, 360 })
        {
            var rent = 1000.0;
            var pv = 0.0;
            for (var t = months; t >= 1; t--) pv = (pv + rent) / (1 + monthly);
            var f = new LevelFlows(5);
            for (var i = 0; i < 5; i++) { f.Initial[i] = -pv; f.Level[i] = rent; f.FirstLevelPeriod[i] = 1; f.LevelPeriods[i] = months; }
            var rate = new double[5];
            var status = new IrrStatus[5];
            BatchIrr.SolveLevel(f, rate, status);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(IrrStatus.Converged, status[i]);
                Assert.True(Math.Abs(rate[i] - monthly) < 1e-11, $"{months} months, lane {i}: {rate[i]:R} vs {monthly:R}");
            }
        }
    }

    [Fact]
    public void Flows_without_an_outflow_or_inflow_get_a_status_not_a_rate_and_deep_losses_still_solve()
    {
        var f = new LevelFlows(6);
        double[] initial = [100, -100, -100, 0, -5000, -1000];
        double[] level = [10, -10, 0, 0, 10, 1];
        for (var i = 0; i < 6; i++) { f.Initial[i] = initial[i]; f.Level[i] = level[i]; f.FirstLevelPeriod[i] = 1; f.LevelPeriods[i] = 24; }
        var rate = new double[6];
        var status = new IrrStatus[6];
        BatchIrr.SolveLevel(f, rate, status);
        Assert.Equal([IrrStatus.NoOutflow, IrrStatus.NoInflow, IrrStatus.NoInflow, IrrStatus.NoOutflow, IrrStatus.Converged, IrrStatus.Converged], status);
        Assert.All(rate[..4], r => Assert.Equal(0.0, r));
        Assert.All(rate[4..], r => Assert.True(r < -0.1, $"deep loss rate {r}"));
        AssertAgreesWithScalar(f, rate, status);
    }

    private static (double[] Rate, IrrStatus[] Status) SolveBothPaths(LevelFlows f, BatchOptions options)
    {
        var rate = new double[f.Count];
        var status = new IrrStatus[f.Count];
        BatchIrr.SolveLevel(f, rate, status, options);
        return (rate, status);
    }

    private static LevelFlows Repeat(double initial, double level, double terminal, int first, int periods, int count)
    {
        var f = new LevelFlows(count);
        for (var i = 0; i < count; i++) { f.Initial[i] = initial; f.Level[i] = level; f.Terminal[i] = terminal; f.FirstLevelPeriod[i] = first; f.LevelPeriods[i] = periods; }
        return f;
    }

    // The accuracy an answer is held to: the batch's check bounds u = ln(1 + r) within 2e-9, the scalar solver r within 1e-13 (relative above 1).
    private static double Allowed(double rate) => Math.Max(2e-9 * (1 + rate), 1e-12 * Math.Max(1, Math.Abs(rate)));

    [Fact]
    public void Sixty_tiny_rents_on_an_outlay_are_a_deep_loss_not_minus_100_percent()
    {
        // -1, then 60 rents of 1e-11: the IRR is -33.22% a month (high-precision reference).
        var f = Repeat(-1, 1e-11, 0, 1, 60, 6);
        var reference = ReferenceIrr.Irr(f.Expand(0)).Rate;
        Assert.Equal(-0.3322, reference, 4);
        foreach (var options in new[] { BatchOptions.Default, BatchOptions.ScalarSingleCore })
        {
            var (rate, status) = SolveBothPaths(f, options);
            for (var i = 0; i < f.Count; i++)
            {
                Assert.Equal(IrrStatus.Converged, status[i]);
                Assert.Equal(reference, rate[i], Allowed(reference));
            }
        }
        var general = new double[61 * 4];
        for (var t = 0; t <= 60; t++) for (var i = 0; i < 4; i++) general[t * 4 + i] = t == 0 ? -1 : 1e-11;
        var (gr, gs) = (new double[4], new IrrStatus[4]);
        BatchIrr.SolveGeneral(general, 61, 4, gr, gs);
        Assert.All(gs, s => Assert.Equal(IrrStatus.Converged, s));
        Assert.All(gr, r => Assert.Equal(reference, r, Allowed(reference)));
    }

    [Fact]
    public void An_irr_near_or_above_the_top_of_the_range_is_solved_or_flagged_above_it()
    {
        foreach (var options in new[] { BatchOptions.Default, BatchOptions.ScalarSingleCore })
        {
            var (rate, status) = SolveBothPaths(Repeat(-1, 120, 0, 1, 1, 4), options);
            Assert.All(status, s => Assert.Equal(IrrStatus.Converged, s));
            Assert.All(rate, r => Assert.Equal(119, r, 1e-9));
            (rate, status) = SolveBothPaths(Repeat(-1, 200, 0, 1, 1, 4), options);
            Assert.All(status, s => Assert.Equal(IrrStatus.AboveSearchRange, s));
            Assert.All(rate, r => Assert.Equal(0.0, r));
        }
    }

    // Level streams on an outlay of 1: deep losses (inflows 1e-12 of it), near break-even (inflows within 1e-9..1e-2
    // of it), ordinary returns, and rates near and above the top of the searched range.
    private static readonly Gen<Level> GenHard =
        from periods in Gen.Int[1, 360]
        from first in Gen.Int[1, 5]
        from ratio in Gen.OneOf(
            Gen.Double[-12, 0].Select(e => Math.Pow(10, e)),
            Gen.Double[-9, -2].SelectMany(e => Gen.OneOf(Gen.Const(1.0), Gen.Const(-1.0)).Select(sign => 1 + sign * Math.Pow(10, e))),
            Gen.Double[0.1, 4],
            Gen.Double[0, 2.5].Select(e => Math.Pow(10, e)))
        from residual in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 0.5])
        select new Level(-1, ratio * (1 - residual) / periods, ratio * residual, first, periods);

    [Fact]
    public void Batch_and_scalar_solvers_agree_with_a_high_precision_reference_on_hard_level_flows()
    {
        GenHard.Array[1, 24].Sample(levels =>
        {
            var f = ToFlows(levels);
            var simd = SolveBothPaths(f, BatchOptions.Default);
            var scalarPath = SolveBothPaths(f, BatchOptions.ScalarSingleCore);
            for (var i = 0; i < f.Count; i++)
            {
                var flows = f.Expand(i);
                var (reference, logRate) = ReferenceIrr.Irr(flows);
                var expected = logRate > IrrSolver.MaxLogRate ? IrrStatus.AboveSearchRange
                    : logRate < Math.Max(-30, -700.0 / (flows.Length - 1)) ? IrrStatus.NoRoot
                    : IrrStatus.Converged;
                var scalar = IrrSolver.Solve(flows);
                Assert.Equal(expected, BatchIrr.StatusOf(scalar, flows));
                Assert.Equal(expected, simd.Status[i]);
                Assert.Equal(expected, scalarPath.Status[i]);
                if (expected != IrrStatus.Converged) continue;
                var allowed = Allowed(reference);
                Assert.True(Math.Abs(scalar.RatePerPeriod!.Value - reference) <= allowed, $"scenario {i}: scalar {scalar.RatePerPeriod:R}, reference {reference:R}");
                Assert.True(Math.Abs(simd.Rate[i] - reference) <= allowed, $"scenario {i}: SIMD batch {simd.Rate[i]:R}, reference {reference:R}");
                Assert.True(Math.Abs(scalarPath.Rate[i] - reference) <= allowed, $"scenario {i}: scalar batch {scalarPath.Rate[i]:R}, reference {reference:R}");
            }
        }, iter: 150);
    }

    [Fact]
    public void Rental_batch_at_a_price_just_above_the_operating_cost_matches_the_project()
    {
        // Without prepayment the monthly rent net of opex is 730 (price - opex): 5e-8 above the operating cost it is
        // $3.65e-5 a month on about $86k of capex, a loss of nearly everything.
        var model = TestData.Model;
        var opex = model.ProjectInputs("gb300-nvl72", 3.0).OperatingCostPerHour;
        var inputs = model.ProjectInputs("gb300-nvl72", opex + 5e-8);
        inputs = inputs with { Terms = inputs.Terms with { PrepayShare = 0 } };
        var project = RentalProject.Evaluate(inputs, model.Scenario.HurdleRate);
        var reference = Rates.MonthlyToAnnual(ReferenceIrr.Irr(RentalProject.NetCashFlows(inputs)).Rate);
        Assert.Equal(reference, project.Irr!.Value, 1e-9);
        Assert.InRange(reference, -0.999, -0.95);
        var batch = new RentalBatch(8);
        for (var i = 0; i < 8; i++) batch.Set(i, inputs, model.Scenario.HurdleRate);
        var results = new RentalBatchResults(8);
        RentalBatchEvaluator.Evaluate(batch, results);
        Assert.All(results.Status, s => Assert.Equal(IrrStatus.Converged, s));
        Assert.All(results.Irr, irr => Assert.Equal(reference, irr, 1e-9));
    }

    [Fact]
    public void General_batch_agrees_with_the_scalar_solver_including_late_negative_flows()
    {
        var gen = from periods in Gen.Int[2, 130]
                  from count in Gen.Int[1, 20]
                  from values in Gen.Double[-1, 1].Array[periods * count]
                  from capex in Gen.Double[10, 200].Array[count]
                  from lateNegative in Gen.Bool
                  select (periods, count, values, capex, lateNegative);
        gen.Sample(g =>
        {
            var (periods, count, values, capex, lateNegative) = g;
            var flows = new double[periods * count];
            for (var i = 0; i < count; i++)
            {
                flows[i] = -capex[i];
                for (var t = 1; t < periods; t++) flows[t * count + i] = 1.5 + values[t * count + i];
                if (lateNegative && i % 2 == 0) flows[(periods - 1) * count + i] = -capex[i] * 0.3;
            }
            var rate = new double[count];
            var status = new IrrStatus[count];
            BatchIrr.SolveGeneral(flows, periods, count, rate, status);
            for (var i = 0; i < count; i++)
            {
                var column = new double[periods];
                for (var t = 0; t < periods; t++) column[t] = flows[t * count + i];
                var scalar = IrrSolver.Solve(column);
                Assert.Equal(BatchIrr.StatusOf(scalar, column), status[i]);
                if (scalar.HasRate) Assert.True(Math.Abs(scalar.RatePerPeriod!.Value - rate[i]) <= 1e-10 * (1 + Math.Abs(rate[i])), $"{scalar.RatePerPeriod:R} vs {rate[i]:R}");
            }
        }, iter: 200);
    }

    [Fact]
    public void General_scenarios_get_the_answers_their_vector_of_four_gets_alone_whatever_the_count()
    {
        // Sixteen scenarios at a time are solved together, their flows copied out of the caller's layout; a batch of four
        // is one vector, solved alone, and the last count mod 4 scenarios, like a batch of fewer than four, go the scalar
        // path. Counts up to 300 cover all three, powers of two among them; late outflows send some lanes (and with them
        // their vector of four) to the scalar path.
        var gen = from periods in Gen.Int[2, 130]
                  from count in Gen.OneOf(Gen.Int[1, 300], Gen.Int[4, 8].Select(k => 1 << k))
                  from seed in Gen.Int
                  from lateNegative in Gen.Double[0, 0.3]
                  select (periods, count, seed, lateNegative);
        gen.Sample(g =>
        {
            var (periods, count, seed, lateNegative) = g;
            var random = new Random(seed);
            var flows = new double[periods * count];
            for (var i = 0; i < count; i++)
            {
                var capex = 10 + 190 * random.NextDouble();
                flows[i] = -capex;
                for (var t = 1; t < periods; t++) flows[t * count + i] = 0.5 + 2 * random.NextDouble();
                if (random.NextDouble() < lateNegative) flows[(periods - 1) * count + i] = -capex * 0.3;
            }
            var rate = new double[count];
            var status = new IrrStatus[count];
            BatchIrr.SolveGeneral(flows, periods, count, rate, status, new BatchOptions(false, 1));
            for (var first = 0; first < count; first += 4)
            {
                var width = Math.Min(4, count - first);
                var alone = new double[periods * width];
                for (var t = 0; t < periods; t++) flows.AsSpan(t * count + first, width).CopyTo(alone.AsSpan(t * width));
                var (aloneRate, aloneStatus) = (new double[width], new IrrStatus[width]);
                BatchIrr.SolveGeneral(alone, periods, width, aloneRate, aloneStatus);
                Assert.Equal(aloneStatus, status.AsSpan(first, width).ToArray());
                Assert.Equal(aloneRate, rate.AsSpan(first, width).ToArray());
            }
        }, iter: 100);
    }

    [Fact]
    public void Rental_batch_agrees_with_the_scalar_rental_project_and_floor()
    {
        var gen = from capex in Gen.Double[5_000, 120_000]
                  from opex in Gen.Double[0.05, 2.0]
                  from price in Gen.Double[0.5, 12]
                  from term in Gen.Int[1, 120]
                  from prepay in Gen.Double[0, 0.5]
                  from util in Gen.Double[0.3, 1]
                  from setup in Gen.Int[0, 4]
                  from residual in Gen.Double[0, 0.3]
                  from hurdle in Gen.Double[-0.2, 0.6]
                  select (new RentalInputs(capex, opex, price, new ContractTerms(term, prepay, util, setup, residual)), hurdle);
        gen.Array[1, 24].Sample(items =>
        {
            var batch = new RentalBatch(items.Length);
            for (var i = 0; i < items.Length; i++) batch.Set(i, items[i].Item1, items[i].hurdle);
            var results = new RentalBatchResults(items.Length);
            RentalBatchEvaluator.Evaluate(batch, results);
            for (var i = 0; i < items.Length; i++)
            {
                var (inputs, hurdle) = items[i];
                var scalar = RentalProject.Evaluate(inputs, hurdle);
                Assert.Equal(scalar.Irr.HasValue, results.Status[i] == IrrStatus.Converged);
                if (scalar.Irr is { } irr) Assert.True(Math.Abs(irr - results.Irr[i]) <= 1e-9 * (1 + Math.Abs(irr)), $"IRR {irr:R} vs {results.Irr[i]:R}");
                Assert.True(Math.Abs(scalar.Npv - results.Npv[i]) <= 1e-7 * (1 + Math.Abs(scalar.Npv)), $"NPV {scalar.Npv:R} vs {results.Npv[i]:R}");
                var floor = FloorPrice.Compute(inputs, hurdle);
                Assert.True(Math.Abs(floor - results.Floor[i]) <= 1e-9 * (1 + Math.Abs(floor)), $"floor {floor:R} vs {results.Floor[i]:R}");
            }
        }, iter: 200);
    }

    [Fact]
    public void Rental_batch_of_the_article_project_matches_the_model()
    {
        var model = TestData.Model;
        var inputs = model.ProjectInputs("gb300-nvl72", 3.0);
        var batch = new RentalBatch(9);
        for (var i = 0; i < 9; i++) batch.Set(i, inputs with { PricePerGpuHour = 2.0 + 0.25 * i }, model.Scenario.HurdleRate);
        var results = new RentalBatchResults(9);
        RentalBatchEvaluator.Evaluate(batch, results);
        for (var i = 0; i < 9; i++)
        {
            var p = model.Project("gb300-nvl72", 2.0 + 0.25 * i);
            Assert.Equal(p.Irr!.Value, results.Irr[i], 10);
            Assert.Equal(model.Floor("gb300-nvl72"), results.Floor[i], 9);
        }
    }
}

