using Gpunomics.Market;

namespace Gpunomics.Engine.Tests.Market;

/// <summary>Stochastic market paths: the process, the path generator, the streaming driver and the volatility fit.</summary>
public class MarketPathTests
{
    // Three systems whose forward curves fall 30%, 20% and 10% a year from $4, $6 and $2, over 10 years.
    private static MarketPathModel Model(PriceProcess process, int months = 121)
    {
        double[] start = [4, 6, 2];
        double[] change = [-0.3, -0.2, -0.1];
        var forward = start.Select((p, s) => (IReadOnlyList<double>)[.. Enumerable.Range(0, months).Select(m => p * Math.Pow(1 + change[s], m / 12.0))]).ToList();
        return new MarketPathModel(["x", "y", "z"], forward, process);
    }

    // Normal quantile for a two-sided test at 1e-4: each statistical check below fails by chance about once in 10,000 runs.
    private const double Z = 3.890591886413094;

    public class Paths
    {
        [Fact]
        public void A_path_depends_only_on_the_seed_and_its_index()
        {
            var model = Model(new PriceProcess(0.4, 0.3, 0.5));
            var a = new double[model.PathLength];
            var b = new double[model.PathLength];
            model.Fill(7, 41, a);
            for (var i = 0; i < 40; i++) model.Fill(7, i, b);
            model.Fill(7, 41, b);
            Assert.Equal(a, b);
            model.Fill(8, 41, b);
            Assert.NotEqual(a, b);
        }

        [Fact]
        public void Month_0_is_the_forward_price_and_no_volatility_gives_the_forward_curve()
        {
            var model = Model(new PriceProcess(0, 0, 1));
            var p = new double[model.PathLength];
            model.Fill(1, 3, p);
            for (var s = 0; s < 3; s++)
                for (var m = 0; m < model.Months; m++) Assert.Equal(model.Forward(s, m), p[model.Index(s, m)], 12);
        }

        [Theory]
        [InlineData(0.4, 0.5, 0.5)]
        [InlineData(0.3, 0.0, 0.0)]
        [InlineData(0.3, 0.0, 1.0)]
        public void The_mean_of_the_paths_is_the_forward_curve(double sigma, double kappa, double rho)
        {
            // Each month's sample mean is within Z standard errors of the forward price; the standard error of the mean of
            // a lognormal price is F sqrt((e^v - 1) / N), v = Var ln P from the process.
            const int n = 20_000;
            var process = new PriceProcess(sigma, kappa, rho);
            var model = Model(process);
            int[] months = [1, 12, 60, 120];
            var sums = new double[3 * months.Length];
            var p = new double[model.PathLength];
            for (var i = 0; i < n; i++)
            {
                model.Fill(11, i, p);
                for (var s = 0; s < 3; s++)
                    for (var k = 0; k < months.Length; k++) sums[s * months.Length + k] += p[model.Index(s, months[k])];
            }
            for (var s = 0; s < 3; s++)
                for (var k = 0; k < months.Length; k++)
                {
                    var f = model.Forward(s, months[k]);
                    var v = process.LogVariance(months[k] / 12.0);
                    var tolerance = Z * f * Math.Sqrt((Math.Exp(v) - 1) / n);
                    var mean = sums[s * months.Length + k] / n;
                    Assert.True(Math.Abs(mean - f) <= tolerance, $"system {s} month {months[k]}: mean {mean}, forward {f}, tolerance {tolerance}");
                }
        }

        [Fact]
        public void The_spread_of_ln_price_and_the_correlation_of_systems_are_the_process_s()
        {
            // Sample variance of ln(P / F) at 5 years within Z sd of v (sd of a normal sample variance: v sqrt(2 / (N - 1)));
            // sample correlation of two systems' ln prices within Z of rho on Fisher's z scale (sd 1 / sqrt(N - 3)).
            const int n = 20_000;
            var process = new PriceProcess(0.5, 0.2, 0.6);
            var model = Model(process);
            var p = new double[model.PathLength];
            var x = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                model.Fill(3, i, p);
                x[i] = Math.Log(p[model.Index(0, 60)] / model.Forward(0, 60));
                y[i] = Math.Log(p[model.Index(1, 60)] / model.Forward(1, 60));
            }
            var v = process.LogVariance(5);
            double mx = x.Average(), my = y.Average();
            var vx = x.Sum(a => (a - mx) * (a - mx)) / (n - 1);
            var vy = y.Sum(a => (a - my) * (a - my)) / (n - 1);
            var cxy = x.Zip(y).Sum(q => (q.First - mx) * (q.Second - my)) / (n - 1);
            Assert.InRange(vx, v - Z * v * Math.Sqrt(2.0 / (n - 1)), v + Z * v * Math.Sqrt(2.0 / (n - 1)));
            Assert.InRange(vy, v - Z * v * Math.Sqrt(2.0 / (n - 1)), v + Z * v * Math.Sqrt(2.0 / (n - 1)));
            var r = cxy / Math.Sqrt(vx * vy);
            Assert.InRange(Math.Atanh(r), Math.Atanh(0.6) - Z / Math.Sqrt(n - 3), Math.Atanh(0.6) + Z / Math.Sqrt(n - 3));
        }

        [Fact]
        public void Filling_a_path_allocates_nothing()
        {
            var model = Model(new PriceProcess(0.4, 0.3, 0.5));
            var p = new double[model.PathLength];
            model.Fill(1, 0, p);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 1; i < 10_000; i++) model.Fill(1, i, p);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void A_random_walk_s_variance_is_sigma_squared_t_and_reversion_caps_it()
        {
            var walk = new PriceProcess(0.5, 0, 1);
            Assert.Equal(0.25 * 3, walk.LogVariance(3), 15);
            Assert.Null(walk.HalfLifeYears);
            // Either side of kappa t = 1e-6, where the series takes over from the closed form, the two agree.
            var below = new PriceProcess(0.5, 1e-6 / 3 * (1 - 1e-9), 1).LogVariance(3);
            var above = new PriceProcess(0.5, 1e-6 / 3 * (1 + 1e-9), 1).LogVariance(3);
            Assert.Equal(1, below / above, 10);
            Assert.Equal(0.75 * (1 - 1e-6), below, 11);
            var fast = new PriceProcess(0.5, 2, 1);
            Assert.Equal(0.25 / 4, fast.LogVariance(100), 12);
            Assert.Equal(Math.Log(2) / 2, fast.HalfLifeYears!.Value, 15);
        }
    }

    public class Driver
    {
        private static PathOutputStatistics Run(MarketPathModel model, long paths, int threads) =>
            MarketPathSimulation.Run(model, ["x year 5", "z/x year 10", "none when x falls below half"], paths, 5, () => new double[1], (scratch, _, p, o) =>
            {
                o.Set(0, p[model.Index(0, 60)]);
                o.Set(1, p[model.Index(2, 120)] / p[model.Index(0, 120)]);
                scratch[0] = p[model.Index(0, 120)] / model.Forward(0, 120);
                if (scratch[0] >= 0.5) o.Set(2, scratch[0]);
            }, threads);

        [Fact]
        public void The_same_seed_gives_the_same_statistics_on_one_thread_and_on_two()
        {
            var model = Model(new PriceProcess(0.4, 0.3, 0.5));
            var one = Run(model, 5_000, 1);
            var two = Run(model, 5_000, 2);
            Assert.Equal(5_000, one.Paths);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(one.Summary(k), two.Summary(k));
                Assert.Equal(one.PathsWithout(k), two.PathsWithout(k));
                Assert.Equal(one.Histogram(k).Bins(), two.Histogram(k).Bins());
            }
            Assert.True(one.PathsWithout(2) > 0);
            Assert.Equal(5_000, one.Summary(2).Count + one.PathsWithout(2));
        }

        [Fact]
        public void The_driver_s_percentiles_are_the_paths_own_within_the_stated_accuracy()
        {
            var model = Model(new PriceProcess(0.4, 0.3, 0.5));
            const int n = 3_000;
            var stats = Run(model, n, 2);
            var p = new double[model.PathLength];
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                model.Fill(5, i, p);
                values[i] = p[model.Index(0, 60)];
            }
            Array.Sort(values);
            foreach (var (q, got) in new[] { (5, stats.Summary(0).P5), (50, stats.Summary(0).P50), (95, stats.Summary(0).P95) })
            {
                var exact = values[(n * q + 99) / 100 - 1];
                Assert.InRange(got!.Value, exact * (1 - Gpunomics.MonteCarlo.StreamingHistogram.RelativeAccuracy), exact * (1 + Gpunomics.MonteCarlo.StreamingHistogram.RelativeAccuracy));
            }
        }

        [Fact]
        public void Memory_does_not_grow_with_the_number_of_paths()
        {
            // One output whose values all lie in [1, 2), so its histogram holds one page however many paths it sees:
            // what the run allocates then is the same for 2,560 paths as for 25,600.
            var model = Model(new PriceProcess(0.4, 0.3, 0.5));
            long Allocated(long paths)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                MarketPathSimulation.Run(model, ["bounded"], paths, 1, () => 0, (_, _, p, o) => o.Set(0, 1 + p[1] / (1 + p[1])), 1);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Allocated(256);
            var small = Allocated(2_560);
            var large = Allocated(25_600);
            Assert.True(large - small < 23_040, $"{small} bytes for 2,560 paths, {large} for 25,600: under one byte per extra path expected");
        }

        [Fact]
        public void An_output_s_value_must_be_finite()
        {
            var model = Model(new PriceProcess(0.4, 0.3, 0.5));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => MarketPathSimulation.Run(model, ["a"], 10, 1, () => 0, (_, _, _, o) => o.Set(0, double.NaN), 1));
            Assert.Contains("leave the output unset", e.Message, StringComparison.Ordinal);
        }
    }

    public class Fitting
    {
        private static readonly DateOnly Launch = new(2020, 1, 1);

        // Observations from a known process: systems launched together, each observed at dates spread over four years,
        // one to three providers a date; ln price = level + b age + X_s(t) + provider noise (sd tau), X a random walk.
        private static VolatilityFit Simulate(int seed, double sigma, double tau, int systems = 30)
        {
            var random = new Random(seed);
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var rows = new List<AgedObservation>();
            for (var s = 0; s < systems; s++)
            {
                var x = 0.0;
                var day = 0;
                var level = Math.Log(2 + s % 5);
                for (var k = 0; k < 8; k++)
                {
                    var step = 30 + random.Next(330);
                    x += sigma * Math.Sqrt(step / 365.25) * Normal();
                    day += step;
                    var providers = 1 + random.Next(3);
                    for (var q = 0; q < providers; q++)
                    {
                        var age = day / 365.25;
                        var price = Math.Exp(level - 0.3 * age + x + tau * Normal());
                        var o = new MarketObservation
                        {
                            Date = Launch.AddDays(day), DateText = "t", SystemId = $"s{s}", Provider = $"p{q}", PricingType = PricingType.OnDemand,
                            PricePerGpuHour = price, Source = "https://example.org",
                        };
                        rows.Add(new AgedObservation(o, age));
                    }
                }
            }
            Assert.True(AgeDecay.TryFit(rows, PricingType.OnDemand, out var decay, out var reason), reason);
            return VolatilityFit.Fit(decay!);
        }

        [Fact]
        public void The_volatility_fitted_to_simulated_observations_recovers_the_true_one()
        {
            // Over 60 simulated markets the mean fitted sigma² is within Z standard errors (their own spread / sqrt 60) of the true one.
            const double sigma = 0.5;
            const int k = 60;
            var slopes = Enumerable.Range(0, k).Select(i => Simulate(100 + i, sigma, 0.2).GrowthPerYear!.Value).ToArray();
            var mean = slopes.Average();
            var se = Math.Sqrt(slopes.Sum(v => (v - mean) * (v - mean)) / (k - 1) / k);
            Assert.InRange(sigma * sigma, mean - Z * se, mean + Z * se);
            var one = Simulate(7, sigma, 0.2);
            Assert.NotNull(one.Volatility);
            Assert.NotNull(one.GrowthStandardError);
        }

        [Fact]
        public void The_correlation_fitted_to_one_source_s_prices_of_several_systems_recovers_the_true_one()
        {
            // 4 sources each pricing 5 systems on 14 dates a month apart, ln price = level + b age + X_s(t), the shocks
            // correlated rho through one market factor. The estimate at the true sigma lies within Z of its approximate
            // standard error, (1 - rho) sqrt(2 / dof), of rho.
            const double sigma = 0.4, rho = 0.6;
            var random = new Random(5);
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var rows = new List<AgedObservation>();
            for (var source = 0; source < 4; source++)
            {
                var x = new double[5];
                for (var k = 0; k < 14; k++)
                {
                    var day = 400 + 30 * k;
                    var z = Normal();
                    for (var s = 0; s < 5; s++)
                    {
                        if (k > 0) x[s] += sigma * Math.Sqrt(30 / 365.25) * (Math.Sqrt(rho) * z + Math.Sqrt(1 - rho) * Normal());
                        var o = new MarketObservation
                        {
                            Date = Launch.AddDays(day), DateText = "t", SystemId = $"s{s}", Provider = $"Index {source} s{s}", PricingType = PricingType.OnDemand,
                            PricePerGpuHour = Math.Exp(Math.Log(2 + s) - 0.3 * day / 365.25 + source * 0.2 + x[s]), Source = "https://example.org",
                        };
                        rows.Add(new AgedObservation(o, day / 365.25));
                    }
                }
            }
            Assert.True(AgeDecay.TryFit(rows, PricingType.OnDemand, out var decay, out _));
            var fit = CorrelationFit.Fit(decay!);
            Assert.Equal((4 * 13 * 5, 5, 4, 4 * 13 * 4), (fit.Changes, fit.Systems, fit.Sources, fit.DegreesOfFreedom));
            var se = fit.StandardError(sigma, null)!.Value;
            Assert.InRange(fit.Estimate(sigma)!.Value, rho - Z * se, rho + Z * se);
            Assert.Equal((1 - fit.Estimate(sigma)!.Value) * Math.Sqrt(2.0 / fit.DegreesOfFreedom), se, 12);
        }

        [Fact]
        public void A_source_is_the_provider_without_the_system_s_id()
        {
            MarketObservation Row(string system, string provider) => new()
            {
                Date = Launch, DateText = "t", SystemId = system, Provider = provider, PricingType = PricingType.OnDemand, PricePerGpuHour = 1, Source = "https://example.org",
            };
            Assert.Equal(CorrelationFit.SourceOf(Row("h100", "CCIR reference rate T2IF H100 (tier 2)")), CorrelationFit.SourceOf(Row("b200", "CCIR reference rate T2IF B200 (tier 2)")));
            Assert.NotEqual(CorrelationFit.SourceOf(Row("h100", "CCIR reference rate T1IF H100 (tier 1)")), CorrelationFit.SourceOf(Row("b200", "CCIR reference rate T2IF B200 (tier 2)")));
        }

        [Fact]
        public void Prices_that_only_differ_by_provider_give_no_volatility_and_say_why()
        {
            var fit = Simulate(3, 0, 0.3);
            Assert.True(fit.GrowthPerYear < 2 * fit.GrowthStandardError!.Value);
            if (fit.Volatility is null) Assert.Contains("do not grow", fit.NoVolatility, StringComparison.Ordinal);
        }

        [Fact]
        public void Pairs_all_at_one_lag_give_no_fit_and_say_why()
        {
            var rows = new List<AgedObservation>();
            for (var s = 0; s < 3; s++)
                for (var k = 0; k < 2; k++)
                    rows.Add(new AgedObservation(new MarketObservation
                    {
                        Date = Launch.AddDays(100 * s + 400 * k), DateText = "t", SystemId = $"s{s}", Provider = "p", PricingType = PricingType.OnDemand,
                        PricePerGpuHour = 3 - k + s * 0.1, Source = "https://example.org",
                    }, (100 * s + 400 * k) / 365.25));
            // Every pair of one system's observations is 400 days apart: one lag, no slope.
            Assert.True(AgeDecay.TryFit(rows, PricingType.OnDemand, out var decay, out _));
            var fit = VolatilityFit.Fit(decay!);
            Assert.Null(fit.Volatility);
            Assert.Contains("not at two different lags", fit.NoVolatility, StringComparison.Ordinal);
        }
    }

    public class Setup
    {
        private static readonly DateOnly Launch = new(2020, 1, 1);

        private static MarketObservation Obs(string provider, int days, double price) => new()
        {
            Date = Launch.AddDays(days), DateText = "t", SystemId = "a", Provider = provider, PricingType = PricingType.OnDemand,
            PricePerGpuHour = price, Source = "https://example.org",
        };

        // Two providers, one always twice the other, both halving every two years: the residuals are ±ln 2 / 2 at every
        // date, as wide between providers on one date as years apart, so no growth with time and no volatility.
        private static MarketModel Market() => new(
            [Obs("p", 0, 8), Obs("q", 0, 4), Obs("p", 1461, 2), Obs("q", 1461, 1), Obs("p", 2922, 0.5), Obs("q", 2922, 0.25)],
            [new SystemLaunch("a", Launch, "test")], [], null);

        private static readonly ForwardCurveOptions Curve = new() { From = Launch.AddDays(2922), Months = 24 };

        [Fact]
        public void Without_growth_the_decay_fit_s_residual_sd_is_assumed_and_said_so()
        {
            Assert.True(MarketPathSetup.TryCreate(Market(), ["a"], PricingType.OnDemand, Curve, new PriceProcessOptions(), out var setup, out var reason), reason);
            Assert.Null(setup!.Fit!.Volatility);
            Assert.True(setup.Fit.GrowthPerYear <= 0);
            // Residuals ±ln 2 / 2 over 6 observations less one level and one slope: s = sqrt(6 (ln 2 / 2)² / 4).
            Assert.Equal(Math.Sqrt(6 * Math.Pow(Math.Log(2) / 2, 2) / 4), setup.Model.Process.Volatility, 12);
            Assert.StartsWith("assumed", setup.VolatilityBasis, StringComparison.Ordinal);
            // Each source prices one system only: no correlation can be fitted, and 1 is assumed, said so.
            Assert.NotNull(setup.CorrelationFit!.NoFit);
            Assert.Equal(MarketPathSetup.DefaultCorrelation, setup.Model.Process.Correlation);
            Assert.StartsWith("assumed 1", setup.CorrelationBasis, StringComparison.Ordinal);
            Assert.Equal(0, setup.Model.Process.MeanReversion);
            Assert.Equal(25, setup.Model.Months);
        }

        [Fact]
        public void Given_parameters_are_used_and_marked_given()
        {
            var given = new PriceProcessOptions { Volatility = 0.3, MeanReversion = 0.5, Correlation = 0.2 };
            Assert.True(MarketPathSetup.TryCreate(Market(), ["a"], PricingType.OnDemand, Curve, given, out var setup, out _));
            Assert.Equal((0.3, 0.5, 0.2), (setup!.Model.Process.Volatility, setup.Model.Process.MeanReversion, setup.Model.Process.Correlation));
            Assert.Equal(("given", "given", "given"), (setup.VolatilityBasis, setup.MeanReversionBasis, setup.CorrelationBasis));
            for (var m = 0; m <= 24; m++) Assert.Equal(setup.Curves[0].Points[m].PricePerGpuHour, setup.Model.Forward(0, m), 12);
        }

        [Fact]
        public void A_kind_of_price_with_nothing_to_fit_or_assume_asks_for_the_volatility()
        {
            Assert.False(MarketPathSetup.TryCreate(Market(), ["a"], PricingType.Spot, Curve with { }, new PriceProcessOptions(), out _, out var reason));
            Assert.Contains("no forward curve", reason, StringComparison.Ordinal);
            var curve = Curve with { AnnualChange = -0.2, StartPrice = 1 };
            Assert.False(MarketPathSetup.TryCreate(Market(), ["a"], PricingType.Spot, curve, new PriceProcessOptions(), out _, out reason));
            Assert.Contains("--volatility", reason, StringComparison.Ordinal);
            Assert.True(MarketPathSetup.TryCreate(Market(), ["a"], PricingType.Spot, curve, new PriceProcessOptions { Volatility = 0.4 }, out _, out _));
        }
    }
}
