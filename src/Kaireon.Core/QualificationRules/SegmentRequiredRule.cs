using System.Text.Json.Serialization;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.QualificationRules;

/// <summary><c>any</c>: the customer is in at least one of the segments; <c>all</c>: in every one.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SegmentMatch>))]
public enum SegmentMatch { Any, All }

/// <summary><c>segment_required</c>: the customer must belong to a segment (request segments or stored profile).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(SegmentRequiredRule), "segment_required")]
public record SegmentRequiredRule : QualificationRule
{
    public SegmentRequiredConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override QualificationRuleType? RuleType => QualificationRuleType.SegmentRequired;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }
}

/// <summary><c>{ "segment": "vip" }</c>, or <c>{ "segments": ["vip", "gold"], "match": "any" }</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SegmentRequiredConfig
{
    public const int MaxSegments = 100;

    public string? Segment { get; init; }
    public List<string>? Segments { get; init; }
    public SegmentMatch Match { get; set; } = SegmentMatch.Any;

    /// <summary>The segments the rule names, whichever way they were written.</summary>
    public IReadOnlyList<string> AllSegments() => Segments ?? (Segment is null ? [] : [Segment]);

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Segment is not null && Segments is not null) errors.Add($"{path}.segments", "give segment or segments, not both.");
        else if (Segments is null) errors.RequiredText($"{path}.segment", Segment, 128);
        else ConfigRules.Texts(errors, $"{path}.segments", Segments, required: true, MaxSegments);
    }
}
