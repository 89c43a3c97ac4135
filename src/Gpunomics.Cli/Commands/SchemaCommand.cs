using System.CommandLine;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli.Commands;

internal static class SchemaCommand
{
    public static Command Create(CommandContext ctx)
    {
        var kind = new Argument<string>("kind") { Description = "Which file's schema: scenario." };
        kind.AcceptOnlyFromAmong("scenario");
        var command = new Command("schema", "Print the JSON Schema of a scenario file (shipped as data/schemas/scenario.schema.json), made from the declarations that check the file.");
        command.Arguments.Add(kind);
        command.SetAction(parse =>
        {
            ctx.Out.Write(ScenarioSchema.Text());
            return 0;
        });
        return command;
    }
}
