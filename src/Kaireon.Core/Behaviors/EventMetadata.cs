using System.Collections.Frozen;
using System.Text.Json;
using Kaireon.Core.Conditions;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// The metadata fields a verb's conditions read, decoded once per event into a table of slots: a
/// hundred conditions then read array slots instead of walking and decoding the JSON a hundred
/// times. One instance per event; not shared between threads.
/// </summary>
public sealed class EventMetadata : IConditionData
{
    private readonly MetadataSlots _slots;
    private readonly ConditionValue[] _values;

    private EventMetadata(MetadataSlots slots, ConditionValue[] values)
    {
        _slots = slots;
        _values = values;
    }

    /// <summary>The slots' fields read out of <paramref name="metadata"/>; absent ones stay null.</summary>
    public static EventMetadata Read(JsonElement? metadata, MetadataSlots slots)
    {
        var fields = slots.Fields;
        var values = new ConditionValue[fields.Count];
        if (metadata is { ValueKind: JsonValueKind.Object } json)
        {
            var source = new JsonConditionData(json);
            for (var i = 0; i < values.Length; i++)
            {
                if (source.TryGet(fields[i], out var value)) values[i] = value;
            }
        }
        return new EventMetadata(slots, values);
    }

    /// <summary>A JSON null reads as absent, as the condition engine treats it.</summary>
    public bool TryGet(string field, out ConditionValue value)
    {
        if (_slots.TryGetSlot(field, out var slot))
        {
            value = _values[slot];
            return !value.IsNull;
        }
        value = default;
        return false;
    }
}

/// <summary>
/// Where each field's value sits in an <see cref="EventMetadata"/>. Conditions pass the very string
/// instances of their <see cref="ConditionTree.Fields"/>, so those are found by reference (no string
/// hashing, the evaluation's hot path); any other instance by its text. Immutable and thread-safe.
/// </summary>
public sealed class MetadataSlots
{
    private readonly FrozenDictionary<object, int> _byInstance;
    private readonly FrozenDictionary<string, int> _byText;

    public MetadataSlots(IEnumerable<ConditionTree> trees)
    {
        var instances = trees.SelectMany(t => t.Fields).Distinct(ReferenceEqualityComparer.Instance).Cast<string>().ToList();
        Fields = [.. instances.Distinct(StringComparer.Ordinal)];
        _byText = Fields.Select((field, slot) => (field, slot)).ToFrozenDictionary(f => f.field, f => f.slot, StringComparer.Ordinal);
        _byInstance = instances.ToFrozenDictionary(f => (object)f, f => _byText[f], ReferenceEqualityComparer.Instance);
    }

    /// <summary>The distinct fields, by slot.</summary>
    public IReadOnlyList<string> Fields { get; }

    public bool TryGetSlot(string field, out int slot) => _byInstance.TryGetValue(field, out slot) || _byText.TryGetValue(field, out slot);
}
