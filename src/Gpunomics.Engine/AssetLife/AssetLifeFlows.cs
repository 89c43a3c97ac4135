using System.Globalization;
using Gpunomics.Catalog;
using Gpunomics.Market;
using Gpunomics.Pricing;
using Gpunomics.Finance;
using Gpunomics.Scenarios;

namespace Gpunomics.AssetLife;

/// <summary>
/// The asset's life around the first contract, one GPU, monthly: what the rental project adds to the contract's own
/// flows. Every flow here is independent of the contract's price except <see cref="BilledShare"/>, which scales the
/// contract's billing, so the project's flows stay affine in the price and the floor keeps its closed form.
/// </summary>
/// <param name="LifeMonths">Last month of the life (the sale), counted from the capex at month 0.</param>
/// <param name="BilledShare">Share of the full contract billing in each billed month of the first contract (index 0: the first billed month): the contracted share of the GPU times the ramp.</param>
/// <param name="Revenue">Revenue by month 0..<paramref name="LifeMonths"/>, $: spot sales of the uncontracted share during the contract, then re-leases.</param>
/// <param name="OperatingCost">Operating cost of the re-lease months, $ (negative), by month 0..<paramref name="LifeMonths"/>.</param>
/// <param name="Sale">Residual sale, $, by month 0..<paramref name="LifeMonths"/> (only the last is non-zero).</param>
/// <param name="ReleasePriceByYear">$ per GPU-hour of re-leases and spot hours by year of age (index 0: year 1).</param>
/// <param name="PriceSource">Where those prices come from.</param>
/// <param name="SaleShare">Share of capex the server sells for at the end of the life.</param>
public sealed record AssetLifeFlows(
    int LifeMonths,
    IReadOnlyList<double> BilledShare,
    IReadOnlyList<double> Revenue,
    IReadOnlyList<double> OperatingCost,
    IReadOnlyList<double> Sale,
    IReadOnlyList<double> ReleasePriceByYear,
    string PriceSource,
    double SaleShare)
{
    /// <summary>What the life is, for every output that assumes it, e.g. "over a 6-year life: 60-month contract, then re-leased ...".</summary>
    public required string Description { get; init; }

    /// <summary>What priced the re-leases and spot hours: <c>forward-curve</c>, <c>launch-trend</c> or <c>price-path</c> (<see cref="ReleasePriceSources"/>).</summary>
    public required string SourceName { get; init; }

    /// <summary>Sum of <see cref="BilledShare"/>: the contract's billed months at full billing.</summary>
    public double ContractedMonths => BilledShare.Sum();
}

/// <summary>Builds an <see cref="AssetLifeFlows"/> from the assumptions (methodology: "Asset life").</summary>
public static class AssetLifePlan
{
    /// <summary>
    /// The flows of <paramref name="system"/>'s life under <paramref name="life"/> (which must be on), or false and why there are none:
    /// the life ends before the first contract does, the price path is too short, or there is no trend to price the re-leases.
    /// </summary>
    /// <param name="system">The system (its PFLOPS and launch, for trend prices).</param>
    /// <param name="life">The assumptions; <see cref="AssetLifeAssumptions.IsOn"/> must be true.</param>
    /// <param name="terms">The first contract.</param>
    /// <param name="capexPerGpu">Capex per GPU, $.</param>
    /// <param name="operatingCostPerHourAt">Operating cost per GPU-hour at a billed utilization, $.</param>
    /// <param name="flows">The flows, or null.</param>
    /// <param name="problem">Null with flows; otherwise why there are none.</param>
    public static bool TryBuild(AcceleratorSystem system, AssetLifeAssumptions life, ContractTerms terms, double capexPerGpu,
        Func<double, double> operatingCostPerHourAt, out AssetLifeFlows? flows, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(life);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(operatingCostPerHourAt);
        if (life.UsefulLifeYears is not { } years) throw new ArgumentException("the asset life is off", nameof(life));
        flows = null;
        var lifeMonths = (int)Math.Round(years * 12);
        var contractEnd = terms.SetupMonths + terms.TermMonths;
        if (lifeMonths < contractEnd)
        {
            problem = $"assetLife.usefulLifeYears: a {Years(years)}-year life ({lifeMonths} months) ends before the first contract does (month {contractEnd}: {terms.SetupMonths} setup + {terms.TermMonths} billed months); allowed: at least {Years(contractEnd / 12.0)} years with this contract";
            return false;
        }
        var lifeYears = (lifeMonths + 11) / 12;
        if (!TryPrices(system, life, lifeYears, out var prices, out var source, out problem)) return false;

        var billedShare = new double[terms.TermMonths];
        for (var k = 1; k <= terms.TermMonths; k++)
        {
            var ramp = life.RampMonths > 0 ? Math.Min(1, life.RampStartShare + (1 - life.RampStartShare) * (k - 1) / life.RampMonths) : 1.0;
            billedShare[k - 1] = (1 - life.UncontractedShare) * ramp;
        }
        var revenue = new double[lifeMonths + 1];
        var opex = new double[lifeMonths + 1];
        var sale = new double[lifeMonths + 1];
        double PriceAt(int month) => prices[(month + 11) / 12 - 1];
        if (life.UncontractedShare > 0)
            for (var m = terms.SetupMonths + 1; m <= contractEnd; m++)
                revenue[m] = life.UncontractedShare * (life.SpotPricePerGpuHour ?? PriceAt(m)) * Rates.HoursPerMonth * life.ReleaseUtilization;
        var releaseOpex = operatingCostPerHourAt(life.ReleaseUtilization) * Rates.HoursPerMonth;
        for (var m = contractEnd + 1; m <= lifeMonths; m++)
        {
            revenue[m] = PriceAt(m) * Rates.HoursPerMonth * life.ReleaseUtilization;
            opex[m] = -releaseOpex;
        }
        var saleShare = life.Residual.ShareAt(lifeMonths / 12.0);
        sale[lifeMonths] = saleShare * capexPerGpu;
        var used = prices.Take(lifeYears).ToList();
        flows = new AssetLifeFlows(lifeMonths, billedShare, revenue, opex, sale, used, source, saleShare)
        {
            Description = Describe(years, lifeMonths, contractEnd, terms, life, used, source, saleShare),
            SourceName = life.SourceName,
        };
        return true;
    }

    /// <summary>
    /// The re-lease price by year of age for <paramref name="lifeYears"/> years, as <see cref="TryBuild"/> prices them: the
    /// path, or the source in use with its discount; false and why there are none.
    /// </summary>
    internal static bool TryPriceByYear(AcceleratorSystem system, AssetLifeAssumptions life, int lifeYears, out double[] prices, out string? problem) =>
        TryPrices(system, life, lifeYears, out prices, out _, out problem);

    private static bool TryPrices(AcceleratorSystem system, AssetLifeAssumptions life, int lifeYears, out double[] prices, out string source, out string? problem)
    {
        prices = [];
        source = "";
        problem = null;
        if (life.ReleasePrices is { } path)
        {
            if (path.Count < lifeYears)
            {
                problem = $"assetLife.releasePricesPerGpuHour: the re-lease price path gives {path.Count} year(s) of age; a {lifeYears}-year life needs one price for each year";
                return false;
            }
            prices = [.. path];
            source = "price path";
            return true;
        }
        return life.Source == ReleasePriceSource.ForwardCurve
            ? TryCurvePrices(system, life, lifeYears, out prices, out source, out problem)
            : TryTrendPrices(system, life, lifeYears, out prices, out source, out problem);
    }

    private static bool TryTrendPrices(AcceleratorSystem system, AssetLifeAssumptions life, int lifeYears, out double[] prices, out string source, out string? problem)
    {
        prices = [];
        source = "";
        problem = null;
        if (life.Trend is not { } trend)
        {
            problem = "the re-leases have no price: give a price path by year of age, or the launch trend (launch prices) to price them";
            return false;
        }
        if (system.Pflops(trend.Fit.Basis) is not { } pflops || pflops <= 0)
        {
            problem = $"{system.Id} markets no {trend.Fit.Basis.Key} throughput, so the launch trend's $/PFLOP-hour cannot price its re-leases: give a price path";
            return false;
        }
        var start = life.StartYear ?? LaunchTrend.LaunchOf(system, trend.LaunchPrices).Year;
        prices = new double[lifeYears];
        for (var y = 1; y <= lifeYears; y++) prices[y - 1] = (1 - life.ReleaseBelowTrend) * trend.Fit.At(start + y - 0.5) * pflops;
        source = string.Create(CultureInfo.InvariantCulture, $"launch trend{(life.ReleaseBelowTrend > 0 ? $" less {life.ReleaseBelowTrend:0.#%}" : "")} x {pflops:0.###} {trend.Fit.Basis.Key} PFLOPS, month 0 in {start:0.00}");
        return true;
    }

    // p(y) = (1 - d) x p0 x e^(b (y - 0.5)): the forward curve's price p0 at month 0 (the system's level at its age then),
    // decayed by the fitted slope b to the middle of each year of age.
    private static bool TryCurvePrices(AcceleratorSystem system, AssetLifeAssumptions life, int lifeYears, out double[] prices, out string source, out string? problem)
    {
        prices = [];
        source = "";
        problem = null;
        if (life.Curve is not { } curve)
        {
            problem = "the re-leases are priced from the market's forward curve (assetLife.releasePriceSource \"forward-curve\"), but no market observations were given to build it: give a price path, or \"launch-trend\"";
            return false;
        }
        if (curve.Market.Launch(system.Id) is not { } launch)
        {
            problem = $"the forward curve cannot price {system.Id}'s re-leases: its launch is not known to the market; give a price path, or assetLife.releasePriceSource \"launch-trend\"";
            return false;
        }
        var from = life.StartYear is { } year ? DateOfYear(year) : launch.Date;
        if (!curve.Market.TryForwardCurve(system.Id, curve.PricingType, new ForwardCurveOptions { From = from, Months = 0 }, out var fc, out var why))
        {
            problem = $"the forward curve cannot price {system.Id}'s re-leases: {why}; give a price path, or assetLife.releasePriceSource \"launch-trend\"";
            return false;
        }
        var b = fc!.SlopePerYear;
        if (b > 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"the {curve.PricingType.Name()} forward curve rises with age ({fc.AnnualChange:+0.#%} a year), which cannot price the re-leases of an ageing GPU: give a price path, or assetLife.releasePriceSource \"launch-trend\"");
            return false;
        }
        var p0 = fc.Points[0].PricePerGpuHour;
        prices = new double[lifeYears];
        for (var y = 1; y <= lifeYears; y++) prices[y - 1] = (1 - life.ReleaseBelowCurve) * p0 * Math.Exp(b * (y - 0.5));
        source = string.Create(CultureInfo.InvariantCulture,
            $"{curve.PricingType.Name()} forward curve{(life.ReleaseBelowCurve > 0 ? $" less {life.ReleaseBelowCurve:0.#%}" : "")}: ${p0:0.00} at month 0 ({from:yyyy-MM-dd}, age {fc.Points[0].AgeYears:0.00}), {fc.AnnualChange:0.#%} a year of age");
        return true;
    }

    /// <summary>The day a fractional year (e.g. 2023.56) falls on.</summary>
    private static DateOnly DateOfYear(double year)
    {
        var whole = (int)Math.Floor(year);
        var days = DateTime.IsLeapYear(whole) ? 366 : 365;
        return new DateOnly(whole, 1, 1).AddDays((int)Math.Round((year - whole) * days));
    }

    private static string Describe(double years, int lifeMonths, int contractEnd, ContractTerms terms, AssetLifeAssumptions life, IReadOnlyList<double> prices, string source, double saleShare)
    {
        var c = CultureInfo.InvariantCulture;
        var s = $"over a {Years(years)}-year life: {terms.TermMonths}-month contract";
        if (life.RampMonths > 0) s += string.Create(c, $" (billing ramping from {life.RampStartShare:0.#%} over {life.RampMonths} months)");
        if (life.UncontractedShare > 0)
            s += string.Create(c, $", {life.UncontractedShare:0.#%} of the hours uncontracted and sold at ") +
                (life.SpotPricePerGpuHour is { } spot ? string.Create(c, $"${spot:0.00}/GPU-hour spot") : "the re-lease price");
        var tail = lifeMonths - contractEnd;
        if (tail > 0)
        {
            var first = prices[contractEnd / 12];
            var last = prices[^1];
            s += string.Create(c, $", then re-leased for {tail} months at ${first:0.00}") + (Math.Abs(last - first) > 0.005 ? string.Create(c, $" to ${last:0.00}") : "") +
                string.Create(c, $"/GPU-hour ({source}), {life.ReleaseUtilization:0.#%} billed");
        }
        return s + string.Create(c, $", sold at month {lifeMonths} for {saleShare:0.#%} of capex");
    }

    private static string Years(double years) => years.ToString("0.##", CultureInfo.InvariantCulture);
}
