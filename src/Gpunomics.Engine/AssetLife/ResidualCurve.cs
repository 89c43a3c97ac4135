namespace Gpunomics.AssetLife;

/// <summary>
/// Resale value of a GPU server by age, as a share of its capex (methodology: "Asset life"). Shares are given at the
/// end of each year of age (1, 2, ...); the value at age 0 is the whole capex; between whole years it is interpolated
/// linearly; past the last year given, the last share holds.
/// </summary>
public sealed record ResidualCurve
{
    /// <summary>A curve from the shares at the end of years of age 1, 2, ... (each in [0, 1], none above the one before).</summary>
    /// <exception cref="ArgumentException">When empty, a share is outside [0, 1], or a share rises with age.</exception>
    public ResidualCurve(IReadOnlyList<double> shareByYear)
    {
        ArgumentNullException.ThrowIfNull(shareByYear);
        if (shareByYear.Count == 0) throw new ArgumentException("a residual curve needs at least one year", nameof(shareByYear));
        if (Problem(shareByYear) is { } p) throw new ArgumentException(p, nameof(shareByYear));
        ShareByYear = [.. shareByYear];
    }

    /// <summary>Share of capex at the end of year of age 1, 2, ...; index 0 is year 1.</summary>
    public IReadOnlyList<double> ShareByYear { get; }

    /// <summary>
    /// The default curve, an estimate from dated secondary-market evidence for H100 and A100 (methodology: "Asset life"):
    /// 62.5%, 42.5%, 30%, 17.5%, 12.5%, 10% of capex at the end of years 1 to 6.
    /// </summary>
    public static ResidualCurve Default { get; } = new([0.625, 0.425, 0.30, 0.175, 0.125, 0.10]);

    /// <summary>Share of capex the server sells for at <paramref name="ageYears"/> (&gt;= 0).</summary>
    public double ShareAt(double ageYears)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ageYears);
        var whole = (int)Math.Floor(ageYears);
        if (whole >= ShareByYear.Count) return ShareByYear[^1];
        var before = whole == 0 ? 1.0 : ShareByYear[whole - 1];
        return before + (ShareByYear[whole] - before) * (ageYears - whole);
    }

    /// <summary>Why <paramref name="shares"/> is not a residual curve, or null when it is.</summary>
    public static string? Problem(IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        for (var i = 0; i < shares.Count; i++)
        {
            if (!(shares[i] >= 0 && shares[i] <= 1)) return $"the share at year {i + 1} ({shares[i]}) is outside [0, 1]";
            if (i > 0 && shares[i] > shares[i - 1]) return $"the share at year {i + 1} ({shares[i]}) is above the one at year {i} ({shares[i - 1]}): a resale value does not rise with age";
        }
        return null;
    }

    /// <inheritdoc/>
    public bool Equals(ResidualCurve? other) => other is not null && ShareByYear.SequenceEqual(other.ShareByYear);

    /// <inheritdoc/>
    public override int GetHashCode() => ShareByYear.Aggregate(17, (h, s) => h * 31 + s.GetHashCode());
}
