namespace Gpunomics.IrrPeers;

/// <summary>Hard cash-flow shapes, shared with bench/irr-peers/corpus.json (same definitions, generated from there).</summary>
internal sealed record HardCase(string Name, string Shape, double[] Flows);

internal static class Corpus
{
    /// <summary>-capex then n level payments that give exactly <paramref name="monthly"/> per month.</summary>
    private static double[] Annuity(int n, double monthly, double rent = 1000)
    {
        var pv = 0.0;
        for (var t = n; t >= 1; t--) pv = (pv + rent) / (1 + monthly);
        var f = new double[n + 1];
        f[0] = -pv;
        for (var t = 1; t <= n; t++) f[t] = rent;
        return f;
    }

    public static IReadOnlyList<HardCase> All()
    {
        var late = new double[61];
        late[0] = -50_000;
        for (var t = 1; t <= 60; t++) late[t] = 1_500;
        late[60] = -5_000;
        var lateSmall = new double[121];
        lateSmall[0] = -100_000;
        for (var t = 1; t <= 120; t++) lateSmall[t] = 1_000;
        lateSmall[120] -= 1_000;
        var deep = new double[61];
        deep[0] = -100_000;
        for (var t = 1; t <= 60; t++) deep[t] = 100;
        var setup = new double[64];
        setup[0] = -60_000;
        for (var t = 4; t <= 63; t++) setup[t] = 900;
        return
        [
            new("long-360m-0.2%", "30-year monthly annuity at 0.2% a month", Annuity(360, 0.002)),
            new("long-600m-0.5%", "50-year monthly annuity at 0.5% a month", Annuity(600, 0.005)),
            new("near-zero-120m", "120 months at +0.0001% a month", Annuity(120, 1e-6)),
            new("zero-120m", "120 months whose rents exactly repay capex (IRR 0)", Annuity(120, 0.0)),
            new("negative-120m-0.4%", "120 months at -0.4% a month", Annuity(120, -0.004)),
            new("negative-360m-1%", "360 months at -1% a month", Annuity(360, -0.01)),
            new("deep-loss-60m", "60 rents of 100 on 100,000 capex (about -6.8% a month)", deep),
            new("high-60m-15%", "60 months at 15% a month", Annuity(60, 0.15)),
            new("setup-3m-late-rents", "3 months of setup, then 60 rents below straight-line repayment", setup),
            new("late-negative-60m", "60 rents, then a decommissioning cost in the last month (two IRRs)", late),
            new("late-negative-120m", "120 rents of 1,000 on 100,000 capex, the last cancelled by a cost (about +0.3% a month)", lateSmall),
        ];
    }
}
