namespace Gpunomics.Batch;

/// <summary>The outcome of one scenario's IRR solve in a batch. Only <see cref="Converged"/> carries a rate.</summary>
public enum IrrStatus : byte
{
    /// <summary>A single IRR was found; the rate is valid.</summary>
    Converged = 0,
    /// <summary>No flow is negative, so no rate makes NPV zero; the rate is 0 and meaningless.</summary>
    NoOutflow = 1,
    /// <summary>No flow is positive, so no rate makes NPV zero; the rate is 0 and meaningless.</summary>
    NoInflow = 2,
    /// <summary>Flows change sign but no rate above -100% per period makes NPV zero; the rate is 0 and meaningless.</summary>
    NoRoot = 3,
    /// <summary>Several rates make NPV zero (non-conventional flows); no single IRR, the rate is 0 and meaningless.</summary>
    MultipleRoots = 4,
    /// <summary>
    /// NPV at the top of the searched range (<see cref="Finance.IrrSolver.MaxRatePerPeriod"/>, 14,741% per period) still has
    /// the sign opposite to its limit as the rate grows, so the IRR is above that range; the rate is 0 and meaningless.
    /// </summary>
    AboveSearchRange = 5,
    /// <summary>
    /// One rate makes NPV zero but NPV rises with the rate there (money received before it is paid out, e.g. a
    /// prepayment above the capex): the cost of the money received, not a return. No IRR; decide on NPV at the hurdle.
    /// </summary>
    BorrowingRate = 6,
}

/// <summary>Helpers for <see cref="IrrStatus"/>.</summary>
public static class IrrStatusExtensions
{
    /// <summary>True when the status carries a rate.</summary>
    public static bool HasRate(this IrrStatus status) => status == IrrStatus.Converged;
}
