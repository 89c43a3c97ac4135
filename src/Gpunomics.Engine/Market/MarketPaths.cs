using Gpunomics.MonteCarlo;

namespace Gpunomics.Market;

/// <summary>
/// Random market price paths around the forward curves of several systems (methodology: "Stochastic market paths"):
/// ln P_s(m) = ln F_s(m) + X_s(m) - Var X(m) / 2, so the mean price of every month is the forward curve's. X_s(0) = 0
/// and month by month X_s(m) = phi X_s(m-1) + sqrt(v) (sqrt(rho) Z(m) + sqrt(1 - rho) e_s(m)), phi = e^(-kappa / 12),
/// v the variance one month adds (the exact step of the process, <see cref="PriceProcess.LogVariance"/>), Z the market's
/// shock and e_s the system's own, all standard normal. Path i's draws come from its own random stream, a function of
/// (seed, i) alone, so a path is the same whichever thread makes it and in whatever order.
/// </summary>
public sealed class MarketPathModel
{
    /// <summary>Domain of the market paths' random streams (see <see cref="Rng.ForDomain"/>).</summary>
    private const ulong StreamDomain = 0x4D41524B45545041UL; // "MARKETPA"

    private readonly double[] _logMean; // ln F_s(m) - Var X(m) / 2, system-major
    private readonly double _phi, _common, _own;

    /// <summary>A model over <paramref name="forward"/> curves, one per system, all of the same length.</summary>
    /// <param name="systems">System ids, in the order of the path's rows.</param>
    /// <param name="forward">Per system, the forward price of month 0, 1, ... ($ per GPU-hour, each &gt; 0); at least one month.</param>
    /// <param name="process">The process of the deviations.</param>
    public MarketPathModel(IReadOnlyList<string> systems, IReadOnlyList<IReadOnlyList<double>> forward, PriceProcess process)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(process);
        if (systems.Count == 0) throw new ArgumentException("must name at least one system", nameof(systems));
        if (forward.Count != systems.Count) throw new ArgumentException($"must hold one curve per system ({systems.Count}), not {forward.Count}", nameof(forward));
        var months = forward[0].Count;
        if (months < 1) throw new ArgumentException("a curve must hold at least month 0", nameof(forward));
        Systems = [.. systems];
        Months = months;
        Process = process;
        _logMean = new double[systems.Count * months];
        for (var s = 0; s < systems.Count; s++)
        {
            if (forward[s].Count != months) throw new ArgumentException($"every curve must hold {months} months; {systems[s]}'s holds {forward[s].Count}", nameof(forward));
            for (var m = 0; m < months; m++)
            {
                var f = forward[s][m];
                if (!(f > 0 && double.IsFinite(f))) throw new ArgumentOutOfRangeException(nameof(forward), f, $"{systems[s]} month {m}: a forward price must be positive and finite");
                _logMean[s * months + m] = Math.Log(f) - process.LogVariance(m / 12.0) / 2;
            }
        }
        _phi = Math.Exp(-process.MeanReversion / 12);
        var step = Math.Sqrt(process.LogVariance(1 / 12.0));
        _common = step * Math.Sqrt(process.Correlation);
        _own = step * Math.Sqrt(1 - process.Correlation);
    }

    /// <summary>System ids: row s of a path is <c>Systems[s]</c>.</summary>
    public IReadOnlyList<string> Systems { get; }

    /// <summary>Months per system in a path: month 0 (the curves' start) to Months - 1.</summary>
    public int Months { get; }

    /// <summary>The process of the deviations.</summary>
    public PriceProcess Process { get; }

    /// <summary>Values in one path: systems x months.</summary>
    public int PathLength => Systems.Count * Months;

    /// <summary>Index of (system, month) in a path: system-major, <c>s x Months + m</c>.</summary>
    public int Index(int system, int month) => system * Months + month;

    /// <summary>The forward (mean) price of a system in a month, $ per GPU-hour.</summary>
    public double Forward(int system, int month) => Math.Exp(_logMean[Index(system, month)] + Process.LogVariance(month / 12.0) / 2);

    /// <summary>
    /// Writes path <paramref name="path"/> of the run seeded <paramref name="seed"/> into <paramref name="prices"/>
    /// (<see cref="PathLength"/> values, $ per GPU-hour, system-major); allocates nothing.
    /// </summary>
    public void Fill(ulong seed, long path, Span<double> prices)
    {
        if (path < 0) throw new ArgumentOutOfRangeException(nameof(path), path, "must be 0 or more");
        if (prices.Length != _logMean.Length) throw new ArgumentException($"must hold {_logMean.Length} values (systems x months), not {prices.Length}", nameof(prices));
        var rng = new Rng(Rng.ForDomain(seed, StreamDomain), (ulong)path);
        var n = Systems.Count;
        var months = Months;
        var common = _common > 0;
        var own = _own > 0;
        // The deviations X first, month by month across systems (the shared shock first), then the prices in place.
        for (var s = 0; s < n; s++) prices[s * months] = 0;
        for (var m = 1; m < months; m++)
        {
            var z = common ? _common * rng.NextNormal() : 0.0;
            for (var s = 0; s < n; s++)
            {
                var i = s * months + m;
                prices[i] = _phi * prices[i - 1] + z + (own ? _own * rng.NextNormal() : 0.0);
            }
        }
        for (var i = 0; i < prices.Length; i++) prices[i] = Math.Exp(_logMean[i] + prices[i]);
    }
}
