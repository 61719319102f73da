namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// What every leaf shares: read the field once, apply design §6's missing-field rule (a missing or
/// null field makes positive operators false and negated ones true), then <see cref="Test"/> a present value.
/// </summary>
internal abstract class LeafEvaluator(ConditionLeaf leaf) : ConditionEvaluator
{
    private readonly string _field = leaf.Field;
    private readonly bool _whenMissing = leaf.Operator.IsNegated();

    // Set once at compile, before the condition is shared: data in these slots is read by index.
    private ConditionSlots? _slots;
    private int _slot;

    /// <summary>Reads data in <paramref name="slots"/> (when the field has a slot there) by index from now on.</summary>
    public LeafEvaluator At(ConditionSlots? slots)
    {
        if (slots is not null && slots.TryGetSlot(_field, out _slot)) _slots = slots;
        return this;
    }

    public sealed override bool Evaluate(IConditionData data)
    {
        ConditionValue read = default;
        ref readonly var value = ref Read(data, ref read);
        return value.Kind != ConditionValueKind.Null ? Test(in value) : _whenMissing;
    }

    public sealed override bool Explain(IConditionData data, List<ConditionLeafResult> trace)
    {
        ConditionValue read = default;
        ref readonly var value = ref Read(data, ref read);
        var present = value.Kind != ConditionValueKind.Null;
        var result = present ? Test(in value) : _whenMissing;
        trace.Add(new ConditionLeafResult(leaf.Path, leaf.Field, leaf.Operator, leaf.Value, present ? value : (ConditionValue?)null, result));
        return result;
    }

    /// <summary>
    /// The field's value (<see cref="ConditionValue.Null"/> when absent): in a table of these slots
    /// where it lies, not copied out (a hundred conditions read it per event), else read into <paramref name="read"/>.
    /// </summary>
    private ref readonly ConditionValue Read(IConditionData data, ref ConditionValue read)
    {
        if (data is SlotConditionData slotted && ReferenceEquals(slotted.Slots, _slots)) return ref slotted[_slot];
        if (!data.TryGet(_field, out read)) read = default;
        return ref read;
    }

    /// <summary>The operator on a present, non-null value; false when the value's type does not fit the operator.</summary>
    protected abstract bool Test(in ConditionValue value);
}

/// <summary><c>exists</c> and the wildcard <c>is "*"</c>: any present value.</summary>
internal sealed class PresentLeaf(ConditionLeaf leaf) : LeafEvaluator(leaf)
{
    protected override bool Test(in ConditionValue value) => true;
}
