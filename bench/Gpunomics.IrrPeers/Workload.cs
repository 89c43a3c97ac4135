using Gpunomics.Batch;

namespace Gpunomics.IrrPeers;

/// <summary>
/// The shared IRR workload: 61 monthly flows, -capex then 60 level rents, rents varied across scenarios.
/// Every peer builds it with the same formula (bench/irr-peers/peers.mjs, make-sheet.mjs).
/// </summary>
internal static class Workload
{
    public const double Capex = 60_000;
    public const int Months = 60;

    /// <summary>Rent of scenario i: 1,200 + 800 x ((i x 7919) mod 1000) / 1000, $ per month (monthly IRR 0.6% to 2.9%).</summary>
    public static double Rent(int i) => 1200.0 + 800.0 * ((i * 7919L) % 1000) / 1000.0;

    public static double[] Flows(int i)
    {
        var f = new double[Months + 1];
        f[0] = -Capex;
        for (var t = 1; t <= Months; t++) f[t] = Rent(i);
        return f;
    }

    public static LevelFlows Level(int count)
    {
        var f = new LevelFlows(count);
        for (var i = 0; i < count; i++)
        {
            f.Initial[i] = -Capex;
            f.Level[i] = Rent(i);
            f.FirstLevelPeriod[i] = 1;
            f.LevelPeriods[i] = Months;
        }
        return f;
    }

    /// <summary>Period-major explicit flows for the general batch path.</summary>
    public static double[] General(int count)
    {
        var f = new double[(Months + 1) * count];
        for (var i = 0; i < count; i++)
        {
            f[i] = -Capex;
            for (var t = 1; t <= Months; t++) f[t * count + i] = Rent(i);
        }
        return f;
    }
}
