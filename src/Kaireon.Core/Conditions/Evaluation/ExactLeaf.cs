namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// Exact comparison with one scalar: <c>is</c>/<c>is_not</c> (a number equals only a number, a
/// string only the same string, a bool only a bool; so <c>is_not</c> is true for a value of another
/// type), and <c>eq</c>/<c>neq</c> with a non-numeric value, where another type is a mismatch (both false).
/// </summary>
internal sealed class ExactLeaf(ConditionLeaf leaf, ConditionValue expected) : LeafEvaluator(leaf)
{
    private readonly bool _negated = leaf.Operator.IsNegated();
    private readonly bool _otherTypeIsMismatch = leaf.Operator is ConditionOperator.Eq or ConditionOperator.Neq;

    protected override bool Test(in ConditionValue value)
    {
        if (value.Kind != expected.Kind) return !_otherTypeIsMismatch && _negated;
        var equal = value.Kind switch
        {
            ConditionValueKind.Number => value.Number == expected.Number,
            ConditionValueKind.String => string.Equals(value.Text, expected.Text, StringComparison.Ordinal),
            _ => value.Bool == expected.Bool,
        };
        return equal != _negated;
    }
}
