using System.Globalization;
using Gpunomics.Inputs;
using Gpunomics.MonteCarlo;
using Gpunomics.Scenarios;
using Gpunomics.Tests.Shared;

namespace Gpunomics.Engine.Tests;

/// <summary>The one number reader and the input declarations every flag, scenario key, API parameter and distribution is checked against.</summary>
public class InputsTests
{
    public class NumberTextReads
    {
        [Theory]
        [InlineData("3,5", "3.5")]
        [InlineData("0,2", "0.2")]
        public void A_decimal_comma_is_refused_with_the_number_to_write(string text, string hint)
        {
            var problem = NumberText.Read(text, InputUnit.DollarsPerGpuHour, out _);
            Assert.NotNull(problem);
            Assert.Contains($"write {hint}", problem);
        }

        [Fact]
        public void A_thousands_separator_is_refused() => Assert.Contains("without separators", NumberText.Read("1,000,000", InputUnit.Count, out _));

        [Theory]
        [InlineData("15.6%", 0.156)]
        [InlineData("0.156", 0.156)]
        [InlineData("-99%", -0.99)]
        [InlineData("1000%", 10.0)]
        [InlineData(" 8 % ", 0.08)]
        public void A_rate_is_a_fraction_or_a_percentage(string text, double expected)
        {
            Assert.Null(NumberText.Read(text, InputUnit.Rate, out var v));
            Assert.Equal(expected, v);
        }

        [Fact]
        public void A_percentage_is_refused_for_a_price() => Assert.Contains("only for rates and shares", NumberText.Read("5%", InputUnit.DollarsPerGpuHour, out _));

        [Theory]
        [InlineData("1e308")]
        [InlineData("2.5E-3")]
        public void Exponents_are_read_exactly_as_double_reads_them(string text)
        {
            Assert.Null(NumberText.Read(text, InputUnit.Count, out var v));
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
        }

        [Theory]
        [InlineData("1e400")]
        [InlineData("abc")]
        [InlineData("")]
        [InlineData("NaN")]
        [InlineData("Infinity")]
        public void What_is_not_a_finite_number_is_refused(string text) => Assert.NotNull(NumberText.Read(text, InputUnit.Count, out _));
    }

    public class Declarations
    {
        [Fact]
        public void A_bare_rate_above_one_is_refused_with_the_percentage_meant()
        {
            var problem = ModelInputs.Hurdle.Read("5", out _);
            Assert.NotNull(problem);
            Assert.Contains("did you mean 5%?", problem);
            Assert.Null(ModelInputs.Hurdle.Read("5%", out var v));
            Assert.Equal(0.05, v);
        }

        [Fact]
        public void Names_are_unique_and_every_input_is_reachable_somehow()
        {
            Assert.Equal(ModelInputs.All.Count, ModelInputs.All.Select(i => i.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(ModelInputs.All, i => Assert.True(i.Flag is not null || i.ScenarioKey is not null || i.Api || i.Distribution, i.Name));
            Assert.All(ModelInputs.All, i => Assert.True(i.Range.Min < i.Range.Max, i.Name));
        }

        [Fact]
        public void The_monte_carlo_inputs_are_exactly_those_declared_as_distributions() =>
            Assert.Equal(ModelInputs.All.Where(i => i.Distribution).Select(i => i.Name).Order(), MonteCarloSetup.InputNames.Order());

        [Fact]
        public void The_article_scenario_and_every_default_lie_in_their_ranges()
        {
            var s = TestData.Article;
            Assert.Null(ModelInputs.Hurdle.Check(s.HurdleRate));
            Assert.Null(ModelInputs.Prepay.Check(s.Contract.PrepayShare));
            Assert.Null(ModelInputs.TermMonths.Check(s.Contract.TermMonths));
            Assert.Null(ModelInputs.Utilization.Check(s.Contract.BilledUtilization));
            Assert.Null(ModelInputs.Residual.Check(s.Contract.ResidualValueShare));
            Assert.Null(ModelInputs.CostOfCapital.Check(s.Finance.CostOfCapital));
            Assert.Null(ModelInputs.ReferencePricePerPflopHour.Check(s.Ceiling.ReferencePricePerPflopHour));
        }
    }

    /// <summary>Every declared scenario key accepts its range's edges and refuses just past them.</summary>
    public class ScenarioKeys
    {
        public static TheoryData<string> Keyed() => [.. ModelInputs.All.Where(i => i.ScenarioKey is not null).Select(i => i.Name)];

        [Theory]
        [MemberData(nameof(Keyed))]
        public void A_scenario_key_accepts_exactly_its_declared_range(string name)
        {
            var input = ModelInputs.Find(name)!;
            var key = input.ScenarioKey!;
            foreach (var edge in InputEdges.Of(input))
            {
                var value = InputEdges.Json(input, edge);
                string json, path;
                if (key.EndsWith("[]", StringComparison.Ordinal))
                {
                    // An array under an object (assetLife.residualCurve[]) nests like any key.
                    var parts = key[..^2].Split('.');
                    json = $"[{value}]";
                    for (var i = parts.Length - 1; i >= 0; i--) json = $"{{ \"{parts[i]}\": {json} }}";
                    path = $"{key[..^2]}[0]";
                }
                else if (key.EndsWith(".<tier>", StringComparison.Ordinal))
                {
                    // Networking: one price per buyer tier, here the article's tier.
                    var tier = TestData.Article.NetworkTier;
                    json = $"{{ \"systems\": {{ \"gb300-nvl72\": {{ \"networking\": {{ \"{tier}\": {value} }} }} }} }}";
                    path = key.Replace("<id>", "gb300-nvl72", StringComparison.Ordinal).Replace("<tier>", tier, StringComparison.Ordinal);
                }
                else if (key.StartsWith("systems.<id>.", StringComparison.Ordinal))
                {
                    json = $"{{ \"systems\": {{ \"gb300-nvl72\": {{ \"{key["systems.<id>.".Length..]}\": {value} }} }} }}";
                    path = key.Replace("<id>", "gb300-nvl72", StringComparison.Ordinal);
                }
                else
                {
                    var parts = key.Split('.');
                    json = parts.Length == 1 ? $"{{ \"{key}\": {value} }}" : $"{{ \"{parts[0]}\": {{ \"{parts[1]}\": {value} }} }}";
                    path = key;
                }
                var r = ScenarioReader.Read(json, "edge.json", TestData.Article, TestData.Catalog);
                var errors = r.Errors.Where(e => e.Path == path).ToList();
                // A quoted compute system also holds the catalog's HBM line and NICs: below them it is refused, naming them.
                var bom = TestData.Catalog.Get("gb300-nvl72").Capex;
                if (input == ModelInputs.ComputeSystem && edge.Allowed && edge.Value < bom.HeldInQuote(TestData.Article.NetworkTier))
                {
                    Assert.True(errors.Count == 1 && errors[0].Allowed.Contains("HBM line", StringComparison.Ordinal), $"{key} = {value}: {string.Join("; ", errors)}");
                    continue;
                }
                Assert.True(edge.Allowed == (errors.Count == 0), $"{key} = {value}: {(edge.Allowed ? "refused" : "accepted")} {string.Join("; ", errors)}");
            }
        }

        [Fact]
        public void A_bare_hurdle_above_one_in_a_file_asks_for_the_percentage()
        {
            var r = ScenarioReader.Read("""{ "hurdleRate": 5 }""", "my.json", TestData.Article, TestData.Catalog);
            var e = Assert.Single(r.Errors);
            Assert.Equal("hurdleRate", e.Path);
            Assert.Contains("did you mean 5%?", e.Allowed);
            var ok = ScenarioReader.Read("""{ "hurdleRate": "15.6%" }""", "my.json", TestData.Article, TestData.Catalog);
            Assert.True(ok.Ok, string.Join("\n", ok.Errors));
            Assert.Equal(0.156, ok.Value!.HurdleRate);
        }

        [Fact]
        public void Debt_without_a_rate_is_an_error_naming_debt_rate()
        {
            var r = ScenarioReader.Read("""{ "debt": { "share": 0.6 } }""", "my.json", TestData.Article, TestData.Catalog);
            var e = Assert.Single(r.Errors);
            Assert.Equal("debt.rate", e.Path);
            Assert.Contains("required", e.Allowed);
            Assert.True(ScenarioReader.Read("""{ "debt": { "share": 0.6, "rate": 0 } }""", "my.json", TestData.Article, TestData.Catalog).Ok);
        }

        [Fact]
        public void A_hurdle_above_100_percent_is_written_so_that_it_reads_back()
        {
            var s = TestData.Article with { HurdleRate = 2.5 };
            var r = ScenarioReader.Read(ScenarioWriter.ToJson(s), "saved.json", null, TestData.Catalog);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            Assert.Equal(2.5, r.Value!.HurdleRate);
        }
    }

    /// <summary>Every Monte Carlo input's distributions stay inside its declared range.</summary>
    public class Distributions
    {
        public static TheoryData<string> Drawn() => [.. MonteCarloSetup.InputNames];

        [Theory]
        [MemberData(nameof(Drawn))]
        public void A_fixed_value_accepts_exactly_the_declared_range(string name)
        {
            var input = ModelInputs.Find(name)!;
            foreach (var edge in InputEdges.Of(input))
            {
                var accepted = true;
                try
                {
                    Distribution.Parse(edge.Text, input);
                }
                catch (FormatException)
                {
                    accepted = false;
                }
                Assert.True(edge.Allowed == accepted, $"{name}={edge.Text}: {(accepted ? "accepted" : "refused")}");
            }
        }

        [Theory]
        [MemberData(nameof(Drawn))]
        public void A_uniform_reaching_past_an_edge_is_refused_and_one_inside_accepted(string name)
        {
            var input = ModelInputs.Find(name)!;
            var edges = InputEdges.Of(input).ToList();
            var lowIn = edges.Take(2).Single(e => e.Allowed);
            var lowOut = edges.Take(2).Single(e => !e.Allowed);
            var highIn = edges.Skip(2).Single(e => e.Allowed);
            var highOut = edges.Skip(2).Single(e => !e.Allowed);
            var inside = Distribution.Parse($"uniform({lowIn.Text},{highIn.Text})", input);
            Assert.True(input.Range.Contains(inside.Support.Low) && input.Range.Contains(inside.Support.High));
            Assert.Throws<FormatException>(() => Distribution.Parse($"uniform({lowOut.Text},{highIn.Text})", input));
            Assert.Throws<FormatException>(() => Distribution.Parse($"uniform({lowIn.Text},{highOut.Text})", input));
        }

        [Theory]
        [MemberData(nameof(Drawn))]
        public void A_wide_normal_is_truncated_to_the_range_and_says_how_much_it_cut(string name)
        {
            var input = ModelInputs.Find(name)!;
            var r = input.Range;
            var d = Distribution.Parse(FormattableString.Invariant($"normal({InputEdges.Text(input, r.Min)},{InputEdges.Text(input, r.Max - r.Min)})"), input);
            var t = Assert.IsType<Truncated>(d);
            Assert.Equal(0.5, t.MassBelow, 6);
            Assert.Contains("truncated to " + r, t.ToString());
            foreach (var p in Enumerable.Range(0, 1001).Select(k => (k + 0.5) / 1001.5).Append(1e-300).Append(1 - 1e-16))
                Assert.True(r.Contains(t.Quantile(p)), $"{name}: quantile {p} = {t.Quantile(p)} outside {r}");
        }

        [Fact]
        public void The_reported_cases_are_refused_with_the_range()
        {
            var hurdle = Assert.Throws<FormatException>(() => Distribution.Parse("normal(15.6,2)", ModelInputs.Hurdle));
            Assert.Contains("did you mean 15.6%?", hurdle.Message);
            var residual = Assert.Throws<FormatException>(() => Distribution.Parse("uniform(-1,0)", ModelInputs.Residual));
            Assert.Contains("[0, 1]", residual.Message);
            var price = Assert.Throws<FormatException>(() => Distribution.Parse("1e308", ModelInputs.Price));
            Assert.Contains("[0, 10000]", price.Message);
            var m = Assert.IsType<Truncated>(Distribution.Parse("normal(1,2)", ModelInputs.SystemPriceMultiplier));
            Assert.Equal(0.308538, m.MassOutside, 1e-6); // Phi(-0.5) (standard normal table): the share of normal(1,2) at or below 0
        }

        [Fact]
        public void A_narrow_normal_is_not_truncated_and_draws_exactly_as_before() =>
            Assert.Equal(new Normal(3.5, 0.3), Distribution.Parse("normal(3.5,0.3)", ModelInputs.Price));

        [Fact]
        public void A_hurdle_above_100_percent_from_a_scenario_is_a_base_value_the_simulation_takes()
        {
            var model = new EconomicsModel(TestData.Catalog, TestData.Article with { HurdleRate = 2.5 });
            var setup = MonteCarloSetup.For(model, "gb300-nvl72", 3.5);
            var r = MonteCarloSimulation.Run(setup, 100, 1);
            Assert.Equal(0, r.ProbabilityAboveHurdle);
        }

        [Fact]
        public void The_simulation_refuses_a_distribution_outside_the_range_given_in_code()
        {
            var setup = MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.5) with
            {
                Distributions = new Dictionary<string, Distribution> { ["residual"] = new Uniform(-1, 0) },
            };
            var e = Assert.Throws<ArgumentException>(() => MonteCarloSimulation.Run(setup, 100, 1));
            Assert.Contains("residual", e.Message);
        }
    }

    public class Tornado
    {
        [Fact]
        public void A_move_stops_at_the_input_range_and_reports_the_value_evaluated()
        {
            var setup = MonteCarloSetup.For(TestData.Model, "gb300-nvl72", 3.5);
            var t = Gpunomics.Sensitivity.SensitivityAnalysis.Tornado(setup, 0.2);
            var u = t.Bars.Single(b => b.Input == "utilization");
            Assert.Equal(1.0, u.BaseValue);
            Assert.Equal(0.8, u.LowValue, 12);
            Assert.Equal(1.0, u.HighValue);
            Assert.Equal(t.BaseIrr, u.IrrHigh);
            Assert.All(t.Bars, b =>
            {
                var input = ModelInputs.Find(b.Input)!;
                Assert.True(input.Range.Contains(b.LowValue) && input.Range.Contains(b.HighValue), b.Input);
            });
        }
    }

    /// <summary>The methodology's input table is the declarations, row for row (GOLDEN_UPDATE=1 rewrites it).</summary>
    public class Documentation
    {
        private const string Begin = "<!-- inputs: generated from ModelInputs; GOLDEN_UPDATE=1 dotnet test rewrites it -->";
        private const string End = "<!-- inputs: end -->";

        [Fact]
        public void The_methodology_input_table_matches_the_declarations()
        {
            var path = Path.Combine(TestData.RepoRoot, "docs", "methodology.md");
            var text = File.ReadAllText(path);
            var start = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"docs/methodology.md lacks the markers {Begin} ... {End}");
            var expected = Begin + "\n" + Table() + End;
            var actual = text[start..(end + End.Length)];
            if (actual != expected && Environment.GetEnvironmentVariable("GOLDEN_UPDATE") == "1")
            {
                File.WriteAllText(path, text[..start] + expected + text[(end + End.Length)..]);
                return;
            }
            Assert.Equal(expected, actual);
        }

        private static string Table()
        {
            static string Code(string? s) => s is null ? "" : string.Join(", ", s.Split(", ").Select(x => $"`{x}`"));
            var sb = new System.Text.StringBuilder();
            sb.Append("| input | unit | allowed | default | source | flag | scenario key | API | distribution |\n");
            sb.Append("|---|---|---|---|---|---|---|---|---|\n");
            foreach (var i in ModelInputs.All)
            {
                var allowed = i.Whole ? $"whole, {i.Range}" : i.Unit.IsFraction() ? $"{i.Range} ({i.Range.Percent})" : i.Range.ToString();
                sb.Append(CultureInfo.InvariantCulture, $"| {i.Description} | {i.Unit.Text()} | {allowed} | {i.Default} | {i.Source} | {Code(i.Flag)} | {Code(i.ScenarioKey)} | {(i.Api ? Code(i.Name) : "")} | {(i.Distribution ? Code(i.Name) : "")} |\n");
            }
            return sb.ToString();
        }
    }
}
