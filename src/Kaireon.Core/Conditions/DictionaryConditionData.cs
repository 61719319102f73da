namespace Kaireon.Core.Conditions;

/// <summary>
/// Fields from a dictionary keyed by the full field name (<c>attributes.tier</c>), values already
/// converted: for data that is built once and evaluated against many conditions, and for tests.
/// </summary>
public sealed class DictionaryConditionData(IReadOnlyDictionary<string, ConditionValue> fields) : IConditionData
{
    public bool TryGet(string field, out ConditionValue value) => fields.TryGetValue(field, out value);
}
