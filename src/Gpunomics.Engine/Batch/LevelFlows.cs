namespace Gpunomics.Batch;

/// <summary>
/// Many "level" cash-flow streams in structure-of-arrays form, one index per scenario:
/// flow <see cref="Initial"/> at period 0, a level <see cref="Level"/> in each of the
/// <see cref="LevelPeriods"/> periods starting at <see cref="FirstLevelPeriod"/>, and
/// <see cref="Terminal"/> added in the last level period. A rental project (capex net of prepayment,
/// then N level monthly rents net of opex and prepay credit, then a residual) has this shape.
/// </summary>
public sealed class LevelFlows
{
    /// <summary>Allocates room for <paramref name="count"/> scenarios (all zero).</summary>
    public LevelFlows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        Initial = new double[count];
        Level = new double[count];
        Terminal = new double[count];
        FirstLevelPeriod = new int[count];
        LevelPeriods = new int[count];
    }

    /// <summary>Number of scenarios.</summary>
    public int Count { get; }
    /// <summary>Flow at period 0, $ (negative: an outflow).</summary>
    public double[] Initial { get; }
    /// <summary>Level flow per period, $.</summary>
    public double[] Level { get; }
    /// <summary>Extra flow in the last level period (e.g. residual value), $.</summary>
    public double[] Terminal { get; }
    /// <summary>First period of the level flows, at least 1 (1 + setup months).</summary>
    public int[] FirstLevelPeriod { get; }
    /// <summary>Number of level periods, at least 1.</summary>
    public int[] LevelPeriods { get; }

    /// <summary>Writes scenario <paramref name="i"/> as an explicit flow array (period 0 first).</summary>
    public double[] Expand(int i)
    {
        var a = FirstLevelPeriod[i];
        var n = LevelPeriods[i];
        var flows = new double[a + n];
        flows[0] += Initial[i];
        for (var t = a; t < a + n; t++) flows[t] += Level[i];
        flows[a + n - 1] += Terminal[i];
        return flows;
    }

    internal void Validate()
    {
        for (var i = 0; i < Count; i++)
        {
            if (FirstLevelPeriod[i] < 1 || LevelPeriods[i] < 1)
                throw new ArgumentException($"scenario {i}: the first level period ({FirstLevelPeriod[i]}) and the number of level periods ({LevelPeriods[i]}) must be at least 1");
            if (!double.IsFinite(Initial[i]) || !double.IsFinite(Level[i]) || !double.IsFinite(Terminal[i]))
                throw new ArgumentException($"scenario {i}: cash flows must be finite numbers");
        }
    }
}
