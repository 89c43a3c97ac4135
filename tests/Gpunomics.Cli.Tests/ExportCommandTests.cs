namespace Gpunomics.Cli.Tests;

public sealed class ExportCommandTests
{
    [Fact]
    public void Export_writes_the_workbook_csv_json_and_html_report()
    {
        var dir = Directory.CreateTempSubdirectory("gpunomics-export-");
        try
        {
            var xlsx = Path.Combine(dir.FullName, "vr.xlsx");
            var csv = Path.Combine(dir.FullName, "csv");
            var json = Path.Combine(dir.FullName, "vr.json");
            var html = Path.Combine(dir.FullName, "vr.html");
            var r = Cli.Run("export", "vr-nvl72", "--xlsx", xlsx, "--csv", csv, "--json-file", json, "--html", html);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.True(new FileInfo(xlsx).Length > 10_000);
            Assert.Equal(["capex.csv", "cashflows.csv", "chartflows.csv", "inputs.csv", "onechart.csv", "returns.csv", "tco.csv"],
                Directory.GetFiles(csv).Select(f => Path.GetFileName(f)).Order().ToArray());
            Assert.Contains("Floor price", File.ReadAllText(Path.Combine(csv, "returns.csv")), StringComparison.Ordinal);
            Assert.Contains("\"sheets\"", File.ReadAllText(json), StringComparison.Ordinal);
            var page = File.ReadAllText(html);
            Assert.Contains("<svg", page, StringComparison.Ordinal);
            Assert.Contains("Floor price", page, StringComparison.Ordinal);
            Assert.Contains("wrote", r.Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Export_without_an_output_is_a_user_error()
    {
        var r = Cli.Run("export", "gb300-nvl72");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--xlsx", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_to_a_file_not_ending_in_xlsx_is_a_user_error()
    {
        var r = Cli.Run("export", "gb300-nvl72", "--xlsx", Path.Combine(Path.GetTempPath(), "book.txt"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("must end in .xlsx", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_with_a_price_out_of_range_names_the_flag()
    {
        var r = Cli.Run("export", "gb300-nvl72", "--price", "-1", "--xlsx", Path.Combine(Path.GetTempPath(), "book.xlsx"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--price: -1 is out of range", r.Err, StringComparison.Ordinal);
    }
}
