using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class BayesianTests
{
    private static ModelScore Score(AlgorithmModelConfig config, LearnedState state, string offer) =>
        ScoringEngines.Create(AlgorithmModelType.Bayesian, config).Score(new ScoringCandidate(offer), state, new SeededRandomSource(1));

    [Fact]
    public void The_score_is_the_beta_posterior_mean()
    {
        // Prior Beta(2, 8), 3 successes in 10 trials: (2 + 3) / (2 + 8 + 10) = 0.25.
        var state = Arms.State(("x", new ArmStats(Pulls: 10, Successes: 3)));
        Assert.Equal(new ModelScore(0.25, ScoreBasis.PosteriorMean), Score(new() { Alpha0 = 2, Beta0 = 8 }, state, "x"));
    }

    [Fact]
    public void An_unpulled_arm_scores_the_prior_mean()
    {
        Assert.Equal(0.2, Score(new() { Alpha0 = 2, Beta0 = 8 }, LearnedState.Empty, "new").Value, 12);
        Assert.Equal(0.5, Score(new(), LearnedState.Empty, "new").Value);
    }

    [Fact]
    public void Much_data_outweighs_the_prior()
    {
        var state = Arms.State(("x", new ArmStats(Pulls: 100_000, Successes: 70_000)));
        Assert.Equal(70_001.0 / 100_100, Score(new() { Alpha0 = 1, Beta0 = 99 }, state, "x").Value, 12);
    }

    [Fact]
    public void It_draws_no_randomness()
    {
        var a = Score(new(), Arms.State(("x", new ArmStats(5, 2))), "x");
        var b = ScoringEngines.Create(AlgorithmModelType.Bayesian, new()).Score(new ScoringCandidate("x"), Arms.State(("x", new ArmStats(5, 2))), new SeededRandomSource(99));
        Assert.Equal(a, b);
        Assert.Equal(3.0 / 7, a.Value, 12);
    }
}
