namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// <c>contains starts_with ends_with</c> and their negations, case-sensitive (ordinal). Only a string
/// value is text: a number is a mismatch, false for the negations too.
/// </summary>
internal sealed class TextLeaf(ConditionLeaf leaf, string expected) : LeafEvaluator(leaf)
{
    private readonly ConditionOperator _op = leaf.Operator;

    protected override bool Test(in ConditionValue value)
    {
        if (value.Text is not { } text) return false;
        return _op switch
        {
            ConditionOperator.Contains => text.Contains(expected, StringComparison.Ordinal),
            ConditionOperator.NotContains => !text.Contains(expected, StringComparison.Ordinal),
            ConditionOperator.StartsWith => text.StartsWith(expected, StringComparison.Ordinal),
            ConditionOperator.NotStartsWith => !text.StartsWith(expected, StringComparison.Ordinal),
            ConditionOperator.EndsWith => text.EndsWith(expected, StringComparison.Ordinal),
            _ => !text.EndsWith(expected, StringComparison.Ordinal),
        };
    }
}
