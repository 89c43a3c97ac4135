using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Finance;
using Gpunomics.Scenarios;

namespace Gpunomics.Tco;

/// <summary>One TCO line, $ per GPU-hour.</summary>
/// <param name="Name">Line key (<c>capitalCharge</c>, <c>electricity</c>, <c>colocation</c>, <c>maintenance</c>, <c>insurance</c>).</param>
/// <param name="PerGpuHour">Dollars per GPU-hour.</param>
public sealed record TcoLine(string Name, double PerGpuHour)
{
    /// <summary>The line as a table shows it, e.g. <c>capital charge</c>.</summary>
    public string Label => LineKeys.Words(Name);
}

/// <summary>Total cost of ownership per GPU-hour by line, and per unit of performance.</summary>
public sealed record TcoBreakdown
{
    /// <summary>The system.</summary>
    public required AcceleratorSystem System { get; init; }
    /// <summary>The capex the capital charge recovers.</summary>
    public required CapexBreakdown Capex { get; init; }
    /// <summary>Lines, capital charge first.</summary>
    public required IReadOnlyList<TcoLine> Lines { get; init; }
    /// <summary>TCO per GPU-hour, $.</summary>
    public required double PerGpuHour { get; init; }
    /// <summary>Capital charge per GPU-hour, $.</summary>
    public double CapitalChargePerHour => Lines[0].PerGpuHour;
    /// <summary>Operating cost per GPU-hour (every line but the capital charge), $.</summary>
    public double OperatingCostPerHour => PerGpuHour - CapitalChargePerHour;
    /// <summary>TCO per PFLOP-hour for every marketed precision, dense and sparse, $.</summary>
    public IReadOnlyDictionary<ThroughputBasis, double> PerPflopHour =>
        System.MarketedBases().ToDictionary(b => b, b => PerGpuHour / System.Pflops(b)!.Value);
    /// <summary>TCO per (TB/s of memory bandwidth)-hour, $.</summary>
    public double PerTBpsHour => PerGpuHour / System.MemoryBandwidthTBps;

    /// <summary>
    /// Effective cost per PFLOP-hour actually used: TCO / (dense PFLOPS x MFU) = TCO per dense PFLOP-hour / MFU. MFU is
    /// measured against the dense peak, so a sparse basis has no such figure.
    /// </summary>
    /// <param name="basis">Precision, dense.</param>
    /// <param name="modelFlopsUtilization">Model-FLOPs utilization in (0, 1].</param>
    public double EffectiveCostPerPflopHour(ThroughputBasis basis, double modelFlopsUtilization)
    {
        if (modelFlopsUtilization is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(modelFlopsUtilization), modelFlopsUtilization, "must be in (0, 1]");
        if (basis.Sparse)
            throw new ArgumentException($"{basis.Key}: MFU is measured against the dense peak; use the dense basis", nameof(basis));
        var pflops = System.Pflops(basis) ?? throw new ArgumentException($"{System.Id} does not market {basis}", nameof(basis));
        return PerGpuHour / (pflops * modelFlopsUtilization);
    }
}

/// <summary>TCO per GPU-hour = capital charge + operating cost (methodology: "TCO").</summary>
public static class TcoModel
{
    /// <summary>Computes TCO per GPU-hour for <paramref name="system"/> under <paramref name="scenario"/>.</summary>
    public static TcoBreakdown Compute(AcceleratorSystem system, Scenario scenario, SupplierPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(scenario);
        var capex = CapexModel.Compute(system, pricing, scenario.NetworkTier);
        var f = scenario.Finance;
        // Level annuity over the useful life, net of the present value of the residual.
        var k = f.CostOfCapital;
        var residualPv = f.ResidualValueShare * capex.PerGpu / Math.Pow(1 + k, f.UsefulLifeYears);
        var capitalCharge = (capex.PerGpu - residualPv) * Rates.CapitalRecoveryFactor(k, f.UsefulLifeYears) / Rates.HoursPerYear;

        var lines = new List<TcoLine> { new("capitalCharge", capitalCharge) };
        lines.AddRange(OperatingLines(system, capex.PerGpu, scenario.Operations));
        return new TcoBreakdown
        {
            System = system,
            Capex = capex,
            Lines = lines,
            PerGpuHour = lines.Sum(l => l.PerGpuHour),
        };
    }

    /// <summary>
    /// Operating cost lines per GPU-hour, $; shared by TCO (at full use) and the rental project (at its billed
    /// utilization). Electricity follows the power drawn: all-in kW x <see cref="OperatingAssumptions.PowerShareAt"/> x PUE x
    /// $/kWh; colocation is charged on the contracted (nameplate) kW whether it is drawn or not; maintenance and
    /// insurance are shares of capex a year.
    /// </summary>
    /// <param name="system">The system.</param>
    /// <param name="capexPerGpu">Capex per GPU, $.</param>
    /// <param name="ops">Unit operating rates.</param>
    /// <param name="billedUtilization">Share of hours the GPU is busy (billed), in [0, 1]; 1 for TCO.</param>
    public static IReadOnlyList<TcoLine> OperatingLines(AcceleratorSystem system, double capexPerGpu, OperatingAssumptions ops, double billedUtilization = 1.0)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(ops);
        var kw = system.AllInKwPerGpu;
        return
        [
            new("electricity", kw * ops.PowerShareAt(billedUtilization) * ops.Pue * ops.ElectricityPricePerKwh),
            new("colocation", kw * ops.ColocationPerKwMonth / Rates.HoursPerMonth),
            new("maintenance", ops.MaintenanceShareOfCapexPerYear * capexPerGpu / Rates.HoursPerYear),
            new("insurance", ops.InsuranceShareOfCapexPerYear * capexPerGpu / Rates.HoursPerYear),
        ];
    }

    /// <summary>Operating cost per GPU-hour at <paramref name="billedUtilization"/>, $: the sum of <see cref="OperatingLines"/>.</summary>
    public static double OperatingCostPerHour(AcceleratorSystem system, double capexPerGpu, OperatingAssumptions ops, double billedUtilization = 1.0) =>
        OperatingLines(system, capexPerGpu, ops, billedUtilization).Sum(l => l.PerGpuHour);
}
