using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;

namespace Kaireon.Functions.Tests.QualificationRules;

public sealed class QualificationRuleEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Route = "qualification-rules";

    /// <summary>The behavioral-metrics page's example, verbatim.</summary>
    private const string EngagementScoreGate = """
        {
          "name": "Engagement Score Gate",
          "ruleType": "metric_condition",
          "qualification": "soft",
          "config": {
            "metricId": "bm_response_rate_30d",
            "operator": "gte",
            "threshold": 0.1,
            "dimensionMapping": {}
          }
        }
        """;

    /// <summary>A valid rule of each type, using the seeded entities.</summary>
    public static TheoryData<string, string> ValidRules() => new()
    {
        { "segment_required", """{ "name": "VIP only", "ruleType": "segment_required", "config": { "segment": "vip" } }""" },
        { "segment_required", """{ "name": "Any of", "ruleType": "segment_required", "scope": "segment", "scopeId": "students", "config": { "segments": ["vip", "gold"], "match": "all" } }""" },
        { "attribute_condition", """{ "name": "Adults", "ruleType": "attribute_condition", "scope": "category", "scopeId": "cards", "config": { "condition": { "all": [ { "field": "attributes.age", "operator": "gte", "value": 18 }, { "field": "customer.attributes.country", "operator": "in", "value": ["DE", "FR"] } ] } } }""" },
        { "propensity_threshold", """{ "name": "Likely", "ruleType": "propensity_threshold", "qualification": "soft", "fitMultiplier": 0.3, "scope": "offer", "scopeId": "o1", "priority": 10, "config": { "threshold": 0.4, "key": "cards" } }""" },
        { "recency_check", """{ "name": "Not converted lately", "ruleType": "recency_check", "scope": "channel", "scopeId": "web", "config": { "outcomeTypes": ["convert", "accept"], "withinDays": 30, "mustHave": false, "scope": "category" } }""" },
        { "recency_check", """{ "name": "Clicked in the last hour", "ruleType": "recency_check", "scope": "placement", "scopeId": "hero", "config": { "outcome": "click", "withinMinutes": 60, "mustHave": true } }""" },
        { "metric_condition", """{ "name": "Few emails", "ruleType": "metric_condition", "scope": "subcategory", "scopeId": "gold", "status": "inactive", "config": { "metricId": "email_impression_7d", "operator": "lt", "threshold": 3, "dimensionMapping": { "channelId": "{{channel.id}}" } } }""" },
    };

    [Fact]
    public async Task The_specs_engagement_score_gate_is_accepted_as_written()
    {
        var (_, admin) = await SeededTenantAsync(app);

        var created = await CreatedAsync(admin, Route, Json(EngagementScoreGate));

        Assert.StartsWith("qr_", (string)created["id"]!);
        Assert.Equal("metric_condition", (string)created["ruleType"]!);
        Assert.Equal("soft", (string)created["qualification"]!);
        Assert.Equal(0.5, (double)created["fitMultiplier"]!);
        Assert.Equal("global", (string)created["scope"]!);
        Assert.Equal(0, (int)created["priority"]!);
        Assert.Equal("active", (string)created["status"]!);
        Assert.True(JsonNode.DeepEquals(Json(EngagementScoreGate)["config"], created["config"]), created["config"]!.ToJsonString());
        var read = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/{created["id"]}");
        Assert.True(JsonNode.DeepEquals(created, read), read!.ToJsonString());
        var listed = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}");
        Assert.Equal("metric_condition", (string)listed!["data"]![0]!["ruleType"]!);
    }

    [Theory]
    [MemberData(nameof(ValidRules))]
    public async Task Each_rule_type_is_stored_with_its_typed_config(string ruleType, string body)
    {
        var (_, admin) = await SeededTenantAsync(app);

        var created = await CreatedAsync(admin, Route, Json(body));

        Assert.Equal(ruleType, (string)created["ruleType"]!);
        var read = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/{created["id"]}");
        var expected = Json(body);
        AssertHolds(expected["config"], read!["config"]);
        expected.Remove("config");
        AssertHolds(expected, read);
    }

    public static TheoryData<string, string> InvalidRules() => new()
    {
        { """{ "name": "x", "ruleType": "vibes", "config": {} }""", "ruleType" },
        { """{ "name": "x", "config": { "segment": "vip" } }""", "ruleType" },
        { """{ "name": "", "ruleType": "segment_required", "config": { "segment": "vip" } }""", "name" },
        { """{ "name": "x", "ruleType": "segment_required", "config": null }""", "config" },
        { """{ "name": "x", "ruleType": "segment_required", "config": {} }""", "config.segment" },
        { """{ "name": "x", "ruleType": "segment_required", "config": { "segment": "a", "segments": ["b"] } }""", "config.segments" },
        { """{ "name": "x", "ruleType": "segment_required", "config": { "segments": ["a", ""] } }""", "config.segments[1]" },
        { """{ "name": "x", "ruleType": "segment_required", "qualification": "medium", "config": { "segment": "a" } }""", "qualification" },
        { """{ "name": "x", "ruleType": "segment_required", "qualification": "soft", "fitMultiplier": 0.05, "config": { "segment": "a" } }""", "fitMultiplier" },
        { """{ "name": "x", "ruleType": "segment_required", "scope": "region", "config": { "segment": "a" } }""", "scope" },
        { """{ "name": "x", "ruleType": "segment_required", "scope": "channel", "config": { "segment": "a" } }""", "scopeId" },
        { """{ "name": "x", "ruleType": "segment_required", "priority": 5000, "config": { "segment": "a" } }""", "priority" },
        { """{ "name": "x", "ruleType": "segment_required", "status": "paused", "config": { "segment": "a" } }""", "status" },
        { """{ "name": "x", "ruleType": "attribute_condition", "config": { "condition": { "all": [ { "field": "attributes.age", "operator": "older", "value": 18 } ] } } }""", "config.condition.all[0].operator" },
        { """{ "name": "x", "ruleType": "attribute_condition", "config": { "condition": { "field": "age", "operator": "gte", "value": 18 } } }""", "config.condition.field" },
        { """{ "name": "x", "ruleType": "attribute_condition", "config": {} }""", "config.condition" },
        { """{ "name": "x", "ruleType": "propensity_threshold", "config": { "threshold": 1.5 } }""", "config.threshold" },
        { """{ "name": "x", "ruleType": "propensity_threshold", "config": { "threshold": "high" } }""", "config.threshold" },
        { """{ "name": "x", "ruleType": "propensity_threshold", "config": { "threshold": 0.5, "modelId": "Not An Id" } }""", "config.modelId" },
        { """{ "name": "x", "ruleType": "recency_check", "config": { "withinDays": 0, "mustHave": true } }""", "config.withinDays" },
        { """{ "name": "x", "ruleType": "recency_check", "config": { "withinDays": 7, "withinMinutes": 5, "mustHave": true } }""", "config.withinDays" },
        { """{ "name": "x", "ruleType": "recency_check", "config": { "withinDays": 7 } }""", "config.mustHave" },
        { """{ "name": "x", "ruleType": "recency_check", "config": { "withinDays": 7, "mustHave": true, "scope": "galaxy" } }""", "config.scope" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_response_rate_30d", "operator": "ne", "threshold": 1 } }""", "config.operator" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_response_rate_30d", "operator": "gt" } }""", "config.threshold" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_response_rate_30d", "operator": "gt", "thresold": 1 } }""", "config.thresold" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "operator": "gt", "threshold": 1 } }""", "config.metricId" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_response_rate_30d", "operator": "gt", "threshold": 1, "dimensionMapping": { "placementId": "hero" } } }""", "config.dimensionMapping.placementId" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_response_rate_30d", "operator": "gt", "threshold": 1, "dimensionMapping": { "offerId": "{{offer}}" } } }""", "config.dimensionMapping.offerId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task An_invalid_field_answers_400_naming_its_path(string body, string path)
    {
        var (_, admin) = await SeededTenantAsync(app);

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", Json(body)), HttpStatusCode.BadRequest));
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}"))!["data"]!.AsArray());
    }

    public static TheoryData<string, string> MissingReferences() => new()
    {
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_missing", "operator": "gt", "threshold": 1 } }""", "config.metricId" },
        { """{ "name": "x", "ruleType": "metric_condition", "config": { "metricId": "bm_response_rate_30d", "operator": "gt", "threshold": 1, "dimensionMapping": { "channelId": "email" } } }""", "config.dimensionMapping.channelId" },
        { """{ "name": "x", "ruleType": "segment_required", "scope": "category", "scopeId": "loans", "config": { "segment": "a" } }""", "scopeId" },
        { """{ "name": "x", "ruleType": "segment_required", "scope": "placement", "scopeId": "sidebar", "config": { "segment": "a" } }""", "scopeId" },
        { """{ "name": "x", "ruleType": "propensity_threshold", "config": { "threshold": 0.5, "modelId": "model_missing" } }""", "config.modelId" },
        { """{ "name": "x", "ruleType": "recency_check", "config": { "outcome": "teleport", "withinDays": 3, "mustHave": true } }""", "config.outcome" },
        { """{ "name": "x", "ruleType": "recency_check", "config": { "outcomeTypes": ["click", "teleport"], "withinDays": 3, "mustHave": true } }""", "config.outcomeTypes[1]" },
    };

    [Theory]
    [MemberData(nameof(MissingReferences))]
    public async Task A_reference_to_something_missing_answers_422_naming_its_path(string body, string path)
    {
        var (_, admin) = await SeededTenantAsync(app);

        Assert.Equal([path], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", Json(body)), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Deleting_the_metric_a_rule_uses_answers_409_unless_forced()
    {
        var (_, admin) = await SeededTenantAsync(app);
        var rule = await CreatedAsync(admin, Route, Json(EngagementScoreGate));

        var detail = await DetailAsync(await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_response_rate_30d"), HttpStatusCode.Conflict);
        Assert.Contains($"qualification_rule/{rule["id"]}", detail);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_response_rate_30d?force=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/{Route}/{rule["id"]}")).StatusCode);
    }

    [Fact]
    public async Task A_metric_written_as_its_key_is_referenced_by_its_id()
    {
        var (_, admin) = await SeededTenantAsync(app);
        await CreatedAsync(admin, Route, Json("""{ "name": "Few", "ruleType": "metric_condition", "config": { "metricId": "email_impression_7d", "operator": "lt", "threshold": 3 } }"""));

        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_email_impression_7d")).StatusCode);
    }

    [Fact]
    public async Task A_rule_can_change_type_on_put_and_a_stale_if_match_answers_412()
    {
        var (_, admin) = await SeededTenantAsync(app);
        var created = await CreatedAsync(admin, Route, Json(EngagementScoreGate));
        var url = $"/api/v1/{Route}/{created["id"]}";
        var replacement = Json("""{ "name": "VIP", "ruleType": "segment_required", "qualification": "hard", "fitMultiplier": 0.7, "scope": "global", "scopeId": "ignored", "config": { "segment": "vip" } }""");

        var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(replacement) };
        put.Headers.TryAddWithoutValidation("If-Match", (string)created["etag"]!);
        var response = await admin.SendAsync(put);
        var replaced = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("segment_required", (string)replaced!["ruleType"]!);
        Assert.Null(replaced["fitMultiplier"]);
        Assert.Null(replaced["scopeId"]);
        var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(replacement) };
        stale.Headers.TryAddWithoutValidation("If-Match", (string)created["etag"]!);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
        // The metric is no longer referenced: it can be deleted without force.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_response_rate_30d")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_rule_answers_404()
    {
        var (_, owner) = await SeededTenantAsync(app);
        var (_, stranger) = await SeededTenantAsync(app);
        var created = await CreatedAsync(owner, Route, Json(EngagementScoreGate));

        await AssertInvisibleToAsync(stranger, Route, (string)created["id"]!, Json(EngagementScoreGate));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/{Route}/{created["id"]}")).StatusCode);
    }

    [Fact]
    public async Task A_read_key_lists_rules_and_cannot_create_them()
    {
        var (tenant, admin) = await SeededTenantAsync(app);
        await CreatedAsync(admin, Route, Json(EngagementScoreGate));
        using var reader = await tenant.ClientWithScopesAsync("read");

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/{Route}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/v1/{Route}", Json(EngagementScoreGate))).StatusCode);
    }
}
