using Gpunomics.Tests.Shared;
using CsCheck;
using Gpunomics.Batch;
using Gpunomics.Finance;
using Gpunomics.MonteCarlo;
using Gpunomics.Rental;
using Gpunomics.Scenarios;
using Gpunomics.Sensitivity;

namespace Gpunomics.Engine.Tests;

/// <summary>
/// Where an IRR is not a return (a borrowing rate) and where the cumulative cash is not paid back, every
/// figure says so, and every hurdle decision is taken on NPV at the hurdle (methodology: "When IRR is not the
/// answer", "Payback").
/// </summary>
public class WhenIrrIsNotTheAnswerTests
{
    /// <summary>Random rental projects: prepayments up to 99% of contract value, setup, residual, and sometimes a loan that balloons past the contract.</summary>
    private static readonly Gen<(RentalInputs Inputs, double Hurdle)> Projects =
        Gen.Select(
            Gen.Select(Gen.Double[10_000, 200_000], Gen.Double[0, 3], Gen.Double[0, 12], Gen.Int[1, 120], Gen.Double[0, 0.99], Gen.Int[0, 6], Gen.Double[0, 0.3]),
            Gen.Select(Gen.Bool, Gen.Double[0, 0.9], Gen.Double[0, 0.2], Gen.Int[1, 600]),
            Gen.Double[-0.3, 0.8])
        .Select((c, d, hurdle) =>
        {
            var (capex, opex, price, term, prepay, setup, residual) = c;
            var (levered, share, rate, debtTerm) = d;
            var financing = levered ? new ProjectFinancing(share, rate, debtTerm, 0, ProjectFinancing.DefaultDepreciationYears) : null;
            return (new RentalInputs(capex, opex, price, new ContractTerms(term, prepay, 1.0, setup, residual), financing), hurdle);
        });

    public class Project
    {
        [Fact]
        public void A_prepayment_above_the_capex_gives_a_borrowing_rate_not_an_irr()
        {
            // gpunomics project gb300-nvl72 --price 3.5 --prepay 0.9: month 0 takes in more than it pays out.
            var m = TestData.Model;
            var terms = m.Scenario.Contract with { PrepayShare = 0.9 };
            var inputs = m.ProjectInputs("gb300-nvl72", 3.5, terms);
            var r = m.Project("gb300-nvl72", 3.5, terms);
            var flows = RentalProject.NetCashFlows(inputs);
            Assert.True(flows[0] > 0);
            var root = IrrSolver.Solve(flows).RatePerPeriod!.Value;

            Assert.Null(r.Irr);
            Assert.Equal(Rates.MonthlyToAnnual(root), r.BorrowingRate!.Value, 12);
            Assert.Contains("not a return", r.IrrNote, StringComparison.Ordinal);
            Assert.Contains("NPV at the hurdle", r.IrrNote, StringComparison.Ordinal);
            // NPV rises with the rate through the root, and the project beats the hurdle on NPV.
            Assert.True(Rates.Npv(root + 1e-4, flows) > 0 && Rates.Npv(root - 1e-4, flows) < 0);
            Assert.True(r.Npv > 0);
        }

        [Fact]
        public void A_reported_return_beats_the_hurdle_exactly_when_npv_at_the_hurdle_is_not_negative()
        {
            Projects.Sample(p =>
            {
                var r = RentalProject.Evaluate(p.Inputs, p.Hurdle);
                if (r.Irr is { } irr && Math.Abs(irr - p.Hurdle) > 1e-9)
                    Assert.True((irr >= p.Hurdle) == (r.Npv >= 0), $"IRR {irr} against hurdle {p.Hurdle} but NPV {r.Npv}");
                if (r.BorrowingRate is { } b)
                {
                    Assert.Null(r.Irr);
                    var flows = r.Schedule.Select(x => x.Net).ToArray();
                    var monthly = Rates.AnnualToMonthly(b);
                    var step = 1e-6 * (1 + monthly);
                    Assert.True(Rates.Npv(monthly + step, flows) > Rates.Npv(monthly - step, flows), $"NPV does not rise through the borrowing rate {b}");
                }
            });
        }

        [Fact]
        public void Irr_and_borrowing_rate_are_never_both_reported()
        {
            Projects.Sample(p =>
            {
                var r = RentalProject.Evaluate(p.Inputs, p.Hurdle);
                Assert.False(r.Irr is not null && r.BorrowingRate is not null);
                if (r.Irr is null) Assert.False(string.IsNullOrEmpty(r.IrrNote));
            });
        }
    }

    public class Payback
    {
        [Fact]
        public void A_loan_that_balloons_at_the_end_of_the_contract_never_pays_back()
        {
            // The reported case: the 2026-11 built-in scenario with {"debt":{"share":0.5,"rate":0.07,"termMonths":600}}, project gb300-nvl72 --price 3.
            var scenario = TestData.Over(TestData.Over(TestData.Article, ReportedCases.Scenario2026_11), ReportedCases.BalloonLoan2026_11);
            var r = new EconomicsModel(TestData.Catalog, scenario).Project("gb300-nvl72", 3.0);
            Assert.Contains(r.Schedule, x => x.Month > 0 && x.Cumulative >= 0);
            Assert.True(r.Schedule[^1].Cumulative < 0);
            Assert.Null(r.PaybackMonth);
            Assert.Contains("never pays back", r.PaybackNote, StringComparison.Ordinal);
        }

        [Fact]
        public void From_the_payback_month_on_the_cumulative_never_falls_below_zero_and_the_month_before_it_is_below()
        {
            Projects.Sample(p =>
            {
                var r = RentalProject.Evaluate(p.Inputs, p.Hurdle);
                var s = r.Schedule;
                if (r.PaybackMonth is { } pb)
                {
                    Assert.InRange(pb, 1, s[^1].Month);
                    Assert.All(s.Where(x => x.Month >= pb), x => Assert.True(x.Cumulative >= 0, $"month {x.Month} cumulative {x.Cumulative} after payback {pb}"));
                    if (pb > 1) Assert.True(s[pb - 1].Cumulative < 0, $"payback {pb} but month {pb - 1} is already at {s[pb - 1].Cumulative}");
                    Assert.Null(r.PaybackNote);
                }
                else
                {
                    Assert.True(s[^1].Cumulative < 0, $"no payback but the cumulative ends at {s[^1].Cumulative}");
                    Assert.NotNull(r.PaybackNote);
                }
            });
        }
    }

    public class Batch
    {
        [Fact]
        public void The_batch_names_the_same_borrowing_rates_and_returns_as_the_scalar_model()
        {
            Projects.Where(p => p.Inputs.Financing is null).Sample(p =>
            {
                var batch = new RentalBatch(1);
                batch.Set(0, p.Inputs, p.Hurdle);
                var results = new RentalBatchResults(1);
                RentalBatchEvaluator.Evaluate(batch, results);
                var r = RentalProject.Evaluate(p.Inputs, p.Hurdle);
                Assert.Equal(r.BorrowingRate is not null, results.Status[0] == IrrStatus.BorrowingRate);
                Assert.Equal(r.Irr is not null, results.Status[0] == IrrStatus.Converged);
                Assert.Equal(r.Npv, results.Npv[0], 1e-6 * Math.Max(1, Math.Abs(r.Npv)));
            });
        }
    }

    public class MonteCarlo
    {
        private static MonteCarloSetup Setup(double prepay, string price) =>
            MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.0) with
            {
                Base = new Dictionary<string, double>(MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.0).Base, StringComparer.OrdinalIgnoreCase) { ["prepay"] = prepay },
                Distributions = new Dictionary<string, Distribution>(StringComparer.OrdinalIgnoreCase) { ["price"] = Distribution.Parse(price) },
            };

        [Fact]
        public void At_a_prepayment_above_the_capex_every_scenario_with_positive_npv_beats_the_hurdle()
        {
            // montecarlo gb300-nvl72 with prepay 0.75 and price=uniform(3.0,3.5): every IRR is a borrowing rate, every NPV positive.
            var setup = Setup(0.75, "uniform(3.0,3.5)");
            var r = MonteCarloSimulation.Run(setup, 20_000, 1);
            Assert.True(r.Npv.Min > 0, $"smallest NPV {r.Npv.Min}");
            Assert.Equal(1.0, r.ProbabilityAboveHurdle);
            Assert.Equal(0, r.Irr.Count);
            Assert.Equal(20_000, r.ScenariosWithoutIrr);
        }

        [Fact]
        public void The_probability_of_beating_the_hurdle_is_the_share_of_prices_whose_npv_at_the_hurdle_is_not_negative()
        {
            // Only the price varies, so NPV at the hurdle >= 0 exactly when the price is at least the floor:
            // P = (high - floor) / (high - low), whatever the prepayment makes of the IRR.
            var m = TestData.Model;
            Gen.Select(Gen.Double[0, 0.99], Gen.Double[0.5, 6], Gen.Double[0.2, 3]).Sample((prepay, low, width) =>
            {
                var floor = m.Floor("gb300-nvl72", terms: m.Scenario.Contract with { PrepayShare = prepay });
                var high = low + width;
                const int n = 16_384;
                var r = MonteCarloSimulation.Run(Setup(prepay, $"uniform({low.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},{high.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})"), n, 3);
                var expected = Math.Clamp((high - floor) / width, 0, 1);
                var sigma = Math.Sqrt(expected * (1 - expected) / n);
                Assert.InRange(r.ProbabilityAboveHurdle, expected - 5 * sigma - 1e-12, expected + 5 * sigma + 1e-12);
            }, iter: 30);
        }
    }

    public class OneChart
    {
        [Fact]
        public void At_75_percent_prepay_no_curve_falls_as_the_price_rises_and_the_gap_is_explained()
        {
            var m = TestData.Model;
            var scenario = m.Scenario with { Contract = m.Scenario.Contract with { PrepayShare = 0.75 } };
            var chart = new EconomicsModel(TestData.Catalog, scenario).Chart("gb300-nvl72");
            Assert.NotNull(chart.Note);
            Assert.Contains("not a return", chart.Note, StringComparison.Ordinal);
            foreach (var c in chart.Curves)
            {
                Assert.Contains(c.Points, p => p.Status == IrrStatus.BorrowingRate && p.Irr is null);
                AssertRisingAndDecidedOnNpv(c, chart.Hurdle);
            }
        }

        [Fact]
        public void Every_curve_rises_with_the_price_wherever_it_is_drawn_and_its_hurdle_decision_is_npv()
        {
            var m = TestData.Model;
            Gen.Select(Gen.Double[0, 0.99], Gen.Double[0.05, 0.4]).Sample((prepay, hurdle) =>
            {
                var scenario = m.Scenario with { Contract = m.Scenario.Contract with { PrepayShare = prepay }, HurdleRate = hurdle };
                var chart = new EconomicsModel(TestData.Catalog, scenario).Chart("gb300-nvl72");
                foreach (var c in chart.Curves) AssertRisingAndDecidedOnNpv(c, chart.Hurdle);
                Assert.Equal(chart.Curves.Any(c => c.Points.Any(p => p.Irr is null)), chart.Note is not null);
            }, iter: 40);
        }

        private static void AssertRisingAndDecidedOnNpv(Gpunomics.OneChart.OneChartCurve c, double hurdle)
        {
            for (var i = 1; i < c.Points.Count; i++)
            {
                var (a, b) = (c.Points[i - 1], c.Points[i]);
                Assert.True(b.Npv > a.Npv, $"NPV at the hurdle falls from {a.Price} to {b.Price}");
                if (a.Irr is { } ia && b.Irr is { } ib) Assert.True(ib >= ia, $"IRR falls from {ia} at {a.Price} to {ib} at {b.Price}");
            }
            foreach (var p in c.Points)
            {
                if (Math.Abs(p.Price - c.FloorPrice) > 1e-9) Assert.Equal(p.Price >= c.FloorPrice, p.Npv >= 0);
                if (p.Irr is { } irr && Math.Abs(irr - hurdle) > 1e-9) Assert.Equal(irr >= hurdle, p.Npv >= 0);
            }
        }
    }

    public class SensitivityGrid
    {
        [Fact]
        public void Every_grid_irr_beats_the_hurdle_exactly_where_the_price_is_at_least_that_column_s_floor()
        {
            Gen.Select(Gen.Double[0, 0.99], Gen.Double[0.5, 8]).Sample((prepay, price) =>
            {
                var baseSetup = MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.0);
                var setup = baseSetup with { Base = new Dictionary<string, double>(baseSetup.Base, StringComparer.OrdinalIgnoreCase) { ["prepay"] = prepay } };
                var grid = SensitivityAnalysis.Grid(setup, [price, price * 1.3], [0.8, 1.0, 1.4]);
                for (var row = 0; row < grid.Prices.Count; row++)
                    for (var col = 0; col < grid.Multipliers.Count; col++)
                        if (grid.Irr[row][col] is { } irr && Math.Abs(grid.Prices[row] - grid.Floors[col]) > 1e-9)
                            Assert.Equal(grid.Prices[row] >= grid.Floors[col], irr >= setup.Base["hurdle"]);
            }, iter: 50);
        }
    }
}
