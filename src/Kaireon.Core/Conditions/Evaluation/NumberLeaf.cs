namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// <c>gt gte lt lte eq neq</c> against a number: numbers and numeric strings compare as numbers; any
/// other value is a type mismatch, false for <c>neq</c> too.
/// </summary>
internal sealed class NumberLeaf(ConditionLeaf leaf, double expected) : LeafEvaluator(leaf)
{
    private readonly ConditionOperator _op = leaf.Operator;

    protected override bool Test(in ConditionValue value)
    {
        if (!value.TryGetNumber(out var actual)) return false;
        return _op switch
        {
            ConditionOperator.Gt => actual > expected,
            ConditionOperator.Gte => actual >= expected,
            ConditionOperator.Lt => actual < expected,
            ConditionOperator.Lte => actual <= expected,
            ConditionOperator.Eq => actual == expected,
            _ => actual != expected,
        };
    }
}
