using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Json;
using Kaireon.Core.Offers;
using Kaireon.Core.Placements;
using Kaireon.Core.SubCategories;
using Kaireon.Core.Validation;

namespace Kaireon.Core.QualificationRules;

/// <summary>
/// A rule deciding whether an Offer is eligible for a customer (<c>POST /api/v1/qualification-rules</c>).
/// Each rule type is its own record with a typed <c>Config</c> (<see cref="MetricConditionRule"/>,
/// …), told apart on the wire by <c>ruleType</c>; the executor switches on the record type.
/// </summary>
/// <remarks>
/// <para>This base record is what an unknown or missing <c>ruleType</c> reads as: validation rejects
/// it, so a stored rule is always one of the five derived records.</para>
/// <para>The derived records are not sealed because each also lists itself as its own polymorphic
/// type: ASP.NET Core writes a result by its runtime type, and only a polymorphic contract writes
/// the <c>ruleType</c> discriminator (System.Text.Json refuses sealed polymorphic types).</para>
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(SegmentRequiredRule), "segment_required")]
[JsonDerivedType(typeof(AttributeConditionRule), "attribute_condition")]
[JsonDerivedType(typeof(PropensityThresholdRule), "propensity_threshold")]
[JsonDerivedType(typeof(RecencyCheckRule), "recency_check")]
[JsonDerivedType(typeof(MetricConditionRule), "metric_condition")]
public record QualificationRule : CatalogEntity
{
    public const double DefaultFitMultiplier = 0.5;
    public const int MaxPriority = 1000;

    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public Qualification Qualification { get; set; } = Qualification.Hard;

    /// <summary>Soft rules only, 0.1–1.0 (default 0.5): the factor a failing candidate's score is multiplied by. Null for hard rules.</summary>
    public double? FitMultiplier { get; set; }

    public QualificationScope Scope { get; set; } = QualificationScope.Global;

    /// <summary>The segment name, or the id of the channel, category, sub-category, offer or placement; null for a global rule.</summary>
    public string? ScopeId { get; set; }

    /// <summary>0–1000; higher runs first (and is reported first in traces).</summary>
    public int Priority { get; set; }

    public RuleStatus Status { get; set; } = RuleStatus.Active;

    /// <summary>The rule's type; null only for a body whose <c>ruleType</c> was missing or unknown.</summary>
    [JsonIgnore]
    public virtual QualificationRuleType? RuleType => null;

    /// <summary>The type-specific checks of <c>config</c> (400 errors under <c>config.…</c>).</summary>
    protected virtual void ValidateConfig(ValidationErrors errors) { }

    /// <summary>The entities <c>config</c> refers to.</summary>
    protected virtual IEnumerable<EntityReference> ConfigReferences() => [];

    /// <summary>Checks of <c>config</c> against the entities it refers to (422 errors).</summary>
    protected virtual void ValidateConfigWithReferences(ReferencedEntities refs, ValidationErrors errors) { }

    public static readonly CatalogKind<QualificationRule> Kind = new()
    {
        Name = "qualification_rule",
        Route = "qualification-rules",
        IdPrefix = "qr_",
        Title = "Qualification Rule",
        Json = KaireonJson.Default.QualificationRule,
        // A multiplier means nothing on a hard rule, and a global rule has no scope id: both are dropped
        // rather than refused, so switching a rule's qualification or scope is one field.
        Normalize = static r => r with
        {
            FitMultiplier = r.Qualification == Qualification.Soft ? r.FitMultiplier ?? DefaultFitMultiplier : null,
            ScopeId = r.Scope == QualificationScope.Global ? null : r.ScopeId,
        },
        Validate = static (r, errors) =>
        {
            errors.RequiredText("name", r.Name, 200);
            errors.Text("description", r.Description, 2000);
            errors.Range("fitMultiplier", r.FitMultiplier, 0.1, 1.0);
            errors.Range("priority", r.Priority, 0, MaxPriority);
            if (r.Scope == QualificationScope.Segment) errors.RequiredText("scopeId", r.ScopeId, 128);
            else if (r.Scope != QualificationScope.Global) errors.Reference("scopeId", r.ScopeId, required: true);
            if (r.RuleType is null) errors.Add("ruleType", $"is required: one of {SnakeCaseEnumConverter<QualificationRuleType>.Allowed}.");
            else r.ValidateConfig(errors);
        },
        References = static r => [r.ScopeReference(), .. r.ConfigReferences()],
        ValidateWithReferences = static (r, refs, errors) => r.ValidateConfigWithReferences(refs, errors),
    };

    private EntityReference ScopeReference() => new("scopeId", Scope switch
    {
        QualificationScope.Channel => Channel.Kind.Name,
        QualificationScope.Category => Category.Kind.Name,
        QualificationScope.Subcategory => SubCategory.Kind.Name,
        QualificationScope.Offer => Offer.Kind.Name,
        QualificationScope.Placement => Placement.Kind.Name,
        _ => "",
    }, Scope is QualificationScope.Global or QualificationScope.Segment ? null : ScopeId);
}
