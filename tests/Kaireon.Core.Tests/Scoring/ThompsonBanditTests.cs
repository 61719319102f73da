using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class ThompsonBanditTests
{
    private static readonly LearnedState Fixture = Arms.State(
        ("low", Arms.FromBeta(22, 80)),
        ("best", Arms.FromBeta(65, 38)),
        ("lowest", Arms.FromBeta(12, 90)));

    private static readonly ScoringCandidate[] Candidates = Arms.Candidates("low", "best", "lowest");

    private static Dictionary<string, int> Wins(IScoringEngine engine, LearnedState state, int seed, int decisions)
    {
        var random = new SeededRandomSource(seed);
        var wins = Candidates.ToDictionary(c => c.OfferId, _ => 0);
        var scores = new ModelScore[Candidates.Length];
        for (var i = 0; i < decisions; i++)
        {
            engine.Score(Candidates, state, random, scores);
            var best = 0;
            for (var j = 1; j < scores.Length; j++) if (scores[j].Value > scores[best].Value) best = j;
            wins[Candidates[best].OfferId]++;
        }
        return wins;
    }

    [Fact]
    public void The_contract_fixture_the_middle_arm_wins_the_large_majority_of_10000_seeded_draws()
    {
        var wins = Wins(ScoringEngines.Create(AlgorithmModelType.ThompsonBandit, new()), Fixture, seed: 2024, decisions: 10_000);
        Assert.True(wins["best"] > 9_500, $"Beta(65,38) won {wins["best"]} of 10,000");
        Assert.Equal(10_000, wins.Values.Sum());
    }

    [Fact]
    public void Close_arms_both_keep_winning_so_the_bandit_still_explores()
    {
        var close = Arms.State(("low", Arms.FromBeta(10, 12)), ("best", Arms.FromBeta(11, 11)), ("lowest", Arms.FromBeta(9, 13)));
        var wins = Wins(ScoringEngines.Create(AlgorithmModelType.ThompsonBandit, new()), close, seed: 5, decisions: 10_000);
        Assert.True(wins["best"] > wins["low"] && wins["low"] > wins["lowest"]);
        Assert.True(wins["lowest"] > 1_000, $"Beta(9,13) won {wins["lowest"]} of 10,000");
    }

    [Fact]
    public void Fixture_arms_have_the_contract_beta_parameters()
    {
        var arm = Fixture.ArmOf("best");
        Assert.Equal((65, 38), (arm.Successes + 1, arm.Failures + 1));
    }

    [Fact]
    public void The_same_seed_draws_the_same_scores()
    {
        var engine = ScoringEngines.Create(AlgorithmModelType.ThompsonBandit, new());
        static ModelScore[] Draw(IScoringEngine e, int seed)
        {
            var scores = new ModelScore[Candidates.Length];
            e.Score(Candidates, Fixture, new SeededRandomSource(seed), scores);
            return scores;
        }
        Assert.Equal(Draw(engine, 1), Draw(engine, 1));
        Assert.NotEqual(Draw(engine, 1), Draw(engine, 2));
        Assert.All(Draw(engine, 1), s => Assert.Equal(ScoreBasis.Sampled, s.Basis));
    }

    [Fact]
    public void An_unpulled_arm_samples_the_prior()
    {
        var engine = ScoringEngines.Create(AlgorithmModelType.ThompsonBandit, new() { Alpha0 = 9, Beta0 = 1 });
        var random = new SeededRandomSource(3);
        var mean = Enumerable.Range(0, 5_000).Average(_ => engine.Score(new ScoringCandidate("new"), LearnedState.Empty, random).Value);
        Assert.Equal(0.9, mean, 0.01);
    }

    [Fact]
    public void Scores_are_in_zero_to_one()
    {
        var engine = ScoringEngines.Create(AlgorithmModelType.ThompsonBandit, new());
        var random = new SeededRandomSource(4);
        for (var i = 0; i < 1_000; i++)
            Assert.InRange(engine.Score(new ScoringCandidate("best"), Fixture, random).Value, 0, 1);
    }
}
