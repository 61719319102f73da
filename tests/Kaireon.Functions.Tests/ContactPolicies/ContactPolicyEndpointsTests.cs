using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;

namespace Kaireon.Functions.Tests.ContactPolicies;

public sealed class ContactPolicyEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Route = "contact-policies";

    /// <summary>The behavioral-metrics page's example, verbatim.</summary>
    private const string DynamicEmailCap = """
        {
          "name": "Dynamic Email Cap",
          "ruleType": "frequency_cap",
          "config": {
            "metricKey": "email_impression_7d",
            "threshold": 3,
            "action": "suppress"
          }
        }
        """;

    public static TheoryData<string, string> ValidPolicies() => new()
    {
        { "frequency_cap", """{ "name": "Daily cap", "ruleType": "frequency_cap", "scope": "channel", "scopeId": "web", "priority": 20, "config": { "maxPerDay": 2, "maxPerWeek": 5, "channelId": "web", "outcome": "impression" } }""" },
        { "cooldown", """{ "name": "Rest a day", "ruleType": "cooldown", "scope": "offer", "scopeId": "o1", "config": { "hours": 24, "per": "channel" } }""" },
        { "budget_exhausted", """{ "name": "Budget", "ruleType": "budget_exhausted", "config": {} }""" },
        { "outcome_based", """{ "name": "Converted already", "ruleType": "outcome_based", "config": { "outcomes": ["convert"], "withinDays": 90, "per": "category" } }""" },
        { "segment_exclusion", """{ "name": "Not for staff", "ruleType": "segment_exclusion", "config": { "segments": ["staff", "minors"] } }""" },
        { "time_window", """{ "name": "Office hours", "ruleType": "time_window", "scope": "channel", "scopeId": "email", "config": { "timeZone": "Europe/Berlin", "allowedDays": ["mon", "tue", "wed", "thu", "fri"], "startTime": "09:00", "endTime": "18:00" } }""" },
        { "mutual_exclusion", """{ "name": "One card", "ruleType": "mutual_exclusion", "config": { "offerIds": ["o1", "o2"], "withinDays": 30 } }""" },
        { "cross_channel_cap", """{ "name": "Everywhere", "ruleType": "cross_channel_cap", "config": { "channelIds": ["web", "email"], "maxPerWeek": 4 } }""" },
        { "allow_override", """{ "name": "Regulatory", "ruleType": "allow_override", "priority": 900, "config": { "offerIds": ["o2"], "mandatory": true } }""" },
    };

    private async Task<HttpClient> TenantAsync()
    {
        var (_, admin) = await SeededTenantAsync(app);
        await CatalogSamples.PostAsync(admin, "offers", Json("""{ "id": "o2", "name": "Silver card", "categoryId": "cards", "customFields": { "annualFee": 0 } }"""));
        return admin;
    }

    [Fact]
    public async Task The_specs_dynamic_email_cap_is_accepted_as_written_and_pins_its_metric()
    {
        var admin = await TenantAsync();

        var created = await CreatedAsync(admin, Route, Json(DynamicEmailCap));

        Assert.StartsWith("cp_", (string)created["id"]!);
        Assert.Equal("frequency_cap", (string)created["ruleType"]!);
        Assert.True(JsonNode.DeepEquals(Json(DynamicEmailCap)["config"], created["config"]), created["config"]!.ToJsonString());
        var detail = await DetailAsync(await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_email_impression_7d"), HttpStatusCode.Conflict);
        Assert.Contains($"contact_policy/{created["id"]}", detail);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_email_impression_7d?force=true")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ValidPolicies))]
    public async Task Each_policy_type_is_stored_with_its_typed_config(string ruleType, string body)
    {
        var admin = await TenantAsync();

        var created = await CreatedAsync(admin, Route, Json(body));

        var read = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/{created["id"]}");
        Assert.Equal(ruleType, (string)read!["ruleType"]!);
        var expected = Json(body);
        AssertHolds(expected["config"], read["config"]);
        expected.Remove("config");
        AssertHolds(expected, read);
    }

    public static TheoryData<string, string> InvalidPolicies() => new()
    {
        { """{ "name": "x", "config": {} }""", "ruleType" },
        { """{ "name": "x", "ruleType": "spam_filter", "config": {} }""", "ruleType" },
        { """{ "name": "x", "ruleType": "budget_exhausted", "scope": "creative", "config": {} }""", "scopeId" },
        { """{ "name": "x", "ruleType": "budget_exhausted", "scope": "segment", "scopeId": "a", "config": {} }""", "scope" },
        { """{ "name": "x", "ruleType": "budget_exhausted", "config": { "threshold": 1 } }""", "config.threshold" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": {} }""", "config.maxPerDay" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "metricKey": "email_impression_7d", "threshold": 3, "maxPerDay": 1 } }""", "config.maxPerDay" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "metricKey": "email_impression_7d" } }""", "config.threshold" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "threshold": 3, "action": "suppress" } }""", "config.metricKey" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "metricKey": "email_impression_7d", "threshold": 3, "action": "delete" } }""", "config.action" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "maxPerDay": 0 } }""", "config.maxPerDay" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "maxPerMonth": 5, "channelId": "Web Site" } }""", "config.channelId" },
        { """{ "name": "x", "ruleType": "cooldown", "config": { "per": "offer" } }""", "config.hours" },
        { """{ "name": "x", "ruleType": "cooldown", "config": { "hours": 2, "days": 1 } }""", "config.hours" },
        { """{ "name": "x", "ruleType": "cooldown", "config": { "days": 400 } }""", "config.days" },
        { """{ "name": "x", "ruleType": "cooldown", "config": { "hours": 2, "per": "planet" } }""", "config.per" },
        { """{ "name": "x", "ruleType": "outcome_based", "config": { "outcomes": [] } }""", "config.outcomes" },
        { """{ "name": "x", "ruleType": "outcome_based", "config": { "outcomes": ["convert"], "withinDays": 0 } }""", "config.withinDays" },
        { """{ "name": "x", "ruleType": "segment_exclusion", "config": {} }""", "config.segments" },
        { """{ "name": "x", "ruleType": "time_window", "config": { "timeZone": "Mars/Olympus_Mons" } }""", "config.timeZone" },
        { """{ "name": "x", "ruleType": "time_window", "config": { "timeZone": "W. Europe Standard Time" } }""", "config.timeZone" },
        { """{ "name": "x", "ruleType": "time_window", "config": { "startTime": "9am", "endTime": "17:00" } }""", "config.startTime" },
        { """{ "name": "x", "ruleType": "time_window", "config": { "startTime": "09:00" } }""", "config.endTime" },
        { """{ "name": "x", "ruleType": "time_window", "config": { "startTime": "09:00", "endTime": "09:00" } }""", "config.endTime" },
        { """{ "name": "x", "ruleType": "time_window", "config": { "allowedDays": ["mon", "funday"] } }""", "config.allowedDays[1]" },
        { """{ "name": "x", "ruleType": "mutual_exclusion", "config": { "offerIds": ["o1"] } }""", "config.offerIds" },
        { """{ "name": "x", "ruleType": "mutual_exclusion", "config": { "offerIds": ["o1", "o1"] } }""", "config.offerIds[1]" },
        { """{ "name": "x", "ruleType": "cross_channel_cap", "config": { "channelIds": ["web"], "maxPerDay": 1 } }""", "config.channelIds" },
        { """{ "name": "x", "ruleType": "cross_channel_cap", "config": { "channelIds": ["web", "email"] } }""", "config.maxPerDay" },
        { """{ "name": "x", "ruleType": "allow_override", "config": { "offerIds": [""] } }""", "config.offerIds[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public async Task An_invalid_field_answers_400_naming_its_path(string body, string path)
    {
        var admin = await TenantAsync();

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", Json(body)), HttpStatusCode.BadRequest));
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}"))!["data"]!.AsArray());
    }

    public static TheoryData<string, string> MissingReferences() => new()
    {
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "metricKey": "sms_impression_7d", "threshold": 3 } }""", "config.metricKey" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "metricKey": "email_impression_7d", "threshold": 3, "dimensionMapping": { "offerId": "{{offer.id}}" } } }""", "config.dimensionMapping.offerId" },
        { """{ "name": "x", "ruleType": "frequency_cap", "config": { "maxPerDay": 1, "channelId": "sms" } }""", "config.channelId" },
        { """{ "name": "x", "ruleType": "cooldown", "config": { "days": 1, "outcome": "teleport" } }""", "config.outcome" },
        { """{ "name": "x", "ruleType": "outcome_based", "config": { "outcomes": ["teleport"] } }""", "config.outcomes[0]" },
        { """{ "name": "x", "ruleType": "mutual_exclusion", "config": { "offerIds": ["o1", "o9"] } }""", "config.offerIds[1]" },
        { """{ "name": "x", "ruleType": "cross_channel_cap", "config": { "channelIds": ["web", "fax"], "maxPerDay": 1 } }""", "config.channelIds[1]" },
        { """{ "name": "x", "ruleType": "allow_override", "scope": "creative", "scopeId": "cr_missing", "config": {} }""", "scopeId" },
    };

    [Theory]
    [MemberData(nameof(MissingReferences))]
    public async Task A_reference_to_something_missing_answers_422_naming_its_path(string body, string path)
    {
        var admin = await TenantAsync();

        Assert.Equal([path], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", Json(body)), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Another_tenants_policy_answers_404()
    {
        var owner = await TenantAsync();
        var stranger = await TenantAsync();
        var created = await CreatedAsync(owner, Route, Json(DynamicEmailCap));

        await AssertInvisibleToAsync(stranger, Route, (string)created["id"]!, Json(DynamicEmailCap));
    }

    [Fact]
    public async Task Offers_are_not_mandatory_unless_marked_so()
    {
        var admin = await TenantAsync();

        var plain = await admin.GetFromJsonAsync<JsonObject>("/api/v1/offers/o1");
        var marked = await CatalogSamples.PostAsync(admin, "offers", Json("""{ "id": "o3", "name": "Notice", "categoryId": "cards", "mandatory": true, "customFields": { "annualFee": 0 } }"""));

        Assert.False((bool?)plain!["mandatory"] ?? false);
        Assert.True((bool)marked["mandatory"]!);
    }
}
