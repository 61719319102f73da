using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>qualify</c>: evaluates Qualification Rules; hard rules remove candidates, soft ones multiply scores.</summary>
public sealed record QualifyNode : FlowNode
{
    public QualifyConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Qualify;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }

    public override IEnumerable<EntityReference> References(string path) => Config?.References(path) ?? [];
}

/// <summary>
/// Which rules, and how they combine; at most one of the two is given:
/// <list type="bullet">
/// <item><see cref="Logic"/>: the rules the tree names, combined by it (a soft rule in the tree
/// never fails its term: it only lowers the score);</item>
/// <item><see cref="RuleIds"/>: these rules, every hard one must pass;</item>
/// <item>neither: every active rule of the tenant whose scope applies to the candidate, every
/// hard one must pass.</item>
/// </list>
/// Named rules apply only where their scope applies and only while active.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QualifyConfig
{
    public List<string>? RuleIds { get; init; }
    public RuleLogic? Logic { get; init; }

    /// <summary>The rules named, by <see cref="Logic"/> or <see cref="RuleIds"/>; empty means all that apply.</summary>
    public IReadOnlyList<string> NamedRuleIds() => Logic?.RuleIds() ?? RuleIds ?? [];

    internal void Validate(string path, ValidationErrors errors)
    {
        if (RuleIds is not null && Logic is not null) errors.Add($"{path}.logic", "give ruleIds or logic, not both (logic names its rules).");
        ConfigRules.Ids(errors, $"{path}.ruleIds", RuleIds, required: false);
        Logic?.Validate($"{path}.logic", errors);
    }

    internal IEnumerable<EntityReference> References(string path) =>
        RuleIds is not null
            ? ConfigRules.References($"{path}.ruleIds", RuleIds, QualificationRule.Kind.Name)
            : (Logic?.RulesAt($"{path}.logic") ?? []).Select(r => new EntityReference(r.Path, QualificationRule.Kind.Name, r.RuleId));
}
