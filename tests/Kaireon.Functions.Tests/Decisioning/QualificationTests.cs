using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.Decisioning.RecommendCatalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>The <c>qualify</c> node through Recommend: every rule type, scopes, hard removal and soft fit.</summary>
public sealed class QualificationTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    /// <summary>The recommend test catalog and a published v1 flow with its default stages (qualification on).</summary>
    private async Task<(HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var (tenant, admin, runtime) = await RecommendCatalog.SetUpAsync(app);
        var flow = await admin.PostAsJsonAsync("/api/v1/decision-flows", new JsonObject { ["id"] = "main", ["name"] = "Main", ["config"] = new JsonObject { ["stages"] = new JsonObject() } });
        Assert.True(flow.IsSuccessStatusCode, await flow.Content.ReadAsStringAsync());
        (await admin.PostAsync("/api/v1/decision-flows/main/publish", null)).EnsureSuccessStatusCode();
        return (admin, runtime);
    }

    [Fact]
    public async Task Hard_rules_remove_and_only_where_their_scope_applies()
    {
        var (admin, runtime) = await SetUpAsync();
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject { ["name"] = "VIP only", ["ruleType"] = "segment_required", ["scope"] = "offer", ["scopeId"] = "o2", ["config"] = new JsonObject { ["segment"] = "vip" } });
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject { ["name"] = "Adults", ["ruleType"] = "attribute_condition", ["config"] = new JsonObject { ["condition"] = new JsonObject { ["field"] = "attributes.age", ["operator"] = "gte", ["value"] = 18 } } });

        Assert.Equal(["o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c1", attributes = new { age = 30 } }));
        Assert.Equal(["o2", "o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c1", segments = new[] { "vip" }, attributes = new { age = 30 } }));
        Assert.Empty(await OffersAsync(runtime, new { customerId = "c1", segments = new[] { "vip" }, attributes = new { age = 16 } }));
    }

    [Fact]
    public async Task A_failing_soft_rule_multiplies_the_fit_and_moves_the_offer_down()
    {
        var (admin, runtime) = await SetUpAsync();
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Likely enough", ["ruleType"] = "propensity_threshold", ["qualification"] = "soft", ["fitMultiplier"] = 0.1,
            ["scope"] = "offer", ["scopeId"] = "o2", ["config"] = new JsonObject { ["threshold"] = 0.5 },
        });

        Assert.Equal(["o2", "o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c1", attributes = new { propensityScores = new { o2 = 0.7 } } }));
        // 0.9 × 0.1 = 0.09 < o3's 0.3.
        Assert.Equal(["o4", "o1", "o3", "o2"], await OffersAsync(runtime, new { customerId = "c1", attributes = new { propensityScores = new { o2 = 0.2 } } }));
    }

    [Fact]
    public async Task Recency_and_metric_conditions_read_the_customers_history_including_a_respond_a_moment_ago()
    {
        var (admin, runtime) = await SetUpAsync();
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Not after converting", ["ruleType"] = "recency_check",
            ["config"] = new JsonObject { ["outcome"] = "convert", ["withinDays"] = 30, ["mustHave"] = false, ["scope"] = "offer" },
        });
        (await admin.PostAsJsonAsync("/api/v1/behavioral-metrics", new { id = "bm_offer_impressions_7d", name = "Impressions per offer", aggregateFunction = "count", sourceField = "impressions", groupByDimensions = new[] { "offerId" }, windowDays = 7 })).EnsureSuccessStatusCode();
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Fewer than two impressions", ["ruleType"] = "metric_condition",
            ["config"] = new JsonObject { ["metricId"] = "bm_offer_impressions_7d", ["operator"] = "lt", ["threshold"] = 2, ["dimensionMapping"] = new JsonObject { ["offerId"] = "{{offer.id}}" } },
        });
        Assert.Equal(["o2", "o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c1" }));

        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "convert", offerId = "o2", idempotencyKey = "buy" })).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++)
            (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "impression", offerId = "o4", idempotencyKey = $"seen{i}" })).EnsureSuccessStatusCode();

        Assert.Equal(["o1", "o3"], await OffersAsync(runtime, new { customerId = "c1" }));
        Assert.Equal(["o2", "o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c2" }));
    }
}
