using System.CommandLine;
using Gpunomics.Calibration;
using Gpunomics.Cli.Output;
using Gpunomics.Contracts;
using Gpunomics.Storage;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli.Commands;

internal static class CalibrateCommand
{
    public static Command Create(CommandContext ctx)
    {
        var write = new Option<FileInfo?>("--write") { Description = "Write the solved scenario to FILE (the format --scenario reads)." };
        var check = new Option<bool>("--check") { Description = "Do not solve: show the published figures against the current scenario." };
        var spec = new Option<FileInfo?>("--spec") { Description = "Calibration spec FILE: targets, checks, free parameters with bounds, premises (default: data/calibration/hyperscaler-deal-price.json, the built-in scenario's reading)." };
        var command = new Command("calibrate", "Solve the free assumptions against the published figures; print each target, the model's value and the residual.");
        command.Options.Add(spec);
        command.Options.Add(write);
        command.Options.Add(check);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var catalog = CommandContext.LoadCatalog(parse);
            if (PublishedFigures.MissingSystems(catalog) is { Count: > 0 } missing)
                throw new UserInputException($"the catalog lacks {string.Join(", ", missing)}, the systems of the published figures; calibrate needs them");
            var calibration = DataFiles.LoadCalibrationSpec(catalog, parse.GetValue(spec)?.FullName);
            var result = parse.GetValue(check) ? Calibrator.Check(catalog, model.Scenario, calibration) : Calibrator.Solve(catalog, model.Scenario, calibration);
            if (parse.GetValue(write) is { } file)
            {
                try { File.WriteAllText(file.FullName, ScenarioWriter.ToJson(result.Scenario, DataFiles.ScenarioSchemaFor(parse.GetValue(GlobalOptions.Scenario)?.FullName, file.FullName))); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"cannot write '{file.FullName}': {e.Message}"); }
            }
            if (ctx.Json(parse)) ctx.WriteJson(Contract.Calibration(result));
            else Write(ctx.Out, result);
            return 0;
        });
        return command;
    }

    internal static void Write(TextWriter o, CalibrationResult r)
    {
        var deal = r.Premises.Gb300DealPrice is { } d ? $"${Tables.Number(d, "0.00")}/GPU-hour" : $"the ${Tables.Number(r.Premises.DealPrice, "0.00")} market price";
        o.WriteLine($"Reading '{r.Spec}': the illustrative GB300 deal earns its IRR at {deal}.");
        if (r.Parameters.Count > 0)
        {
            var p = Tables.New(r.Solved ? "Calibration: solved free assumptions" : "Calibration: free assumptions as the scenario has them (not solved)", "assumption", "value", "bounds", "on bound");
            foreach (var x in r.Parameters) p.Row(x.Name, Tables.Number(x.Value, "0.#####"), $"[{Tables.Number(x.Min)}, {Tables.Number(x.Max)}]", x.OnBound ?? "");
            Tables.Write(o, p);
        }
        var t = Tables.New("Calibration: published figures against the model", "figure", "published", "model", "residual", "tolerance", "within", "role");
        foreach (var x in r.Targets)
        {
            var finite = double.IsFinite(x.Model);
            t.Row(x.Name, Tables.Number(x.Published, "0.0###"), finite ? Tables.Number(x.Model, "0.0###") : "none",
                !finite ? "-" : x.AbsoluteTolerance ? Tables.Number(Math.Round(x.Residual, 4) + 0.0, "+0.0###;-0.0###;0.0") : Tables.Percent(x.RelativeResidual),
                x.AbsoluteTolerance ? $"+-{Tables.Number(x.Tolerance)}" : $"+-{Tables.Percent(x.Tolerance)}",
                x.Within ? "yes" : "NO", x.Fitted ? $"target x{Tables.Number(x.Weight, "0.##")}" : "check");
        }
        Tables.Write(o, t);
        foreach (var w in r.BoundWarnings)
            o.WriteLine($"warning: {w.Name} ends on its {w.OnBound} bound ({Tables.Number(w.OnBound == "lower" ? w.Min : w.Max)}: {(w.OnBound == "lower" ? w.MinReason : w.MaxReason)}); a bound that binds says the model lacks something.");
        o.WriteLine($"{r.Targets.Count(x => x.Within)} of {r.Targets.Count} published figures within tolerance ({r.Targets.Count(x => x.Fitted && x.Within)} of {r.Targets.Count(x => x.Fitted)} targets); objective (weighted sum of squared residuals in tolerance units, targets) {(double.IsFinite(r.Objective) ? Tables.Number(r.Objective, "0.###") : "none: a fitted figure is missing")}.");
    }
}
