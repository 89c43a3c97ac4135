namespace Gpunomics.Json;

/// <summary>One problem with user input: where it is, what was found, and what is allowed.</summary>
/// <param name="Source">The file (or other source) the input came from.</param>
/// <param name="Path">The key path inside it, e.g. <c>contract.prepayShare</c>.</param>
/// <param name="Value">The offending value as written, or null when the key is missing.</param>
/// <param name="Allowed">What is allowed.</param>
public sealed record InputError(string Source, string Path, string? Value, string Allowed)
{
    /// <inheritdoc />
    public override string ToString() => Value is null
        ? $"{Source}: {Path}: {Allowed}"
        : $"{Source}: {Path}: {Value} is not allowed; {Allowed}";
}

/// <summary>The result of reading user input: a value, or the errors that prevent one.</summary>
public sealed class ReadResult<T>
    where T : class
{
    private ReadResult(T? value, IReadOnlyList<InputError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The value, when there are no errors.</summary>
    public T? Value { get; }

    /// <summary>Every problem found (empty on success).</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>True when the input was valid.</summary>
    public bool Ok => Errors.Count == 0 && Value is not null;

    internal static ReadResult<T> Success(T value) => new(value, []);

    internal static ReadResult<T> Failure(IReadOnlyList<InputError> errors) => new(null, errors);
}

/// <summary>Results made outside a reader.</summary>
public static class ReadResults
{
    /// <summary>A result refusing input its reader took, for a use that cannot take it (e.g. a shell without a feature).</summary>
    public static ReadResult<T> Refused<T>(InputError error) where T : class => ReadResult<T>.Failure([error]);
}
