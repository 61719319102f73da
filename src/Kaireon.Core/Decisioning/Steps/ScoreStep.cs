using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>score</c>: <c>priority_weighted</c> = (priority/100) × (weight/100) × fit (the contract), or a
/// scoring engine (the node's model, a per-offer/category/channel override, or a challenger for the
/// configured share of customers, stable per customer). The fit multiplier of soft rules applies to
/// every method. Learned model state is not stored yet, so engines score from an empty state
/// (Thompson draws Beta(1, 1), epsilon-greedy sees every arm unpulled) until the stream updates it.
/// </summary>
public static class ScoreStep
{
    public static List<Candidate> Run(ScoreNodeConfig config, List<Candidate> candidates, DecisionContext context)
    {
        var defaultModel = config.Method == ScoringMethod.PriorityWeighted ? null : config.ModelId;
        if (config.Challenger is { ModelId: { } challenger, TrafficPercent: { } share }
            && StableBucket.Of(context.CustomerId, $"challenger|{context.FlowKey}") * 100 < share)
        {
            defaultModel = challenger;
        }
        foreach (var candidate in candidates)
        {
            var modelId = Override(config, candidate) ?? defaultModel;
            if (modelId is not null && context.Catalog.Models.Find(modelId) is { } model)
            {
                var engine = ScoringEngines.Create(model);
                var score = engine.Score(new ScoringCandidate(candidate.OfferId, candidate.Offer.CategoryId, null), LearnedState.Empty, context.Random);
                candidate.Propensity = score.Value;
                candidate.Score = score.Value * candidate.Fit;
                candidate.ScoreBasis = $"{model.Id}:{score.Basis}";
            }
            else
            {
                candidate.Score = PriorityWeighted.Score(candidate.Offer.Priority, candidate.Offer.Weight, candidate.Fit);
                candidate.ScoreBasis = "priority_weighted";
            }
        }
        return candidates;
    }

    private static string? Override(ScoreNodeConfig config, Candidate candidate) =>
        config.Overrides?.FirstOrDefault(o => o.Scope switch
        {
            ScoreOverrideScope.Offer => o.Id == candidate.OfferId,
            ScoreOverrideScope.Category => o.Id == candidate.Offer.CategoryId,
            ScoreOverrideScope.Channel => o.Id == candidate.Creative?.ChannelId,
            _ => false,
        })?.ModelId;
}
