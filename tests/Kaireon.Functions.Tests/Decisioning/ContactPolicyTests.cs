using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.Decisioning.RecommendCatalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>The <c>contact_policy</c> node through Recommend: caps from history and metrics, precedence, mandatory offers.</summary>
public sealed class ContactPolicyTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private async Task<(HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var (_, admin, runtime) = await RecommendCatalog.SetUpAsync(app);
        (await admin.PostAsJsonAsync("/api/v1/decision-flows", new JsonObject { ["id"] = "main", ["name"] = "Main", ["config"] = new JsonObject { ["stages"] = new JsonObject() } })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/v1/decision-flows/main/publish", null)).EnsureSuccessStatusCode();
        return (admin, runtime);
    }

    [Fact]
    public async Task A_frequency_cap_suppresses_an_offer_right_after_the_respond_that_reaches_it_for_that_customer_only()
    {
        var (admin, runtime) = await SetUpAsync();
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Twice a day", ["ruleType"] = "frequency_cap", ["scope"] = "offer", ["scopeId"] = "o2", ["config"] = new JsonObject { ["maxPerDay"] = 2 } });

        await RespondAsync(runtime, "c1", "impression", "o2", "i1");
        Assert.Contains("o2", await OffersAsync(runtime, new { customerId = "c1" }));
        await RespondAsync(runtime, "c1", "impression", "o2", "i2");

        Assert.Equal(["o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c1" }));
        Assert.Equal(["o2", "o4", "o1", "o3"], await OffersAsync(runtime, new { customerId = "c2" }));
    }

    [Fact]
    public async Task The_specs_dynamic_email_cap_reads_a_behavioral_metric()
    {
        var (admin, runtime) = await SetUpAsync();
        (await admin.PostAsJsonAsync("/api/v1/behavioral-metrics", new { id = "bm_email_impression_7d", name = "Email Impression Count (7d)", aggregateFunction = "count", sourceField = "impressions", groupByDimensions = new[] { "channelId" }, windowDays = 7 })).EnsureSuccessStatusCode();
        await CatalogSamples.PostAsync(admin, "contact-policies", JsonNode.Parse("""{ "name": "Dynamic Email Cap", "ruleType": "frequency_cap", "config": { "metricKey": "email_impression_7d", "threshold": 3, "action": "suppress" } }""")!.AsObject());

        for (var i = 0; i < 2; i++) await RespondAsync(runtime, "c1", "impression", "o1", $"e{i}", channel: "email");
        Assert.Equal(4, (await OffersAsync(runtime, new { customerId = "c1", channelId = "web" })).Length);
        await RespondAsync(runtime, "c1", "impression", "o1", "e2", channel: "email");
        Assert.Empty(await OffersAsync(runtime, new { customerId = "c1", channelId = "web" }));
    }

    [Fact]
    public async Task An_override_skips_the_policies_below_it_but_a_mandatory_offer_still_respects_its_caps()
    {
        var (admin, runtime) = await SetUpAsync();
        var o4 = await admin.GetFromJsonAsync<JsonObject>("/api/v1/offers/o4");
        o4!["mandatory"] = true;
        (await admin.PutAsJsonAsync("/api/v1/offers/o4", o4)).EnsureSuccessStatusCode();
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Let o2 and o4 through", ["ruleType"] = "allow_override", ["priority"] = 100, ["config"] = new JsonObject { ["offerIds"] = new JsonArray("o2", "o4") } });
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "No VIP marketing", ["ruleType"] = "segment_exclusion", ["priority"] = 50, ["config"] = new JsonObject { ["segments"] = new JsonArray("vip") } });
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Once a day", ["ruleType"] = "frequency_cap", ["priority"] = 10, ["config"] = new JsonObject { ["maxPerDay"] = 1 } });

        Assert.Equal(["o2", "o4"], await OffersAsync(runtime, new { customerId = "c1", segments = new[] { "vip" } }));
        await RespondAsync(runtime, "c1", "impression", "o3", "seen");
        // The global cap is reached: o2 is overridden past it, o4 is mandatory and respects it, the rest are capped.
        Assert.Equal(["o2"], await OffersAsync(runtime, new { customerId = "c1" }));
    }

    [Fact]
    public async Task Cooldowns_outcomes_and_time_windows_suppress()
    {
        var (admin, runtime) = await SetUpAsync();
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Rest a day", ["ruleType"] = "cooldown", ["scope"] = "offer", ["scopeId"] = "o4", ["config"] = new JsonObject { ["hours"] = 24 } });
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Bought already", ["ruleType"] = "outcome_based", ["config"] = new JsonObject { ["outcomes"] = new JsonArray("convert"), ["withinDays"] = 90 } });
        await RespondAsync(runtime, "c1", "impression", "o4", "seen");
        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "convert", offerId = "o1", idempotencyKey = "buy" })).EnsureSuccessStatusCode();

        Assert.Equal(["o2", "o3"], await OffersAsync(runtime, new { customerId = "c1" }));

        var tomorrow = DateTime.UtcNow.AddDays(1).DayOfWeek.ToString()[..3].ToLowerInvariant();
        await CatalogSamples.PostAsync(admin, "contact-policies", new JsonObject { ["name"] = "Tomorrow only", ["ruleType"] = "time_window", ["config"] = new JsonObject { ["timeZone"] = "UTC", ["allowedDays"] = new JsonArray(tomorrow) } });
        Assert.Empty(await OffersAsync(runtime, new { customerId = "c2" }));
    }
}
