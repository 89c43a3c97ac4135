using System.CommandLine;
using Gpunomics.Calibration;
using Gpunomics.Cli.Output;

namespace Gpunomics.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(CommandContext ctx)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the report and charts.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var command = new Command("report", "The main job: every table for the scenario's systems, the One Chart images and the calibration check, written to a directory.");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var dir = parse.GetValue(output)!;
            try { dir.Create(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"cannot create output directory '{dir.FullName}': {e.Message}"); }

            var text = new StringWriter();
            var s = model.Scenario;
            var a = Tables.New($"Scenario '{s.Name}': {s.Description}", "assumption", "value");
            a.Row("cost of capital (TCO)", Tables.Percent(s.Finance.CostOfCapital));
            a.Row("useful life (TCO)", $"{Tables.Number(s.Finance.UsefulLifeYears)} years");
            a.Row("electricity", $"{Tables.Money4(s.Operations.ElectricityPricePerKwh)}/kWh at PUE {Tables.Number(s.Operations.Pue)}");
            a.Row("colocation", $"{Tables.Money(s.Operations.ColocationPerKwMonth)} per kW-month");
            a.Row("maintenance", $"{Tables.Percent(s.Operations.MaintenanceShareOfCapexPerYear)} of capex per year");
            a.Row("contract", $"{s.Contract.TermMonths} months, {Tables.Percent(s.Contract.PrepayShare)} prepaid, {Tables.Percent(s.Contract.BilledUtilization)} billed");
            a.Row("hurdle IRR", Tables.Percent(s.HurdleRate));
            a.Row("ceiling reference", $"{Tables.Money(s.Ceiling.ReferencePricePerPflopHour)} per {s.Ceiling.Basis.Key} PFLOP-hour");
            a.Row("networking tier", s.NetworkTier);
            Tables.Write(text, a);

            var files = new List<string>();
            var systems = new List<object>();
            foreach (var id in s.ReportSystems)
            {
                var tco = model.Tco(id);
                text.WriteLine();
                TcoCommand.Write(text, tco);
                var chart = model.Chart(id);
                ChartCommand.Write(text, chart, null);
                foreach (var ext in new[] { "svg", "png" })
                {
                    var path = Path.Combine(dir.FullName, $"one-chart-{id}.{ext}");
                    ChartCommand.Save(chart, path);
                    files.Add(path);
                }
                systems.Add(new { tco = TcoCommand.ToJson(tco, 1.0), chart = ChartCommand.ToJson(chart, null) });
            }

            var trend = model.Trend();
            if (trend is not null)
            {
                var t = Tables.New($"Rental price per {trend.Basis.Key} PFLOP-hour across generations: trend {Tables.Percent(trend.AnnualChange)} per year", "system", "launch", "$/PFLOP-hour", "trend", "vs trend %");
                foreach (var p in trend.Points.OrderBy(p => p.LaunchYear))
                    t.Row(p.SystemId, Tables.Number(p.LaunchYear, "0.00"), Tables.Money4(p.PricePerPflopHour), Tables.Money4(p.TrendPerPflopHour), Tables.Percent(p.DeviationFromTrend));
                text.WriteLine();
                Tables.Write(text, t);
            }

            var catalog = CommandContext.LoadCatalog(parse.GetValue(GlobalOptions.Catalog)?.FullName);
            var targets = Calibrator.Evaluate(catalog, s);
            var check = new CalibrationResult(s, [], targets, targets.Where(x => x.Fitted).Sum(x => x.Normalized * x.Normalized));
            text.WriteLine();
            CalibrateCommand.Write(text, check);

            var reportText = Path.Combine(dir.FullName, "report.txt");
            var reportJson = Path.Combine(dir.FullName, "report.json");
            var json = new
            {
                scenario = s.Name,
                systems,
                trend = trend is null ? null : new
                {
                    precision = trend.Basis.Key,
                    annualChange = trend.AnnualChange,
                    points = trend.Points.Select(p => new { system = p.SystemId, launchYear = p.LaunchYear, pricePerPflopHour = p.PricePerPflopHour, trendPerPflopHour = p.TrendPerPflopHour, deviationFromTrend = p.DeviationFromTrend }).ToList(),
                },
                calibration = CalibrateCommand.ToJson(check),
            };
            File.WriteAllText(reportText, text.ToString());
            File.WriteAllText(reportJson, JsonOutput.Serialize(json) + "\n");
            files.Insert(0, reportJson);
            files.Insert(0, reportText);

            if (ctx.Json(parse))
            {
                ctx.WriteJson(new { scenario = s.Name, outputDirectory = dir.FullName, files });
            }
            else
            {
                ctx.Out.Write(text.ToString());
                ctx.Out.WriteLine();
                ctx.Out.WriteLine($"Report written to {dir.FullName}:");
                foreach (var f in files) ctx.Out.WriteLine($"  {Path.GetFileName(f)}");
            }
            return 0;
        });
        return command;
    }
}
