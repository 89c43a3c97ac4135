using CsCheck;
using Gpunomics.Finance;
using Gpunomics.Financing;
using Gpunomics.Json;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Engine.Tests;

/// <summary>The project-finance debt model: sizing, draws, interest-only months, level, sculpted and balloon repayment, covenants.</summary>
public class ProjectFinanceTests
{
    // 1% a month exactly.
    private static readonly double OnePercentMonthly = Rates.MonthlyToAnnual(0.01);

    private static DebtProject Project(double[] cfads, double[]? draws = null, double contractValue = 0, double[]? assetValues = null) =>
        new(cfads, draws ?? [1000], contractValue, assetValues ?? DebtProject.StraightLine((draws ?? [1000]).Sum(), 0, cfads.Length - 1));

    private static double[] Flat(double perMonth, int months) => [0, .. Enumerable.Repeat(perMonth, months)];

    private static DebtSizing Share(double share) => new(DebtSizingMethod.Share, share);

    // A capex so large that no gearing cap reaches the DSCR's loan (a loan's schedule depends on the draws' proportions only).
    private static readonly double[] Uncapped = [1e12];

    public class Hand_worked
    {
        [Fact]
        public void A_sculpted_loan_sized_to_its_target_has_that_dscr_every_month_and_is_the_present_value_of_cfads_over_the_target()
        {
            // CFADS rises then dips; debt service = CFADS / 1.25 each month, so the loan is the PV of CFADS / 1.25 at 1% a month.
            double[] cfads = [0, 100, 120, 140, 90, 110, 130, 100, 80, 150, 120, 100, 90];
            var structure = LoanStructure.Default with { Repayment = Repayment.Sculpted, TargetDscr = 1.25 };
            var d = DebtModel.Build(Project(cfads, Uncapped), new DebtSizing(DebtSizingMethod.MinDscr, 1.25), OnePercentMonthly, 12, structure);
            var expected = Enumerable.Range(1, 12).Sum(m => cfads[m] / 1.25 / Math.Pow(1.01, m));
            Assert.Equal(expected, d.Loan, 6);
            for (var m = 1; m <= 12; m++) Assert.Equal(1.25, d.Months[m].Dscr!.Value, 6);
            Assert.Equal(0, d.Balloon);
            Assert.Equal(0, d.Months[12].Balance, 6);
        }

        [Fact]
        public void Dscr_sizing_of_a_level_loan_gives_the_largest_loan_whose_lowest_month_meets_the_minimum()
        {
            // Level service per $1 is the capital recovery factor; the weakest month (60) binds: L = 60 / (1.25 x CRF).
            double[] cfads = [0, 100, 100, 100, 100, 100, 100, 60, 100, 100, 100, 100, 100];
            var crf = Rates.CapitalRecoveryFactor(0.01, 12);
            var d = DebtModel.Build(Project(cfads, Uncapped), new DebtSizing(DebtSizingMethod.MinDscr, 1.25), OnePercentMonthly, 12, LoanStructure.Default);
            Assert.Equal(60 / (1.25 * crf), d.Loan, 6);
            Assert.Equal(1.25, d.MinDscr!.Value, 9);
            Assert.Contains("the DSCR binds, at month 7", d.SizingNote, StringComparison.Ordinal);
            // A loan any larger misses the minimum in month 7.
            var larger = DebtModel.Schedule(Project(cfads), d.Loan * 1.000001, OnePercentMonthly, 12, LoanStructure.Default);
            Assert.True(larger[7].Dscr < 1.25);
        }

        [Fact]
        public void Dscr_sizing_lends_nothing_when_a_repayment_month_has_no_cash_and_says_which()
        {
            double[] cfads = [0, 100, 100, -20, 100, 100, 100];
            var d = DebtModel.Build(Project(cfads, Uncapped), new DebtSizing(DebtSizingMethod.MinDscr, 1.2), OnePercentMonthly, 6, LoanStructure.Default);
            Assert.Equal(0, d.Loan);
            Assert.Contains("none, month 3's CFADS is zero or below", d.SizingNote, StringComparison.Ordinal);
            Assert.Null(d.MinDscr);
        }

        [Fact]
        public void A_balloon_loan_pays_interest_only_then_its_whole_principal_in_its_last_month()
        {
            var d = DebtModel.Build(Project(Flat(16, 12)), Share(0.5), OnePercentMonthly, 12, LoanStructure.Default with { Repayment = Repayment.Balloon });
            Assert.Equal(500, d.Loan, 9);
            for (var m = 1; m <= 11; m++)
            {
                Assert.Equal(5, d.Months[m].Interest, 9);
                Assert.Equal(0, d.Months[m].Principal);
                Assert.Equal(16 / 5.0, d.Months[m].Dscr!.Value, 9);
            }
            Assert.Equal(5, d.Months[12].Interest, 9);
            Assert.Equal(500, d.Months[12].Principal, 9);
            Assert.Equal(500, d.Balloon, 9);
            Assert.Equal(12, d.BalloonMonth);
            // The balloon is outside the DSCR: the last month's service is its interest.
            Assert.Equal(16 / 5.0, d.Months[12].Dscr!.Value, 9);
        }

        [Fact]
        public void Interest_only_months_pay_interest_then_level_payments_repay_the_loan_over_the_rest_of_the_term()
        {
            var d = DebtModel.Build(Project(Flat(200, 12)), Share(1), OnePercentMonthly, 12, LoanStructure.Default with { InterestOnlyMonths = 3 });
            for (var m = 1; m <= 3; m++)
            {
                Assert.Equal(10, d.Months[m].Interest, 9);
                Assert.Equal(0, d.Months[m].Principal);
                Assert.Null(d.Months[m].Dscr); // not tested before repayment starts
            }
            Assert.Equal(4, d.FirstRepaymentMonth);
            var payment = 1000 * Rates.CapitalRecoveryFactor(0.01, 9);
            for (var m = 4; m <= 12; m++) Assert.Equal(payment, d.Months[m].DebtService, 6);
            Assert.Equal(0, d.Months[12].Balance, 6);
            Assert.Equal(0, d.Balloon);
        }

        [Fact]
        public void A_delayed_draw_follows_the_capex_and_repayment_starts_after_the_last_draw()
        {
            var d = DebtModel.Build(Project(Flat(200, 12), draws: [500, 500]), Share(0.6), OnePercentMonthly, 12, LoanStructure.Default with { DrawMonths = 2 });
            Assert.Equal(300, d.Months[0].Draw, 9);
            Assert.Equal(300, d.Months[1].Draw, 9);
            Assert.Equal(3, d.Months[1].Interest, 9); // on the first draw only
            Assert.Equal(0, d.Months[1].Principal);
            Assert.Equal(2, d.FirstRepaymentMonth);
            Assert.Equal(600 * Rates.CapitalRecoveryFactor(0.01, 11), d.Months[2].DebtService, 6);
        }

        [Fact]
        public void Ltv_sizing_against_the_contract_value_lends_that_share_of_it()
        {
            var d = DebtModel.Build(Project(Flat(200, 12), contractValue: 2400), new DebtSizing(DebtSizingMethod.MaxLtv, 0.3, LtvBasis.ContractValue), OnePercentMonthly, 12, LoanStructure.Default);
            Assert.Equal(720, d.Loan, 9);
            Assert.Equal(0.72, d.LoanToCapex, 9);
        }

        /// <summary>A contract worth less than nothing (a price below zero, as a floor can be) supports no loan, not a negative one.</summary>
        [Fact]
        public void Ltv_sizing_against_a_contract_worth_less_than_nothing_lends_nothing()
        {
            var d = DebtModel.Build(Project(Flat(-200, 12), contractValue: -2400), new DebtSizing(DebtSizingMethod.MaxLtv, 0.3, LtvBasis.ContractValue), OnePercentMonthly, 12, LoanStructure.Default);
            Assert.Equal(0, d.Loan);
            Assert.All(d.Months, m => Assert.Equal(0, m.Balance));
        }

        [Fact]
        public void The_cost_of_debt_by_credit_is_sofr_plus_the_filed_margin_paid_monthly()
        {
            Assert.Equal(Math.Pow(1 + (0.0415 + 0.0625) / 12, 12) - 1, CostOfDebt.AnnualRate(RenterCredit.InvestmentGrade, 0.0415), 12);
            Assert.Equal(Math.Pow(1 + (0.0415 + 0.13) / 12, 12) - 1, CostOfDebt.AnnualRate(RenterCredit.NonInvestmentGrade, 0.0415), 12);
        }
    }

    public class Laws
    {
        private static bool Meets(IReadOnlyList<DebtMonth> months, double min, bool noBalloon, double loan) =>
            months.All(m => m.Dscr is not { } d || d >= min * (1 - 1e-9)) && (!noBalloon || months.Sum(m => m.Balloon) <= 1e-6 * Math.Max(1, loan));

        [Fact]
        public void Dscr_sizing_gives_the_largest_loan_meeting_the_minimum_in_every_shape()
        {
            Gen.Select(
                    Gen.Double[50, 500].Array[6, 48],
                    Gen.Int[0, 3],
                    Gen.Select(Gen.Double[1.05, 2], Gen.Double[0, 0.4], Gen.Double[0.001, 0.25], Gen.Int[0, 4])) // a zero-rate bullet has no debt service for a DSCR to size
                .Sample(x =>
                {
                    var (cash, shape, (min, targetAbove, rate, io)) = x;
                    double[] cfads = [0, .. cash];
                    var term = cash.Length;
                    var structure = shape switch
                    {
                        0 => LoanStructure.Default,
                        1 => LoanStructure.Default with { Repayment = Repayment.Balloon },
                        2 => LoanStructure.Default with { InterestOnlyMonths = Math.Min(io, term - 1) },
                        _ => LoanStructure.Default with { Repayment = Repayment.Sculpted, TargetDscr = min + targetAbove },
                    };
                    var sculpted = structure.Repayment == Repayment.Sculpted;
                    var d = DebtModel.Build(Project(cfads, Uncapped), new DebtSizing(DebtSizingMethod.MinDscr, min), rate, term, structure);
                    if (!Meets(d.Months, min, sculpted, d.Loan)) throw new InvalidOperationException($"the sized loan {d.Loan} misses the {min} minimum: lowest DSCR {d.MinDscr}");
                    var larger = DebtModel.Schedule(Project(cfads), d.Loan * (1 + 1e-6) + 1e-9, rate, term, structure);
                    if (Meets(larger, min, sculpted, d.Loan)) throw new InvalidOperationException($"a loan above the sized {d.Loan} still meets the {min} minimum");
                    // Sculpted: the target in every month still owing, except where CFADS / target falls short of the
                    // interest, which is then paid alone (no principal) at a DSCR between the minimum and the target.
                    if (sculpted)
                        foreach (var m in d.Months.Where(m => m.Dscr is not null && m.Balance > 0 && m.Principal > 0))
                            if (Math.Abs(m.Dscr!.Value - structure.TargetDscr!.Value) > 1e-9 * structure.TargetDscr.Value)
                                throw new InvalidOperationException($"month {m.Month}: DSCR {m.Dscr} is not the {structure.TargetDscr} target");
                });
        }

        [Fact]
        public void A_dscr_sized_loan_is_the_lesser_of_the_dscr_loan_and_its_cap_and_meets_the_minimum_either_way()
        {
            Gen.Select(
                    Gen.Double[50, 500].Array[6, 48],
                    Gen.Int[0, 3],
                    Gen.Select(Gen.Double[1.05, 2], Gen.Double[0, 0.4], Gen.Double[0.001, 0.25], Gen.Int[0, 4]),
                    Gen.Select(Gen.Double[100, 20_000], Gen.Int[0, 2], Gen.Double[0.05, 1], Gen.Double[0, 30_000]))
                .Sample(x =>
                {
                    var (cash, shape, (min, targetAbove, rate, io), (capex, capKind, ltv, contractValue)) = x;
                    double[] cfads = [0, .. cash];
                    var term = cash.Length;
                    var structure = shape switch
                    {
                        0 => LoanStructure.Default,
                        1 => LoanStructure.Default with { Repayment = Repayment.Balloon },
                        2 => LoanStructure.Default with { InterestOnlyMonths = Math.Min(io, term - 1) },
                        _ => LoanStructure.Default with { Repayment = Repayment.Sculpted, TargetDscr = min + targetAbove },
                    };
                    var sculpted = structure.Repayment == Repayment.Sculpted;
                    var sizing = capKind switch
                    {
                        0 => new DebtSizing(DebtSizingMethod.MinDscr, min),
                        1 => new DebtSizing(DebtSizingMethod.MinDscr, min, LtvBasis.Capex, ltv),
                        _ => new DebtSizing(DebtSizingMethod.MinDscr, min, LtvBasis.ContractValue, ltv),
                    };
                    var cap = Math.Min(capex, capKind switch { 0 => DebtSizing.DefaultCapLtv * capex, 1 => ltv * capex, _ => ltv * contractValue });
                    var d = DebtModel.Build(Project(cfads, [capex], contractValue), sizing, rate, term, structure);
                    // The DSCR's own loan: the same flows with a capex so large that no cap reaches it (per dollar lent
                    // the schedule depends on the draws' proportions only).
                    var uncapped = DebtModel.Build(Project(cfads, [capex * 1e9], contractValue), new DebtSizing(DebtSizingMethod.MinDscr, min, LtvBasis.Capex, 1), rate, term, structure).Loan;
                    if (d.Loan > cap * (1 + 1e-12)) throw new InvalidOperationException($"the loan {d.Loan} exceeds its cap {cap}");
                    if (d.SizingCap is not { } reported || Math.Abs(reported - cap) > 1e-9 * Math.Max(1, cap)) throw new InvalidOperationException($"the reported cap {d.SizingCap} is not {cap}");
                    if (uncapped < cap * (1 - 1e-9) && (Math.Abs(d.Loan - uncapped) > 1e-9 * Math.Max(1, uncapped) || d.CapBinds))
                        throw new InvalidOperationException($"the DSCR's loan {uncapped} is below the cap {cap}, but the sized loan is {d.Loan} (cap binds: {d.CapBinds})");
                    if (uncapped > cap * (1 + 1e-9) && (Math.Abs(d.Loan - cap) > 1e-9 * Math.Max(1, cap) || !d.CapBinds || !d.SizingNote.Contains("capped at", StringComparison.Ordinal)))
                        throw new InvalidOperationException($"the DSCR's loan {uncapped} is above the cap {cap}, but the sized loan is {d.Loan}: {d.SizingNote}");
                    if (!Meets(d.Months, min, sculpted, d.Loan)) throw new InvalidOperationException($"the sized loan {d.Loan} misses the {min} minimum: lowest DSCR {d.MinDscr}");
                });
        }
    }

    public class Covenant_tests
    {
        // A $500 balloon on $1,000 of capex whose value falls $100 a month: LTV = 500 / (1000 - 100 m) passes 80% in month 4 (83.3%).
        private static DebtSchedule Balloon(double? minDscr, double? maxLtv, double[]? cfads = null) =>
            DebtModel.Build(Project(cfads ?? Flat(8, 10)), Share(0.5), OnePercentMonthly, 10,
                LoanStructure.Default with { Repayment = Repayment.Balloon, CovenantMinDscr = minDscr, CovenantMaxLtv = maxLtv });

        [Fact]
        public void The_first_ltv_breach_is_named_with_its_month_and_value()
        {
            var c = Balloon(1.2, 0.8).Covenants;
            Assert.Equal(4, c.FirstBreach!.Month);
            Assert.Equal("LTV", c.FirstBreach.Test);
            Assert.Equal("month 4: LTV 83.3% above the 80.0% maximum", c.FirstBreach.Text);
            Assert.Equal(c.FirstBreach.Text, c.Outcome);
            Assert.All(c.Months.Where(m => m.Month < 4), m => Assert.Null(m.Breach));
        }

        [Fact]
        public void A_dscr_dip_below_the_covenant_is_the_first_breach()
        {
            double[] cfads = [0, 8, 8, 8, 8, 8, 5, 8, 8, 8, 8]; // interest is $5 a month: DSCR 1.6x, but 1.0x in month 6
            var c = Balloon(1.2, null, cfads).Covenants;
            Assert.Equal(6, c.FirstBreach!.Month);
            Assert.Equal("month 6: DSCR 1.00x below the 1.20x minimum", c.FirstBreach.Text);
            Assert.Single(c.Months, m => m.DscrBreached);
        }

        /// <summary>A DSCR a hair below zero reads as a spreadsheet's TEXT(x, "0.00") shows it: 0.00x, not -0.00x.</summary>
        [Fact]
        public void A_dscr_that_rounds_to_zero_is_named_0_00x_and_one_below_it_keeps_its_sign()
        {
            double[] cfads = [0, 8, 8, -0.02, -0.03, 8, 8, 8, 8, 8, 8]; // interest is $5: DSCR -0.004x in month 3, -0.006x in month 4
            var c = Balloon(1.2, null, cfads).Covenants;
            Assert.Equal("month 3: DSCR 0.00x below the 1.20x minimum", c.FirstBreach!.Text);
            Assert.Equal("month 4: DSCR -0.01x below the 1.20x minimum", c.Months.Single(m => m.Month == 4).Breach);
        }

        [Fact]
        public void A_loan_inside_its_covenants_reports_no_breach()
        {
            var c = Balloon(1.5, null).Covenants;
            Assert.Null(c.FirstBreach);
            Assert.Equal("no breach", c.Outcome);
            Assert.Equal("no covenant set", Balloon(null, null).Covenants.Outcome);
        }
    }

    public class Through_the_rental_project
    {
        private static readonly ContractTerms Terms = new(60, 0.15, 1.0, 0, 0.1);

        private static RentalInputs Inputs(ProjectFinancing f, double price = 3.5) => new(80_000, 0.9, price, Terms, f);

        private static ProjectFinancing Level(double share, double rate, int? months = null) => ProjectFinancing.None with { DebtShare = share, DebtRate = rate, DebtTermMonths = months };

        [Fact]
        public void A_level_loan_through_the_debt_model_gives_the_plain_loans_schedule()
        {
            // Property: the debt model's level loan (here forced through it by sizing at the same share as an LTV on
            // capex) equals the plain loan's schedule, for any project, share, rate and term.
            Gen.Select(
                    Gen.Select(Gen.Double[20_000, 150_000], Gen.Double[0, 2], Gen.Double[0.5, 8], Gen.Int[1, 96], Gen.Double[0, 0.3]),
                    Gen.Select(Gen.Int[0, 4], Gen.Double[0, 0.5], Gen.Double[0.01, 0.95], Gen.Double[0, 0.25], Gen.Int[1, 140]))
                .Sample(x =>
                {
                    var ((capex, opex, price, term, prepay), (setup, residual, share, rate, debtMonths)) = x;
                    var terms = new ContractTerms(term, prepay, 1.0, setup, residual);
                    var plain = Level(share, rate, debtMonths);
                    var viaModel = plain with { Loan = LoanStructure.Default with { Sizing = new DebtSizing(DebtSizingMethod.MaxLtv, share) }, DebtShare = 0 };
                    var a = RentalProject.Schedule(new RentalInputs(capex, opex, price, terms, plain));
                    var b = RentalProject.Schedule(new RentalInputs(capex, opex, price, terms, viaModel));
                    var tolerance = 1e-9 * capex;
                    for (var m = 0; m < a.Count; m++)
                    {
                        if (Math.Abs(a[m].Debt - b[m].Debt) > tolerance || Math.Abs(a[m].Interest - b[m].Interest) > tolerance || Math.Abs(a[m].Net - b[m].Net) > tolerance)
                            throw new InvalidOperationException($"month {m}: plain {a[m]} vs debt model {b[m]}");
                    }
                });
        }

        [Fact]
        public void The_debt_models_plain_loan_matches_the_cash_flow_columns()
        {
            var f = Level(0.6, 0.09, 48);
            var s = RentalProject.Schedule(Inputs(f));
            var d = RentalProject.Debt(Inputs(f))!;
            Assert.Equal(48_000, d.Loan, 9);
            for (var m = 0; m < s.Count; m++)
            {
                Assert.Equal(s[m].Debt, d.Months[m].EquityFlow, 6);
                Assert.Equal(-s[m].Interest, d.Months[m].Interest, 6);
            }
        }

        [Fact]
        public void A_draw_schedule_spreads_the_capex_over_the_setup_months_and_draws_the_loan_with_it()
        {
            var f = Level(0.5, 0.09) with { Loan = LoanStructure.Default with { DrawMonths = 3 } };
            var inputs = new RentalInputs(90_000, 0.9, 3.5, new ContractTerms(60, 0, 1, 2, 0), f);
            var s = RentalProject.Schedule(inputs);
            for (var m = 0; m < 3; m++) Assert.Equal(-30_000, s[m].Capex, 9);
            Assert.Equal(15_000, s[0].Debt, 9);
            Assert.Equal(-90_000, s.Sum(m => m.Capex), 9);
        }

        [Theory]
        [InlineData("sculpted")]
        [InlineData("dscr")]
        public void A_loan_following_the_cash_flow_has_a_numeric_floor_that_earns_the_hurdle(string shape)
        {
            var loan = shape == "sculpted"
                ? LoanStructure.Default with { Repayment = Repayment.Sculpted, TargetDscr = 1.3, Sizing = new DebtSizing(DebtSizingMethod.MinDscr, 1.3) }
                : LoanStructure.Default with { Sizing = new DebtSizing(DebtSizingMethod.MinDscr, 1.3) };
            var f = ProjectFinancing.None with { DebtRate = 0.1, Loan = loan };
            Assert.False(Inputs(f).AffineInPrice);
            Assert.StartsWith("numeric", FloorPrice.Method(f), StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => RentalProject.NpvLine(Inputs(f), 0.156));
            var floor = FloorPrice.Compute(Inputs(f), 0.156);
            var npv = RentalProject.Evaluate(Inputs(f, floor), 0.156).Npv;
            Assert.True(Math.Abs(npv) < 1e-4, $"NPV at the floor {floor}: {npv}");
            // The loan grows with the price, so the sized loan at the floor is not the one at another price.
            Assert.NotEqual(RentalProject.Debt(Inputs(f, floor))!.Loan, RentalProject.Debt(Inputs(f, floor * 1.2))!.Loan);
        }

        [Fact]
        public void Interest_only_and_balloon_loans_keep_the_closed_form_floor()
        {
            foreach (var loan in new[] { LoanStructure.Default with { InterestOnlyMonths = 6 }, LoanStructure.Default with { Repayment = Repayment.Balloon } })
            {
                var f = Level(0.6, 0.09) with { Loan = loan };
                Assert.True(Inputs(f).AffineInPrice);
                Assert.Equal("closed form: -A/B", FloorPrice.Method(f));
                var floor = FloorPrice.Compute(Inputs(f), 0.156);
                Assert.Equal(0, RentalProject.Evaluate(Inputs(f, floor), 0.156).Npv, 6);
            }
        }
    }
}

/// <summary>The loan's scenario keys: read, written back, and their contradictions refused with the key named.</summary>
public class ProjectFinanceScenarioTests
{
    private static ReadResult<Scenario> Read(string json) => ScenarioReader.Read(json, "loan.json", TestData.Article, TestData.Catalog);

    [Fact]
    public void The_loan_keys_are_read_and_written_back()
    {
        var r = Read("""{ "debt": { "minDscr": 1.3, "repayment": "sculpted", "targetDscr": 1.35, "credit": "investment-grade", "sofr": 0.04, "interestOnlyMonths": 2, "covenantMinDscr": 1.1, "covenantMaxLtv": 0.8 } }""");
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        var f = r.Value!.Financing;
        Assert.True(f.HasDebt);
        Assert.Equal(new DebtSizing(DebtSizingMethod.MinDscr, 1.3), f.Sizing);
        Assert.Equal(CostOfDebt.AnnualRate(RenterCredit.InvestmentGrade, 0.04), f.DebtRate, 12);
        Assert.Equal(Repayment.Sculpted, f.Loan.Repayment);
        var again = ScenarioReader.Read(ScenarioWriter.ToJson(r.Value), "written.json", null, TestData.Catalog);
        Assert.True(again.Ok, string.Join("; ", again.Errors));
        Assert.Equal(f, again.Value!.Financing);
    }

    [Fact]
    public void A_minimum_dscr_with_a_maximum_ltv_is_read_as_a_capped_dscr_loan_and_written_back()
    {
        var r = Read("""{ "debt": { "minDscr": 1.3, "maxLtv": 0.6, "ltvBasis": "contractValue", "rate": 0.09 } }""");
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        var f = r.Value!.Financing;
        Assert.Equal(new DebtSizing(DebtSizingMethod.MinDscr, 1.3, LtvBasis.ContractValue, 0.6), f.Sizing);
        Assert.Equal(0, f.DebtShare);
        var again = ScenarioReader.Read(ScenarioWriter.ToJson(r.Value), "written.json", null, TestData.Catalog);
        Assert.True(again.Ok, string.Join("; ", again.Errors));
        Assert.Equal(f, again.Value!.Financing);
    }

    [Fact]
    public void Two_scenarios_differing_only_in_the_loans_shape_compare_by_those_keys()
    {
        var a = Read("""{ "debt": { "share": 0.6, "rate": 0.09 } }""").Value!;
        var b = Read("""{ "debt": { "share": 0.6, "rate": 0.09, "repayment": "balloon", "interestOnlyMonths": 6, "covenantMaxLtv": 0.8 } }""").Value!;
        var d = Gpunomics.Comparison.ScenarioComparison.Compare(TestData.Catalog, a, b, ["gb300-nvl72"]);
        Assert.Equal(["debt.repayment", "debt.interestOnlyMonths", "debt.covenantMaxLtv"], d.Inputs.Select(i => i.Key));
        Assert.Equal("balloon", d.Inputs[0].B);
    }

    [Theory]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "targetDscr": 1.3 } }""", "debt.targetDscr", "applies only to a sculpted loan")]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "repayment": "sculpted" } }""", "debt.targetDscr", "is required with debt.repayment")]
    [InlineData("""{ "debt": { "share": 0.5, "minDscr": 1.3, "rate": 0.08 } }""", "debt.minDscr", "sized one way")]
    [InlineData("""{ "debt": { "share": 0.5, "maxLtv": 0.7, "rate": 0.08 } }""", "debt.maxLtv", "sized one way")]
    [InlineData("""{ "debt": { "minDscr": 1.3, "maxLtv": 0, "rate": 0.08 } }""", "debt.maxLtv", "(0, 1]")]
    [InlineData("""{ "debt": { "minDscr": 1.3, "maxLtv": 1.2, "rate": 0.08 } }""", "debt.maxLtv", "(0, 1]")]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "credit": "investment-grade" } }""", "debt.credit", "not both")]
    [InlineData("""{ "debt": { "minDscr": 1.3 } }""", "debt.rate", "unless debt.credit sets it")]
    [InlineData("""{ "debt": { "minDscr": 1.4, "rate": 0.08, "repayment": "sculpted", "targetDscr": 1.2 } }""", "debt.targetDscr", "below debt.minDscr")]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "sofr": 0.04 } }""", "debt.sofr", "applies only to a rate set by debt.credit")]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "ltvBasis": "capex" } }""", "debt.ltvBasis", "debt.maxLtv")]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "repayment": "bullet" } }""", "debt.repayment", "\"level\", \"sculpted\" or \"balloon\"")]
    [InlineData("""{ "debt": { "share": 0.5, "rate": 0.08, "termMonths": 6, "interestOnlyMonths": 6 } }""", "debt.termMonths", "first repayment month, 7")]
    [InlineData("""{ "contract": { "termMonths": 12 }, "debt": { "drawMonths": 20 } }""", "debt.drawMonths", "after the project's last month, 12")]
    public void A_contradiction_in_the_loan_is_refused_naming_the_key(string json, string key, string detail)
    {
        var r = Read(json);
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.Path == key && e.ToString().Contains(detail, StringComparison.Ordinal));
    }
}
