using Kaireon.Benchmarks;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Policy = Kaireon.Benchmarks.RegretSimulation.Policy;

namespace Kaireon.Core.Tests.Scoring;

/// <summary>
/// The qualitative facts of the regret simulation (docs/benchmarks.md, Decisioning — learning) on a
/// short seeded run: 10 offers with true rates 0.02–0.12, 5,000 customers, 8 seeds, averaged. The
/// learning policies go through the real engines and the real
/// <see cref="LearnedState.Update(LearnedState, IEnumerable{ModelOutcome}, RewardOn)"/>; engines that
/// ignore or misread what they learned are shown to fail the same checks.
/// </summary>
/// <remarks>
/// Measured when written: random's regret 270; thompson_bandit 98 (36 % of random's) with the best
/// offer chosen for 77 % of the last 1,000 customers; epsilon_greedy ε = 0.1 86 (32 %), 68 %.
/// </remarks>
public sealed class RegretSimulationTests
{
    private const int Customers = 5_000;
    private static readonly int[] Seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly Lazy<double> RandomRegret = new(() => Mean(Policy.Random).Regret);

    private static (double Regret, double BestShare) Mean(Policy policy)
    {
        var runs = Seeds.Select(seed => RegretSimulation.Simulate(RegretSimulation.Spread, policy, Customers, seed)).ToList();
        return (runs.Average(r => r.Regret), runs.Average(r => r.BestShareAtEnd));
    }

    /// <summary>Why <paramref name="policy"/> does not learn: its regret is not below half of random's, or it has not settled on the best offer; null when it learns.</summary>
    private static string? Shortfall(Policy policy, double minBestShare)
    {
        var (regret, share) = Mean(policy);
        if (regret >= 0.5 * RandomRegret.Value) return $"{policy.Name}: regret {regret:F1} is not below half of random's {RandomRegret.Value:F1}";
        if (share < minBestShare) return $"{policy.Name}: the best offer had {share:P0} of the last 1,000 customers, below {minBestShare:P0}";
        return null;
    }

    [Fact]
    public void Random_has_the_regret_of_its_average_gap_and_no_preference()
    {
        // Σ (0.12 − mean rate 0.066) over 5,000 customers = 270.
        Assert.InRange(RandomRegret.Value, 260, 280);
        Assert.InRange(Mean(Policy.Random).BestShare, 0.07, 0.13);
    }

    [Fact]
    public void Thompson_sampling_keeps_regret_well_below_random_and_settles_on_the_best_offer() =>
        Assert.Null(Shortfall(Policy.Thompson(), minBestShare: 0.6));

    [Fact]
    public void Epsilon_greedy_keeps_regret_below_random_and_mostly_picks_the_best_offer() =>
        Assert.Null(Shortfall(Policy.EpsilonGreedy(0.1), minBestShare: 0.5));

    [Fact]
    public void Epsilon_greedy_with_decay_learns_too() =>
        Assert.Null(Shortfall(Policy.EpsilonGreedy(0.2, decayRate: 0.001), minBestShare: 0.5));

    /// <summary>The checks above can fail: engines that ignore, invert or never use what they learned.</summary>
    [Theory]
    [InlineData("ignores the learned state")]
    [InlineData("swaps successes and failures")]
    [InlineData("always explores")]
    public void A_broken_engine_fails_the_same_checks(string broken)
    {
        var engine = broken switch
        {
            "ignores the learned state" => new FixedStateEngine(ScoringEngines.Create(AlgorithmModelType.ThompsonBandit, new())),
            "swaps successes and failures" => new SwappedThompsonEngine(),
            _ => ScoringEngines.Create(AlgorithmModelType.EpsilonGreedy, new() { Epsilon = 1 }),
        };
        Assert.NotNull(Shortfall(Policy.Thompson() with { Name = broken, Replacement = engine }, minBestShare: 0.5));
    }

    [Fact]
    public void A_seed_replays_the_same_run()
    {
        var first = RegretSimulation.Simulate(RegretSimulation.Close, Policy.Thompson(), 2_000, seed: 11);
        Assert.Equal(first, RegretSimulation.Simulate(RegretSimulation.Close, Policy.Thompson(), 2_000, seed: 11));
        Assert.NotEqual(first, RegretSimulation.Simulate(RegretSimulation.Close, Policy.Thompson(), 2_000, seed: 12));
    }

    /// <summary>Scores as if nothing had been learned.</summary>
    private sealed class FixedStateEngine(IScoringEngine inner) : IScoringEngine
    {
        public AlgorithmModelType ModelType => inner.ModelType;

        public void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores) =>
            inner.Score(candidates, LearnedState.Empty, random, scores);
    }

    /// <summary>Draws from Beta(failures + 1, successes + 1): prefers the worst offers.</summary>
    private sealed class SwappedThompsonEngine : IScoringEngine
    {
        public AlgorithmModelType ModelType => AlgorithmModelType.ThompsonBandit;

        public void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                var arm = state.ArmOf(candidates[i].OfferId);
                scores[i] = new(random.NextBeta(arm.Failures + 1, arm.Successes + 1), ScoreBasis.Sampled);
            }
        }
    }
}
