namespace Kaireon.Core.Interactions;

/// <summary>
/// What a bucket keeps for a group of interactions: how many, the sum, minimum and maximum of their
/// values, and the last time one happened. Cells add: merging two is the cell of both groups.
/// </summary>
public sealed class InteractionCell
{
    public long Count { get; set; }
    public decimal SumValue { get; set; }
    public decimal? MinValue { get; set; }
    public decimal? MaxValue { get; set; }
    public DateTimeOffset? LastContact { get; set; }

    public void Add(Interaction interaction)
    {
        Count++;
        if (interaction.Value is { } value)
        {
            SumValue += value;
            MinValue = MinValue is { } min ? Math.Min(min, value) : value;
            MaxValue = MaxValue is { } max ? Math.Max(max, value) : value;
        }
        if (LastContact is null || interaction.Timestamp > LastContact) LastContact = interaction.Timestamp;
    }

    public InteractionCell Clone() => (InteractionCell)MemberwiseClone();

    public void Merge(InteractionCell other)
    {
        Count += other.Count;
        SumValue += other.SumValue;
        if (other.MinValue is { } otherMin) MinValue = MinValue is { } min ? Math.Min(min, otherMin) : otherMin;
        if (other.MaxValue is { } otherMax) MaxValue = MaxValue is { } max ? Math.Max(max, otherMax) : otherMax;
        if (other.LastContact is { } last && (LastContact is null || last > LastContact)) LastContact = last;
    }
}
