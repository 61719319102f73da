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
        var ordered = candidates
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Offer.Priority)
            .ThenBy(c => c.OfferId, StringComparer.Ordinal)
            .ToList();
        return config.Method switch
        {
            RankMethod.Diversity => [.. ordered.GroupBy(c => GroupOf(config, c)).SelectMany(g => g.Take(config.MaxPerGroup ?? 1))
                .OrderBy(ordered.IndexOf).Take(limit)],
            RankMethod.RoundRobin => RoundRobin(config, ordered, limit),
            RankMethod.ExploreExploit => Explore(ordered, limit, config.Epsilon ?? RankNodeConfig.DefaultEpsilon, context),
            _ => [.. ordered.Take(limit)],
        };
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
