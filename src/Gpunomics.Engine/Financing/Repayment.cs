namespace Gpunomics.Financing;

/// <summary>How a project loan's principal is repaid after its draw and interest-only months (methodology: "Project finance").</summary>
public enum Repayment
{
    /// <summary>Level monthly payments of interest and principal over the rest of the loan term (an annuity).</summary>
    Level,
    /// <summary>Debt service sculpted to the cash flow: each month's debt service is CFADS / target DSCR.</summary>
    Sculpted,
    /// <summary>Interest only, with the whole principal repaid in one payment at the end of the term (a bullet).</summary>
    Balloon,
}

/// <summary>The scenario-file names of <see cref="Repayment"/>.</summary>
public static class RepaymentNames
{
    /// <summary>The allowed names, for messages.</summary>
    public const string Allowed = "\"level\", \"sculpted\" or \"balloon\"";

    /// <summary>The name as a scenario file writes it.</summary>
    public static string Key(this Repayment repayment) => repayment switch
    {
        Repayment.Level => "level",
        Repayment.Sculpted => "sculpted",
        Repayment.Balloon => "balloon",
        _ => throw new ArgumentOutOfRangeException(nameof(repayment), repayment, null),
    };

    /// <summary>The repayment named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Repayment? Find(string? name) =>
        Enum.GetValues<Repayment>().Cast<Repayment?>().FirstOrDefault(r => string.Equals(r!.Value.Key(), name, StringComparison.OrdinalIgnoreCase));
}
