using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.Decisioning.RecommendCatalog;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>Recommend end to end over a small realistic catalog: flow selection, nodes, recording for Respond, impressions, traces.</summary>
public sealed class RecommendEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private Task<(TestTenant Tenant, HttpClient Admin, HttpClient Runtime)> SetUpAsync() => RecommendCatalog.SetUpAsync(app);

    [Fact]
    public async Task Without_flows_the_base_flow_ranks_active_offers_by_priority_times_weight_and_respond_names_a_decision_by_rank()
    {
        var (_, _, runtime) = await SetUpAsync();

        var result = await RecommendAsync(runtime, new { customerId = "c1", limit = 3 });

        // o2 0.9, o4 0.8, o1 0.7×0.8 = 0.56, o3 0.6×0.5 = 0.3; o5 is paused.
        Assert.Equal(["o2", "o4", "o1"], Offers(result));
        Assert.Equal(3, (int)result["count"]!);
        Assert.Null(result["decisionFlowKey"]);
        Assert.Equal(0.9, (double)result["decisions"]![0]!["score"]!, 6);
        Assert.Equal(1, (int)result["decisions"]![0]!["rank"]!);

        var respond = await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", recommendationId = (string)result["recommendationId"]!, rank = 2, idempotencyKey = "k1" });
        var answer = await respond.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.Accepted, respond.StatusCode);
        Assert.Equal(("o4", "cr4", "web"), ((string)answer!["offerId"]!, (string)answer["creativeId"]!, (string)answer["channelId"]!));
    }

    [Fact]
    public async Task Excludes_limits_and_channels_narrow_the_decisions_and_maxOffers_is_an_alias()
    {
        var (_, _, runtime) = await SetUpAsync();

        Assert.Equal(["o4", "o1"], Offers(await RecommendAsync(runtime, new { customerId = "c1", maxOffers = 2, excludeOffers = new[] { "o2" } })));
        var email = await RecommendAsync(runtime, new { customerId = "c1", channel = "email", limit = 1 });
        Assert.Equal("email", (string)email["decisions"]![0]!["channelId"]!);
    }

    [Fact]
    public async Task A_v1_flow_and_the_equivalent_v2_flow_give_the_same_decisions()
    {
        var (_, admin, runtime) = await SetUpAsync();
        var condition = new JsonObject { ["field"] = "offer.priority", ["operator"] = "gte", ["value"] = 70 };
        await PublishAsync(admin, new JsonObject
        {
            ["id"] = "v1-flow", ["name"] = "Fixed stages",
            ["config"] = new JsonObject { ["stages"] = new JsonObject
            {
                ["inventory"] = new JsonObject { ["scope"] = "category", ["categoryIds"] = new JsonArray("cards") },
                ["filter"] = new JsonObject { ["condition"] = condition.DeepClone() },
                ["ranking"] = new JsonObject { ["method"] = "topN", ["limit"] = 2 },
            } },
        });
        await PublishAsync(admin, new JsonObject
        {
            ["id"] = "v2-flow", ["name"] = "Composable",
            ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "n1", ["type"] = "inventory", ["config"] = new JsonObject { ["scope"] = "category", ["categoryIds"] = new JsonArray("cards") } },
                new JsonObject { ["id"] = "n2", ["type"] = "match_creatives", ["config"] = new JsonObject { ["requireCreative"] = false } },
                new JsonObject { ["id"] = "n3", ["type"] = "filter", ["config"] = new JsonObject { ["condition"] = condition.DeepClone() } },
                new JsonObject { ["id"] = "n4", ["type"] = "score", ["config"] = new JsonObject { ["method"] = "priority_weighted" } },
                new JsonObject { ["id"] = "n5", ["type"] = "rank", ["config"] = new JsonObject { ["method"] = "topN", ["limit"] = 2 } },
                new JsonObject { ["id"] = "n6", ["type"] = "response", ["config"] = new JsonObject { ["format"] = "standard" } }) },
        });

        var v1 = await RecommendAsync(runtime, new { customerId = "c1", decisionFlowKey = "v1-flow", debug = true });
        var v2 = await RecommendAsync(runtime, new { customerId = "c1", decisionFlowKey = "v2-flow" });

        Assert.Equal(["o2", "o4"], Offers(v1));
        Assert.Equal(Offers(v1), Offers(v2));
        Assert.Equal("v1-flow", (string)v1["decisionFlowKey"]!);
        Assert.Equal(4, (int)v1["meta"]!["funnel"]!["inventory"]!);
        Assert.Equal(2, (int)v1["meta"]!["funnel"]!["filter"]!);
        Assert.NotNull(v1["traceId"]);
        Assert.Null(v2["meta"]!["funnel"]);
    }

    [Fact]
    public async Task A_published_flow_becomes_the_default_and_set_properties_and_grouping_shape_the_answer()
    {
        var (_, admin, runtime) = await SetUpAsync();
        await PublishAsync(admin, new JsonObject
        {
            ["id"] = "grouped", ["name"] = "Grouped",
            ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "inv", ["type"] = "inventory" },
                new JsonObject { ["id"] = "cr", ["type"] = "match_creatives", ["config"] = new JsonObject { ["requireCreative"] = false, ["useRequestPlacement"] = false } },
                new JsonObject { ["id"] = "sc", ["type"] = "score" },
                new JsonObject { ["id"] = "rk", ["type"] = "rank", ["config"] = new JsonObject { ["limit"] = 3 } },
                new JsonObject { ["id"] = "gr", ["type"] = "group", ["config"] = new JsonObject { ["placements"] = new JsonArray(new JsonObject { ["placement"] = "hero", ["limit"] = 1 }, new JsonObject { ["placement"] = "sidebar", ["limit"] = 2 }) } },
                new JsonObject { ["id"] = "sp", ["type"] = "set_properties", ["config"] = new JsonObject { ["properties"] = new JsonArray(
                    new JsonObject { ["key"] = "badge", ["value"] = "new" },
                    new JsonObject { ["key"] = "fee", ["formula"] = "offer.customFields.annualFee * 2" }) } },
                new JsonObject { ["id"] = "rs", ["type"] = "response", ["config"] = new JsonObject { ["format"] = "grouped" } }) },
        });

        var result = await RecommendAsync(runtime, new { customerId = "c1" });

        Assert.Equal("grouped", (string)result["decisionFlowKey"]!);
        var groups = result["groups"]!.AsArray();
        Assert.Equal(["hero", "sidebar"], groups.Select(g => (string)g!["placement"]!));
        Assert.Equal("o2", (string)groups[0]!["decisions"]![0]!["offerId"]!);
        Assert.Equal("new", (string)result["decisions"]![0]!["properties"]!["badge"]!);
        Assert.Equal(180, (double)result["decisions"]![0]!["properties"]!["fee"]!);
    }

    [Fact]
    public async Task Implicit_impression_channels_record_an_impression_for_each_decision()
    {
        var (_, _, runtime) = await SetUpAsync();

        var result = await RecommendAsync(runtime, new { customerId = "c9", channelId = "email", limit = 1 });

        Assert.Equal("o2", Offers(result).Single());
        var summary = await runtime.GetFromJsonAsync<JsonObject>("/api/v1/interaction-summaries?definitionId=sd_offer_interactions&window=1d&customerId=c9");
        var row = Assert.Single(summary!["rows"]!.AsArray());
        Assert.Equal(("o2", "impression", 1L), ((string)row!["dimensions"]!["offer_id"]!, (string)row["dimensions"]!["outcome_key"]!, (long)row["count"]!));
    }

    [Fact]
    public async Task Bad_requests_unknown_flows_and_wrong_scopes_answer_clearly()
    {
        var (_, admin, runtime) = await SetUpAsync();

        var invalid = await runtime.PostAsJsonAsync("/api/v1/recommend", new { customerId = "c1", limit = 51, sessionId = "not valid!", placements = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order();
        Assert.Equal(["limit", "placements", "sessionId"], errors);
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.PostAsJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "missing" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/v1/recommend", new { customerId = "c1" })).StatusCode);
    }

    [Fact]
    public async Task Call_flow_runs_another_published_flow_and_appends_its_candidates()
    {
        var (_, admin, runtime) = await SetUpAsync();
        await PublishAsync(admin, new JsonObject { ["id"] = "callee", ["name"] = "Callee", ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = new JsonArray(
            new JsonObject { ["id"] = "n1", ["type"] = "inventory", ["config"] = new JsonObject { ["scope"] = "manual", ["offerIds"] = new JsonArray("o1", "o3", "o2") } }) } });
        await PublishAsync(admin, new JsonObject
        {
            ["id"] = "caller", ["name"] = "Calls another",
            ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "n1", ["type"] = "inventory", ["config"] = new JsonObject { ["scope"] = "manual", ["offerIds"] = new JsonArray("o2") } },
                new JsonObject { ["id"] = "n2", ["type"] = "call_flow", ["config"] = new JsonObject { ["flowKey"] = "callee" } },
                new JsonObject { ["id"] = "n3", ["type"] = "score" },
                new JsonObject { ["id"] = "n4", ["type"] = "rank" }) },
        });

        var result = await RecommendAsync(runtime, new { customerId = "c1", decisionFlowKey = "caller", debug = true });

        Assert.Equal(["o2", "o1", "o3"], Offers(result));
        Assert.Equal(3, (int)result["meta"]!["funnel"]!["call_flow"]!);
    }

    [Fact]
    public async Task Anonymous_callers_get_a_stable_id_from_their_session()
    {
        var (_, _, runtime) = await SetUpAsync();

        var first = await RecommendAsync(runtime, new { customerId = "anonymous", sessionId = "s-123" });
        var again = await RecommendAsync(runtime, new { sessionId = "s-123" });

        Assert.StartsWith("anon_", (string)first["customerId"]!);
        Assert.Equal((string)first["customerId"]!, (string)again["customerId"]!);
    }
}
