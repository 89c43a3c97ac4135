using System.Globalization;
using System.Text.Json;
using Gpunomics.CashFlows;
using Gpunomics.Contracts;
using Gpunomics.Inputs;

namespace Gpunomics.Web.Api;

/// <summary>
/// Any cash flows under <c>POST /api/cashflows</c>: the body holds the flows (an array of amounts or of
/// <c>{ "date", "amount" }</c> objects, or pasted text read as the command line reads a file) and the rates; the answer
/// is what <c>gpunomics cashflows</c> gives, with the same field names (methodology: "Cash flows").
/// </summary>
internal static class CashFlowApi
{
    /// <summary>Keys the body may hold.</summary>
    private static readonly string[] Keys = ["flows", "text", "rate", "financeRate", "reinvestRate", "periodsPerYear"];

    public static void MapCashFlowApi(this WebApplication app)
    {
        app.MapGroup("/api").WithTags("cash flows")
            .MapPost("/cashflows", Analyze)
            .Accepts<JsonElement>("application/json")
            .WithDescription("Body: { \"flows\": [amounts] or [{ \"date\": \"YYYY-MM-DD\", \"amount\": n }], or \"text\": \"pasted column or date,amount rows\"; " +
                "\"rate\" (annual; NPV, XNPV and the hurdle), \"financeRate\" and \"reinvestRate\" (annual; MIRR, default rate), \"periodsPerYear\" (periodic flows, default 12) }. " +
                "Periodic flows give irr, npv, mirr and payback; dated flows xirr, xnpv and payback.");
    }

    private static async Task<IResult> Analyze(HttpRequest request)
    {
        string body;
        using (var reader = new StreamReader(request.Body))
            body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Invalid(new() { ["body"] = ["is not JSON; send { \"flows\": [...] } or { \"text\": \"...\" } with the rates"] }, []);
        }
        using (doc)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return Invalid(new() { ["body"] = ["must be an object: { \"flows\": [...] } or { \"text\": \"...\" } with the rates"] }, []);
            var root = doc.RootElement;
            foreach (var p in root.EnumerateObject().Where(p => !Keys.Contains(p.Name, StringComparer.Ordinal)))
                errors[p.Name] = [$"is not a key of this body; allowed keys: {string.Join(", ", Keys)}"];
            var rate = Rate(root, "rate", ModelInputs.DiscountRate, errors);
            var finance = Rate(root, "financeRate", ModelInputs.FinanceRate, errors) ?? rate;
            var reinvest = Rate(root, "reinvestRate", ModelInputs.ReinvestRate, errors) ?? rate;
            var periods = Rate(root, "periodsPerYear", ModelInputs.PeriodsPerYear, errors);

            var hasFlows = root.TryGetProperty("flows", out var flows);
            var hasText = root.TryGetProperty("text", out var text);
            CashFlowReadResult? read = null;
            string key = hasText ? "text" : "flows";
            if (hasFlows == hasText)
                errors["flows"] = [hasFlows ? "give either flows or text, not both" : "is required: an array of amounts or of { \"date\", \"amount\" } objects (or give text: a pasted column or date,amount rows)"];
            else if (hasText && text.ValueKind != JsonValueKind.String)
                errors["text"] = ["must be a string: a column of amounts or date,amount rows, one per line"];
            else
                read = hasText ? CashFlowReader.Read(text.GetString()!, "text") : CashFlowReader.ReadJson(flows, "flows");
            var rows = new List<object>();
            foreach (var e in read?.Errors ?? [])
            {
                var name = e.Row == 0 ? key : hasText ? $"text.row{e.Row}.{e.Field}" : $"flows[{e.Row - 1}]" + (e.Field == "row" ? "" : "." + e.Field);
                errors[name] = [.. errors.GetValueOrDefault(name) ?? [], e.ToString()];
                rows.Add(new { row = e.Row, field = e.Field, value = e.Value, allowed = e.Allowed });
            }
            if (read?.Value is { IsDated: true } && periods is not null)
                errors["periodsPerYear"] = ["dated flows have no periods (each is discounted by its days from the earliest date / 365); leave it out"];
            if (errors.Count > 0 || read?.Value is not { } input) return Invalid(errors, rows);

            var n = (int)(periods ?? 12);
            if (input.Dated is { } dated)
                return TypedResults.Ok(new
                {
                    input = Contract.CashFlowInput(input, n),
                    hurdle = rate,
                    xirr = Contract.CashFlowIrr(CashFlowAnalysis.Xirr(dated, rate)),
                    xnpv = rate is { } r ? Contract.CashFlowNpv(CashFlowAnalysis.Xnpv(dated, r)) : null,
                    payback = Contract.CashFlowPayback(CashFlowAnalysis.Payback(dated)),
                });
            var f = input.Periodic!;
            return TypedResults.Ok(new
            {
                input = Contract.CashFlowInput(input, n),
                hurdle = rate,
                irr = Contract.CashFlowIrr(CashFlowAnalysis.Irr(f, n, rate)),
                npv = rate is { } r2 ? Contract.CashFlowNpv(CashFlowAnalysis.Npv(f, r2, n)) : null,
                mirr = finance is { } fr && reinvest is { } rr ? Contract.CashFlowMirr(CashFlowAnalysis.Mirr(f, fr, rr, n)) : null,
                payback = Contract.CashFlowPayback(CashFlowAnalysis.Payback(f, n)),
            });
        }
    }

    // A rate (or the period count): a JSON number, or a string as a flag takes it ("15%"), checked against its declaration.
    private static double? Rate(JsonElement root, string name, ModelInput input, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        string? problem;
        double value;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value)) problem = input.Check(value, v.GetRawText());
        else if (v.ValueKind == JsonValueKind.String) problem = input.Read(v.GetString()!, out value);
        else { problem = $"{v.GetRawText()} is not a number; allowed: {input.Allowed}"; value = 0; }
        if (problem is null) return value;
        errors[name] = [problem];
        return null;
    }

    private static IResult Invalid(Dictionary<string, string[]> errors, List<object> rows) =>
        TypedResults.ValidationProblem(errors, title: "invalid input", detail: rows.Count > 0 ? $"{rows.Count} bad row(s) in the cash flows" : "the body is invalid",
            extensions: new Dictionary<string, object?> { ["rows"] = rows });
}
