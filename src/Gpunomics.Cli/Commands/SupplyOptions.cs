using System.CommandLine;
using Gpunomics.Catalog;
using Gpunomics.Inputs;
using Gpunomics.Supply;

namespace Gpunomics.Cli.Commands;

/// <summary>Supply-side options shared by tco, floor and chart: networking tier, memory $/GB and foundry wafer price.</summary>
internal sealed class SupplyOptions
{
    public Option<string?> NetworkTier { get; } = new("--network-tier") { Description = "Buyer tier for networking prices: neocloud, hyperscaler, or a tier defined in the scenario (default: the scenario's)." };
    public Option<double?> MemoryPrice { get; } = NumberOptions.Optional(ModelInputs.MemoryPrice, "CPU-side memory supplier cost, $/GB. Separately priced memory: sets its line's cost. Bundled memory: moves the board price from the 10 $/GB cost assumption (data/memory-prices.json) at the board margin.");
    public Option<double?> MemoryMargin { get; } = NumberOptions.Optional(ModelInputs.MemoryMargin, "Supplier gross margin on memory, in [0, 1) (0.6 or 60%). With bundled memory, prices memory as its own line at this margin (unbundled).");

    public Option<double?> HbmPrice { get; } = NumberOptions.Optional(ModelInputs.HbmPrice, "HBM supplier cost, $/GB: reprices the HBM line (GB x $/GB / (1 - its margin)); the compute system without HBM does not move.");
    public Option<string?> HbmQuarter { get; } = new("--hbm-quarter") { Description = "Reprices the HBM line at its memory type's $/GB in this quarter (YYYYQn) of data/memory-prices.json (e.g. hbm3e in 2025Q4). Not with --hbm-price-per-gb." };

    public Option<double?> WaferPriceChange { get; } = NumberOptions.Optional(ModelInputs.WaferPriceChange, "Foundry wafer price change, $ per wafer (negative for a cut), passed through to the compute system price; needs --dies-per-gpu and --good-dies-per-wafer.");
    public Option<double?> DiesPerGpu { get; } = NumberOptions.Optional(ModelInputs.DiesPerGpu, "Compute dies per GPU package (e.g. 2 for a dual-die GPU).");
    public Option<double?> GoodDiesPerWafer { get; } = NumberOptions.Optional(ModelInputs.GoodDiesPerWafer, "Good dies per wafer, after yield.");
    public Option<string> KeepMargin { get; } = new("--keep-margin") { Description = "How the supplier passes a cost change through: percentage (keeps its gross margin %) or dollar (keeps its $ margin).", DefaultValueFactory = _ => "percentage" };

    public void AddTo(Command command)
    {
        command.Options.Add(NetworkTier);
        command.Options.Add(MemoryPrice);
        command.Options.Add(MemoryMargin);
        command.Options.Add(HbmPrice);
        command.Options.Add(HbmQuarter);
        command.Options.Add(WaferPriceChange);
        command.Options.Add(DiesPerGpu);
        command.Options.Add(GoodDiesPerWafer);
        command.Options.Add(KeepMargin);
    }

    /// <summary>The model with the levers applied to <paramref name="systemId"/>, or the same model when none is given.</summary>
    public EconomicsModel Apply(ParseResult parse, EconomicsModel model, string systemId)
    {
        var tier = parse.GetValue(NetworkTier);
        var price = parse.GetValue(MemoryPrice);
        var margin = parse.GetValue(MemoryMargin);
        var wafer = parse.GetValue(WaferPriceChange);
        var hbmPrice = parse.GetValue(HbmPrice);
        var hbmQuarter = parse.GetValue(HbmQuarter);
        if (tier is null && price is null && margin is null && wafer is null && hbmPrice is null && hbmQuarter is null) return model;
        var system = model.System(systemId);
        if (tier is not null && !system.Capex.NetworkingByTier.ContainsKey(tier))
            throw new UserInputException($"--network-tier '{tier}': {systemId} has no networking price for that tier; known: {string.Join(", ", system.Capex.NetworkingByTier.Keys)}");
        if (margin is not null && price is null)
            throw new UserInputException("--memory-margin needs --memory-price-per-gb");
        if (price is { } p)
        {
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
        if (hbmPrice is not null || hbmQuarter is not null) system = RepriceHbm(system, hbmPrice, hbmQuarter);
        if (wafer is { } w)
        {
            if (parse.GetValue(DiesPerGpu) is not { } dies || parse.GetValue(GoodDiesPerWafer) is not { } good)
                throw new UserInputException("--wafer-price-change needs --dies-per-gpu and --good-dies-per-wafer (how many wafers one GPU takes)");
            var mode = parse.GetValue(KeepMargin) switch
            {
                "percentage" => MarginMode.Percentage,
                "dollar" => MarginMode.Dollar,
                var other => throw new UserInputException($"--keep-margin '{other}' is not known; allowed: percentage, dollar"),
            };
            try
            {
                system = SupplyLevers.PassThroughCost(system, SupplyLevers.WaferCostDeltaPerGpu(w, dies, good), mode);
            }
            catch (ArgumentException e)
            {
                throw new UserInputException($"--wafer-price-change: {e.Message.Split(" (Parameter")[0]}");
            }
        }
        return SupplyLevers.With(model, system, tier);
    }

    private static AcceleratorSystem RepriceHbm(AcceleratorSystem system, double? price, string? quarterText)
    {
        if (price is not null && quarterText is not null)
            throw new UserInputException("--hbm-price-per-gb and --hbm-quarter both set the HBM price: give one");
        if (system.Capex.Hbm is null)
            throw new UserInputException($"{(price is not null ? "--hbm-price-per-gb" : "--hbm-quarter")}: {system.Id} has no HBM line (capex.hbm in the catalog)");
        var costPerGb = price ?? 0;
        if (quarterText is not null)
        {
            if (!LaunchQuarter.TryParse(quarterText, out var quarter))
                throw new UserInputException($"--hbm-quarter '{quarterText}' is not a quarter of 2000 or later; write YYYYQn, e.g. 2026Q2");
            var (p, reason) = LoadMemoryPrices().HbmPriceAt(system.MemoryType, quarter);
            costPerGb = p ?? throw new UserInputException($"--hbm-quarter {quarter}: {reason} (data/memory-prices.json)");
        }
        return SupplyLevers.RepriceHbm(system, costPerGb);
    }

    private static MemoryPrices LoadMemoryPrices()
    {
        var path = Path.Combine(Gpunomics.Storage.DataFiles.Directory, "memory-prices.json");
        try
        {
            return MemoryPrices.Parse(Storage.DataFiles.ReadText(path, "memory prices"), "data/memory-prices.json");
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read memory prices '{path}': {e.Message}");
        }
    }
}
