using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Scoring;
using Kaireon.Core.Validation;

namespace Kaireon.Core.QualificationRules;

/// <summary><c>propensity_threshold</c>: the candidate's propensity must reach <see cref="PropensityThresholdConfig.Threshold"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(PropensityThresholdRule), "propensity_threshold")]
public record PropensityThresholdRule : QualificationRule
{
    public PropensityThresholdConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override QualificationRuleType? RuleType => QualificationRuleType.PropensityThreshold;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
        [new("config.modelId", AlgorithmModel.Kind.Name, Config?.ModelId)];
}

/// <summary>
/// Where the propensity comes from: with <see cref="ModelId"/>, that model's score for the
/// candidate; otherwise the request's <c>attributes.propensityScores[key]</c>, where the key is
/// <see cref="Key"/> when given, else the candidate's offer id, then its category id. A candidate
/// with no propensity at all fails the rule (it cannot be shown to reach the threshold).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PropensityThresholdConfig
{
    /// <summary>0–1, inclusive: a propensity equal to it passes.</summary>
    public double? Threshold { get; init; }
    public string? Key { get; init; }
    public string? ModelId { get; init; }

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Threshold is null) errors.Add($"{path}.threshold", "is required: 0–1.");
        errors.Range($"{path}.threshold", Threshold, 0, 1);
        errors.Text($"{path}.key", Key, 128, 1);
        errors.Reference($"{path}.modelId", ModelId, required: false);
    }
}
