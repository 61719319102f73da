using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.QualificationRules;

/// <summary>The five rule types of the glossary; on the wire the rule's <c>ruleType</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<QualificationRuleType>))]
public enum QualificationRuleType { SegmentRequired, AttributeCondition, PropensityThreshold, RecencyCheck, MetricCondition }

/// <summary>
/// <c>hard</c>: a candidate failing the rule is removed (the qualification stage). <c>soft</c>: it
/// stays, its score multiplied by the rule's <c>fitMultiplier</c> (the fit stage).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Qualification>))]
public enum Qualification { Hard, Soft }

/// <summary>Which candidates a rule applies to: all, customers in a segment, or one channel, category, sub-category, offer or placement.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<QualificationScope>))]
public enum QualificationScope { Global, Segment, Channel, Category, Subcategory, Offer, Placement }

/// <summary>Only <c>active</c> rules and policies are applied; <c>inactive</c> ones are kept but skipped.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RuleStatus>))]
public enum RuleStatus { Active, Inactive }

/// <summary>How a metric value is compared with a threshold (<c>value operator threshold</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ThresholdOperator>))]
public enum ThresholdOperator { Gt, Gte, Lt, Lte, Eq }

public static class ThresholdOperators
{
    /// <summary><c>value operator threshold</c>; a null value (no data, a ratio over nothing) is never true.</summary>
    public static bool Holds(this ThresholdOperator op, double? value, double threshold) => value is { } v && op switch
    {
        ThresholdOperator.Gt => v > threshold,
        ThresholdOperator.Gte => v >= threshold,
        ThresholdOperator.Lt => v < threshold,
        ThresholdOperator.Lte => v <= threshold,
        _ => v == threshold,
    };
}
