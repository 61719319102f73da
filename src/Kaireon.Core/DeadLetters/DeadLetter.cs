namespace Kaireon.Core.DeadLetters;

/// <summary>
/// An event that could not be applied and was parked instead of dropped: its raw body, where it
/// came from, and why. Replaying it runs it through ingestion again (after the cause is fixed).
/// </summary>
public sealed record DeadLetter
{
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Reason { get; init; }
    public required string Body { get; init; }
    public string? Source { get; init; }
    public string? StreamPartition { get; init; }
    public long? Sequence { get; init; }
    public IDictionary<string, string[]>? Errors { get; init; }
    public DateTimeOffset? ReplayedAt { get; init; }
}
