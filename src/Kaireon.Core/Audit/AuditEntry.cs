using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Audit;

[JsonConverter(typeof(SnakeCaseEnumConverter<AuditAction>))]
public enum AuditAction
{
    Create, Update, Delete,
    /// <summary>A trigger fired for a customer (entity: the trigger).</summary>
    Fire,
    /// <summary>A trigger's firing was suppressed (cooldown, dedup, rate limit).</summary>
    Suppress,
    /// <summary>An attempt at a firing's action.</summary>
    Deliver,
}

/// <summary>
/// One configuration change: who (the API key id), what (entity kind, id, action), when, and the
/// entity's etag before and after, so a change can be matched with the version it replaced.
/// </summary>
public sealed record AuditEntry
{
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string EntityKind { get; init; }
    public required string EntityId { get; init; }
    public required AuditAction Action { get; init; }
    public string? EtagBefore { get; init; }
    public string? EtagAfter { get; init; }
    public string? Detail { get; init; }
}
