using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Validation;

namespace Kaireon.Core.ContactPolicies;

/// <summary><c>frequency_cap</c>: at most so many contacts, by a behavioral metric or counted from interaction history.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(FrequencyCapPolicy), "frequency_cap")]
public record FrequencyCapPolicy : ContactPolicy
{
    public FrequencyCapConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override ContactPolicyType? RuleType => ContactPolicyType.FrequencyCap;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
    [
        new("config.metricKey", BehavioralMetric.Kind.Name, Config?.MetricId),
        new("config.channelId", Channel.Kind.Name, Config?.ChannelId),
        new("config.outcome", OutcomeType.Kind.Name, Config?.Outcome),
    ];

    protected override void ValidateConfigWithReferences(ReferencedEntities refs, ValidationErrors errors)
    {
        if (Config?.MetricId is { } metric)
            MetricConditionConfig.ValidateMapping(refs.Find(BehavioralMetric.Kind, metric), "config", Config.DimensionMapping, errors);
    }
}

/// <summary>
/// Two forms, exactly one per policy (<see cref="UsesMetric"/> tells which):
/// <list type="bullet">
/// <item>by metric, as the spec's example: <c>{ "metricKey": "email_impression_7d", "threshold": 3, "action": "suppress" }</c>.
/// The metric is read for the candidate: each dimension it groups by takes the candidate's offer,
/// channel or creative id (<see cref="DimensionMapping"/> overrides, with the same values as a
/// <c>metric_condition</c> rule); the candidate is suppressed once the value reaches the
/// threshold (value ≥ threshold: the threshold is the cap).</item>
/// <item>counted: <c>{ "maxPerDay": 1, "maxPerWeek": 3 }</c>, contacts counted from the customer's
/// interactions (see <see cref="ContactLimits"/>), optionally on one <see cref="ChannelId"/>
/// only, counting <see cref="Outcome"/> (default <c>impression</c>).</item>
/// </list>
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FrequencyCapConfig
{
    public const string DefaultOutcome = "impression";

    public string? MetricKey { get; init; }
    public double? Threshold { get; init; }
    public CapAction? Action { get; set; }
    public Dictionary<string, string>? DimensionMapping { get; init; }
    public int? MaxPerDay { get; init; }
    public int? MaxPerWeek { get; init; }
    public int? MaxPerMonth { get; init; }
    public string? ChannelId { get; init; }
    public string? Outcome { get; init; }

    [JsonIgnore]
    public bool UsesMetric => MetricKey is not null;

    /// <summary>The id of the metric <see cref="MetricKey"/> names (<c>bm_</c> + key), or null in the counted form.</summary>
    [JsonIgnore]
    public string? MetricId => DecisionFlows.MetricKey.ToId(MetricKey);

    /// <summary>The outcome counted in the counted form.</summary>
    [JsonIgnore]
    public string CountedOutcome => Outcome ?? DefaultOutcome;

    /// <summary>The counted form's caps, shortest window first; empty in the metric form.</summary>
    public IReadOnlyList<(int WindowDays, int Max)> Caps() => ContactLimits.Caps(MaxPerDay, MaxPerWeek, MaxPerMonth);

    internal void Validate(string path, ValidationErrors errors)
    {
        var counted = MaxPerDay is not null || MaxPerWeek is not null || MaxPerMonth is not null;
        if (UsesMetric)
        {
            if (counted) errors.Add($"{path}.maxPerDay", "a frequency cap is either by metricKey + threshold or by maxPerDay/maxPerWeek/maxPerMonth, not both.");
            MetricConditionConfig.ValidateShape(path, errors, MetricKey, "metricKey", null, Threshold, DimensionMapping, operatorRequired: false);
            if (Threshold is < 0) errors.Add($"{path}.threshold", "must be 0 or more.");
            if (ChannelId is not null || Outcome is not null)
                errors.Add(ChannelId is not null ? $"{path}.channelId" : $"{path}.outcome", "applies to the counted form only; the metric decides what counts.");
        }
        else
        {
            if (Threshold is not null || Action is not null || DimensionMapping is not null)
                errors.Add($"{path}.metricKey", "is required when threshold, action or dimensionMapping is given.");
            ContactLimits.Validate(path, MaxPerDay, MaxPerWeek, MaxPerMonth, required: !errors.Has($"{path}.metricKey"), errors);
            errors.Reference($"{path}.channelId", ChannelId, required: false);
            errors.Reference($"{path}.outcome", Outcome, required: false);
        }
    }
}
