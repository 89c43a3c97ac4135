using System.Globalization;
using System.Text.Json;
using Gpunomics.Finance;

namespace Gpunomics.IrrPeers;

/// <summary>
/// The shared XIRR workload: the IRR workload's flows on dates, -capex on 2026-01-15 and 60 rents on the 15th of each
/// following month (month lengths 28 to 31 days), rents varied across scenarios as <see cref="Workload.Rent"/>.
/// Every peer builds it with the same formula (bench/irr-peers/peers.mjs).
/// </summary>
internal static class DatedWorkload
{
    public static readonly DateOnly Start = new(2026, 1, 15);

    public static DatedFlow[] Flows(int i)
    {
        var f = new DatedFlow[Workload.Months + 1];
        f[0] = new DatedFlow(Start, -Workload.Capex);
        for (var t = 1; t <= Workload.Months; t++) f[t] = new DatedFlow(Start.AddMonths(t), Workload.Rent(i));
        return f;
    }

    /// <summary>The dated sets of the repository's cash-flow corpus (tests/Gpunomics.Engine.Tests/Data/cashflows-corpus.json), with their reference XIRR roots.</summary>
    public static IReadOnlyList<(string Name, DatedFlow[] Flows, double[] Roots, string[] Slopes)> Corpus(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("sets").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "dated").Select(s => (
            s.GetProperty("name").GetString()!,
            s.GetProperty("dated").EnumerateArray().Select(e => new DatedFlow(DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.GetProperty("amount").GetDouble())).ToArray(),
            s.GetProperty("reference").GetProperty("roots").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            s.GetProperty("reference").GetProperty("slopes").EnumerateArray().Select(e => e.GetString()!).ToArray()))];
    }
}
