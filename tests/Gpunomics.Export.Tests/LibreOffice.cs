using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Gpunomics.Export.Tests;

/// <summary>
/// LibreOffice Calc, headless: opens a workbook, recalculates every formula, and writes every sheet's
/// values as CSV. Each run uses its own fresh user profile, set to recalculate .xlsx files on load.
/// </summary>
internal static class LibreOffice
{
    // Field separator ',', quote '"', UTF-8, from line 1, standard cell format, en-US, raw values, every sheet (-1).
    private const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1";

    private const string Profile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """;

    public static string Executable { get; } = Find();

    private static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/lib/libreoffice/program"))
        {
            var path = Path.Combine(dir, "soffice");
            if (File.Exists(path)) return path;
        }
        return "";
    }

    /// <summary>Recalculates <paramref name="xlsx"/> and returns each sheet's values (as Calc writes them), by sheet name.</summary>
    public static Dictionary<string, string[][]> Recalculate(string xlsx, IEnumerable<string> sheetNames)
    {
        Assert.True(Executable.Length > 0,
            "LibreOffice Calc (soffice) is not installed; these tests need it to recalculate the workbook. Install it with: apt-get install -y libreoffice-calc-nogui");
        var work = Path.Combine(Path.GetTempPath(), "gpunomics-lo-" + Guid.NewGuid().ToString("N"));
        var profile = Path.Combine(work, "profile");
        var outDir = Path.Combine(work, "out");
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(profile, "user", "registrymodifications.xcu"), Profile);
        try
        {
            var psi = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", CsvFilter, "--outdir", outDir, xlsx })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail("LibreOffice did not finish converting the workbook within 5 minutes");
            }
            var log = stdout.Result + stderr.Result;
            Assert.True(p.ExitCode == 0, $"soffice exited with {p.ExitCode}: {log}");
            var stem = Path.GetFileNameWithoutExtension(xlsx);
            var result = new Dictionary<string, string[][]>();
            foreach (var sheet in sheetNames)
            {
                var csv = Path.Combine(outDir, $"{stem}-{sheet}.csv");
                Assert.True(File.Exists(csv), $"LibreOffice wrote no CSV for sheet {sheet}; its output: {log}");
                result[sheet] = ParseCsv(File.ReadAllText(csv, Encoding.UTF8));
            }
            return result;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Parses RFC 4180 CSV.</summary>
    public static string[][] ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return [.. rows];
    }

    /// <summary>A number as Calc writes it ("12.5", "15.6%"), or null for text, errors and empty cells.</summary>
    public static double? Number(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var percent = text.EndsWith('%');
        var s = percent ? text[..^1] : text;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return null;
        return percent ? d / 100.0 : d;
    }
}
