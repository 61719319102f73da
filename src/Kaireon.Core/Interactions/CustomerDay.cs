namespace Kaireon.Core.Interactions;

/// <summary>
/// A customer's day document (<c>day|2026-03-16</c> in the customer's partition): the day's
/// interactions, which are the customer's buckets (folded when read, so every summary definition,
/// old or new, is exact at once), and which of them are still waiting for the tenant rollup.
/// </summary>
/// <remarks>
/// An interaction is applied to the customer exactly when it is in <see cref="Interactions"/>;
/// it is applied to the tenant rollup too unless its event id is in <see cref="PendingRollup"/>
/// (design §4: Respond writes here synchronously, the stream rolls it up later).
/// </remarks>
public sealed record CustomerDay
{
    public required string CustomerId { get; init; }
    public required UtcDay Day { get; init; }
    public List<Interaction> Interactions { get; init; } = [];
    public List<string> PendingRollup { get; init; } = [];

    /// <remarks>A loop rather than <c>List.Find</c>: the stream looks up every event it applies, and a lambda capturing the id is an allocation each time.</remarks>
    public Interaction? Find(string eventId)
    {
        foreach (var interaction in Interactions)
        {
            if (interaction.EventId == eventId) return interaction;
        }
        return null;
    }
}
