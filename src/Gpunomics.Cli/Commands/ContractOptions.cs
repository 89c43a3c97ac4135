using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli.Commands;

/// <summary>Contract and system-price options shared by project, floor and chart.</summary>
internal sealed class ContractOptions
{
    public Option<int?> TermMonths { get; } = NumberOptions.Whole(ModelInputs.TermMonths, "Contract length in months (default: the scenario's, 60).");
    public Option<double?> Prepay { get; } = NumberOptions.Optional(ModelInputs.Prepay, "Prepayment as a share of total contract value, in [0, 1): 0.15 or 15% (default: the scenario's, 0.15).");
    public Option<double> Multiplier { get; } = NumberOptions.WithDefault(ModelInputs.SystemPriceMultiplier, "System price over today's (1.0 = today).", 1.0);
    public Option<double?> Hurdle { get; } = NumberOptions.Optional(ModelInputs.Hurdle, "Hurdle IRR, annual: 0.156 or 15.6% (default: the scenario's, 15.6%).");
    public Option<double?> DebtShare { get; } = NumberOptions.Optional(ModelInputs.DebtShare, "Share of capex borrowed, in [0, 1): 0.6 or 60%; needs --debt-rate; the IRR and hurdle become the equity's (default: the scenario's, 0).");
    public Option<double?> DebtRate { get; } = NumberOptions.Optional(ModelInputs.DebtRate, "Annual interest rate on the loan: 0.08 or 8% (required with --debt-share, unless the scenario's debt has a rate).");
    public Option<double?> TaxRate { get; } = NumberOptions.Optional(ModelInputs.TaxRate, "Corporate tax rate on positive income, in [0, 1): 0.21 or 21% (default: the scenario's, 0).");

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
            DebtShare = share ?? f.DebtShare,
            DebtRate = rate ?? f.DebtRate,
            TaxRate = tax ?? f.TaxRate,
            // --debt-share sizes the loan as that share of capex; --debt-rate replaces a rate set by the renter's credit.
            Loan = f.Loan with { Sizing = share is null ? f.Loan.Sizing : null, Credit = rate is null ? f.Loan.Credit : null },
        };
        // A loan without a rate is not a loan at 0%: the rate comes from --debt-rate or the scenario's debt.
        if (share > 0 && rate is null && !model.Scenario.Financing.HasDebt)
            throw new UserInputException($"--debt-share {Fmt(share.Value)} needs --debt-rate, the loan's annual interest rate (e.g. --debt-rate 8%); allowed: {ModelInputs.DebtRate.Allowed}");
        if (rate is not null && !f.HasDebt)
            throw new UserInputException("--debt-rate has no effect without a loan: give --debt-share (or a scenario with debt.share above 0)");
        return new EconomicsModel(model.Catalog, model.Scenario with { Financing = f });
    }

    public ContractTerms Terms(ParseResult parse, Scenario scenario)
    {
        var terms = scenario.Contract;
        if (parse.GetValue(TermMonths) is { } t) terms = terms with { TermMonths = t };
        if (parse.GetValue(Prepay) is { } p) terms = terms with { PrepayShare = p };
        // A loan repaid over the contract term must still have months to repay in after its draws and interest-only months.
        var f = scenario.Financing;
        var first = Math.Max(f.Loan.DrawMonths - 1, f.Loan.InterestOnlyMonths) + 1;
        if (f.HasDebt && f.DebtTermMonths is null && terms.TermMonths < first && parse.GetValue(TermMonths) is { } given)
            throw new UserInputException($"--term-months {given} ends the loan's term (the contract's) before its first repayment month, {first}: " +
                $"after the scenario's {f.Loan.DrawMonths} draw month(s) and {f.Loan.InterestOnlyMonths} interest-only month(s); give a longer term or set debt.termMonths");
        if (f.Loan.DrawMonths > terms.SetupMonths + terms.TermMonths + 1 && parse.GetValue(TermMonths) is { } shorter)
            throw new UserInputException($"--term-months {shorter} ends the project before the scenario's capex is spent (debt.drawMonths {f.Loan.DrawMonths}): " +
                $"give at least {f.Loan.DrawMonths - 1 - terms.SetupMonths} months");
        return terms;
    }

    public double SystemPriceMultiplier(ParseResult parse) => parse.GetValue(Multiplier);

    public double HurdleRate(ParseResult parse, Scenario scenario) =>
        parse.GetValue(Hurdle) ?? scenario.HurdleRate;

    private static string Fmt(double v) => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture);

    public static Argument<string> SystemArgument() => new("system") { Description = "Catalog system id, e.g. gb300-nvl72 (see 'gpunomics systems')." };
}
