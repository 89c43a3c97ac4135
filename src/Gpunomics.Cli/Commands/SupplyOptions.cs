using System.CommandLine;
using Gpunomics.Supply;

namespace Gpunomics.Cli.Commands;

/// <summary>Supply-side options shared by tco, floor and chart: networking tier and memory $/GB.</summary>
internal sealed class SupplyOptions
{
    public Option<string?> NetworkTier { get; } = new("--network-tier") { Description = "Buyer tier for networking prices: neocloud, hyperscaler, or a tier defined in the scenario (default: the scenario's)." };
    public Option<double?> MemoryPrice { get; } = new("--memory-price-per-gb") { Description = "CPU-side memory supplier cost, $/GB. Separately priced memory: sets its line's cost. Bundled memory: moves the board price from the 10 $/GB cost assumption (data/memory-prices.json) at the board margin." };
    public Option<double?> MemoryMargin { get; } = new("--memory-margin") { Description = "Supplier gross margin on memory, in [0, 1). With bundled memory, prices memory as its own line at this margin (unbundled)." };

    public void AddTo(Command command)
    {
        command.Options.Add(NetworkTier);
        command.Options.Add(MemoryPrice);
        command.Options.Add(MemoryMargin);
    }

    /// <summary>The model with the levers applied to <paramref name="systemId"/>, or the same model when none is given.</summary>
    public EconomicsModel Apply(ParseResult parse, EconomicsModel model, string systemId)
    {
        var tier = parse.GetValue(NetworkTier);
        var price = parse.GetValue(MemoryPrice);
        var margin = parse.GetValue(MemoryMargin);
        if (tier is null && price is null && margin is null) return model;
        var system = model.System(systemId);
        if (tier is not null && !system.Capex.NetworkingByTier.ContainsKey(tier))
            throw new UserInputException($"--network-tier '{tier}': {systemId} has no networking price for that tier; known: {string.Join(", ", system.Capex.NetworkingByTier.Keys)}");
        if (margin is { } g) Require.InRange(g, "--memory-margin", 0, 1, maxExclusive: true);
        if (margin is not null && price is null)
            throw new UserInputException("--memory-margin needs --memory-price-per-gb");
        if (price is { } p)
        {
            Require.InRange(p, "--memory-price-per-gb", 0, 1000);
            try
            {
                if (system.Capex.SupplierMemory is not null) system = SupplyLevers.RepriceMemoryLine(system, p, margin);
                else
                {
                    var reference = LoadMemoryPrices().CostAssumptionPerGb;
                    system = margin is { } m
                        ? SupplyLevers.UnbundleMemory(system, reference, p, m)
                        : SupplyLevers.RepriceBundledMemory(system, reference, p);
                }
            }
            catch (ArgumentException e)
            {
                throw new UserInputException($"--memory-price-per-gb: {e.Message}");
            }
        }
        return SupplyLevers.With(model, system, tier);
    }

    private static MemoryPrices LoadMemoryPrices()
    {
        var path = Path.Combine(Gpunomics.Storage.DataFiles.Directory, "memory-prices.json");
        try
        {
            return MemoryPrices.Parse(File.ReadAllText(path), "data/memory-prices.json");
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read memory prices '{path}': {e.Message}");
        }
    }
}
