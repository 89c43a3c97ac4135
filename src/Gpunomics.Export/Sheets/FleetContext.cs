using Gpunomics.Fleet;
using Gpunomics.Finance;
using Gpunomics.Tco;

namespace Gpunomics.Export.Sheets;

/// <summary>One fleet workbook being laid out: the run, the model, where each month and contract sits.</summary>
internal sealed class FleetContext
{
    public FleetContext(FleetResult result, EconomicsModel model)
    {
        Result = result;
        Model = model;
        Fleet = result.Fleet;
        Book = new WorkbookSpec { SystemId = "fleet", ScenarioName = result.Fleet.Name };
        Last = result.LastMonth;
        Contracts = Fleet.Contracts.Count;
    }

    public FleetResult Result { get; }
    public EconomicsModel Model { get; }
    public FleetDefinition Fleet { get; }
    public WorkbookSpec Book { get; }

    /// <summary>Last timeline month.</summary>
    public int Last { get; }

    /// <summary>Number of contracts.</summary>
    public int Contracts { get; }

    /// <summary>Row of timeline month t on the monthly sheets (spot prices, vintages, the fleet's months).</summary>
    public static int Row(int t) => t + 2;

    /// <summary>Last row of the monthly sheets.</summary>
    public int LastRow => Row(Last);

    /// <summary>Header rows of the ContractMonths sheet: each contract's vintage, GPUs, bill of its GPUs a month, prepaid share, operating cost per GPU-month, start month, total value.</summary>
    public const int CmVintage = 2, CmGpus = 3, CmBill = 4, CmPrepay = 5, CmOpex = 6, CmStart = 7, CmTotal = 8;

    /// <summary>Row of timeline month t on the ContractMonths sheet.</summary>
    public static int CmRow(int t) => t + 10;

    /// <summary>Blocks of the ContractMonths sheet, one column per contract in each.</summary>
    public const int Paying = 0, Defaulted = 1, Idle = 2, Backlog = 3, Recovery = 4;

    /// <summary>Column of contract <paramref name="i"/> in block <paramref name="block"/> of the ContractMonths sheet.</summary>
    public int CmCol(int block, int i) => 2 + block * Contracts + i;

    /// <summary>A row of one block of ContractMonths, as an absolute-column range (every contract).</summary>
    public string CmRange(int block, int row) =>
        $"{FleetWorkbook.ContractMonths}!${A1.Column(CmCol(block, 0))}{row}:${A1.Column(CmCol(block, Contracts - 1))}{row}";

    /// <summary>A header row of ContractMonths over the contracts (absolute).</summary>
    public string CmHeader(int headerRow) =>
        $"{FleetWorkbook.ContractMonths}!${A1.Column(CmCol(0, 0))}${headerRow}:${A1.Column(CmCol(0, Contracts - 1))}${headerRow}";

    /// <summary>Row of contract <paramref name="i"/> on the Contracts sheet.</summary>
    public static int ContractRow(int i) => i + 2;

    /// <summary>Row of vintage <paramref name="j"/> on the Deployments sheet.</summary>
    public static int DeploymentRow(int j) => j + 2;

    /// <summary>An absolute reference to a cell of the Deployments sheet.</summary>
    public static string Dep(int j, int col) => $"{FleetWorkbook.Deployments}!{A1.Abs(DeploymentRow(j), col)}";

    /// <summary>An absolute reference to a cell of the Contracts sheet.</summary>
    public static string Con(int i, int col) => $"{FleetWorkbook.Contracts}!{A1.Abs(ContractRow(i), col)}";

    /// <summary>Operating cost per GPU-month of vintage <paramref name="v"/> at <paramref name="utilization"/>, as the fleet model takes it.</summary>
    public double OpexPerGpuMonth(VintageResult v, double utilization) =>
        TcoModel.OperatingCostPerHour(Model.System(v.Deployment.SystemId), v.CapexPerGpu, Model.Scenario.Operations, utilization) * Rates.HoursPerMonth;

    /// <summary>The vintage a contract rents.</summary>
    public VintageResult VintageOf(FleetContract c) =>
        Result.Vintages.First(v => string.Equals(v.Deployment.Id, c.DeploymentId, StringComparison.OrdinalIgnoreCase));

    public SheetSpec NewSheet(string name, params (string Header, double Width)[] columns) => Book.AddSheet(name, columns);

    public void Name(string name, SheetSpec sheet, int row, int col) => Book.Name(name, sheet, row, col);

    public void NameRange(string name, SheetSpec sheet, int row1, int col1, int row2, int col2) =>
        Book.NameRange(name, sheet, row1, col1, row2, col2);

    /// <summary>An input cell.</summary>
    public static SheetCell In(object? value, string? format) => new(value, null, format, CellRole.Input);
}
