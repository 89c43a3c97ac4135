using System.Text.Json;
using Gpunomics.Catalog;

namespace Gpunomics.Supply;

/// <summary>One memory type's $/GB path by quarter, with a source per point.</summary>
/// <param name="Key">Type key, e.g. <c>socamm</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="PricePerGb">$/GB by quarter.</param>
/// <param name="Sources">Where each point comes from, by quarter.</param>
public sealed record MemoryPricePath(string Key, string Name, IReadOnlyDictionary<LaunchQuarter, double> PricePerGb, IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>The path's quarters in order, as written (e.g. <c>2026Q1, 2026Q2</c>), or <c>none</c>.</summary>
    public string QuartersText => PricePerGb.Count == 0 ? "none" : string.Join(", ", PricePerGb.Keys.OrderBy(q => q.DecimalYear));
}

/// <summary>Memory price paths (data/memory-prices.json) and the cost assumption for bundled memory.</summary>
/// <param name="CostAssumptionPerGb">Supplier cost assumed inside bundled boards, $/GB.</param>
/// <param name="Types">Paths by type key.</param>
public sealed record MemoryPrices(double CostAssumptionPerGb, IReadOnlyDictionary<string, MemoryPricePath> Types)
{
    /// <summary>
    /// The path of a GPU's HBM type: the catalog's <c>memoryType</c> (e.g. <c>HBM3e</c>) in lower case is the path's key
    /// (<c>hbm3e</c>). False when the file has no path for the type.
    /// </summary>
    public bool TryGetHbmPath(string memoryType, out MemoryPricePath path)
    {
        ArgumentNullException.ThrowIfNull(memoryType);
        return Types.TryGetValue(memoryType.Trim().ToLowerInvariant(), out path!);
    }

    /// <summary>
    /// The $/GB of <paramref name="memoryType"/>'s HBM path in <paramref name="quarter"/>, or null with the reason (no
    /// path for the type, or no point in that quarter: a quarter outside the path is not extrapolated).
    /// </summary>
    public (double? PricePerGb, string? Reason) HbmPriceAt(string memoryType, LaunchQuarter quarter)
    {
        if (!TryGetHbmPath(memoryType, out var path))
            return (null, $"no HBM price path for memory type '{memoryType}'; paths: {string.Join(", ", Types.Keys.Where(k => k.StartsWith("hbm", StringComparison.OrdinalIgnoreCase)))}");
        return path.PricePerGb.TryGetValue(quarter, out var p)
            ? (p, null)
            : (null, $"the {path.Name} path has no price for {quarter}; its quarters: {path.QuartersText}");
    }

    /// <summary>Parses the JSON text of a memory price file.</summary>
    /// <exception cref="FormatException">Naming the file and key when malformed.</exception>
    public static MemoryPrices Parse(string json, string fileName)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var assumption = root.GetProperty("costAssumptionPerGb").GetDouble();
            var types = new Dictionary<string, MemoryPricePath>(StringComparer.OrdinalIgnoreCase);
            foreach (var t in root.GetProperty("types").EnumerateObject())
            {
                var quarters = new Dictionary<LaunchQuarter, double>();
                foreach (var q in t.Value.GetProperty("quarters").EnumerateObject())
                {
                    if (!LaunchQuarter.TryParse(q.Name, out var quarter)) throw new FormatException($"{fileName}: types.{t.Name}.quarters: '{q.Name}' is not a quarter (YYYYQn)");
                    var v = q.Value.GetDouble();
                    if (!(v >= 0)) throw new FormatException($"{fileName}: types.{t.Name}.quarters.{q.Name}: {v} must be >= 0");
                    quarters[quarter] = v;
                }
                var sources = t.Value.GetProperty("sources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
                types[t.Name] = new MemoryPricePath(t.Name, t.Value.GetProperty("name").GetString() ?? t.Name, quarters, sources);
            }
            return new MemoryPrices(assumption, types);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{fileName}: {e.Message}", e);
        }
    }
}
