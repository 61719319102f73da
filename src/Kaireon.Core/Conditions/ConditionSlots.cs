using System.Collections.Frozen;
using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// The fields a set of conditions read, each given a slot and read out of a record as those
/// conditions need it (<see cref="JsonField"/>). Conditions compiled against the slots (<see cref="ConditionTree.Compile(ConditionSlots)"/>)
/// read a <see cref="SlotConditionData"/> by index: many conditions evaluated against one record
/// (every flexible behaviour of a verb against one event) then decode each field once, look up no
/// name and parse no string again. Immutable and thread-safe.
/// </summary>
public sealed class ConditionSlots
{
    private readonly FrozenDictionary<string, int> _byField;
    private readonly JsonField[] _json;

    public ConditionSlots(IEnumerable<ConditionTree> trees)
    {
        var byField = trees.SelectMany(t => t.Leaves).GroupBy(l => l.Field, StringComparer.Ordinal).ToList();
        Fields = [.. byField.Select(leaves => leaves.Key)];
        _byField = Fields.Select((field, slot) => (field, slot)).ToFrozenDictionary(f => f.field, f => f.slot, StringComparer.Ordinal);
        _json = [.. byField.Select(leaves => new JsonField(leaves.Key, leaves.SelectMany(NamedStrings),
            number: leaves.Any(ReadsNumber), date: leaves.Any(l => l.Operator.Family() == ConditionOperatorFamily.Date)))];
    }

    // Numeric operators read a string's number, and so do lists with a numeric item.
    private static bool ReadsNumber(ConditionLeaf leaf) => leaf.Operator.Family() switch
    {
        ConditionOperatorFamily.Numeric => true,
        ConditionOperatorFamily.Set => leaf.Value!.Value.EnumerateArray().Any(item => ConditionValue.FromJson(item).TryGetNumber(out _)),
        _ => false,
    };

    // The strings a leaf compares values with exactly (is, eq, in and their negations); not the wildcard, which matches any value.
    private static IEnumerable<string> NamedStrings(ConditionLeaf leaf) => leaf.Operator.Family() switch
    {
        _ when leaf.IsWildcard => [],
        ConditionOperatorFamily.Set => leaf.Value!.Value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!),
        ConditionOperatorFamily.Numeric or ConditionOperatorFamily.Universal when leaf.Value is { ValueKind: JsonValueKind.String } text => [text.GetString()!],
        _ => [],
    };

    /// <summary>The distinct fields, by slot.</summary>
    public IReadOnlyList<string> Fields { get; }

    public bool TryGetSlot(string field, out int slot) => _byField.TryGetValue(field, out slot);

    /// <summary>
    /// Fills <paramref name="into"/> (made for these slots) with the fields of <paramref name="json"/>,
    /// each with the readings its leaves make; absent fields and those of a non-object read as missing.
    /// </summary>
    public void Read(JsonElement? json, SlotConditionData into)
    {
        if (!ReferenceEquals(into.Slots, this)) throw new ArgumentException("The data was made for other slots.", nameof(into));
        var values = into.Values;
        for (var slot = 0; slot < values.Length; slot++)
        {
            values[slot] = json is { } record && _json[slot].TryGet(record, out var value) ? value : default;
        }
    }
}
