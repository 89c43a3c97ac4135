using System.Runtime.Intrinsics;
using Gpunomics.Finance;
using Gpunomics.Pricing;
using Gpunomics.Rental;
using Gpunomics.Scenarios;

namespace Gpunomics.Batch;

/// <summary>
/// Many rental projects in structure-of-arrays form (one index per scenario): the inputs of
/// <see cref="RentalInputs"/> plus a per-scenario hurdle.
/// </summary>
public sealed class RentalBatch
{
    /// <summary>Allocates room for <paramref name="count"/> scenarios.</summary>
    public RentalBatch(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        CapexPerGpu = new double[count];
        OperatingCostPerHour = new double[count];
        PricePerGpuHour = new double[count];
        PrepayShare = new double[count];
        BilledUtilization = new double[count];
        ResidualValueShare = new double[count];
        Hurdle = new double[count];
        TermMonths = new int[count];
        SetupMonths = new int[count];
    }

    /// <summary>Number of scenarios.</summary>
    public int Count { get; }
    /// <summary>Capex per GPU at month 0, $.</summary>
    public double[] CapexPerGpu { get; }
    /// <summary>Operating cost per GPU-hour in billed months, $.</summary>
    public double[] OperatingCostPerHour { get; }
    /// <summary>Rental price, $ per GPU-hour.</summary>
    public double[] PricePerGpuHour { get; }
    /// <summary>Prepaid share of total contract value, in [0, 1).</summary>
    public double[] PrepayShare { get; }
    /// <summary>Billed share of contracted hours, in (0, 1].</summary>
    public double[] BilledUtilization { get; }
    /// <summary>Resale value at the end, share of capex.</summary>
    public double[] ResidualValueShare { get; }
    /// <summary>Annual effective hurdle for NPV and floor.</summary>
    public double[] Hurdle { get; }
    /// <summary>Contract term, months (at least 1).</summary>
    public int[] TermMonths { get; }
    /// <summary>Months between capex and first bill (at least 0).</summary>
    public int[] SetupMonths { get; }

    /// <summary>
    /// Debt and tax applied to every scenario of the batch, or null (the default) for the unlevered,
    /// pre-tax flows. With the level-payment loan (<see cref="ProjectFinancing.IsLevelLoan"/>) and tax the flows are
    /// not level: each scenario's months are computed over reused arrays, its IRR by Newton's method on them and its
    /// after-tax floor by a few NPV evaluations; a loan of any other shape goes through the scalar model.
    /// </summary>
    public ProjectFinancing? Financing { get; set; }

    /// <summary>Scenario <paramref name="i"/> as the scalar model's inputs.</summary>
    public RentalInputs Inputs(int i) => new(CapexPerGpu[i], OperatingCostPerHour[i], PricePerGpuHour[i],
        new ContractTerms(TermMonths[i], PrepayShare[i], BilledUtilization[i], SetupMonths[i], ResidualValueShare[i]), Financing);

    /// <summary>Stores scenario <paramref name="i"/> from a scalar project.</summary>
    /// <exception cref="ArgumentException">When the inputs' debt and tax differ from the batch's <see cref="Financing"/>.</exception>
    public void Set(int i, RentalInputs inputs, double hurdle)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Life is not null)
            throw new ArgumentException("the batch models a project that ends with its first contract; inputs with an asset life go through RentalProject", nameof(inputs));
        if (inputs.Financing != Financing)
            throw new ArgumentException("the inputs' debt and tax differ from the batch's Financing, which applies to every scenario of the batch", nameof(inputs));
        CapexPerGpu[i] = inputs.CapexPerGpu;
        OperatingCostPerHour[i] = inputs.OperatingCostPerHour;
        PricePerGpuHour[i] = inputs.PricePerGpuHour;
        PrepayShare[i] = inputs.Terms.PrepayShare;
        BilledUtilization[i] = inputs.Terms.BilledUtilization;
        ResidualValueShare[i] = inputs.Terms.ResidualValueShare;
        TermMonths[i] = inputs.Terms.TermMonths;
        SetupMonths[i] = inputs.Terms.SetupMonths;
        Hurdle[i] = hurdle;
    }

    /// <summary>
    /// Writes the level cash flows of scenarios [start, end) into <paramref name="flows"/> (same indices):
    /// month 0: -capex + prepay x TCV; months 1+setup .. setup+term: price x 730 x utilization x (1 - prepay) - opex x 730;
    /// last month adds residual x capex.
    /// </summary>
    public void FillFlows(LevelFlows flows, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(flows);
        for (var i = start; i < end; i++)
        {
            var billed = PricePerGpuHour[i] * Rates.HoursPerMonth * BilledUtilization[i];
            var p = PrepayShare[i];
            flows.Initial[i] = -CapexPerGpu[i] + p * billed * TermMonths[i];
            flows.Level[i] = billed * (1.0 - p) - OperatingCostPerHour[i] * Rates.HoursPerMonth;
            flows.Terminal[i] = ResidualValueShare[i] * CapexPerGpu[i];
            flows.FirstLevelPeriod[i] = SetupMonths[i] + 1;
            flows.LevelPeriods[i] = TermMonths[i];
        }
    }

    internal void Validate(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (TermMonths[i] < 1 || SetupMonths[i] < 0)
                throw new ArgumentException($"scenario {i}: term {TermMonths[i]} must be at least 1 month and setup {SetupMonths[i]} at least 0");
            if (!(BilledUtilization[i] > 0 && BilledUtilization[i] <= 1))
                throw new ArgumentException($"scenario {i}: billed utilization {BilledUtilization[i]} must be in (0, 1]");
            if (!(PrepayShare[i] >= 0 && PrepayShare[i] < 1))
                throw new ArgumentException($"scenario {i}: prepay share {PrepayShare[i]} must be in [0, 1)");
            if (!(Hurdle[i] > -1)) throw new ArgumentException($"scenario {i}: hurdle {Hurdle[i]} must be above -100%");
        }
    }
}

/// <summary>Per-scenario results of a <see cref="RentalBatch"/>.</summary>
public sealed class RentalBatchResults
{
    /// <summary>Allocates room for <paramref name="count"/> scenarios.</summary>
    public RentalBatchResults(int count)
    {
        Flows = new LevelFlows(count);
        MonthlyIrr = new double[count];
        Irr = new double[count];
        Status = new IrrStatus[count];
        Npv = new double[count];
        Floor = new double[count];
    }

    /// <summary>The level cash flows that were solved (without <see cref="RentalBatch.Financing"/>: with it the flows are not level and this is left as it was).</summary>
    public LevelFlows Flows { get; }
    /// <summary>IRR per month; valid where <see cref="Status"/> is <see cref="IrrStatus.Converged"/>.</summary>
    public double[] MonthlyIrr { get; }
    /// <summary>Annual effective IRR, (1 + monthly)^12 - 1; valid where <see cref="Status"/> is <see cref="IrrStatus.Converged"/>.</summary>
    public double[] Irr { get; }
    /// <summary>Whether each scenario has an IRR, and if not why.</summary>
    public IrrStatus[] Status { get; }
    /// <summary>NPV at the scenario's hurdle, $ per GPU.</summary>
    public double[] Npv { get; }
    /// <summary>Floor price at the scenario's hurdle, $ per GPU-hour (the price is ignored).</summary>
    public double[] Floor { get; }
}

/// <summary>
/// Evaluates many rental projects: level cash flows, IRR by <see cref="BatchIrr"/>, and NPV and floor by
/// the closed form NPV = A + P x B with the level annuity factor (methodology: "Batch IRR").
/// </summary>
public static class RentalBatchEvaluator
{
    /// <summary>Evaluates every scenario of <paramref name="batch"/> into <paramref name="results"/>.</summary>
    public static void Evaluate(RentalBatch batch, RentalBatchResults results, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Evaluate(batch, results, 0, batch.Count, options);
    }

    /// <summary>Evaluates scenarios [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static void Evaluate(RentalBatch batch, RentalBatchResults results, int start, int end, BatchOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Flows.Count < end || batch.Count < end || start < 0 || start > end) throw new ArgumentOutOfRangeException(nameof(end));
        batch.Validate(start, end);
        var chunks = (end - start + BatchOptions.ChunkSize - 1) / BatchOptions.ChunkSize;
        if (chunks <= 1 || options.MaxDegreeOfParallelism == 1)
        {
            Range(batch, results, start, end, options);
            return;
        }
        Parallel.For(0, chunks, options.Parallel, c =>
        {
            var s = start + c * BatchOptions.ChunkSize;
            Range(batch, results, s, Math.Min(end, s + BatchOptions.ChunkSize), options);
        });
    }

    /// <summary>
    /// The floor price, $ per GPU-hour, of one project as the batch computes it: the closed form without tax; with the
    /// level loan and tax, Newton's method on the after-tax NPV over arrays, with <see cref="FloorPrice"/> deciding
    /// below a zero hurdle and for a loan of another shape.
    /// </summary>
    /// <exception cref="NoFloorException">When no price gives the hurdle IRR.</exception>
    public static double Floor(RentalInputs inputs, double hurdle)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Financing is not { IsLevelLoan: true } financing) return FloorPrice.Compute(inputs, hurdle);
        var batch = new RentalBatch(1) { Financing = financing };
        batch.Set(0, inputs, hurdle);
        batch.Validate(0, 1);
        var kernel = new FinancedFlows(financing);
        kernel.Load(batch, 0);
        return kernel.Floor(batch, 0, Rates.AnnualToMonthly(hurdle));
    }

    private static void Range(RentalBatch batch, RentalBatchResults results, int start, int end, BatchOptions options)
    {
        var simd = options.Simd;
        if (batch.Financing is { } financing)
        {
            if (financing.IsLevelLoan && !options.ReferenceModel) Financed(batch, results, start, end, new FinancedFlows(financing), !options.WithoutFloors, simd);
            else for (var i = start; i < end; i++) Scalar(batch, results, i);
            return;
        }
        batch.FillFlows(results.Flows, start, end);
        BatchIrr.SolveLevel(results.Flows, results.MonthlyIrr, results.Status, start, end, new BatchOptions(!simd, 1));
        var flows = results.Flows;
        for (var i = start; i < end; i++)
        {
            if (results.Status[i] == IrrStatus.Converged && flows.Initial[i] > 0)
            {
                // Month 0 takes money in (a prepayment above the capex): where NPV rises with the rate through the
                // root, the root is what the money received costs, not a return (IrrSolver.SolveReturn's rule).
                var u = Math.Log(1.0 + results.MonthlyIrr[i]);
                if (BatchIrr.LevelNpv(u, flows.Initial[i], flows.Level[i], flows.Terminal[i], flows.FirstLevelPeriod[i], flows.LevelPeriods[i]).Slope > 0)
                {
                    results.Status[i] = IrrStatus.BorrowingRate;
                    results.MonthlyIrr[i] = 0.0;
                }
            }
            // Several roots (a positive month 0 from a large prepayment, say): the scalar model picks the return, if one.
            if (results.Status[i] == IrrStatus.MultipleRoots
                && IrrSolver.SolveReturn(RentalProject.NetCashFlows(batch.Inputs(i)), Rates.AnnualToMonthly(batch.Hurdle[i])).RatePerPeriod is { } chosen)
            {
                results.Status[i] = IrrStatus.Converged;
                results.MonthlyIrr[i] = chosen;
            }
            results.Irr[i] = results.Status[i] == IrrStatus.Converged ? Rates.MonthlyToAnnual(results.MonthlyIrr[i]) : 0.0;
        }
        var k = start;
        if (simd)
            for (; k + 4 <= end; k += 4) NpvFloorVector(batch, results, k);
        for (; k < end; k++) NpvFloorScalar(batch, results, k);
    }

    // The level loan and tax: each scenario's flows over reused arrays, NPV by Horner's rule, the floor by
    // FinancedFlows.Floor; the IRR four scenarios at a time where the flows are conventional (ConventionalLanes), the
    // other shapes by MultiSignIrr, and what neither settles by the scalar solver.
    private static void Financed(RentalBatch batch, RentalBatchResults results, int start, int end, FinancedFlows kernel, bool floors, bool simd)
    {
        if (simd)
        {
            FinancedLanes(batch, results, start, end, kernel, floors);
            return;
        }
        var lanes = kernel.Lanes;
        Span<double> hurdles = stackalloc double[ConventionalLanes.Width];
        Span<double> npv = stackalloc double[ConventionalLanes.Width];
        for (var i = start; i < end; i += ConventionalLanes.Width)
        {
            var count = Math.Min(ConventionalLanes.Width, end - i);
            var months = 0;
            for (var k = 0; k < count; k++) months = Math.Max(months, batch.SetupMonths[i + k] + batch.TermMonths[i + k]);
            lanes.Reset(months);
            hurdles.Clear();
            for (var k = 0; k < count; k++)
            {
                var j = i + k;
                kernel.Load(batch, j, schedule: false);
                var monthlyHurdle = Rates.AnnualToMonthly(batch.Hurdle[j]);
                hurdles[k] = monthlyHurdle;
                var summary = kernel.FillScenario(batch.PricePerGpuHour[j], 1.0 / (1.0 + monthlyHurdle));
                var net = kernel.Net;
                if (simd) lanes.Copy(k, net, summary);
                else
                {
                    results.Npv[j] = Rates.Npv(monthlyHurdle, net);
                    if (summary.Shape == FlowShape.Conventional) lanes.Load(k, net, summary);
                }
                var shape = summary.Shape;
                if (shape == FlowShape.NoInflow || shape == FlowShape.NoOutflow)
                    SetIrr(results, j, shape == FlowShape.NoInflow ? IrrStatus.NoInflow : IrrStatus.NoOutflow, 0);
                else if (shape == FlowShape.Other)
                {
                    if (!MultiSignIrr.TrySolve(net, monthlyHurdle, out var status, out var monthly))
                        status = BatchIrr.SolveReturn(net, monthlyHurdle, out monthly);
                    SetIrr(results, j, status, monthly);
                }
                if (floors) results.Floor[j] = kernel.Floor(batch, j, monthlyHurdle);
            }
            if (simd)
            {
                // NPV at the hurdle four scenarios at a time, in the same operations as Rates.Npv.
                lanes.Npv(hurdles, npv);
                npv[..count].CopyTo(results.Npv.AsSpan(i, count));
            }
            if (lanes.Lanes == 0) continue;
            var solved = lanes.Solve(simd);
            for (var k = 0; k < count; k++)
            {
                if ((lanes.Lanes & (1 << k)) == 0) continue;
                var j = i + k;
                if ((solved & (1 << k)) != 0)
                {
                    SetIrr(results, j, IrrStatus.Converged, lanes.Rates[k]);
                    continue;
                }
                // A lane that failed its check: the scalar solver on its flows, computed again.
                kernel.Load(batch, j);
                kernel.Fill(batch.PricePerGpuHour[j], true);
                var status = BatchIrr.SolveReturn(kernel.Net, Rates.AnnualToMonthly(batch.Hurdle[j]), out var monthly);
                SetIrr(results, j, status, monthly);
            }
        }
    }

    // Financed with vectors: each group of four scenarios' months in one pass, four lanes at a time
    // (FinancedFlows.FillGroup), their floors' first evaluation likewise (FloorGroup), the IRR as in Financed.
    private static void FinancedLanes(RentalBatch batch, RentalBatchResults results, int start, int end, FinancedFlows kernel, bool floors)
    {
        var lanes = kernel.Lanes;
        const int width = ConventionalLanes.Width;
        Span<double> hurdles = stackalloc double[width];
        Span<double> x = stackalloc double[width];
        Span<double> npv = stackalloc double[width];
        Span<double> floor = stackalloc double[width];
        Span<FlowSummary> summaries = stackalloc FlowSummary[width];
        var net = new double[128];
        for (var i = start; i < end; i += width)
        {
            var count = Math.Min(width, end - i);
            hurdles.Clear();
            for (var k = 0; k < count; k++)
            {
                hurdles[k] = Rates.AnnualToMonthly(batch.Hurdle[i + k]);
                x[k] = 1.0 / (1.0 + hurdles[k]);
            }
            kernel.FillGroup(batch, i, count, x, lanes, summaries);
            lanes.Npv(hurdles, npv);
            npv[..count].CopyTo(results.Npv.AsSpan(i, count));
            for (var k = 0; k < count; k++)
            {
                var j = i + k;
                var shape = summaries[k].Shape;
                if (shape == FlowShape.NoInflow || shape == FlowShape.NoOutflow)
                    SetIrr(results, j, shape == FlowShape.NoInflow ? IrrStatus.NoInflow : IrrStatus.NoOutflow, 0);
                else if (shape == FlowShape.Other)
                {
                    var months = batch.SetupMonths[j] + batch.TermMonths[j];
                    if (net.Length <= months) net = new double[2 * (months + 1)];
                    var flows = lanes.Flows;
                    for (var t = 0; t <= months; t++) net[t] = flows[width * t + k];
                    var own = net.AsSpan(0, months + 1);
                    if (!MultiSignIrr.TrySolve(own, hurdles[k], out var status, out var monthly))
                        status = BatchIrr.SolveReturn(own, hurdles[k], out monthly);
                    SetIrr(results, j, status, monthly);
                }
            }
            if (floors)
            {
                kernel.FloorGroup(batch, i, count, hurdles, floor);
                floor[..count].CopyTo(results.Floor.AsSpan(i, count));
            }
            if (lanes.Lanes == 0) continue;
            var solved = lanes.Solve(true);
            for (var k = 0; k < count; k++)
            {
                if ((lanes.Lanes & (1 << k)) == 0) continue;
                var j = i + k;
                if ((solved & (1 << k)) != 0)
                {
                    SetIrr(results, j, IrrStatus.Converged, lanes.Rates[k]);
                    continue;
                }
                // A lane that failed its check: the scalar solver on its flows, computed again.
                kernel.Load(batch, j);
                kernel.Fill(batch.PricePerGpuHour[j], true);
                var status = BatchIrr.SolveReturn(kernel.Net, hurdles[k], out var monthly);
                SetIrr(results, j, status, monthly);
            }
        }
    }

    private static void SetIrr(RentalBatchResults results, int i, IrrStatus status, double monthly)
    {
        results.Status[i] = status;
        results.MonthlyIrr[i] = monthly;
        results.Irr[i] = status == IrrStatus.Converged ? Rates.MonthlyToAnnual(monthly) : 0.0;
    }

    // A financing the batch does not compute (a loan of another shape), or the reference asked for: the scalar model's
    // flows, IRR, NPV and floor.
    private static void Scalar(RentalBatch batch, RentalBatchResults results, int i)
    {
        var inputs = batch.Inputs(i);
        var flows = RentalProject.NetCashFlows(inputs);
        var irr = IrrSolver.SolveReturn(flows, Rates.AnnualToMonthly(batch.Hurdle[i]));
        var status = BatchIrr.StatusOf(irr, flows);
        results.Status[i] = status;
        results.MonthlyIrr[i] = status == IrrStatus.Converged ? irr.RatePerPeriod!.Value : 0.0;
        results.Irr[i] = status == IrrStatus.Converged ? Rates.MonthlyToAnnual(results.MonthlyIrr[i]) : 0.0;
        results.Npv[i] = Rates.Npv(Rates.AnnualToMonthly(batch.Hurdle[i]), flows);
        results.Floor[i] = FloorPrice.Compute(inputs, batch.Hurdle[i]);
    }

    // NPV(h, P) = A + P B: A = -K - 730 O T + rho K x^b, B = 730 util (p N + (1 - p) T), T = sum_{k=a}^{b} x^k.
    private static void NpvFloorScalar(RentalBatch batch, RentalBatchResults results, int i)
    {
        var uh = Math.Log(1.0 + batch.Hurdle[i]) / 12.0;
        int a = batch.SetupMonths[i] + 1, n = batch.TermMonths[i];
        var annuity = BatchIrr.LevelNpv(uh, 0, 1, 0, a, n).F;
        var xb = Math.Exp(-(a + n - 1) * uh);
        var capex = batch.CapexPerGpu[i];
        var p = batch.PrepayShare[i];
        var aCoef = -capex - Rates.HoursPerMonth * batch.OperatingCostPerHour[i] * annuity + batch.ResidualValueShare[i] * capex * xb;
        var bCoef = Rates.HoursPerMonth * batch.BilledUtilization[i] * (p * n + (1.0 - p) * annuity);
        results.Npv[i] = aCoef + batch.PricePerGpuHour[i] * bCoef;
        results.Floor[i] = -aCoef / bCoef;
    }

    private static void NpvFloorVector(RentalBatch batch, RentalBatchResults results, int i)
    {
        var one = Vector256<double>.One;
        var hours = Vector256.Create(Rates.HoursPerMonth);
        var uh = Vector256.Log(one + Vector256.Create(batch.Hurdle.AsSpan(i, 4))) * Vector256.Create(1.0 / 12.0);
        var sm = batch.SetupMonths;
        var tm = batch.TermMonths;
        var a = Vector256.Create(sm[i] + 1.0, sm[i + 1] + 1.0, sm[i + 2] + 1.0, sm[i + 3] + 1.0);
        var n = Vector256.Create((double)tm[i], tm[i + 1], tm[i + 2], tm[i + 3]);
        var b = a + n - one;
        var zero = Vector256<double>.Zero;
        var annuity = BatchIrr.LevelNpvVector(uh, zero, one, zero, a, n, b, false).F;
        var xb = Vector256.Exp(-(b * uh));
        var capex = Vector256.Create(batch.CapexPerGpu.AsSpan(i, 4));
        var p = Vector256.Create(batch.PrepayShare.AsSpan(i, 4));
        var aCoef = -capex - hours * Vector256.Create(batch.OperatingCostPerHour.AsSpan(i, 4)) * annuity
            + Vector256.Create(batch.ResidualValueShare.AsSpan(i, 4)) * capex * xb;
        var bCoef = hours * Vector256.Create(batch.BilledUtilization.AsSpan(i, 4)) * (p * n + (one - p) * annuity);
        (aCoef + Vector256.Create(batch.PricePerGpuHour.AsSpan(i, 4)) * bCoef).CopyTo(results.Npv.AsSpan(i, 4));
        (-aCoef / bCoef).CopyTo(results.Floor.AsSpan(i, 4));
    }
}
