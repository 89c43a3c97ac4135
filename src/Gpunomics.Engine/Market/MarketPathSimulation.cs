using Gpunomics.MonteCarlo;

namespace Gpunomics.Market;

/// <summary>
/// Where one path's outputs are written: <see cref="Set"/> each output that has a value on the path; an output left
/// unset has none there (e.g. no IRR that is a return) and is counted as such, never as a number.
/// </summary>
public readonly ref struct PathOutputs
{
    private readonly Span<double> _values;
    private readonly Span<bool> _set;

    internal PathOutputs(Span<double> values, Span<bool> set)
    {
        _values = values;
        _set = set;
    }

    /// <summary>Outputs of the run.</summary>
    public int Count => _values.Length;

    /// <summary>Gives output <paramref name="output"/> the value <paramref name="value"/> on this path (finite).</summary>
    public void Set(int output, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "an output's value must be finite; leave the output unset when the path has none");
        _values[output] = value;
        _set[output] = true;
    }
}

/// <summary>Evaluates one market path: reads its prices (system-major, see <see cref="MarketPathModel.Index"/>) and sets its outputs.</summary>
/// <typeparam name="TState">Scratch state of one worker (buffers of a fleet model), made once per worker and reused path after path.</typeparam>
public delegate void PathEvaluator<in TState>(TState state, long path, ReadOnlySpan<double> prices, PathOutputs outputs);

/// <summary>
/// Streaming statistics of named outputs over paths: one <see cref="StreamingHistogram"/> per output (every percentile
/// within <see cref="StreamingHistogram.RelativeAccuracy"/> of the exact one), and the number of paths on which each has
/// no value. Memory does not grow with the number of paths; merging is exact, so its order does not matter.
/// </summary>
public sealed class PathOutputStatistics
{
    private readonly StreamingHistogram[] _histograms;
    private readonly long[] _without;

    /// <summary>Empty statistics of <paramref name="names"/>.</summary>
    public PathOutputStatistics(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names];
        _histograms = [.. names.Select(_ => new StreamingHistogram())];
        _without = new long[names.Count];
    }

    /// <summary>Output names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Paths added.</summary>
    public long Paths { get; private set; }

    /// <summary>The values of output <paramref name="output"/>, one per path that has one.</summary>
    public StreamingHistogram Histogram(int output) => _histograms[output];

    /// <summary>Paths on which output <paramref name="output"/> has no value.</summary>
    public long PathsWithout(int output) => _without[output];

    /// <summary>Percentiles, mean, min and max of output <paramref name="output"/> over the paths that have it.</summary>
    public OutputSummary Summary(int output) => OutputSummary.From(_histograms[output]);

    /// <summary>The index of the output named <paramref name="name"/> (ordinal); throws when there is none.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], name, StringComparison.Ordinal)) return i;
        throw new ArgumentException($"no output named '{name}'", nameof(name));
    }

    internal void Add(ReadOnlySpan<double> values, ReadOnlySpan<bool> set)
    {
        for (var i = 0; i < _histograms.Length; i++)
            if (set[i]) _histograms[i].Add(values[i]);
            else _without[i]++;
        Paths++;
    }

    /// <summary>Adds the paths of <paramref name="other"/> (same outputs).</summary>
    public void Merge(PathOutputStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other.Names.SequenceEqual(Names, StringComparer.Ordinal)) throw new ArgumentException("must hold the same outputs", nameof(other));
        for (var i = 0; i < _histograms.Length; i++)
        {
            _histograms[i].Merge(other._histograms[i]);
            _without[i] += other._without[i];
        }
        Paths += other.Paths;
    }
}

/// <summary>
/// Runs an evaluator over market paths (methodology: "Stochastic market paths"): paths in chunks of
/// <see cref="ChunkSize"/> taken by a fixed number of workers, each with its own price buffer, scratch state and
/// statistics, merged at the end in worker order. Path i depends only on (seed, i) and merging is exact, so the result
/// is the same on any number of threads; memory is the workers' buffers and histograms, flat in the number of paths.
/// </summary>
public static class MarketPathSimulation
{
    /// <summary>Paths a worker takes at a time.</summary>
    public const int ChunkSize = 256;

    /// <summary>Most paths in a run.</summary>
    public const long MaxPaths = 1_000_000_000;

    /// <summary>
    /// Runs <paramref name="paths"/> paths of <paramref name="model"/> seeded <paramref name="seed"/> through
    /// <paramref name="evaluate"/> into the statistics of <paramref name="outputs"/>.
    /// </summary>
    /// <param name="model">The market.</param>
    /// <param name="outputs">Output names.</param>
    /// <param name="paths">Paths, 1 to <see cref="MaxPaths"/>.</param>
    /// <param name="seed">Seed: the same seed gives the same statistics.</param>
    /// <param name="createState">Makes one worker's scratch state.</param>
    /// <param name="evaluate">Evaluates one path; called from several threads at once, each with its own state.</param>
    /// <param name="maxParallelism">Most threads; 0 for one per processor. 1 runs on the calling thread.</param>
    /// <param name="cancellationToken">Stops the run between chunks.</param>
    public static PathOutputStatistics Run<TState>(MarketPathModel model, IReadOnlyList<string> outputs, long paths, ulong seed,
        Func<TState> createState, PathEvaluator<TState> evaluate, int maxParallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(createState);
        ArgumentNullException.ThrowIfNull(evaluate);
        if (paths < 1 || paths > MaxPaths) throw new ArgumentOutOfRangeException(nameof(paths), paths, $"must be from 1 to {MaxPaths:N0}");
        if (maxParallelism < 0) throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "must be 0 (one per processor) or more");
        var chunks = (paths + ChunkSize - 1) / ChunkSize;
        var workers = (int)Math.Min(maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount, chunks);
        var results = new PathOutputStatistics[workers];
        long next = -1;

        void Work(int w)
        {
            var stats = new PathOutputStatistics(outputs);
            var state = createState();
            var prices = new double[model.PathLength];
            var values = new double[outputs.Count];
            var set = new bool[outputs.Count];
            long c;
            while ((c = Interlocked.Increment(ref next)) < chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(paths, (c + 1) * ChunkSize);
                for (var i = c * ChunkSize; i < end; i++)
                {
                    model.Fill(seed, i, prices);
                    Array.Clear(set);
                    evaluate(state, i, prices, new PathOutputs(values, set));
                    stats.Add(values, set);
                }
            }
            results[w] = stats;
        }

        if (workers == 1) Work(0);
        else Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, Work);

        var total = results[0];
        for (var w = 1; w < workers; w++) total.Merge(results[w]);
        return total;
    }
}
