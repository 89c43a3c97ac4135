namespace Gpunomics.Finance;

/// <summary>The outcome of an IRR solve: exactly one rate, or none with the reason.</summary>
public sealed record IrrResult
{
    private IrrResult(double? rate, IReadOnlyList<double> roots, string? note)
    {
        RatePerPeriod = rate;
        Roots = roots;
        Note = note;
    }

    /// <summary>The internal rate of return per period, or null when there is no single IRR.</summary>
    public double? RatePerPeriod { get; }

    /// <summary>Every rate above -100% found to make NPV zero (more than one for some non-conventional flows).</summary>
    public IReadOnlyList<double> Roots { get; }

    /// <summary>Why there is no IRR; with a rate, how it was chosen among several roots (<see cref="IrrSolver.SolveReturn"/>), else null.</summary>
    public string? Note { get; }

    /// <summary>True when a single IRR exists.</summary>
    public bool HasRate => RatePerPeriod.HasValue;

    internal static IrrResult Unique(double rate) => new(rate, [rate], null);

    internal static IrrResult None(string note) => new(null, [], note);

    internal static IrrResult Chosen(double rate, IReadOnlyList<double> roots) => new(rate, roots,
        $"the cash flows change sign more than once and {roots.Count} rates make NPV zero " +
        $"({string.Join(", ", roots.Select(r => r.ToString("P3", System.Globalization.CultureInfo.InvariantCulture)))} per period); " +
        $"{rate.ToString("P3", System.Globalization.CultureInfo.InvariantCulture)} is the one at which NPV falls as the rate rises, the flows' return");

    internal static IrrResult Multiple(IReadOnlyList<double> roots) => new(null, roots,
        $"the cash flows change sign more than once and {roots.Count} rates make NPV zero " +
        $"({string.Join(", ", roots.Select(r => r.ToString("P3", System.Globalization.CultureInfo.InvariantCulture)))} per period); no single IRR exists, use NPV");
}

/// <summary>
/// Internal rate of return that never silently returns a wrong root.
/// </summary>
/// <remarks>
/// NPV is a polynomial in the discount factor x = 1/(1 + r). The solver scans r over (-100%, +14,700%]
/// per period on a grid dense near zero to bracket every sign change, then refines each bracket with
/// a safeguarded Newton step (bisection whenever Newton leaves the bracket), to
/// <see cref="Tolerance"/> in the rate. No starting guess is needed, so the spreadsheet trap of a 10%
/// guess on 60- or 120-month flows does not arise. Flows without both an outflow and an inflow, or
/// with no rate above -100% making NPV zero, get no IRR and a note saying why; flows with several
/// roots get no IRR and every root. See docs/methodology.md, "IRR".
/// </remarks>
public static class IrrSolver
{
    /// <summary>Absolute tolerance on the per-period rate.</summary>
    public const double Tolerance = 1e-13;

    /// <summary>Iteration limit per bracket.</summary>
    public const int MaxIterations = 200;

    private static readonly double[] GridU = BuildGrid();

    /// <summary>Solves for the IRR per period of <paramref name="flows"/> (flow 0 at time 0).</summary>
    public static IrrResult Solve(ReadOnlySpan<double> flows)
    {
        if (flows.Length < 2) return IrrResult.None("at least two cash flows are needed");
        bool anyPositive = false, anyNegative = false;
        foreach (var f in flows)
        {
            if (!double.IsFinite(f)) throw new ArgumentException("cash flows must be finite numbers", nameof(flows));
            anyPositive |= f > 0;
            anyNegative |= f < 0;
        }
        if (!anyNegative) return IrrResult.None("the cash flows have no outflow, so no rate makes NPV zero");
        if (!anyPositive) return IrrResult.None("the cash flows have no inflow, so no rate makes NPV zero");

        var n = flows.Length - 1;
        // Keep x^n finite: u = ln(1 + r) >= -700 / n.
        var uMin = Math.Max(GridU[0], -700.0 / n);
        var roots = new List<double>();
        double? prevU = null;
        var prevNpv = 0.0;
        foreach (var u in GridU)
        {
            if (u < uMin) continue;
            var npv = NpvAtLogRate(u, flows);
            if (prevU is { } pu)
            {
                if (npv == 0)
                {
                    AddRoot(roots, Math.Exp(u) - 1.0);
                }
                else if (prevNpv != 0 && Math.Sign(npv) != Math.Sign(prevNpv))
                {
                    AddRoot(roots, Refine(flows, pu, u));
                }
            }
            else if (npv == 0)
            {
                AddRoot(roots, Math.Exp(u) - 1.0);
            }
            prevU = u;
            prevNpv = npv;
        }

        return roots.Count switch
        {
            0 => IrrResult.None("no rate above -100% per period makes NPV zero"),
            1 => IrrResult.Unique(roots[0]),
            _ => IrrResult.Multiple(roots),
        };
    }

    /// <summary>
    /// The rate of return of <paramref name="flows"/>: the IRR when it is unique; when several rates make
    /// NPV zero (levered flows with a balloon repayment, say), the one root at which NPV falls as the rate
    /// rises, if exactly one does, with a note naming every root. Between the next lower root and it the
    /// NPV is positive and above it negative, so "return above the hurdle" still means "NPV at the hurdle
    /// above zero" for every hurdle above the other roots. Otherwise no rate, with the solver's note.
    /// </summary>
    public static IrrResult SolveReturn(ReadOnlySpan<double> flows)
    {
        var result = Solve(flows);
        if (result.HasRate || result.Roots.Count < 2) return result;
        double? chosen = null;
        foreach (var r in result.Roots)
        {
            if (NpvAndSlope(r, flows).Slope >= 0) continue;
            if (chosen is not null) return result;
            chosen = r;
        }
        return chosen is { } c ? IrrResult.Chosen(c, result.Roots) : result;
    }

    /// <summary>Solves for the IRR per period; false (and rate 0) when there is no single IRR.</summary>
    public static bool TrySolve(ReadOnlySpan<double> flows, out double ratePerPeriod)
    {
        var result = Solve(flows);
        ratePerPeriod = result.RatePerPeriod ?? 0.0;
        return result.HasRate;
    }

    private static void AddRoot(List<double> roots, double r)
    {
        if (roots.Count == 0 || Math.Abs(roots[^1] - r) > 1e-9) roots.Add(r);
    }

    // NPV as a function of u = ln(1 + r): sum c_t e^{-u t}, by Horner in x = e^{-u}.
    private static double NpvAtLogRate(double u, ReadOnlySpan<double> flows)
    {
        var x = Math.Exp(-u);
        var sum = 0.0;
        for (var t = flows.Length - 1; t >= 0; t--) sum = sum * x + flows[t];
        return sum;
    }

    // NPV and dNPV/dr at rate r.
    private static (double Npv, double Slope) NpvAndSlope(double r, ReadOnlySpan<double> flows)
    {
        var x = 1.0 / (1.0 + r);
        double p = 0, dp = 0;
        for (var t = flows.Length - 1; t >= 0; t--)
        {
            dp = dp * x + p;
            p = p * x + flows[t];
        }
        // dNPV/dr = dNPV/dx * dx/dr, dx/dr = -x^2.
        return (p, -dp * x * x);
    }

    private static double Refine(ReadOnlySpan<double> flows, double uLow, double uHigh)
    {
        double lo = Math.Exp(uLow) - 1.0, hi = Math.Exp(uHigh) - 1.0;
        var fLo = NpvAndSlope(lo, flows).Npv;
        var r = 0.5 * (lo + hi);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (f, slope) = NpvAndSlope(r, flows);
            if (f == 0) return r;
            if (Math.Sign(f) == Math.Sign(fLo)) { lo = r; fLo = f; } else { hi = r; }
            var next = slope != 0 ? r - f / slope : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - r) <= Tolerance * Math.Max(1.0, Math.Abs(next)) || hi - lo <= Tolerance)
                return next;
            r = next;
        }
        return r;
    }

    private static double[] BuildGrid()
    {
        // u = ln(1 + r): zero, then +-1e-5 ... +-5 with 12 points per decade.
        var positive = new List<double>();
        for (var e = -5.0; e <= Math.Log10(5.0) + 1e-9; e += 1.0 / 12.0) positive.Add(Math.Pow(10, e));
        var grid = new List<double>();
        grid.AddRange(positive.Select(v => -v).Reverse());
        grid.Add(0.0);
        grid.AddRange(positive);
        // Below -5 (r below -99.3%) add a few points so extreme losses still bracket.
        grid.InsertRange(0, [-30.0, -20.0, -12.0, -8.0]);
        return [.. grid];
    }
}
