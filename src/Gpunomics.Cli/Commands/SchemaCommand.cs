using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli.Commands;

internal static class SchemaCommand
{
    public static Command Create(CommandContext ctx)
    {
        var kind = new Argument<string>("kind") { Description = "Which file's schema: scenario or catalog." };
        kind.AcceptOnlyFromAmong("scenario", "catalog");
        var command = new Command("schema", "Print the JSON Schema of a scenario file or a catalog (shipped as data/schemas/scenario.schema.json and catalog.schema.json), made from the declarations that check the file.");
        command.Arguments.Add(kind);
        command.SetAction(parse =>
        {
            ctx.Out.Write(parse.GetValue(kind) == "catalog" ? CatalogSchema.Text() : ScenarioSchema.Text());
            return 0;
        });
        return command;
    }
}
