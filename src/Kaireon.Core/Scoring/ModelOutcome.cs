using System.Text.Json.Serialization;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Scoring;

/// <summary>Which outcomes a learning model counts as a success.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RewardOn>))]
public enum RewardOn
{
    /// <summary>Any positive outcome (open, click, accept) and any conversion.</summary>
    Positive,

    /// <summary>Conversions only: for funnels that report several positive outcomes per impression.</summary>
    Conversion,
}

/// <summary>One Respond outcome as a learning model sees it: the arm, its category, and the outcome's category.</summary>
public readonly record struct ModelOutcome(string OfferId, string? CategoryId, OutcomeCategory Outcome)
{
    /// <summary>The model's view of an interaction, or null for one that is not an outcome about an offer.</summary>
    public static ModelOutcome? From(Interaction interaction) =>
        interaction is { OfferId: { } offer, Outcome: { } outcome } ? new ModelOutcome(offer, interaction.CategoryId, outcome) : null;
}
