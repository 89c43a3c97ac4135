using Gpunomics.AssetLife;
using Gpunomics.Financing;
using Gpunomics.Market;

namespace Gpunomics.Fleet;

/// <summary>
/// A neocloud's fleet (methodology: "Fleet"): deployments of systems bought at different dates (the vintages),
/// contracts signed against them at different prices and dates with renters of different credit, uncontracted
/// capacity sold at the market's spot price, the renters' defaults and the fleet's debt.
/// </summary>
public sealed record FleetDefinition
{
    /// <summary>The fleet's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the fleet is.</summary>
    public string Description { get; init; } = "";

    /// <summary>The vintages, at least one; ids unique.</summary>
    public required IReadOnlyList<Deployment> Deployments { get; init; }

    /// <summary>The contracts (none: every GPU is sold at spot).</summary>
    public IReadOnlyList<FleetContract> Contracts { get; init; } = [];

    /// <summary>How uncontracted capacity is priced and used.</summary>
    public SpotMarket Spot { get; init; } = new();

    /// <summary>How renters default.</summary>
    public DefaultAssumptions Defaults { get; init; } = DefaultAssumptions.Expected;

    /// <summary>The fleet's debt (a loan per vintage); null: unlevered.</summary>
    public FleetDebt? Debt { get; init; }

    /// <summary>Annual effective hurdle for the NPV; null: the scenario's.</summary>
    public double? HurdleRate { get; init; }

    /// <summary>Resale value by age, sold at the end of each vintage's life and the LTV covenant's asset value.</summary>
    public ResidualCurve Residual { get; init; } = ResidualCurve.Default;

    /// <summary>The first month of the fleet: the earliest deployment's (month 0 of the timeline).</summary>
    public DateOnly Start => Deployments.Min(d => d.Date);

    /// <summary>The timeline's month of a date (the first of a month): months from <see cref="Start"/>.</summary>
    public int MonthOf(DateOnly date) => FleetDates.MonthsBetween(Start, date);

    /// <summary>Last month of the timeline: the latest end of a vintage's life.</summary>
    public int LastMonth => Deployments.Max(d => MonthOf(d.Date) + d.LifeMonths);
}

/// <summary>A vintage: GPUs of one system bought (capex paid) at the start of one month.</summary>
/// <param name="Id">Unique id, e.g. "h100-2023".</param>
/// <param name="SystemId">Catalog system id.</param>
/// <param name="Gpus">GPUs deployed, at least 1.</param>
/// <param name="Date">The month the capex is paid and operation begins (the first of the month).</param>
/// <param name="LifeMonths">Months operated before the GPUs are sold at the residual curve's share of capex.</param>
public sealed record Deployment(string Id, string SystemId, int Gpus, DateOnly Date, int LifeMonths)
{
    /// <summary>Capex per GPU, $, instead of the capex model's (from the catalog and scenario); null: the model's.</summary>
    public double? CapexPerGpu { get; init; }

    /// <summary>Multiplier on what the system supplier charges (as the One Chart's), 1 = today's price.</summary>
    public double SystemPriceMultiplier { get; init; } = 1.0;
}

/// <summary>A contract renting some of a vintage's GPUs.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Renter">The renter's name.</param>
/// <param name="Credit">The renter's credit tier (sets its default probability).</param>
/// <param name="DeploymentId">The vintage rented.</param>
/// <param name="Gpus">GPUs rented, at least 1.</param>
/// <param name="Start">First billed month (the first of the month); the prepayment is received at its start.</param>
/// <param name="TermMonths">Billed months.</param>
/// <param name="PricePerGpuHour">Price, $ per GPU-hour.</param>
/// <param name="PrepayShare">Share of the total contract value paid at the start and credited pro rata against the bills.</param>
/// <param name="Utilization">Billed share of the hours (1 = take-or-pay).</param>
public sealed record FleetContract(string Id, string Renter, RenterCredit Credit, string DeploymentId, int Gpus, DateOnly Start, int TermMonths,
    double PricePerGpuHour, double PrepayShare, double Utilization)
{
    /// <summary>Bill per GPU per month, $: price x 730 x utilization.</summary>
    public double BillPerGpuMonth => PricePerGpuHour * Finance.Rates.HoursPerMonth * Utilization;

    /// <summary>Total contract value, $: bill per GPU-month x GPUs x term.</summary>
    public double TotalValue => BillPerGpuMonth * Gpus * TermMonths;
}

/// <summary>How uncontracted GPUs are sold: at the market's forward curve (methodology: "Market and forward curve").</summary>
public sealed record SpotMarket
{
    /// <summary>The kind of price whose forward curve prices uncontracted hours (default on-demand: the kind the market fits).</summary>
    public PricingType Pricing { get; init; } = PricingType.OnDemand;

    /// <summary>Share of uncontracted hours sold (default <see cref="AssetLifeAssumptions.DefaultReleaseUtilization"/>, an estimate).</summary>
    public double Utilization { get; init; } = AssetLifeAssumptions.DefaultReleaseUtilization;

    /// <summary>The price change per year of age instead of the fitted decay; null: the fit's.</summary>
    public double? AnnualChange { get; init; }

    /// <summary>Systems whose level is anchored at a given price on a given month instead of the market's level.</summary>
    public IReadOnlyDictionary<string, SpotAnchor> Anchors { get; init; } = new Dictionary<string, SpotAnchor>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A system's spot price on one month, setting its curve's level (the decay with age still applies).</summary>
/// <param name="Date">The month (the first of it; the curve reads the 15th).</param>
/// <param name="PricePerGpuHour">The price then, $ per GPU-hour.</param>
public sealed record SpotAnchor(DateOnly Date, double PricePerGpuHour);

/// <summary>How renter defaults enter the model (methodology: "Fleet", "Renter defaults").</summary>
public enum DefaultMode
{
    /// <summary>No renter defaults.</summary>
    None,
    /// <summary>The expected path: every contract defaults with its tier's annual probability, spread evenly by month.</summary>
    Expected,
    /// <summary>Only the named contracts default, each in its named month (a stress scenario).</summary>
    Scenario,
}

/// <summary>A named default: a contract stops paying from a month on.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Date">The first month not paid (within the contract's billed months).</param>
public sealed record DefaultEvent(string ContractId, DateOnly Date);

/// <summary>
/// Renter defaults: annual default probability by credit tier, the share of the unpaid contract value recovered, and the
/// months the GPUs sit idle before they are sold again.
/// </summary>
public sealed record DefaultAssumptions
{
    /// <summary>Annual default probability of an investment-grade renter: 0.1% (an estimate; methodology: "Fleet").</summary>
    public const double DefaultInvestmentGradeProbability = 0.001;

    /// <summary>Annual default probability of a non-investment-grade renter: 4% (an estimate; methodology: "Fleet").</summary>
    public const double DefaultNonInvestmentGradeProbability = 0.04;

    /// <summary>Share of the unpaid cash bills recovered at default: 40% (an estimate; methodology: "Fleet").</summary>
    public const double DefaultRecovery = 0.40;

    /// <summary>Months the GPUs of a defaulted contract sit idle before they are sold at spot: 3 (an estimate).</summary>
    public const int DefaultReleaseDelayMonths = 3;

    /// <summary>The expected path with the default probabilities, recovery and delay.</summary>
    public static DefaultAssumptions Expected { get; } = new();

    /// <summary>No defaults.</summary>
    public static DefaultAssumptions None { get; } = new() { Mode = DefaultMode.None };

    /// <summary>Which defaults are modelled.</summary>
    public DefaultMode Mode { get; init; } = DefaultMode.Expected;

    /// <summary>Annual default probability of an investment-grade renter, in [0, 1).</summary>
    public double InvestmentGradeProbability { get; init; } = DefaultInvestmentGradeProbability;

    /// <summary>Annual default probability of a non-investment-grade renter, in [0, 1).</summary>
    public double NonInvestmentGradeProbability { get; init; } = DefaultNonInvestmentGradeProbability;

    /// <summary>Share of the unpaid cash bills (the rest of the term, less the prepaid share) recovered in the month of default, in [0, 1].</summary>
    public double Recovery { get; init; } = DefaultRecovery;

    /// <summary>Months the defaulted GPUs sit idle (operating cost at no use) before they are sold at spot, 0 or more.</summary>
    public int ReleaseDelayMonths { get; init; } = DefaultReleaseDelayMonths;

    /// <summary>The named defaults (<see cref="DefaultMode.Scenario"/> only).</summary>
    public IReadOnlyList<DefaultEvent> Events { get; init; } = [];

    /// <summary>Annual default probability of <paramref name="credit"/>.</summary>
    public double Probability(RenterCredit credit) => credit == RenterCredit.InvestmentGrade ? InvestmentGradeProbability : NonInvestmentGradeProbability;
}

/// <summary>
/// The fleet's debt: one loan per vintage through the debt model (<see cref="DebtModel"/>), a share of its capex drawn
/// with it, repaid over the term; covenants tested on the whole fleet.
/// </summary>
/// <param name="Share">Loan as a share of each vintage's capex, in [0, 1).</param>
/// <param name="AnnualRate">Annual effective interest rate.</param>
/// <param name="TermMonths">Months from each vintage's draw by which its loan is repaid; null: the vintage's life.</param>
public sealed record FleetDebt(double Share, double AnnualRate, int? TermMonths)
{
    /// <summary>How principal is repaid (level or balloon; sculpted follows one project's cash flow and is not offered for a fleet).</summary>
    public Repayment Repayment { get; init; } = Repayment.Level;

    /// <summary>Fleet DSCR covenant: fleet CFADS over fleet scheduled debt service at least this every month with debt service; null: none.</summary>
    public double? CovenantMinDscr { get; init; }

    /// <summary>Fleet LTV covenant: total balance over the fleet's resale value at most this; null: none.</summary>
    public double? CovenantMaxLtv { get; init; }

    /// <summary>How the rate was set, for readers (e.g. "term SOFR 4.15% + 13.00% ..."); null when given.</summary>
    public string? RateNote { get; init; }
}

/// <summary>Month arithmetic on the first days of months.</summary>
public static class FleetDates
{
    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (both firsts of months).</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    /// <summary>A month as a fleet file writes it, YYYY-MM.</summary>
    public static string Text(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The fleet cannot be run for these inputs (a system without a spot price, say); the message says why.</summary>
public sealed class FleetException : Exception
{
    /// <summary>The problem, worded for the user.</summary>
    public FleetException(string message) : base(message) { }

    /// <summary>The standard wording.</summary>
    public FleetException() : base("the fleet cannot be run") { }

    /// <summary>The standard wording with a cause.</summary>
    public FleetException(string message, Exception inner) : base(message, inner) { }
}
