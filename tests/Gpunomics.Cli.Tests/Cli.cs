using Gpunomics.Cli;

namespace Gpunomics.Cli.Tests;

/// <summary>Runs the real command line in process and captures what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e);
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>Runs the command line with <paramref name="stdin"/> as standard input.</summary>
    public static Result RunWithInput(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, new StringReader(stdin), o, e);
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>A user's mistake: exit code 2, nothing on stdout, one message on stderr naming each of <paramref name="mustMention"/>, no stack trace.</summary>
    public static void AssertUserError(Result r, params string[] mustMention)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Err}");
        Assert.Equal("", r.Out);
        Assert.StartsWith("error: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        foreach (var m in mustMention) Assert.Contains(m, r.Err);
    }

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gpunomics.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
