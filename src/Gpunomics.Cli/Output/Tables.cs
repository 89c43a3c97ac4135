using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gpunomics.Cli.Output;

/// <summary>Plain-text tables over an injected writer (no colour codes, so they read well in files and pipes).</summary>
internal static class Tables
{
    public static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });

    public static Table New(string title, params string[] columns)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(title) };
        foreach (var c in columns)
        {
            var column = new TableColumn(Markup.Escape(c));
            // A figure is never split across lines (a wrapped '-$42,85' / '3' reads as two numbers); text columns wrap instead.
            if (c.Contains('$', StringComparison.Ordinal) || c.Contains('%', StringComparison.Ordinal) || c.EndsWith(')')) column.RightAligned().NoWrap();
            table.AddColumn(column);
        }
        return table;
    }

    public static void Row(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());

    public static void Write(TextWriter writer, IRenderable renderable)
    {
        var console = Console(writer);
        console.Profile.Width = 200; // wide enough for a monthly schedule or a row of large figures without splitting one
        console.Write(renderable);
    }

    public static string Money(double v) => Math.Abs(v) >= 1000
        ? Shown(v, 0).ToString("$#,##0", CultureInfo.InvariantCulture)
        : Shown(v, 2).ToString("$0.00", CultureInfo.InvariantCulture);
    public static string Money4(double v) => Shown(v, 4).ToString("$0.0000", CultureInfo.InvariantCulture);
    public static string Number(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);
    public static string Percent(double? v) => v is { } d ? Shown(d, 4).ToString("0.00%", CultureInfo.InvariantCulture) : "none";

    // The value to the places shown, with a negative that rounds to zero made zero: -0.001 reads $0.00, not -$0.00.
    private static double Shown(double v, int decimals) => Math.Round(v, decimals, MidpointRounding.AwayFromZero) + 0.0;
}
