using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Interactions;

namespace Kaireon.Functions.Interactions;

/// <summary>The body of <c>POST /api/v1/respond</c>, with the contract's legacy aliases.</summary>
public sealed record RespondRequest
{
    public string? CustomerId { get; init; }
    public string? Outcome { get; init; }
    public string? InteractionType { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? RecommendationId { get; init; }
    public string? InteractionId { get; init; }
    public int? Rank { get; init; }
    public string? OfferId { get; init; }
    public string? CreativeId { get; init; }
    public string? TreatmentId { get; init; }
    public string? ChannelId { get; init; }
    public string? PlacementId { get; init; }
    public Direction? Direction { get; init; }
    public JsonElement? Context { get; init; }
    public JsonElement? OutcomeDetails { get; init; }
    public JsonElement? Attributes { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public decimal? ConversionValue { get; init; }
    public decimal? Value { get; init; }
}

/// <summary>The 202 answer: what was recorded (the first version, for a repeat). Every field is present, null when unknown.</summary>
public sealed record RespondResponse(
    string InteractionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RecommendationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? OfferId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CreativeId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ChannelId,
    string Outcome,
    bool Duplicate);
