namespace Gpunomics.Catalog;

/// <summary>The set of systems the model knows, looked up by id.</summary>
public sealed class HardwareCatalog
{
    private readonly Dictionary<string, AcceleratorSystem> _byId;

    /// <summary>Builds a catalog; ids must be unique (case-insensitive).</summary>
    public HardwareCatalog(string version, IEnumerable<AcceleratorSystem> systems)
    {
        ArgumentNullException.ThrowIfNull(systems);
        Version = version;
        Systems = systems.ToList();
        _byId = new Dictionary<string, AcceleratorSystem>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in Systems)
        {
            if (!_byId.TryAdd(s.Id, s))
                throw new ArgumentException($"duplicate system id '{s.Id}'", nameof(systems));
        }
    }

    /// <summary>Catalog version label.</summary>
    public string Version { get; }

    /// <summary>Systems in catalog order.</summary>
    public IReadOnlyList<AcceleratorSystem> Systems { get; }

    /// <summary>Finds a system by id (case-insensitive).</summary>
    public bool TryGet(string id, out AcceleratorSystem system) => _byId.TryGetValue(id, out system!);

    /// <summary>Finds a system by id or throws <see cref="KeyNotFoundException"/>.</summary>
    public AcceleratorSystem Get(string id) =>
        TryGet(id, out var s) ? s : throw new KeyNotFoundException($"unknown system '{id}'");

    /// <summary>A copy of the catalog with one system replaced.</summary>
    public HardwareCatalog With(AcceleratorSystem replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return new HardwareCatalog(Version, Systems.Select(s =>
            string.Equals(s.Id, replacement.Id, StringComparison.OrdinalIgnoreCase) ? replacement : s));
    }
}
