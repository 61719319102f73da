using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;
using static Kaireon.Functions.Tests.DecisionFlows.FlowSamples;

namespace Kaireon.Functions.Tests.DecisionFlows;

public sealed class DecisionFlowEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task A_v1_flow_is_stored_under_its_key_as_a_draft()
    {
        var (_, admin) = await TenantAsync(app);

        var flow = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/base-flow");

        Assert.Equal("base-flow", (string)flow!["id"]!);
        Assert.Equal("base-flow", (string)flow["key"]!);
        Assert.Equal("draft", (string)flow["status"]!);
        Assert.Null(flow["publishedVersion"]);
        AssertHolds(V1("base-flow")["config"]!["stages"]!["ranking"], flow["config"]!["stages"]!["ranking"]);
        Assert.Equal("priority_weighted", (string)flow["config"]!["stages"]!["scoring"]!["method"]!);
    }

    [Fact]
    public async Task A_v2_flow_with_all_13_node_types_round_trips_typed()
    {
        var (_, admin) = await TenantAsync(app);
        var body = Full("every-node");

        var created = await CreatedAsync(admin, Route, body);

        Assert.EndsWith($"/api/v1/{Route}/every-node-2", (await admin.PostAsJsonAsync($"/api/v1/{Route}", Full("every-node-2"))).Headers.Location?.ToString());
        var read = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/every-node");
        var sent = body["config"]!["nodes"]!.AsArray();
        var stored = read!["config"]!["nodes"]!.AsArray();
        Assert.Equal(13, stored.Count);
        for (var i = 0; i < sent.Count; i++) AssertHolds(sent[i], stored[i]);
        Assert.Equal(2, (int)read["config"]!["version"]!);
        Assert.Equal((string)created["etag"]!, (string)read["etag"]!);
    }

    [Fact]
    public async Task An_id_may_stand_for_the_key_and_a_flow_without_either_is_refused()
    {
        var (_, admin) = await TenantAsync(app);
        var byId = V1("ignored");
        byId.Remove("key");
        byId["id"] = "by-id";
        var keyless = V1("ignored");
        keyless.Remove("key");

        Assert.Equal("by-id", (string)(await CreatedAsync(admin, Route, byId))["key"]!);
        Assert.Equal(["key"], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", keyless), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/{Route}", V1("base-flow"))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_node_type_answers_400_naming_the_node()
    {
        var (_, admin) = await TenantAsync(app);
        var body = Full("unknown-type");
        body["config"]!["nodes"]![3]!["type"] = "teleport";

        var keys = await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", body), HttpStatusCode.BadRequest);

        Assert.Equal(["config.nodes[3].type"], keys);
    }

    public static TheoryData<string, string> InvalidFlows() => new()
    {
        { """{ "key": "Bad Key", "name": "x", "config": { "stages": {} } }""", "key" },
        { """{ "key": "k", "name": "x" }""", "config" },
        { """{ "key": "k", "name": "x", "config": {} }""", "config.stages" },
        { """{ "key": "k", "name": "x", "config": { "version": 3, "nodes": [] } }""", "config.version" },
        { """{ "key": "k", "name": "x", "config": { "stages": {}, "nodes": [] } }""", "config.nodes" },
        { """{ "key": "k", "name": "x", "config": { "version": 2, "nodes": [] } }""", "config.nodes" },
        { """{ "key": "k", "name": "x", "config": { "version": 2, "stages": {}, "nodes": [ { "id": "a", "type": "inventory" } ] } }""", "config.stages" },
        { """{ "key": "k", "name": "x", "config": { "stages": { "inventory": { "scope": "manual" } } } }""", "config.stages.inventory.offerIds" },
        { """{ "key": "k", "name": "x", "config": { "stages": { "filter": { "condition": { "field": "offer.priority", "operator": "bigger", "value": 1 } } } } }""", "config.stages.filter.condition.operator" },
        { """{ "key": "k", "name": "x", "config": { "stages": { "ranking": { "method": "random" } } } }""", "config.stages.ranking.method" },
        { """{ "key": "k", "name": "x", "config": { "stages": { "scoring": { "method": "model" } } } }""", "config.stages.scoring.modelId" },
        { """{ "key": "k", "name": "x", "config": { "stages": { "surprise": {} } } }""", "config.stages.surprise" },
    };

    public static TheoryData<string, string> InvalidNodes() => new()
    {
        { """[ { "type": "inventory" } ]""", "config.nodes[0].id" },
        { """[ { "id": "a b", "type": "inventory" } ]""", "config.nodes[0].id" },
        { """[ { "id": "a" } ]""", "config.nodes[0].type" },
        { """[ { "id": "a", "type": "inventory", "config": null } ]""", "config.nodes[0].config" },
        { """[ { "id": "a", "type": "inventory", "config": { "scope": "category" } } ]""", "config.nodes[0].config.categoryIds" },
        { """[ { "id": "a", "type": "inventory", "config": { "scope": "all", "offerIds": ["o1"] } } ]""", "config.nodes[0].config.offerIds" },
        { """[ { "id": "a", "type": "inventory", "config": { "bogus": 1 } } ]""", "config.nodes[0].config.bogus" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "match_creatives", "config": { "channelIds": ["Web"] } } ]""", "config.nodes[1].config.channelIds[0]" },
        { """[ { "id": "a", "type": "enrich", "config": { "summaries": [ { "definitionId": "sd_offer_interactions", "window": "2d" } ] } } ]""", "config.nodes[0].config.summaries[0].window" },
        { """[ { "id": "a", "type": "enrich", "config": { "summaries": [ { "definitionId": "sd_offer_interactions" } ] } } ]""", "config.nodes[0].config.summaries[0].window" },
        { """[ { "id": "a", "type": "qualify", "config": { "logic": { "all": [] } } } ]""", "config.nodes[0].config.logic.all" },
        { """[ { "id": "a", "type": "qualify", "config": { "logic": { "all": ["qr_a", { "any": ["Bad Id"] }] } } } ]""", "config.nodes[0].config.logic.all[1].any[0]" },
        { """[ { "id": "a", "type": "qualify", "config": { "logic": { "most": ["qr_a"] } } } ]""", "config.nodes[0].config.logic" },
        { """[ { "id": "a", "type": "qualify", "config": { "ruleIds": ["qr_a"], "logic": "qr_a" } } ]""", "config.nodes[0].config.logic" },
        { """[ { "id": "a", "type": "contact_policy", "config": { "policyIds": ["cp_cap", "cp_cap"] } } ]""", "config.nodes[0].config.policyIds[1]" },
        { """[ { "id": "a", "type": "filter", "config": {} } ]""", "config.nodes[0].config.condition" },
        { """[ { "id": "a", "type": "filter", "config": { "condition": { "field": "weather.today", "operator": "eq", "value": "sun" } } } ]""", "config.nodes[0].config.condition.field" },
        { """[ { "id": "a", "type": "filter", "config": { "condition": { "field": "offer.name", "operator": "regex", "value": "([" } } } ]""", "config.nodes[0].config.condition.value" },
        { """[ { "id": "a", "type": "score", "config": { "method": "model" } } ]""", "config.nodes[0].config.modelId" },
        { """[ { "id": "a", "type": "score", "config": { "method": "priority_weighted", "modelId": "model_bayes" } } ]""", "config.nodes[0].config.modelId" },
        { """[ { "id": "a", "type": "score", "config": { "overrides": [ { "id": "cards", "modelId": "model_bayes" } ] } } ]""", "config.nodes[0].config.overrides[0].scope" },
        { """[ { "id": "a", "type": "score", "config": { "challenger": { "modelId": "model_bayes", "trafficPercent": 150 } } } ]""", "config.nodes[0].config.challenger.trafficPercent" },
        { """[ { "id": "a", "type": "rank", "config": { "limit": 0 } } ]""", "config.nodes[0].config.limit" },
        { """[ { "id": "a", "type": "rank", "config": { "limit": 51 } } ]""", "config.nodes[0].config.limit" },
        { """[ { "id": "a", "type": "rank", "config": { "method": "topN", "epsilon": 0.2 } } ]""", "config.nodes[0].config.epsilon" },
        { """[ { "id": "a", "type": "rank", "config": { "method": "diversity", "diversityField": "colour" } } ]""", "config.nodes[0].config.diversityField" },
        { """[ { "id": "a", "type": "rank", "config": { "method": "explore_exploit", "epsilon": 2 } } ]""", "config.nodes[0].config.epsilon" },
        { """[ { "id": "a", "type": "group", "config": { "placements": [ { "placement": "hero" }, { "placement": "hero" } ] } } ]""", "config.nodes[0].config.placements[1].placement" },
        { """[ { "id": "a", "type": "group", "config": { "strategy": "fair_share" } } ]""", "config.nodes[0].config.strategy" },
        { """[ { "id": "a", "type": "compute", "config": { "fields": [ { "key": "fee", "formula": "offer.customFields.annualFee * (2" } ] } } ]""", "config.nodes[0].config.fields[0].formula" },
        { """[ { "id": "a", "type": "compute", "config": { "fields": [ { "key": "fee", "formula": "system.exit(1)" } ] } } ]""", "config.nodes[0].config.fields[0].formula" },
        { """[ { "id": "a", "type": "compute", "config": { "fields": [ { "key": "1fee", "formula": "1" } ] } } ]""", "config.nodes[0].config.fields[0].key" },
        { """[ { "id": "a", "type": "set_properties", "config": { "properties": [ { "key": "badge", "value": "new", "formula": "1" } ] } } ]""", "config.nodes[0].config.properties[0].value" },
        { """[ { "id": "a", "type": "set_properties", "config": { "properties": [ { "key": "badge" } ] } } ]""", "config.nodes[0].config.properties[0].value" },
        { """[ { "id": "a", "type": "set_properties", "config": { "properties": [ { "key": "fee", "formula": "max(" } ] } } ]""", "config.nodes[0].config.properties[0].formula" },
        { """[ { "id": "a", "type": "response", "config": { "format": "xml" } } ]""", "config.nodes[0].config.format" },
        { """[ { "id": "a", "type": "call_flow", "config": {} } ]""", "config.nodes[0].config.flowKey" },
        { """[ { "id": "a", "type": "call_flow", "config": { "flowKey": "base-flow", "maxDepth": 6 } } ]""", "config.nodes[0].config.maxDepth" },
        { """[ { "id": "a", "type": "call_flow", "config": { "flowKey": "base-flow", "merge": "zip" } } ]""", "config.nodes[0].config.merge" },
    };

    [Theory]
    [MemberData(nameof(InvalidFlows))]
    public async Task An_invalid_flow_answers_400_naming_the_field(string body, string path)
    {
        var (_, admin) = await TenantAsync(app);

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", Json(body)), HttpStatusCode.BadRequest));
    }

    [Theory]
    [MemberData(nameof(InvalidNodes))]
    public async Task An_invalid_node_answers_400_naming_its_path(string nodes, string path)
    {
        var (_, admin) = await TenantAsync(app);

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", WithNodes(nodes)), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/{Route}/custom")).StatusCode);
    }

    public static TheoryData<string, string> MissingReferences() => new()
    {
        { """[ { "id": "a", "type": "inventory", "config": { "scope": "category", "categoryIds": ["cards", "loans"] } } ]""", "config.nodes[0].config.categoryIds[1]" },
        { """[ { "id": "a", "type": "inventory", "config": { "scope": "manual", "offerIds": ["o9"] } } ]""", "config.nodes[0].config.offerIds[0]" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "match_creatives", "config": { "placementIds": ["sidebar"] } } ]""", "config.nodes[1].config.placementIds[0]" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "match_creatives", "config": { "channelIds": ["fax"] } } ]""", "config.nodes[1].config.channelIds[0]" },
        { """[ { "id": "a", "type": "enrich", "config": { "metrics": ["clicks_1d"] } }, { "id": "b", "type": "inventory" } ]""", "config.nodes[0].config.metrics[0]" },
        { """[ { "id": "a", "type": "enrich", "config": { "summaries": [ { "definitionId": "sd_missing", "window": "7d" } ] } }, { "id": "b", "type": "inventory" } ]""", "config.nodes[0].config.summaries[0].definitionId" },
        { """[ { "id": "a", "type": "enrich", "config": { "summaries": [ { "definitionId": "sd_channel_performance", "window": "90d" } ] } }, { "id": "b", "type": "inventory" } ]""", "config.nodes[0].config.summaries[0].window" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "qualify", "config": { "ruleIds": ["qr_a", "qr_z"] } } ]""", "config.nodes[1].config.ruleIds[1]" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "qualify", "config": { "logic": { "any": ["qr_a", { "all": ["qr_z"] }] } } } ]""", "config.nodes[1].config.logic.any[1].all[0]" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "contact_policy", "config": { "policyIds": ["cp_none"] } } ]""", "config.nodes[1].config.policyIds[0]" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "score", "config": { "method": "model", "modelId": "model_none" } } ]""", "config.nodes[1].config.modelId" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "score", "config": { "method": "scorecard", "modelId": "model_bayes" } } ]""", "config.nodes[1].config.modelId" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "score", "config": { "overrides": [ { "scope": "offer", "id": "o9", "modelId": "model_bayes" } ] } } ]""", "config.nodes[1].config.overrides[0].id" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "score", "config": { "challenger": { "modelId": "model_none", "trafficPercent": 5 } } } ]""", "config.nodes[1].config.challenger.modelId" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "score", "config": { "arbitrationProfileId": "arb_none" } } ]""", "config.nodes[1].config.arbitrationProfileId" },
        { """[ { "id": "a", "type": "call_flow", "config": { "flowKey": "no-such-flow" } } ]""", "config.nodes[0].config.flowKey" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "a", "type": "rank" } ]""", "config.nodes[1].id" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "score" }, { "id": "c", "type": "qualify" } ]""", "config.nodes[2].type" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "response" }, { "id": "c", "type": "rank" } ]""", "config.nodes[2].type" },
        { """[ { "id": "a", "type": "inventory" }, { "id": "b", "type": "response" }, { "id": "c", "type": "response" } ]""", "config.nodes[2].type" },
        { """[ { "id": "a", "type": "qualify" }, { "id": "b", "type": "inventory" } ]""", "config.nodes[0].type" },
        { """[ { "id": "a", "type": "enrich" }, { "id": "b", "type": "response" } ]""", "config.nodes" },
    };

    [Theory]
    [MemberData(nameof(MissingReferences))]
    public async Task A_missing_entity_or_an_unrunnable_node_list_answers_422_naming_the_path(string nodes, string path)
    {
        var (_, admin) = await TenantAsync(app);

        Assert.Equal([path], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Route}", WithNodes(nodes)), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Nodes_out_of_phase_order_are_refused_with_the_rule_in_the_message()
    {
        var (_, admin) = await TenantAsync(app);

        var response = await admin.PostAsJsonAsync($"/api/v1/{Route}", WithNodes("""[ { "id": "inv", "type": "inventory" }, { "id": "out", "type": "compute" }, { "id": "late", "type": "score" } ]"""));

        var detail = await DetailAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("config.nodes[2].type", detail);
        Assert.Contains("narrow → score & rank → output", detail);
    }

    [Fact]
    public async Task Entities_a_flow_uses_cannot_be_deleted()
    {
        var (_, admin) = await TenantAsync(app);
        await CreatedAsync(admin, Route, Full("every-node"));

        foreach (var entity in new[] { "qualification-rules/qr_b", "contact-policies/cp_cap", "algorithm-models/model_bayes", "arbitration-profiles/arb_1", "decision-flows/base-flow", "categories/cards", "placements/hero" })
            Assert.Contains("decision_flow/every-node", await DetailAsync(await admin.DeleteAsync($"/api/v1/{entity}"), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/v1/behavioral-metrics/bm_email_impression_7d")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_flow_answers_404()
    {
        var (_, owner) = await TenantAsync(app);
        var (_, stranger) = await TenantAsync(app);
        await CreatedAsync(owner, Route, Full("every-node"));

        await AssertInvisibleToAsync(stranger, Route, "every-node", Full("every-node"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/{Route}/every-node/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/{Route}/every-node/versions")).StatusCode);
    }
}
