using System.Text.Json.Serialization;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Offers;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary>
/// <c>budget_exhausted</c>: suppresses an Offer whose <see cref="OfferBudget"/> is spent
/// (<see cref="OfferBudget.Spent"/> ≥ <see cref="OfferBudget.Total"/>); offers without a budget
/// are never suppressed by it. The configuration is empty: the budget lives on the offer.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(BudgetExhaustedPolicy), "budget_exhausted")]
public record BudgetExhaustedPolicy : ContactPolicy
{
    public BudgetExhaustedConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.BudgetExhausted;

    protected override void ValidateConfig(ValidationErrors errors) => ConfigRules.Present(errors, "config", Config);

    /// <summary>Whether <paramref name="offer"/>'s budget is used up.</summary>
    public static bool IsExhausted(Offer offer) => offer.Budget is { Total: { } total } budget && budget.Spent >= total;
}

/// <summary>No settings; <c>{}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BudgetExhaustedConfig;
