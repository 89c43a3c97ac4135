using System.Globalization;
using Gpunomics.Inputs;

namespace Gpunomics.MonteCarlo;

/// <summary>
/// A probability distribution on one input. Each draws from a standard normal z (correlated with other
/// inputs through a Gaussian copula) or, when uncorrelated, straight from a uniform.
/// </summary>
public abstract record Distribution
{
    /// <summary>The value at cumulative probability <paramref name="p"/> in (0, 1) (inverse CDF).</summary>
    public abstract double Quantile(double p);

    /// <summary>The value for a standard normal draw z (copula): <see cref="Quantile"/>(Phi(z)), exact for normal families.</summary>
    public virtual double FromNormal(double z) => Quantile(Normal.Cdf(z));

    /// <summary>The mean of the distribution.</summary>
    public abstract double Mean { get; }

    /// <summary>The smallest and largest values the distribution can draw (infinite for normal; 0 to infinity for lognormal).</summary>
    public abstract (double Low, double High) Support { get; }

    /// <summary>
    /// Parses <c>uniform(a,b)</c>, <c>triangular(min,mode,max)</c>, <c>normal(mean,sd)</c>,
    /// <c>lognormal(median,sigma)</c> (sigma of ln x) or a plain number (fixed), numbers as <see cref="NumberText"/> reads them.
    /// </summary>
    /// <exception cref="FormatException">With the spec and the accepted forms.</exception>
    public static Distribution Parse(string spec) => Parse(spec, null);

    /// <summary>
    /// Parses a distribution of <paramref name="input"/>: numbers in its unit (a rate as 0.156 or 15.6%), then fitted to its
    /// range (<see cref="Fit"/>): a bounded distribution must lie inside it, a normal or lognormal is truncated to it.
    /// </summary>
    /// <exception cref="FormatException">With the spec, the input and what is allowed.</exception>
    public static Distribution Parse(string spec, ModelInput? input)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = spec.Trim();
        var unit = input?.Unit ?? InputUnit.Count;
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            var problem = input is null ? NumberText.Read(s, unit, out var v) : input.Read(s, out v);
            if (problem is null) return new Fixed(v);
            if (s.Length > 0 && (char.IsDigit(s[0]) || s[0] is '-' or '+' or '.')) throw new FormatException(problem);
        }
        if (open <= 0 || !s.EndsWith(')'))
            throw new FormatException($"'{spec}' is not a distribution; use uniform(a,b), triangular(min,mode,max), normal(mean,sd), lognormal(median,sigma) or a number");
        var name = s[..open].Trim().ToLowerInvariant();
        var texts = s[(open + 1)..^1].Split(',').Select(a => a.Trim()).ToArray();
        double Arg(int k, bool inUnit)
        {
            var problem = NumberText.Read(texts[k], inUnit ? unit : InputUnit.Count, out var v);
            if (problem is null && inUnit && unit.IsFraction() && !texts[k].EndsWith('%') && Math.Abs(v) > 1)
                problem = $"{texts[k]} is not a {(unit == InputUnit.Rate ? "rate" : "share")} written as a fraction (0.156 = 15.6%); did you mean {texts[k]}%? allowed: {input!.Allowed}";
            return problem is null ? v : throw new FormatException($"'{spec}': {problem}");
        }
        void Need(int n, string form)
        {
            if (texts.Length != n) throw new FormatException($"'{spec}': {name} takes {n} numbers: {form}");
        }
        Distribution d;
        switch (name)
        {
            case "uniform":
                Need(2, "uniform(a,b) with a < b");
                var (a, b) = (Arg(0, true), Arg(1, true));
                if (!(a < b)) throw new FormatException($"'{spec}': uniform(a,b) needs a < b");
                d = new Uniform(a, b);
                break;
            case "triangular":
                Need(3, "triangular(min,mode,max) with min <= mode <= max, min < max");
                var (lo, mode, hi) = (Arg(0, true), Arg(1, true), Arg(2, true));
                if (!(lo <= mode && mode <= hi && lo < hi)) throw new FormatException($"'{spec}': triangular(min,mode,max) needs min <= mode <= max and min < max");
                d = new Triangular(lo, mode, hi);
                break;
            case "normal":
                Need(2, "normal(mean,sd) with sd > 0");
                var (mu, sd) = (Arg(0, true), Arg(1, true));
                if (!(sd > 0)) throw new FormatException($"'{spec}': normal(mean,sd) needs sd > 0");
                d = new Normal(mu, sd);
                break;
            case "lognormal":
                Need(2, "lognormal(median,sigma) with median > 0, sigma > 0");
                var (median, sigma) = (Arg(0, true), Arg(1, false));
                if (!(median > 0 && sigma > 0)) throw new FormatException($"'{spec}': lognormal(median,sigma) needs median > 0 and sigma > 0");
                d = new LogNormal(median, sigma);
                break;
            default:
                throw new FormatException($"'{spec}': unknown distribution '{name}'; use uniform, triangular, normal or lognormal");
        }
        if (input is null) return d;
        var fitted = Fit(d, input, out var refusal);
        return fitted ?? throw new FormatException($"'{spec}': {refusal}");
    }

    /// <summary>
    /// The distribution as <paramref name="input"/> may draw it, or null with the reason. A fixed value, uniform or
    /// triangular must lie inside the input's range (refused otherwise). A normal or lognormal, whose support is
    /// unbounded, is truncated to the range (<see cref="Truncated"/>, which reports the mass cut off) unless the mass
    /// outside is below the random generator's resolution (2^-53); one with no mass inside is refused.
    /// </summary>
    public static Distribution? Fit(Distribution distribution, ModelInput input, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(input);
        refusal = null;
        var range = input.Range;
        switch (distribution)
        {
            case Fixed f:
                refusal = input.Check(f.Value);
                return refusal is null ? f : null;
            case Truncated t when range.Contains(t.Support.Low) && range.Contains(t.Support.High):
                return t;
            case Normal or LogNormal:
            {
                var low = range.MinExclusive ? Math.BitIncrement(range.Min) : range.Min;
                var high = range.MaxExclusive ? Math.BitDecrement(range.Max) : range.Max;
                var (below, above) = distribution is Normal n
                    ? (Normal.Cdf((low - n.Mu) / n.Sigma), Normal.Cdf(-(high - n.Mu) / n.Sigma))
                    : distribution is LogNormal ln
                        ? (low > 0 ? Normal.Cdf(Math.Log(low / ln.Median) / ln.Sigma) : 0.0, Normal.Cdf(-Math.Log(high / ln.Median) / ln.Sigma))
                        : (0.0, 0.0);
                if (below + above < Math.Pow(2, -53)) return distribution;
                if (!(1 - below - above > 0))
                {
                    refusal = $"{distribution} has no probability inside {input.Name}'s range; allowed: {input.Allowed}";
                    return null;
                }
                return new Truncated(distribution, range, below, above);
            }
            default:
                var (lo, hi) = distribution.Support;
                if (range.Contains(lo) && range.Contains(hi)) return distribution;
                refusal = $"{distribution} draws from {InputRange.Fmt(lo)} to {InputRange.Fmt(hi)}, outside {input.Name}'s range; allowed: {input.Allowed}";
                return null;
        }
    }
}

/// <summary>A fixed value (no uncertainty).</summary>
/// <param name="Value">The value.</param>
public sealed record Fixed(double Value) : Distribution
{
    /// <inheritdoc />
    public override double Quantile(double p) => Value;
    /// <inheritdoc />
    public override double FromNormal(double z) => Value;
    /// <inheritdoc />
    public override double Mean => Value;
    /// <inheritdoc />
    public override (double Low, double High) Support => (Value, Value);
    /// <inheritdoc />
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>Uniform on [A, B].</summary>
/// <param name="A">Lower bound.</param>
/// <param name="B">Upper bound.</param>
public sealed record Uniform(double A, double B) : Distribution
{
    /// <inheritdoc />
    public override double Quantile(double p) => A + (B - A) * p;
    /// <inheritdoc />
    public override double Mean => 0.5 * (A + B);
    /// <inheritdoc />
    public override (double Low, double High) Support => (A, B);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"uniform({A:G6},{B:G6})");
}

/// <summary>Triangular on [Min, Max] with peak at Mode.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Mode">Most likely value.</param>
/// <param name="Max">Upper bound.</param>
public sealed record Triangular(double Min, double Mode, double Max) : Distribution
{
    /// <inheritdoc />
    public override double Quantile(double p)
    {
        var range = Max - Min;
        var split = (Mode - Min) / range;
        return p < split ? Min + Math.Sqrt(p * range * (Mode - Min)) : Max - Math.Sqrt((1 - p) * range * (Max - Mode));
    }
    /// <inheritdoc />
    public override double Mean => (Min + Mode + Max) / 3.0;
    /// <inheritdoc />
    public override (double Low, double High) Support => (Min, Max);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"triangular({Min:G6},{Mode:G6},{Max:G6})");
}

/// <summary>Normal with a mean and standard deviation.</summary>
/// <param name="Mu">Mean.</param>
/// <param name="Sigma">Standard deviation, positive.</param>
public sealed record Normal(double Mu, double Sigma) : Distribution
{
    /// <inheritdoc />
    public override double Quantile(double p) => Mu + Sigma * InverseCdf(p);
    /// <inheritdoc />
    public override double FromNormal(double z) => Mu + Sigma * z;
    /// <inheritdoc />
    public override double Mean => Mu;
    /// <inheritdoc />
    public override (double Low, double High) Support => (double.NegativeInfinity, double.PositiveInfinity);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"normal({Mu:G6},{Sigma:G6})");

    /// <summary>Standard normal CDF Phi(z), by erfc (absolute error below 1.2e-7 from the Numerical Recipes erfc).</summary>
    public static double Cdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2.0);
        var t = 1.0 / (1.0 + 0.5 * x);
        var erfc = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? 1.0 - 0.5 * erfc : 0.5 * erfc;
    }

    /// <summary>Standard normal inverse CDF (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double InverseCdf(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must be in (0, 1)");
        const double plow = 0.02425, phigh = 1 - plow;
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        double q, r;
        if (p < plow)
        {
            q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > phigh)
        {
            q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        q = p - 0.5;
        r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}

/// <summary>Lognormal: ln x is normal with mean ln(Median) and standard deviation Sigma.</summary>
/// <param name="Median">Median, positive.</param>
/// <param name="Sigma">Standard deviation of ln x, positive.</param>
public sealed record LogNormal(double Median, double Sigma) : Distribution
{
    /// <inheritdoc />
    public override double Quantile(double p) => Median * Math.Exp(Sigma * Normal.InverseCdf(p));
    /// <inheritdoc />
    public override double FromNormal(double z) => Median * Math.Exp(Sigma * z);
    /// <inheritdoc />
    public override double Mean => Median * Math.Exp(0.5 * Sigma * Sigma);
    /// <inheritdoc />
    public override (double Low, double High) Support => (0, double.PositiveInfinity);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"lognormal({Median:G6},{Sigma:G6})");
}

/// <summary>
/// A normal or lognormal restricted to a range: its draws are the inner distribution's quantiles over the
/// probabilities inside the range, so every draw lies inside and the shape within is kept.
/// </summary>
/// <param name="Inner">The distribution truncated.</param>
/// <param name="Range">The range drawn from.</param>
/// <param name="MassBelow">The inner distribution's probability below the range.</param>
/// <param name="MassAbove">The inner distribution's probability above the range.</param>
public sealed record Truncated(Distribution Inner, InputRange Range, double MassBelow, double MassAbove) : Distribution
{
    /// <summary>Share of the inner distribution's probability cut off.</summary>
    public double MassOutside => MassBelow + MassAbove;

    /// <inheritdoc />
    public override double Quantile(double p) => Inside(Inner.Quantile(MassBelow + p * (1 - MassBelow - MassAbove)));

    /// <inheritdoc />
    public override (double Low, double High) Support => (Inside(Range.Min), Inside(Range.Max));

    // The normal CDF behind MassBelow is accurate to about 1e-7, so a quantile can land a hair outside: bring it in.
    private double Inside(double v)
    {
        v = Math.Clamp(v, Range.Min, Range.Max);
        if (Range.MinExclusive && v <= Range.Min) v = Math.BitIncrement(Range.Min);
        if (Range.MaxExclusive && v >= Range.Max) v = Math.BitDecrement(Range.Max);
        return v;
    }

    /// <summary>The mean, by the midpoint rule over 4,096 equal probabilities.</summary>
    public override double Mean
    {
        get
        {
            const int n = 4096;
            var sum = 0.0;
            for (var k = 0; k < n; k++) sum += Quantile((k + 0.5) / n);
            return sum / n;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Inner} truncated to {Range} ({(MassOutside < 0.0001 ? "under 0.01%" : MassOutside.ToString("0.##%", CultureInfo.InvariantCulture))} of it lay outside)");
}
