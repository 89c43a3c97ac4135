using System.CommandLine;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;

namespace Gpunomics.Cli.Commands;

internal static class FloorCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var contract = new ContractOptions();
        var command = new Command("floor", "The cost-based floor: the lowest rental price whose IRR equals the hurdle (closed form; numeric with corporate tax).");
        command.Arguments.Add(system);
        contract.AddTo(command);
        var supply = new SupplyOptions();
        supply.AddTo(command);
        command.SetAction(parse =>
        {
            var model = contract.Financing(parse, ctx.Load(parse));
            var s = ctx.System(model, parse.GetValue(system)!);
            model = supply.Apply(parse, model, s.Id);
            s = model.System(s.Id);
            var terms = contract.Terms(parse, model.Scenario);
            var m = contract.SystemPriceMultiplier(parse);
            var hurdle = contract.HurdleRate(parse, model.Scenario);
            double? floor = model.TryFloor(s.Id, out var f, out var noFloor, hurdle, terms, m) ? f : null;
            var basis = model.Scenario.Ceiling.Basis;
            var pflops = s.Pflops(basis);
            if (ctx.Json(parse))
            {
                ctx.WriteJson(CommandContext.WithLife(Contract.Floor(s, hurdle, terms, m, floor, noFloor, basis, model.Scenario.Financing), model.ProjectInputs(s.Id, 0, terms, m).Life));
                return 0;
            }
            var t = Tables.New($"{s.Name}: floor price", "measure", "value");
            t.Row("hurdle IRR (annual)", Tables.Percent(hurdle));
            t.Row("contract", $"{terms.TermMonths} months, {Tables.Percent(terms.PrepayShare)} prepaid");
            t.Row("system price multiplier", Tables.Number(m, "0.00"));
            if (model.ProjectInputs(s.Id, 0, terms, m).Life is { } life) t.Row("asset life", life.Description);
            t.Row("floor, $/GPU-hour", floor is { } fl ? Tables.Money4(fl) : noFloor!);
            t.Row($"floor, $/PFLOP-hour ({basis.Key})", floor is { } fp && pflops is { } p ? Tables.Money4(fp / p) : floor is null ? "no floor exists" : "-");
            if (!model.Scenario.Financing.IsNone)
            {
                t.Row("hurdle applies to", model.Scenario.Financing.IrrBasis);
                t.Row("found by", Pricing.FloorPrice.Method(model.Scenario.Financing));
            }
            Tables.Write(ctx.Out, t);
            return 0;
        });
        return command;
    }
}
