using CsCheck;
using Gpunomics.Finance;

namespace Gpunomics.Engine.Tests;

public class IrrSolverTests
{
    [Fact]
    public void One_period_flow_has_the_obvious_rate()
    {
        var r = IrrSolver.Solve([-100, 110]);
        Assert.Equal(0.10, r.RatePerPeriod!.Value, 12);
    }

    [Fact]
    public void Level_annuity_matches_its_closed_form()
    {
        // -PV, then 60 payments of 1 at 1% per month: PV = (1 - 1.01^-60) / 0.01.
        var pv = (1 - Math.Pow(1.01, -60)) / 0.01;
        var flows = new double[61];
        flows[0] = -pv;
        for (var t = 1; t <= 60; t++) flows[t] = 1;
        Assert.Equal(0.01, IrrSolver.Solve(flows).RatePerPeriod!.Value, 12);
    }

    [Theory]
    [InlineData(120, 0.0)]      // zero IRR: rents exactly repay capex
    [InlineData(120, -0.004)]   // negative IRR
    [InlineData(60, 0.15)]      // very high monthly IRR
    [InlineData(120, 0.00001)]  // near zero
    public void Long_monthly_flows_converge_without_a_starting_guess(int months, double monthlyRate)
    {
        var rent = 1000.0;
        var pv = Math.Abs(monthlyRate) < 1e-12 ? rent * months : rent * (1 - Math.Pow(1 + monthlyRate, -months)) / monthlyRate;
        var flows = new double[months + 1];
        flows[0] = -pv;
        for (var t = 1; t <= months; t++) flows[t] = rent;
        var r = IrrSolver.Solve(flows);
        Assert.True(r.HasRate, r.Note);
        Assert.Equal(monthlyRate, r.RatePerPeriod!.Value, 10);
    }

    [Fact]
    public void Late_negative_flow_reports_every_root_instead_of_picking_one()
    {
        // A decommissioning cost at the end adds a second sign change, and a second root (near -23% a month).
        var flows = new double[61];
        flows[0] = -50_000;
        for (var t = 1; t <= 60; t++) flows[t] = 1_500;
        flows[60] = -5_000;
        var r = IrrSolver.Solve(flows);
        Assert.False(r.HasRate);
        Assert.Equal(2, r.Roots.Count);
        Assert.All(r.Roots, root => Assert.Equal(0, Rates.Npv(root, flows), 4));
        Assert.Contains(r.Roots, root => Math.Abs(root - 0.02014) < 1e-4);
    }

    [Fact]
    public void Flows_without_an_inflow_have_no_irr_and_say_why()
    {
        var r = IrrSolver.Solve([-100, -10, 0]);
        Assert.False(r.HasRate);
        Assert.Contains("no inflow", r.Note);
    }

    [Fact]
    public void Flows_without_an_outflow_have_no_irr_and_say_why()
    {
        var r = IrrSolver.Solve([100, 10]);
        Assert.False(r.HasRate);
        Assert.Contains("no outflow", r.Note);
    }

    [Fact]
    public void A_single_flow_has_no_irr()
    {
        Assert.False(IrrSolver.Solve([-100]).HasRate);
    }

    [Fact]
    public void Flows_with_sign_changes_but_no_root_have_no_irr()
    {
        // NPV(x) = 100 - 300x + 250x^2 > 0 for every x: two sign changes, no real root.
        var r = IrrSolver.Solve([100, -300, 250]);
        Assert.False(r.HasRate);
        Assert.Contains("no rate above -100%", r.Note);
    }

    [Fact]
    public void Flows_with_two_roots_report_both_and_no_single_irr()
    {
        // -100 + 230x - 132x^2 = 0 at r = 10% and r = 20%.
        var r = IrrSolver.Solve([-100, 230, -132]);
        Assert.False(r.HasRate);
        Assert.Equal(2, r.Roots.Count);
        Assert.Equal(0.10, r.Roots[0], 10);
        Assert.Equal(0.20, r.Roots[1], 10);
        Assert.Contains("no single IRR", r.Note);
    }

    [Fact]
    public void An_irr_near_the_top_of_the_searched_range_is_found()
    {
        // -1 then 120 a period later: the IRR is 120 / 1 - 1 = 11,900% a period (the spreadsheet's IRR and the batch agree).
        var r = IrrSolver.Solve([-1, 120]);
        Assert.True(r.HasRate, r.Note);
        Assert.Equal(119, r.RatePerPeriod!.Value, 9);
    }

    [Fact]
    public void The_searched_range_reaches_the_rate_the_methodology_states()
    {
        Assert.Equal(Math.Exp(5) - 1, IrrSolver.MaxRatePerPeriod);
        Assert.Equal(147.41315910257660, IrrSolver.MaxRatePerPeriod, 12); // 14,741% a period
        // One period with an IRR just below the top, then just above it.
        var below = IrrSolver.Solve([-1, 1 + IrrSolver.MaxRatePerPeriod * (1 - 1e-9)]);
        Assert.True(below.HasRate, below.Note);
        Assert.Equal(IrrSolver.MaxRatePerPeriod * (1 - 1e-9), below.RatePerPeriod!.Value, 9);
        var above = IrrSolver.Solve([-1, 1 + IrrSolver.MaxRatePerPeriod * (1 + 1e-9)]);
        Assert.False(above.HasRate);
        Assert.True(above.AboveSearchRange);
    }

    [Fact]
    public void An_irr_above_the_searched_range_is_reported_as_above_it_not_as_no_rate()
    {
        var r = IrrSolver.Solve([-1, 200]); // 19,900% a period
        Assert.False(r.HasRate);
        Assert.True(r.AboveSearchRange);
        Assert.Empty(r.Roots);
        Assert.Contains("above 14,741% per period", r.Note);
        Assert.DoesNotContain("no rate", r.Note);
    }

    [Fact]
    public void A_root_above_the_range_beside_one_inside_makes_several_roots()
    {
        // 1 - 200x + 100x^2: x = 1 +- sqrt(0.99), r = -49.87% and +19,900% a period.
        var r = IrrSolver.Solve([1, -200, 100]);
        Assert.False(r.HasRate);
        Assert.True(r.AboveSearchRange);
        Assert.Equal(1.0 / (1 + Math.Sqrt(0.99)) - 1, Assert.Single(r.Roots), 10);
        Assert.Contains("at least one more above 14,741% per period", r.Note);
    }

    [Fact]
    public void Two_roots_closer_than_a_grid_step_are_both_found()
    {
        // -100 + 230x - 132.2475x^2 = -132.2475 (x - 1/1.145)(x - 1/1.155): 14.5% and 15.5% a period.
        var r = IrrSolver.Solve([-100, 230, -132.2475]);
        Assert.False(r.HasRate);
        Assert.Equal(2, r.Roots.Count);
        Assert.Equal(0.145, r.Roots[0], 10);
        Assert.Equal(0.155, r.Roots[1], 10);
        Assert.Contains("no single IRR", r.Note);
    }

    [Theory]
    [InlineData(-0.8264462809917354, 1.8181818181818181, -1.0)] // -(x - 1/1.1)^2 with coefficients rounded to doubles
    [InlineData(-100.0, 220.0, -121.0)]                           // -(11x - 10)^2, exact
    public void A_double_root_where_npv_touches_zero_is_the_irr(double c0, double c1, double c2)
    {
        var r = IrrSolver.Solve([c0, c1, c2]);
        Assert.True(r.HasRate, r.Note);
        // A double root moves by the square root of a perturbation of the flows: 1e-8 for rounding to doubles.
        Assert.Equal(0.10, r.RatePerPeriod!.Value, 7);
        Assert.Contains("touches zero", r.Note);
        Assert.Contains("negative on both sides", r.Note);
    }

    [Fact]
    public void A_near_miss_above_the_rounding_error_is_not_a_root()
    {
        // -(11x - 10)^2 - 1e-4 x^2: NPV peaks at about -8e-5 of flows summing to 441, far above rounding.
        var r = IrrSolver.Solve([-100, 220, -121.0001]);
        Assert.False(r.HasRate);
        Assert.Empty(r.Roots);
        Assert.Contains("no rate above -100%", r.Note);
    }

    [Fact]
    public void Pairs_of_close_roots_are_found_and_tangent_roots_accepted_only_within_the_rounding_error()
    {
        // k (x - x1)(x - x2): both roots, for gaps down to 1e-5 of the rate; a gap below the rounding error
        // is one root where NPV touches zero.
        Gen.Select(Gen.Double[-0.6, 3.0], Gen.Double[-5, -1.3], Gen.Double[0.01, 1000])
            .Sample((r1, logGap, k) =>
            {
                var r2 = r1 + Math.Pow(10, logGap) * (1 + r1);
                double x1 = 1 / (1 + r1), x2 = 1 / (1 + r2);
                var r = IrrSolver.Solve([k * x1 * x2, -k * (x1 + x2), k]);
                Assert.Equal(2, r.Roots.Count);
                Assert.Equal(r1, r.Roots[0], 1e-8);
                Assert.Equal(r2, r.Roots[1], 1e-8);
            });
        Gen.Select(Gen.Double[-0.6, 3.0], Gen.Double[0.01, 1000], Gen.Double[-12, -4])
            .Sample((r0, k, logMiss) =>
            {
                var x0 = 1 / (1 + r0);
                // -k (x - x0)^2 touches zero at r0; lowering it by a share 10^logMiss of the flows' scale is no root.
                var scale = k * (x0 * x0 + 2 * x0 * x0 + x0 * x0);
                var touching = IrrSolver.Solve([-k * x0 * x0, 2 * k * x0, -k]);
                Assert.True(touching.HasRate, touching.Note);
                Assert.Equal(r0, touching.RatePerPeriod!.Value, 1e-8);
                var miss = Math.Pow(10, logMiss) * scale;
                var missing = IrrSolver.Solve([-k * x0 * x0 - miss, 2 * k * x0, -k]);
                Assert.Empty(missing.Roots);
            });
    }

    // Flows changing sign once (zeros anywhere but at the ends of the two runs): n + 1 flows, the first m of one sign,
    // the rest of the other, magnitudes over eight decades, so roots fall across the searched range and above it.
    private static readonly Gen<double[]> OneSignChangeFlows =
        Gen.Select(Gen.Int[1, 130], Gen.Bool, Gen.Int[0, 4]).SelectMany((n, investment, zeroOdds) =>
            Gen.Select(Gen.Int[1, n], Gen.Double[-2, 6].Array[n + 1], Gen.Int[0, 9].Array[n + 1]).Select((m, logs, dice) =>
            {
                var sign = investment ? -1.0 : 1.0;
                var flows = new double[n + 1];
                for (var t = 0; t <= n; t++)
                {
                    var runEnd = t == 0 || t == m - 1 || t == m || t == n;
                    flows[t] = !runEnd && dice[t] < zeroOdds ? 0.0 : (t < m ? sign : -sign) * Math.Pow(10, logs[t]);
                }
                return flows;
            }));

    private static void AssertSameAnswer(IrrResult expected, IrrResult actual)
    {
        Assert.Equal(expected.Note, actual.Note);
        Assert.Equal(expected.AboveSearchRange, actual.AboveSearchRange);
        Assert.Equal(expected.HasRate, actual.HasRate);
        Assert.Equal(expected.Roots.Count, actual.Roots.Count);
        for (var i = 0; i < expected.Roots.Count; i++)
            Assert.Equal(expected.Roots[i], actual.Roots[i], 10 * IrrSolver.Tolerance * Math.Max(1, Math.Abs(expected.Roots[i])));
    }

    [Theory]
    [InlineData(new[] { -100.0, 0, 50, 0, 70 }, true)]
    [InlineData(new[] { 0.0, -1, 0, 2, 0 }, true)]
    [InlineData(new[] { 100.0, 10, -200 }, true)]
    [InlineData(new[] { -1.0, 2, -1 }, false)]
    [InlineData(new[] { -50_000.0, 1_500, 1_500, -5_000 }, false)]
    [InlineData(new[] { 1.0, 1 }, false)]
    [InlineData(new[] { 1.0, -1, 1, -1 }, false)]
    public void The_scan_is_skipped_only_for_flows_changing_sign_once(double[] flows, bool skipped)
    {
        Assert.Equal(skipped, IrrSolver.HasOneRoot(flows));
    }

    [Fact]
    public void Flows_changing_sign_once_get_the_full_scans_answer_without_it()
    {
        OneSignChangeFlows.Sample(flows =>
        {
            Assert.True(IrrSolver.HasOneRoot(flows));
            AssertSameAnswer(IrrSolver.SolveByScan(flows), IrrSolver.Solve(flows));
        }, iter: 10_000);
    }

    [Theory]
    [InlineData(new[] { -1e15, 1.0 })]                     // r = 1e-15 - 1: below the searched range (u = -34.5 < -30)
    [InlineData(new[] { -1.0, 200.0 })]                    // 19,900% a period: above it
    [InlineData(new[] { -1.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1e-300 })] // NPV of one sign over the whole range
    [InlineData(new[] { 5.0, 0, -5.0 })]                   // exactly 0%: NPV zero on a grid point
    [InlineData(new[] { 1.0, -1 - 147.41315910257660 })]   // borrowing near the top of the range
    public void Flows_changing_sign_once_with_the_root_at_or_beyond_the_ends_get_the_full_scans_answer(double[] flows)
    {
        Assert.True(IrrSolver.HasOneRoot(flows));
        AssertSameAnswer(IrrSolver.SolveByScan(flows), IrrSolver.Solve(flows));
    }

    [Fact]
    public void Flows_changing_sign_more_than_once_take_the_full_scan()
    {
        // Any signs, zeros included.
        Gen.Int[2, 40].SelectMany(n => Gen.Select(Gen.Int[-1, 1].Array[n + 1], Gen.Double[-2, 6].Array[n + 1]))
            .Where(t => CountSignChanges(t.Item1) > 1)
            .Sample((signs, logs) =>
            {
                var flows = signs.Select((s, t) => s * Math.Pow(10, logs[t])).ToArray();
                Assert.False(IrrSolver.HasOneRoot(flows));
                var scan = IrrSolver.SolveByScan(flows);
                var result = IrrSolver.Solve(flows);
                Assert.Equal(scan.Note, result.Note);
                Assert.Equal(scan.Roots, result.Roots);
            }, iter: 10_000);
        // (x - x1)(x - x2) q(x), q with positive coefficients: two roots in range that a single-root search would
        // report as one; the scan finds both.
        Gen.Select(Gen.Double[-0.5, 2.0], Gen.Double[0.01, 1.0], Gen.Double[0.1, 10].Array[1, 30])
            .Sample((r1, gap, q) =>
            {
                var r2 = r1 + gap;
                double x1 = 1 / (1 + r1), x2 = 1 / (1 + r2);
                double[] quadratic = [x1 * x2, -(x1 + x2), 1];
                var flows = new double[q.Length + 2];
                for (var i = 0; i < 3; i++)
                    for (var j = 0; j < q.Length; j++) flows[i + j] += quadratic[i] * q[j];
                Assert.False(IrrSolver.HasOneRoot(flows));
                var r = IrrSolver.Solve(flows);
                Assert.False(r.HasRate);
                Assert.Equal(2, r.Roots.Count);
                Assert.Equal(r1, r.Roots[0], 1e-8);
                Assert.Equal(r2, r.Roots[1], 1e-8);
            });
    }

    private static int CountSignChanges(int[] signs)
    {
        var changes = 0;
        var last = 0;
        foreach (var s in signs.Where(s => s != 0))
        {
            if (last != 0 && s != last) changes++;
            last = s;
        }
        return changes;
    }

    [Fact]
    public void Npv_at_the_returned_rate_is_zero_for_random_rental_flows()
    {
        Gen.Select(Gen.Double[10_000, 200_000], Gen.Double[0.2, 3.0], Gen.Int[12, 120])
            .Sample((capex, rentShare, months) =>
            {
                var rent = capex * rentShare / months * 2;
                var flows = new double[months + 1];
                flows[0] = -capex;
                for (var t = 1; t <= months; t++) flows[t] = rent;
                var r = IrrSolver.Solve(flows);
                Assert.True(r.HasRate, r.Note);
                Assert.True(Math.Abs(Rates.Npv(r.RatePerPeriod!.Value, flows)) < 1e-6 * capex);
            });
    }

    [Fact]
    public void Irr_rises_with_the_rent()
    {
        Gen.Select(Gen.Double[10_000, 200_000], Gen.Double[100, 5_000], Gen.Double[1.0001, 2.0])
            .Sample((capex, rent, bump) =>
            {
                double Irr(double r)
                {
                    var flows = new double[61];
                    flows[0] = -capex;
                    for (var t = 1; t <= 60; t++) flows[t] = r;
                    return IrrSolver.Solve(flows).RatePerPeriod!.Value;
                }
                Assert.True(Irr(rent * bump) > Irr(rent));
            });
    }

    [Fact]
    public void Mirr_finances_outflows_and_reinvests_inflows()
    {
        // PV of outflows -100; FV of inflows 50 x 1.12 + 60 = 116 over two periods.
        Assert.Equal(Math.Sqrt(1.16) - 1, Rates.Mirr([-100, 50, 60], 0.10, 0.12)!.Value, 12);
        // A later outflow is financed at the finance rate (-100 - 20 / 1.1^2); inflows compound to period 3.
        Assert.Equal(Math.Pow((50 * 1.12 * 1.12 + 60) / (100 + 20 / 1.21), 1.0 / 3) - 1, Rates.Mirr([-100, 50, -20, 60], 0.10, 0.12)!.Value, 12);
        Assert.Null(Rates.Mirr([100, 50], 0.1, 0.1));
        Assert.Null(Rates.Mirr([-100, -50], 0.1, 0.1));
    }

    [Fact]
    public void Mirr_at_the_irr_is_the_irr_for_an_investment_with_one_outflow()
    {
        CsCheck.Gen.Select(CsCheck.Gen.Double[1_000, 100_000], CsCheck.Gen.Double[0.01, 0.2], CsCheck.Gen.Int[2, 120])
            .Sample((capex, yield, n) =>
            {
                double[] flows = [-capex, .. Enumerable.Repeat(capex * yield, n)];
                var irr = IrrSolver.Solve(flows).RatePerPeriod!.Value;
                Assert.Equal(irr, Rates.Mirr(flows, 0.05, irr)!.Value, 9);
            });
    }
}
