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
        var command = new Command("calibrate", "Solve the free assumptions against the published figures; print each target, the model's value and the residual.");
        command.Options.Add(write);
        command.Options.Add(check);
        command.SetAction(parse =>
        {
            var model = ctx.Load(parse);
            var catalog = CommandContext.LoadCatalog(parse);
            CalibrationResult result;
            if (parse.GetValue(check))
            {
                result = Calibrator.Check(catalog, model.Scenario);
            }
            else
            {
                result = Calibrator.Solve(catalog, model.Scenario);
            }
            if (parse.GetValue(write) is { } file)
            {
                try { File.WriteAllText(file.FullName, ScenarioWriter.ToJson(result.Scenario)); }
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
        if (r.Parameters.Count > 0)
        {
            var p = Tables.New("Calibration: solved free assumptions", "assumption", "value", "bounds");
            foreach (var x in r.Parameters) p.Row(x.Name, Tables.Number(x.Value, "0.#####"), $"[{Tables.Number(x.Min)}, {Tables.Number(x.Max)}]");
            Tables.Write(o, p);
        }
        var t = Tables.New("Calibration: published figures against the model", "target", "published", "model", "residual", "tolerance", "within", "fitted");
        foreach (var x in r.Targets)
        {
            t.Row(x.Name, Tables.Number(x.Published, "0.0###"), x.HasModel ? Tables.Number(x.Model, "0.0###") : "none",
                !x.HasModel ? "-" : x.AbsoluteTolerance ? Tables.Number(x.Residual, "+0.0###;-0.0###") : Tables.Percent(x.RelativeResidual),
                x.AbsoluteTolerance ? $"+-{Tables.Number(x.Tolerance)}" : $"+-{Tables.Percent(x.Tolerance)}",
                x.Within ? "yes" : "NO", x.Fitted ? "fit" : "check");
        }
        Tables.Write(o, t);
        o.WriteLine($"{r.Targets.Count(x => x.Within)} of {r.Targets.Count} published figures within tolerance; objective (sum of squared residuals in tolerance units, fitted targets) {(double.IsFinite(r.Objective) ? Tables.Number(r.Objective, "0.###") : "none: a fitted figure is missing")}.");
    }
}
