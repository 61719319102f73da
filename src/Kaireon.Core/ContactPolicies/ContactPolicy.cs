using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Json;
using Kaireon.Core.Offers;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary>
/// A rule that suppresses an already-qualified Offer (<c>POST /api/v1/contact-policies</c>). Each of
/// the nine types is its own record with a typed <c>Config</c>, told apart on the wire by
/// <c>ruleType</c>, as <see cref="QualificationRule"/> does (and for the same reasons).
/// </summary>
/// <remarks>
/// The contract's precedence, for the executor: policies are evaluated highest
/// <see cref="Priority"/> first (ties by id); an applicable <c>allow_override</c> skips the
/// blocking policies below it; the first blocking policy removes the candidate; offers marked
/// <see cref="Offer.Mandatory"/> skip every blocking policy except <c>frequency_cap</c> and
/// <c>cross_channel_cap</c>, which they still respect (see <see cref="BindsMandatoryOffers"/>).
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(FrequencyCapPolicy), "frequency_cap")]
[JsonDerivedType(typeof(CooldownPolicy), "cooldown")]
[JsonDerivedType(typeof(BudgetExhaustedPolicy), "budget_exhausted")]
[JsonDerivedType(typeof(OutcomeBasedPolicy), "outcome_based")]
[JsonDerivedType(typeof(SegmentExclusionPolicy), "segment_exclusion")]
[JsonDerivedType(typeof(TimeWindowPolicy), "time_window")]
[JsonDerivedType(typeof(MutualExclusionPolicy), "mutual_exclusion")]
[JsonDerivedType(typeof(CrossChannelCapPolicy), "cross_channel_cap")]
[JsonDerivedType(typeof(AllowOverridePolicy), "allow_override")]
public record ContactPolicy : CatalogEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public ContactPolicyScope Scope { get; set; } = ContactPolicyScope.Global;

    /// <summary>The offer, creative or channel id; null for a global policy.</summary>
    public string? ScopeId { get; set; }

    /// <summary>0–1000; higher is evaluated first.</summary>
    public int Priority { get; set; }

    public RuleStatus Status { get; set; } = RuleStatus.Active;

    /// <summary>The policy's type; null only for a body whose <c>ruleType</c> was missing or unknown.</summary>
    [JsonIgnore]
    public virtual ContactPolicyType? RuleType => null;

    /// <summary>Whether the policy still blocks offers marked mandatory (the contract: frequency and cross-channel caps do).</summary>
    [JsonIgnore]
    public bool BindsMandatoryOffers => RuleType is ContactPolicyType.FrequencyCap or ContactPolicyType.CrossChannelCap;

    protected virtual void ValidateConfig(ValidationErrors errors) { }

    protected virtual IEnumerable<EntityReference> ConfigReferences() => [];

    protected virtual void ValidateConfigWithReferences(ReferencedEntities refs, ValidationErrors errors) { }

    public static readonly CatalogKind<ContactPolicy> Kind = new()
    {
        Name = "contact_policy",
        Route = "contact-policies",
        IdPrefix = "cp_",
        Title = "Contact Policy",
        Json = KaireonJson.Default.ContactPolicy,
        Normalize = static p => p with { ScopeId = p.Scope == ContactPolicyScope.Global ? null : p.ScopeId },
        Validate = static (p, errors) =>
        {
            errors.RequiredText("name", p.Name, 200);
            errors.Text("description", p.Description, 2000);
            errors.Range("priority", p.Priority, 0, QualificationRule.MaxPriority);
            if (p.Scope != ContactPolicyScope.Global) errors.Reference("scopeId", p.ScopeId, required: true);
            if (p.RuleType is null) errors.Add("ruleType", $"is required: one of {SnakeCaseEnumConverter<ContactPolicyType>.Allowed}.");
            else p.ValidateConfig(errors);
        },
        References = static p => [p.ScopeReference(), .. p.ConfigReferences()],
        ValidateWithReferences = static (p, refs, errors) => p.ValidateConfigWithReferences(refs, errors),
    };

    private EntityReference ScopeReference() => new("scopeId", Scope switch
    {
        ContactPolicyScope.Offer => Offer.Kind.Name,
        ContactPolicyScope.Creative => Creative.Kind.Name,
        ContactPolicyScope.Channel => Channel.Kind.Name,
        _ => "",
    }, Scope == ContactPolicyScope.Global ? null : ScopeId);
}
