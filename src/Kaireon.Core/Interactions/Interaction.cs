using System.Text.Json;
using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Interactions;

/// <summary>
/// One thing that happened to one customer, as stored in the customer's day document: the
/// interaction history that every summary, metric and trigger is computed from. Catalog facts
/// (an offer's category, a placement's slot type) are resolved when it is accepted, so history
/// does not change when the catalog does.
/// </summary>
public sealed record Interaction
{
    /// <summary>Unique per tenant: Respond derives it from the idempotency key; events carry their own.</summary>
    public required string EventId { get; init; }
    public required string CustomerId { get; init; }

    /// <summary>The outcome key (<c>click</c>) or behaviour verb (<c>complete_course</c>).</summary>
    public required string Type { get; init; }
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The outcome type's category; null for an event that is not an outcome.</summary>
    public OutcomeCategory? Outcome { get; init; }
    public Direction? Direction { get; init; }
    public string? OfferId { get; init; }
    public string? CreativeId { get; init; }
    public string? ChannelId { get; init; }
    public string? PlacementId { get; init; }
    public string? CategoryId { get; init; }
    public string? SubCategoryId { get; init; }
    public string? PlacementType { get; init; }
    public decimal? Value { get; init; }
    public string? RecommendationId { get; init; }
    public int? Rank { get; init; }
    public JsonElement? Context { get; init; }
    public JsonElement? Metadata { get; init; }
    public JsonElement? Attributes { get; init; }

    /// <summary>The UTC day of <see cref="Timestamp"/>; not stored, since the timestamp says it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public UtcDay Day => UtcDay.Of(Timestamp);
}
