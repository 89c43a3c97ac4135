using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Scenarios;

namespace Gpunomics.Cli.Commands;

internal static class SchemaCommand
{
    public static Command Create(CommandContext ctx)
    {
        var kind = new Argument<string>("kind") { Description = "Which file's schema: scenario, catalog or fleet." };
        kind.AcceptOnlyFromAmong("scenario", "catalog", "fleet");
        var command = new Command("schema", "Print the JSON Schema of a scenario file, a catalog or a fleet file (shipped as data/schemas/scenario.schema.json, catalog.schema.json and fleet.schema.json), made from the declarations that check the file.");
        command.Arguments.Add(kind);
        command.SetAction(parse =>
        {
            ctx.Out.Write(parse.GetValue(kind) switch
            {
                "catalog" => CatalogSchema.Text(),
                "fleet" => Fleet.FleetSchema.Text(CommandContext.LoadCatalog(parse)),
                _ => ScenarioSchema.Text(),
            });
            return 0;
        });
        return command;
    }
}
