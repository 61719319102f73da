using System.Text.Json;

namespace Kaireon.Core.Interactions;

/// <summary>What a caller says happened (Respond or an event), before validation and catalog resolution.</summary>
public sealed record InteractionInput
{
    public string? EventId { get; init; }
    public string? CustomerId { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? OfferId { get; init; }
    public string? CreativeId { get; init; }
    public string? ChannelId { get; init; }
    public string? PlacementId { get; init; }
    public Direction? Direction { get; init; }
    public decimal? Value { get; init; }
    public string? RecommendationId { get; init; }
    public int? Rank { get; init; }
    public JsonElement? Context { get; init; }
    public JsonElement? Metadata { get; init; }
    public JsonElement? Attributes { get; init; }
}
