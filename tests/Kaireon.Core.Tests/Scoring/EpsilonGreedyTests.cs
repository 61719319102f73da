using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class EpsilonGreedyTests
{
    private static readonly LearnedState Observed = Arms.State(
        ("a", new ArmStats(Pulls: 100, Successes: 30)),
        ("b", new ArmStats(Pulls: 200, Successes: 130)),
        ("c", new ArmStats(Pulls: 50, Successes: 9)));

    private static ModelScore[] Score(AlgorithmModelConfig config, LearnedState state, IRandomSource random, params string[] offers)
    {
        var scores = new ModelScore[offers.Length];
        ScoringEngines.Create(AlgorithmModelType.EpsilonGreedy, config).Score(Arms.Candidates(offers), state, random, scores);
        return scores;
    }

    [Fact]
    public void The_contract_fixture_with_epsilon_0_ranks_the_observed_rates_0_650_then_0_300_then_0_180()
    {
        var random = new SeededRandomSource(1);
        for (var i = 0; i < 1_000; i++)
        {
            var scores = Score(new() { Epsilon = 0 }, Observed, random, "a", "b", "c");
            Assert.Equal([0.300, 0.650, 0.180], scores.Select(s => Math.Round(s.Value, 3)));
            Assert.All(scores, s => Assert.Equal(ScoreBasis.Exploited, s.Basis));
        }
    }

    [Fact]
    public void With_epsilon_0_no_random_draw_is_taken()
    {
        var random = new CountingRandom();
        Score(new() { Epsilon = 0 }, Observed, random, "a", "b", "c");
        Assert.Equal(0, random.Draws);
    }

    [Fact]
    public void An_arm_never_pulled_scores_1()
    {
        var scores = Score(new() { Epsilon = 0 }, Observed, new SeededRandomSource(1), "b", "new");
        Assert.Equal(new ModelScore(1.0, ScoreBasis.Unpulled), scores[1]);
        Assert.Equal(new ModelScore(1.0, ScoreBasis.Unpulled), Score(new() { Epsilon = 1 }, LearnedState.Empty, new SeededRandomSource(1), "x")[0]);
    }

    [Theory]
    [InlineData(0.1, 0, 1_000, 0.1)]
    [InlineData(0.1, 0.01, 0, 0.1)]
    [InlineData(0.1, 0.01, 100, 0.05)]
    [InlineData(0.2, 0.001, 3_000, 0.05)]
    [InlineData(0, 1, 10, 0)]
    public void Exploration_decays_as_epsilon_over_1_plus_decay_rate_times_total_pulls(double epsilon, double decay, long pulls, double expected) =>
        Assert.Equal(expected, EpsilonGreedyEngine.ExplorationRate(epsilon, decay, pulls), 12);

    [Fact]
    public void Decisions_explore_at_the_decayed_rate()
    {
        // 350 total pulls, decay 1/350: ε_t = 0.4 / 2 = 0.2.
        var config = new AlgorithmModelConfig { Epsilon = 0.4, DecayRate = 1.0 / 350 };
        var random = new SeededRandomSource(7);
        var explored = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var scores = Score(config, Observed, random, "a", "b", "c");
            var bases = scores.Select(s => s.Basis).Distinct().ToList();
            Assert.Single(bases); // one coin per decision: all explore or all exploit
            if (bases[0] == ScoreBasis.Explored) explored++;
        }
        Assert.InRange(explored, 1_850, 2_150);
    }

    [Fact]
    public void Explored_scores_are_uniform_in_zero_to_one()
    {
        var random = new SeededRandomSource(8);
        var values = Enumerable.Range(0, 2_000).Select(_ => Score(new() { Epsilon = 1 }, Observed, random, "c")[0]).ToList();
        Assert.All(values, v => Assert.Equal(ScoreBasis.Explored, v.Basis));
        Assert.Equal(0.5, values.Average(v => v.Value), 0.03);
    }

    private sealed class CountingRandom : IRandomSource
    {
        public int Draws { get; private set; }

        public double NextDouble()
        {
            Draws++;
            return 0.5;
        }
    }
}
