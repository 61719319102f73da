using Kaireon.Core.DecisionFlows.Nodes;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>rank</c>: orders by score (ties: higher priority, then offer id, so equal scores order the
/// same every time) and keeps <c>limit</c> (default the request's limit): <c>topN</c> as is;
/// <c>diversity</c> at most <c>maxPerGroup</c> per group field (category by default);
/// <c>round_robin</c> takes groups in turn; <c>explore_exploit</c> swaps in a random lower candidate
/// for each place with probability ε.
/// </summary>
public static class RankStep
{
    public static List<Candidate> Run(RankNodeConfig config, List<Candidate> candidates, DecisionContext context)
    {
        var limit = config.Limit ?? context.Request.EffectiveLimit;
        // Sorted in place: the list is this decision's own, handed on by the previous node.
        candidates.Sort(Order);
        var ordered = candidates;
        return config.Method switch
        {
            RankMethod.Diversity => Diverse(config, ordered, limit),
            RankMethod.RoundRobin => RoundRobin(config, ordered, limit),
            RankMethod.ExploreExploit => Explore(ordered, limit, config.Epsilon ?? RankNodeConfig.DefaultEpsilon, context),
            _ => [.. ordered.Take(limit)],
        };
    }

    /// <summary>Best first: higher score, then higher priority, then offer id.</summary>
    private static readonly Comparison<Candidate> Order = static (a, b) =>
        b.Score.CompareTo(a.Score) is not 0 and var byScore ? byScore
        : b.Offer.Priority.CompareTo(a.Offer.Priority) is not 0 and var byPriority ? byPriority
        : string.CompareOrdinal(a.OfferId, b.OfferId);

    /// <summary>The best candidates in order, at most <c>maxPerGroup</c> of each group.</summary>
    private static List<Candidate> Diverse(RankNodeConfig config, List<Candidate> ordered, int limit)
    {
        var perGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Candidate>(limit);
        foreach (var candidate in ordered)
        {
            if (result.Count == limit) break;
            var group = GroupOf(config, candidate);
            var taken = perGroup.GetValueOrDefault(group);
            if (taken >= (config.MaxPerGroup ?? 1)) continue;
            perGroup[group] = taken + 1;
            result.Add(candidate);
        }
        return result;
    }

    private static string GroupOf(RankNodeConfig config, Candidate candidate) => config.GroupField switch
    {
        "subCategoryId" => candidate.Offer.SubCategoryId ?? "",
        "channelId" => candidate.Creative?.ChannelId ?? "",
        "offerId" => candidate.OfferId,
        _ => candidate.Offer.CategoryId ?? "",
    };

    private static List<Candidate> RoundRobin(RankNodeConfig config, List<Candidate> ordered, int limit)
    {
        var queues = ordered.GroupBy(c => GroupOf(config, c)).Select(g => new Queue<Candidate>(g)).ToList();
        var result = new List<Candidate>(limit);
        while (result.Count < limit && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (result.Count == limit) break;
                result.Add(queue.Dequeue());
            }
        }
        return result;
    }

    private static List<Candidate> Explore(List<Candidate> ordered, int limit, double epsilon, DecisionContext context)
    {
        var pool = new List<Candidate>(ordered);
        var result = new List<Candidate>(limit);
        while (result.Count < limit && pool.Count > 0)
        {
            var index = pool.Count > 1 && context.Random.NextDouble() < epsilon ? 1 + (int)(context.Random.NextDouble() * (pool.Count - 1)) : 0;
            result.Add(pool[index]);
            pool.RemoveAt(index);
        }
        return result;
    }
}
