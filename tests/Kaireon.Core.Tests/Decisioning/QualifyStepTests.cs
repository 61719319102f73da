using Kaireon.Core.Decisioning;
using Kaireon.Core.Decisioning.Steps;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Offers;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Tests.Decisioning;

/// <summary>A propensity rule without a propensity in the request falls back along the adaptive propensity chain of what the tenant learned.</summary>
public sealed class QualifyStepTests
{
    private static string[] Qualified(double threshold, TenantLearning learning, AlgorithmModel[]? models = null, string? modelId = null)
    {
        Offer[] offers =
        [
            new() { Id = "rich", Name = "Rich", CategoryId = "cards" },
            new() { Id = "poor", Name = "Poor", CategoryId = "cards" },
            new() { Id = "new-card", Name = "New card", CategoryId = "cards" },
            new() { Id = "new-loan", Name = "New loan", CategoryId = "loans" },
        ];
        var rule = new PropensityThresholdRule { Id = "likely", Name = "Likely", Config = new PropensityThresholdConfig { Threshold = threshold, ModelId = modelId } };
        var context = new DecisionContext
        {
            Tenant = TenantId.Parse("t1"), Request = new RecommendRequest(), CustomerId = "c", Now = DateTimeOffset.UnixEpoch, Random = new SeededRandomSource(1),
            Catalog = Decisions.Catalog(offers, models),
            Rules = [rule],
            Learning = learning,
        };
        return [.. QualifyStep.Run(new QualifyConfig(), [.. offers.Select(o => new Candidate(o))], context, new List<RemovedCandidate>()).Select(c => c.OfferId)];
    }

    [Fact]
    public void The_offers_own_rate_then_its_categorys_then_the_tenants_decide()
    {
        // rich 0.6 and poor 0.1 over 100 each; cards 70/200 = 0.35; loans has nothing: the tenant's 0.35.
        var learning = Decisions.Learned(("rich", "cards", 100, 60), ("poor", "cards", 100, 10));

        Assert.Equal(["rich", "new-card", "new-loan"], Qualified(0.3, learning));
        Assert.Equal(["rich"], Qualified(0.4, learning));
    }

    [Fact]
    public void With_too_few_outcomes_anywhere_the_models_prior_then_one_half_decide()
    {
        var learning = Decisions.Learned(("rich", "cards", 5, 5));
        var model = new AlgorithmModel { Id = "m", Name = "M", ModelType = AlgorithmModelType.Bayesian, Config = new() { Prior = 0.2 } };

        Assert.Equal(["rich", "poor", "new-card", "new-loan"], Qualified(0.5, learning));
        Assert.Empty(Qualified(0.3, learning, [model], modelId: "m"));
    }
}
