using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// A flow's pipeline, in one of two forms: v1 <c>{ "stages": { … } }</c> (<see cref="Version"/>
/// absent or 1) or v2 <c>{ "version": 2, "nodes": [ … ] }</c>. <see cref="Pipeline"/> gives the
/// node list either way.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DecisionFlowConfig
{
    public int? Version { get; init; }
    public DecisionFlowStages? Stages { get; init; }
    public List<FlowNode>? Nodes { get; init; }

    /// <summary>True for a Composable Pipeline (v2).</summary>
    [JsonIgnore]
    public bool IsComposable => Version == 2;

    /// <summary>The nodes to run: v2's as listed, v1's compiled by <see cref="DecisionFlowStages.ToNodes"/>.</summary>
    public IReadOnlyList<FlowNode> Pipeline() => IsComposable ? Nodes ?? [] : (Stages ?? new()).ToNodes();

    /// <summary>The flow keys the pipeline's <c>call_flow</c> nodes call.</summary>
    public IEnumerable<string> CalledFlows() =>
        (Nodes ?? []).OfType<CallFlowNode>().Select(n => n.Config?.FlowKey).OfType<string>();

    internal void Validate(string path, ValidationErrors errors)
    {
        switch (Version)
        {
            case null or 1:
                if (Nodes is not null) errors.Add($"{path}.nodes", "belongs to a v2 flow: add \"version\": 2 (and no stages).");
                if (Stages is null) errors.Add($"{path}.stages", "is required for a v1 flow ({ \"stages\": { \"inventory\", \"filter\", \"scoring\", \"ranking\" } }), or give \"version\": 2 and nodes.");
                else Stages.Validate($"{path}.stages", errors);
                break;
            case 2:
                if (Stages is not null) errors.Add($"{path}.stages", "belongs to a v1 flow; a v2 flow has nodes only.");
                if (Nodes is not { Count: > 0 }) errors.Add($"{path}.nodes", "is required for a v2 flow: at least one node.");
                errors.MaxCount($"{path}.nodes", Nodes, DecisionFlowGraph.MaxNodes);
                for (var i = 0; i < (Nodes?.Count ?? 0); i++)
                {
                    if (ConfigRules.Present(errors, $"{path}.nodes[{i}]", Nodes![i])) Nodes[i].Validate($"{path}.nodes[{i}]", errors);
                }
                break;
            default:
                errors.Add($"{path}.version", "must be 2 (a Composable Pipeline), or 1 or absent (a Fixed-Stage Pipeline).");
                break;
        }
    }

    internal IEnumerable<EntityReference> References(string path) => IsComposable
        ? (Nodes ?? []).SelectMany((n, i) => n?.References($"{path}.nodes[{i}].config") ?? [])
        : Stages?.References($"{path}.stages") ?? [];

    internal void ValidateWithReferences(string flowId, string path, ReferencedEntities refs, ValidationErrors errors)
    {
        if (!IsComposable)
        {
            Stages?.ValidateWithReferences($"{path}.stages", refs, errors);
            return;
        }
        var nodes = Nodes ?? [];
        DecisionFlowGraph.Validate(nodes, $"{path}.nodes", errors);
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].ValidateWithReferences($"{path}.nodes[{i}].config", refs, errors);
            if (nodes[i] is CallFlowNode { Config.FlowKey: { } callee } && callee == flowId)
                errors.Add($"{path}.nodes[{i}].config.flowKey", $"flow '{flowId}' calls itself: call_flow cycles are not allowed.");
        }
    }
}
