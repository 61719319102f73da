namespace Kaireon.Core.Conditions;

/// <summary>
/// One record's fields in the slots of a <see cref="ConditionSlots"/>, filled by
/// <see cref="ConditionSlots.Read"/>. Conditions compiled against those slots index it directly;
/// any other condition reads it by field name. Reusable record after record; not thread-safe.
/// </summary>
public sealed class SlotConditionData(ConditionSlots slots) : IConditionData
{
    public ConditionSlots Slots { get; } = slots;

    internal ConditionValue[] Values { get; } = new ConditionValue[slots.Fields.Count];

    /// <summary>The value in <paramref name="slot"/>; <see cref="ConditionValue.Null"/> when the field is absent.</summary>
    public ref readonly ConditionValue this[int slot] => ref Values[slot];

    public bool TryGet(string field, out ConditionValue value)
    {
        if (Slots.TryGetSlot(field, out var slot))
        {
            value = Values[slot];
            return !value.IsNull;
        }
        value = default;
        return false;
    }
}
