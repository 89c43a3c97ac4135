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
        var lives = NumberOptions.List(ModelInputs.AssetLifeYears,
            "Compare useful lives, years (e.g. 4 5 6): each re-leases the GPU after the first contract until the life's end, then sells it (the scenario's assetLife keys, else their defaults); IRR, NPV, payback and floor per life.");
        var contract = new ContractOptions();
        var command = new Command("project", "The neocloud's rental project at a price: IRR, NPV at the hurdle, payback, money multiple, cash flows.");
        command.Arguments.Add(system);
        command.Options.Add(price);
        contract.AddTo(command);
        command.Options.Add(schedule);
        command.Options.Add(lives);
        command.SetAction(parse =>
        {
            var model = contract.Financing(parse, ctx.Load(parse));
            var id = ctx.System(model, parse.GetValue(system)!).Id;
            var p = parse.GetValue(price);
            var terms = contract.Terms(parse, model.Scenario);
            var m = contract.SystemPriceMultiplier(parse);
            var hurdle = contract.HurdleRate(parse, model.Scenario);
            if (parse.GetValue(lives) is { Length: > 0 } years) return CompareLives(ctx, parse, model, id, p, terms, m, hurdle, years);
            var inputs = model.ProjectInputs(id, p, terms, m);
            var r = model.Project(id, p, terms, m, hurdle);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(CommandContext.WithLife(Contract.Project(id, inputs, m, r), inputs.Life));
                return 0;
            }
            var t = Tables.New($"{model.System(id).Name}: rental project at {Tables.Money(p)}/GPU-hour", "measure", "value");
            t.Row("contract", $"{terms.TermMonths} months, {Tables.Percent(terms.PrepayShare)} prepaid, {Tables.Percent(terms.BilledUtilization)} billed");
            t.Row("system price multiplier", Tables.Number(m, "0.00"));
            if (inputs.Life is { } life) t.Row("asset life", life.Description);
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
        if (d.SizingCap is { } cap) t.Row("cap (the most lent)", $"{Tables.Money(cap)}: {(d.CapBinds ? "binds" : "does not bind, the DSCR does")}");
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

    // One row per useful life: the same contract, re-leased after it until the life's end, then sold.
    private static int CompareLives(CommandContext ctx, ParseResult parse, EconomicsModel model, string id, double price, Scenarios.ContractTerms terms,
        double multiplier, double hurdle, double[] years)
    {
        var irrName = model.Scenario.Financing.IrrName;
        var rows = years.Select(y =>
        {
            var withLife = CommandContext.WithLife(model, model.Scenario.AssetLife with { UsefulLifeYears = y });
            try
            {
                var inputs = withLife.ProjectInputs(id, price, terms, multiplier);
                var r = withLife.Project(id, price, terms, multiplier, hurdle);
                double? floor = withLife.TryFloor(id, out var f, out var noFloor, hurdle, terms, multiplier) ? f : null;
                return new LifeRow(y, inputs.Life!.Description, null, r, floor, noFloor) { Source = inputs.Life.SourceName };
            }
            catch (AssetLife.AssetLifeException e)
            {
                return new LifeRow(y, null, e.Message, null, null, null);
            }
        }).ToList();
        if (ctx.Json(parse))
        {
            ctx.WriteJson(new
            {
                system = id,
                price,
                termMonths = terms.TermMonths,
                systemPriceMultiplier = multiplier,
                hurdle,
                irrBasis = model.Scenario.Financing.IrrBasis,
                releasePriceSource = model.Scenario.AssetLife.SourceName,
                lives = rows.Select(x => new
                {
                    usefulLifeYears = x.Years,
                    assetLife = x.Life,
                    releasePriceSource = x.Source,
                    noResult = x.Problem is null ? null : "none: " + x.Problem,
                    irr = x.Result?.Irr,
                    irrNote = x.Result?.IrrNote,
                    npv = x.Result?.Npv,
                    paybackMonth = x.Result?.PaybackMonth,
                    paybackNote = x.Result?.PaybackNote,
                    floorPrice = x.Floor,
                    noFloor = x.NoFloor,
                }),
            });
            return 0;
        }
        var t = Tables.New($"{model.System(id).Name}: rental project at {Tables.Money(price)}/GPU-hour by useful life", "life", $"{irrName} (annual)",
            $"NPV at {Tables.Percent(hurdle)}", "payback month", "floor, $/GPU-hour", "assumes");
        foreach (var x in rows)
        {
            var life = x.Years.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " years";
            if (x.Result is not { } r)
            {
                t.Row(life, "none", "none", "none", "none", $"no figure: {x.Problem}");
                continue;
            }
            t.Row(life, r.Irr is { } irr ? Tables.Percent(irr) : $"none: {r.IrrNote}", Tables.Money(r.Npv),
                r.PaybackMonth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never", x.Floor is { } fl ? Tables.Money4(fl) : x.NoFloor!, x.Life!);
        }
        Tables.Write(ctx.Out, t);
        ctx.Out.WriteLine($"Re-leases and spot hours priced by: {model.Scenario.AssetLife.SourceName} (assetLife.releasePriceSource: {AssetLife.ReleasePriceSources.Allowed}; or a price path, assetLife.releasePricesPerGpuHour).");
        return 0;
    }

    private sealed record LifeRow(double Years, string? Life, string? Problem, Rental.RentalProjectResult? Result, double? Floor, string? NoFloor)
    {
        public string? Source { get; init; }
    }
}
