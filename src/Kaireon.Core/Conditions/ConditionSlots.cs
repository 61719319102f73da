using System.Collections.Frozen;
using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// The fields a set of conditions read, each given a slot, and the readings their leaves make of it
/// (a number, a date). Conditions compiled against the slots (<see cref="ConditionTree.Compile(ConditionSlots)"/>)
/// read a <see cref="SlotConditionData"/> by index: many conditions evaluated against one record
/// (every flexible behaviour of a verb against one event) then decode each field once, look up no
/// name and parse no string again. Immutable and thread-safe.
/// </summary>
public sealed class ConditionSlots
{
    private readonly FrozenDictionary<string, int> _byField;
    private readonly JsonField[] _json;
    private readonly (bool Number, bool Date)[] _readings;

    public ConditionSlots(IEnumerable<ConditionTree> trees)
    {
        var readings = new Dictionary<string, (bool Number, bool Date)>(StringComparer.Ordinal);
        foreach (var leaf in trees.SelectMany(t => t.Leaves))
        {
            var (number, date) = ReadingsOf(leaf);
            readings[leaf.Field] = readings.TryGetValue(leaf.Field, out var other) ? (number || other.Number, date || other.Date) : (number, date);
        }
        Fields = [.. readings.Keys];
        _json = [.. Fields.Select(f => new JsonField(f))];
        _readings = [.. Fields.Select(f => readings[f])];
        _byField = Fields.Select((field, slot) => (field, slot)).ToFrozenDictionary(f => f.field, f => f.slot, StringComparer.Ordinal);
    }

    // What a leaf reads of a string: numeric operators and lists with a numeric item its number, date operators its date.
    private static (bool Number, bool Date) ReadingsOf(ConditionLeaf leaf) => leaf.Operator.Family() switch
    {
        ConditionOperatorFamily.Numeric => (true, false),
        ConditionOperatorFamily.Set => (leaf.Value!.Value.EnumerateArray().Any(item => ConditionValue.FromJson(item).TryGetNumber(out _)), false),
        ConditionOperatorFamily.Date => (false, true),
        _ => (false, false),
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
            values[slot] = json is { } record && _json[slot].TryGet(record, out var value)
                ? value.WithReadings(_readings[slot].Number, _readings[slot].Date)
                : default;
        }
    }
}
