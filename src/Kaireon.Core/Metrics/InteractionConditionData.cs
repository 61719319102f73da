using System.Collections.Frozen;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Metrics;

/// <summary>
/// An interaction as condition data: its own fields by their wire names (<c>offerId</c>,
/// <c>outcomeType</c> — the outcome key, <c>outcome</c> — its category, <c>value</c>, …) and the JSON
/// it carries under <c>context.*</c>, <c>metadata.*</c> and <c>attributes.*</c>.
/// </summary>
public sealed class InteractionConditionData(Interaction interaction) : IConditionData
{
    private static readonly FrozenSet<string> Fields = FrozenSet.Create(StringComparer.Ordinal,
        "eventId", "type", "outcomeType", "outcome", "direction", "offerId", "creativeId", "channelId", "placementId",
        "categoryId", "subCategoryId", "placementType", "value", "timestamp", "recommendationId", "rank");

    private static readonly string[] JsonRoots = ["context.", "metadata.", "attributes."];

    /// <summary>The field validator of metric filters: an interaction field or a path under its JSON.</summary>
    public static string? Check(string field) =>
        Fields.Contains(field) || JsonRoots.Any(r => field.StartsWith(r, StringComparison.Ordinal) && field.Length > r.Length)
            ? null
            : $"is not a field of an interaction: use one of {string.Join(", ", Fields)}, or context.*, metadata.*, attributes.*.";

    public bool TryGet(string field, out ConditionValue value)
    {
        value = field switch
        {
            "eventId" => ConditionValue.From(interaction.EventId),
            "type" or "outcomeType" => ConditionValue.From(interaction.Type),
            "outcome" => interaction.Outcome is { } o ? ConditionValue.From(SnakeCaseEnumConverter<OutcomeCategory>.NameOf(o)) : ConditionValue.Null,
            "direction" => interaction.Direction is { } d ? ConditionValue.From(SnakeCaseEnumConverter<Direction>.NameOf(d)) : ConditionValue.Null,
            "offerId" => ConditionValue.From(interaction.OfferId),
            "creativeId" => ConditionValue.From(interaction.CreativeId),
            "channelId" => ConditionValue.From(interaction.ChannelId),
            "placementId" => ConditionValue.From(interaction.PlacementId),
            "categoryId" => ConditionValue.From(interaction.CategoryId),
            "subCategoryId" => ConditionValue.From(interaction.SubCategoryId),
            "placementType" => ConditionValue.From(interaction.PlacementType),
            "value" => interaction.Value is { } v ? ConditionValue.From(v) : ConditionValue.Null,
            "timestamp" => ConditionValue.From(interaction.Timestamp),
            "recommendationId" => ConditionValue.From(interaction.RecommendationId),
            "rank" => interaction.Rank is { } r ? ConditionValue.From(r) : ConditionValue.Null,
            _ => FromJson(field),
        };
        return value.Kind != ConditionValueKind.Null;
    }

    private ConditionValue FromJson(string field)
    {
        var (root, rest) = field.StartsWith("context.", StringComparison.Ordinal) ? (interaction.Context, field[8..])
            : field.StartsWith("metadata.", StringComparison.Ordinal) ? (interaction.Metadata, field[9..])
            : field.StartsWith("attributes.", StringComparison.Ordinal) ? (interaction.Attributes, field[11..])
            : (null, field);
        return root is { } json && new JsonConditionData(json).TryGet(rest, out var found) ? found : ConditionValue.Null;
    }
}
