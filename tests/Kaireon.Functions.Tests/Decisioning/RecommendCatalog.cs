using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>
/// The decisioning tests' catalog: category cards, channels web and email (implicit impressions),
/// placement hero, offers o1 (0.56), o2 (0.9), o3 (0.3), o4 (0.8) by priority × weight, o5 paused;
/// creatives cr2 (o2, email) and cr4 (o4, web, hero).
/// </summary>
internal static class RecommendCatalog
{
    public static async Task<(TestTenant Tenant, HttpClient Admin, HttpClient Runtime)> SetUpAsync(KaireonApp app)
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        await CatalogSamples.SeedAsync(admin); // category cards (annualFee required), sub-category gold, channel web, placement hero, offer o1
        await CatalogSamples.PostAsync(admin, "channels", new JsonObject { ["id"] = "email", ["name"] = "Email", ["type"] = "email", ["impressionMode"] = "implicit" });
        foreach (var (id, priority, weight) in new[] { ("o2", 90, 100.0), ("o3", 60, 50.0), ("o4", 80, 100.0) })
        {
            await CatalogSamples.PostAsync(admin, "offers", new JsonObject
            {
                ["id"] = id, ["name"] = $"Offer {id}", ["categoryId"] = "cards", ["priority"] = priority, ["weight"] = weight,
                ["customFields"] = new JsonObject { ["annualFee"] = priority },
            });
        }
        await CatalogSamples.PostAsync(admin, "offers", new JsonObject { ["id"] = "o5", ["name"] = "Paused", ["categoryId"] = "cards", ["priority"] = 100, ["status"] = "paused", ["customFields"] = new JsonObject { ["annualFee"] = 1 } });
        await CatalogSamples.PostAsync(admin, "creatives", new JsonObject { ["id"] = "cr2", ["name"] = "o2 email", ["offerId"] = "o2", ["channelId"] = "email" });
        await CatalogSamples.PostAsync(admin, "creatives", new JsonObject { ["id"] = "cr4", ["name"] = "o4 web", ["offerId"] = "o4", ["channelId"] = "web", ["placementId"] = "hero" });
        return (tenant, admin, await tenant.ClientWithScopesAsync("runtime"));
    }

    /// <summary>Recommend, which must answer 200, as JSON.</summary>
    public static async Task<JsonObject> RecommendAsync(HttpClient runtime, object body)
    {
        var response = await runtime.PostAsJsonAsync("/api/v1/recommend", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The offers Recommend decided on, in rank order.</summary>
    public static async Task<string[]> OffersAsync(HttpClient runtime, object body) => Offers(await RecommendAsync(runtime, body));

    public static string[] Offers(JsonObject result) => [.. result["decisions"]!.AsArray().Select(d => (string)d!["offerId"]!)];

    /// <summary>Creates the flow and publishes it.</summary>
    public static async Task PublishAsync(HttpClient admin, JsonObject flow)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/decision-flows", flow);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var published = await admin.PostAsync($"/api/v1/decision-flows/{(string)flow["id"]!}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }

    /// <summary>A v2 flow of the given nodes (<c>{ "id", "type", "config"? }</c>).</summary>
    public static JsonObject Flow(string id, params JsonObject[] nodes) => new()
    {
        ["id"] = id, ["name"] = id, ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = new JsonArray([.. nodes]) },
    };

    /// <summary>A Respond about an offer, which must be accepted.</summary>
    public static async Task RespondAsync(HttpClient runtime, string customer, string outcome, string offer, string key, string channel = "web") =>
        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = customer, outcome, offerId = offer, channelId = channel, idempotencyKey = key })).EnsureSuccessStatusCode();
}
