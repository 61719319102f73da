using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Scoring;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Tests.Catalog;
using Microsoft.Extensions.DependencyInjection;
using static Kaireon.Functions.Tests.Decisioning.RecommendCatalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>
/// Learning models through Recommend: Respond outcomes teach them through the stream, exactly once;
/// champion and challenger split customers stably; arbitration profiles reorder by their dimensions.
/// </summary>
public sealed class LearningTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static JsonObject Node(string id, string type, JsonObject? config = null) =>
        config is null ? new() { ["id"] = id, ["type"] = type } : new() { ["id"] = id, ["type"] = type, ["config"] = config };

    private static JsonObject ScoredFlow(string id, JsonObject score) => Flow(id,
        Node("inv", "inventory"),
        Node("cr", "match_creatives", new JsonObject { ["requireCreative"] = false }),
        Node("sc", "score", score),
        Node("rk", "rank", new JsonObject { ["limit"] = 4 }));

    private static Task<JsonObject> GreedyModelAsync(HttpClient admin) =>
        CatalogSamples.PostAsync(admin, "algorithm-models", new JsonObject
        {
            ["id"] = "greedy", ["name"] = "Greedy", ["modelType"] = "epsilon_greedy", ["config"] = new JsonObject { ["epsilon"] = 0 },
        });

    /// <summary>Waits until the stream has taught the tenant's models <paramref name="impressions"/> impressions.</summary>
    private async Task WaitForLearningAsync(string tenant, long impressions)
    {
        var rollups = app.Services.GetRequiredService<IRollupStore>();
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var shards = await rollups.RangeAsync(new DocumentPartition(TenantId.Parse(tenant), LearningShard.PartitionKey), "p", "p~", TestContext.Current.CancellationToken);
            var learned = TenantLearning.Sum(shards.Select(s => System.Text.Json.JsonSerializer.Deserialize(s.Body, Kaireon.Core.Json.KaireonJson.Default.LearningShard)!));
            if (learned.For(RewardOn.Positive).Total.Pulls >= impressions) return;
            await Task.Delay(25);
        }
        Assert.Fail($"The stream did not teach {impressions} impressions within 10 s.");
    }

    [Fact]
    public async Task Respond_outcomes_teach_an_epsilon_greedy_model_through_the_stream_and_a_repeated_respond_teaches_nothing()
    {
        var (tenant, admin, runtime) = await SetUpAsync(app);
        await GreedyModelAsync(admin);
        await PublishAsync(admin, ScoredFlow("learned", new JsonObject { ["method"] = "model", ["modelId"] = "greedy" }));

        // Ten impressions each, spread over ten customers (so over the stream's partitions); clicks at 2, 1, 6 and 4 in ten.
        foreach (var (offer, clicks) in new[] { ("o1", 2), ("o2", 1), ("o3", 6), ("o4", 4) })
        {
            for (var i = 0; i < 10; i++)
            {
                await RespondAsync(runtime, $"c{i}", "impression", offer, $"{offer}-seen-{i}");
                if (i < clicks) await RespondAsync(runtime, $"c{i}", "click", offer, $"{offer}-click-{i}");
            }
        }
        // Client retries: the same keys again, answered as duplicates.
        for (var i = 0; i < 3; i++) await RespondAsync(runtime, "c0", "click", "o2", "o2-click-0");
        await WaitForLearningAsync(tenant.Id, 40);

        var result = await RecommendAsync(runtime, new { customerId = "someone", decisionFlowKey = "learned" });

        Assert.Equal(["o3", "o4", "o1", "o2"], Offers(result));
        Assert.Equal([0.6, 0.4, 0.2, 0.1], result["decisions"]!.AsArray().Select(d => (double)d!["score"]!));
    }

    [Fact]
    public async Task A_challenger_scores_its_share_of_customers_and_each_customer_keeps_their_side()
    {
        var (_, admin, runtime) = await SetUpAsync(app);
        await GreedyModelAsync(admin);
        await PublishAsync(admin, ScoredFlow("split", new JsonObject
        {
            ["method"] = "priority_weighted", ["challenger"] = new JsonObject { ["modelId"] = "greedy", ["trafficPercent"] = 25 },
        }));

        var challenged = 0;
        for (var i = 0; i < 120; i++)
        {
            var customer = $"customer-{i}";
            // The champion's best is o2 at 0.9; the untaught challenger scores every arm 1.0, unpulled.
            var first = (double)(await RecommendAsync(runtime, new { customerId = customer, decisionFlowKey = "split" }))["decisions"]![0]!["score"]!;
            var again = (double)(await RecommendAsync(runtime, new { customerId = customer, decisionFlowKey = "split" }))["decisions"]![0]!["score"]!;
            Assert.Equal(first, again);
            Assert.Contains(first, new[] { 0.9, 1.0 });
            if (first == 1.0) challenged++;
        }
        Assert.InRange(challenged, 15, 45);
    }

    [Fact]
    public async Task An_arbitration_profile_weighing_recency_moves_an_offer_shown_a_moment_ago_down_for_that_customer_only()
    {
        var (_, admin, runtime) = await SetUpAsync(app);
        await CatalogSamples.PostAsync(admin, "arbitration-profiles", new JsonObject
        {
            ["id"] = "fresh", ["name"] = "Fresh first", ["weights"] = new JsonObject { ["conversion"] = 1, ["recency"] = 3 },
        });
        await PublishAsync(admin, ScoredFlow("arbitrated", new JsonObject { ["arbitrationProfileId"] = "fresh" }));

        await RespondAsync(runtime, "c1", "impression", "o2", "shown");

        Assert.Equal("o4", (await OffersAsync(runtime, new { customerId = "c1", decisionFlowKey = "arbitrated" }))[0]);
        Assert.Equal("o2", (await OffersAsync(runtime, new { customerId = "c2", decisionFlowKey = "arbitrated" }))[0]);
    }

    [Fact]
    public async Task An_arbitration_profile_can_rank_by_margin_read_from_a_custom_field()
    {
        var (_, admin, runtime) = await SetUpAsync(app);
        await CatalogSamples.PostAsync(admin, "arbitration-profiles", new JsonObject
        {
            ["id"] = "value", ["name"] = "Value", ["marginField"] = "annualFee", ["weights"] = new JsonObject { ["conversion"] = 0, ["margin"] = 1 },
        });
        await PublishAsync(admin, ScoredFlow("by-fee", new JsonObject { ["arbitrationProfileId"] = "value" }));

        // annualFee: o2 90, o4 80, o3 60, o1 0.
        Assert.Equal(["o2", "o4", "o3", "o1"], await OffersAsync(runtime, new { customerId = "c1", decisionFlowKey = "by-fee" }));
    }
}
