using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// At most <see cref="Limit"/> tracked matches per <see cref="Period"/> for each unique value of the
/// metadata field <see cref="Field"/>, per customer: the page's "1 per product_type, all time".
/// </summary>
/// <remarks>
/// <see cref="Field"/> must be named by a wildcard condition (<c>is "*"</c>) that every match
/// satisfies, so a match always has a value to count under. Values compare as text
/// (<c>12345</c> and <c>"12345"</c> are one value).
/// </remarks>
public sealed record BehaviorRateLimit
{
    public string? Field { get; init; }
    public int? Limit { get; init; }
    public RateLimitPeriod? Period { get; init; }
}

/// <summary>The window a rate limit counts in: UTC calendar periods of the event's timestamp.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RateLimitPeriod>))]
public enum RateLimitPeriod
{
    AllTime,
    /// <summary>A UTC calendar day.</summary>
    Day,
    /// <summary>An ISO 8601 week: Monday 00:00 UTC to the next Monday.</summary>
    Week,
    /// <summary>A UTC calendar month.</summary>
    Month,
}
