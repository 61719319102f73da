using System.Text.Json.Serialization;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// How often a customer tracked a behaviour: for a simple behaviour, its events (as accepted, at
/// once); for a flexible one, its matches (as the stream decides them) and the matches its rate
/// limit suppressed. <see cref="LastTrackedAt"/> is the latest timestamp tracked, null when none.
/// </summary>
public sealed record BehaviorActivity(
    string BehaviorId,
    string CustomerId,
    long Count,
    long RateLimitedCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LastTrackedAt);
