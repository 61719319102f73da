using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Kaireon.Functions.Tests.Decisioning.RecommendCatalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>
/// What a decision costs in store operations, counted on the ports: a flow that qualifies with a
/// recency and a metric rule, caps contacts, and scores with a learning model reads the customer once
/// and records the recommendation once, however large the catalog (design §3: the catalog comes from
/// the snapshot).
/// </summary>
public sealed class StoreOperationsPerDecisionTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const int Decisions = 20;

    [Fact]
    public async Task A_decision_costs_two_store_operations_with_ten_offers_and_with_two_hundred()
    {
        var (_, counts, factory) = App();
        using var disposable = factory;
        var (tenant, admin, runtime) = await TenantAsync(factory);
        await CatalogAsync(admin, new JsonObject { ["id"] = "web", ["name"] = "Web", ["type"] = "web" });

        var small = await PerDecisionAsync(runtime, counts, tenant);
        await OffersAsync(admin, 10, 200);
        var large = await PerDecisionAsync(runtime, counts, tenant);

        Assert.True(small.Operations == 2, $"10 offers: {small.Detail}");
        Assert.True(large.Operations == 2, $"200 offers: {large.Detail}");
    }

    /// <summary>
    /// On an implicit-impression channel the decision also records its impressions: one more write,
    /// of the customer's day, which the decision already read for its cap (the stream's work after
    /// it is counted apart).
    /// </summary>
    [Fact]
    public async Task A_decision_on_an_implicit_impression_channel_costs_three_store_operations()
    {
        var (_, counts, factory) = App();
        using var disposable = factory;
        var (tenant, admin, runtime) = await TenantAsync(factory);
        await CatalogAsync(admin, new JsonObject { ["id"] = "web", ["name"] = "Web", ["type"] = "web", ["impressionMode"] = "implicit" });

        var (operations, detail) = await PerDecisionAsync(runtime, counts, tenant);

        Assert.True(operations == 3, detail);
    }

    private (FakeTimeProvider Clock, CountingStores Counts, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory) App()
    {
        // A clock that stands still: the snapshot's 5-second version check happens once, not at random inside the measurement.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counts = new CountingStores();
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            counts.Register(s);
        }));
        return (clock, counts, factory);
    }

    /// <summary>10 offers, a recency and a metric rule, a daily cap and a thompson_bandit model in a published flow.</summary>
    private static async Task CatalogAsync(HttpClient admin, JsonObject channel)
    {
        await CatalogSamples.PostAsync(admin, "categories", new JsonObject { ["id"] = "cards", ["name"] = "Cards" });
        await CatalogSamples.PostAsync(admin, "channels", channel);
        await OffersAsync(admin, 0, 10);
        (await admin.PostAsJsonAsync("/api/v1/behavioral-metrics", new { id = "bm_impressions_7d", name = "Impressions", aggregateFunction = "count", sourceField = "impressions", groupByDimensions = new[] { "offerId" }, windowDays = 7 })).EnsureSuccessStatusCode();
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Not after converting", ["ruleType"] = "recency_check",
            ["config"] = new JsonObject { ["outcome"] = "convert", ["withinDays"] = 30, ["mustHave"] = false, ["scope"] = "offer" },
        });
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Fewer than five impressions", ["ruleType"] = "metric_condition",
            ["config"] = new JsonObject { ["metricId"] = "bm_impressions_7d", ["operator"] = "lt", ["threshold"] = 5, ["dimensionMapping"] = new JsonObject { ["offerId"] = "{{offer.id}}" } },
        });
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Three a day", ["ruleType"] = "frequency_cap", ["config"] = new JsonObject { ["maxPerDay"] = 3 } });
        await CatalogSamples.PostAsync(admin, "algorithm-models", new JsonObject { ["id"] = "bandit", ["name"] = "Bandit", ["modelType"] = "thompson_bandit" });
        await PublishAsync(admin, Flow("main",
            new JsonObject { ["id"] = "inv", ["type"] = "inventory" },
            new JsonObject { ["id"] = "cr", ["type"] = "match_creatives", ["config"] = new JsonObject { ["requireCreative"] = false } },
            new JsonObject { ["id"] = "q", ["type"] = "qualify" },
            new JsonObject { ["id"] = "cp", ["type"] = "contact_policy" },
            new JsonObject { ["id"] = "sc", ["type"] = "score", ["config"] = new JsonObject { ["method"] = "model", ["modelId"] = "bandit" } },
            new JsonObject { ["id"] = "rk", ["type"] = "rank", ["config"] = new JsonObject { ["limit"] = 5 } }));
        (await admin.PutAsJsonAsync("/api/v1/settings", new { decisionTraceSampleRate = 0 })).EnsureSuccessStatusCode();
    }

    private static async Task<(double Operations, string Detail)> PerDecisionAsync(HttpClient runtime, CountingStores counts, string tenant)
    {
        Assert.Equal(5, Offers(await RecommendAsync(runtime, new { customerId = "warm-up", channel = "web" })).Length);
        counts.Reset();
        for (var i = 0; i < Decisions; i++)
            Assert.Equal(5, Offers(await RecommendAsync(runtime, new { customerId = $"customer-{i}", channel = "web" })).Length);
        return ((double)counts.For(tenant) / Decisions, $"{counts.Describe(tenant)} over {Decisions} decisions");
    }

    private static async Task OffersAsync(HttpClient admin, int from, int to)
    {
        for (var i = from; i < to; i++)
            await CatalogSamples.PostAsync(admin, "offers", new JsonObject { ["id"] = $"offer-{i:D4}", ["name"] = $"Offer {i}", ["categoryId"] = "cards", ["priority"] = i % 100 });
    }

    private static async Task<(string Tenant, HttpClient Admin, HttpClient Runtime)> TenantAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var platform = factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-API-Key", KaireonApp.BootstrapKey);
        var id = $"ops-{Guid.NewGuid():N}"[..20];
        var tenant = await (await platform.PostAsJsonAsync("/api/v1/tenants", new { id, name = id })).Content.ReadFromJsonAsync<JsonObject>();
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-API-Key", (string)tenant!["apiKey"]!);
        var key = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "runtime", scopes = new[] { "runtime" } })).Content.ReadFromJsonAsync<JsonObject>();
        var runtime = factory.CreateClient();
        runtime.DefaultRequestHeaders.Add("X-API-Key", (string)key!["key"]!);
        return (id, admin, runtime);
    }
}
