using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Recommendations;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Tests.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Kaireon.Functions.Tests.Interactions;

/// <summary>Respond naming a decision by <c>recommendationId</c> + <c>rank</c>, as Recommend records them.</summary>
public sealed class RespondByRecommendationTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task Respond_resolves_offer_creative_channel_and_placement_from_the_recorded_decision()
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();
        await CatalogSamples.SeedAsync(admin);
        await CatalogSamples.PostAsync(admin, "creatives", new JsonObject { ["id"] = "cr1", ["name"] = "Hero", ["offerId"] = "o1", ["channelId"] = "web", ["placementId"] = "hero" });
        await app.Services.GetRequiredService<RecommendationLog>().RecordAsync(TenantId.Parse(tenant.Id), new RecordedRecommendation
        {
            Id = "rec_abc", CustomerId = "c1", DecisionFlowKey = "default", At = DateTimeOffset.UtcNow,
            Decisions = [new RecordedDecision(1, "o1", "cr1", "web", "hero")],
        }, TestContext.Current.CancellationToken);
        using var runtime = await tenant.ClientWithScopesAsync("runtime");

        var response = await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", recommendationId = "rec_abc", rank = 1, idempotencyKey = "r1" });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("rec_abc", "o1", "cr1", "web"), ((string)body!["recommendationId"]!, (string)body["offerId"]!, (string)body["creativeId"]!, (string)body["channelId"]!));

        // The alias interactionId names the recommendation too; a wrong rank, customer or id is named.
        var alias = await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", interactionId = "rec_abc", rank = 1, idempotencyKey = "r2" });
        Assert.Equal("o1", (string)(await alias.Content.ReadFromJsonAsync<JsonObject>())!["offerId"]!);
        Assert.Equal(["rank"], await ErrorsAsync(await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", recommendationId = "rec_abc", rank = 2, idempotencyKey = "r3" })));
        Assert.Equal(["recommendationId"], await ErrorsAsync(await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c2", outcome = "click", recommendationId = "rec_abc", rank = 1, idempotencyKey = "r4" })));
        Assert.Equal(["recommendationId"], await ErrorsAsync(await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", recommendationId = "rec_missing", rank = 1, idempotencyKey = "r5" })));
        using var stranger = await (await app.NewTenantAsync()).ClientWithScopesAsync("runtime");
        Assert.Equal(["recommendationId"], await ErrorsAsync(await stranger.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", recommendationId = "rec_abc", rank = 1, idempotencyKey = "r6" })));
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        return [.. JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).Order()];
    }
}
