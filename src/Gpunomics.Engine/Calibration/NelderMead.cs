namespace Gpunomics.Calibration;

/// <summary>Nelder-Mead simplex minimisation inside a box, deterministic.</summary>
internal static class NelderMead
{
    public static (double[] X, double Value) Minimize(Func<double[], double> f, double[] start, double[] lower, double[] upper,
        int maxEvaluations = 20_000, double tolerance = 1e-12)
    {
        var n = start.Length;
        double[] Clamp(double[] x) => x.Select((v, i) => Math.Clamp(v, lower[i], upper[i])).ToArray();
        double F(double[] x) => f(Clamp(x));
        var simplex = new double[n + 1][];
        simplex[0] = Clamp(start);
        for (var i = 0; i < n; i++)
        {
            var p = (double[])simplex[0].Clone();
            var step = 0.1 * (upper[i] - lower[i]);
            p[i] = p[i] + step <= upper[i] ? p[i] + step : p[i] - step;
            simplex[i + 1] = p;
        }
        var values = simplex.Select(F).ToArray();
        var evaluations = n + 1;
        while (evaluations < maxEvaluations)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            simplex = order.Select(i => simplex[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            if (Math.Abs(values[n] - values[0]) <= tolerance * (1 + Math.Abs(values[0]))) break;
            var centroid = new double[n];
            for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
            double[] Along(double t) => centroid.Select((c, j) => c + t * (simplex[n][j] - c)).ToArray();
            var reflected = Along(-1);
            var fr = F(reflected); evaluations++;
            if (fr < values[0])
            {
                var expanded = Along(-2);
                var fe = F(expanded); evaluations++;
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = Along(0.5);
                var fc = F(contracted); evaluations++;
                if (fc < values[n])
                {
                    (simplex[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        simplex[i] = simplex[i].Select((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j])).ToArray();
                        values[i] = F(simplex[i]); evaluations++;
                    }
                }
            }
        }
        var best = Enumerable.Range(0, n + 1).MinBy(i => values[i]);
        return (Clamp(simplex[best]), values[best]);
    }
}
