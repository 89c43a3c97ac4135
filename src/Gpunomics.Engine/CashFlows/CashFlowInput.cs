using Gpunomics.Finance;

namespace Gpunomics.CashFlows;

/// <summary>
/// Cash flows as read from a user's file or text: either periodic (flow t at the end of period t, flow 0 now) or
/// dated (a date and an amount per row), never both.
/// </summary>
public sealed record CashFlowInput
{
    /// <summary>Periodic flows, flow 0 at time 0; null for dated flows.</summary>
    public IReadOnlyList<double>? Periodic { get; init; }

    /// <summary>Dated flows in the order given; null for periodic flows.</summary>
    public IReadOnlyList<DatedFlow>? Dated { get; init; }

    /// <summary>What the reader did that a user should know (rows out of date order, dates given twice); empty otherwise.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True for dated flows.</summary>
    public bool IsDated => Dated is not null;

    /// <summary>Number of flows (rows) read.</summary>
    public int Count => Periodic?.Count ?? Dated!.Count;
}

/// <summary>One bad row of cash-flow input: where it is, what was found and what is allowed.</summary>
/// <param name="Source">The file (or other source) the input came from.</param>
/// <param name="Row">The row, 1-based (the line of a text file, the element of a JSON array); 0 for the input as a whole.</param>
/// <param name="Field">The field: <c>amount</c>, <c>date</c>, <c>row</c> (its shape) or <c>flows</c> (the whole input).</param>
/// <param name="Value">The value as written, or null when it is missing.</param>
/// <param name="Allowed">What is allowed.</param>
public sealed record CashFlowError(string Source, int Row, string Field, string? Value, string Allowed)
{
    /// <inheritdoc />
    public override string ToString() =>
        (Row > 0 ? $"{Source}: row {Row}: {Field}: " : $"{Source}: ") + (Value is null ? Allowed : $"'{Value}' is not allowed; {Allowed}");
}

/// <summary>The flows read, or every bad row found.</summary>
public sealed class CashFlowReadResult
{
    internal CashFlowReadResult(CashFlowInput? value, IReadOnlyList<CashFlowError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The flows, when there are no errors.</summary>
    public CashFlowInput? Value { get; }

    /// <summary>Every problem found (empty on success).</summary>
    public IReadOnlyList<CashFlowError> Errors { get; }

    /// <summary>True when the input was valid.</summary>
    public bool Ok => Errors.Count == 0 && Value is not null;
}
