namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// <c>on not_on after on_or_after before on_or_before</c>. A day value (<c>2022-05-23</c>) compares
/// the UTC calendar day of the field; an instant value compares the exact instant. The field may be
/// an instant or a string in either shape (a bare day is its UTC midnight); anything else is a mismatch.
/// </summary>
internal sealed class DateLeaf(ConditionLeaf leaf, long expectedTicks, bool wholeDay) : LeafEvaluator(leaf)
{
    private readonly OrderComparison _comparison = new(leaf.Operator);
    private readonly long _expected = wholeDay ? expectedTicks / TimeSpan.TicksPerDay : expectedTicks;

    protected override bool Test(in ConditionValue value) =>
        value.TryGetDate(out var ticks) && _comparison.Holds(wholeDay ? ticks / TimeSpan.TicksPerDay : ticks, _expected);
}
