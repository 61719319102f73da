using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// The structural rules of a v2 node list, beyond each node's own configuration (errors are 422:
/// every node is well-formed, the list is not runnable):
/// <list type="bullet">
/// <item>node ids are unique;</item>
/// <item>phases never go back: narrow (incl. <c>call_flow</c>) → score &amp; rank → output;</item>
/// <item>a node that works on candidates comes after an <c>inventory</c> or <c>call_flow</c> node;</item>
/// <item>at most one <c>group</c> and one <c>response</c> node.</item>
/// </list>
/// </summary>
public static class DecisionFlowGraph
{
    public const int MaxNodes = 100;

    /// <summary>Adds the violations under <paramref name="path"/> (<c>config.nodes</c>); nodes of unknown type are skipped (they are 400s already).</summary>
    public static void Validate(IReadOnlyList<FlowNode> nodes, string path, ValidationErrors errors)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var once = new Dictionary<FlowNodeType, int>();
        (FlowPhase Phase, int Index)? latest = null;
        int? source = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (nodes[i].Id is { } id && !ids.TryAdd(id, i)) errors.Add($"{at}.id", $"repeats node id '{id}' ({path}[{ids[id]}]); node ids are unique in a flow.");
            if (nodes[i].Type is not { } type) continue;

            var phase = type.Phase();
            if (latest is { } last && phase < last.Phase)
            {
                var before = nodes[last.Index];
                errors.Add($"{at}.type", $"a {phase.Name()} node ({type.Name()}) cannot follow the {last.Phase.Name()} node '{before.Id}' ({before.Type!.Value.Name()} at {path}[{last.Index}]): nodes run narrow → score & rank → output.");
            }
            else latest = (phase, i);

            if (type.BringsCandidates()) source ??= i;
            else if (type.NeedsCandidates() && source is null)
                errors.Add($"{at}.type", $"a {type.Name()} node needs candidates: put an inventory or call_flow node before it.");

            if (type is FlowNodeType.Group or FlowNodeType.Response && !once.TryAdd(type, i))
                errors.Add($"{at}.type", $"a flow has at most one {type.Name()} node ({path}[{once[type]}] is one).");
        }
        if (source is null && !errors.Has(path)) errors.Add(path, "needs an inventory or call_flow node: without one no candidate enters the flow.");
    }
}
