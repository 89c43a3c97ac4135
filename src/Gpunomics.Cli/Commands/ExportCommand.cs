using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Charts;
using Gpunomics.Export;
using Gpunomics.Export.Writers;

namespace Gpunomics.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create(CommandContext ctx)
    {
        var system = ContractOptions.SystemArgument();
        var xlsx = new Option<FileInfo?>("--xlsx") { Description = "Write an .xlsx workbook of live formulas (Inputs, Capex, TCO, CashFlows, Returns, OneChart, ChartFlows; with an asset life AssetLife, with a shaped loan Debt, and FloorDebt where it moves with the price)." };
        var csv = new Option<DirectoryInfo?>("--csv") { Description = "Write one CSV file per sheet (values) into DIR (created if missing)." };
        var json = new Option<FileInfo?>("--json-file") { Description = "Write every sheet's values to one JSON file." };
        var html = new Option<FileInfo?>("--html") { Description = "Write a one-page HTML report (tables and the One Chart)." };
        var price = NumberOptions.Optional(ModelInputs.Price, "Rental price for the CashFlows and Returns sheets, $/GPU-hour (default: the market price, else the value-based ceiling).");
        var multiplier = NumberOptions.WithDefault(ModelInputs.SystemPriceMultiplier, "System price over today's for Capex, TCO, CashFlows and Returns (1.0 = today).", 1.0);
        var command = new Command("export", "Export a system under the scenario as an auditable .xlsx workbook of live formulas, CSV, JSON or a one-page HTML report.");
        command.Arguments.Add(system);
        command.Options.Add(xlsx);
        command.Options.Add(csv);
        command.Options.Add(json);
        command.Options.Add(html);
        command.Options.Add(price);
        command.Options.Add(multiplier);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var s = ctx.System(model, parse.GetValue(system)!);
            var xlsxFile = parse.GetValue(xlsx);
            var csvDir = parse.GetValue(csv);
            var jsonFile = parse.GetValue(json);
            var htmlFile = parse.GetValue(html);
            if (xlsxFile is null && csvDir is null && jsonFile is null && htmlFile is null)
                throw new UserInputException("export needs at least one of --xlsx FILE, --csv DIR, --json-file FILE, --html FILE");
            if (xlsxFile is not null && !xlsxFile.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"--xlsx '{xlsxFile.Name}' must end in .xlsx");
            var p = parse.GetValue(price);
            var m = parse.GetValue(multiplier);
            if (s.Pflops(model.Scenario.Ceiling.Basis) is null)
                throw new UserInputException($"{s.Id} does not market {model.Scenario.Ceiling.Basis.Key} throughput, the scenario's ceiling precision");
            if (!model.Catalog.Get(s.Id).Capex.NetworkingByTier.ContainsKey(model.Scenario.NetworkTier))
                throw new UserInputException($"{s.Id} has no networking price for tier '{model.Scenario.NetworkTier}'");

            if (model.Scenario.Financing.HasTax) throw new UserInputException(ScenarioWorkbook.NoTax);
            var book = ScenarioWorkbook.Build(model, s.Id, new ExportOptions(p, m));
            var written = new List<string>();
            if (xlsxFile is not null)
            {
                Write(xlsxFile.FullName, stream => XlsxWriter.Write(book, stream));
                written.Add(xlsxFile.FullName);
            }
            if (csvDir is not null)
            {
                try { Directory.CreateDirectory(csvDir.FullName); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--csv: cannot create '{csvDir.FullName}': {e.Message}"); }
                foreach (var sheet in book.Sheets)
                {
                    var path = Path.Combine(csvDir.FullName, TableWriters.CsvFileName(sheet));
                    Write(path, stream =>
                    {
                        using var w = new StreamWriter(stream, TableWriters.Utf8);
                        TableWriters.WriteCsv(sheet, w);
                    });
                    written.Add(path);
                }
            }
            if (jsonFile is not null)
            {
                Write(jsonFile.FullName, stream => TableWriters.WriteJson(book, stream));
                written.Add(jsonFile.FullName);
            }
            if (htmlFile is not null)
            {
                var svg = OneChartRenderer.Svg(model.Chart(s.Id));
                Write(htmlFile.FullName, stream =>
                {
                    using var w = new StreamWriter(stream, TableWriters.Utf8);
                    HtmlReport.Write(book, s.Name, svg, w);
                });
                written.Add(htmlFile.FullName);
            }
            if (ctx.Json(parse)) ctx.WriteJson(new { system = s.Id, scenario = model.Scenario.Name, files = written });
            else foreach (var f in written) ctx.Out.WriteLine($"wrote {f}");
            return 0;
        });
        return command;
    }

    private static void Write(string path, Action<Stream> write)
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
}
