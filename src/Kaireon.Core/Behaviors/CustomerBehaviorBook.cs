using Kaireon.Core.Interactions;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// A customer's flexible-behaviour state (document <c>behaviors</c> in the customer's partition):
/// per flexible behaviour, its counts and rate-limit buckets, and the decisions the stream committed
/// for events whose day document does not show them applied yet.
/// </summary>
/// <remarks>
/// This document is where a decision becomes final: the stream writes it (conditioned on its etag)
/// before it writes the matches into day documents and tenant rollups, and reuses a committed
/// decision instead of deciding again when a crashed batch is redelivered. A decision is kept until
/// a later read of its day document shows the event applied (the matches went in with it), or for
/// <see cref="BehaviorTracker.DecisionRetention"/>, far beyond the stream's redelivery horizon.
/// </remarks>
public sealed record CustomerBehaviorBook
{
    public const string DocumentId = "behaviors";

    /// <summary>Flexible behaviour id → its counters.</summary>
    public Dictionary<string, BehaviorCounters> Behaviors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Event id → the decision committed for it, until its day document shows it applied.</summary>
    public Dictionary<string, BehaviorDecision> Decisions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest timestamp of an event that matched anything: rate-limit buckets age against it, not the clock.</summary>
    public DateTimeOffset? LatestAt { get; set; }
}

/// <summary>One flexible behaviour's counts for one customer, and its rate-limit buckets.</summary>
public sealed class BehaviorCounters
{
    /// <summary>The behaviour's <c>createdAt</c>: a behaviour deleted and created again under its id starts from zero.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>Matches tracked (recorded as interactions).</summary>
    public long Count { get; set; }

    /// <summary>Matches suppressed because their value's rate limit was exhausted.</summary>
    public long RateLimitedCount { get; set; }

    /// <summary>The latest timestamp of a tracked match.</summary>
    public DateTimeOffset? LastTrackedAt { get; set; }

    /// <summary>The rate limit the buckets count for (<c>field|period</c>): a changed field or period starts new buckets.</summary>
    public string? LimitKey { get; set; }

    /// <summary>Period bucket (<see cref="RateLimitPeriods.BucketOf"/>) → field value → tracked matches.</summary>
    public Dictionary<string, Dictionary<string, int>> Buckets { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// What one event tracked: the flexible behaviours it matched within their limits (each recorded
/// as an interaction) and those it matched past an exhausted limit. <see cref="Day"/> is the event's
/// day document, where the decision is confirmed.
/// </summary>
public sealed record BehaviorDecision(UtcDay Day, IReadOnlyList<string> Tracked, IReadOnlyList<string> RateLimited, DateTimeOffset DecidedAt)
{
    public bool IsEmpty => Tracked.Count == 0 && RateLimited.Count == 0;
}
