using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;
using static Kaireon.Functions.Tests.DecisionFlows.FlowSamples;

namespace Kaireon.Functions.Tests.DecisionFlows;

/// <summary>Publishing, versions, the flow Recommend runs, and call_flow cycles.</summary>
public sealed class DecisionFlowPublishingTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private DecisionFlowService Flows => app.Services.GetRequiredService<DecisionFlowService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> PublishAsync(HttpClient admin, string key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{Route}/{key}/publish");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await admin.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"publish {key}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<DecisionFlowVersion?> LiveAsync(TenantId tenant, string key) => (await Flows.PublishedAsync(tenant, Ct)).Find(key)?.Version;

    private async Task<DecisionFlowVersion?> DefaultAsync(TenantId tenant) => (await Flows.PublishedAsync(tenant, Ct)).Default?.Version;

    [Fact]
    public async Task Publishing_snapshots_a_version_that_edits_leave_alone_until_the_next_publish()
    {
        var (tenant, admin) = await TenantAsync(app);
        await CreatedAsync(admin, Route, V2("promo"));
        var tenantId = TenantId.Parse(tenant.Id);
        Assert.Null(await LiveAsync(tenantId, "promo"));

        var published = await PublishAsync(admin, "promo");
        Assert.Equal("published", (string)published["status"]!);
        Assert.Equal(1, (int)published["publishedVersion"]!);
        Assert.NotNull(published["publishedAt"]);

        var edited = V2("promo");
        edited["config"]!["nodes"]![1]!["config"]!["limit"] = 9;
        var put = await admin.PutAsJsonAsync($"/api/v1/{Route}/promo", edited, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var afterEdit = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/promo", Ct);
        Assert.Equal("published", (string)afterEdit!["status"]!);
        Assert.Equal(1, (int)afterEdit["publishedVersion"]!);
        var live = await LiveAsync(tenantId, "promo");
        Assert.Equal(1, live!.Version);
        Assert.Equal(3, Assert.IsType<RankNode>(live.Config.Nodes![1]).Config!.Limit);

        await PublishAsync(admin, "promo");
        live = await LiveAsync(tenantId, "promo");
        Assert.Equal(2, live!.Version);
        Assert.Equal(9, Assert.IsType<RankNode>(live.Config.Pipeline()[1]).Config!.Limit);

        var versions = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/promo/versions", Ct);
        Assert.Equal([2, 1], versions!["data"]!.AsArray().Select(v => (int)v!["version"]!));
        Assert.Equal(2, (int)versions["pagination"]!["total"]!);
        var first = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/promo/versions/1", Ct);
        Assert.Equal(3, (int)first!["config"]!["nodes"]![1]!["config"]!["limit"]!);
        Assert.Equal("promo", (string)first["flowKey"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/{Route}/promo/versions/7", Ct)).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?entityKind=decision_flow&entityId=promo", Ct);
        Assert.Contains(audit!["data"]!.AsArray(), e => (string?)e!["detail"] == "Published version 2.");
    }

    [Fact]
    public async Task A_v1_flow_publishes_and_runs_as_its_compiled_nodes()
    {
        var (tenant, admin) = await TenantAsync(app);

        await PublishAsync(admin, "base-flow");

        var live = await LiveAsync(TenantId.Parse(tenant.Id), "base-flow");
        Assert.False(live!.Config.IsComposable);
        Assert.Equal(
            [FlowNodeType.Inventory, FlowNodeType.Enrich, FlowNodeType.MatchCreatives, FlowNodeType.Qualify, FlowNodeType.ContactPolicy, FlowNodeType.Score, FlowNodeType.Rank, FlowNodeType.Response],
            live.Config.Pipeline().Select(n => n.Type!.Value));
    }

    [Fact]
    public async Task The_default_flow_is_the_one_published_last_and_archived_flows_never_run()
    {
        var (tenant, admin) = await TenantAsync(app);
        var tenantId = TenantId.Parse(tenant.Id);
        await CreatedAsync(admin, Route, V2("alpha"));
        await CreatedAsync(admin, Route, V2("beta"));
        Assert.Null(await DefaultAsync(tenantId));

        await PublishAsync(admin, "beta");
        await PublishAsync(admin, "alpha");
        Assert.Equal("alpha", (await DefaultAsync(tenantId))!.FlowKey);

        var archived = V2("alpha");
        archived["status"] = "archived";
        Assert.Equal("archived", (string)(await (await admin.PutAsJsonAsync($"/api/v1/{Route}/alpha", archived, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!);
        Assert.Equal("beta", (await DefaultAsync(tenantId))!.FlowKey);
        Assert.Null(await LiveAsync(tenantId, "alpha"));
        Assert.Contains("archived", await DetailAsync(await admin.PostAsync($"/api/v1/{Route}/alpha/publish", null, Ct), HttpStatusCode.Conflict));

        // Any other status brings it back, still published at its last version.
        var restored = await admin.PutAsJsonAsync($"/api/v1/{Route}/alpha", V2("alpha"), Ct);
        Assert.Equal("published", (string)(await restored.Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!);
        Assert.Equal(1, (await LiveAsync(tenantId, "alpha"))!.Version);
    }

    [Fact]
    public async Task Publish_honours_if_match_and_answers_404_for_a_missing_flow()
    {
        var (_, admin) = await TenantAsync(app);
        var flow = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/base-flow", Ct);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{Route}/base-flow/publish");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale, Ct)).StatusCode);
        Assert.Equal(1, (int)(await PublishAsync(admin, "base-flow", (string)flow!["etag"]!))["publishedVersion"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/{Route}/nope/publish", null, Ct)).StatusCode);
        using var reader = await (await app.NewTenantAsync(Ct)).ClientWithScopesAsync("read");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/v1/{Route}/base-flow/publish", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_published_version_pins_what_it_uses_even_after_the_draft_drops_it()
    {
        var (_, admin) = await TenantAsync(app);
        var withRule = WithNodes("""[ { "id": "inv", "type": "inventory" }, { "id": "q", "type": "qualify", "config": { "ruleIds": ["qr_b"] } } ]""");
        await CreatedAsync(admin, Route, withRule);
        await PublishAsync(admin, "custom");
        (await admin.PutAsJsonAsync($"/api/v1/{Route}/custom", WithNodes("""[ { "id": "inv", "type": "inventory" } ]"""), Ct)).EnsureSuccessStatusCode();

        var detail = await DetailAsync(await admin.DeleteAsync("/api/v1/qualification-rules/qr_b", Ct), HttpStatusCode.Conflict);
        Assert.Contains("decision_flow_published/custom", detail);

        await PublishAsync(admin, "custom");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/qualification-rules/qr_b", Ct)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_flow_removes_its_versions_so_a_new_flow_of_that_key_starts_at_1()
    {
        var (tenant, admin) = await TenantAsync(app);
        await CreatedAsync(admin, Route, V2("short-lived"));
        await PublishAsync(admin, "short-lived");
        await PublishAsync(admin, "short-lived");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/{Route}/short-lived", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/{Route}/short-lived/versions", Ct)).StatusCode);
        Assert.Null(await LiveAsync(TenantId.Parse(tenant.Id), "short-lived"));

        await CreatedAsync(admin, Route, V2("short-lived"));
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/short-lived/versions", Ct))!["data"]!.AsArray());
        Assert.Equal(1, (int)(await PublishAsync(admin, "short-lived"))["publishedVersion"]!);
    }

    [Fact]
    public async Task A_call_flow_cycle_across_flows_answers_422_naming_the_node()
    {
        var (_, admin) = await TenantAsync(app);
        await CreatedAsync(admin, Route, V2("a"));
        await CreatedAsync(admin, Route, V2("b", "a"));
        await CreatedAsync(admin, Route, V2("c", "b"));

        var twoCycle = await admin.PutAsJsonAsync($"/api/v1/{Route}/a", V2("a", "b"), Ct);
        Assert.Equal(["config.nodes[1].config.flowKey"], await ErrorKeysAsync(twoCycle, HttpStatusCode.UnprocessableEntity));
        var threeCycle = await admin.PutAsJsonAsync($"/api/v1/{Route}/a", V2("a", "base-flow", "c"), Ct);
        Assert.Contains("a → c → b → a", await DetailAsync(threeCycle, HttpStatusCode.UnprocessableEntity));
        var self = await admin.PutAsJsonAsync($"/api/v1/{Route}/a", V2("a", "a"), Ct);
        Assert.Equal(["config.nodes[1].config.flowKey"], await ErrorKeysAsync(self, HttpStatusCode.UnprocessableEntity));
        var selfOnCreate = await admin.PostAsJsonAsync($"/api/v1/{Route}", V2("d", "d"), Ct);
        Assert.Equal(["config.nodes[1].config.flowKey"], await ErrorKeysAsync(selfOnCreate, HttpStatusCode.UnprocessableEntity));

        // Nothing was written, and a call that closes no cycle is fine.
        Assert.Single((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{Route}/a", Ct))!["config"]!["nodes"]!.AsArray(), n => (string)n!["type"]! == "inventory");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/{Route}/a", V2("a", "base-flow"), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_body_is_still_answered_by_the_validation_not_the_cycle_check()
    {
        var (_, admin) = await TenantAsync(app);
        await CreatedAsync(admin, Route, V2("a"));
        var cyclicAndNameless = V2("a", "a");
        cyclicAndNameless["name"] = "";

        Assert.Equal(["name"], await ErrorKeysAsync(await admin.PutAsJsonAsync($"/api/v1/{Route}/a", cyclicAndNameless, Ct), HttpStatusCode.BadRequest));
        var malformed = new StringContent("{ \"key\": \"a\", ", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync($"/api/v1/{Route}/a", malformed, Ct)).StatusCode);
    }
}
