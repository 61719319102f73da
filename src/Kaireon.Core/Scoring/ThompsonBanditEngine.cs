using Kaireon.Core.Randomness;

namespace Kaireon.Core.Scoring;

/// <summary>
/// <c>thompson_bandit</c>: each arm scores one draw from its Beta posterior,
/// Beta(α = successes + α0, β = failures + β0); with the default prior α0 = β0 = 1 this is the
/// contract's Beta(successes + 1, failures + 1). Ranking by the draws picks each arm with the
/// probability that it is the best one.
/// </summary>
public sealed class ThompsonBanditEngine(AlgorithmModelConfig config) : IScoringEngine
{
    private readonly double _alpha0 = config.Alpha0;
    private readonly double _beta0 = config.Beta0;

    public AlgorithmModelType ModelType => AlgorithmModelType.ThompsonBandit;

    public void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            var arm = state.ArmOf(candidates[i].OfferId);
            scores[i] = new(random.NextBeta(arm.Successes + _alpha0, arm.Failures + _beta0), ScoreBasis.Sampled);
        }
    }
}
