using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Decisioning;
using Kaireon.Core.Decisioning.Steps;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Tests.Decisioning;

/// <summary>A propensity rule without a propensity in the request falls back along the adaptive propensity chain of what the tenant learned.</summary>
public sealed class QualifyStepTests
{
    private static Interaction Outcome(string offer, string category, OutcomeCategory outcome) => new()
    {
        EventId = Guid.NewGuid().ToString("N"), CustomerId = "c", Type = "t", Timestamp = DateTimeOffset.UnixEpoch, Outcome = outcome,
        OfferId = offer, CategoryId = category,
    };

    private static TenantLearning Learned(params (string Offer, string Category, int Impressions, int Clicks)[] arms)
    {
        var shard = new LearningShard { StreamPartition = "0" };
        foreach (var (offer, category, impressions, clicks) in arms)
        {
            for (var i = 0; i < impressions; i++) shard.Add(Outcome(offer, category, OutcomeCategory.Impression));
            for (var i = 0; i < clicks; i++) shard.Add(Outcome(offer, category, OutcomeCategory.Positive));
        }
        return TenantLearning.Sum([shard]);
    }

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
            Catalog = new DecisionCatalog(new CatalogSet<Offer>(offers), new CatalogSet<Creative>([]), new CatalogSet<Category>([]), new CatalogSet<Channel>([]),
                new CatalogSet<Placement>([]), new CatalogSet<AlgorithmModel>(models ?? []), new CatalogSet<ArbitrationProfile>([])),
            Rules = [rule],
            Learning = learning,
        };
        return [.. QualifyStep.Run(new QualifyConfig(), [.. offers.Select(o => new Candidate(o))], context, new List<RemovedCandidate>()).Select(c => c.OfferId)];
    }

    [Fact]
    public void The_offers_own_rate_then_its_categorys_then_the_tenants_decide()
    {
        // rich 0.6 and poor 0.1 over 100 each; cards 70/200 = 0.35; loans has nothing: the tenant's 0.35.
        var learning = Learned(("rich", "cards", 100, 60), ("poor", "cards", 100, 10));

        Assert.Equal(["rich", "new-card", "new-loan"], Qualified(0.3, learning));
        Assert.Equal(["rich"], Qualified(0.4, learning));
    }

    [Fact]
    public void With_too_few_outcomes_anywhere_the_models_prior_then_one_half_decide()
    {
        var learning = Learned(("rich", "cards", 5, 5));
        var model = new AlgorithmModel { Id = "m", Name = "M", ModelType = AlgorithmModelType.Bayesian, Config = new() { Prior = 0.2 } };

        Assert.Equal(["rich", "poor", "new-card", "new-loan"], Qualified(0.5, learning));
        Assert.Empty(Qualified(0.3, learning, [model], modelId: "m"));
    }
}
