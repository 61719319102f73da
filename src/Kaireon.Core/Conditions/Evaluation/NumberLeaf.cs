namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// <c>gt gte lt lte eq neq</c> against a number: numbers and numeric strings compare as numbers; any
/// other value is a type mismatch, false for <c>neq</c> too.
/// </summary>
internal sealed class NumberLeaf(ConditionLeaf leaf, double expected) : LeafEvaluator(leaf)
{
    private readonly OrderComparison _comparison = new(leaf.Operator);

    protected override bool Test(in ConditionValue value) => value.TryGetNumber(out var actual) && _comparison.Holds(actual, expected);
}
