using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary><c>enrich</c> loads behavioral metrics for the flow's conditions and formulas (<c>metrics.*</c>), per candidate.</summary>
public sealed class EnrichTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task A_filter_on_an_enriched_metric_hides_offers_the_customer_already_clicked()
    {
        var (_, admin, runtime) = await RecommendCatalog.SetUpAsync(app);
        (await admin.PostAsJsonAsync("/api/v1/behavioral-metrics", new { id = "bm_clicks_by_offer", name = "Clicks by offer", aggregateFunction = "count", sourceField = "positive", groupByDimensions = new[] { "offerId" }, windowDays = 30 })).EnsureSuccessStatusCode();
        var flow = await admin.PostAsJsonAsync("/api/v1/decision-flows", new JsonObject
        {
            ["id"] = "fresh", ["name"] = "Only unclicked offers",
            ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "inv", ["type"] = "inventory" },
                new JsonObject { ["id"] = "en", ["type"] = "enrich", ["config"] = new JsonObject { ["metrics"] = new JsonArray("bm_clicks_by_offer") } },
                new JsonObject { ["id"] = "fi", ["type"] = "filter", ["config"] = new JsonObject { ["condition"] = new JsonObject { ["field"] = "metrics.bm_clicks_by_offer", ["operator"] = "lt", ["value"] = 1 } } },
                new JsonObject { ["id"] = "sc", ["type"] = "score" },
                new JsonObject { ["id"] = "rk", ["type"] = "rank" }) },
        });
        Assert.True(flow.IsSuccessStatusCode, await flow.Content.ReadAsStringAsync());
        (await admin.PostAsync("/api/v1/decision-flows/fresh/publish", null)).EnsureSuccessStatusCode();
        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "click", offerId = "o2", idempotencyKey = "k1" })).EnsureSuccessStatusCode();

        var result = await (await runtime.PostAsJsonAsync("/api/v1/recommend", new { customerId = "c1", debug = true })).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(["o4", "o1", "o3"], result!["decisions"]!.AsArray().Select(d => (string)d!["offerId"]!));
        Assert.Equal(3, (int)result["meta"]!["funnel"]!["filter"]!);
    }
}
