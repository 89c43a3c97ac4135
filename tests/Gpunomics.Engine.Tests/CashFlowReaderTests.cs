using CsCheck;
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

/// <summary>Laws of XIRR and XNPV on random dated flows.</summary>
public class DatedFlowLaws
{
    private static readonly Gen<DatedFlow[]> Conventional =
        Gen.Select(Gen.Double[1_000, 1_000_000], Gen.Int[0, 20_000], Gen.Select(Gen.Int[1, 400], Gen.Double[0.01, 0.5]).Array[1, 40])
            .Select((capex, start, rents) =>
            {
                var date = new DateOnly(1990, 1, 1).AddDays(start);
                var flows = new List<DatedFlow> { new(date, -capex) };
                foreach (var (gap, share) in rents)
                {
                    date = date.AddDays(gap);
                    flows.Add(new DatedFlow(date, share * capex));
                }
                return flows.ToArray();
            });

    [Fact]
    public void Xnpv_at_the_xirr_is_zero_and_neither_depends_on_the_order_of_the_rows()
    {
        Gen.Select(Conventional, Gen.Int).Sample((flows, seed) =>
        {
            var irr = CashFlowAnalysis.Xirr(flows);
            // One sign change: exactly one root above -100%, found unless it lies beyond the searched range or too near -100% a year.
            if (irr.Rate is not { } rate) return irr.AboveSearchRange || irr.Note!.Contains("-100%", StringComparison.Ordinal);
            // 1 + XIRR is held to 1e-9 of itself, which moves XNPV by up to that times the years spanned.
            var years = (flows[^1].Date.DayNumber - flows[0].Date.DayNumber) / 365.0;
            var scale = flows.Sum(f => Math.Abs(f.Amount)) * Math.Max(1, years);
            var shuffled = flows.OrderBy(_ => new Random(seed).Next()).ToArray();
            var again = CashFlowAnalysis.Xirr(shuffled).Rate;
            return Math.Abs(DatedFlows.Npv(rate, flows)) <= 1e-8 * scale
                && again == rate
                && Math.Abs(CashFlowAnalysis.Xnpv(shuffled, 0.1).Value!.Value - CashFlowAnalysis.Xnpv(flows, 0.1).Value!.Value) <= 1e-12 * scale;
        });
    }

    [Fact]
    public void Flows_one_day_apart_have_the_xirr_of_the_same_flows_as_periods_of_a_day_annualized()
    {
        Gen.Select(Gen.Double[1_000, 100_000], Gen.Double[0.001, 0.05].Array[2, 60]).Sample((capex, shares) =>
        {
            double[] periodic = [-capex, .. shares.Select(s => s * capex)];
            var dated = periodic.Select((a, i) => new DatedFlow(new DateOnly(2020, 1, 1).AddDays(i), a)).ToArray();
            var perDay = CashFlowAnalysis.Irr(periodic, 365).RatePerPeriod;
            var xirr = CashFlowAnalysis.Xirr(dated).Rate;
            if (perDay is null) return xirr is null;
            var u = 365 * Math.Log(1 + perDay.Value);
            // An annual rate within 1e-7 of -100% is not held to 9 digits: none, with a note, rather than -100%.
            if (xirr is null) return u < Math.Log(1e-7) && CashFlowAnalysis.Xirr(dated).Note!.Contains("-100%", StringComparison.Ordinal);
            return 1 + xirr >= 1e-7 && Math.Abs(1 + xirr.Value - Math.Exp(u)) <= 1e-9 * Math.Max(1, Math.Abs(u)) * Math.Exp(u);
        });
    }
}
