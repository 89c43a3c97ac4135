namespace Gpunomics.Batch;

/// <summary>How a batch runs: vector instructions or not, and on how many cores. <c>default</c> means vectors and all cores.</summary>
/// <param name="ForceScalar">True forces the scalar path; otherwise 256-bit vectors (4 scenarios per instruction) are used when the hardware accelerates them.</param>
/// <param name="MaxDegreeOfParallelism">Cores to use; 0 or less means all.</param>
/// <param name="ReferenceModel">
/// True sends every scenario with debt or tax through the scalar model (<see cref="Rental.RentalProject"/>'s schedule,
/// <see cref="Finance.IrrSolver"/>, <see cref="Pricing.FloorPrice"/>), the reference the batch is checked against,
/// many times slower; for checks and benchmarks.
/// </param>
public readonly record struct BatchOptions(bool ForceScalar = false, int MaxDegreeOfParallelism = 0, bool ReferenceModel = false)
{
    /// <summary>Vectors where accelerated, all cores.</summary>
    public static BatchOptions Default => default;

    /// <summary>Scalar code on one core.</summary>
    public static BatchOptions ScalarSingleCore => new(true, 1);

    /// <summary>
    /// True leaves <see cref="RentalBatchResults.Floor"/> as it was where the floor is a root search (debt and tax), for
    /// callers that need only the IRR and NPV of many prices of one project (the One Chart's curves).
    /// </summary>
    internal bool WithoutFloors { get; init; }

    /// <summary>Scenarios per parallel work item.</summary>
    internal const int ChunkSize = 8192;

    internal bool Simd => !ForceScalar && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated;

    internal ParallelOptions Parallel => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : -1 };
}
