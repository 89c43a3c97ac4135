using System.CommandLine;
using System.Globalization;
using Gpunomics.CashFlows;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Inputs;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Commands;

/// <summary>
/// Any cash flows: IRR, NPV, MIRR and payback of a column of periodic flows, XIRR, XNPV and payback of date,amount
/// rows, read from a CSV or JSON file or standard input (methodology: "Cash flows").
/// </summary>
internal static class CashFlowsCommand
{
    private const string StdinName = "standard input";

    public static Command Create(CommandContext ctx)
    {
        var command = new Command("cashflows", "Any cash flows: IRR, NPV, MIRR, payback of a column of flows; XIRR, XNPV, payback of date,amount rows (a CSV or JSON file, or standard input).");
        command.Subcommands.Add(Irr(ctx));
        command.Subcommands.Add(Npv(ctx));
        command.Subcommands.Add(Mirr(ctx));
        command.Subcommands.Add(Payback(ctx));
        command.Subcommands.Add(Xirr(ctx));
        command.Subcommands.Add(Xnpv(ctx));
        return command;
    }

    private static Argument<string?> FlowsArgument() => new("flows")
    {
        Description = "CSV (one amount per row, or date,amount rows) or JSON file of cash flows; '-' or nothing reads standard input.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    // A subcommand over the flows argument, with its options.
    private static Command Sub(string name, string description, Argument<string?> flows, params Option[] options)
    {
        var c = new Command(name, description);
        c.Arguments.Add(flows);
        foreach (var o in options) c.Options.Add(o);
        return c;
    }

    private static Option<int?> PeriodsPerYear() => NumberOptions.OptionalCount(ModelInputs.PeriodsPerYear, "Periods in a year of periodic flows (default 12: monthly); the IRR is given per period and annual effective.");

    private static Command Irr(CommandContext ctx)
    {
        var flows = FlowsArgument();
        var rate = NumberOptions.Optional(ModelInputs.DiscountRate, "Hurdle, annual effective: a return chosen among several roots is kept only where NPV at the hurdle agrees.");
        var ppy = PeriodsPerYear();
        var c = Sub("irr", "IRR of periodic flows (flow 0 now, flow t at the end of period t): per period and annual effective, every root, a borrowing rate where NPV rises with the rate, or none with the reason.", flows, rate, ppy);
        c.SetAction(p =>
        {
            var (input, source) = Read(ctx, p.GetValue(flows));
            var f = Periodic(input, source, "xirr");
            var n = p.GetValue(ppy) ?? 12;
            var r = CashFlowAnalysis.Irr(f, n, p.GetValue(rate));
            if (ctx.Json(p)) { ctx.WriteJson(new { input = Contract.CashFlowInput(input, n), hurdle = p.GetValue(rate), irr = Contract.CashFlowIrr(r) }); return 0; }
            var t = Table(source, "IRR", input, n);
            IrrRows(t, r, dated: false);
            if (p.GetValue(rate) is { } h) t.Row("hurdle (annual)", Rate(h));
            Write(ctx, t, input);
            return 0;
        });
        return c;
    }

    private static Command Xirr(CommandContext ctx)
    {
        var flows = FlowsArgument();
        var rate = NumberOptions.Optional(ModelInputs.DiscountRate, "Hurdle, annual effective: a return chosen among several roots is kept only where XNPV at the hurdle agrees.");
        var ppy = PeriodsPerYear();
        var c = Sub("xirr", "XIRR of dated flows (date,amount rows; actual/365 from the earliest date, as spreadsheets): annual effective, every root, a borrowing rate where NPV rises with the rate, or none with the reason.", flows, rate, ppy);
        c.SetAction(p =>
        {
            NoPeriods(p, ppy);
            var (input, source) = Read(ctx, p.GetValue(flows));
            var f = Dated(input, source, "irr");
            var r = CashFlowAnalysis.Xirr(f, p.GetValue(rate));
            if (ctx.Json(p)) { ctx.WriteJson(new { input = Contract.CashFlowInput(input, 0), hurdle = p.GetValue(rate), xirr = Contract.CashFlowIrr(r) }); return 0; }
            var t = Table(source, "XIRR", input, 0);
            IrrRows(t, r, dated: true);
            if (p.GetValue(rate) is { } h) t.Row("hurdle (annual)", Rate(h));
            Write(ctx, t, input);
            return 0;
        });
        return c;
    }

    private static Command Npv(CommandContext ctx)
    {
        var flows = FlowsArgument();
        var rate = NumberOptions.Required(ModelInputs.DiscountRate, "Discount rate, annual effective (per period: (1 + rate)^(1/periods per year) - 1).");
        var ppy = PeriodsPerYear();
        var c = Sub("npv", "NPV of periodic flows at an annual rate: flow 0 undiscounted, flow t discounted t periods (the spreadsheet's first + NPV(rate, rest)).", flows, rate, ppy);
        c.SetAction(p =>
        {
            var (input, source) = Read(ctx, p.GetValue(flows));
            var f = Periodic(input, source, "xnpv");
            var n = p.GetValue(ppy) ?? 12;
            var r = CashFlowAnalysis.Npv(f, p.GetValue(rate), n);
            if (ctx.Json(p)) { ctx.WriteJson(new { input = Contract.CashFlowInput(input, n), npv = Contract.CashFlowNpv(r) }); return 0; }
            var t = Table(source, "NPV", input, n);
            t.Row("discount rate", $"{Rate(r.Rate)} a year, {PerPeriod(r.RatePerPeriod!.Value)} per period");
            t.Row("NPV", r.Value is { } v ? Amount(v) : $"none: {r.Note}");
            Write(ctx, t, input);
            return 0;
        });
        return c;
    }

    private static Command Xnpv(CommandContext ctx)
    {
        var flows = FlowsArgument();
        var rate = NumberOptions.Required(ModelInputs.DiscountRate, "Discount rate, annual effective.");
        var ppy = PeriodsPerYear();
        var c = Sub("xnpv", "XNPV of dated flows at an annual rate: each discounted by (1 + rate)^(days from the earliest date / 365), as spreadsheets.", flows, rate, ppy);
        c.SetAction(p =>
        {
            NoPeriods(p, ppy);
            var (input, source) = Read(ctx, p.GetValue(flows));
            var f = Dated(input, source, "npv");
            var r = CashFlowAnalysis.Xnpv(f, p.GetValue(rate));
            if (ctx.Json(p)) { ctx.WriteJson(new { input = Contract.CashFlowInput(input, 0), xnpv = Contract.CashFlowNpv(r) }); return 0; }
            var t = Table(source, "XNPV", input, 0);
            t.Row("discount rate", $"{Rate(r.Rate)} a year");
            t.Row("XNPV (at the earliest date)", r.Value is { } v ? Amount(v) : $"none: {r.Note}");
            Write(ctx, t, input);
            return 0;
        });
        return c;
    }

    private static Command Mirr(CommandContext ctx)
    {
        var flows = FlowsArgument();
        var rate = NumberOptions.Optional(ModelInputs.DiscountRate, "Annual rate for both the finance and the reinvestment rate where those are not given.");
        var finance = NumberOptions.Optional(ModelInputs.FinanceRate, "Annual rate the outflows are financed at (discounted to now).");
        var reinvest = NumberOptions.Optional(ModelInputs.ReinvestRate, "Annual rate the inflows are reinvested at (compounded to the last period).");
        var ppy = PeriodsPerYear();
        var c = Sub("mirr", "MIRR of periodic flows: outflows discounted at the finance rate, inflows compounded at the reinvestment rate (the spreadsheet MIRR); per period and annual effective.", flows, rate, finance, reinvest, ppy);
        c.SetAction(p =>
        {
            var fr = p.GetValue(finance) ?? p.GetValue(rate);
            var rr = p.GetValue(reinvest) ?? p.GetValue(rate);
            if (fr is null || rr is null)
                throw new UserInputException($"MIRR needs {(fr is null ? "--finance-rate" : "")}{(fr is null && rr is null ? " and " : "")}{(rr is null ? "--reinvest-rate" : "")} (or --rate for both); allowed: {ModelInputs.FinanceRate.Allowed}");
            var (input, source) = Read(ctx, p.GetValue(flows));
            var f = Periodic(input, source, null);
            var n = p.GetValue(ppy) ?? 12;
            var r = CashFlowAnalysis.Mirr(f, fr.Value, rr.Value, n);
            if (ctx.Json(p)) { ctx.WriteJson(new { input = Contract.CashFlowInput(input, n), mirr = Contract.CashFlowMirr(r) }); return 0; }
            var t = Table(source, "MIRR", input, n);
            t.Row("finance rate (annual)", Rate(r.FinanceRate));
            t.Row("reinvestment rate (annual)", Rate(r.ReinvestRate));
            t.Row("MIRR per period", r.RatePerPeriod is { } m ? PerPeriod(m) : $"none: {r.Note}");
            t.Row("MIRR (annual effective)", r.Rate is { } a ? Rate(a) : r.RatePerPeriod is null ? "none" : $"none: {r.Note}");
            Write(ctx, t, input);
            return 0;
        });
        return c;
    }

    private static Command Payback(CommandContext ctx)
    {
        var flows = FlowsArgument();
        var ppy = PeriodsPerYear();
        var c = Sub("payback", "Payback: the first period (or, for date,amount rows, the first date) from which the cumulative cash flow stays at or above zero; never, with the reason.", flows, ppy);
        c.SetAction(p =>
        {
            var (input, source) = Read(ctx, p.GetValue(flows));
            if (input.IsDated) NoPeriods(p, ppy);
            var n = p.GetValue(ppy) ?? 12;
            var r = input.Dated is { } d ? CashFlowAnalysis.Payback(d) : CashFlowAnalysis.Payback(input.Periodic!, n);
            if (ctx.Json(p)) { ctx.WriteJson(new { input = Contract.CashFlowInput(input, n), payback = Contract.CashFlowPayback(r) }); return 0; }
            var t = Table(source, "payback", input, n);
            var when = r.Period is { } k ? $"period {k.ToString(CultureInfo.InvariantCulture)}" : r.Date is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            t.Row("payback", when is null ? $"never: {r.Note}" : $"{when} ({Tables.Number(r.Years!.Value, "0.##")} years after the first flow)");
            Write(ctx, t, input);
            return 0;
        });
        return c;
    }

    /// <summary>Reads the flows from the file, or from standard input for '-' or no file, at most <see cref="DataFiles.MaxInputFileBytes"/>.</summary>
    private static (CashFlowInput Input, string Source) Read(CommandContext ctx, string? file)
    {
        string text, source;
        if (file is null or "-")
        {
            source = StdinName;
            var buffer = new char[DataFiles.MaxInputFileBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = ctx.In.Read(buffer, total, buffer.Length - total)) > 0) total += read;
            if (total > DataFiles.MaxInputFileBytes)
                throw new UserInputException($"cannot read cash flows from {source}: it holds more than {DataFiles.MaxInputFileBytes / (1024 * 1024)} MB, the most a cash-flow file may hold");
            text = new string(buffer, 0, total);
        }
        else
        {
            text = DataFiles.ReadText(file, "cash-flow");
            source = DataFiles.Show(file);
        }
        var r = CashFlowReader.Read(text, source);
        if (r.Ok) return (r.Value!, source);
        throw new UserInputException(r.Errors.Count == 1 ? r.Errors[0].ToString() : $"{r.Errors.Count} problems:\n  " + string.Join("\n  ", r.Errors));
    }

    private static IReadOnlyList<double> Periodic(CashFlowInput input, string source, string? datedCommand) =>
        input.Periodic ?? throw new UserInputException($"{source} holds dated flows (date,amount rows): " +
            (datedCommand is null ? "MIRR is defined on periodic flows only; give one amount per row" : $"use 'gpunomics cashflows {datedCommand}', or give one amount per row"));

    private static IReadOnlyList<Finance.DatedFlow> Dated(CashFlowInput input, string source, string periodicCommand) =>
        input.Dated ?? throw new UserInputException($"{source} holds a column of amounts without dates: use 'gpunomics cashflows {periodicCommand}', or give date,amount rows (dates as YYYY-MM-DD)");

    private static void NoPeriods(ParseResult p, Option<int?> ppy)
    {
        if (p.GetValue(ppy) is { } n)
            throw new UserInputException($"--periods-per-year {n}: dated flows have no periods (each is discounted by its days from the earliest date / 365); leave it out");
    }

    private static Spectre.Console.Table Table(string source, string what, CashFlowInput input, int periodsPerYear)
    {
        var t = Tables.New($"Cash flows from {source}: {what}", "measure", "value");
        t.Row("flows", input.Dated is { } d
            ? $"{d.Count} dated, {d.Min(x => x.Date):yyyy-MM-dd} to {d.Max(x => x.Date):yyyy-MM-dd}"
            : $"{input.Count} periodic (periods 0 to {input.Count - 1}), {periodsPerYear} period{(periodsPerYear == 1 ? "" : "s")} a year");
        return t;
    }

    private static void IrrRows(Spectre.Console.Table t, CashFlowIrr r, bool dated)
    {
        var name = dated ? "XIRR" : "IRR";
        if (!dated) t.Row($"{name} per period", r.RatePerPeriod is { } pp ? PerPeriod(pp) : "none");
        t.Row($"{name} (annual effective)", r.Rate is { } a ? Rate(a) : $"none: {r.Note}");
        if (r.Rate is not null && r.Note is { } how) t.Row($"{name} chosen", how);
        if (r.Rate is null && r.RatePerPeriod is not null && r.Note is { } why) t.Row("note", why);
        if (r.BorrowingRate is { } b)
            t.Row("borrowing rate (annual)", $"{Rate(b)}: the cost of the money received, not a return" + (r.BorrowingRatePerPeriod is { } bp ? $" ({PerPeriod(bp)} per period)" : ""));
        if (r.Roots.Count >= 2) t.Row("rates making NPV zero (annual)", string.Join(", ", r.Roots.Select(Rate)));
    }

    private static void Write(CommandContext ctx, Spectre.Console.Table t, CashFlowInput input)
    {
        foreach (var n in input.Notes) t.Row("note", n);
        Tables.Write(ctx.Out, t);
    }

    // Near -100% and above 10,000% the notes' format, so that -99.99999% does not read as -100.00%.
    private static string Rate(double r) => r > -0.99 && r < 100 ? r.ToString("0.00##%", CultureInfo.InvariantCulture) : CashFlowAnalysis.Percent(r);

    private static string PerPeriod(double r) => r > -0.99 && r < 100 ? r.ToString("0.0000##%", CultureInfo.InvariantCulture) : CashFlowAnalysis.Percent(r);

    private static string Amount(double v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
