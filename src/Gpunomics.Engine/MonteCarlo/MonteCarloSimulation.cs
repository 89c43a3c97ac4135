using Gpunomics.Batch;

namespace Gpunomics.MonteCarlo;

/// <summary>Percentiles of one output.</summary>
/// <param name="P5">5th percentile.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Mean">Mean.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Count">Scenarios with a value.</param>
public sealed record OutputSummary(double P5, double P10, double P25, double P50, double P75, double P90, double P95, double Mean, double Min, double Max, long Count)
{
    internal static OutputSummary From(StreamingHistogram h) => new(
        h.Quantile(0.05), h.Quantile(0.10), h.Quantile(0.25), h.Quantile(0.50), h.Quantile(0.75), h.Quantile(0.90), h.Quantile(0.95),
        h.Mean, h.Min, h.Max, h.Count);
}

/// <summary>One bar of a histogram.</summary>
/// <param name="Low">Lower edge.</param>
/// <param name="High">Upper edge.</param>
/// <param name="Count">Scenarios in [Low, High).</param>
public sealed record HistogramBar(double Low, double High, long Count);

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
    /// <summary>Floor price at each scenario's hurdle, $ per GPU-hour.</summary>
    public required OutputSummary Floor { get; init; }
    /// <summary>
    /// Share of all scenarios that beat their hurdle: NPV at the hurdle at least zero. Where a scenario's IRR is a
    /// return this is the same as IRR &gt;= hurdle; it also decides the scenarios without one (a borrowing rate, no root).
    /// </summary>
    public required double ProbabilityAboveHurdle { get; init; }
    /// <summary>Scenarios without an IRR that is a return (rent below operating cost, several roots, or a borrowing rate).</summary>
    public required long ScenariosWithoutIrr { get; init; }
    /// <summary>IRR histogram between the 0.5th and 99.5th percentiles.</summary>
    public required IReadOnlyList<HistogramBar> IrrHistogram { get; init; }
    /// <summary>Width of the fine bins behind the IRR percentiles (their accuracy).</summary>
    public required double IrrResolution { get; init; }
}

/// <summary>
/// Monte Carlo over the rental project on the batch engine (methodology: "Monte Carlo"). Scenarios run
/// in chunks of 8,192, each chunk with its own random stream derived from (seed, chunk index), so results
/// do not depend on the number of threads; statistics are streamed into fixed-bin histograms, so memory
/// does not grow with the number of scenarios.
/// </summary>
public static class MonteCarloSimulation
{
    /// <summary>Scenarios per chunk (one random stream, one batch evaluation).</summary>
    public const int ChunkSize = 8192;

    /// <summary>Fine bins per output histogram.</summary>
    public const int Bins = 20_000;

    /// <summary>Runs <paramref name="scenarios"/> scenarios; <paramref name="progress"/> gets the number done so far (from any thread).</summary>
    public static MonteCarloResult Run(MonteCarloSetup setup, long scenarios, ulong seed, Action<long>? progress = null, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (scenarios < 1) throw new ArgumentOutOfRangeException(nameof(scenarios), scenarios, "must be at least 1");
        var sampler = new Sampler(setup);
        var chunks = (scenarios + ChunkSize - 1) / ChunkSize;

        // Pilot: chunk 0 sets the histogram ranges (widened by its own span on each side).
        var pilot = new Worker(sampler, null, seed);
        pilot.Evaluate(0, scenarios);
        var ranges = pilot.Ranges();

        var total = new Worker(sampler, ranges, seed);
        long done = 0;
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        Parallel.For(0L, chunks, parallel, () => new Worker(sampler, ranges, seed), (c, _, w) =>
        {
            var n = w.Run(c, scenarios, options.ForceScalar);
            var now = Interlocked.Add(ref done, n);
            progress?.Invoke(now);
            return w;
        }, w =>
        {
            lock (gate) total.Merge(w);
        });

        var irr = total.IrrHist!;
        return new MonteCarloResult
        {
            Scenarios = scenarios,
            Seed = seed,
            Irr = OutputSummary.From(irr),
            Npv = OutputSummary.From(total.NpvHist!),
            Floor = OutputSummary.From(total.FloorHist!),
            ProbabilityAboveHurdle = (double)total.AboveHurdle / scenarios,
            ScenariosWithoutIrr = total.NoIrr,
            IrrHistogram = Coarse(irr, 40),
            IrrResolution = (irr.High - irr.Low) / irr.Bins,
        };
    }

    private static List<HistogramBar> Coarse(StreamingHistogram h, int bars)
    {
        if (h.Count == 0) return [];
        var lo = h.Quantile(0.005);
        var hi = h.Quantile(0.995);
        if (!(hi > lo)) { lo = h.Min; hi = h.Max + 1e-9; }
        var width = (hi - lo) / bars;
        var counts = new long[bars];
        var fine = (h.High - h.Low) / h.Bins;
        for (var i = 0; i < h.Bins; i++)
        {
            if (h[i] == 0) continue;
            var center = h.Low + fine * (i + 0.5);
            var k = (int)Math.Floor((center - lo) / width);
            if (k >= 0 && k < bars) counts[k] += h[i];
        }
        return [.. Enumerable.Range(0, bars).Select(k => new HistogramBar(lo + k * width, lo + (k + 1) * width, counts[k]))];
    }

    private sealed record Ranges((double Lo, double Hi) Irr, (double Lo, double Hi) Npv, (double Lo, double Hi) Floor);

    /// <summary>Draws every input for a chunk of scenarios.</summary>
    private sealed class Sampler
    {
        private readonly Distribution?[] _dists;
        private readonly double[] _base;
        private readonly double[,]? _cholesky;
        private readonly int[] _random; // indices of inputs with a distribution

        public Sampler(MonteCarloSetup setup)
        {
            Setup = setup;
            var names = MonteCarloSetup.InputNames;
            _dists = new Distribution?[names.Count];
            _base = new double[names.Count];
            for (var k = 0; k < names.Count; k++)
            {
                var input = MonteCarloSetup.Inputs[k];
                _base[k] = setup.Base[names[k]];
                if (input.Check(_base[k]) is { } problem) throw new ArgumentException($"base {names[k]}: {problem}");
                foreach (var (name, given) in setup.Distributions)
                {
                    var canonical = MonteCarloSetup.Canonical(name) ?? throw new ArgumentException($"unknown input '{name}'; known: {string.Join(", ", names)}");
                    if (canonical != names[k]) continue;
                    // Every draw lies in the input's range: a distribution leaving it is refused or truncated, never clamped.
                    var d = Distribution.Fit(given, input, out var refusal) ?? throw new ArgumentException($"{names[k]}: {refusal}");
                    if (d is Fixed f) _base[k] = f.Value;
                    else _dists[k] = d;
                }
            }
            _random = [.. Enumerable.Range(0, names.Count).Where(k => _dists[k] is not null)];
            if (setup.Correlations.Count > 0) _cholesky = BuildCholesky(setup.Correlations, names);
        }

        public MonteCarloSetup Setup { get; }

        private double[,] BuildCholesky(IReadOnlyList<Correlation> correlations, IReadOnlyList<string> names)
        {
            var m = _random.Length;
            var corr = new double[m, m];
            for (var i = 0; i < m; i++) corr[i, i] = 1;
            foreach (var c in correlations)
            {
                int Index(string n)
                {
                    var canonical = MonteCarloSetup.Canonical(n) ?? throw new ArgumentException($"correlation names unknown input '{n}'");
                    var k = Array.IndexOf(_random, names.ToList().IndexOf(canonical));
                    return k >= 0 ? k : throw new ArgumentException($"correlation names '{n}', which has no distribution");
                }
                if (!(c.Rho > -1 && c.Rho < 1)) throw new ArgumentException($"correlation {c.A},{c.B} = {c.Rho} must be in (-1, 1)");
                int a = Index(c.A), b = Index(c.B);
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
                var multiplier = values[1];
                batch.PricePerGpuHour[i] = values[0];
                batch.CapexPerGpu[i] = s.CapexFixed + s.CapexPerMultiplier * multiplier;
                batch.OperatingCostPerHour[i] = (s.OpexFixed + s.OpexPerMultiplier * multiplier) * values[2];
                batch.TermMonths[i] = (int)Math.Round(values[3]);
                batch.PrepayShare[i] = values[4];
                batch.BilledUtilization[i] = values[5];
                batch.ResidualValueShare[i] = values[6];
                batch.Hurdle[i] = values[7];
                batch.SetupMonths[i] = s.SetupMonths;
            }
        }
    }

    private sealed class Worker
    {
        private readonly Sampler _sampler;
        private readonly ulong _seed;
        private readonly RentalBatch _batch = new(ChunkSize);
        private readonly RentalBatchResults _results = new(ChunkSize);
        private readonly double[] _values = new double[MonteCarloSetup.InputNames.Count];
        private readonly double[] _z = new double[MonteCarloSetup.InputNames.Count];

        public Worker(Sampler sampler, Ranges? ranges, ulong seed)
        {
            _sampler = sampler;
            _seed = seed;
            if (ranges is not null)
            {
                IrrHist = new StreamingHistogram(ranges.Irr.Lo, ranges.Irr.Hi, Bins);
                NpvHist = new StreamingHistogram(ranges.Npv.Lo, ranges.Npv.Hi, Bins);
                FloorHist = new StreamingHistogram(ranges.Floor.Lo, ranges.Floor.Hi, Bins);
            }
        }

        public StreamingHistogram? IrrHist { get; }
        public StreamingHistogram? NpvHist { get; }
        public StreamingHistogram? FloorHist { get; }
        public long AboveHurdle { get; private set; }
        public long NoIrr { get; private set; }
        private int _last;

        public int Evaluate(long chunk, long scenarios, bool forceScalar = false)
        {
            var n = (int)Math.Min(ChunkSize, scenarios - chunk * ChunkSize);
            var rng = new Rng(_seed, (ulong)chunk);
            _sampler.Fill(_batch, n, ref rng, _values, _z);
            RentalBatchEvaluator.Evaluate(_batch, _results, 0, n, new BatchOptions(forceScalar, 1));
            _last = n;
            return n;
        }

        public int Run(long chunk, long scenarios, bool forceScalar)
        {
            var n = Evaluate(chunk, scenarios, forceScalar);
            var r = _results;
            for (var i = 0; i < n; i++)
            {
                if (r.Status[i] == IrrStatus.Converged) IrrHist!.Add(r.Irr[i]);
                else NoIrr++;
                // The hurdle decision is on NPV at the hurdle, which every scenario has (its IRR may not be a return).
                if (r.Npv[i] >= 0) AboveHurdle++;
                NpvHist!.Add(r.Npv[i]);
                FloorHist!.Add(r.Floor[i]);
            }
            return n;
        }

        public Ranges Ranges()
        {
            (double, double) Span(IEnumerable<double> values)
            {
                var list = values.Where(double.IsFinite).ToList();
                if (list.Count == 0) return (-1, 1);
                double lo = list.Min(), hi = list.Max();
                var pad = hi > lo ? hi - lo : Math.Max(1.0, Math.Abs(lo));
                return (lo - pad, hi + pad);
            }
            var r = _results;
            var idx = Enumerable.Range(0, _last);
            return new Ranges(
                Span(idx.Where(i => r.Status[i] == IrrStatus.Converged).Select(i => r.Irr[i])),
                Span(idx.Select(i => r.Npv[i])),
                Span(idx.Select(i => r.Floor[i])));
        }

        public void Merge(Worker other)
        {
            IrrHist!.Merge(other.IrrHist!);
            NpvHist!.Merge(other.NpvHist!);
            FloorHist!.Merge(other.FloorHist!);
            AboveHurdle += other.AboveHurdle;
            NoIrr += other.NoIrr;
        }
    }
}
