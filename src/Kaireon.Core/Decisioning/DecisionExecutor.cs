using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Decisioning.Steps;
using Kaireon.Core.Json;

namespace Kaireon.Core.Decisioning;

/// <summary>
/// Runs a flow's nodes in order over the candidate list (design §7: one executor; v1 flows arrive
/// compiled to the same nodes). Each node narrows, scores, orders or decorates the list; what it
/// removed, and why, goes to the funnel and the trace.
/// </summary>
public static class DecisionExecutor
{
    /// <summary>What an untraced decision's nodes report their removals to: nothing is ever added (they check <see cref="DecisionContext.Traced"/>).</summary>
    private static readonly List<RemovedCandidate> NoRemovals = [];

    public static List<Candidate> Run(IReadOnlyList<FlowNode> pipeline, DecisionContext context) =>
        Run(pipeline, context, [context.FlowKey], []);

    /// <param name="callers">The flows on the call stack, outermost first, for the cycle and depth guard.</param>
    private static List<Candidate> Run(IReadOnlyList<FlowNode> pipeline, DecisionContext context, List<string> callers, List<Candidate> start)
    {
        var candidates = start;
        foreach (var node in pipeline)
        {
            var before = candidates.Count;
            // Kept only for a traced decision: which candidates left, and why.
            var kept = context.Traced ? new HashSet<Candidate>(candidates) : null;
            var removed = context.Traced ? new List<RemovedCandidate>() : NoRemovals;
            candidates = node switch
            {
                InventoryNode n => InventoryStep.Run(n.Config ?? new(), context, removed),
                MatchCreativesNode n => MatchCreativesStep.Run(n.Config ?? new(), candidates, context, removed),
                FilterNode n => FilterStep.Run(n.Config ?? new(), candidates, context, removed),
                ScoreNode n => ScoreStep.Run(n.Config ?? new(), candidates, context),
                RankNode n => RankStep.Run(n.Config ?? new(), candidates, context),
                GroupNode n => GroupStep.Run(n.Config ?? new(), candidates, context),
                SetPropertiesNode n => PropertiesStep.Run(n.Config ?? new(), candidates, context),
                ComputeNode n => ComputeStep.Run(n.Config ?? new(), candidates, context),
                ResponseNode => candidates,
                CallFlowNode n => CallFlow(n.Config ?? new(), candidates, context, callers),
                // What enrich names is read before the flow runs, in the one round of reads (RecommendService).
                EnrichNode => candidates,
                QualifyNode n => QualifyStep.Run(n.Config ?? new(), candidates, context, removed),
                ContactPolicyNode n => ContactPolicyStep.Run(n.Config ?? new(), candidates, context, removed),
                _ => throw new NodeNotExecutedException(node.Type is { } unknown ? SnakeCaseEnumConverter<FlowNodeType>.NameOf(unknown) : "unknown"),
            };
            var type = SnakeCaseEnumConverter<FlowNodeType>.NameOf(node.Type!.Value);
            context.Funnel.Add(new(type, candidates.Count));
            if (kept is null) continue;
            // Nodes that only reorder or trim name nothing themselves; what left is traced as cut by them.
            if (removed.Count == 0 && candidates.Count < before)
                removed.AddRange(kept.Except(candidates).Select(c => new RemovedCandidate(c.OfferId, $"not kept by {type}")));
            context.NodeTraces.Add(new NodeTrace(node.Id ?? type, type, before, candidates.Count, removed));
        }
        return candidates;
    }

    /// <summary>
    /// <c>call_flow</c>: runs the called flow's published pipeline from no candidates, then appends
    /// its candidates (offers not already in the list) or replaces the list with them. A call that
    /// would repeat a flow on the stack, or go deeper than <c>maxDepth</c>, is refused.
    /// </summary>
    private static List<Candidate> CallFlow(CallFlowConfig config, List<Candidate> candidates, DecisionContext context, List<string> callers)
    {
        var key = config.FlowKey!;
        if (callers.Contains(key)) throw new RecommendException("decisionFlowKey", $"Decision Flow '{key}' calls itself through {string.Join(" → ", callers)} → {key}.", RecommendFailure.Unprocessable);
        if (callers.Count > config.MaxDepth) throw new RecommendException("decisionFlowKey", $"Decision Flow calls nest deeper than {config.MaxDepth} ({string.Join(" → ", callers)} → {key}).", RecommendFailure.Unprocessable);
        if (!context.CalledFlows.TryGetValue(key, out var called)) throw new RecommendException("decisionFlowKey", $"Decision Flow '{key}', called by '{callers[^1]}', has no published version.");
        var result = Run(called, context, [.. callers, key], []);
        if (config.Merge == CallMerge.Replace) return result;
        var present = candidates.Select(c => c.OfferId).ToHashSet(StringComparer.Ordinal);
        return [.. candidates, .. result.Where(c => present.Add(c.OfferId))];
    }
}

/// <summary>A node type the executor does not run yet: Recommend answers 501 naming it rather than pretend.</summary>
public sealed class NodeNotExecutedException(string nodeType)
    : Exception($"The '{nodeType}' node is not executed by this version of Kaireon yet.")
{
    public string NodeType { get; } = nodeType;
}
