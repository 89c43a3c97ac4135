using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gpunomics.Batch;
using Gpunomics.Finance;
using Gpunomics.IrrPeers;

// Gpunomics side of the IRR peer comparison. Prints one JSON object per line.
//   throughput [--scenarios N] [--seconds S]   solves/second, scalar and batch
//   corpus [--json-out FILE]                   hard cases: each Gpunomics path's answer; writes the flows for the other peers
//   xirr-throughput [--scenarios N] [--seconds S]   XIRR solves/second on the dated workload
//   xirr-corpus --corpus FILE [--json-out FILE]     the dated sets of the cash-flow corpus: Gpunomics' XIRR; writes them for the other peers
var mode = args.Length > 0 ? args[0] : "throughput";
int Arg(string name, int dflt) => Array.IndexOf(args, name) is var k and >= 0 && k + 1 < args.Length ? int.Parse(args[k + 1], CultureInfo.InvariantCulture) : dflt;
string? ArgS(string name) => Array.IndexOf(args, name) is var k and >= 0 && k + 1 < args.Length ? args[k + 1] : null;

if (mode == "corpus") RunCorpus(ArgS("--json-out"));
else if (mode == "xirr-throughput") RunXirrThroughput(Arg("--scenarios", 20_000), Arg("--seconds", 3));
else if (mode == "xirr-corpus") RunXirrCorpus(ArgS("--corpus")!, ArgS("--json-out"));
else RunThroughput(Arg("--scenarios", 1_000_000), Arg("--seconds", 3));
return 0;

static void Emit(object o) => Console.WriteLine(JsonSerializer.Serialize(o));

static void RunThroughput(int scenarios, int seconds)
{
    var level = Workload.Level(scenarios);
    // The explicit flows' layout puts period t of scenario i at t x count + i: a count that is a power of two (the one
    // nearest the scenarios asked for) is measured beside it, since such a stride maps every period to the same cache sets;
    // and 4,000 and 4,096 scenarios, whose flows (2 MB) stay in the cache, so memory does not bound the figure.
    var powerOfTwo = 1 << (int)Math.Round(Math.Log2(scenarios));
    int[] generalCounts = [.. new[] { scenarios, powerOfTwo, 4_000, 4_096 }.Distinct()];
    var rate = new double[generalCounts.Max()];
    var status = new IrrStatus[rate.Length];

    Measure("gpunomics-batch-level", "SIMD closed-form Newton, 1 core", scenarios, seconds, () => BatchIrr.SolveLevel(level, rate, status, 0, scenarios, new BatchOptions(false, 1)), rate, 1);
    Measure("gpunomics-batch-level", $"SIMD closed-form Newton, all {Environment.ProcessorCount} cores", scenarios, seconds, () => BatchIrr.SolveLevel(level, rate, status, 0, scenarios, BatchOptions.Default), rate, Environment.ProcessorCount);
    Measure("gpunomics-batch-level-scalar", "scalar closed-form Newton, 1 core", scenarios, seconds, () => BatchIrr.SolveLevel(level, rate, status, 0, scenarios, BatchOptions.ScalarSingleCore), rate, 1);
    foreach (var count in generalCounts)
    {
        var general = Workload.General(count);
        var layout = int.IsPow2(count) ? $"{count:N0} scenarios, a power of two" : $"{count:N0} scenarios";
        Measure("gpunomics-batch-general", $"SIMD Horner Newton on 61 explicit flows ({layout}), 1 core", count, seconds, () => BatchIrr.SolveGeneral(general, Workload.Months + 1, count, rate, status, new BatchOptions(false, 1)), rate, 1);
    }
    var few = Math.Min(scenarios, 20_000);
    var flows = Enumerable.Range(0, few).Select(Workload.Flows).ToArray();
    Measure("gpunomics-scalar", "IrrSolver.Solve (one sign change: bisection on the scan grid + Newton), 1 core", few, seconds, () =>
    {
        for (var i = 0; i < few; i++) rate[i] = IrrSolver.Solve(flows[i]).RatePerPeriod ?? double.NaN;
    }, rate, 1);
    Measure("gpunomics-scalar-scan", "IrrSolver with the full grid scan it skips for flows changing sign once, 1 core", few, seconds, () =>
    {
        for (var i = 0; i < few; i++) rate[i] = IrrSolver.SolveByScan(flows[i]).RatePerPeriod ?? double.NaN;
    }, rate, 1);
}

static void Measure(string peer, string how, int n, int seconds, Action run, double[] rate, int cores)
{
    run(); // warm-up (JIT, tiering)
    run();
    var best = double.MaxValue;
    var sw = Stopwatch.StartNew();
    var rounds = 0;
    while (sw.Elapsed.TotalSeconds < seconds || rounds < 3)
    {
        var t = Stopwatch.GetTimestamp();
        run();
        best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalSeconds);
        rounds++;
    }
    var mean = 0.0;
    for (var i = 0; i < n; i++) mean += rate[i];
    Emit(new { peer, how, cores, solves = n, rounds, bestSeconds = best, solvesPerSecond = n / best, solvesPerSecondPerCore = n / best / cores, meanMonthlyIrr = mean / n });
}

static void RunCorpus(string? jsonOut)
{
    var cases = Corpus.All();
    if (jsonOut is not null)
        File.WriteAllText(jsonOut, JsonSerializer.Serialize(cases.Select(c => new { name = c.Name, shape = c.Shape, flows = c.Flows })));
    foreach (var c in cases)
    {
        var scalar = IrrSolver.Solve(c.Flows);
        Emit(new { @case = c.Name, peer = "gpunomics-scalar", result = scalar.RatePerPeriod, status = BatchIrr.StatusOf(scalar, c.Flows).ToString(), roots = scalar.Roots, note = scalar.Note });
        var n = c.Flows.Length;
        var general = new double[n * 4];
        for (var t = 0; t < n; t++) for (var k = 0; k < 4; k++) general[t * 4 + k] = c.Flows[t];
        var rate = new double[4];
        var status = new IrrStatus[4];
        BatchIrr.SolveGeneral(general, n, 4, rate, status);
        Emit(new { @case = c.Name, peer = "gpunomics-batch", result = status[0] == IrrStatus.Converged ? rate[0] : (double?)null, status = status[0].ToString(), npvAtResult = status[0] == IrrStatus.Converged ? Rates.Npv(rate[0], c.Flows) : (double?)null });
    }
}

static void RunXirrThroughput(int scenarios, int seconds)
{
    var flows = Enumerable.Range(0, scenarios).Select(DatedWorkload.Flows).ToArray();
    var rate = new double[scenarios];
    Measure("gpunomics-xirr", "CashFlowAnalysis.Xirr: IrrSolver's scan on the daily timeline (1,827 days), 1 core", scenarios, seconds, () =>
    {
        for (var i = 0; i < scenarios; i++) rate[i] = Gpunomics.CashFlows.CashFlowAnalysis.Xirr(flows[i]).Rate ?? double.NaN;
    }, rate, 1);
}

static void RunXirrCorpus(string corpus, string? jsonOut)
{
    var sets = DatedWorkload.Corpus(corpus);
    if (jsonOut is not null)
        File.WriteAllText(jsonOut, JsonSerializer.Serialize(sets.Select(s => new
        {
            name = s.Name,
            amounts = s.Flows.Select(f => f.Amount),
            dates = s.Flows.Select(f => f.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            roots = s.Roots,
            slopes = s.Slopes,
        })));
    foreach (var s in sets)
    {
        var r = Gpunomics.CashFlows.CashFlowAnalysis.Xirr(s.Flows);
        Emit(new { @case = s.Name, peer = "gpunomics", result = r.Rate, borrowingRate = r.BorrowingRate, roots = r.Roots, note = r.Note });
    }
}
