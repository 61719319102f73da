namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// What every leaf shares: read the field once, apply design §6's missing-field rule (a missing or
/// null field makes positive operators false and negated ones true), then <see cref="Test"/> a present value.
/// </summary>
internal abstract class LeafEvaluator(ConditionLeaf leaf) : ConditionEvaluator
{
    private readonly string _field = leaf.Field;
    private readonly bool _whenMissing = leaf.Operator.IsNegated();

    public sealed override bool Evaluate(IConditionData data) =>
        data.TryGet(_field, out var value) && value.Kind != ConditionValueKind.Null ? Test(in value) : _whenMissing;

    public sealed override bool Explain(IConditionData data, List<ConditionLeafResult> trace)
    {
        var present = data.TryGet(_field, out var value) && value.Kind != ConditionValueKind.Null;
        var result = present ? Test(in value) : _whenMissing;
        trace.Add(new ConditionLeafResult(leaf.Path, leaf.Field, leaf.Operator, leaf.Value, present ? value : (ConditionValue?)null, result));
        return result;
    }

    /// <summary>The operator on a present, non-null value; false when the value's type does not fit the operator.</summary>
    protected abstract bool Test(in ConditionValue value);
}

/// <summary><c>exists</c> and the wildcard <c>is "*"</c>: any present value.</summary>
internal sealed class PresentLeaf(ConditionLeaf leaf) : LeafEvaluator(leaf)
{
    protected override bool Test(in ConditionValue value) => true;
}
