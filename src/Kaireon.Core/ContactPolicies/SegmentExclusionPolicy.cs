using System.Text.Json.Serialization;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>segment_exclusion</c>: suppresses for customers in any of the segments (request segments or stored profile).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(SegmentExclusionPolicy), "segment_exclusion")]
public record SegmentExclusionPolicy : ContactPolicy
{
    public SegmentExclusionConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.SegmentExclusion;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config))
            ConfigRules.Texts(errors, "config.segments", Config.Segments, required: true, SegmentRequiredConfig.MaxSegments);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SegmentExclusionConfig
{
    public List<string>? Segments { get; init; }
}
