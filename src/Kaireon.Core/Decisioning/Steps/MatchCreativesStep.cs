using Kaireon.Core.Creatives;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Randomness;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>match_creatives</c>: pairs each offer with an active creative for the requested (or configured)
/// channel and placement; among A/B variants one is picked by weight, stable per customer, so a
/// customer keeps seeing the same variant.
/// </summary>
public static class MatchCreativesStep
{
    public static List<Candidate> Run(MatchCreativesConfig config, List<Candidate> candidates, DecisionContext context, List<RemovedCandidate> removed)
    {
        var channels = config.ChannelIds is { Count: > 0 } ids ? ids.ToHashSet(StringComparer.Ordinal) : context.RequestedChannels;
        var placements = config.PlacementIds is { Count: > 0 } pids ? pids.ToHashSet(StringComparer.Ordinal)
            : config.UseRequestPlacement ? context.RequestedPlacements : new HashSet<string>();
        var excluded = context.Request.ExcludeCreatives?.ToHashSet(StringComparer.Ordinal) ?? [];
        var kept = 0;
        var eligible = new List<Creative>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            eligible.Clear();
            // In id order already: the snapshot keeps each offer's creatives sorted.
            if (!context.Catalog.CreativesByOffer.TryGetValue(candidate.OfferId, out var creatives)) creatives = [];
            foreach (var c in creatives)
            {
                if (c.Status == CreativeStatus.Active && (excluded.Count == 0 || !excluded.Contains(c.Id!))
                    && (channels.Count == 0 || (c.ChannelId is not null && channels.Contains(c.ChannelId)))
                    && (placements.Count == 0 || c.PlacementId is null || placements.Contains(c.PlacementId)))
                    eligible.Add(c);
            }
            candidate.Creative = Pick(eligible, context.CustomerId, candidate.OfferId);
            if (candidate.Creative is not null || !config.RequireCreative) candidates[kept++] = candidate;
            else if (context.Traced) removed.Add(new RemovedCandidate(candidate.OfferId, "no active creative for the channel and placement"));
        }
        // Filtered in place: the list is this decision's own, handed on by the previous node.
        candidates.RemoveRange(kept, candidates.Count - kept);
        return candidates;
    }

    private static Creative? Pick(List<Creative> eligible, string customerId, string offerId)
    {
        if (eligible.Count <= 1) return eligible.Count == 0 ? null : eligible[0];
        Span<double> weights = eligible.Count <= 64 ? stackalloc double[eligible.Count] : new double[eligible.Count];
        for (var i = 0; i < eligible.Count; i++) weights[i] = eligible[i].VariantWeight;
        return eligible[StableBucket.Pick(StableBucket.Of(customerId, "variant|", offerId), weights)];
    }
}
