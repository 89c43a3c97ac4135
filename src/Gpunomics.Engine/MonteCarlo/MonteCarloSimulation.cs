using System.Collections.Concurrent;
using Gpunomics.Batch;
using Gpunomics.Inputs;

namespace Gpunomics.MonteCarlo;

/// <summary>
/// Percentiles of one output (methodology: "Monte Carlo"). A percentile p is the nearest-rank value, the
/// ceil(p x Count)-th smallest, within <see cref="StreamingHistogram.RelativeAccuracy"/> of the exact one;
/// it is null when the values are too few to reach that far into a tail (Count x p &lt; 1 or
/// Count x (1 - p) &lt; 1: 20 values for p5 and p95, 10 for p10 and p90, 4 for p25 and p75, 2 for the median).
/// </summary>
/// <param name="P5">5th percentile.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Mean">Mean (exact to 2^-20); null with no values or with a value beyond 7.2e16 in magnitude.</param>
/// <param name="Min">Smallest value (exact); null with no values.</param>
/// <param name="Max">Largest value (exact); null with no values.</param>
/// <param name="Count">Scenarios with a value.</param>
public sealed record OutputSummary(double? P5, double? P10, double? P25, double? P50, double? P75, double? P90, double? P95, double? Mean, double? Min, double? Max, long Count)
{
    internal static OutputSummary From(StreamingHistogram h) => new(
        Percentile(h, 5), Percentile(h, 10), Percentile(h, 25), Percentile(h, 50), Percentile(h, 75), Percentile(h, 90), Percentile(h, 95),
        h.Mean, h.Count > 0 ? h.Min : null, h.Count > 0 ? h.Max : null, h.Count);

    /// <summary>The <paramref name="percent"/>-th percentile (1-99) of the values, or null when they are too few to have it.</summary>
    internal static double? Percentile(StreamingHistogram h, int percent)
    {
        var n = h.Count;
        if (n * percent < 100 || n * (100 - percent) < 100) return null;
        return h.ValueAtRank((n * percent + 99) / 100);
    }
}

/// <summary>One bar of a histogram.</summary>
/// <param name="Low">Lower edge.</param>
/// <param name="High">Upper edge.</param>
/// <param name="Count">Scenarios in [Low, High).</param>
public sealed record HistogramBar(double Low, double High, long Count);

/// <summary>One Monte Carlo scenario's outputs.</summary>
/// <param name="Irr">Annual project IRR; null when the scenario has no IRR that is a return.</param>
/// <param name="Npv">NPV at the scenario's hurdle, $ per GPU.</param>
/// <param name="Floor">Floor price at the scenario's hurdle, $ per GPU-hour; null when no price gives the hurdle IRR (a whole life whose contract bills nothing, or whose after-tax NPV never reaches zero).</param>
public readonly record struct ScenarioOutcome(double? Irr, double Npv, double? Floor);

/// <summary>What a Monte Carlo run found.</summary>
public sealed record MonteCarloResult
{
    /// <summary>Scenarios run.</summary>
    public required long Scenarios { get; init; }
    /// <summary>Seed used.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Annual project IRR over the scenarios that have one.</summary>
    public required OutputSummary Irr { get; init; }
    /// <summary>NPV at each scenario's hurdle, $ per GPU.</summary>
    public required OutputSummary Npv { get; init; }
    /// <summary>Floor price at each scenario's hurdle, $ per GPU-hour, over the scenarios that have one.</summary>
    public required OutputSummary Floor { get; init; }
    /// <summary>Scenarios where no price gives the hurdle IRR (only on the whole-life path; the batch's floor always exists).</summary>
    public long ScenariosWithoutFloor { get; init; }
    /// <summary>What the run's project covers: null for the first contract alone, else the asset life's description at the base values.</summary>
    public string? AssetLife { get; init; }
    /// <summary>
    /// Share of all scenarios that beat their hurdle: NPV at the hurdle at least zero. Where a scenario's IRR is a
    /// return this is the same as IRR &gt;= hurdle; it also decides the scenarios without one (a borrowing rate, no root).
    /// </summary>
    public required double ProbabilityAboveHurdle { get; init; }
    /// <summary>Scenarios without an IRR that is a return (rent below operating cost, several roots, or a borrowing rate).</summary>
    public required long ScenariosWithoutIrr { get; init; }
    /// <summary>
    /// IRR histogram of about 40 equal bars over the bulk of the IRRs: from the 0.5th to the 99.5th percentile,
    /// cut at three interquartile ranges beyond the quartiles so a few huge IRRs do not squeeze the rest into one
    /// bar; bar edges fall on the base hurdle. IRRs outside the bars are <see cref="OutputSummary.Count"/> of
    /// <see cref="Irr"/> minus the bars' counts.
    /// </summary>
    public required IReadOnlyList<HistogramBar> IrrHistogram { get; init; }
    /// <summary>Bound on every percentile's relative error against the exact percentile of the same scenarios.</summary>
    public double PercentileRelativeAccuracy => StreamingHistogram.RelativeAccuracy;
}

/// <summary>
/// Monte Carlo over the rental project on the batch engine (methodology: "Monte Carlo"). Scenarios run
/// in chunks of 8,192, each chunk with its own random stream derived from (seed, chunk index), so results
/// do not depend on the number of threads; statistics are streamed into relative-accuracy histograms
/// (<see cref="StreamingHistogram"/>), so memory does not grow with the number of scenarios.
/// </summary>
public static class MonteCarloSimulation
{
    /// <summary>Scenarios per chunk (one random stream, one batch evaluation).</summary>
    public const int ChunkSize = 8192;

    /// <summary>Runs <paramref name="scenarios"/> scenarios; <paramref name="progress"/> gets the number done so far (from any thread).</summary>
    public static MonteCarloResult Run(MonteCarloSetup setup, long scenarios, ulong seed, Action<long>? progress = null, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (scenarios < 1) throw new ArgumentOutOfRangeException(nameof(scenarios), scenarios, "must be at least 1");
        var sampler = new Sampler(setup);
        var chunks = (scenarios + ChunkSize - 1) / ChunkSize;

        // Parallel.For starts a fresh task (and asks for its state) every few hundred milliseconds: its workers
        // are pooled rather than made anew, so buffers and histogram pages are allocated once per thread.
        var pool = new ConcurrentBag<Worker>();
        long done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        try
        {
            Parallel.For(0L, chunks, parallel, () => pool.TryTake(out var idle) ? idle : new Worker(sampler, seed), (c, _, w) =>
            {
                var n = w.Run(c, scenarios, options);
                var now = Interlocked.Add(ref done, n);
                progress?.Invoke(now);
                return w;
            }, pool.Add);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is AssetLife.AssetLifeException) is { } life)
        {
            // A drawn scenario without a whole life (a life ending before its contract, say): the user's problem, said as such.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(life).Throw();
        }

        // Merging adds counts and fixed-point sums exactly, so its order does not matter.
        var total = new Worker(sampler, seed);
        foreach (var w in pool) total.Merge(w);

        var irr = total.IrrHist;
        return new MonteCarloResult
        {
            Scenarios = scenarios,
            Seed = seed,
            Irr = OutputSummary.From(irr),
            Npv = OutputSummary.From(total.NpvHist),
            Floor = OutputSummary.From(total.FloorHist),
            ProbabilityAboveHurdle = (double)total.AboveHurdle / scenarios,
            ScenariosWithoutIrr = total.NoIrr,
            ScenariosWithoutFloor = total.NoFloor,
            AssetLife = setup.Life?.Description,
            IrrHistogram = Coarse(irr, 40, setup.Base[ModelInputs.Hurdle.Name]),
        };
    }

    /// <summary>
    /// Each scenario's outputs in order, drawn exactly as <see cref="Run"/> draws them (one thread; memory
    /// grows only if the caller keeps them): the values behind Run's statistics, for checks and exports.
    /// </summary>
    public static IEnumerable<ScenarioOutcome> Outcomes(MonteCarloSetup setup, long scenarios, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (scenarios < 1) throw new ArgumentOutOfRangeException(nameof(scenarios), scenarios, "must be at least 1");
        return Enumerate(new Worker(new Sampler(setup), seed), scenarios);

        static IEnumerable<ScenarioOutcome> Enumerate(Worker w, long scenarios)
        {
            for (long c = 0; c * ChunkSize < scenarios; c++)
            {
                var n = w.Evaluate(c, scenarios);
                var r = w.Results;
                for (var i = 0; i < n; i++)
                    yield return new ScenarioOutcome(r.Status[i] == IrrStatus.Converged ? r.Irr[i] : null, r.Npv[i], w.HasFloor[i] ? r.Floor[i] : null);
            }
        }
    }

    private static List<HistogramBar> Coarse(StreamingHistogram h, int bars, double anchor)
    {
        if (h.Count == 0) return [];
        double Q(double p) => h.Quantile(p)!.Value;
        var iqr = Q(0.75) - Q(0.25);
        var lo = Math.Max(Q(0.005), Q(0.25) - 3 * iqr);
        var hi = Math.Min(Q(0.995), Q(0.75) + 3 * iqr);
        if (!(hi > lo)) { lo = h.Min; hi = h.Max; }
        if (!(hi > lo)) hi = lo + Math.Max(1e-9, 1e-9 * Math.Abs(lo));
        var width = (hi - lo) / bars;
        if (double.IsFinite(anchor)) lo = anchor + Math.Floor((lo - anchor) / width) * width; // no bar straddles the hurdle
        var n = (int)Math.Ceiling((hi - lo) / width);
        var counts = new long[n];
        foreach (var (value, count) in h.Bins())
        {
            // A bin's representative value may lie a relative step beyond the data; read it inside the data's range, so
            // that scenarios all alike (min = max) fall in the first bar rather than in none.
            var k = (int)Math.Floor((Math.Clamp(value, h.Min, h.Max) - lo) / width);
            if (k >= 0 && k < n) counts[k] += count;
        }
        return [.. Enumerable.Range(0, n).Select(k => new HistogramBar(lo + k * width, lo + (k + 1) * width, counts[k]))];
    }

    /// <summary>Draws every input for a chunk of scenarios.</summary>
    private sealed class Sampler
    {
        private readonly Distribution?[] _dists;
        private readonly double[] _base;
        private readonly double[,]? _cholesky;
        private readonly int[] _random; // indices of inputs with a distribution
        private readonly MonteCarloSetup.CostIndex _index;

        public Sampler(MonteCarloSetup setup)
        {
            Setup = setup;
            var inputs = setup.Varied;
            Count = inputs.Count;
            _index = new MonteCarloSetup.CostIndex(setup);
            _dists = new Distribution?[inputs.Count];
            _base = new double[inputs.Count];
            for (var k = 0; k < inputs.Count; k++)
            {
                var input = inputs[k];
                if (!setup.Base.TryGetValue(input.Name, out _base[k])) throw new ArgumentException($"base {input.Name}: missing");
                if (input.Check(_base[k]) is { } problem) throw new ArgumentException($"base {input.Name}: {problem}");
            }
            var given = new bool[inputs.Count];
            foreach (var (name, spec) in setup.Distributions)
            {
                var input = setup.Find(name, out var unknown, inputs) ?? throw new ArgumentException(unknown);
                var k = Index(inputs, input);
                if (given[k]) throw new ArgumentException($"'{name}': {input.Name} already has a distribution; give one per input");
                given[k] = true;
                // Every draw lies in the input's range: a distribution leaving it is refused or truncated, never clamped.
                var d = Distribution.Fit(spec, input, out var refusal) ?? throw new ArgumentException($"{name}: {refusal}");
                if (d is Fixed f) _base[k] = f.Value;
                else _dists[k] = d;
            }
            _random = [.. Enumerable.Range(0, inputs.Count).Where(k => _dists[k] is not null)];
            if (setup.Correlations.Count > 0) _cholesky = BuildCholesky(setup.Correlations, inputs);
        }

        private static int Index(IReadOnlyList<ModelInput> inputs, ModelInput input)
        {
            for (var k = 0; k < inputs.Count; k++) if (inputs[k] == input) return k;
            return -1;
        }

        /// <summary>Inputs drawn or fixed per scenario.</summary>
        public int Count { get; }

        public MonteCarloSetup Setup { get; }

        private double[,] BuildCholesky(IReadOnlyList<Correlation> correlations, IReadOnlyList<ModelInput> inputs)
        {
            var m = _random.Length;
            var corr = new double[m, m];
            for (var i = 0; i < m; i++) corr[i, i] = 1;
            foreach (var c in correlations)
            {
                int Position(string n)
                {
                    var input = Setup.Find(n, out var unknown, inputs) ?? throw new ArgumentException($"correlation {c.A},{c.B}: {unknown}");
                    var k = Array.IndexOf(_random, Index(inputs, input));
                    return k >= 0 ? k : throw new ArgumentException($"correlation names '{n}', which has no distribution");
                }
                if (!(c.Rho > -1 && c.Rho < 1)) throw new ArgumentException($"correlation {c.A},{c.B} = {c.Rho} must be in (-1, 1)");
                int a = Position(c.A), b = Position(c.B);
                if (a == b) throw new ArgumentException($"correlation of '{c.A}' with itself");
                corr[a, b] = corr[b, a] = c.Rho;
            }
            var l = new double[m, m];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var s = corr[i, j];
                    for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                    if (i == j)
                    {
                        if (!(s > 1e-12)) throw new ArgumentException("the correlations given are not consistent (the correlation matrix is not positive definite)");
                        l[i, i] = Math.Sqrt(s);
                    }
                    else l[i, j] = s / l[j, j];
                }
            }
            return l;
        }

        public void Fill(RentalBatch batch, int count, ref Rng rng, Span<double> values, Span<double> z)
        {
            var s = Setup;
            batch.Financing = s.Financing.IsNone ? null : s.Financing;
            for (var i = 0; i < count; i++)
            {
                Draw(ref rng, values, z);
                _index.Fill(batch, i, values);
            }
        }

        /// <summary>Draws <paramref name="count"/> scenarios' values, scenario i at <paramref name="all"/>[i x Count ..].</summary>
        public void Draw(int count, ref Rng rng, Span<double> all, Span<double> z)
        {
            for (var i = 0; i < count; i++) Draw(ref rng, all.Slice(i * Count, Count), z);
        }

        public MonteCarloSetup.CostIndex Costs => _index;

        private void Draw(ref Rng rng, Span<double> values, Span<double> z)
        {
            {
                _base.AsSpan().CopyTo(values);
                if (_cholesky is null)
                {
                    foreach (var k in _random)
                    {
                        var d = _dists[k]!;
                        values[k] = d is Normal or LogNormal ? d.FromNormal(rng.NextNormal()) : d.Quantile(rng.NextOpen());
                    }
                }
                else
                {
                    var m = _random.Length;
                    for (var j = 0; j < m; j++) z[j] = rng.NextNormal();
                    for (var j = m - 1; j >= 0; j--)
                    {
                        var acc = 0.0;
                        for (var k = 0; k <= j; k++) acc += _cholesky[j, k] * z[k];
                        z[j] = acc;
                    }
                    for (var j = 0; j < m; j++) values[_random[j]] = _dists[_random[j]]!.FromNormal(z[j]);
                }
                // Every value is inside its input's range (checked or truncated above): nothing to clamp.
            }
        }
    }

    private sealed class Worker
    {
        private readonly Sampler _sampler;
        private readonly ulong _seed;
        private readonly RentalBatch _batch = new(ChunkSize);
        private readonly RentalBatchResults _results = new(ChunkSize);
        private readonly double[] _values;
        private readonly double[] _z;
        private readonly bool[] _hasFloor = new bool[ChunkSize];
        // The whole-life path: a chunk's drawn values, and the evaluator's block of flows.
        private readonly double[]? _drawn;
        private readonly WholeLifeEvaluator? _life;

        public Worker(Sampler sampler, ulong seed)
        {
            _sampler = sampler;
            _seed = seed;
            _values = new double[sampler.Count];
            _z = new double[sampler.Count];
            if (sampler.Setup.Life is not null)
            {
                _drawn = new double[ChunkSize * sampler.Count];
                _life = new WholeLifeEvaluator();
            }
        }

        public bool[] HasFloor => _hasFloor;
        public long NoFloor { get; private set; }

        public RentalBatchResults Results => _results;
        public StreamingHistogram IrrHist { get; } = new();
        public StreamingHistogram NpvHist { get; } = new();
        public StreamingHistogram FloorHist { get; } = new();
        public long AboveHurdle { get; private set; }
        public long NoIrr { get; private set; }

        public int Evaluate(long chunk, long scenarios, BatchOptions options = default)
        {
            var n = (int)Math.Min(ChunkSize, scenarios - chunk * ChunkSize);
            var rng = new Rng(_seed, (ulong)chunk);
            if (_life is not null)
            {
                // The whole life: explicit cash flows per scenario, the same draws in the same order.
                _sampler.Draw(n, ref rng, _drawn, _z);
                var financing = _sampler.Setup.Financing.IsNone ? null : _sampler.Setup.Financing;
                _life.Evaluate(_sampler.Setup, _sampler.Costs, _drawn, _sampler.Count, n, _ => financing, _results, _hasFloor, 0, options);
                return n;
            }
            _sampler.Fill(_batch, n, ref rng, _values, _z);
            RentalBatchEvaluator.Evaluate(_batch, _results, 0, n, options with { MaxDegreeOfParallelism = 1 });
            Array.Fill(_hasFloor, true, 0, n);
            return n;
        }

        public int Run(long chunk, long scenarios, BatchOptions options)
        {
            var n = Evaluate(chunk, scenarios, options);
            var r = _results;
            for (var i = 0; i < n; i++)
            {
                if (r.Status[i] == IrrStatus.Converged) IrrHist.Add(r.Irr[i]);
                else NoIrr++;
                // The hurdle decision is on NPV at the hurdle, which every scenario has (its IRR may not be a return).
                if (r.Npv[i] >= 0) AboveHurdle++;
                NpvHist.Add(r.Npv[i]);
                if (_hasFloor[i]) FloorHist.Add(r.Floor[i]);
                else NoFloor++;
            }
            return n;
        }

        public void Merge(Worker other)
        {
            IrrHist.Merge(other.IrrHist);
            NpvHist.Merge(other.NpvHist);
            FloorHist.Merge(other.FloorHist);
            AboveHurdle += other.AboveHurdle;
            NoIrr += other.NoIrr;
            NoFloor += other.NoFloor;
        }
    }
}
