namespace Kaireon.Core.Recommendations;

/// <summary>
/// What one Recommend call returned, kept so that Respond can name a decision by
/// <c>recommendationId</c> + <c>rank</c> instead of repeating its offer, creative, channel and placement.
/// </summary>
public sealed record RecordedRecommendation
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public string? DecisionFlowKey { get; init; }
    public required DateTimeOffset At { get; init; }
    public required IReadOnlyList<RecordedDecision> Decisions { get; init; }
}

/// <summary>One returned decision; <see cref="Rank"/> is 1-based, as the contract numbers them.</summary>
public sealed record RecordedDecision(int Rank, string OfferId, string? CreativeId, string? ChannelId, string? PlacementId);
