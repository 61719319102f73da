using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Conditions;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Validation;

namespace Kaireon.Core.QualificationRules;

/// <summary>
/// <c>attribute_condition</c>: a condition (design §6) over the decision data, e.g.
/// <c>{ "field": "attributes.age", "operator": "gte", "value": 18 }</c>; fields as <see cref="DecisionFields"/> says.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "ruleType")]
[JsonDerivedType(typeof(AttributeConditionRule), "attribute_condition")]
public record AttributeConditionRule : QualificationRule
{
    public AttributeConditionConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override QualificationRuleType? RuleType => QualificationRuleType.AttributeCondition;

    protected override void ValidateConfig(ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, "config", Config)) Config.Validate("config", errors);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AttributeConditionConfig
{
    public JsonElement? Condition { get; init; }

    /// <summary>The condition, parsed (it was valid when saved); compile it once per rule version.</summary>
    public ConditionTree ParseCondition() =>
        ConditionTree.Parse(Condition ?? throw new InvalidOperationException("The rule has no condition."), DecisionFields.ConditionOptions);

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Condition is not { ValueKind: not JsonValueKind.Null } condition) errors.Add($"{path}.condition", "is required: a condition node.");
        else ConditionTree.Parse(condition, $"{path}.condition", errors, DecisionFields.ConditionOptions);
    }
}
