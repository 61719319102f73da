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

    public Interaction? Find(string eventId) => Interactions.Find(i => i.EventId == eventId);
}
