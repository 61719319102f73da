using System.Text.Json;
using Kaireon.Core.Interactions;

namespace Kaireon.Functions.Interactions;

/// <summary>One event of <c>POST /api/v1/events</c>: a behaviour verb or an outcome key, for one customer.</summary>
public sealed record EventRequest
{
    public string? EventId { get; init; }
    public string? CustomerId { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public JsonElement? Metadata { get; init; }
    public string? OfferId { get; init; }
    public string? CreativeId { get; init; }
    public string? ChannelId { get; init; }
    public string? PlacementId { get; init; }
    public Direction? Direction { get; init; }
    public decimal? Value { get; init; }
    public JsonElement? Context { get; init; }

    /// <summary>The event as an interaction input; <paramref name="fallbackEventId"/> when it names none.</summary>
    public InteractionInput ToInput(string? fallbackEventId) => new()
    {
        EventId = EventId ?? fallbackEventId,
        CustomerId = CustomerId,
        Type = Type,
        Timestamp = Timestamp ?? OccurredAt,
        OfferId = OfferId,
        CreativeId = CreativeId,
        ChannelId = ChannelId,
        PlacementId = PlacementId,
        Direction = Direction,
        Value = Value,
        Context = Context,
        Metadata = Metadata,
    };
}

/// <summary>What became of one event of a batch.</summary>
public sealed record EventResult(int Index, string? EventId, string Status, IDictionary<string, string[]>? Errors = null);

/// <summary>The 202 answer to a batch: counts, and a result per event in input order.</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventResult> Results);
