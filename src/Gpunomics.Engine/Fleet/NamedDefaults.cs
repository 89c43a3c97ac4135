using System.Globalization;

namespace Gpunomics.Fleet;

/// <summary>
/// Renter defaults named as CONTRACT@YYYY-MM (the contract and the first month it does not pay), as the command line's
/// <c>--default</c> and the web API's <c>default</c> take them: the same run as the fleet file's scenario defaults.
/// </summary>
public static class NamedDefaults
{
    /// <summary>
    /// <paramref name="fleet"/> with its defaults replaced by the named ones (scenario mode, keeping its recovery and
    /// re-lease delay); false with the reason (naming the text, the value and what is allowed) when one cannot be read.
    /// </summary>
    /// <param name="fleet">The fleet whose contracts are named.</param>
    /// <param name="texts">Each CONTRACT@YYYY-MM, a contract of the fleet (any case) and a month it bills; each contract once.</param>
    /// <param name="named">The fleet with the named defaults, when every text reads.</param>
    /// <param name="error">Why a text does not read, starting with the text in quotes.</param>
    public static bool TryApply(FleetDefinition fleet, IReadOnlyList<string> texts, out FleetDefinition named, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(texts);
        named = fleet;
        error = null;
        var events = new List<DefaultEvent>();
        foreach (var text in texts)
        {
            var at = text.LastIndexOf('@');
            if (at <= 0 || !DateOnly.TryParseExact(text[(at + 1)..], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                error = $"'{text}' is not allowed; write CONTRACT@YYYY-MM, e.g. {(fleet.Contracts.Count > 0 ? fleet.Contracts[0].Id : "c1")}@{FleetDates.Text(fleet.Start)}";
                return false;
            }
            var id = text[..at];
            var contract = fleet.Contracts.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
            if (contract is null)
            {
                error = $"'{text}': '{id}' is not a contract of the fleet file; contracts: {(fleet.Contracts.Count > 0 ? string.Join(", ", fleet.Contracts.Select(c => c.Id)) : "none")}";
                return false;
            }
            var last = contract.Start.AddMonths(contract.TermMonths - 1);
            if (date < contract.Start || date > last)
            {
                error = $"'{text}': {FleetDates.Text(date)} is not a month {contract.Id} bills; allowed: {FleetDates.Text(contract.Start)} to {FleetDates.Text(last)}";
                return false;
            }
            if (events.Any(e => string.Equals(e.ContractId, contract.Id, StringComparison.OrdinalIgnoreCase)))
            {
                error = $"'{text}': {contract.Id} is named twice; a contract defaults once";
                return false;
            }
            events.Add(new DefaultEvent(contract.Id, date));
        }
        named = fleet with { Defaults = fleet.Defaults with { Mode = DefaultMode.Scenario, Events = events } };
        return true;
    }
}
