using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Financing;

namespace Gpunomics.Cli.Commands;

internal static class ProjectCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var price = NumberOptions.Required(ModelInputs.Price, "Rental price, $ per GPU-hour.");
        var schedule = new Option<bool>("--schedule") { Description = "Also print the monthly cash-flow schedule (always in --json)." };
        var contract = new ContractOptions();
        var command = new Command("project", "The neocloud's rental project at a price: IRR, NPV at the hurdle, payback, money multiple, cash flows.");
        command.Arguments.Add(system);
        command.Options.Add(price);
        contract.AddTo(command);
        command.Options.Add(schedule);
        command.SetAction(parse =>
        {
            var model = contract.Financing(parse, ctx.Load(parse));
            var id = ctx.System(model, parse.GetValue(system)!).Id;
            var p = parse.GetValue(price);
            var terms = contract.Terms(parse, model.Scenario);
            var m = contract.SystemPriceMultiplier(parse);
            var hurdle = contract.HurdleRate(parse, model.Scenario);
            var inputs = model.ProjectInputs(id, p, terms, m);
            var r = model.Project(id, p, terms, m, hurdle);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(Contract.Project(id, inputs, m, r));
                return 0;
            }
            var t = Tables.New($"{model.System(id).Name}: rental project at {Tables.Money(p)}/GPU-hour", "measure", "value");
            t.Row("contract", $"{terms.TermMonths} months, {Tables.Percent(terms.PrepayShare)} prepaid, {Tables.Percent(terms.BilledUtilization)} billed");
            t.Row("system price multiplier", Tables.Number(m, "0.00"));
            t.Row("capex per GPU", Tables.Money(inputs.CapexPerGpu));
            t.Row("operating cost", $"{Tables.Money4(inputs.OperatingCostPerHour)}/GPU-hour");
            var financing = model.Scenario.Financing;
            t.Row($"{financing.IrrName} (annual)", r.Irr is { } irr ? Tables.Percent(irr) : $"none: {r.IrrNote}");
            if (!financing.IsNone) t.Row("IRR of", financing.IrrBasis);
            if (r.Irr is not null && r.IrrNote is { } how) t.Row("IRR chosen", how);
            if (r.BorrowingRate is { } borrowing) t.Row("borrowing rate (annual)", $"{Tables.Percent(borrowing)}: the cost of the money received, not a return");
            t.Row($"NPV at {Tables.Percent(hurdle)} hurdle", Tables.Money(r.Npv));
            t.Row($"beats the {Tables.Percent(hurdle)} hurdle", r.Npv >= 0 ? "yes: NPV at the hurdle >= 0" : "no: NPV at the hurdle < 0");
            t.Row("MIRR (annual; financed and reinvested at the hurdle)", r.Mirr is { } mirr ? Tables.Percent(mirr) : "-");
            t.Row("payback month", r.PaybackMonth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"never: {r.PaybackNote}");
            t.Row("money multiple", r.Moic is { } moic ? Tables.Number(moic, "0.00x") : "-");
            Tables.Write(ctx.Out, t);
            if (Rental.RentalProject.Debt(inputs) is { } debt) WriteDebt(ctx, financing, debt, parse.GetValue(schedule));
            if (parse.GetValue(schedule))
            {
                string[] columns = ["month", "capex", "prepayment", "billed", "prepay credit", "opex", "residual", .. financing.IsNone ? [] : new[] { "debt", "interest", "tax" }, "net", "cumulative"];
                var s = Tables.New("Monthly cash flows, $ per GPU", columns);
                foreach (var x in r.Schedule)
                {
                    string[] cells = [x.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), Tables.Money(x.Capex), Tables.Money(x.Prepayment), Tables.Money(x.Billed),
                        Tables.Money(x.PrepaymentCredit), Tables.Money(x.OperatingCost), Tables.Money(x.Residual),
                        .. financing.IsNone ? [] : new[] { Tables.Money(x.Debt), Tables.Money(x.Interest), Tables.Money(x.Tax) }, Tables.Money(x.Net), Tables.Money(x.Cumulative)];
                    s.Row(cells);
                }
                Tables.Write(ctx.Out, s);
            }
            return 0;
        });
        return command;
    }

    // The loan's summary and its covenant table; with --schedule, its monthly schedule too.
    private static void WriteDebt(CommandContext ctx, Scenarios.ProjectFinancing financing, DebtSchedule d, bool monthly)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var loan = financing.Loan;
        var t = Tables.New("Project loan, $ per GPU", "measure", "value");
        t.Row("loan", $"{Tables.Money(d.Loan)} ({Tables.Percent(d.LoanToCapex)} of capex)");
        t.Row("sized", d.SizingNote);
        t.Row("rate (annual effective)", Tables.Percent(d.AnnualRate) + (loan.Credit is { } c ? $": {CostOfDebt.Text(c, loan.Sofr)}, SOFR as of {CostOfDebt.SofrDate}" : ": given"));
        t.Row("drawn", loan.DrawMonths <= 1 ? "at month 0" : $"with the capex, in equal parts over months 0-{loan.DrawMonths - 1}");
        t.Row("interest-only months", loan.InterestOnlyMonths.ToString(inv));
        t.Row("repayment", d.Repayment switch
        {
            Repayment.Sculpted => $"sculpted: debt service = CFADS / {Tables.Number(loan.TargetDscr ?? 0, "0.00")}x",
            Repayment.Balloon => "balloon: interest only, principal repaid at the term's end",
            _ => "level payments",
        } + $", months {d.FirstRepaymentMonth}-{d.LastMonth}");
        t.Row("total interest", Tables.Money(d.TotalInterest));
        t.Row("balloon", d.BalloonMonth is { } bm ? $"{Tables.Money(d.Balloon)} at month {bm}" : "none");
        t.Row("DSCR (CFADS / scheduled debt service)", d.MinDscr is { } min
            ? $"lowest {Tables.Number(min, "0.00")}x, average {Tables.Number(d.AverageDscr!.Value, "0.00")}x"
            : "none: no month has scheduled debt service");
        Tables.Write(ctx.Out, t);

        var c2 = d.Covenants;
        var k = Tables.New("Covenant tests by month", "covenant", "limit", "worst", "months breached");
        var dscrs = c2.Months.Where(m => m.Dscr is not null).ToList();
        var ltvs = c2.Months.Where(m => m.Ltv is not null).ToList();
        k.Row("DSCR at least", c2.MinDscr is { } md ? Tables.Number(md, "0.00") + "x" : "not set",
            dscrs.Count == 0 ? "-" : dscrs.MinBy(m => m.Dscr!.Value) is { } w ? $"{Tables.Number(w.Dscr!.Value, "0.00")}x (month {w.Month})" : "-",
            c2.MinDscr is null ? "-" : c2.Months.Count(m => m.DscrBreached).ToString(inv));
        k.Row("LTV at most", c2.MaxLtv is { } ml ? Tables.Percent(ml) : "not set",
            ltvs.Count == 0 ? "-" : ltvs.MaxBy(m => m.Ltv!.Value) is { } x ? $"{Tables.Percent(x.Ltv!.Value)} (month {x.Month})" : "-",
            c2.MaxLtv is null ? "-" : c2.Months.Count(m => m.LtvBreached).ToString(inv));
        k.Row("first breach", c2.Outcome, "", "");
        Tables.Write(ctx.Out, k);

        if (!monthly) return;
        var s = Tables.New("Loan schedule, $ per GPU", "month", "CFADS", "draw", "interest", "principal", "balloon", "balance", "DSCR", "LTV", "breach");
        var tested = c2.Months.ToDictionary(m => m.Month);
        foreach (var m in d.Months)
        {
            tested.TryGetValue(m.Month, out var cm);
            s.Row(m.Month.ToString(inv), Tables.Money(m.Cfads), Tables.Money(m.Draw), Tables.Money(m.Interest), Tables.Money(m.Principal), Tables.Money(m.Balloon),
                Tables.Money(m.Balance), m.Dscr is { } v ? Tables.Number(v, "0.00") + "x" : "-", cm?.Ltv is { } l ? Tables.Percent(l) : "-", cm?.Breach ?? "");
        }
        Tables.Write(ctx.Out, s);
    }
}
