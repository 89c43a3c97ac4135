using System.CommandLine;
using Gpunomics.Inputs;
using Gpunomics.Tests.Shared;

namespace Gpunomics.Cli.Tests;

/// <summary>Numbers on the command line are read as typed and checked against their input's one declaration.</summary>
public class NumberInputTests
{
    [Theory]
    [InlineData("--price", "3,5", "write 3.5", "project", "gb300-nvl72")]
    [InlineData("--hurdle", "0,2", "write 0.2", "floor", "gb300-nvl72")]
    [InlineData("--ratio", "3,5", "write 3.5", "tokens", "blended")]
    public void A_decimal_comma_is_refused_with_a_hint(string flag, string value, string hint, params string[] command) =>
        Cli.AssertUserError(Cli.Run([.. command, flag, value]), $"{flag}: '{value}' has a comma", hint);

    [Fact]
    public void A_bare_hurdle_of_5_is_refused_as_a_likely_5_percent() =>
        Cli.AssertUserError(Cli.Run("floor", "gb300-nvl72", "--hurdle", "5"), "--hurdle: 5 is not a rate", "did you mean 5%?", "-99% to 1000%");

    [Fact]
    public void A_hurdle_written_as_a_percentage_is_the_same_as_the_fraction()
    {
        var percent = Cli.Run("floor", "gb300-nvl72", "--hurdle", "15.6%", "--json");
        var fraction = Cli.Run("floor", "gb300-nvl72", "--hurdle", "0.156", "--json");
        Assert.Equal(0, percent.ExitCode);
        Assert.Equal(fraction.Out, percent.Out);
    }

    [Fact]
    public void Debt_share_without_a_rate_is_an_error_naming_debt_rate() =>
        Cli.AssertUserError(Cli.Run("floor", "gb300-nvl72", "--debt-share", "0.6"), "--debt-share 0.6 needs --debt-rate");

    [Fact]
    public void Debt_share_with_its_rate_runs()
    {
        var r = Cli.Run("floor", "gb300-nvl72", "--debt-share", "60%", "--debt-rate", "8%", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("equity (levered)", r.Out);
    }

    [Fact]
    public void A_hurdle_distribution_in_percent_points_asks_for_the_percentage() =>
        Cli.AssertUserError(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "100", "--distribution", "hurdle=normal(15.6,2)"), "--distribution hurdle", "did you mean 15.6%?");

    [Fact]
    public void A_residual_distribution_below_zero_is_refused_with_the_range() =>
        Cli.AssertUserError(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "100", "--distribution", "residual=uniform(-1,0)"), "--distribution residual", "uniform(-1,0)", "[0, 1]");

    [Fact]
    public void A_price_of_1e308_is_refused_with_the_range() =>
        Cli.AssertUserError(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "100", "--distribution", "price=1e308"), "--distribution price: 1e308 is out of range", "[0, 10000]");

    [Fact]
    public void A_second_distribution_for_the_same_input_is_refused_not_silently_replaced() =>
        Cli.AssertUserError(Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "100", "--distribution", "price=3", "--distribution", "Price=uniform(2,4)"), "price already has a distribution");

    [Fact]
    public void A_multiplier_normal_reaching_below_zero_is_truncated_and_the_output_says_so()
    {
        var r = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "2000", "--distribution", "systemPriceMultiplier=normal(1,2)");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("systemPriceMultiplier ~ normal(1,2) truncated to (0, 100] (30.85% of it lay outside)", r.Out);
    }

    [Fact]
    public void A_hurdle_distribution_in_percent_runs_as_the_fraction()
    {
        var percent = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "2000", "--json", "--distribution", "hurdle=normal(15.6%,2%)");
        var fraction = Cli.Run("montecarlo", "gb300-nvl72", "--scenarios", "2000", "--json", "--distribution", "hurdle=normal(0.156,0.02)");
        Assert.Equal(0, percent.ExitCode);
        Assert.Equal(fraction.Out, percent.Out);
    }

    [Theory]
    [InlineData("--term-months", "36.5", "36.5 is not a whole number; allowed: whole numbers in [1, 600]", "floor", "vr-nvl72")]
    [InlineData("--price", "abc", "'abc' is not a number", "project", "vr-nvl72")]
    [InlineData("--seed", "-1", "-1 is out of range; allowed: whole numbers in [0, 9007199254740991]", "montecarlo", "vr-nvl72")]
    [InlineData("--scenarios", "1,000", "'1,000' has a comma: numbers take a decimal point and no thousands separators; write 1000", "montecarlo", "vr-nvl72")]
    [InlineData("--term-months", "2,5", "give a whole number without separators", "floor", "vr-nvl72")]
    [InlineData("--steps", "2.5", "2.5 is not a whole number; allowed: whole numbers in [1, 100]", "tokens", "mix", "--from", "frontier", "--to", "fast")]
    [InlineData("--isl", "8k", "'8k' is not a number", "inferencex", "frontier", "x.json", "--hardware", "b300")]
    [InlineData("--raw-gpus", "0", "0 is out of range; allowed: whole numbers in [1, 100000]", "inferencex", "frontier", "x.json", "--hardware", "b300")]
    public void A_whole_number_flag_names_what_is_allowed_not_a_type(string flag, string value, string message, params string[] command)
    {
        var r = Cli.Run([.. command, flag, value]);
        Cli.AssertUserError(r, $"{flag}: ", message);
        Assert.DoesNotContain("System.", r.Err);
    }

    public static TheoryData<string> WholeSettings() => [.. CliInputs.All.Select(i => i.Flag!)];

    /// <summary>Counts, lengths and the seed accept exactly their declared range, like the model's inputs.</summary>
    [Theory]
    [MemberData(nameof(WholeSettings))]
    public void Every_whole_number_setting_accepts_exactly_its_declared_range(string flag)
    {
        var input = CliInputs.All.Single(i => i.Flag == flag);
        var root = CliApp.BuildRoot(TextWriter.Null);
        var paths = Commands(root, []).Where(c => c.Command.Options.Any(o => o.Name == flag)).Select(c => c.Path).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths)
            foreach (var edge in InputEdges.Of(input).Append(new InputEdges.Edge("2.5", 2.5, false)))
            {
                var errors = root.Parse([.. path, flag, edge.Text]).Errors.Where(e => e.Message.StartsWith(flag + ":", StringComparison.Ordinal)).ToList();
                Assert.True(edge.Allowed == (errors.Count == 0), $"{string.Join(' ', path)} {flag} {edge.Text}: {(edge.Allowed ? "refused" : "accepted")}");
                Assert.All(errors, e => Assert.Contains(input.Range.ToString(), e.Message));
            }
    }

    /// <summary>No whole-number flag is left to the parser's own conversion (which answers with a .NET type name).</summary>
    [Fact]
    public void Every_whole_number_flag_is_read_by_the_one_number_reader()
    {
        var whole = Commands(CliApp.BuildRoot(TextWriter.Null), [])
            .SelectMany(c => c.Command.Options.Select(o => (c.Path, Option: o)))
            .Where(x => Nullable.GetUnderlyingType(x.Option.ValueType) is { } t ? t.IsPrimitive : x.Option.ValueType.IsPrimitive && x.Option.ValueType != typeof(bool))
            .Where(x => x.Option.ValueType != typeof(double) && x.Option.ValueType != typeof(double?))
            .ToList();
        Assert.True(whole.Count >= 7, $"only {whole.Count} whole-number flags found");
        foreach (var (path, option) in whole)
        {
            Assert.True(option.GetType().GetProperty("CustomParser")!.GetValue(option) is not null, $"{string.Join(' ', path)} {option.Name} is not read by NumberOptions");
            Assert.Contains(ModelInputs.All.Concat(CliInputs.All), i => i.Flag == option.Name);
        }
    }

    public static TheoryData<string> Flagged() => [.. ModelInputs.All.Where(i => i.Flag is not null).Select(i => i.Name)];

    /// <summary>Every command taking a declared input's flag accepts the range's edges and refuses just past them.</summary>
    [Theory]
    [MemberData(nameof(Flagged))]
    public void Every_flag_accepts_exactly_its_declared_range(string name)
    {
        var input = ModelInputs.Find(name)!;
        var root = CliApp.BuildRoot(TextWriter.Null);
        var checkedCommands = 0;
        foreach (var flag in input.Flag!.Split(", "))
        {
            foreach (var path in Commands(root, []).Where(c => c.Command.Options.Any(o => o.Name == flag)).Select(c => c.Path))
            {
                checkedCommands++;
                foreach (var edge in InputEdges.Of(input))
                {
                    var errors = root.Parse([.. path, flag, edge.Text]).Errors.Where(e => e.Message.StartsWith(flag + ":", StringComparison.Ordinal)).ToList();
                    Assert.True(edge.Allowed == (errors.Count == 0),
                        $"{string.Join(' ', path)} {flag} {edge.Text}: {(edge.Allowed ? "refused" : "accepted")} {string.Join("; ", errors.Select(e => e.Message))}");
                }
            }
        }
        Assert.True(checkedCommands > 0, $"no command takes {input.Flag}");
    }

    /// <summary>A new numeric flag cannot bypass the reader: every option holding a decimal number is built by NumberOptions.</summary>
    [Fact]
    public void Every_decimal_flag_is_read_by_the_one_number_reader()
    {
        var numeric = Commands(CliApp.BuildRoot(TextWriter.Null), [])
            .SelectMany(c => c.Command.Options.Select(o => (c.Path, Option: o)))
            .Where(x => x.Option.ValueType == typeof(double) || x.Option.ValueType == typeof(double?) || x.Option.ValueType == typeof(double[]))
            .ToList();
        Assert.True(numeric.Count > 30, $"only {numeric.Count} decimal flags found");
        foreach (var (path, option) in numeric)
        {
            var parser = option.GetType().GetProperty("CustomParser")!.GetValue(option);
            Assert.True(parser is not null, $"{string.Join(' ', path)} {option.Name} is not read by NumberOptions");
            Assert.Contains(ModelInputs.All, i => i.Flag is not null && i.Flag.Split(", ").Contains(option.Name));
        }
    }

    private static IEnumerable<(Command Command, string[] Path)> Commands(Command c, string[] path)
    {
        yield return (c, path);
        foreach (var sub in c.Subcommands)
            foreach (var x in Commands(sub, [.. path, sub.Name])) yield return x;
    }
}
