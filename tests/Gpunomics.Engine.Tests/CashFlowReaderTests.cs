using Gpunomics.CashFlows;
using Gpunomics.Finance;

namespace Gpunomics.Engine.Tests;

/// <summary>Reading cash flows from a column, date,amount rows or JSON; every bad row named with its field, value and what is allowed.</summary>
public class CashFlowReaderTests
{
    [Fact]
    public void A_column_with_a_header_blank_rows_and_comments_is_periodic()
    {
        var r = CashFlowReader.Read("amount\n# capex\n-1000\n\n300\r\n400.5\n", "f.csv");
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        Assert.Equal([-1000, 300, 400.5], r.Value!.Periodic!);
    }

    [Fact]
    public void Date_amount_rows_are_dated_and_rows_out_of_order_or_on_one_date_are_noted()
    {
        var r = CashFlowReader.Read("date,amount\n2024-03-01,50\n2024-01-01,-100\n2024-03-01;60\n", "f.csv");
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        Assert.Equal(3, r.Value!.Dated!.Count);
        Assert.Contains(r.Value.Notes, n => n.Contains("not in date order", StringComparison.Ordinal) && n.Contains("2024-01-01", StringComparison.Ordinal));
        Assert.Contains(r.Value.Notes, n => n.Contains("2024-03-01 on rows 2, 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_row_field_value_and_what_is_allowed()
    {
        var r = CashFlowReader.Read("date,amount\n2024-01-01,-100\n2024-13-01,50\n2024-02-01,abc\n2024-03-01\n2024-04-01,1e16\n", "flows.csv");
        Assert.False(r.Ok);
        Assert.Collection(r.Errors,
            e => Assert.Equal(("flows.csv", 3, "date", "2024-13-01"), (e.Source, e.Row, e.Field, e.Value)),
            e => Assert.Equal((4, "amount", "abc"), (e.Row, e.Field, e.Value)),
            e => Assert.Equal((5, "row"), (e.Row, e.Field)),
            e => Assert.Equal((6, "amount", "1e16"), (e.Row, e.Field, e.Value)));
        Assert.All(r.Errors, e => Assert.Contains("allowed", e.Allowed, StringComparison.Ordinal));
        Assert.StartsWith("flows.csv: row 3: date: '2024-13-01' is not allowed; allowed: a date as YYYY-MM-DD", r.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_amount_with_a_thousands_separator_gets_a_hint()
    {
        var r = CashFlowReader.Read("-1,000\n500\n", "f.csv");
        Assert.Contains(r.Errors, e => e.Allowed.Contains("write -1000 for -1,000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("amount\n\n# nothing\n")]
    [InlineData("[]")]
    public void Empty_input_is_refused(string text)
    {
        var r = CashFlowReader.Read(text, "f");
        Assert.Contains(r.Errors, e => e.Field == "flows" && e.Allowed.Contains("no cash flows", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_arrays_of_numbers_or_of_dated_objects_are_read_and_bad_elements_named()
    {
        Assert.Equal([-1, 2], CashFlowReader.Read("[-1, 2]", "f.json").Value!.Periodic!);
        Assert.Equal(new DatedFlow(new DateOnly(2024, 1, 1), -5), CashFlowReader.Read("""{ "flows": [{ "date": "2024-01-01", "amount": -5 }, { "date": "2024-06-01", "amount": 6 }] }""", "f.json").Value!.Dated![0]);
        var bad = CashFlowReader.Read("""[{ "date": "2024-01-01", "amount": "-5" }, { "amount": 6 }, 7]""", "f.json");
        Assert.Collection(bad.Errors,
            e => Assert.Equal((1, "amount", "\"-5\""), (e.Row, e.Field, e.Value)),
            e => Assert.Equal((2, "date", null), (e.Row, e.Field, e.Value)),
            e => Assert.Equal((3, "row"), (e.Row, e.Field)));
        Assert.Contains(CashFlowReader.Read("[1, 2", "f.json").Errors, e => e.Allowed.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_periods_or_too_long_a_span_of_dates_is_refused()
    {
        var many = string.Join("\n", Enumerable.Repeat("1", CashFlowReader.MaxPeriodicFlows + 1));
        Assert.Contains(CashFlowReader.Read(many, "f").Errors, e => e.Field == "flows" && e.Allowed.Contains("at most 100,001", StringComparison.Ordinal));
        Assert.Contains(CashFlowReader.Read("1900-01-01,-1\n2200-01-01,5\n", "f").Errors, e => e.Allowed.Contains("at most 100,000 days", StringComparison.Ordinal));
    }
}
