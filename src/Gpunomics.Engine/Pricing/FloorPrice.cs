using Gpunomics.Rental;

namespace Gpunomics.Pricing;

/// <summary>
/// The cost-based floor: the lowest rental price whose project IRR equals the hurdle. Every cash flow
/// is affine in the price, so NPV(h, P) = A(h) + P B(h) and the floor is P = -A(h) / B(h): closed form,
/// no root search (methodology: "Floor").
/// </summary>
public static class FloorPrice
{
    /// <summary>Floor price, $ per GPU-hour, for the project <paramref name="inputs"/> (its price is ignored).</summary>
    /// <exception cref="ArgumentException">When billed revenue is zero, so no price reaches the hurdle.</exception>
    public static double Compute(RentalInputs inputs, double hurdle)
    {
        var (a, b) = RentalProject.NpvLine(inputs, hurdle);
        if (!(b > 0))
            throw new ArgumentException("the contract bills nothing (zero term or utilization), so no price reaches the hurdle", nameof(inputs));
        return -a / b;
    }
}
