using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Offers;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>mutual_exclusion</c>: suppresses a candidate once a conflicting offer has been shown.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(MutualExclusionPolicy), "mutual_exclusion")]
public record MutualExclusionPolicy : ContactPolicy
{
    public MutualExclusionConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.MutualExclusion;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
        ConfigRules.References("config.offerIds", Config?.OfferIds, Offer.Kind.Name);
}

/// <summary>
/// The offers in <see cref="OfferIds"/> exclude each other: a candidate among them is suppressed when
/// the customer had an impression of another one within <see cref="WithinDays"/> whole UTC days
/// ending today (ever, when null). Within one decision, the executor keeps the best-ranked of them.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MutualExclusionConfig
{
    public List<string>? OfferIds { get; init; }
    public int? WithinDays { get; init; }

    internal void Validate(string path, ValidationErrors errors)
    {
        ConfigRules.Ids(errors, $"{path}.offerIds", OfferIds, required: true, max: 100);
        if (OfferIds is { Count: 1 }) errors.Add($"{path}.offerIds", "must name at least two offers that exclude each other.");
        errors.Range($"{path}.withinDays", WithinDays, 1, 365);
    }
}
