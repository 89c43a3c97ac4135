using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;

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
}
