using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// The interactions that record flexible-behaviour matches, by the event they came from. A match is
/// an interaction of type = the flexible behaviour's id, with the event's timestamp, customer,
/// catalog fields and metadata, and no outcome and no value: counts and summaries count it, while
/// outcome fields and value sums stay those of the events themselves.
/// </summary>
/// <remarks>
/// Its id is derived from the event's id and the behaviour's (<c>evt-1#high_score</c>); <c>#</c> is
/// not allowed in a client's event id, so a match can never be mistaken for an event, and redelivery
/// derives the same id, which day documents apply once.
/// </remarks>
public sealed class BehaviorMatches
{
    public static readonly BehaviorMatches None = new(new Dictionary<(TenantId, string), IReadOnlyList<Interaction>>());

    private readonly IReadOnlyDictionary<(TenantId Tenant, string EventId), IReadOnlyList<Interaction>> _byEvent;

    public BehaviorMatches(IReadOnlyDictionary<(TenantId Tenant, string EventId), IReadOnlyList<Interaction>> byEvent) => _byEvent = byEvent;

    /// <summary>The matches to record with the event (none when it tracked no flexible behaviour).</summary>
    public IReadOnlyList<Interaction> For(TenantId tenant, Interaction parent) =>
        _byEvent.TryGetValue((tenant, parent.EventId), out var matches) ? matches : [];

    public static string EventIdOf(string parentEventId, string behaviorId) => $"{parentEventId}#{behaviorId}";

    /// <summary>The interaction recording that <paramref name="parent"/> tracked flexible behaviour <paramref name="behaviorId"/>.</summary>
    public static Interaction Of(Interaction parent, string behaviorId) => parent with
    {
        EventId = EventIdOf(parent.EventId, behaviorId),
        Type = behaviorId,
        Outcome = null,
        Value = null,
        RecommendationId = null,
        Rank = null,
    };
}
