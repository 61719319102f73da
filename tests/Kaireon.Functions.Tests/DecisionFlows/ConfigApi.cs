using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;

namespace Kaireon.Functions.Tests.DecisionFlows;

/// <summary>
/// What the decisioning configuration tests share: a tenant seeded with <see cref="CatalogSamples"/>
/// (category cards, sub-category gold, channel web, placement hero, offer o1), a second channel
/// email, and two metrics (<c>bm_response_rate_30d</c>, ungrouped; <c>bm_email_impression_7d</c>,
/// by channel); and helpers that assert a status and name the body when it is not the one expected.
/// </summary>
internal static class ConfigApi
{
    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static async Task<(TestTenant Tenant, HttpClient Admin)> SeededTenantAsync(KaireonApp app)
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        await CatalogSamples.SeedAsync(admin);
        await CatalogSamples.PostAsync(admin, "channels", Json("""{ "id": "email", "name": "Email", "type": "email" }"""));
        await CatalogSamples.PostAsync(admin, "behavioral-metrics", Json("""{ "id": "bm_response_rate_30d", "name": "Response rate (30d)", "aggregateFunction": "ratio", "sourceField": "positive", "windowDays": 30 }"""));
        await CatalogSamples.PostAsync(admin, "behavioral-metrics", Json("""{ "id": "bm_email_impression_7d", "name": "Email Impression Count (7d)", "aggregateFunction": "count", "sourceField": "impressions", "groupByDimensions": ["channelId"], "windowDays": 7 }"""));
        return (tenant, admin);
    }

    public static async Task<JsonObject> CreatedAsync(HttpClient client, string route, JsonObject body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/{route}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {route} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The error keys of a problem answer with <paramref name="status"/>, sorted.</summary>
    public static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return [.. JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];
    }

    public static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return (string)JsonNode.Parse(text)!["detail"]!;
    }

    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same value (defaults may be added).</summary>
    public static void AssertHolds(JsonNode? expected, JsonNode? actual)
    {
        foreach (var (key, value) in expected!.AsObject())
            Assert.True(JsonNode.DeepEquals(value, actual![key]), $"{key}: expected {value?.ToJsonString()}, got {actual![key]?.ToJsonString()} in {actual.ToJsonString()}");
    }

    /// <summary>Another tenant cannot read, replace, delete or list the entity: 404 throughout, as if it did not exist.</summary>
    public static async Task AssertInvisibleToAsync(HttpClient stranger, string route, string id, JsonObject body)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/{route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/v1/{route}/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/{route}/{id}")).StatusCode);
        var listed = await stranger.GetFromJsonAsync<JsonObject>($"/api/v1/{route}?limit=100");
        Assert.DoesNotContain(listed!["data"]!.AsArray(), e => (string)e!["id"]! == id);
    }
}
