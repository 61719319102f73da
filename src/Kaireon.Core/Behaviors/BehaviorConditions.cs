using System.Text.Json;
using Kaireon.Core.Conditions;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// A flexible behaviour's <c>conditions</c> and <c>rateLimit</c>: the condition engine's save-time
/// rules (design §6), with fields read as metadata keys, and the rate limit's field tied to a
/// wildcard condition that every match satisfies.
/// </summary>
public static class BehaviorConditions
{
    public const int MaxRateLimit = 1_000_000;

    /// <summary>Fields are the event's metadata keys; <c>metadata.score</c> would look for a key named metadata.</summary>
    public static readonly ConditionParseOptions Options = new()
    {
        FieldValidator = static field => field.StartsWith("metadata.", StringComparison.Ordinal)
            ? $"names a metadata key as the event sends it: write '{field["metadata.".Length..]}', not '{field}'."
            : null,
    };

    public static void Validate(JsonElement? conditions, BehaviorRateLimit? rateLimit, ValidationErrors errors)
    {
        ConditionTree? tree = null;
        if (conditions is not { ValueKind: not JsonValueKind.Null } json)
            errors.Add("conditions", "is required for a flexible behaviour: a condition node over the event's metadata, e.g. { \"field\": \"score\", \"operator\": \"gt\", \"value\": 80 }.");
        else tree = ConditionTree.Parse(json, "conditions", errors, Options);
        if (rateLimit is not null) ValidateRateLimit(rateLimit, tree, conditionsValid: tree is not null, errors);
    }

    private static void ValidateRateLimit(BehaviorRateLimit rateLimit, ConditionTree? tree, bool conditionsValid, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(rateLimit.Field)) errors.Add("rateLimit.field", "is required: the metadata key whose unique values are limited separately.");
        else if (conditionsValid && !RequiredWildcards(tree!.Root).Contains(rateLimit.Field))
            errors.Add("rateLimit.field", $"must be named by a wildcard condition {{ \"field\": \"{rateLimit.Field}\", \"operator\": \"is\", \"value\": \"*\" }} "
                + "that every match satisfies: at the root of conditions or inside all groups, not under any or not.");
        if (rateLimit.Limit is null) errors.Add("rateLimit.limit", $"is required: 1 to {MaxRateLimit} matches per period.");
        else errors.Range("rateLimit.limit", rateLimit.Limit, 1, MaxRateLimit);
        if (rateLimit.Period is null) errors.Add("rateLimit.period", $"is required: one of {SnakeCaseEnumConverter<RateLimitPeriod>.Allowed}.");
    }

    /// <summary>The fields of wildcard leaves reached from the root through <c>all</c> groups only: every match carries them.</summary>
    public static IEnumerable<string> RequiredWildcards(ConditionNode node) => node switch
    {
        ConditionLeaf { IsWildcard: true } leaf => [leaf.Field],
        ConditionGroup { Kind: ConditionGroupKind.All } group => group.Children.SelectMany(RequiredWildcards),
        _ => [],
    };

    /// <summary>The compiled conditions of a stored (already validated) flexible behaviour.</summary>
    public static CompiledCondition Compile(JsonElement conditions) => ConditionTree.Parse(conditions, Options).Compile();
}
