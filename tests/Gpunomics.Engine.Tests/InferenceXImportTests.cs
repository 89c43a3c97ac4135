using System.Text.Json.Nodes;
using Gpunomics.InferenceX;

namespace Gpunomics.Engine.Tests;

/// <summary>Import reports each bad row by row and field, and reads the rest: non-finite numbers, whole numbers written with a decimal point, missing GPU counts, unknown versions.</summary>
public class InferenceXImportTests
{
    /// <summary>The first three real rows of the latest results, as JSON nodes to edit.</summary>
    private static JsonArray ThreeRealRows()
    {
        var all = JsonNode.Parse(File.ReadAllText(InferenceXFiles.Latest))!.AsArray();
        return new JsonArray(all.Take(3).Select(r => r!.DeepClone()).ToArray());
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void A_non_finite_number_refuses_its_row_only_and_names_it(string token)
    {
        var rows = ThreeRealRows();
        rows[1]!["metrics"]!["tput_per_gpu"] = 123456.5;
        rows[2]!["run_url"] = "https://example.org/NaN/Infinity"; // the words inside a string are left alone
        var text = rows.ToJsonString().Replace("123456.5", token, StringComparison.Ordinal);

        var r = InferenceXReader.Read(text, "history.json");

        Assert.Equal(3, r.RowsRead);
        Assert.Equal(2, r.Rows.Count);
        var issue = Assert.Single(r.Issues);
        Assert.Equal((1, "metrics.tput_per_gpu"), (issue.Row, issue.Field));
        Assert.Contains(token, issue.ToString());
        Assert.Equal("https://example.org/NaN/Infinity", r.Rows[1].RunUrl);
    }

    [Fact]
    public void Whole_numbers_written_with_a_decimal_point_are_whole_numbers()
    {
        var rows = ThreeRealRows();
        var text = rows.ToJsonString();
        foreach (var field in new[] { "isl", "osl", "conc", "num_decode_gpu" })
            text = System.Text.RegularExpressions.Regex.Replace(text, $"\"{field}\":(\\d+)", $"\"{field}\":$1.0");
        Assert.Contains("\"isl\":", text);
        Assert.Matches("\"isl\":\\d+\\.0", text);

        var r = InferenceXReader.Read(text, "history.json");

        Assert.Empty(r.Issues);
        Assert.Equal(InferenceXReader.Read(rows.ToJsonString(), "history.json").Rows, r.Rows);
    }

    [Fact]
    public void A_fractional_gpu_count_is_refused()
    {
        var rows = ThreeRealRows();
        rows[0]!["num_decode_gpu"] = 7.5;
        var issue = Assert.Single(InferenceXReader.Read(rows.ToJsonString(), "history.json").Issues);
        Assert.Equal((0, "num_decode_gpu"), (issue.Row, issue.Field));
    }

    [Fact]
    public void A_row_without_its_gpu_count_is_reported_not_stored_with_zero_gpus()
    {
        var rows = ThreeRealRows();
        rows[0]!.AsObject().Remove("num_decode_gpu");
        var r = InferenceXReader.Read(rows.ToJsonString(), "history.json");
        var issue = Assert.Single(r.Issues);
        Assert.Equal((0, "num_decode_gpu"), (issue.Row, issue.Field));
        Assert.Equal(2, r.Rows.Count);
        Assert.All(r.Rows, m => Assert.True(m.Gpus >= 1));
    }

    [Fact]
    public void Own_format_of_an_unknown_version_is_refused()
    {
        var own = JsonNode.Parse(InferenceXReader.WriteOwn(InferenceXReader.Read(ThreeRealRows().ToJsonString(), "x.json").Rows, "test"))!;
        Assert.Equal(3, InferenceXReader.Read(own.ToJsonString(), "own.json").Rows.Count);
        own["version"] = 99;
        var r = InferenceXReader.Read(own.ToJsonString(), "own.json");
        Assert.Empty(r.Rows);
        var issue = Assert.Single(r.Issues);
        Assert.Equal("version", issue.Field);
        Assert.Contains("99", issue.ToString());
    }

    [Fact]
    public void Own_format_rows_with_no_gpus_are_refused()
    {
        var own = JsonNode.Parse(InferenceXReader.WriteOwn(InferenceXReader.Read(ThreeRealRows().ToJsonString(), "x.json").Rows, "test"))!;
        own["rows"]![0]!["gpus"] = 0;
        var issue = Assert.Single(InferenceXReader.Read(own.ToJsonString(), "own.json").Issues);
        Assert.Equal((0, "gpus"), (issue.Row, issue.Field));
    }
}
