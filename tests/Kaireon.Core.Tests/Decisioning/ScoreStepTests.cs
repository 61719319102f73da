using System.Text.Json;
using Kaireon.Core.Decisioning;
using Kaireon.Core.Decisioning.Steps;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Interactions;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Tests.Decisioning;

/// <summary>The <c>score</c> node: models with what the tenant learned, overrides, the challenger split, scorecards, arbitration, fit.</summary>
public sealed class ScoreStepTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly AlgorithmModel Greedy = new() { Id = "greedy", Name = "Greedy", ModelType = AlgorithmModelType.EpsilonGreedy, Config = new() { Epsilon = 0 } };
    private static readonly AlgorithmModel Thompson = new() { Id = "thompson", Name = "Thompson", ModelType = AlgorithmModelType.ThompsonBandit };
    private static readonly AlgorithmModel ByPriority = new()
    {
        Id = "card", Name = "By priority", ModelType = AlgorithmModelType.Scorecard,
        Config = new() { Factors = [new ScorecardFactor { Field = "offer.priority" }], MinScore = 0, MaxScore = 100 },
    };

    private static Offer Offer(string id, int priority = 50, string category = "cards", double? margin = null) => new()
    {
        Id = id, Name = id, CategoryId = category, Priority = priority,
        CustomFields = margin is { } m ? new() { ["margin"] = JsonSerializer.SerializeToElement(m) } : null,
    };

    private static DecisionContext Context(
        Offer[] offers, TenantLearning? learning = null, string customerId = "c1", IReadOnlyList<Interaction>? history = null,
        ArbitrationProfile[]? profiles = null, int seed = 7) => new()
    {
        Tenant = TenantId.Parse("t1"),
        Request = new RecommendRequest(),
        CustomerId = customerId,
        Now = Now,
        Random = new SeededRandomSource(seed),
        FlowKey = "flow",
        Catalog = Decisions.Catalog(offers, [Greedy, Thompson, ByPriority], profiles),
        Learning = learning ?? TenantLearning.Empty,
        History = history ?? [],
    };

    private static List<Candidate> Candidates(DecisionContext context) => [.. context.Catalog.Offers.All.Select(o => new Candidate(o))];

    private static string[] Ranked(List<Candidate> scored) => [.. scored.OrderByDescending(c => c.Score).Select(c => c.OfferId)];

    private static TenantLearning Learned(params (string Offer, int Impressions, int Clicks)[] arms) =>
        Decisions.Learned([.. arms.Select(a => (a.Offer, "cards", a.Impressions, a.Clicks))]);

    private static Interaction Outcome(string offer, OutcomeCategory outcome, DateTimeOffset at) => Decisions.Outcome(offer, "cards", outcome, at);

    [Fact]
    public void Epsilon_greedy_with_epsilon_zero_ranks_by_the_rates_the_tenant_has_learned()
    {
        var context = Context([Offer("a"), Offer("b"), Offer("c")], Learned(("a", 1000, 300), ("b", 1000, 650), ("c", 1000, 180)));

        var scored = ScoreStep.Run(new ScoreNodeConfig { Method = ScoringMethod.Model, ModelId = "greedy" }, Candidates(context), context);

        Assert.Equal(["b", "a", "c"], Ranked(scored));
        Assert.Equal([0.65, 0.30, 0.18], scored.OrderByDescending(c => c.Score).Select(c => Math.Round(c.Score, 3)));
        Assert.All(scored, c => Assert.Equal("greedy:exploited", c.ScoreBasis));
    }

    [Fact]
    public void Without_anything_learned_every_arm_is_unpulled_and_scores_one()
    {
        var context = Context([Offer("a"), Offer("b")]);

        var scored = ScoreStep.Run(new ScoreNodeConfig { Method = ScoringMethod.Model, ModelId = "greedy" }, Candidates(context), context);

        Assert.All(scored, c => Assert.Equal((1.0, "greedy:unpulled"), (c.Score, c.ScoreBasis)));
    }

    [Fact]
    public void Thompson_sampling_from_the_learned_posteriors_picks_the_best_arm_most_of_the_time()
    {
        // The contract's fixture: Beta(22, 80), Beta(65, 38), Beta(12, 90).
        var learning = Learned(("a", 21 + 79, 21), ("b", 64 + 37, 64), ("c", 11 + 89, 11));
        var wins = 0;
        for (var seed = 0; seed < 500; seed++)
        {
            var context = Context([Offer("a"), Offer("b"), Offer("c")], learning, seed: seed);
            if (Ranked(ScoreStep.Run(new ScoreNodeConfig { Method = ScoringMethod.Model, ModelId = "thompson" }, Candidates(context), context))[0] == "b") wins++;
        }
        Assert.InRange(wins, 480, 500);
    }

    [Fact]
    public void The_most_specific_override_wins_whatever_its_place_in_the_list()
    {
        var context = Context([Offer("a", priority: 40), Offer("b", priority: 70, category: "loans")]);
        var config = new ScoreNodeConfig
        {
            Overrides =
            [
                new ScoreOverride { Scope = ScoreOverrideScope.Category, Id = "cards", ModelId = "greedy" },
                new ScoreOverride { Scope = ScoreOverrideScope.Offer, Id = "a", ModelId = "card" },
            ],
        };

        var scored = ScoreStep.Run(config, Candidates(context), context).ToDictionary(c => c.OfferId);

        Assert.Equal(("card:scorecard", 0.4), (scored["a"].ScoreBasis, scored["a"].Score));
        Assert.Equal(("priority_weighted", 0.7), (scored["b"].ScoreBasis, scored["b"].Score));
    }

    [Fact]
    public void A_scorecard_reads_the_candidates_fields()
    {
        var context = Context([Offer("a", priority: 20), Offer("b", priority: 90)]);

        var scored = ScoreStep.Run(new ScoreNodeConfig { Method = ScoringMethod.Scorecard, ModelId = "card" }, Candidates(context), context);

        Assert.Equal([0.2, 0.9], scored.Select(c => c.Score));
    }

    [Fact]
    public void The_challenger_scores_its_share_of_customers_and_each_customer_stays_on_one_side()
    {
        var config = new ScoreNodeConfig { Challenger = new ChallengerConfig { ModelId = "greedy", TrafficPercent = 30 } };
        var challenged = 0;
        for (var i = 0; i < 2000; i++)
        {
            var sides = Enumerable.Range(0, 2).Select(_ =>
            {
                var context = Context([Offer("a", priority: 40)], customerId: $"customer-{i}");
                return ScoreStep.Run(config, Candidates(context), context)[0].ScoreBasis;
            }).Distinct().ToList();
            var side = Assert.Single(sides);
            if (side == "greedy:unpulled") challenged++;
            else Assert.Equal("priority_weighted", side);
        }
        Assert.InRange(challenged, 540, 660);
    }

    [Fact]
    public void Arbitration_weighs_margin_recency_fatigue_and_fairness_and_fit_applies_last()
    {
        var profile = new ArbitrationProfile { Id = "arb", Name = "Balanced", Weights = new() { Conversion = 1, Margin = 1, Recency = 1, Fatigue = 1, Fairness = 1 } };
        // a: shown 5 times yesterday without a response (fatigue 1, recency 1/7); b: answered, shown 3.5 days ago; c: never shown.
        var history = Enumerable.Range(0, 5).Select(_ => Outcome("a", OutcomeCategory.Impression, Now.AddDays(-1)))
            .Append(Outcome("b", OutcomeCategory.Impression, Now.AddDays(-3.5)))
            .Append(Outcome("b", OutcomeCategory.Positive, Now.AddDays(-3.4)))
            .ToList();
        var context = Context([Offer("a", 100, margin: 40), Offer("b", 100, margin: 20), Offer("c", 100)],
            Learned(("a", 100, 0), ("b", 50, 0)), history: history, profiles: [profile]);
        var candidates = Candidates(context);
        candidates[2].Fit = 0.5;

        var scored = ScoreStep.Run(new ScoreNodeConfig { ArbitrationProfileId = "arb" }, candidates, context).ToDictionary(c => c.OfferId);

        // Conversion 1 each (priority 100, weight 100). a: margin 1, fatigue 1 (enters as 0), fairness 0, recency 1/7.
        Assert.Equal((1 + 1 + 0 + 0 + 1 / 7.0) / 5, scored["a"].Score, 9);
        // b: margin 0.5, fatigue 0 (answered), fairness 0.5, recency 0.5.
        Assert.Equal((1 + 0.5 + 1 + 0.5 + 0.5) / 5, scored["b"].Score, 9);
        // c: no margin, never shown anywhere: fairness 1, recency 1; then its fit of 0.5.
        Assert.Equal((1 + 0 + 1 + 1 + 1) / 5.0 * 0.5, scored["c"].Score, 9);
        Assert.Equal("priority_weighted+arb", scored["a"].ScoreBasis);
    }

    [Fact]
    public void Soft_fit_multiplies_a_models_score()
    {
        var context = Context([Offer("a", priority: 80)]);
        var candidates = Candidates(context);
        candidates[0].Fit = 0.5;

        var scored = ScoreStep.Run(new ScoreNodeConfig { Method = ScoringMethod.Scorecard, ModelId = "card" }, candidates, context);

        Assert.Equal((0.4, 0.8), (scored[0].Score, scored[0].Propensity!.Value));
    }
}
