namespace Gpunomics.Cli;

/// <summary>A mistake in what the user gave (a flag, a file): reported in one clear message, exit code 2.</summary>
internal sealed class UserInputException(string message) : Exception(message);
