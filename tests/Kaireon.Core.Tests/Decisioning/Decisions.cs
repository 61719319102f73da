using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Decisioning;
using Kaireon.Core.Interactions;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Decisioning;

/// <summary>What the decisioning step tests build their contexts from: a catalog of offers and models, and learned outcomes.</summary>
internal static class Decisions
{
    public static DecisionCatalog Catalog(Offer[] offers, AlgorithmModel[]? models = null, ArbitrationProfile[]? profiles = null) =>
        new(new CatalogSet<Offer>(offers), new CatalogSet<Creative>([]), new CatalogSet<Category>([]), new CatalogSet<Channel>([]),
            new CatalogSet<Placement>([]), new CatalogSet<AlgorithmModel>(models ?? []), new CatalogSet<ArbitrationProfile>(profiles ?? []));

    /// <summary>What the stream would have learned from these outcomes, spread over two stream partitions.</summary>
    public static TenantLearning Learned(params (string Offer, string Category, int Impressions, int Clicks)[] arms)
    {
        var shards = new[] { new LearningShard { StreamPartition = "0" }, new LearningShard { StreamPartition = "1" } };
        var n = 0;
        foreach (var (offer, category, impressions, clicks) in arms)
        {
            for (var i = 0; i < impressions; i++) shards[n++ % 2].Add(Outcome(offer, category, OutcomeCategory.Impression, DateTimeOffset.UnixEpoch));
            for (var i = 0; i < clicks; i++) shards[n++ % 2].Add(Outcome(offer, category, OutcomeCategory.Positive, DateTimeOffset.UnixEpoch));
        }
        return TenantLearning.Sum(shards);
    }

    public static Interaction Outcome(string offer, string category, OutcomeCategory outcome, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid().ToString("N"), CustomerId = "c1", Type = outcome.ToString(), Timestamp = at, Outcome = outcome,
        OfferId = offer, CategoryId = category,
    };
}
