using System.Text.Json;
using System.Text.RegularExpressions;
using Kaireon.Core.Conditions.Evaluation;

namespace Kaireon.Core.Conditions;

/// <summary>
/// Turns a valid tree into evaluators, reading each condition value once: numbers parsed, dates
/// converted to ticks, patterns built, lists made sets. The parser has checked every value, so
/// nothing here can fail. Leaves compiled against <see cref="ConditionSlots"/> also know their slot.
/// </summary>
internal static class ConditionCompiler
{
    public static ConditionEvaluator Compile(ConditionNode node, TimeSpan regexTimeout, ConditionSlots? slots) => node switch
    {
        ConditionGroup { Kind: ConditionGroupKind.All } all => new AllEvaluator([.. all.Children.Select(c => Compile(c, regexTimeout, slots))]),
        ConditionGroup any => new AnyEvaluator([.. any.Children.Select(c => Compile(c, regexTimeout, slots))]),
        ConditionNegation not => new NotEvaluator(Compile(not.Operand, regexTimeout, slots)),
        ConditionLeaf leaf => Leaf(leaf, regexTimeout).At(slots),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown condition node."),
    };

    /// <summary>The one way a pattern is built, at save-time checks and at compile: case-sensitive, culture-free, with the timeout.</summary>
    public static Regex Pattern(string pattern, TimeSpan timeout) => new(pattern, RegexOptions.CultureInvariant, timeout);

    private static LeafEvaluator Leaf(ConditionLeaf leaf, TimeSpan regexTimeout)
    {
        if (leaf.Operator == ConditionOperator.Exists || leaf.IsWildcard) return new PresentLeaf(leaf);
        var value = leaf.Value!.Value;
        var scalar = ConditionValue.FromJson(value);
        return leaf.Operator.Family() switch
        {
            ConditionOperatorFamily.Numeric => scalar.TryGetNumber(out var number) ? new NumberLeaf(leaf, number) : new ExactLeaf(leaf, scalar),
            ConditionOperatorFamily.Set => new SetLeaf(leaf, value.EnumerateArray().Select(ConditionValue.FromJson)),
            ConditionOperatorFamily.Text when leaf.Operator == ConditionOperator.Regex => new RegexLeaf(leaf, Pattern(scalar.Text!, regexTimeout)),
            ConditionOperatorFamily.Text => new TextLeaf(leaf, scalar.Text!),
            ConditionOperatorFamily.Date => Date(leaf, scalar.Text!),
            _ => new ExactLeaf(leaf, scalar),
        };
    }

    private static DateLeaf Date(ConditionLeaf leaf, string value)
    {
        ConditionDates.TryParse(value, allowOffset: false, out var ticks, out var hasTime);
        return new DateLeaf(leaf, ticks, wholeDay: !hasTime);
    }
}
