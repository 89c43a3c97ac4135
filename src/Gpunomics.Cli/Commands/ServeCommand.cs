using System.CommandLine;
using Gpunomics.Storage;
using Gpunomics.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Gpunomics.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CommandContext ctx)
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on (loopback by default; any other address needs --access-token).", DefaultValueFactory = _ => WebApp.DefaultUrl };
        var db = new Option<FileInfo>("--db") { Description = "SQLite file of saved scenarios (default: gpunomics/gpunomics.db in $XDG_DATA_HOME, else ~/.local/share).", DefaultValueFactory = _ => new FileInfo(ScenarioStore.DefaultPath(Environment.GetEnvironmentVariable)) };
        var token = new Option<string?>("--access-token") { Description = "Access token required on every request (or set GPUNOMICS_ACCESS_TOKEN)." };
        var c = new Command("serve", "The web dashboard and JSON API: the One Chart moving with the assumptions, saved scenarios.");
        c.Options.Add(urls);
        c.Options.Add(db);
        c.Options.Add(token);
        var launchPrices = new TrendOptions().LaunchPrices;
        c.Options.Add(launchPrices);
        var observations = new Option<FileInfo?>("--observations") { Description = "Market observation file (JSON) instead of the shipped data/market-observations.json." };
        c.Options.Add(observations);
        c.SetAction(p =>
        {
            var args = new List<string> { "--urls", p.GetValue(urls)!, "--Gpunomics:Database", p.GetValue(db)!.FullName };
            if (p.GetValue(token) is { Length: > 0 } t) args.AddRange(["--Gpunomics:AccessToken", t]);
            var sources = new List<string> { $"saved scenarios in {p.GetValue(db)!.FullName}" };
            if (p.GetValue(GlobalOptions.Scenario) is { } scenario)
            {
                args.AddRange(["--Gpunomics:Scenario", scenario.FullName]);
                sources.Add($"base scenario {scenario.FullName}");
            }
            if (p.GetValue(GlobalOptions.Catalog) is { } catalog)
            {
                args.AddRange(["--Gpunomics:Catalog", catalog.FullName]);
                sources.Add($"catalog {catalog.FullName}");
            }
            if (p.GetValue(launchPrices) is { } lp)
            {
                args.AddRange(["--Gpunomics:LaunchPrices", lp.FullName]);
                sources.Add($"launch prices {lp.FullName}");
            }
            if (p.GetValue(observations) is { } mo)
            {
                args.AddRange(["--Gpunomics:MarketObservations", mo.FullName]);
                sources.Add($"market observations {mo.FullName}");
            }
            WebApplication app;
            try
            {
                app = WebApp.Create([.. args]);
            }
            catch (Exception e) when (e is InvalidOperationException or ScenarioDatabaseException)
            {
                throw new UserInputException(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                throw new UserInputException($"cannot open the scenario database '{p.GetValue(db)!.FullName}': {e.Message}");
            }
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                throw new UserInputException($"cannot listen: {e.Message}");
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new UserInputException($"--urls '{p.GetValue(urls)}': not an address to listen on ({e.Message.Split(" (Parameter")[0]}); write it as http://127.0.0.1:5080");
            }
            catch (InvalidOperationException e)
            {
                throw new UserInputException(e.Message);
            }
            ctx.Out.WriteLine($"Gpunomics dashboard on {string.Join(", ", app.Urls)} ({string.Join(", ", sources)}); Ctrl+C stops it.");
            ctx.Out.Flush();
            app.WaitForShutdown();
            return 0;
        });
        return c;
    }
}
