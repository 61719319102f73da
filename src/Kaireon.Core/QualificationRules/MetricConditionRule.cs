using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Validation;

namespace Kaireon.Core.QualificationRules;

/// <summary>
/// <c>metric_condition</c>: a Behavioral Metric's value for the customer must satisfy
/// <c>value operator threshold</c>. A hard rule removes a candidate that fails; a soft one
/// multiplies its score by the fit multiplier.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(MetricConditionRule), "metric_condition")]
public record MetricConditionRule : QualificationRule
{
    public MetricConditionConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override QualificationRuleType? RuleType => QualificationRuleType.MetricCondition;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }

    protected override IEnumerable<EntityReference> ConfigReferences() =>
        [new("config.metricId", BehavioralMetric.Kind.Name, Config?.ResolvedMetricId)];

    protected override void ValidateConfigWithReferences(ReferencedEntities refs, ValidationErrors errors) =>
        Config?.ValidateAgainst(refs.Find(BehavioralMetric.Kind, Config.ResolvedMetricId), "config", errors);
}

/// <summary>
/// The spec's <c>MetricConditionConfig</c>, field for field. <see cref="DimensionMapping"/> selects
/// the metric's group for the candidate: each key is one of the metric's
/// <c>groupByDimensions</c>, each value a literal or a template such as <c>{{offer.id}}</c>. A
/// metric grouped by a dimension the mapping leaves out is read as the sum over that dimension's
/// groups for count and sum (other functions cannot be summed; map every dimension for them).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record MetricConditionConfig
{
    public string? MetricId { get; init; }
    public ThresholdOperator? Operator { get; init; }
    public double? Threshold { get; init; }
    public Dictionary<string, string>? DimensionMapping { get; set; } = [];

    /// <summary>The metric's id: <see cref="MetricId"/> as given, or with <c>bm_</c> when it was written as a key.</summary>
    [JsonIgnore]
    public string? ResolvedMetricId => MetricKey.ToId(MetricId);

    [GeneratedRegex(@"^\{\{\s*(offer|creative|channel|placement|customer|attributes)(\.[A-Za-z0-9_]+)+\s*\}\}$")]
    private static partial Regex TemplatePattern();

    /// <summary>The templates a mapping value may use: the candidate's and the customer's fields.</summary>
    public const string TemplateRoots = "offer, creative, channel, placement, customer or attributes";

    internal void Validate(string path, ValidationErrors errors) =>
        ValidateShape(path, errors, MetricId, "metricId", Operator, Threshold, DimensionMapping);

    /// <summary>Shared with <c>frequency_cap</c>'s metric form: id, operator, threshold and mapping shapes.</summary>
    internal static void ValidateShape(
        string path, ValidationErrors errors, string? metric, string metricField, ThresholdOperator? op, double? threshold, Dictionary<string, string>? mapping,
        bool operatorRequired = true)
    {
        errors.Reference($"{path}.{metricField}", MetricKey.ToId(metric), required: true);
        if (operatorRequired && op is null) errors.Add($"{path}.operator", $"is required: one of {SnakeCaseEnumConverter<ThresholdOperator>.Allowed}.");
        if (threshold is null) errors.Add($"{path}.threshold", "is required: the number the metric value is compared with.");
        ConfigRules.Finite(errors, $"{path}.threshold", threshold);
        if (mapping is null) return;
        errors.MaxCount($"{path}.dimensionMapping", mapping, 2);
        foreach (var (dimension, value) in mapping)
        {
            var at = $"{path}.dimensionMapping.{dimension}";
            if (!CamelCaseEnumConverter<MetricDimension>.TryParse(dimension, out _))
                errors.Add(at, $"is not a metric dimension: one of {CamelCaseEnumConverter<MetricDimension>.Allowed}.");
            else if (string.IsNullOrWhiteSpace(value) || value.Length > 200) errors.Add(at, "must be 1–200 characters: a value or a template such as {{offer.id}}.");
            else if (value.Contains("{{", StringComparison.Ordinal) && !TemplatePattern().IsMatch(value))
                errors.Add(at, $"must be a literal value or one whole template {{{{root.field}}}} with root {TemplateRoots}.");
        }
    }

    /// <summary>422 checks against the metric: mapped dimensions must be ones it groups by.</summary>
    internal static void ValidateMapping(BehavioralMetric? metric, string path, Dictionary<string, string>? mapping, ValidationErrors errors)
    {
        if (metric is null || mapping is null) return;
        var grouped = (metric.GroupByDimensions ?? []).Select(CamelCaseEnumConverter<MetricDimension>.NameOf).ToList();
        foreach (var dimension in mapping.Keys.Where(d => !grouped.Contains(d)))
            errors.Add($"{path}.dimensionMapping.{dimension}", $"metric '{metric.Id}' is not grouped by {dimension}; it groups by [{string.Join(", ", grouped)}].");
    }

    internal void ValidateAgainst(BehavioralMetric? metric, string path, ValidationErrors errors) => ValidateMapping(metric, path, DimensionMapping, errors);
}
