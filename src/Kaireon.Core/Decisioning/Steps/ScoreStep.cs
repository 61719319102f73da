using System.Buffers;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>score</c>: <c>priority_weighted</c> = (priority/100) × (weight/100) × fit (the contract), or a
/// scoring engine (the node's model, a per-offer/category/channel override, or a challenger for the
/// configured share of customers, stable per customer). Learning models score from what the tenant
/// has learned (<see cref="DecisionContext.Learning"/>). With an arbitration profile, that score is
/// the conversion dimension of the profile's composite (<see cref="ArbitrationStep"/>). The fit
/// multiplier of soft rules applies last, whatever made the score.
/// </summary>
public static class ScoreStep
{
    public static List<Candidate> Run(ScoreNodeConfig config, List<Candidate> candidates, DecisionContext context)
    {
        var defaultModel = ChallengerOf(config, context) ?? (config.Method == ScoringMethod.PriorityWeighted ? null : config.ModelId);
        // An engine scores its candidates together: epsilon-greedy explores or exploits once per decision.
        if (config.Overrides is not { Count: > 0 }) Score(defaultModel, candidates, context);
        else
        {
            foreach (var group in candidates.GroupBy(c => Override(config, c, context) ?? defaultModel))
                Score(group.Key, [.. group], context);
        }
        if (config.ArbitrationProfileId is { } profileId && context.Catalog.ArbitrationProfiles.Find(profileId) is { } profile)
            ArbitrationStep.Apply(profile, candidates, context);
        foreach (var candidate in candidates) candidate.Score *= candidate.Fit;
        return candidates;
    }

    /// <summary>The challenger model when this customer falls in its share (stable per customer and flow), else null.</summary>
    public static string? ChallengerOf(ScoreNodeConfig config, DecisionContext context) =>
        config.Challenger is { ModelId: { } challenger, TrafficPercent: { } share }
        && StableBucket.Of(context.CustomerId, $"challenger|{context.FlowKey}") * 100 < share
            ? challenger
            : null;

    private static void Score(string? modelId, List<Candidate> group, DecisionContext context)
    {
        if (modelId is not null && context.Catalog.Models.Find(modelId) is { ModelType: not null } model)
        {
            ScoreWith(model, group, context);
            return;
        }
        foreach (var candidate in group)
        {
            candidate.Score = PriorityWeighted.Score(candidate.Offer.Priority, candidate.Offer.Weight);
            candidate.ScoreBasis = "priority_weighted";
        }
    }

    private static void ScoreWith(AlgorithmModel model, List<Candidate> group, DecisionContext context)
    {
        var engine = ScoringEngines.For(model);
        var state = context.Learning.For(model.Config?.RewardOn ?? RewardOn.Positive);
        var inputs = ArrayPool<ScoringCandidate>.Shared.Rent(group.Count);
        var scores = ArrayPool<ModelScore>.Shared.Rent(group.Count);
        try
        {
            for (var i = 0; i < group.Count; i++)
            {
                // Only a scorecard reads fields; the others need the arm alone.
                var fields = engine.ModelType == AlgorithmModelType.Scorecard ? new CandidateData(context) { Candidate = group[i] } : null;
                inputs[i] = new ScoringCandidate(group[i].OfferId, group[i].Offer.CategoryId, fields);
            }
            engine.Score(inputs.AsSpan(0, group.Count), state, context.Random, scores.AsSpan(0, group.Count));
            var labels = new string?[BasisCount];
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Propensity = scores[i].Value;
                group[i].Score = scores[i].Value;
                group[i].ScoreBasis = labels[(int)scores[i].Basis] ??= $"{model.Id}:{Json.SnakeCaseEnumConverter<ScoreBasis>.NameOf(scores[i].Basis)}";
            }
        }
        finally
        {
            ArrayPool<ScoringCandidate>.Shared.Return(inputs, clearArray: true);
            ArrayPool<ModelScore>.Shared.Return(scores);
        }
    }

    private static readonly int BasisCount = Enum.GetValues<ScoreBasis>().Length;

    /// <summary>The most specific override for the candidate: offer, then category, then channel.</summary>
    private static string? Override(ScoreNodeConfig config, Candidate candidate, DecisionContext context)
    {
        if (config.Overrides is not { Count: > 0 } overrides) return null;
        return Find(ScoreOverrideScope.Offer, candidate.OfferId)
            ?? Find(ScoreOverrideScope.Category, candidate.Offer.CategoryId)
            ?? Find(ScoreOverrideScope.Channel, context.ChannelOf(candidate));

        string? Find(ScoreOverrideScope scope, string? id) =>
            id is null ? null : overrides.FirstOrDefault(o => o.Scope == scope && o.Id == id)?.ModelId;
    }
}
