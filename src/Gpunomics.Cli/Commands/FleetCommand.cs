using System.CommandLine;
using System.Globalization;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Export;
using Gpunomics.Export.Writers;
using Gpunomics.Fleet;
using Gpunomics.Market;
using Gpunomics.Pricing;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Commands;

/// <summary>A fleet of vintages and contracts: returns, debt and cash by vintage and by month.</summary>
internal static class FleetCommand
{
    public static Command Create(CommandContext ctx)
    {
        var file = FileArgument();
        var monthly = new Option<bool>("--monthly") { Description = "Show every month instead of every year." };
        var named = new Option<string[]>("--default")
        {
            Description = "A named renter default, CONTRACT@YYYY-MM (the first month not paid); repeatable. Replaces the file's defaults with these, keeping its recovery and re-lease delay.",
            AllowMultipleArgumentsPerToken = false,
        };
        var xlsx = new Option<FileInfo?>("--xlsx")
        {
            Description = "Write the fleet as an .xlsx workbook of live formulas: the fleet's assumptions, Deployments, Contracts and SpotPrices as inputs; ContractMonths, a sheet per vintage (its flows and loan), FleetMonthly and FleetSummary as formulas over them.",
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Write the fleet report into DIR (created if missing): fleet.txt (the tables), fleet.json, a CSV of every sheet of the workbook, and the charts (revenue stacked by vintage, backlog, cash and debt balance) as SVG and PNG.",
        };
        var command = new Command("fleet", "A neocloud's fleet: vintages bought at different dates, contracts with renters of different credit, uncontracted GPUs sold at the forward curve's spot price, renter defaults and the fleet's debt. Prints the equity IRR, NPV, payback, minimum DSCR and first breach, then a table by vintage and one by year (or month); --out DIR writes the report with its charts, --xlsx FILE the workbook.");
        command.Arguments.Add(file);
        command.Options.Add(monthly);
        command.Options.Add(named);
        command.Options.Add(xlsx);
        command.Options.Add(output);
        command.Subcommands.Add(FleetRiskCommand.Create(ctx));
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var (fleet, market, shown) = Load(model, parse, file, named);
            FleetResult result;
            try
            {
                result = FleetModel.Run(fleet, market, model);
            }
            catch (FleetException e)
            {
                throw new UserInputException($"{shown}: {e.Message}");
            }
            var xlsxFile = parse.GetValue(xlsx);
            if (xlsxFile is not null && !xlsxFile.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"--xlsx '{xlsxFile.Name}' must end in .xlsx");
            var dir = parse.GetValue(output);
            var files = new List<string>();
            var book = xlsxFile is not null || dir is not null ? FleetWorkbook.Build(result, model) : null;
            if (xlsxFile is not null)
            {
                WriteFile(xlsxFile.FullName, stream => XlsxWriter.Write(book!, stream));
                files.Add(xlsxFile.FullName);
            }
            if (dir is not null) files.AddRange(Report(dir, result, shown, parse.GetValue(monthly), book!));
            if (ctx.Json(parse))
            {
                var json = FleetResultContract.From(result, shown, parse.GetValue(monthly));
                ctx.WriteJson(files.Count > 0 ? new { fleet = json, files } : json);
                return 0;
            }
            Write(ctx.Out, result, shown, parse.GetValue(monthly));
            foreach (var f in files) ctx.Out.WriteLine($"wrote {f}");
            return 0;
        });
        return command;
    }

    private static string Date(DateOnly d) => FleetDates.Text(d);

    // The fleet report: the tables as printed, the JSON, every sheet's values as CSV, and the charts.
    private static List<string> Report(DirectoryInfo dir, FleetResult result, string shown, bool monthly, Export.Sheets.WorkbookSpec book)
    {
        try { Directory.CreateDirectory(dir.FullName); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--out: cannot create '{dir.FullName}': {e.Message}"); }
        var files = new List<string>();
        var text = Path.Combine(dir.FullName, "fleet.txt");
        WriteFile(text, stream =>
        {
            using var w = new StreamWriter(stream, TableWriters.Utf8);
            Write(w, result, shown, monthly);
        });
        files.Add(text);
        var json = Path.Combine(dir.FullName, "fleet.json");
        WriteFile(json, stream =>
        {
            using var w = new StreamWriter(stream, TableWriters.Utf8);
            w.Write(ContractJson.Serialize(FleetResultContract.From(result, shown, monthly)) + "\n");
        });
        files.Add(json);
        foreach (var sheet in book.Sheets)
        {
            var path = Path.Combine(dir.FullName, "fleet-" + TableWriters.CsvFileName(sheet));
            WriteFile(path, stream =>
            {
                using var w = new StreamWriter(stream, TableWriters.Utf8);
                TableWriters.WriteCsv(sheet, w);
            });
            files.Add(path);
        }
        var backlog = FleetCharts.Backlog(result);
        var cash = FleetCharts.CashAndDebt(result);
        foreach (var ext in new[] { "svg", "png" })
        {
            var revenue = Path.Combine(dir.FullName, $"fleet-revenue.{ext}");
            ChartCommand.WriteImage(revenue, () => FleetCharts.RevenueSvg(result), () => FleetCharts.RevenuePng(result));
            var b = Path.Combine(dir.FullName, $"fleet-backlog.{ext}");
            ChartCommand.WriteImage(b, () => LineChartRenderer.Svg(backlog), () => LineChartRenderer.Png(backlog));
            var c = Path.Combine(dir.FullName, $"fleet-cash-debt.{ext}");
            ChartCommand.WriteImage(c, () => LineChartRenderer.Svg(cash), () => LineChartRenderer.Png(cash));
            files.AddRange([revenue, b, c]);
        }
        return files;
    }

    private static void WriteFile(string path, Action<Stream> write)
    {
        try
        {
            using var stream = File.Create(path);
            write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write '{path}': {e.Message}");
        }
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    // --default CONTRACT@YYYY-MM: each names a contract of the file and a month it bills.
    /// <summary>The fleet file argument both fleet commands take.</summary>
    internal static Argument<FileInfo> FileArgument() =>
        new("file") { Description = "Fleet file (JSON; schema: gpunomics schema fleet; example: data/fleets/example-fleet.json)." };

    /// <summary>
    /// The fleet of the file argument, with the named defaults of <paramref name="named"/> in place of its own when given,
    /// the shipped market that prices its spot hours, and the file's name as shown in messages.
    /// </summary>
    internal static (FleetDefinition Fleet, MarketModel Market, string Shown) Load(EconomicsModel model, ParseResult parse, Argument<FileInfo> file, Option<string[]> named)
    {
        var info = parse.GetValue(file)!;
        var shown = DataFiles.Show(info.FullName);
        var read = FleetReader.Read(DataFiles.ReadText(info.FullName, "fleet"), shown, model.Catalog);
        if (!read.Ok) throw new DataFileException(DataFiles.Format(read.Errors));
        var fleet = read.Value!;
        if (parse.GetValue(named) is { Length: > 0 } events)
            fleet = NamedDefaults.TryApply(fleet, events, out var withNamed, out var error) ? withNamed : throw new UserInputException($"--default {error}");
        var market = CommandContext.Market(model.Catalog, model.Scenario.Ceiling.Basis, DataFiles.LoadLaunchPrices(model.Catalog, null), null).Market;
        return (fleet, market, shown);
    }

    private static string Irr(FleetReturns r) => r.Irr is { } i ? Tables.Percent(i) : $"none: {r.IrrNote}";

    private static string MinDscr(FleetResult r)
    {
        if (r.Fleet.Debt is null) return "none: no debt";
        if (r.MinDscr is not { } min) return "none: no month has scheduled debt service";
        var t = Array.FindIndex(r.Dscr, d => d == min);
        return $"{Tables.Number(min, "0.00")}x at month {t} ({Date(r.MonthDate(t))})";
    }

    private static string Breach(FleetResult r) => r.Covenants is null ? "none: no debt" : r.Covenants.FirstBreach is { } b ? $"{b.Text} ({Date(r.MonthDate(b.Month))})" : r.Covenants.Outcome;

    private static void Write(TextWriter o, FleetResult r, string file, bool monthly)
    {
        var f = r.Fleet;
        o.WriteLine($"{f.Name} ({file}): {Count(f.Deployments.Count, "vintage")}, {Count(f.Contracts.Count, "contract")}, {Date(f.Start)} to {Date(r.MonthDate(r.LastMonth))}");
        o.WriteLine($"  spot: {f.Spot.Pricing.Name()} forward curve, {Tables.Percent(f.Spot.Utilization)} of uncontracted hours sold");
        foreach (var p in r.SpotPrices.Values)
        {
            o.WriteLine($"    {p.SystemId}: {p.Basis}");
            if (p.Warning is { } w) o.WriteLine($"    warning: {w}");
        }
        o.WriteLine($"  defaults: {FleetResultContract.Defaults(f.Defaults)}");
        o.WriteLine($"  debt: {(f.Debt is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Share:0.##%} of each vintage's capex at {d.AnnualRate:0.00%} ({d.RateNote ?? "given"}), {d.Repayment.ToString().ToLowerInvariant()} over {(d.TermMonths is { } n ? n + " months" : "each vintage's life")}") : "none")}");
        o.WriteLine($"  equity IRR: {Irr(r.Returns)}");
        o.WriteLine($"  NPV at {Tables.Percent(r.Hurdle)}: {Tables.Money(r.Returns.Npv)}");
        o.WriteLine($"  payback: {(r.Returns.PaybackMonth is { } pm ? $"month {pm} ({Date(r.MonthDate(pm))})" : $"none: {r.Returns.PaybackNote}")}");
        o.WriteLine($"  money multiple: {(r.Returns.Moic is { } m ? Tables.Number(m, "0.00") + "x" : "none: no outflow")}");
        o.WriteLine($"  min DSCR: {MinDscr(r)}");
        o.WriteLine($"  first breach: {Breach(r)}");
        o.WriteLine($"  cash: {(r.FirstCashShortfall is { } c ? c.Text : "never below zero")}");
        o.WriteLine($"  outcome: {r.Outcome}");

        var v = Tables.New("By vintage, $ over each vintage's life", "vintage", "system", "GPUs", "bought", "life", "capex/GPU", "contracted revenue", "spot revenue",
            "recoveries", "operating cost", "sale", "debt service", "equity net", "equity IRR", $"NPV at {Tables.Percent(r.Hurdle)}");
        foreach (var x in r.Vintages)
        {
            var s = x.Series;
            v.Row(x.Deployment.Id, x.Deployment.SystemId, x.Deployment.Gpus.ToString("N0", CultureInfo.InvariantCulture), Date(x.Deployment.Date), $"{x.Deployment.LifeMonths} months",
                Tables.Money(x.CapexPerGpu), Tables.Money(s.ContractedRevenue.Sum()), Tables.Money(s.SpotRevenue.Sum()), Tables.Money(s.Recovery.Sum()),
                Tables.Money(s.OperatingCost.Sum()), Tables.Money(s.Sale.Sum()), Tables.Money(s.Interest.Sum() + s.Principal.Sum()), Tables.Money(s.Net.Sum()),
                Irr(x.Returns), Tables.Money(x.Returns.Npv));
        }
        Tables.Write(o, v);

        var t = Tables.New(monthly ? "By month, $ (month 0: the capex at the fleet's start)" : "By year, $ (backlog, cash and LTV at the year's end; DSCR the year's lowest)",
            monthly ? "month" : "year", "contracted revenue", "spot revenue", "backlog", "operating cost", "debt service", "equity net", "cash", "DSCR", "LTV");
        foreach (var p in FleetResultContract.Periods(r, monthly))
        {
            t.Row(monthly ? $"{p.FirstMonth} {p.Label}" : p.Label, Tables.Money(p.ContractedRevenue), Tables.Money(p.SpotRevenue), Tables.Money(p.Backlog),
                Tables.Money(p.OperatingCost), Tables.Money(p.DebtService), Tables.Money(p.Net), Tables.Money(p.Cash),
                p.Dscr is { } low ? Tables.Number(low, "0.00") + "x" : p.DscrNote!,
                p.Ltv is { } l ? Tables.Percent(l) : p.LtvNote!);
        }
        Tables.Write(o, t);
    }
}
