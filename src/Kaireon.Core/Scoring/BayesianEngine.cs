using Kaireon.Core.Randomness;

namespace Kaireon.Core.Scoring;

/// <summary>
/// <c>bayesian</c>: the posterior mean of the arm's conversion rate under a Beta(α0, β0) prior,
/// (α0 + successes) / (α0 + β0 + successes + failures). An arm never pulled scores the prior
/// mean α0 / (α0 + β0). Deterministic.
/// </summary>
public sealed class BayesianEngine(AlgorithmModelConfig config) : IScoringEngine
{
    private readonly double _alpha0 = config.Alpha0;
    private readonly double _beta0 = config.Beta0;

    public AlgorithmModelType ModelType => AlgorithmModelType.Bayesian;

    public void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores)
    {
        for (var i = 0; i < candidates.Length; i++)
            scores[i] = new(PosteriorMean(state.ArmOf(candidates[i].OfferId)), ScoreBasis.PosteriorMean);
    }

    public double PosteriorMean(ArmStats arm) => (_alpha0 + arm.Successes) / (_alpha0 + _beta0 + arm.Trials);
}
