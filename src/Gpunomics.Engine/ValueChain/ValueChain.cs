using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.InferenceX;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;
using Gpunomics.Tokens;

namespace Gpunomics.ValueChain;

/// <summary>A task people do that tokens can do instead.</summary>
/// <param name="Name">What the task is.</param>
/// <param name="PersonHours">Hours it takes people.</param>
/// <param name="LoadedHourlyCost">Loaded cost of one person-hour, $.</param>
/// <param name="InputTokens">Input tokens the task takes (cached and uncached).</param>
/// <param name="OutputTokens">Output tokens the task takes.</param>
public sealed record WorkTask(string Name, double PersonHours, double LoadedHourlyCost, double InputTokens, double OutputTokens)
{
    /// <summary>Cost of the task done by people, $.</summary>
    public double PeopleCost => PersonHours * LoadedHourlyCost;
    /// <summary>All tokens.</summary>
    public double Tokens => InputTokens + OutputTokens;
}

/// <summary>One task's return to the end user.</summary>
/// <param name="Task">The task.</param>
/// <param name="TokenSpend">What its tokens cost at the price sheet, $.</param>
/// <param name="Roi">People cost / token spend.</param>
public sealed record TaskReturn(WorkTask Task, double TokenSpend, double Roi);

/// <summary>What one layer keeps.</summary>
/// <param name="Name">Layer.</param>
/// <param name="PerGpuHour">$ per GPU-hour.</param>
/// <param name="PerMillionTokens">$ per million tokens served.</param>
/// <param name="Meaning">How it is computed.</param>
public sealed record ValueLayer(string Name, double PerGpuHour, double PerMillionTokens, string Meaning);

/// <summary>The value chain of one GPU-hour, from component vendors to end users.</summary>
/// <param name="Layers">Layers, from the hardware up to the end user; they add up to the value of the work.</param>
/// <param name="TokensPerGpuHour">Tokens served per GPU-hour.</param>
/// <param name="RentalPrice">Rental price, $ per GPU-hour.</param>
/// <param name="TokenRevenuePerGpuHour">What the tokens sell for per GPU-hour, $.</param>
/// <param name="ValueOfWorkPerGpuHour">What the same work costs people per GPU-hour of tokens, $.</param>
/// <param name="Tasks">Each task's return.</param>
/// <param name="Workloads">The serving workload the tokens/s was measured on and the pricing workload the tokens are sold at.</param>
public sealed record ValueChainResult(IReadOnlyList<ValueLayer> Layers, double TokensPerGpuHour, double RentalPrice,
    double TokenRevenuePerGpuHour, double ValueOfWorkPerGpuHour, IReadOnlyList<TaskReturn> Tasks, WorkloadMatch Workloads)
{
    /// <summary>
    /// A sentence when throughput and price do not come from the same workload (<see cref="WorkloadMatch.Mismatch"/>),
    /// and one for each layer above the hardware that keeps less than nothing (a negative layer is a loss,
    /// not a share): the rental price below the floor, token revenue below the rental price, the work worth
    /// less than its tokens. Empty when the workloads match and every such layer is non-negative.
    /// </summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            static string M(double v) => v.ToString("$0.00", System.Globalization.CultureInfo.InvariantCulture);
            var notes = new List<string>();
            if (Workloads.Mismatch is { } mismatch) notes.Add(mismatch);
            var layer = Layers.ToDictionary(l => l.Name, l => l.PerGpuHour);
            if (layer.GetValueOrDefault("neocloud") is var n and < 0)
                notes.Add($"price {M(RentalPrice)} is below the floor {M(RentalPrice - n)}: the neocloud loses {M(-n)}/GPU-hour against its hurdle");
            if (layer.GetValueOrDefault("model lab") is var lab and < 0)
                notes.Add($"token revenue {M(TokenRevenuePerGpuHour)} is below the rental price {M(RentalPrice)}: the model lab loses {M(-lab)}/GPU-hour");
            if (layer.GetValueOrDefault("end user") is var user and < 0)
                notes.Add($"the work is worth {M(ValueOfWorkPerGpuHour)}, less than the {M(TokenRevenuePerGpuHour)} its tokens cost: the end user loses {M(-user)}/GPU-hour");
            return notes;
        }
    }
}

/// <summary>
/// Splits the value of AI work per GPU-hour among the chain (methodology: "Value chain"):
/// infrastructure and operations = floor with the supplier's lines at zero; component vendors = floor
/// at component cost - that; system supplier = floor today - floor at component cost; neocloud =
/// rental price - floor today; model lab = token revenue - rental price; end user = value of the work
/// - token revenue. Per million tokens: per GPU-hour / tokens per GPU-hour x 1e6.
/// </summary>
public static class ValueChainModel
{
    /// <summary>Interactivity at which a system's measured throughput is taken by default, tokens/s per user.</summary>
    public const double DefaultInteractivity = 50;

    /// <summary>
    /// The best measured configuration of a catalog system reaching <paramref name="interactivity"/> on the default
    /// workload (<see cref="ServingWorkload.Default"/>), or null when the system has no such measurement.
    /// </summary>
    public static BestConfiguration? MeasuredThroughput(IEnumerable<ServingMeasurement> rows, string systemId, double interactivity) =>
        ServingAnalysis.HardwareName(systemId) is { } hw
            ? ServingAnalysis.BestReaching(rows, new ServingFilter { Hardware = hw }.For(ServingWorkload.Default), interactivity)
            : null;

    /// <summary>Where a measured throughput comes from, in words.</summary>
    public static string MeasuredSource(BestConfiguration best, double interactivity)
    {
        ArgumentNullException.ThrowIfNull(best);
        var at = best.Interactivity.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return $"measured: {best.Configuration.Label} at {at} tokens/s per user, the best reaching {interactivity} (InferenceX)";
    }

    /// <summary>
    /// Computes the chain for a system rented at <paramref name="rentalPrice"/> serving <paramref name="tokensPerSecondPerGpu"/>
    /// measured on <paramref name="workloads"/>' serving workload and sold at its pricing workload.
    /// </summary>
    public static ValueChainResult Compute(AcceleratorSystem system, Scenario scenario, double rentalPrice, PriceSheet sheet, WorkloadMatch workloads,
        double tokensPerSecondPerGpu, IReadOnlyList<WorkTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(workloads);
        var workload = workloads.Pricing;
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("at least one task is needed to value the work", nameof(tasks));
        double Floor(SupplierPricing p) => FloorPrice.Compute(RentalInputs.For(system, scenario, 0, p), scenario.HurdleRate);
        var f0 = Floor(SupplierPricing.Scaled(0));
        var fCost = Floor(SupplierPricing.ComponentCost);
        var fToday = Floor(SupplierPricing.Today);

        var tokensPerHour = tokensPerSecondPerGpu * 3600.0;
        var input = tokensPerSecondPerGpu * workload.InputShare;
        var output = tokensPerSecondPerGpu - input;
        var revenue = TokenEconomics.RevenuePerGpuHour(sheet, workload, input, output);
        var valuePerToken = tasks.Sum(t => t.PeopleCost) / tasks.Sum(t => t.Tokens);
        var value = valuePerToken * tokensPerHour;

        ValueLayer L(string name, double perHour, string meaning) => new(name, perHour, perHour / tokensPerHour * 1e6, meaning);
        var layers = new List<ValueLayer>
        {
            L("infrastructure and operations", f0, "floor with the supplier's lines at zero: power, space, network, storage, installation, required return"),
            L("component vendors", fCost - f0, "floor at component cost - floor without the supplier's lines"),
            L("system supplier", fToday - fCost, "floor today - floor at component cost"),
            L("neocloud", rentalPrice - fToday, "rental price - floor today"),
            L("model lab", revenue - rentalPrice, "token revenue - rental price"),
            L("end user", value - revenue, "value of the work (people's cost for the same tasks) - token spend"),
        };
        var blended = TokenEconomics.Blend(sheet, workload);
        var returns = tasks.Select(t =>
        {
            var spend = (t.InputTokens * blended.EffectiveInputPerMillion + t.OutputTokens * sheet.OutputPerMillion) / 1e6;
            return new TaskReturn(t, spend, t.PeopleCost / spend);
        }).ToList();
        return new ValueChainResult(layers, tokensPerHour, rentalPrice, revenue, value, returns, workloads);
    }
}
