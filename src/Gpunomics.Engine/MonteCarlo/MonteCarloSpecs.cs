using System.Globalization;
using Gpunomics.Inputs;

namespace Gpunomics.MonteCarlo;

/// <summary>
/// Reads a Monte Carlo run's distributions (<c>NAME=SPEC</c>) and correlations (<c>A,B=RHO</c>) as the command line
/// and the web API take them. A problem comes back as text naming the spec and what is allowed, for the shell to put
/// after its flag or parameter name.
/// </summary>
public static class MonteCarloSpecs
{
    /// <summary>
    /// The distributions of <paramref name="specs"/>, each <c>NAME=SPEC</c> with NAME an input of
    /// <paramref name="setup"/>'s <see cref="MonteCarloSetup.Varied"/> by name or scenario-file key (ignoring case,
    /// e.g. <c>colocationPerKwMonth</c> or <c>operations.colocationPerKwMonth</c>) and SPEC as
    /// <see cref="Distribution.Parse(string, ModelInput?)"/> reads it against the input's declared range, at most one per
    /// input; keyed by the input's name. An input outside the project, or debt and tax, is refused with the reason.
    /// Returns null, or the first problem (and no distributions).
    /// </summary>
    public static string? ReadDistributions(IEnumerable<string> specs, MonteCarloSetup setup, out Dictionary<string, Distribution> distributions)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(setup);
        distributions = new Dictionary<string, Distribution>(StringComparer.OrdinalIgnoreCase);
        var inputs = setup.Varied;
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return Fail($"'{spec}' must be NAME=SPEC, e.g. price=uniform(2.5,4) or operations.colocationPerKwMonth=uniform(120,220)", out distributions);
            var input = setup.Find(spec[..eq], out var unknown, inputs);
            if (input is null) return Fail($"'{spec}': {unknown}", out distributions);
            var name = input.Name;
            if (distributions.ContainsKey(name)) return Fail($"'{spec}': {name} already has a distribution; give one per input", out distributions);
            try
            {
                distributions[name] = Distribution.Parse(spec[(eq + 1)..], input);
            }
            catch (FormatException e)
            {
                return Fail($"{spec[..eq].Trim()}: {e.Message}", out distributions);
            }
        }
        return null;
    }

    /// <summary>
    /// The correlations of <paramref name="specs"/>, each <c>A,B=RHO</c> with RHO in (-1, 1). The input names are checked
    /// by the run (<see cref="MonteCarloSimulation.Run"/>), which needs both to have distributions. Returns null, or the
    /// first problem (and no correlations).
    /// </summary>
    public static string? ReadCorrelations(IEnumerable<string> specs, out List<Correlation> correlations)
    {
        ArgumentNullException.ThrowIfNull(specs);
        correlations = [];
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            var names = eq > 0 ? spec[..eq].Split(',') : [];
            if (names.Length != 2 || NumberText.Read(spec[(eq + 1)..], InputUnit.Ratio, out var rho) is not null)
            {
                correlations = [];
                return $"'{spec}' must be A,B=RHO, e.g. price,systemPriceMultiplier=0.5 (A and B: input names or scenario keys)";
            }
            if (!(rho > -1 && rho < 1))
            {
                correlations = [];
                return $"'{spec}': {rho.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: (-1, 1)";
            }
            correlations.Add(new Correlation(names[0].Trim(), names[1].Trim(), rho));
        }
        return null;
    }

    private static string Fail(string problem, out Dictionary<string, Distribution> distributions)
    {
        distributions = new Dictionary<string, Distribution>(StringComparer.OrdinalIgnoreCase);
        return problem;
    }
}
