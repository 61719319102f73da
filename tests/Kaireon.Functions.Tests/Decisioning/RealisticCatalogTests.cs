using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.Decisioning.RecommendCatalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>
/// A realistic catalog — 3 categories, 12 offers, 2 channels, 3 placements, rules, policies — decided
/// by a v1 flow and by the v2 flow it stands for: the same decisions for every customer and request,
/// before and after a contact cap starts to bite.
/// </summary>
public sealed class RealisticCatalogTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static readonly JsonObject Condition = new() { ["field"] = "offer.priority", ["operator"] = "gte", ["value"] = 30 };

    private static async Task<(HttpClient Admin, HttpClient Runtime)> CatalogAsync(KaireonApp app)
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        foreach (var category in new[] { "cards", "loans", "travel" })
            await CatalogSamples.PostAsync(admin, "categories", new JsonObject { ["id"] = category, ["name"] = category });
        await CatalogSamples.PostAsync(admin, "channels", new JsonObject { ["id"] = "web", ["name"] = "Web", ["type"] = "web" });
        await CatalogSamples.PostAsync(admin, "channels", new JsonObject { ["id"] = "email", ["name"] = "Email", ["type"] = "email" });
        await CatalogSamples.PostAsync(admin, "placements", new JsonObject { ["id"] = "hero", ["name"] = "Hero", ["channelId"] = "web", ["slotType"] = "banner" });
        await CatalogSamples.PostAsync(admin, "placements", new JsonObject { ["id"] = "sidebar", ["name"] = "Sidebar", ["channelId"] = "web", ["slotType"] = "side" });
        await CatalogSamples.PostAsync(admin, "placements", new JsonObject { ["id"] = "inbox", ["name"] = "Inbox", ["channelId"] = "email", ["slotType"] = "message" });
        var priorities = new[] { 90, 75, 60, 20, 85, 70, 55, 40, 80, 65, 50, 25 };
        for (var i = 0; i < 12; i++)
        {
            var category = new[] { "cards", "loans", "travel" }[i / 4];
            var offer = $"{category}-{i % 4 + 1}";
            await CatalogSamples.PostAsync(admin, "offers", new JsonObject { ["id"] = offer, ["name"] = offer, ["categoryId"] = category, ["priority"] = priorities[i], ["weight"] = 100 - i * 3 });
            await CatalogSamples.PostAsync(admin, "creatives", new JsonObject { ["id"] = $"{offer}-web", ["name"] = "Web", ["offerId"] = offer, ["channelId"] = "web", ["placementId"] = i % 2 == 0 ? "hero" : "sidebar" });
            if (i % 3 != 2) await CatalogSamples.PostAsync(admin, "creatives", new JsonObject { ["id"] = $"{offer}-email", ["name"] = "Email", ["offerId"] = offer, ["channelId"] = "email", ["placementId"] = "inbox" });
        }
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Loans need prime", ["ruleType"] = "segment_required", ["scope"] = "category", ["scopeId"] = "loans", ["config"] = new JsonObject { ["segment"] = "prime" },
        });
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Adults", ["ruleType"] = "attribute_condition", ["config"] = new JsonObject { ["condition"] = new JsonObject { ["field"] = "attributes.age", ["operator"] = "gte", ["value"] = 18 } },
        });
        await CatalogSamples.PostAsync(admin, "qualification-rules", new JsonObject
        {
            ["name"] = "Travellers", ["ruleType"] = "propensity_threshold", ["qualification"] = "soft", ["fitMultiplier"] = 0.5,
            ["scope"] = "category", ["scopeId"] = "travel", ["config"] = new JsonObject { ["threshold"] = 0.6 },
        });
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Twice a day", ["ruleType"] = "frequency_cap", ["scope"] = "offer", ["scopeId"] = "cards-1", ["config"] = new JsonObject { ["maxPerDay"] = 2 } });
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Opted out", ["ruleType"] = "segment_exclusion", ["config"] = new JsonObject { ["segments"] = new JsonArray("opted_out") } });

        await PublishAsync(admin, new JsonObject
        {
            ["id"] = "v1", ["name"] = "Fixed stages",
            ["config"] = new JsonObject { ["stages"] = new JsonObject
            {
                ["inventory"] = new JsonObject { ["scope"] = "all" },
                ["filter"] = new JsonObject { ["qualificationRules"] = true, ["contactPolicies"] = true, ["condition"] = Condition.DeepClone() },
                ["scoring"] = new JsonObject { ["method"] = "priority_weighted" },
                ["ranking"] = new JsonObject { ["method"] = "diversity", ["maxPerGroup"] = 2, ["limit"] = 5 },
            } },
        });
        await PublishAsync(admin, Flow("v2",
            new JsonObject { ["id"] = "inventory", ["type"] = "inventory", ["config"] = new JsonObject { ["scope"] = "all" } },
            new JsonObject { ["id"] = "enrichment", ["type"] = "enrich" },
            new JsonObject { ["id"] = "creatives", ["type"] = "match_creatives", ["config"] = new JsonObject { ["requireCreative"] = false } },
            new JsonObject { ["id"] = "qualification", ["type"] = "qualify" },
            new JsonObject { ["id"] = "contact_policy", ["type"] = "contact_policy" },
            new JsonObject { ["id"] = "filter", ["type"] = "filter", ["config"] = new JsonObject { ["condition"] = Condition.DeepClone() } },
            new JsonObject { ["id"] = "scoring", ["type"] = "score", ["config"] = new JsonObject { ["method"] = "priority_weighted" } },
            new JsonObject { ["id"] = "ranking", ["type"] = "rank", ["config"] = new JsonObject { ["method"] = "diversity", ["maxPerGroup"] = 2, ["limit"] = 5 } },
            new JsonObject { ["id"] = "response", ["type"] = "response" }));
        return (admin, await tenant.ClientWithScopesAsync("runtime"));
    }

    private static async Task<string[]> DecisionsAsync(HttpClient runtime, string flow, JsonObject request)
    {
        var body = request.DeepClone().AsObject();
        body["decisionFlowKey"] = flow;
        var result = await RecommendAsync(runtime, body);
        return [.. result["decisions"]!.AsArray().Select(d => $"{d!["offerId"]}/{d["creativeId"]}/{d["score"]}")];
    }

    private static readonly JsonObject[] Requests =
    [
        new() { ["customerId"] = "prime-adult", ["segments"] = new JsonArray("prime"), ["attributes"] = new JsonObject { ["age"] = 41 } },
        new() { ["customerId"] = "prime-adult", ["channel"] = "web", ["placement"] = "hero", ["segments"] = new JsonArray("prime"), ["attributes"] = new JsonObject { ["age"] = 41 } },
        new() { ["customerId"] = "plain-adult", ["channel"] = "email", ["attributes"] = new JsonObject { ["age"] = 30, ["propensityScores"] = new JsonObject { ["travel"] = 0.9 } } },
        new() { ["customerId"] = "minor", ["attributes"] = new JsonObject { ["age"] = 16 } },
        new() { ["customerId"] = "opted-out", ["segments"] = new JsonArray("prime", "opted_out"), ["attributes"] = new JsonObject { ["age"] = 50 } },
    ];

    [Fact]
    public async Task The_v1_flow_and_its_v2_equivalent_decide_the_same_for_every_customer_before_and_after_a_cap_bites()
    {
        var (_, runtime) = await CatalogAsync(app);

        foreach (var request in Requests)
            Assert.Equal(await DecisionsAsync(runtime, "v1", request), await DecisionsAsync(runtime, "v2", request));

        var prime = await DecisionsAsync(runtime, "v2", Requests[0]);
        Assert.Equal(5, prime.Length);
        Assert.StartsWith("cards-1/", prime[0]);
        Assert.Contains(prime, d => d.StartsWith("loans-", StringComparison.Ordinal));
        Assert.DoesNotContain(await DecisionsAsync(runtime, "v2", Requests[2]), d => d.StartsWith("loans-", StringComparison.Ordinal));
        Assert.Empty(await DecisionsAsync(runtime, "v2", Requests[3]));
        Assert.Empty(await DecisionsAsync(runtime, "v2", Requests[4]));

        for (var i = 0; i < 2; i++) await RespondAsync(runtime, "prime-adult", "impression", "cards-1", $"seen-{i}");

        foreach (var request in Requests)
            Assert.Equal(await DecisionsAsync(runtime, "v1", request), await DecisionsAsync(runtime, "v2", request));
        Assert.DoesNotContain(await DecisionsAsync(runtime, "v1", Requests[0]), d => d.StartsWith("cards-1/", StringComparison.Ordinal));
        Assert.Contains(await DecisionsAsync(runtime, "v1", new JsonObject { ["customerId"] = "someone-else", ["attributes"] = new JsonObject { ["age"] = 41 } }),
            d => d.StartsWith("cards-1/", StringComparison.Ordinal));
    }
}
