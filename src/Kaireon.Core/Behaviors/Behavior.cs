using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// Something customers do that apps report as events. A <b>simple</b> behaviour is a verb
/// (<c>complete_course</c>): an event of that type tracks it. A <b>flexible</b> behaviour extends one
/// simple behaviour with conditions over the event's metadata (design §6) and an optional rate limit
/// per unique value of a wildcard field; every event of its parent's verb is evaluated against it.
/// </summary>
/// <remarks>
/// One kind serves both shapes: <see cref="ParentId"/> given ⇔ flexible. A flexible behaviour has no
/// verb of its own; each match is recorded as an interaction whose type is the flexible behaviour's
/// id (<see cref="BehaviorMatches"/>), so ids and verbs share one namespace of interaction types and
/// a simple behaviour's id defaults to its verb. Condition fields are metadata keys as sent
/// (<c>score</c>, <c>address.city</c> for a nested value), not <c>metadata.score</c>.
/// </remarks>
public sealed partial record Behavior : CatalogEntity
{
    public const int MaxPerTenant = 1000;

    public string? Verb { get; init; }
    public string? Name { get; init; }

    /// <summary>The simple behaviour a flexible one extends; null for a simple behaviour.</summary>
    public string? ParentId { get; init; }

    /// <summary>A condition tree (design §6) over the event's metadata; flexible behaviours only.</summary>
    public JsonElement? Conditions { get; init; }

    public BehaviorRateLimit? RateLimit { get; init; }

    [JsonIgnore]
    public bool IsFlexible => ParentId is not null;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex VerbPattern();

    public static readonly CatalogKind<Behavior> Kind = new()
    {
        Name = "behavior",
        Route = "behaviors",
        IdPrefix = "bhv_",
        Title = "Behavior",
        Json = KaireonJson.Default.Behavior,
        MaxPerTenant = MaxPerTenant,
        Normalize = static b =>
        {
            var parentId = string.IsNullOrEmpty(b.ParentId) ? null : b.ParentId;
            // A simple behaviour is addressed by its verb unless it is given another id (or the verb is not one).
            var verbId = parentId is null && b.Verb is { } verb && VerbPattern().IsMatch(verb) ? verb : null;
            return b with { ParentId = parentId, Id = b.Id ?? verbId };
        },
        Validate = static (b, errors) =>
        {
            errors.RequiredText("name", b.Name, 100);
            if (b.IsFlexible) ValidateFlexible(b, errors);
            else ValidateSimple(b, errors);
        },
        References = static b => [new EntityReference("parentId", "behavior", b.ParentId)],
        ValidateWithReferences = static (b, referenced, errors) =>
        {
            if (b.ParentId is { } parentId && referenced.Find(Kind!, parentId) is { IsFlexible: true })
                errors.Add("parentId", $"'{parentId}' is a flexible behaviour: a flexible behaviour extends a simple one (a verb).");
        },
    };

    private static void ValidateSimple(Behavior b, ValidationErrors errors)
    {
        if (b.Verb is null) errors.Add("verb", "is required for a simple behaviour (a flexible one names its parentId instead).");
        errors.Pattern("verb", b.Verb, VerbPattern(), "a lower-case verb: a letter, then letters, digits or _ (at most 64)");
        if (b.Conditions is not null) errors.Add("conditions", "belongs to a flexible behaviour: give parentId, the simple behaviour it extends.");
        if (b.RateLimit is not null) errors.Add("rateLimit", "belongs to a flexible behaviour: give parentId, the simple behaviour it extends.");
    }

    private static void ValidateFlexible(Behavior b, ValidationErrors errors)
    {
        if (b.Verb is not null) errors.Add("verb", "must be left out of a flexible behaviour: it is evaluated on its parent's verb.");
        errors.Reference("parentId", b.ParentId, required: true);
        if (b.ParentId is not null && b.ParentId == b.Id) errors.Add("parentId", "must name another behaviour, a simple one.");
        BehaviorConditions.Validate(b.Conditions, b.RateLimit, errors);
    }
}
