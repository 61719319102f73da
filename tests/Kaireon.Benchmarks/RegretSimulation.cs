using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;

namespace Kaireon.Benchmarks;

/// <summary>
/// A seeded bandit simulation (issue #7, Decisioning): customers arrive one at a time, each is shown
/// the one offer a policy picks, and converts with that offer's true rate. Learning policies score
/// through the real engines (<see cref="ScoringEngines.Create(AlgorithmModelType, AlgorithmModelConfig)"/>)
/// and learn through the real <see cref="LearnedState.Update(LearnedState, IEnumerable{ModelOutcome}, RewardOn)"/>
/// from an impression plus, when it converted, a conversion: what the stream feeds a model.
/// </summary>
/// <remarks>
/// <para>Regret is the expected one, Σ (best true rate − the chosen offer's true rate), which has far
/// less variance than realised conversions; both are reported.</para>
/// <para>Ties rank as the <c>rank</c> node orders them with equal priorities: by offer id. So that this
/// favours no arm, each seed deals the true rates to the offers in a seeded random order. Outcomes
/// come from one uniform draw per customer shared by every policy of a seed (common random numbers),
/// so policies are compared on the same customers.</para>
/// </remarks>
internal static class RegretSimulation
{
    /// <summary>A set of offers with known true conversion rates.</summary>
    public sealed record Scenario(string Name, double[] Rates);

    /// <summary>How a customer's offer is chosen: an engine, uniformly at random, or always the best offer.</summary>
    public sealed record Policy(string Name, AlgorithmModelType? Engine = null, AlgorithmModelConfig? Config = null, bool Oracle = false)
    {
        /// <summary>
        /// Scores one candidate at a time, as <c>ScoreStep</c> once called the engine (a fixed bug), instead
        /// of the whole decision at once as <see cref="IScoringEngine.Score"/> is specified.
        /// </summary>
        public bool OneCandidateAtATime { get; init; }

        /// <summary>An engine to use instead of the real one for <see cref="Engine"/>: for tests that check the checks.</summary>
        public IScoringEngine? Replacement { get; init; }

        public static Policy Random { get; } = new("random");
        public static Policy BestFixed { get; } = new("best fixed offer (oracle)", Oracle: true);
        public static Policy Thompson(double alpha0 = 1, double beta0 = 1) =>
            new("thompson_bandit", AlgorithmModelType.ThompsonBandit, new() { Alpha0 = alpha0, Beta0 = beta0, RewardOn = RewardOn.Conversion });
        public static Policy EpsilonGreedy(double epsilon, double decayRate = 0) =>
            new($"epsilon_greedy ε={epsilon}{(decayRate > 0 ? $", decay={decayRate}" : "")}", AlgorithmModelType.EpsilonGreedy,
                new() { Epsilon = epsilon, DecayRate = decayRate, RewardOn = RewardOn.Conversion });
    }

    /// <summary>One run: expected regret, realised conversions, and how often the best offer was chosen in the last <c>tail</c> customers.</summary>
    /// <remarks><see cref="EarlyRegret"/> is the regret after the first tenth of the customers.</remarks>
    public sealed record Run(double Regret, int Conversions, double BestShareAtEnd, double EarlyRegret);

    public static Scenario Spread { get; } = new("10 offers, rates 0.02–0.12 (spread)", [0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.12]);
    public static Scenario Close { get; } = new("10 offers, rates 0.040–0.050 (close)", [0.040, 0.041, 0.042, 0.043, 0.044, 0.045, 0.046, 0.047, 0.048, 0.050]);

    /// <summary>Runs <paramref name="policy"/> over <paramref name="customers"/> customers with one seed.</summary>
    public static Run Simulate(Scenario scenario, Policy policy, int customers, int seed, int tail = 1000)
    {
        var setup = new Random(seed);
        var rates = scenario.Rates.ToArray();
        setup.Shuffle(rates);
        var best = rates.Max();
        var candidates = rates.Select((_, i) => new ScoringCandidate($"offer_{i:D2}", "cat_sim")).ToArray();
        var scores = new ModelScore[rates.Length];
        var one = new ModelScore[1];
        // Draws for scoring and for outcomes come from separate seeded sources, so a policy that draws
        // more or less does not shift which customers convert.
        var outcomes = new SeededRandomSource(setup.Next());
        var random = new SeededRandomSource(setup.Next());
        var engine = policy.Replacement ?? (policy.Engine is { } type ? ScoringEngines.Create(type, policy.Config ?? new()) : null);
        var rewardOn = policy.Config?.RewardOn ?? RewardOn.Conversion;
        var state = LearnedState.Empty;
        double regret = 0, early = 0;
        int conversions = 0, bestAtEnd = 0;
        for (var t = 0; t < customers; t++)
        {
            int chosen;
            if (engine is null)
                chosen = policy.Oracle ? Array.IndexOf(rates, best) : (int)(random.NextDouble() * rates.Length);
            else
            {
                if (policy.OneCandidateAtATime)
                {
                    for (var i = 0; i < candidates.Length; i++)
                    {
                        engine.Score(candidates.AsSpan(i, 1), state, random, one);
                        scores[i] = one[0];
                    }
                }
                else engine.Score(candidates, state, random, scores);
                chosen = ArgMax(scores);
            }

            var converted = outcomes.NextDouble() < rates[chosen];
            regret += best - rates[chosen];
            if (converted) conversions++;
            if (t == customers / 10 - 1) early = regret;
            if (t >= customers - tail && rates[chosen] == best) bestAtEnd++;
            if (engine is not null)
            {
                var offer = candidates[chosen];
                ModelOutcome[] seen = converted
                    ? [new(offer.OfferId, offer.CategoryId, OutcomeCategory.Impression), new(offer.OfferId, offer.CategoryId, OutcomeCategory.Conversion)]
                    : [new(offer.OfferId, offer.CategoryId, OutcomeCategory.Impression)];
                state = LearnedState.Update(state, seen, rewardOn);
            }
        }
        return new Run(regret, conversions, (double)bestAtEnd / Math.Min(tail, customers), early);
    }

    /// <summary>The highest score; ties go to the lower index (offer ids are in index order).</summary>
    private static int ArgMax(ReadOnlySpan<ModelScore> scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i].Value > scores[best].Value) best = i;
        return best;
    }

    /// <summary>Mean and sample standard deviation.</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return (mean, sd);
    }
}
