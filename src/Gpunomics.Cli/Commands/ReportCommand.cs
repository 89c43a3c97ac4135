using System.CommandLine;
using Gpunomics.Calibration;
using Gpunomics.Charts;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Storage;
using Gpunomics.InferenceX;
using Gpunomics.Pricing;
using Gpunomics.Scenarios;
using Gpunomics.Tokens;
using Gpunomics.ValueChain;

namespace Gpunomics.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(CommandContext ctx)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the report and charts.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var command = new Command("report", "The main job: every table for the scenario's systems, the One Chart images and the calibration check, written to a directory.");
        command.Options.Add(output);
        var trendOptions = new TrendOptions();
        command.Options.Add(trendOptions.CeilingFromTrend);
        command.Options.Add(trendOptions.BelowTrend);
        command.Options.Add(trendOptions.LaunchPrices);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var dir = parse.GetValue(output)!;
            try { dir.Create(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"cannot create output directory '{dir.FullName}': {e.Message}"); }

            var text = new StringWriter();
            var s = model.Scenario;
            var a = Tables.New($"Scenario '{s.Name}': {s.Description}", "assumption", "value");
            var ops = s.Operations;
            a.Row("cost of capital (TCO)", Tables.Percent(s.Finance.CostOfCapital) + (OwnerProfiles.Find(s.Finance.Owner) is { } owner ? $" ({owner.Name})" : ""));
            a.Row("useful life (TCO)", $"{Tables.Number(s.Finance.UsefulLifeYears)} years");
            a.Row("electricity", $"{Tables.Money4(ops.ElectricityPricePerKwh)}/kWh at PUE {Tables.Number(ops.Pue)}");
            a.Row("power drawn", $"{Tables.Percent(ops.PowerDrawShare)} of nameplate while busy, {Tables.Percent(ops.IdlePowerShare)} of that while idle");
            a.Row("colocation", $"{Tables.Money(ops.ColocationPerKwMonth)} per kW-month");
            a.Row("maintenance", $"{Tables.Percent(ops.MaintenanceShareOfCapexPerYear)} of capex per year");
            a.Row("insurance", $"{Tables.Percent(ops.InsuranceShareOfCapexPerYear)} of capex per year");
            a.Row("contract", $"{s.Contract.TermMonths} months, {Tables.Percent(s.Contract.PrepayShare)} prepaid, {Tables.Percent(s.Contract.BilledUtilization)} billed");
            a.Row("hurdle IRR", Tables.Percent(s.HurdleRate));
            var financing = s.Financing;
            if (financing.HasDebt && !financing.Loan.ChangesFlows && financing.Loan.Credit is null)
                a.Row("debt", $"{Tables.Percent(financing.DebtShare)} of capex at {Tables.Percent(financing.DebtRate)}, repaid over {financing.DebtTermMonths ?? s.Contract.TermMonths} months");
            else if (financing.HasDebt)
            {
                var loan = financing.Loan;
                var rate = Tables.Percent(financing.DebtRate) + (loan.Credit is { } credit ? $" ({Financing.CostOfDebt.Text(credit, loan.Sofr)})" : "");
                var shape = loan.Repayment switch
                {
                    Financing.Repayment.Sculpted => $"sculpted to a {Tables.Number(loan.TargetDscr ?? 0, "0.00")}x DSCR",
                    Financing.Repayment.Balloon => "repaid in one balloon",
                    _ => "repaid in level payments",
                };
                a.Row("debt", $"{financing.Sizing.Text} at {rate}, {shape} by month {financing.DebtTermMonths ?? s.Contract.TermMonths}" +
                    (loan.InterestOnlyMonths > 0 ? $" after {loan.InterestOnlyMonths} interest-only months" : "") +
                    (loan.DrawMonths > 1 ? $", drawn with the capex over {loan.DrawMonths} months" : ""));
            }
            if (financing.HasTax) a.Row("corporate tax", $"{Tables.Percent(financing.TaxRate)}, capex depreciated over {Tables.Number(financing.DepreciationYears)} years");
            if (!financing.IsNone) a.Row("IRRs and floors are of the", financing.IrrBasis);
            a.Row("ceiling reference", parse.GetValue(trendOptions.CeilingFromTrend)
                ? $"the launch trend of {s.Ceiling.Basis.Key} $/PFLOP-hour at each system's launch{(trendOptions.BelowTrendShare(parse) is > 0 and var below ? $", {Tables.Percent(below)} below trend" : "")} (--ceiling-from-trend)"
                : $"{Tables.Money(s.Ceiling.ReferencePricePerPflopHour)} per {s.Ceiling.Basis.Key} PFLOP-hour");
            a.Row("networking tier", s.NetworkTier);
            Tables.Write(text, a);

            var files = new List<string>();
            var systems = new List<object>();
            foreach (var id in s.ReportSystems)
            {
                var tco = model.Tco(id);
                text.WriteLine();
                TcoCommand.Write(text, tco);
                var fromTrend = trendOptions.ChartCeiling(parse, model, model.System(id));
                var from = fromTrend is { } f ? Contract.TrendCeilingSource(f.Ceiling, f.Fit) : null;
                var chart = model.Chart(id, ceiling: fromTrend?.Ceiling.Ceiling);
                ChartCommand.Write(text, chart, null, from);
                foreach (var ext in new[] { "svg", "png" })
                {
                    var path = Path.Combine(dir.FullName, $"one-chart-{id}.{ext}");
                    ChartCommand.Save(chart, path);
                    files.Add(path);
                }
                systems.Add(new { tco = Contract.Tco(tco, 1.0), chart = Contract.Chart(chart, null, from) });
            }

            var trend = model.Trend();
            if (trend is not null)
            {
                var t = Tables.New($"Cross-section of today's prices: today's rental price per {trend.Basis.Key} PFLOP-hour of each system against its launch (mixes age with progress; the launch trend is 'gpunomics trend'): {Tables.Percent(trend.AnnualChange)} per year", "system", "launch", "$/PFLOP-hour", "cross-section", "vs cross-section %");
                foreach (var p in trend.Points.OrderBy(p => p.LaunchYear))
                    t.Row(p.SystemId, Tables.Number(p.LaunchYear, "0.00"), Tables.Money4(p.PricePerPflopHour), Tables.Money4(p.TrendPerPflopHour), Tables.Percent(p.DeviationFromTrend));
                text.WriteLine();
                Tables.Write(text, t);
            }

            var launchPrices = trendOptions.Load(parse, model.Catalog);
            LaunchTrend.TryFit(launchPrices, model.Catalog, s.Ceiling.Basis, out var launchTrend, out var noLaunchTrend);
            text.WriteLine(launchTrend is null
                ? $"Launch trend ('gpunomics trend'): none; {noLaunchTrend}"
                : $"Launch trend ('gpunomics trend': each generation's launch-era price per {s.Ceiling.Basis.Key} PFLOP-hour): {Tables.Percent(launchTrend.AnnualChange)} per year, halving in {(launchTrend.HalvingYears is { } h ? Tables.Number(h, "0.00") + " years" : "none")}, R² {(launchTrend.RSquared is { } r2 ? Tables.Number(r2, "0.0000") : "none")}, n {launchTrend.Count} ({string.Join(", ", launchTrend.PricingTypes)} prices).");

            var tokens = TokenSection(model, text, dir.FullName, files);

            var catalog = CommandContext.LoadCatalog(parse);
            // The published figures are of these systems: a catalog without them has nothing to check them against.
            var missing = PublishedFigures.MissingSystems(catalog);
            var check = missing.Count == 0 ? Calibrator.Check(catalog, s, DataFiles.LoadCalibrationSpec(catalog)) : null;
            text.WriteLine();
            if (check is not null) CalibrateCommand.Write(text, check);
            else text.WriteLine($"Calibration check: not made, the catalog lacks {string.Join(", ", missing)}, the systems of the published figures.");

            var reportText = Path.Combine(dir.FullName, "report.txt");
            var reportJson = Path.Combine(dir.FullName, "report.json");
            var json = new
            {
                scenario = s.Name,
                systems,
                trend = trend is null ? null : new
                {
                    trend = "cross-section of today's prices",
                    precision = trend.Basis.Key,
                    annualChange = trend.AnnualChange,
                    points = trend.Points.Select(p => new { system = p.SystemId, launchYear = p.LaunchYear, pricePerPflopHour = p.PricePerPflopHour, trendPerPflopHour = p.TrendPerPflopHour, deviationFromTrend = p.DeviationFromTrend }).ToList(),
                },
                launchTrend = launchTrend is null ? null : new
                {
                    trend = "launch",
                    precision = launchTrend.Basis.Key,
                    annualChange = launchTrend.AnnualChange,
                    halvingYears = launchTrend.HalvingYears,
                    rSquared = launchTrend.RSquared,
                    n = launchTrend.Count,
                    pricingTypes = launchTrend.PricingTypes,
                },
                tokens,
                calibration = check is null ? null : Contract.Calibration(check),
            };
            File.WriteAllText(reportText, text.ToString());
            File.WriteAllText(reportJson, ContractJson.Serialize(json) + "\n");
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

    /// <summary>The hardware the token section compares, from the shipped serving results.</summary>
    private static readonly string[] TokenHardware = ["gb300", "b200", "h200", "mi355x"];

    private static object TokenSection(EconomicsModel model, StringWriter text, string dir, List<string> files)
    {
        var rows = DataFiles.LoadServing(null).Rows;
        var workload = ServingWorkload.Default;
        var filter = new ServingFilter().For(workload);
        const string note = "source: InferenceX benchmark results (DeepSeek R1, latest run per configuration); lines: best measured throughput reaching each interactivity";
        // Only the compared systems the catalog holds (a catalog of one's own may hold none of them).
        var hardware = TokenHardware.Where(hw => ServingAnalysis.CatalogSystemId(hw) is { } id && model.Catalog.TryGet(id, out _)).ToArray();
        if (hardware.Length == 0)
        {
            text.WriteLine();
            text.WriteLine($"Cost to serve: the catalog holds none of the systems compared here ({string.Join(", ", TokenHardware.Select(ServingAnalysis.CatalogSystemId))}), so there are no token charts or costs.");
        }
        foreach (var (kind, name) in hardware.Length == 0 ? [] : new[] { (true, "cost-per-million-tokens"), (false, "throughput-per-gpu") })
        {
            var chart = InferenceXCommand.ServingChart(model, rows, hardware, filter, kind, note);
            foreach (var ext in new[] { "svg", "png" })
            {
                var path = Path.Combine(dir, $"{name}.{ext}");
                ChartCommand.WriteImage(path, () => LineChartRenderer.Svg(chart), () => LineChartRenderer.Png(chart));
                files.Add(path);
            }
        }

        var u = ValueChainModel.DefaultInteractivity;
        var table = Tables.New($"Cost to serve {workload.Label} at {Tables.Number(u)} tokens/s per user or more (best measured configuration reaching it)", "system", "TCO $/GPU-hour", "tokens/s/GPU", "measured at tok/s/user", "$ per million tokens", "configuration");
        var costs = new List<object>();
        foreach (var hw in hardware)
        {
            var id = ServingAnalysis.CatalogSystemId(hw)!;
            var tco = model.Tco(id).PerGpuHour;
            var best = ServingAnalysis.BestReaching(rows, filter with { Hardware = hw }, u);
            var cost = best is null ? (double?)null : TokenEconomics.CostPerMillion(tco, best.TputPerGpu);
            table.Row(id, Tables.Money4(tco), best is null ? "-" : Tables.Number(best.TputPerGpu, "#,##0"), best is null ? "-" : Tables.Number(best.Interactivity, "0.#"),
                cost is { } c ? Tables.Money4(c) : $"no measured configuration reaches {Tables.Number(u)}", best?.Configuration.Label ?? "");
            costs.Add(new { system = id, workload = Contract.Workload(workload), tcoPerGpuHour = tco, interactivity = u, tputPerGpu = best?.TputPerGpu, measuredAtInteractivity = best?.Interactivity, costPerMillion = cost, configuration = best?.Configuration.Label });
        }
        text.WriteLine();
        Tables.Write(text, table);

        var sheets = DataFiles.LoadPriceSheets(null);
        var frontier = DataFiles.Sheet(sheets, "frontier");
        var tasks = DataFiles.LoadTasks(null);
        var chains = new List<object>();
        var bars = new List<StackedBar>();
        foreach (var id in model.Scenario.ReportSystems.Where(id => ServingAnalysis.HardwareName(id) is not null))
        {
            var s = model.System(id);
            var price = s.MarketPricePerGpuHour ?? model.Floor(id);
            var (rate, source, served) = ValueChainCommand.MeasuredRate(rows, id, u);
            var chain = ValueChainModel.Compute(s, model.Scenario, price, frontier, new WorkloadMatch(served, Workload.ServedAs(served)) { Sheet = frontier }, rate, tasks);
            text.WriteLine();
            ValueChainCommand.Write(text, s.Name, chain, frontier.Name, source);
            bars.Add(ValueChainCommand.Bar(id, chain));
            chains.Add(new { system = id, rentalPrice = price, tokensPerSecondPerGpu = rate, tokensPerSecondSource = source, servingWorkload = Contract.Workload(served), pricingWorkload = Contract.PricingWorkload(chain.Workloads.Pricing), workloadsMatch = chain.Workloads.Matches, workloadMismatch = chain.Workloads.Mismatch, notes = chain.Notes, layers = chain.Layers.Select(l => new { name = l.Name, perGpuHour = l.PerGpuHour, perMillionTokens = l.PerMillionTokens }).ToList() });
        }
        if (bars.Count > 0)
        {
            const string title = "Where a GPU-hour's token revenue goes (frontier prices, each system's tokens priced on the workload they were measured on)";
            foreach (var ext in new[] { "svg", "png" })
            {
                var path = Path.Combine(dir, $"value-chain.{ext}");
                ChartCommand.WriteImage(path, () => StackedBarRenderer.Svg(title, "$ per GPU-hour", bars), () => StackedBarRenderer.Png(title, "$ per GPU-hour", bars));
                files.Add(path);
            }
        }
        return new { costPerMillionTokens = costs, valueChains = chains };
    }
}
