using System.Globalization;
using System.Text.Json;
using Gpunomics.CashFlows;
using Gpunomics.Finance;

namespace Gpunomics.Engine.Tests;

/// <summary>
/// Every flow set of the corpus (tests/Gpunomics.Engine.Tests/Data/cashflows-corpus.json) against its reference values,
/// computed at 50 digits with mpmath by scripts/reference/cashflows_reference.py (the method is in that script's header):
/// every root in the searched range, whether one lies above it, the return or borrowing rate reported, NPV or XNPV,
/// MIRR and payback.
/// </summary>
public class CashFlowCorpusTests
{
    /// <summary>Roots are compared as u = ln(1 + r), so that a rate near -100% is held to the same relative accuracy of 1 + r.</summary>
    private const double LogRateTolerance = 1e-9;

    /// <summary>A root where NPV only touches zero is fixed by rounding to about the square root of the NPV's relative error.</summary>
    private const double TouchingLogRateTolerance = 1e-6;

    private static readonly Lazy<JsonDocument> Corpus = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.RepoRoot, "tests", "Gpunomics.Engine.Tests", "Data", "cashflows-corpus.json"))));

    private static JsonElement Set(string name) => Corpus.Value.RootElement.GetProperty("sets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var s in Corpus.Value.RootElement.GetProperty("sets").EnumerateArray()) data.Add(s.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_50_sets_of_every_required_kind_with_its_provenance()
    {
        var root = Corpus.Value.RootElement;
        Assert.Contains("cashflows_reference.py", root.GetProperty("provenance").GetString());
        var sets = root.GetProperty("sets").EnumerateArray().ToList();
        Assert.True(sets.Count >= 50, $"{sets.Count} sets");
        var tags = sets.SelectMany(s => s.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).ToList();
        foreach (var (tag, atLeast) in new[] { ("several-roots", 5), ("borrowing", 3), ("deep-loss", 4), ("long", 5), ("irregular", 5), ("dated", 10) })
            Assert.True(tags.Count(t => t == tag) >= atLeast, $"{tags.Count(t => t == tag)} sets tagged {tag}");
        Assert.Contains(sets, s => s.GetProperty("kind").GetString() == "periodic" && s.GetProperty("flows").GetArrayLength() > 600);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Roots_return_npv_mirr_and_payback_agree_with_the_reference(string name)
    {
        var s = Set(name);
        var reference = s.GetProperty("reference");
        var rate = s.GetProperty("rate").GetDouble();
        var dated = s.GetProperty("kind").GetString() == "dated";
        var refLogRoots = reference.GetProperty("logRoots").EnumerateArray().Select(e => double.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToList();
        var slopes = reference.GetProperty("slopes").EnumerateArray().Select(e => e.GetString()!).ToList();
        var above = reference.GetProperty("aboveRange").GetBoolean();

        CashFlowIrr irr, atHurdle;
        IReadOnlyList<double>? flows = null;
        IReadOnlyList<DatedFlow>? rows = null;
        int periodsPerYear;
        if (dated)
        {
            rows = [.. s.GetProperty("dated").EnumerateArray().Select(e => new DatedFlow(DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.GetProperty("amount").GetDouble()))];
            irr = CashFlowAnalysis.Xirr(rows);
            atHurdle = CashFlowAnalysis.Xirr(rows, rate);
            periodsPerYear = 1; // the reference's dated roots are per year
        }
        else
        {
            flows = [.. s.GetProperty("flows").EnumerateArray().Select(e => e.GetDouble())];
            periodsPerYear = s.GetProperty("periodsPerYear").GetInt32();
            irr = CashFlowAnalysis.Irr(flows, periodsPerYear);
            atHurdle = CashFlowAnalysis.Irr(flows, periodsPerYear, rate);
        }

        // Every root, in u = ln(1 + r) per unit of the reference (per period, or per year for dated flows).
        var roots = dated ? irr.Roots : irr.RootsPerPeriod!;
        Assert.True(refLogRoots.Count == roots.Count, $"{name}: {roots.Count} roots ({string.Join(", ", roots)}), the reference has {refLogRoots.Count} ({string.Join(", ", refLogRoots.Select(u => Math.Exp(u) - 1))})");
        for (var i = 0; i < roots.Count; i++)
        {
            var tolerance = slopes[i] == "touching" ? TouchingLogRateTolerance : LogRateTolerance;
            Assert.True(Math.Abs(Log1P(roots[i]) - refLogRoots[i]) <= tolerance * Math.Max(1, Math.Abs(refLogRoots[i])),
                $"{name}: root {i}: {roots[i]:R}, reference {Math.Exp(refLogRoots[i]) - 1:R}");
        }
        if (!dated)
        {
            var annual = reference.GetProperty("annualRoots").EnumerateArray().ToList();
            for (var i = 0; i < roots.Count; i++)
                if (annual[i].ValueKind == JsonValueKind.Number)
                    Assert.True(Math.Abs(Log1P(irr.Roots[i]) - periodsPerYear * refLogRoots[i]) <= LogRateTolerance * periodsPerYear * Math.Max(1, Math.Abs(refLogRoots[i])), $"{name}: annual root {i}");
        }
        Assert.Equal(above, irr.AboveSearchRange);

        // What is reported: a return, a borrowing rate, or none with a note.
        double? expectedReturn = null, expectedBorrowing = null;
        var falling = Enumerable.Range(0, slopes.Count).Where(i => slopes[i] == "falling").ToList();
        if (!above && slopes.Count == 1 && slopes[0] != "rising") expectedReturn = refLogRoots[0];
        else if (!above && slopes.Count == 1) expectedBorrowing = refLogRoots[0];
        else if (!above && slopes.Count >= 2 && falling.Count == 1) expectedReturn = refLogRoots[falling[0]];
        var reported = dated ? irr.Rate : irr.RatePerPeriod;
        if (expectedReturn is { } u)
        {
            Assert.True(reported is { } got && Math.Abs(Log1P(got) - u) <= (slopes.Contains("touching") ? TouchingLogRateTolerance : LogRateTolerance) * Math.Max(1, Math.Abs(u)), $"{name}: return {reported}, reference {Math.Exp(u) - 1:R}");
            Assert.Equal(slopes.Count > 1 || slopes[0] == "touching", irr.Note is not null);
        }
        else
        {
            Assert.Null(reported);
            Assert.False(string.IsNullOrEmpty(irr.Note), $"{name}: no return and no note");
        }
        var borrowing = dated ? irr.BorrowingRate : irr.BorrowingRatePerPeriod;
        if (expectedBorrowing is { } b)
            Assert.True(borrowing is { } got && Math.Abs(Log1P(got) - b) <= LogRateTolerance * Math.Max(1, Math.Abs(b)), $"{name}: borrowing rate {borrowing}, reference {Math.Exp(b) - 1:R}");
        else Assert.Null(borrowing);

        // With the discount rate as the hurdle, a return chosen among several roots stands only where NPV at the hurdle agrees.
        var refNpv = reference.GetProperty("npv").GetDouble();
        if (expectedReturn is { } chosen && slopes.Count >= 2)
        {
            var hurdleLog = dated ? Log1P(rate) : Log1P(rate) / periodsPerYear;
            var agrees = (chosen >= hurdleLog) == (refNpv >= 0);
            Assert.Equal(agrees, (dated ? atHurdle.Rate : atHurdle.RatePerPeriod) is not null);
        }
        else Assert.Equal(reported, dated ? atHurdle.Rate : atHurdle.RatePerPeriod);

        // NPV (XNPV), MIRR and payback.
        var scale = dated ? rows!.Sum(r => Math.Abs(r.Amount)) : flows!.Sum(Math.Abs);
        var npv = dated ? CashFlowAnalysis.Xnpv(rows!, rate) : CashFlowAnalysis.Npv(flows!, rate, periodsPerYear);
        Assert.True(npv.Value is { } v && Math.Abs(v - refNpv) <= 1e-12 * scale, $"{name}: NPV {npv.Value:R}, reference {refNpv:R}");
        if (dated)
        {
            var payback = CashFlowAnalysis.Payback(rows!);
            var refDate = reference.GetProperty("paybackDate");
            Assert.Equal(refDate.ValueKind == JsonValueKind.Null ? null : refDate.GetString(), payback.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(payback.Date is null, payback.Note is not null);
        }
        else
        {
            var mirr = CashFlowAnalysis.Mirr(flows!, s.GetProperty("financeRate").GetDouble(), s.GetProperty("reinvestRate").GetDouble(), periodsPerYear);
            var refMirr = reference.GetProperty("mirrPerPeriod");
            if (refMirr.ValueKind == JsonValueKind.Null) Assert.True(mirr.RatePerPeriod is null && mirr.Note is not null, $"{name}: MIRR {mirr.RatePerPeriod}");
            else Assert.True(mirr.RatePerPeriod is { } m && Math.Abs(m - refMirr.GetDouble()) <= 1e-12 * Math.Max(1, Math.Abs(refMirr.GetDouble())), $"{name}: MIRR {mirr.RatePerPeriod:R}, reference {refMirr.GetDouble():R}");
            var payback = CashFlowAnalysis.Payback(flows!, periodsPerYear);
            var refPeriod = reference.GetProperty("paybackPeriod");
            Assert.Equal(refPeriod.ValueKind == JsonValueKind.Null ? null : refPeriod.GetInt32(), payback.Period);
            Assert.Equal(payback.Period is null, payback.Note is not null);
        }
    }

    // ln(1 + x), accurate for small x.
    private static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
