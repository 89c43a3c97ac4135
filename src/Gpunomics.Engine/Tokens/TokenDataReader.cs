using System.Text.Json;
using Gpunomics.Json;
using Gpunomics.ValueChain;

namespace Gpunomics.Tokens;

/// <summary>Reads price sheets and task lists from their JSON files, with path-named errors.</summary>
public static class TokenDataReader
{
    /// <summary>Reads <c>{ "sheets": [ { name, description, inputPerMillion, outputPerMillion, cacheReadPerMillion, cacheWritePerMillion, cacheWriteLongPerMillion?, source } ] }</c>:
    /// cacheWritePerMillion is the short (five-minute) retention's write price, the optional cacheWriteLongPerMillion the long (one-hour) one's.</summary>
    public static ReadResult<IReadOnlyList<PriceSheet>> ReadPriceSheets(string json, string source) =>
        ReadList(json, source, "sheets", r =>
        {
            var sheet = new PriceSheet
            {
                Name = r.String("name", true) ?? "",
                Description = r.String("description", false) ?? "",
                Model = r.String("model", false),
                InputPerMillion = r.Number("inputPerMillion", true, 0, 1e5, unit: "$ per million tokens") ?? 0,
                OutputPerMillion = r.Number("outputPerMillion", true, 0, 1e5, unit: "$ per million tokens") ?? 0,
                CacheReadPerMillion = r.Number("cacheReadPerMillion", true, 0, 1e5, unit: "$ per million tokens") ?? 0,
                CacheWritePerMillion = r.Number("cacheWritePerMillion", true, 0, 1e5, unit: "$ per million tokens") ?? 0,
                CacheWriteLongPerMillion = r.Number("cacheWriteLongPerMillion", false, 0, 1e5, unit: "$ per million tokens"),
                Source = r.String("source", true) ?? "",
            };
            return sheet;
        });

    /// <summary>Reads <c>{ "tasks": [ { name, personHours, loadedHourlyCost, inputTokens, outputTokens } ] }</c>.</summary>
    public static ReadResult<IReadOnlyList<WorkTask>> ReadTasks(string json, string source) =>
        ReadList(json, source, "tasks", r => new WorkTask(
            r.String("name", true) ?? "",
            r.Number("personHours", true, 0, 1e6, minExclusive: true, unit: "hours") ?? 1,
            r.Number("loadedHourlyCost", true, 0, 1e5, minExclusive: true, unit: "$ per hour") ?? 1,
            r.Number("inputTokens", true, 0, 1e12, unit: "tokens") ?? 0,
            r.Number("outputTokens", true, 0, 1e12, minExclusive: true, unit: "tokens") ?? 1));

    private static ReadResult<IReadOnlyList<T>> ReadList<T>(string json, string source, string key, Func<ObjectReader, T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<InputError>();
        using var doc = JsonText.Parse(json, source, errors);
        if (doc is null) return ReadResult<IReadOnlyList<T>>.Failure(errors);
        var root = new ObjectReader(doc.RootElement, source, "", errors);
        root.String("description", false);
        var items = root.Array(key, true, 1, 10_000) ?? [];
        var list = new List<T>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(source, $"{key}[{i}]", ObjectReader.Show(items[i]), "must be an object { ... }"));
                continue;
            }
            var r = new ObjectReader(items[i], source, $"{key}[{i}]", errors);
            list.Add(read(r));
            r.RejectUnknownKeys();
        }
        root.RejectUnknownKeys();
        return errors.Count > 0 ? ReadResult<IReadOnlyList<T>>.Failure(errors) : ReadResult<IReadOnlyList<T>>.Success(list);
    }
}
