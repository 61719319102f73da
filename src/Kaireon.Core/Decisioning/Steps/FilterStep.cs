using Kaireon.Core.Conditions;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary><c>filter</c>: keeps the candidates its condition (design §6's engine) holds for.</summary>
public static class FilterStep
{
    public static List<Candidate> Run(FilterNodeConfig config, List<Candidate> candidates, DecisionContext context, List<RemovedCandidate> removed)
    {
        if (config.Condition is null) return candidates;
        var condition = CompiledConditions.Of(config, static c => c.ParseCondition());
        var data = new CandidateData(context);
        var kept = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            data.Candidate = candidate;
            if (condition.Evaluate(data)) candidates[kept++] = candidate;
            else if (context.Traced) removed.Add(new RemovedCandidate(candidate.OfferId, "filter condition false"));
        }
        // Filtered in place: the list is this decision's own, handed on by the previous node.
        candidates.RemoveRange(kept, candidates.Count - kept);
        return candidates;
    }
}
