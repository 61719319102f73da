using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Kaireon.Functions.Tests.Triggers.TriggerApi;

namespace Kaireon.Functions.Tests.Triggers;

/// <summary>Triggers over HTTP: CRUD and its rules, firings through <c>POST /events</c> and the stream, simulation, the timer, isolation.</summary>
public sealed class TriggerEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    /// <summary>"Views at least 3 related product pages within 10 minutes" → tag the customer.</summary>
    private const string ThreeViews = """
        { "id": "three_views", "name": "Three shoe views in 10 minutes",
          "conditions": [ { "type": "threshold", "eventType": "product_view", "filter": { "field": "category", "operator": "is", "value": "shoes" },
                            "count": 3, "windowMinutes": 10 } ],
          "cooldownMs": 3600000, "journeyPolicy": "skip_if_active",
          "actions": [ { "type": "add_segment", "segment": "shoe_browsers" } ] }
        """;

    private const string CartAbandonment = """
        { "id": "cart_abandonment", "name": "Added to cart, no purchase within 24 hours",
          "conditions": [ { "type": "absence", "eventType": "add_to_cart", "awaitedEventType": "purchase", "withinMinutes": 1440 } ],
          "actions": [ { "type": "add_segment", "segment": "cart_abandoners" } ] }
        """;

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-2);

    private async Task<(HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var tenant = await app.NewTenantAsync();
        return (tenant.Admin(), await tenant.ClientWithScopesAsync("runtime", "read"));
    }

    [Fact]
    public async Task A_bad_trigger_answers_400_naming_every_field()
    {
        var (admin, _) = await SetUpAsync();
        var keys = await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, Body("""
            { "cooldownMs": -5, "journeyPolicy": "skip_if_active",
              "conditions": [ { "type": "threshold", "eventType": "view", "count": 0, "windowMinutes": 20000 },
                              { "type": "metric", "operator": "gte" } ],
              "actions": [ { "type": "webhook", "url": "file:///etc/passwd", "secret": "0123456789abcdef" } ] }
            """)), HttpStatusCode.BadRequest);

        Assert.Equal(["actions[0].url", "conditions[0].count", "conditions[0].windowMinutes", "conditions[1].metricId", "conditions[1].value", "cooldownMs", "name"], keys);
        var unknownEnum = await admin.PostAsJsonAsync(Route, Body("""{ "name": "x", "journeyPolicy": "sometimes" }"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknownEnum.StatusCode);
    }

    [Fact]
    public async Task A_metric_condition_naming_a_missing_metric_answers_422()
    {
        var (admin, _) = await SetUpAsync();
        var keys = await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, Body("""
            { "name": "m", "conditions": [ { "type": "metric", "metricId": "bm_missing", "operator": "gte", "value": 3 } ],
              "actions": [ { "type": "add_segment", "segment": "s" } ] }
            """)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["conditions[0].metricId"], keys);
    }

    [Fact]
    public async Task Webhook_secrets_are_write_only()
    {
        var (admin, _) = await SetUpAsync();
        var created = await CreatedAsync(admin, """
            { "id": "hook", "name": "Hook", "conditions": [ { "type": "duration", "eventType": "page_view", "field": "seconds", "minSeconds": 180 } ],
              "actions": [ { "type": "webhook", "url": "https://hooks.example.com/k", "secret": "s3cret-0123456789-wxyz" } ] }
            """);
        Assert.Equal("****wxyz", (string)created["actions"]![0]!["secret"]!);
        var read = await admin.GetFromJsonAsync<JsonObject>($"{Route}/hook");
        Assert.Equal("****wxyz", (string)read!["actions"]![0]!["secret"]!);
        Assert.DoesNotContain("s3cret", await admin.GetStringAsync(Route));

        // Sending the mask back is not a secret: a PUT must carry the secret itself.
        read.Remove("etag");
        Assert.Equal(["actions[0].secret"], await ErrorKeysAsync(await admin.PutAsJsonAsync($"{Route}/hook", read), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Events_sent_twice_fire_once_and_the_firing_its_suppressions_and_its_action_are_on_record()
    {
        var (admin, runtime) = await SetUpAsync();
        await CreatedAsync(admin, ThreeViews);
        JsonObject[] events =
        [
            .. Enumerable.Range(0, 6).Select(i => Event($"v{i}", "c1", "product_view", Start.AddMinutes(i), """{ "category": "shoes" }""")),
            Event("h1", "c2", "product_view", Start, """{ "category": "hats" }"""),
        ];
        await SendAsync(runtime, events);
        await SendAsync(runtime, events);

        var outcomes = await OutcomesAsync(runtime, "three_views", 2);
        await Task.Delay(300);
        outcomes = await OutcomesAsync(runtime, "three_views", 2);
        Assert.Equal(2, outcomes.Count);
        // Newest first: the suppression (cooldown is checked before the journey policy), then the firing.
        Assert.Equal(["suppressed", "fired"], outcomes.Select(o => (string)o!["outcome"]!));
        Assert.Equal("cooldown", (string)outcomes[0]!["reason"]!);
        Assert.Equal(("c1", "v2"), ((string)outcomes[1]!["customerId"]!, (string)outcomes[1]!["causeEventId"]!));
        Assert.Equal(Start.AddMinutes(2), (DateTimeOffset)outcomes[1]!["at"]!);
        Assert.Single(await OutcomesAsync(runtime, "three_views", 1, "&customerId=c1&to=" + Uri.EscapeDataString(Start.AddMinutes(3).ToString("O"))));

        var deliveries = await DeliveriesAsync(runtime, "three_views", d => d.Count >= 1);
        var delivery = Assert.Single(deliveries);
        Assert.Equal(("add_segment", "delivered", (string)outcomes[1]!["id"]!), ((string)delivery!["action"]!, (string)delivery["status"]!, (string)delivery["firingId"]!));
        // The audit log shows the same trail as entries of the trigger, beside its configuration changes.
        var audit = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/audit-log?entityKind=trigger&entityId=three_views&from={Uri.EscapeDataString(Start.AddDays(-1).ToString("O"))}");
        Assert.Equal(["create", "deliver", "fire", "suppress"], audit!["data"]!.AsArray().Select(e => (string)e!["action"]!).Order(StringComparer.Ordinal));
        Assert.Contains("cooldown", audit["data"]!.AsArray().Single(e => (string)e!["action"]! == "suppress")!["detail"]!.ToString());

        var profile = await runtime.GetFromJsonAsync<JsonObject>("/api/v1/customers/c1");
        Assert.Contains("shoe_browsers", profile!["segments"]!.AsArray().Select(s => (string)s!));

        // The simulation of the same history says the same, and tunes the threshold.
        var simulation = await runtime.PostAsJsonAsync($"{Route}/three_views/simulate", new
        {
            from = Start.AddHours(-1), to = Start.AddHours(1), customerIds = new[] { "c1", "c2" }, thresholds = new[] { 2, 3, 4 },
        });
        var result = await simulation.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(simulation.IsSuccessStatusCode, result?.ToJsonString());
        Assert.Equal((1, 1, 2), ((int)result!["firings"]!, (int)result["suppressions"]!, (int)result["customers"]!));
        Assert.Equal(1, (int)result["suppressedBy"]!["cooldown"]!);
        Assert.Equal(outcomes.Select(o => (string)o!["id"]!).Order(), result["results"]!.AsArray().Select(o => (string)o!["id"]!).Order());
        Assert.Equal([(2d, 1), (3d, 1), (4d, 1)], result["thresholds"]!.AsArray().Select(t => ((double)t!["value"]!, (int)t["firings"]!)));
    }

    [Fact]
    public async Task An_unsaved_trigger_is_simulated_and_bad_simulations_name_their_fields()
    {
        var (admin, runtime) = await SetUpAsync();
        await SendAsync(runtime, [.. Enumerable.Range(0, 4).Select(i => Event($"p{i}", "c9", "page_view", Start.AddMinutes(i), $$"""{ "seconds": {{i * 100}} }"""))]);
        var unsaved = Body("""
            { "name": "Long reads", "conditions": [ { "type": "duration", "eventType": "page_view", "field": "seconds", "minSeconds": 150 } ],
              "actions": [ { "type": "add_segment", "segment": "readers" } ] }
            """);

        JsonObject? result = null;
        for (var attempt = 0; attempt < 200 && (result is null || (int)result["firings"]! < 2); attempt++)
        {
            if (result is not null) await Task.Delay(25);
            var response = await admin.PostAsJsonAsync($"{Route}/simulate", new JsonObject
            {
                ["trigger"] = unsaved.DeepClone(), ["from"] = Start.AddDays(-1).ToString("O"), ["to"] = Start.AddDays(1).ToString("O"), ["customerIds"] = new JsonArray("c9"),
            });
            result = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.True(response.IsSuccessStatusCode, result?.ToJsonString());
        }
        // Each read above 150 s is an occurrence of its own: p2 and p3 fire, p0 and p1 do not.
        Assert.Equal(["p2", "p3"], result!["results"]!.AsArray().Select(r => (string)r!["causeEventId"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Route}/unsaved")).StatusCode);

        var bad = await admin.PostAsJsonAsync($"{Route}/simulate", Body("""{ "to": "2026-01-01T00:00:00Z", "customerIds": [""], "thresholds": [], "trigger": { "conditions": [] } }"""));
        Assert.Equal(["customerIds[0]", "from", "thresholds", "trigger.actions", "trigger.conditions", "trigger.name"], await ErrorKeysAsync(bad, HttpStatusCode.BadRequest));
        await CreatedAsync(admin, ThreeViews.Replace("\"three_views\"", "\"tv\""));
        var backwards = await admin.PostAsJsonAsync($"{Route}/tv/simulate", new { from = Start, to = Start.AddDays(-1) });
        Assert.Equal(["to"], await ErrorKeysAsync(backwards, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Another_tenants_trigger_answers_404_everywhere_and_its_events_fire_nothing_here()
    {
        var (ownerAdmin, ownerRuntime) = await SetUpAsync();
        var (intruderAdmin, intruderRuntime) = await SetUpAsync();
        await CreatedAsync(ownerAdmin, ThreeViews);

        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.GetAsync($"{Route}/three_views")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.GetAsync($"{Route}/three_views/firings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.GetAsync($"{Route}/three_views/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.PostAsJsonAsync($"{Route}/three_views/simulate", new { from = Start, to = Start.AddHours(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.PutAsJsonAsync($"{Route}/three_views", Body(ThreeViews))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.DeleteAsync($"{Route}/three_views")).StatusCode);

        // The intruder's events (same customer id, same event type) fire nothing for the owner's trigger.
        await SendAsync(intruderRuntime, [.. Enumerable.Range(0, 3).Select(i => Event($"x{i}", "c1", "product_view", Start.AddMinutes(i), """{ "category": "shoes" }"""))]);
        await SendAsync(ownerRuntime, Event("o1", "c1", "product_view", Start, """{ "category": "shoes" }"""));
        await Task.Delay(500);
        Assert.Empty(await OutcomesAsync(ownerRuntime, "three_views", 0));
        Assert.Equal(HttpStatusCode.OK, (await ownerAdmin.GetAsync($"{Route}/three_views")).StatusCode);
    }

    [Fact]
    public async Task The_EvaluateTriggers_timer_fires_a_due_absence_and_not_a_cancelled_one()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now);
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var platform = factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-API-Key", KaireonApp.BootstrapKey);
        var id = $"t-{Guid.NewGuid():N}"[..20];
        var tenant = await (await platform.PostAsJsonAsync("/api/v1/tenants", new { id, name = id })).Content.ReadFromJsonAsync<JsonObject>();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", (string)tenant!["apiKey"]!);
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-API-Key", (string)tenant["apiKey"]!);
        var key = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "rt", scopes = new[] { "runtime", "read" } })).Content.ReadFromJsonAsync<JsonObject>();
        using var runtime = factory.CreateClient();
        runtime.DefaultRequestHeaders.Add("X-API-Key", (string)key!["key"]!);

        await CreatedAsync(client, CartAbandonment);
        await SendAsync(runtime, Event("cart-1", "c1", "add_to_cart", now), Event("cart-2", "c2", "add_to_cart", now), Event("buy-2", "c2", "purchase", now.AddMinutes(1)));
        await WaitForStreamAsync(runtime, 3);

        // Before the due time the timer fires nothing, however often it runs.
        clock.Advance(TimeSpan.FromHours(23));
        await TimerAsync(client);
        Assert.Empty(await OutcomesAsync(client, "cart_abandonment", 0));

        clock.Advance(TimeSpan.FromHours(2));
        JsonArray outcomes = [];
        for (var attempt = 0; attempt < 200 && outcomes.Count == 0; attempt++)
        {
            await TimerAsync(client);
            outcomes = await OutcomesAsync(client, "cart_abandonment", 0);
            if (outcomes.Count == 0) await Task.Delay(25);
        }
        await TimerAsync(client);
        var firing = Assert.Single(await OutcomesAsync(client, "cart_abandonment", 1));
        Assert.Equal(("c1", "cart-1", now.AddHours(24)), ((string)firing!["customerId"]!, (string)firing["causeEventId"]!, (DateTimeOffset)firing["at"]!));
    }

    /// <summary>Until the tenant-wide rollups (written by the stream, before the trigger books) count <paramref name="count"/> events.</summary>
    private static async Task WaitForStreamAsync(HttpClient client, long count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var summary = await client.GetFromJsonAsync<JsonObject>("/api/v1/interaction-summaries?definitionId=sd_category_outcomes&window=30d");
            if ((summary!["rows"] as JsonArray ?? []).Sum(r => (long?)r!["count"] ?? 0) >= count) break;
            await Task.Delay(25);
        }
        await Task.Delay(200);
    }

    private static async Task TimerAsync(HttpClient client)
    {
        var response = await client.PostAsync("/EvaluateTriggers", new StringContent(Invocations.InvocationFixtures.Read("timer.json"), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.NotNull(JsonNode.Parse(text)!["Outputs"]);
    }
}
