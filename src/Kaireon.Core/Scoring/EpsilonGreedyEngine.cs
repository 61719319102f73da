using Kaireon.Core.Randomness;

namespace Kaireon.Core.Scoring;

/// <summary>
/// <c>epsilon_greedy</c>: once per decision, explore with probability
/// ε_t = ε / (1 + decayRate × totalPulls) (every candidate gets a uniform random score, so the
/// order is random), else exploit (every candidate scores its observed rate). An arm never
/// pulled scores 1.0 either way, so new offers are tried first; with ε = 0 the best observed
/// rate always wins.
/// </summary>
/// <remarks>
/// totalPulls is the model's total trials (<see cref="LearnedState.Total"/>). One coin per
/// decision, not per candidate: per-candidate coins would mix explored and exploited scores in
/// one ranking, which is neither strategy.
/// </remarks>
public sealed class EpsilonGreedyEngine(AlgorithmModelConfig config) : IScoringEngine
{
    private readonly double _epsilon = config.Epsilon;
    private readonly double _decayRate = config.DecayRate;

    public AlgorithmModelType ModelType => AlgorithmModelType.EpsilonGreedy;

    /// <summary>ε_t = ε / (1 + decayRate × totalPulls).</summary>
    public static double ExplorationRate(double epsilon, double decayRate, long totalPulls) =>
        epsilon / (1 + decayRate * totalPulls);

    public void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores)
    {
        var rate = ExplorationRate(_epsilon, _decayRate, state.Total.Trials);
        // No draw when ε_t is 0, so a pure-exploit model leaves the random sequence untouched.
        var explore = rate > 0 && random.NextDouble() < rate;
        for (var i = 0; i < candidates.Length; i++)
        {
            var arm = state.ArmOf(candidates[i].OfferId);
            scores[i] = arm.Rate is not { } observed ? new(1.0, ScoreBasis.Unpulled)
                : explore ? new(random.NextDouble(), ScoreBasis.Explored)
                : new(observed, ScoreBasis.Exploited);
        }
    }
}
