using Gpunomics.Calibration;
using CsCheck;
using Gpunomics.Capex;
using Gpunomics.Catalog;
using Gpunomics.Scenarios;
using Gpunomics.Supply;

namespace Gpunomics.Engine.Tests;

/// <summary>The bill of materials' HBM line and networking components (methodology: "Capex").</summary>
public class BillOfMaterialsTests
{
    private static readonly SupplierPricing[] Pricings = [SupplierPricing.Today, SupplierPricing.Scaled(1.3), SupplierPricing.ComponentCost];

    /// <summary>The same system with its HBM line folded back into the compute system at the board's margin.</summary>
    private static AcceleratorSystem Unsplit(AcceleratorSystem s) =>
        s with { Capex = s.Capex with { ComputeSystem = s.Capex.ComputeSystem + s.Capex.Hbm!.Price, Hbm = null } };

    public class HbmLine
    {
        [Fact]
        public void With_the_board_margin_splitting_out_the_hbm_changes_no_total_at_any_price()
        {
            // Law: with HBM margin m equal to the board's, compute C + HBM cost k / (1 - m) is the unsplit board C + k / (1 - m)
            // at today's price and under a multiplier, and at component cost (C + k/(1-m))(1-m) = C(1-m) + k.
            Gen.Select(Gen.Double[1_000, 200_000], Gen.Double[0, 0.95], Gen.Double[0, 500], Gen.Double[0, 60]).Sample((compute, m, gb, costPerGb) =>
            {
                var s = TestData.Catalog.Get("h100");
                s = s with { Capex = s.Capex with { ComputeSystem = compute, SupplierGrossMargin = m, Hbm = new SupplierMemory(gb, costPerGb, m) } };
                foreach (var pricing in Pricings)
                {
                    var split = CapexModel.Compute(s, pricing, "neocloud");
                    var whole = CapexModel.Compute(Unsplit(s), pricing, "neocloud");
                    Assert.Equal(whole.PerGpu, split.PerGpu, 6);
                    Assert.Equal(whole.SupplierPricedPerGpu, split.SupplierPricedPerGpu, 6);
                }
            });
        }

        [Fact]
        public void Every_catalog_system_with_hbm_keeps_its_totals_when_the_hbm_is_folded_back_at_the_board_margin()
        {
            foreach (var s in TestData.Catalog.Systems.Where(x => x.Capex.Hbm is not null))
            {
                Assert.Equal(s.Capex.SupplierGrossMargin, s.Capex.Hbm!.GrossMargin);
                foreach (var pricing in Pricings)
                    Assert.Equal(CapexModel.Compute(Unsplit(s), pricing, "neocloud").PerGpu, CapexModel.Compute(s, pricing, "neocloud").PerGpu, 6);
            }
        }

        [Fact]
        public void The_hbm_line_is_gb_times_cost_over_one_less_its_margin_scaled_by_the_multiplier_and_its_cost_at_component_cost()
        {
            var s = TestData.Catalog.Get("h200");
            var hbm = s.Capex.Hbm!;
            Assert.Equal(141 * 12.3 / 0.25, CapexModel.Compute(s, SupplierPricing.Today, "neocloud").Lines.Single(l => l.Name == "hbm").PerGpu, 6);
            Assert.Equal(1.4 * hbm.Price, CapexModel.Compute(s, SupplierPricing.Scaled(1.4), "neocloud").Lines.Single(l => l.Name == "hbm").PerGpu, 6);
            Assert.Equal(141 * 12.3, CapexModel.Compute(s, SupplierPricing.ComponentCost, "neocloud").Lines.Single(l => l.Name == "hbm").PerGpu, 6);
        }

        [Fact]
        public void Every_hbm_system_prices_its_hbm_at_its_types_path_in_the_catalogs_quarter()
        {
            var prices = MemoryPrices.Parse(File.ReadAllText(Path.Combine(TestData.DataDir, "memory-prices.json")), "memory-prices.json");
            foreach (var s in TestData.Catalog.Systems.Where(x => x.MemoryType.StartsWith("HBM", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(s.Capex.Hbm is not null, $"{s.Id} has {s.MemoryType} but no HBM line");
                var (price, reason) = prices.HbmPriceAt(s.MemoryType, new LaunchQuarter(2026, 4));
                Assert.True(price is not null, reason);
                Assert.Equal(price!.Value, s.Capex.Hbm!.CostPerGb);
                Assert.Equal(s.MemoryGb, s.Capex.Hbm.GbPerGpu);
            }
        }

        [Fact]
        public void Every_hbm_path_point_names_its_source()
        {
            var prices = MemoryPrices.Parse(File.ReadAllText(Path.Combine(TestData.DataDir, "memory-prices.json")), "memory-prices.json");
            foreach (var key in new[] { "hbm3", "hbm3e", "hbm4" })
            {
                var path = prices.Types[key];
                Assert.NotEmpty(path.PricePerGb);
                foreach (var q in path.PricePerGb.Keys)
                    Assert.True(path.Sources.TryGetValue(q.ToString(), out var src) && (src.StartsWith("published", StringComparison.Ordinal) || src.StartsWith("estimate", StringComparison.Ordinal)),
                        $"{key} {q}: no source marked published or estimate");
            }
        }

        [Fact]
        public void A_quarter_outside_an_hbm_path_has_no_price_and_says_which_quarters_it_has()
        {
            var prices = MemoryPrices.Parse(File.ReadAllText(Path.Combine(TestData.DataDir, "memory-prices.json")), "memory-prices.json");
            var (price, reason) = prices.HbmPriceAt("HBM4", new LaunchQuarter(2025, 1));
            Assert.Null(price);
            Assert.Contains("2026Q1", reason);
            Assert.Null(prices.HbmPriceAt("HBM2e", new LaunchQuarter(2026, 1)).PricePerGb);
        }

        [Fact]
        public void Repricing_the_hbm_moves_only_the_hbm_line()
        {
            var s = TestData.Catalog.Get("gb300-nvl72");
            var before = CapexModel.Compute(s, SupplierPricing.Today, "neocloud");
            var after = CapexModel.Compute(SupplyLevers.RepriceHbm(s, 15), SupplierPricing.Today, "neocloud");
            Assert.Equal(288 * (15 - 12.3) / 0.25, after.PerGpu - before.PerGpu, 6);
            Assert.Equal(before.Lines[0].PerGpu, after.Lines[0].PerGpu);
            Assert.Throws<ArgumentException>(() => SupplyLevers.RepriceHbm(s with { Capex = s.Capex with { Hbm = null } }, 15));
        }

        [Fact]
        public void A_scenarios_hbm_cost_reprices_the_line_and_its_quoted_compute_system_keeps_the_total()
        {
            var scenario = TestData.Article with
            {
                Systems = new Dictionary<string, SystemOverride>
                {
                    ["h100"] = new() { HbmCostPerGb = 20 },
                    ["h200"] = new() { ComputeSystem = 40_000 },
                },
            };
            var catalog = scenario.ApplyTo(TestData.Catalog);
            Assert.Equal(80 * 20 / 0.25, catalog.Get("h100").Capex.Hbm!.Price, 6);
            var h200 = CapexModel.Compute(catalog.Get("h200"), SupplierPricing.Today, scenario.NetworkTier);
            var catalogH200 = CapexModel.Compute(TestData.Catalog.Get("h200"), SupplierPricing.Today, scenario.NetworkTier);
            Assert.Equal(catalogH200.PerGpu - TestData.Catalog.Get("h200").Capex.QuotedComputeSystem(scenario.NetworkTier) + 40_000, h200.PerGpu, 6);
        }
    }

    public class SameBoard
    {
        private static readonly string[] HbmOrder = ["HBM2E", "HBM3", "HBM3E", "HBM4"];

        private static int Rank(string type) => Array.IndexOf(HbmOrder, type.ToUpperInvariant());

        public static TheoryData<string, string> Pairs()
        {
            var data = new TheoryData<string, string>();
            foreach (var g in TestData.Catalog.Systems.Where(s => s.Board is not null).GroupBy(s => s.Board))
                foreach (var a in g)
                    foreach (var b in g)
                        if (a.Id != b.Id && a.MemoryGb >= b.MemoryGb && Rank(a.MemoryType) >= Rank(b.MemoryType)) data.Add(a.Id, b.Id);
            return data;
        }

        [Fact]
        public void The_catalog_has_a_pair_on_the_same_board() => Assert.Contains(Pairs(), p => (string)p[0] == "h200" && (string)p[1] == "h100");

        /// <summary>Same die and board: the same compute system without HBM; the one with more or newer memory costs at least as much to buy and to own.</summary>
        [Theory]
        [MemberData(nameof(Pairs))]
        public void The_system_with_more_or_newer_memory_costs_at_least_as_much(string more, string less)
        {
            var a = TestData.Catalog.Get(more);
            var b = TestData.Catalog.Get(less);
            Assert.Equal(b.Capex.ComputeSystem, a.Capex.ComputeSystem);
            var model = new EconomicsModel(TestData.Catalog, TestData.Article with { Systems = new Dictionary<string, SystemOverride>() });
            foreach (var tier in a.Capex.NetworkingByTier.Keys)
            {
                foreach (var pricing in Pricings)
                    Assert.True(CapexModel.Compute(a, pricing, tier).PerGpu >= CapexModel.Compute(b, pricing, tier).PerGpu, $"{more} capex below {less} ({tier}, {pricing})");
                var tiered = SupplyLevers.With(model, a, tier);
                Assert.True(tiered.Tco(more).PerGpuHour >= tiered.Tco(less).PerGpuHour, $"{more} TCO below {less} ({tier})");
            }
        }
    }

    public class BoardOverride
    {
        [Fact]
        public void A_scenarios_compute_system_for_one_system_prices_every_system_on_its_board()
        {
            // A scenario that prices the H100 alone: the H200, on the same GH100 board, takes the same compute system.
            var onlyH100 = TestData.Article with { Systems = new Dictionary<string, SystemOverride> { ["h100"] = new() { ComputeSystem = 40_000 } } };
            var model = new EconomicsModel(TestData.Catalog, onlyH100);
            Assert.Equal(40_000 - TestData.Catalog.Get("h100").Capex.HeldInQuote(onlyH100.NetworkTier), model.System("h200").Capex.ComputeSystem, 6);
            Assert.Equal(model.System("h100").Capex.ComputeSystem, model.System("h200").Capex.ComputeSystem);
            Assert.True(model.Tco("h200").Capex.PerGpu > model.Tco("h100").Capex.PerGpu);
            Assert.True(model.Tco("h200").PerGpuHour > model.Tco("h100").PerGpuHour);
            // A system with an override of its own keeps it.
            var own = onlyH100 with
            {
                Systems = new Dictionary<string, SystemOverride>(onlyH100.Systems) { ["h200"] = new() { ComputeSystem = 60_000 } },
            };
            var h200 = new EconomicsModel(TestData.Catalog, own).System("h200").Capex;
            Assert.Equal(60_000, h200.QuotedComputeSystem(own.NetworkTier), 6);
        }

        [Fact]
        public void A_networking_total_is_the_whole_fabric_and_a_key_set_to_its_current_value_changes_nothing()
        {
            // The quoted compute system always holds the HBM and the NICs; a networking total is the tier's whole fabric,
            // NICs included. So a scenario setting either key to its current value leaves the capex as it was.
            var bom = TestData.Catalog.Get("gb300-nvl72").Capex;
            var today = new EconomicsModel(TestData.Catalog, TestData.Article with { Systems = new Dictionary<string, SystemOverride>() }).Tco("gb300-nvl72").Capex;
            var same = TestData.Article with
            {
                Systems = new Dictionary<string, SystemOverride>
                {
                    ["gb300-nvl72"] = new() { ComputeSystem = bom.QuotedComputeSystem("neocloud"), NetworkingByTier = new Dictionary<string, double> { ["neocloud"] = bom.NetworkingByTier["neocloud"] } },
                },
            };
            var capex = new EconomicsModel(TestData.Catalog, same).Tco("gb300-nvl72").Capex;
            Assert.Equal(today.PerGpu, capex.PerGpu, 6);
            Assert.Equal(today.SupplierPricedPerGpu, capex.SupplierPricedPerGpu, 6);
            // A scenario written before the component view, whose quoted compute held the NICs and whose networking
            // total did not: its total written with the NICs gives the capex it gave then.
            var old = TestData.Article with
            {
                Systems = new Dictionary<string, SystemOverride>
                {
                    ["gb300-nvl72"] = new() { ComputeSystem = 62_423.017405, NetworkingByTier = new Dictionary<string, double> { ["neocloud"] = 11_000 + bom.NetworkingComponentsByTier["neocloud"].Nics } },
                },
            };
            var then = new EconomicsModel(TestData.Catalog, old).Tco("gb300-nvl72").Capex;
            Assert.Equal(62_423.017405 + 11_000 + bom.Storage + bom.Installation + bom.Other, then.PerGpu, 6);
        }

        [Fact]
        public void A_board_price_set_free_in_a_calibration_gives_every_system_on_the_board_the_same_compute_system()
        {
            var spec = TestData.Spec("hyperscaler-deal-price");
            var board = spec.Free.Single(f => f.Key == "systems.h100+h200.computeSystem");
            var solved = Calibrator.Solve(TestData.Catalog, TestData.Article, spec with { Free = [board] });
            var model = new EconomicsModel(TestData.Catalog, solved.Scenario);
            Assert.Equal(model.System("h100").Capex.ComputeSystem, model.System("h200").Capex.ComputeSystem, 6);
            Assert.True(model.Tco("h200").Capex.PerGpu > model.Tco("h100").Capex.PerGpu);
        }
    }

    public class Networking
    {
        [Fact]
        public void Each_catalog_tiers_components_sum_to_its_networking_line_and_are_shown_under_it()
        {
            foreach (var s in TestData.Catalog.Systems)
                foreach (var tier in s.Capex.NetworkingByTier.Keys)
                {
                    var capex = CapexModel.Compute(s, SupplierPricing.Today, tier);
                    var parts = capex.NetworkingComponents;
                    Assert.True(parts is not null, $"{s.Id} {tier}: {capex.NetworkingComponentsNote}");
                    Assert.Equal(["switches", "transceivers", "cables", "nics"], parts!.Select(p => p.Name));
                    Assert.Equal(capex.Lines.Single(l => l.Name == "networking").PerGpu, parts.Sum(p => p.PerGpu), 9);
                    Assert.All(parts, p => Assert.False(p.SupplierPriced));
                }
        }

        [Fact]
        public void A_neocloud_pays_twice_the_hyperscalers_switch_price_and_no_less_for_anything()
        {
            foreach (var s in TestData.Catalog.Systems)
            {
                var h = s.Capex.NetworkingComponentsByTier["hyperscaler"];
                var n = s.Capex.NetworkingComponentsByTier["neocloud"];
                Assert.Equal(2 * h.Switches, n.Switches);
                Assert.True(n.Transceivers >= h.Transceivers && n.Cables >= h.Cables && n.Nics >= h.Nics, s.Id);
            }
        }

        [Fact]
        public void A_catalog_tier_given_as_a_total_has_no_components_and_says_so()
        {
            var json = File.ReadAllText(Path.Combine(TestData.DataDir, "catalog.json"));
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            node["systems"]![0]!["capex"]!["networking"]!["neocloud"] = 6000;
            var r = CatalogReader.Read(node.ToJsonString(), "user.json");
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            var capex = CapexModel.Compute(r.Value!.Systems[0], SupplierPricing.Today, "neocloud");
            Assert.Equal(6000, capex.Lines.Single(l => l.Name == "networking").PerGpu);
            Assert.Null(capex.NetworkingComponents);
            Assert.Contains("total only", capex.NetworkingComponentsNote);
        }

        [Fact]
        public void A_scenarios_networking_total_replaces_the_tiers_components()
        {
            var scenario = TestData.Article with
            {
                Systems = new Dictionary<string, SystemOverride> { ["b200"] = new() { NetworkingByTier = new Dictionary<string, double> { ["neocloud"] = 9000 } } },
            };
            var model = new EconomicsModel(TestData.Catalog, scenario);
            var capex = model.Tco("b200").Capex;
            Assert.Equal(9000, capex.Lines.Single(l => l.Name == "networking").PerGpu);
            Assert.Null(capex.NetworkingComponents);
            Assert.NotNull(CapexModel.Compute(model.System("b200"), SupplierPricing.Today, "hyperscaler").NetworkingComponents);
        }

        [Theory]
        [InlineData("""{ "switches": 1, "transceivers": 1, "cables": 1 }""", "nics")]
        [InlineData("""{ "switches": 1, "transceivers": 1, "cables": 1, "nics": -1 }""", "nics")]
        [InlineData("""{ "switches": 1, "transceivers": 1, "cables": 1, "nics": 1, "optics": 1 }""", "optics")]
        public void A_bad_component_is_named_with_its_path(string tier, string key)
        {
            var json = File.ReadAllText(Path.Combine(TestData.DataDir, "catalog.json"));
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            node["systems"]![0]!["capex"]!["networking"]!["neocloud"] = System.Text.Json.Nodes.JsonNode.Parse(tier);
            var r = CatalogReader.Read(node.ToJsonString(), "user.json");
            Assert.False(r.Ok);
            Assert.Contains(r.Errors, e => e.Path == $"systems[0].capex.networking.neocloud.{key}");
        }
    }
}
