using Kaireon.Core.DecisionFlows.Nodes;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>group</c> (<c>priority_fill</c>): fills the placements in order, each with the best remaining
/// candidates whose creative fits it (a creative without a placement fits any), up to its limit.
/// The placements come from the node, else from the request's <c>placements</c>.
/// </summary>
public static class GroupStep
{
    public static List<Candidate> Run(GroupNodeConfig config, List<Candidate> candidates, DecisionContext context)
    {
        var slots = config.Placements is { Count: > 0 } configured
            ? configured.Select(p => (Placement: p.Placement!, Limit: p.Limit ?? 1)).ToList()
            : (context.Request.Placements ?? []).Select(p => (Placement: p.Placement!, Limit: p.Limit ?? context.Request.EffectiveLimit)).ToList();
        if (slots.Count == 0) return candidates;

        var remaining = new List<Candidate>(candidates);
        var grouped = new List<Candidate>();
        foreach (var (placement, limit) in slots)
        {
            var fits = PlacementIds(placement, context);
            foreach (var candidate in remaining.Where(c => c.Creative?.PlacementId is null || fits.Contains(c.Creative.PlacementId)).Take(limit).ToList())
            {
                candidate.Placement = placement;
                grouped.Add(candidate);
                remaining.Remove(candidate);
            }
        }
        return grouped;
    }

    /// <summary>A placement named by id or by slot type.</summary>
    private static HashSet<string> PlacementIds(string placement, DecisionContext context) =>
        [.. context.Catalog.Placements.All.Where(p => p.Id == placement || p.SlotType == placement).Select(p => p.Id!)];
}
