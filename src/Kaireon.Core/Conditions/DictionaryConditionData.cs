using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// Fields from a dictionary keyed by the full field name (<c>attributes.tier</c>), values already
/// converted: for data that is built once and evaluated against many conditions, and for tests.
/// </summary>
public sealed class DictionaryConditionData(IReadOnlyDictionary<string, ConditionValue> fields) : IConditionData
{
    public bool TryGet(string field, out ConditionValue value) => fields.TryGetValue(field, out value);

    /// <summary>
    /// Reads <paramref name="fields"/> (say, the union of <see cref="ConditionTree.Fields"/> of every
    /// flexible behaviour of a verb) out of <paramref name="json"/> once, so each condition then
    /// evaluated against it reads a table instead of walking and decoding JSON again.
    /// </summary>
    public static DictionaryConditionData FromJson(JsonElement json, IEnumerable<string> fields)
    {
        var source = new JsonConditionData(json);
        var values = new Dictionary<string, ConditionValue>(StringComparer.Ordinal);
        foreach (var field in fields)
            if (source.TryGet(field, out var value)) values[field] = value;
        return new DictionaryConditionData(values);
    }
}
