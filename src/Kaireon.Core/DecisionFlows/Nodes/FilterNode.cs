using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Conditions;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>filter</c>: keeps the candidates for which a condition holds (the one condition engine, design §6).</summary>
public sealed record FilterNode : FlowNode
{
    public FilterNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Filter;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (!ConfigRules.Present(errors, path, Config)) return;
        if (Config.Condition is not { ValueKind: not JsonValueKind.Null } condition) errors.Add($"{path}.condition", "is required: a condition node.");
        else ConditionTree.Parse(condition, $"{path}.condition", errors, DecisionFields.ConditionOptions);
    }
}

/// <summary>A condition over <c>offer.*</c>, <c>creative.*</c>, <c>customer.*</c>, <c>attributes.*</c> and <c>metrics.*</c> (<see cref="DecisionFields"/>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FilterNodeConfig
{
    public JsonElement? Condition { get; init; }

    /// <summary>The condition, parsed (it was valid when saved); compile it once per flow version.</summary>
    public ConditionTree ParseCondition() =>
        ConditionTree.Parse(Condition ?? throw new InvalidOperationException("The filter has no condition."), DecisionFields.ConditionOptions);
}
