using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Offers;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary>
/// <c>allow_override</c>: when it applies to a candidate, blocking policies of lower priority are
/// skipped for it (the contract's precedence; mandatory offers still meet frequency and
/// cross-channel caps).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(AllowOverridePolicy), "allow_override")]
public record AllowOverridePolicy : ContactPolicy
{
    public AllowOverrideConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.AllowOverride;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) ConfigRules.Ids(errors, "config.offerIds", Config.OfferIds, required: false, max: 1000);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
        ConfigRules.References("config.offerIds", Config?.OfferIds, Offer.Kind.Name);
}

/// <summary>
/// Which candidates in the policy's scope it applies to: those whose offer is in
/// <see cref="OfferIds"/>, or, with <see cref="Mandatory"/>, whose offer is marked mandatory;
/// with neither, every candidate in scope.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AllowOverrideConfig
{
    public List<string>? OfferIds { get; init; }
    public bool Mandatory { get; set; }

    public bool AppliesTo(Offer offer) =>
        (OfferIds is not { Count: > 0 } && !Mandatory) || (OfferIds?.Contains(offer.Id!) ?? false) || (Mandatory && offer.Mandatory);
}
