using System.Numerics;

namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// An ordering operator (<c>gt</c>, <c>on_or_before</c>, ...) as the outcomes it accepts among
/// less, equal and greater, tested without branching on the operator: a hundred leaves of mixed
/// operators evaluated one after another then cost no mispredicted jump per leaf.
/// </summary>
internal readonly struct OrderComparison
{
    private readonly bool _less, _equal, _greater, _negated;

    public OrderComparison(ConditionOperator op)
    {
        (_less, _equal, _greater, _negated) = op switch
        {
            ConditionOperator.Gt or ConditionOperator.After => (false, false, true, false),
            ConditionOperator.Gte or ConditionOperator.OnOrAfter => (false, true, true, false),
            ConditionOperator.Lt or ConditionOperator.Before => (true, false, false, false),
            ConditionOperator.Lte or ConditionOperator.OnOrBefore => (true, true, false, false),
            ConditionOperator.Eq or ConditionOperator.On => (false, true, false, false),
            // "not equal" rather than "less or greater", so a NaN stays unequal to everything.
            ConditionOperator.Neq or ConditionOperator.NotOn => (false, true, false, true),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not an ordering operator."),
        };
    }

    /// <summary>Numbers as doubles, dates as ticks or day numbers.</summary>
    public bool Holds<T>(T actual, T expected) where T : IComparisonOperators<T, T, bool> =>
        ((_less & actual < expected) | (_equal & actual == expected) | (_greater & actual > expected)) ^ _negated;
}
