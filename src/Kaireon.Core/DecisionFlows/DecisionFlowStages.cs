using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Conditions;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// A Fixed-Stage Pipeline (v1): <c>{ "stages": { "inventory", "filter", "scoring", "ranking" } }</c>.
/// Each stage is optional and takes its defaults (all active offers, rules and policies on,
/// priority-weighted, topN). The blocks share the v2 node configurations, so
/// <see cref="ToNodes"/> compiles a v1 flow into the equivalent node list and one executor runs both.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DecisionFlowStages
{
    public InventoryNodeConfig? Inventory { get; set; } = new();
    public FilterStageConfig? Filter { get; set; } = new();
    public ScoreNodeConfig? Scoring { get; set; } = new();
    public RankNodeConfig? Ranking { get; set; } = new();

    /// <summary>
    /// The v2 nodes of this pipeline, in the glossary's stage order: inventory, enrich (profile),
    /// match_creatives (a candidate without a creative stays), qualify and contact_policy (when
    /// switched on), filter (when a condition is given), score, rank, response (standard). Node ids
    /// are the stage names.
    /// </summary>
    public IReadOnlyList<FlowNode> ToNodes()
    {
        var filter = Filter ?? new();
        var nodes = new List<FlowNode>
        {
            new InventoryNode { Id = "inventory", Config = Inventory ?? new() },
            new EnrichNode { Id = "enrichment", Config = new() },
            new MatchCreativesNode { Id = "creatives", Config = new() { RequireCreative = false } },
        };
        if (filter.QualificationRules) nodes.Add(new QualifyNode { Id = "qualification", Config = new() });
        if (filter.ContactPolicies) nodes.Add(new ContactPolicyNode { Id = "contact_policy", Config = new() });
        if (filter.Condition is { ValueKind: not JsonValueKind.Null } condition) nodes.Add(new FilterNode { Id = "filter", Config = new() { Condition = condition } });
        nodes.Add(new ScoreNode { Id = "scoring", Config = Scoring ?? new() });
        nodes.Add(new RankNode { Id = "ranking", Config = Ranking ?? new() });
        nodes.Add(new ResponseNode { Id = "response", Config = new() });
        return nodes;
    }

    internal void Validate(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, $"{path}.inventory", Inventory)) Inventory.Validate($"{path}.inventory", errors);
        if (ConfigRules.Present(errors, $"{path}.filter", Filter) && Filter.Condition is { ValueKind: not JsonValueKind.Null } condition)
            ConditionTree.Parse(condition, $"{path}.filter.condition", errors, DecisionFields.ConditionOptions);
        if (ConfigRules.Present(errors, $"{path}.scoring", Scoring)) Scoring.Validate($"{path}.scoring", errors);
        if (ConfigRules.Present(errors, $"{path}.ranking", Ranking)) Ranking.Validate($"{path}.ranking", errors);
    }

    internal IEnumerable<EntityReference> References(string path) =>
        [.. Inventory?.References($"{path}.inventory") ?? [], .. Scoring?.References($"{path}.scoring") ?? []];

    internal void ValidateWithReferences(string path, ReferencedEntities refs, ValidationErrors errors) =>
        Scoring?.ValidateWithReferences($"{path}.scoring", refs, errors);
}

/// <summary>The v1 filter stage: qualification rules and contact policies on or off, and an optional condition (as the v2 <c>filter</c> node's).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FilterStageConfig
{
    public bool QualificationRules { get; set; } = true;
    public bool ContactPolicies { get; set; } = true;
    public JsonElement? Condition { get; init; }
}
