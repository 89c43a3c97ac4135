using System.Globalization;
using Gpunomics.Catalog;
using Gpunomics.Rental;

namespace Gpunomics.Export.Sheets;

/// <summary>
/// One workbook being laid out: what every sheet reads (the model, the system, the export choices, the
/// schedule's length) and the book the sheets add themselves and their defined names to.
/// </summary>
internal sealed class WorkbookContext
{
    private IReadOnlyList<CashFlowMonth>? _debtPerDollar;

    public WorkbookContext(EconomicsModel model, AcceleratorSystem system, ExportOptions options)
    {
        Model = model;
        System = system;
        Options = options;
        Scenario = model.Scenario;
        Book = new WorkbookSpec { SystemId = system.Id, ScenarioName = model.Scenario.Name };
        Price = options.PricePerGpuHour ?? ScenarioWorkbook.DefaultPrice(model, system.Id);
        Multiplier = options.SystemPriceMultiplier;
        Inputs = model.ProjectInputs(system.Id, Price, null, Multiplier);
        ContractEnd = Scenario.Contract.SetupMonths + Scenario.Contract.TermMonths;
        Horizon = Inputs.LastMonth;
        LastMonth = Math.Max(Horizon, ScenarioWorkbook.MinScheduleMonths);
        var f = Scenario.Financing;
        ShapedLoan = f.HasDebt && f.Loan.ChangesFlows;
        LoanMovesWithPrice = f.HasDebt && (f.Loan.Repayment == Financing.Repayment.Sculpted || f.Sizing.Method == Financing.DebtSizingMethod.MinDscr
            || f.Sizing is { Method: Financing.DebtSizingMethod.MaxLtv, Basis: Financing.LtvBasis.ContractValue });
        Deal = Life is not null || f.Loan.ChangesFlows;
        Debt = ShapedLoan ? RentalProject.Debt(Inputs) : null;
        if (LoanMovesWithPrice && model.TryFloor(system.Id, out var floor, out _, null, null, Multiplier))
        {
            Floor = floor;
            FloorInputs = model.ProjectInputs(system.Id, floor, null, Multiplier);
        }
    }

    /// <summary>The engine's floor where the loan moves with the price (solved numerically), or null.</summary>
    public double? Floor { get; }

    /// <summary>The project's inputs at <see cref="Floor"/>, or null.</summary>
    public RentalInputs? FloorInputs { get; }

    /// <summary>The rental project's inputs at the export price and multiplier.</summary>
    public RentalInputs Inputs { get; }

    /// <summary>The asset's life after the first contract, or null when it ends with the contract.</summary>
    public AssetLife.AssetLifeFlows? Life => Inputs.Life;

    /// <summary>Month the first contract ends: setup + term.</summary>
    public int ContractEnd { get; }

    /// <summary>True when the loan has another shape than the plain one (drawn over months, sized by DSCR or LTV, interest-only, sculpted or balloon): the Debt sheet schedules it.</summary>
    public bool ShapedLoan { get; }

    /// <summary>True when the loan's flows move with the rental price (sculpted, sized by DSCR or by LTV against the contract's value): NPV is then no line in the price, and the floor is the engine's numeric solve.</summary>
    public bool LoanMovesWithPrice { get; }

    /// <summary>True for a deal beyond the plain project (an asset life, capex drawn over months, or a shaped loan): the One Chart sheets hold the engine's values.</summary>
    public bool Deal { get; }

    /// <summary>The engine's schedule of a shaped loan at the export price, or null.</summary>
    public Financing.DebtSchedule? Debt { get; }

    public EconomicsModel Model { get; }

    public AcceleratorSystem System { get; }

    public Scenarios.Scenario Scenario { get; }

    public ExportOptions Options { get; }

    public WorkbookSpec Book { get; }

    /// <summary>Rental price of the CashFlows and Returns sheets, $/GPU-hour.</summary>
    public double Price { get; }

    /// <summary>System price multiplier of the Capex, TCO, CashFlows and Returns sheets.</summary>
    public double Multiplier { get; }

    /// <summary>Last month of the project: setup + term, or with an asset life, the life's end.</summary>
    public int Horizon { get; }

    /// <summary>Last month with a row in the schedules (at least <see cref="ScenarioWorkbook.MinScheduleMonths"/>).</summary>
    public int LastMonth { get; }

    /// <summary>The engine's schedule of a $1 loan on this contract: its Debt and Interest lines per $1 borrowed.</summary>
    public IReadOnlyList<CashFlowMonth> DebtPerDollar =>
        _debtPerDollar ??= RentalProject.Schedule(new RentalInputs(2, 0, 0, Scenario.Contract, Scenario.Financing with { DebtShare = 0.5, TaxRate = 0, Loan = Financing.LoanStructure.Default }));

    /// <summary>Adds a sheet with a header row of these columns.</summary>
    public SheetSpec NewSheet(string name, params (string Header, double Width)[] columns) => Book.AddSheet(name, columns);

    /// <summary>Names one cell.</summary>
    public void Name(string name, SheetSpec sheet, int row, int col) => Book.Name(name, sheet, row, col);

    /// <summary>Names a range.</summary>
    public void NameRange(string name, SheetSpec sheet, int row1, int col1, int row2, int col2) =>
        Book.NameRange(name, sheet, row1, col1, row2, col2);
}

/// <summary>The cells the sheets are made of.</summary>
internal static class Cells
{
    /// <summary>A text cell.</summary>
    public static SheetCell Label(string text) => new(text, null, null, CellRole.Label);

    /// <summary>A derived cell: its formula and the engine's value for it.</summary>
    public static SheetCell F(string formula, object? value, string? format, bool rate = false) =>
        new(value, formula, format, CellRole.Derived, rate);

    /// <summary>A number as a formula writes it, round-trip exact.</summary>
    public static string N(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
