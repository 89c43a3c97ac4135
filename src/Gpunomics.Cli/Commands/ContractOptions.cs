using System.CommandLine;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli.Commands;

/// <summary>Contract and system-price options shared by project, floor and chart.</summary>
internal sealed class ContractOptions
{
    public Option<int?> TermMonths { get; } = new("--term-months") { Description = "Contract length in months (default: the scenario's, 60)." };
    public Option<double?> Prepay { get; } = new("--prepay") { Description = "Prepayment as a share of total contract value, in [0, 1) (default: the scenario's, 0.15)." };
    public Option<double> Multiplier { get; } = new("--system-price-multiplier") { Description = "System price over today's (1.0 = today).", DefaultValueFactory = _ => 1.0 };
    public Option<double?> Hurdle { get; } = new("--hurdle") { Description = "Hurdle IRR, annual, as a fraction (default: the scenario's, 0.156)." };
    public Option<double?> DebtShare { get; } = new("--debt-share") { Description = "Share of capex borrowed, in [0, 1); the IRR and hurdle become the equity's (default: the scenario's, 0)." };
    public Option<double?> DebtRate { get; } = new("--debt-rate") { Description = "Annual interest rate on the loan, as a fraction (default: the scenario's)." };
    public Option<double?> TaxRate { get; } = new("--tax-rate") { Description = "Corporate tax rate on positive income, in [0, 1) (default: the scenario's, 0)." };

    public void AddTo(Command command, bool hurdle = true)
    {
        command.Options.Add(TermMonths);
        command.Options.Add(Prepay);
        command.Options.Add(Multiplier);
        if (hurdle) command.Options.Add(Hurdle);
        command.Options.Add(DebtShare);
        command.Options.Add(DebtRate);
        command.Options.Add(TaxRate);
    }

    /// <summary>The model with the command line's debt and tax over the scenario's.</summary>
    public EconomicsModel Financing(ParseResult parse, EconomicsModel model)
    {
        var share = parse.GetValue(DebtShare);
        var rate = parse.GetValue(DebtRate);
        var tax = parse.GetValue(TaxRate);
        if (share is null && rate is null && tax is null) return model;
        var f = model.Scenario.Financing;
        f = f with
        {
            DebtShare = share is { } d ? Require.InRange(d, "--debt-share", 0, 1, maxExclusive: true) : f.DebtShare,
            DebtRate = rate is { } r ? Require.InRange(r, "--debt-rate", 0, 1) : f.DebtRate,
            TaxRate = tax is { } t ? Require.InRange(t, "--tax-rate", 0, 1, maxExclusive: true) : f.TaxRate,
        };
        if (rate is not null && !f.HasDebt)
            throw new UserInputException("--debt-rate has no effect without a loan: give --debt-share (or a scenario with debt.share above 0)");
        return new EconomicsModel(model.Catalog, model.Scenario with { Financing = f });
    }

    public ContractTerms Terms(ParseResult parse, Scenario scenario)
    {
        var terms = scenario.Contract;
        if (parse.GetValue(TermMonths) is { } t) terms = terms with { TermMonths = Require.InRange(t, "--term-months", 1, 600) };
        if (parse.GetValue(Prepay) is { } p) terms = terms with { PrepayShare = Require.InRange(p, "--prepay", 0, 1, maxExclusive: true) };
        return terms;
    }

    public double SystemPriceMultiplier(ParseResult parse) =>
        Require.InRange(parse.GetValue(Multiplier), "--system-price-multiplier", 0, 100, minExclusive: true);

    public double HurdleRate(ParseResult parse, Scenario scenario) =>
        parse.GetValue(Hurdle) is { } h ? Require.InRange(h, "--hurdle", -0.99, 10) : scenario.HurdleRate;

    public static Argument<string> SystemArgument() => new("system") { Description = "Catalog system id, e.g. gb300-nvl72 (see 'gpunomics systems')." };
}
