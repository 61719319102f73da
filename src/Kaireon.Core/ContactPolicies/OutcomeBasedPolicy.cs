using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>outcome_based</c>: suppresses after a prior outcome, e.g. an offer the customer already converted on.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(OutcomeBasedPolicy), "outcome_based")]
public record OutcomeBasedPolicy : ContactPolicy
{
    public OutcomeBasedConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.OutcomeBased;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
        ConfigRules.References("config.outcomes", Config?.Outcomes, OutcomeType.Kind.Name);
}

/// <summary>
/// Suppresses when the customer had any of <see cref="Outcomes"/> (Outcome Type keys) on the
/// candidate offer, or on any offer of its category (<see cref="Per"/>), within
/// <see cref="WithinDays"/> whole UTC days ending today, or ever when it is null.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OutcomeBasedConfig
{
    public List<string>? Outcomes { get; init; }
    public int? WithinDays { get; init; }
    public OutcomePer Per { get; set; } = OutcomePer.Offer;

    internal void Validate(string path, ValidationErrors errors)
    {
        ConfigRules.Ids(errors, $"{path}.outcomes", Outcomes, required: true, max: 20);
        errors.Range($"{path}.withinDays", WithinDays, 1, 365);
    }
}
