using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;

namespace Kaireon.Functions.Tests.Interactions;

public sealed class InteractionEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private async Task<(TestTenant Tenant, HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        await CatalogSamples.SeedAsync(admin);
        await CatalogSamples.PostAsync(admin, "creatives", new JsonObject { ["id"] = "cr1", ["name"] = "Hero", ["offerId"] = "o1", ["channelId"] = "web", ["placementId"] = "hero" });
        return (tenant, admin, await tenant.ClientWithScopesAsync("runtime"));
    }

    private static async Task<JsonObject> SummaryAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/interaction-summaries?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static long Count(JsonObject summary) => (summary["rows"] as JsonArray ?? []).Sum(r => (long?)r!["count"] ?? 0);

    [Fact]
    public async Task Respond_resolves_the_creative_and_counts_once_under_retries()
    {
        var (_, _, runtime) = await SetUpAsync();
        var body = new { customerId = "CUST001", outcome = "click", creativeId = "cr1", idempotencyKey = "k-1" };

        var first = await runtime.PostAsJsonAsync("/api/v1/respond", body);
        var again = await runtime.PostAsJsonAsync("/api/v1/respond", body with { });
        var firstBody = await first.Content.ReadFromJsonAsync<JsonObject>();
        var againBody = await again.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(("o1", "web", "click", false), ((string)firstBody!["offerId"]!, (string)firstBody["channelId"]!, (string)firstBody["outcome"]!, (bool)firstBody["duplicate"]!));
        Assert.True((bool)againBody!["duplicate"]!);
        Assert.True(firstBody.ContainsKey("recommendationId") && firstBody["recommendationId"] is null);
        Assert.Equal("cr1", (string)firstBody["creativeId"]!);
        Assert.Equal((string)firstBody["interactionId"]!, (string)againBody["interactionId"]!);
        var summary = await SummaryAsync(runtime, "definitionId=sd_offer_interactions&window=1d&customerId=CUST001");
        Assert.Equal(1, Count(summary));
        var row = summary["rows"]![0]!;
        Assert.Equal("o1", (string)row["dimensions"]!["offer_id"]!);
        Assert.Equal("click", (string)row["dimensions"]!["outcome_key"]!);
        Assert.NotNull(row["last_contact"]);
        Assert.Null(row["distinct_offers"]);
    }

    [Fact]
    public async Task The_idempotency_key_may_come_as_a_header()
    {
        var (_, _, runtime) = await SetUpAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/respond") { Content = JsonContent.Create(new { customerId = "c", outcome = "impression", offerId = "o1" }) };
        request.Headers.Add("Idempotency-Key", "h-1");

        var response = await runtime.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Respond_rejects_bad_input_naming_every_field_and_records_nothing()
    {
        var (_, _, runtime) = await SetUpAsync();
        var body = new { customerId = "", outcome = "teleported", creativeId = "nope", timestamp = DateTimeOffset.UtcNow.AddMinutes(10), rank = 0 };

        var response = await runtime.PostAsJsonAsync("/api/v1/respond", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["creativeId", "customerId", "idempotencyKey", "outcome", "rank", "timestamp"], problem!["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task A_customer_summary_reflects_respond_at_once_and_the_tenant_summary_follows_the_stream()
    {
        var (_, _, runtime) = await SetUpAsync();
        for (var i = 0; i < 3; i++)
            (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = $"c{i % 2}", outcome = "convert", offerId = "o1", channelId = "web", conversionValue = 10.5m, idempotencyKey = $"conv-{i}" })).EnsureSuccessStatusCode();

        var customer = await SummaryAsync(runtime, "definitionId=sd_offer_interactions&window=7d&customerId=c0");
        Assert.Equal(2, Count(customer));
        Assert.Equal(21.0m, (decimal)customer["rows"]![0]!["sum_value"]!);

        JsonObject tenant = new();
        for (var attempt = 0; attempt < 100 && Count(tenant) < 3; attempt++)
        {
            await Task.Delay(50);
            tenant = await SummaryAsync(runtime, "definitionId=sd_offer_interactions&window=7d");
        }
        Assert.Equal(3, Count(tenant));
        Assert.True(tenant.ContainsKey("customerId") && tenant["customerId"] is null);
        var category = await SummaryAsync(runtime, "definitionId=sd_category_outcomes&window=30d");
        Assert.Equal(1, (int)category["rows"]![0]!["distinct_offers"]!);
        Assert.Equal("cards", (string)category["rows"]![0]!["dimensions"]!["category_id"]!);
    }

    [Fact]
    public async Task Windows_are_exact_over_120_days_of_past_events()
    {
        var (_, admin, runtime) = await SetUpAsync();
        await CatalogSamples.PostAsync(admin, "summary-definitions", new JsonObject
        {
            ["id"] = "sd_all_windows",
            ["name"] = "All windows",
            ["dimensions"] = new JsonArray("outcome_key"),
            ["aggregates"] = new JsonArray("count", "sum_value"),
            ["windows"] = new JsonArray("1d", "7d", "14d", "30d", "90d"),
        });
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var events = new JsonArray();
        for (var ago = 0; ago < 120; ago++)
        {
            events.Add(new JsonObject
            {
                ["eventId"] = $"e-{ago}",
                ["customerId"] = "history",
                ["type"] = "view",
                ["timestamp"] = new DateTimeOffset(today.AddDays(-ago).AddHours(12 - (ago == 0 ? 12 : 0)), TimeSpan.Zero),
            });
        }
        var posted = await runtime.PostAsJsonAsync("/api/v1/events", events);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await app.WaitForStreamAsync(); // events reach the customer's days through the stream

        foreach (var (window, days) in new[] { ("1d", 1), ("7d", 7), ("14d", 14), ("30d", 30), ("90d", 90) })
        {
            var summary = await SummaryAsync(runtime, $"definitionId=sd_all_windows&window={window}&customerId=history");
            Assert.Equal(days, Count(summary));
        }
    }

    [Fact]
    public async Task An_event_batch_accepts_the_good_events_and_names_what_is_wrong_with_the_bad()
    {
        var (_, _, runtime) = await SetUpAsync();
        var events = new JsonArray(
            new JsonObject { ["eventId"] = "a", ["customerId"] = "c", ["type"] = "complete_course", ["metadata"] = new JsonObject { ["score"] = 87 } },
            new JsonObject { ["eventId"] = "b", ["customerId"] = "c", ["type"] = "Bad Verb" },
            new JsonObject { ["customerId"] = "c", ["type"] = "click", ["offerId"] = "ghost" },
            new JsonObject { ["eventId"] = "a", ["customerId"] = "c", ["type"] = "complete_course" });

        var response = await runtime.PostAsJsonAsync("/api/v1/events", events);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1, 1, 2), ((int)body!["accepted"]!, (int)body["duplicates"]!, (int)body["rejected"]!));
        var results = body["results"]!.AsArray();
        Assert.Equal(["accepted", "rejected", "rejected", "duplicate"], results.Select(r => (string)r!["status"]!));
        Assert.Contains("[1].type", results[1]!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["[2].eventId", "[2].offerId"], results[2]!["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Batches_over_500_and_batches_with_no_good_event_are_refused()
    {
        var (_, _, runtime) = await SetUpAsync();
        var tooMany = new JsonArray([.. Enumerable.Range(0, 501).Select(i => (JsonNode)new JsonObject { ["eventId"] = $"e{i}", ["customerId"] = "c", ["type"] = "view" })]);

        var big = await runtime.PostAsJsonAsync("/api/v1/events", tooMany);
        var allBad = await runtime.PostAsJsonAsync("/api/v1/events", new JsonArray(new JsonObject { ["type"] = "view" }));

        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, allBad.StatusCode);
    }

    [Fact]
    public async Task Summary_queries_are_validated_and_tenant_scoped()
    {
        var (_, _, runtime) = await SetUpAsync();
        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "shared-id", outcome = "click", offerId = "o1", idempotencyKey = "x" })).EnsureSuccessStatusCode();
        var other = (await app.NewTenantAsync()).Admin();

        var wrongWindow = await runtime.GetAsync("/api/v1/interaction-summaries?definitionId=sd_category_outcomes&window=1d");
        var missing = await runtime.GetAsync("/api/v1/interaction-summaries?window=1d");
        var unknown = await runtime.GetAsync("/api/v1/interaction-summaries?definitionId=sd_nope&window=1d");
        var foreign = await SummaryAsync(other, "definitionId=sd_offer_interactions&window=1d&customerId=shared-id");
        var filtered = await SummaryAsync(runtime, "definitionId=sd_offer_interactions&window=1d&customerId=shared-id&outcome_key=impression");

        Assert.Equal(HttpStatusCode.BadRequest, wrongWindow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(foreign["rows"]!.AsArray());
        Assert.Empty(filtered["rows"]!.AsArray());
    }

    [Fact]
    public async Task Admin_only_keys_cannot_respond()
    {
        var (_, admin, _) = await SetUpAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/respond", new { customerId = "c", outcome = "click", idempotencyKey = "k" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_definition_created_after_the_events_covers_their_history_at_once()
    {
        var (_, admin, runtime) = await SetUpAsync();
        var events = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject
        {
            ["eventId"] = $"old-{i}", ["customerId"] = "late-def", ["type"] = "click", ["offerId"] = "o1", ["creativeId"] = "cr1",
            ["timestamp"] = DateTimeOffset.UtcNow.AddDays(-i - 1),
        })]);
        (await runtime.PostAsJsonAsync("/api/v1/events", events)).EnsureSuccessStatusCode();
        await app.WaitForStreamAsync();

        await CatalogSamples.PostAsync(admin, "summary-definitions", new JsonObject
        {
            ["id"] = "sd_by_creative", ["name"] = "By creative", ["dimensions"] = new JsonArray("creative_id", "placement_type"),
            ["aggregates"] = new JsonArray("count"), ["windows"] = new JsonArray("7d"),
        });
        var customer = await SummaryAsync(runtime, "definitionId=sd_by_creative&window=7d&customerId=late-def");
        JsonObject tenant = new();
        for (var attempt = 0; attempt < 100 && Count(tenant) < 5; attempt++)
        {
            await Task.Delay(50);
            tenant = await SummaryAsync(runtime, "definitionId=sd_by_creative&window=7d");
        }

        Assert.Equal(5, Count(customer));
        Assert.Equal("banner", (string)customer["rows"]![0]!["dimensions"]!["placement_type"]!);
        Assert.Equal(5, Count(tenant));
    }
}
