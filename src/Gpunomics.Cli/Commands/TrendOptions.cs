using Gpunomics.Inputs;
using System.CommandLine;
using System.Globalization;
using Gpunomics.Catalog;
using Gpunomics.Pricing;
using Gpunomics.Storage;

namespace Gpunomics.Cli.Commands;

/// <summary>Options of the launch trend shared by trend, ceiling and chart.</summary>
internal sealed class TrendOptions
{
    public Option<FileInfo?> LaunchPrices { get; } = new("--launch-prices") { Description = "Launch-price file (JSON) to fit instead of the shipped data/launch-prices.json." };
    public Option<string?> At { get; } = new("--at") { Description = "Read the trend on this date, YYYY-MM-DD (ceiling default: the system's launch)." };
    public Option<double?> BelowTrend { get; } = NumberOptions.Optional(Inputs.ModelInputs.BelowTrend, "Take the ceiling's reference this share below the launch trend, e.g. 0.2 or 20% (default 0: on trend).");
    public Option<bool> FromTrend { get; } = new("--from-trend") { Description = "Take the ceiling's reference $/PFLOP-hour from the launch trend at the system's launch (or --at)." };

    public Option<bool> CeilingFromTrend { get; } = new("--ceiling-from-trend") { Description = "Draw the One Chart's ceiling from the launch trend at the system's launch (default: the scenario's reference $/PFLOP-hour)." };

    /// <summary>The One Chart's ceiling from the launch trend when --ceiling-from-trend is given; null for the scenario's reference.</summary>
    public (TrendCeiling Ceiling, LaunchTrendFit Fit)? ChartCeiling(ParseResult parse, EconomicsModel model, AcceleratorSystem system)
    {
        if (!parse.GetValue(CeilingFromTrend))
        {
            if (parse.GetValue(BelowTrend) is not null || parse.GetValue(LaunchPrices) is not null)
                throw new UserInputException("--below-trend and --launch-prices go with --ceiling-from-trend");
            return null;
        }
        var prices = Load(parse, model.Catalog);
        var fit = Fit(prices, model.Catalog, model.Scenario.Ceiling.Basis);
        return (CeilingPrice.FromTrend(system, fit, prices, null, BelowTrendShare(parse)), fit);
    }

    /// <summary>The launch prices of the command line's file or the shipped one.</summary>
    public IReadOnlyList<LaunchPrice> Load(ParseResult parse, HardwareCatalog catalog) =>
        DataFiles.LoadLaunchPrices(catalog, parse.GetValue(LaunchPrices)?.FullName);

    /// <summary>The launch trend at <paramref name="basis"/>, or a user error saying why there is none.</summary>
    public static LaunchTrendFit Fit(IReadOnlyList<LaunchPrice> prices, HardwareCatalog catalog, ThroughputBasis basis) =>
        LaunchTrend.TryFit(prices, catalog, basis, out var fit, out var reason) ? fit! : throw new UserInputException($"no launch trend: {reason}");

    public DateOnly? Date(ParseResult parse) => ParseDate(parse.GetValue(At), "--at");

    public double BelowTrendShare(ParseResult parse) => parse.GetValue(BelowTrend) ?? 0.0;

    internal static DateOnly? ParseDate(string? text, string flag) =>
        text is null ? null : DateInput.TryRead(text, out var d, out var problem) ? d : throw new UserInputException($"{flag} {problem}");
}
