using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Triggers;

/// <summary>
/// A behavioral trigger (design §8): conditions over a customer's events and state, combined
/// <c>all</c> or <c>any</c>; when they come to hold, the trigger fires its actions for the customer,
/// unless its cooldown, journey policy or daily limit suppresses the firing.
/// </summary>
/// <remarks>
/// Time in a trigger is the events' own time (their <c>timestamp</c>; an absence fires at its due
/// time), never the clock of the machine that evaluates it: so live processing, a redelivery and a
/// simulation over the same history decide the same. The timer only decides <em>when</em> a due
/// absence is looked at. An absence condition stands alone (it fires from the timer, not at an event).
/// </remarks>
public sealed record Trigger : CatalogEntity
{
    public const int MaxPerTenant = 100;

    /// <summary>The stored kind (<see cref="Kind"/>'s name).</summary>
    public const string KindName = "trigger";
    public const int MaxConditions = 10;
    public const int MaxActions = 5;
    public const int MaxWindowMinutes = 7 * 24 * 60;
    public const int MaxAbsenceMinutes = 30 * 24 * 60;
    public const long MaxCooldownMs = 365L * 24 * 60 * 60 * 1000;

    public string? Name { get; init; }
    public string? Description { get; init; }
    public TriggerStatus Status { get; set; } = TriggerStatus.Active;
    public TriggerMatch Match { get; set; } = TriggerMatch.All;
    public List<TriggerCondition>? Conditions { get; init; }

    /// <summary>No firing for the same customer within this many milliseconds of the last one (0: none).</summary>
    public long CooldownMs { get; set; }

    public JourneyPolicy JourneyPolicy { get; set; } = JourneyPolicy.AllowMultiple;

    /// <summary>How long a firing's journey runs, for <c>skip_if_active</c> and <c>restart</c>.</summary>
    public int JourneyMinutes { get; set; } = 24 * 60;

    /// <summary>At most this many firings per customer per UTC day (null: no limit).</summary>
    public int? MaxFiringsPerDay { get; init; }

    public List<TriggerAction>? Actions { get; init; }

    public static readonly CatalogKind<Trigger> Kind = new()
    {
        Name = KindName,
        Route = "triggers",
        IdPrefix = "trg_",
        Title = "Trigger",
        Json = KaireonJson.Default.Trigger,
        MaxPerTenant = MaxPerTenant,
        Validate = static (t, errors) => TriggerValidation.Validate(t, errors),
        References = static t => (t.Conditions ?? [])
            .Select((c, i) => new EntityReference($"conditions[{i}].metricId", "behavioral_metric", c.Type == TriggerConditionType.Metric ? c.MetricId : null)),
    };
}

/// <summary>
/// One condition of a trigger; which fields apply depends on <see cref="Type"/> (see
/// <see cref="TriggerConditionType"/>). <see cref="Filter"/> is a condition node (design §6) over
/// the event's metadata keys, as in flexible behaviours.
/// </summary>
public sealed record TriggerCondition
{
    public TriggerConditionType? Type { get; init; }

    /// <summary>The event type (a behaviour verb, an outcome key or a flexible behaviour id) counted or awaited from.</summary>
    public string? EventType { get; init; }
    public JsonElement? Filter { get; init; }

    // threshold
    public int? Count { get; init; }
    public int? WindowMinutes { get; init; }

    // duration
    public string? Field { get; init; }
    public double? MinSeconds { get; init; }

    // metric
    public string? MetricId { get; init; }
    public string? Operator { get; init; }
    public double? Value { get; init; }

    // absence
    public string? AwaitedEventType { get; init; }
    public JsonElement? AwaitedFilter { get; init; }
    public int? WithinMinutes { get; init; }
}

/// <summary>
/// What a firing does. Webhooks (and the recommend action's delivery) are signed with
/// <see cref="Secret"/>: <c>X-Kaireon-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>
/// with the timestamp in <c>X-Kaireon-Timestamp</c>.
/// </summary>
public sealed record TriggerAction
{
    public TriggerActionType? Type { get; init; }
    public string? Url { get; init; }
    public string? Secret { get; init; }

    // recommend
    public string? DecisionFlowKey { get; init; }
    public string? Channel { get; init; }
    public string? Placement { get; init; }
    public int? Limit { get; init; }

    // add_segment
    public string? Segment { get; init; }
}
