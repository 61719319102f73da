namespace Kaireon.Core.Metrics;

/// <summary>
/// A metric's bucket for one group on one day: how many interactions carried the source field, its
/// sum, minimum and maximum, and (for <c>ratio</c>) the sum of the denominator field. Cells add, so a
/// window is the merge of its days' cells.
/// </summary>
public sealed class MetricCell
{
    public long Count { get; set; }
    public decimal Sum { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public decimal Denominator { get; set; }

    public void AddSource(decimal value)
    {
        Count++;
        Sum += value;
        Min = Min is { } min ? Math.Min(min, value) : value;
        Max = Max is { } max ? Math.Max(max, value) : value;
    }

    public void Merge(MetricCell other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Denominator += other.Denominator;
        if (other.Min is { } otherMin) Min = Min is { } min ? Math.Min(min, otherMin) : otherMin;
        if (other.Max is { } otherMax) Max = Max is { } max ? Math.Max(max, otherMax) : otherMax;
    }

    /// <summary>The metric's function of this cell; nothing to divide by or no value seen → null, never NaN.</summary>
    public decimal? Value(AggregateFunction function) => function switch
    {
        AggregateFunction.Count => Count,
        AggregateFunction.Sum => Sum,
        AggregateFunction.Avg => Count == 0 ? null : Sum / Count,
        AggregateFunction.Min => Min,
        AggregateFunction.Max => Max,
        AggregateFunction.Ratio => Denominator == 0 ? null : Sum / Denominator,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };
}
