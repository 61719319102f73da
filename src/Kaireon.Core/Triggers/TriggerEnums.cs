using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Triggers;

[JsonConverter(typeof(SnakeCaseEnumConverter<TriggerStatus>))]
public enum TriggerStatus { Active, Paused }

/// <summary>How a trigger's conditions combine: every one holds, or at least one does.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<TriggerMatch>))]
public enum TriggerMatch { All, Any }

[JsonConverter(typeof(SnakeCaseEnumConverter<TriggerConditionType>))]
public enum TriggerConditionType
{
    /// <summary>At least <c>count</c> matching events within <c>windowMinutes</c> (ending at the event evaluated).</summary>
    Threshold,
    /// <summary>An event whose metadata <c>field</c> (seconds) is above <c>minSeconds</c>: time on page &gt; 180 s.</summary>
    Duration,
    /// <summary>A behavioral metric's value (no grouping, or its first group) compared with <c>value</c>.</summary>
    Metric,
    /// <summary>An event and no awaited event within <c>withinMinutes</c> after it: cart abandonment.</summary>
    Absence,
}

/// <summary>
/// What a firing does to a customer's journey: <c>skip_if_active</c> suppresses a firing while the
/// previous one's journey (<c>journeyMinutes</c>) runs; <c>restart</c> fires and starts the journey
/// again, naming the firing it supersedes; <c>allow_multiple</c> fires regardless (cooldown still applies).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<JourneyPolicy>))]
public enum JourneyPolicy { SkipIfActive, Restart, AllowMultiple }

[JsonConverter(typeof(SnakeCaseEnumConverter<TriggerActionType>))]
public enum TriggerActionType
{
    /// <summary>POST the firing, signed, to <c>url</c>.</summary>
    Webhook,
    /// <summary>Run a decision flow for the customer and POST the decisions, signed, to <c>url</c>.</summary>
    Recommend,
    /// <summary>Add <c>segment</c> to the customer's profile.</summary>
    AddSegment,
}

[JsonConverter(typeof(SnakeCaseEnumConverter<TriggerOutcomeKind>))]
public enum TriggerOutcomeKind { Fired, Suppressed }

[JsonConverter(typeof(SnakeCaseEnumConverter<SuppressionReason>))]
public enum SuppressionReason
{
    /// <summary>Within <c>cooldownMs</c> of the customer's last firing of the trigger.</summary>
    Cooldown,
    /// <summary><c>skip_if_active</c>: the previous firing's journey is still running.</summary>
    Dedup,
    /// <summary><c>maxFiringsPerDay</c> reached for the customer on that UTC day.</summary>
    RateLimit,
}
