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

