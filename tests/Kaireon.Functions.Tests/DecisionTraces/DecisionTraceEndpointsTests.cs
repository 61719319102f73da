using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Kaireon.Functions.Tests.DecisionTraces;

public sealed class DecisionTraceEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static DecisionTrace Trace(string id, string customer, string flow, DateTimeOffset at) => new()
    {
        Id = id, At = at, CustomerId = customer, DecisionFlowKey = flow, RecommendationId = $"rec_{id}", DurationMs = 1.5,
        Nodes = [new NodeTrace("n1", "inventory", 12, 10, [new RemovedCandidate("o9", "inactive")])],
        Scores = [new CandidateScore("o1", "cr1", 0.42, 0.7, "priority_weighted")],
        Decisions = [new TracedDecision(1, "o1", "cr1", 0.42)],
    };

    [Fact]
    public async Task Queued_traces_are_written_in_the_background_and_listed_newest_first_with_filters_and_pages()
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();
        var log = app.Services.GetRequiredService<DecisionTraceLog>();
        var now = DateTimeOffset.UtcNow;
        log.Enqueue(TenantId.Parse(tenant.Id), Trace("trc_1", "c1", "flow-a", now.AddMinutes(-3)), 30);
        log.Enqueue(TenantId.Parse(tenant.Id), Trace("trc_2", "c2", "flow-a", now.AddMinutes(-2)), 30);
        log.Enqueue(TenantId.Parse(tenant.Id), Trace("trc_3", "c1", "flow-b", now.AddMinutes(-1)), 30);

        JsonObject all = new();
        for (var attempt = 0; attempt < 200 && (all["data"] as JsonArray)?.Count != 3; attempt++)
        {
            await Task.Delay(25);
            all = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/decision-traces"))!;
        }
        Assert.Equal(["trc_3", "trc_2", "trc_1"], all["data"]!.AsArray().Select(t => (string)t!["id"]!));

        var mine = await admin.GetFromJsonAsync<JsonObject>("/api/v1/decision-traces?customerId=c1&decisionFlowKey=flow-a");
        Assert.Equal("trc_1", (string)Assert.Single(mine!["data"]!.AsArray())!["id"]!);
        var first = await admin.GetFromJsonAsync<JsonObject>("/api/v1/decision-traces?limit=2");
        Assert.True((bool)first!["pagination"]!["hasMore"]!);
        var second = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/decision-traces?limit=2&cursor={Uri.EscapeDataString((string)first["pagination"]!["cursor"]!)}");
        Assert.Equal("trc_1", (string)Assert.Single(second!["data"]!.AsArray())!["id"]!);

        var one = await admin.GetFromJsonAsync<JsonObject>("/api/v1/decision-traces/trc_2");
        Assert.Equal("o9", (string)one!["nodes"]![0]!["removed"]![0]!["offerId"]!);
        Assert.Equal(0.42, (double)one["decisions"]![0]!["score"]!);

        using var stranger = (await app.NewTenantAsync()).Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/v1/decision-traces/trc_2")).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonObject>("/api/v1/decision-traces"))!["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/decision-traces?from=yesterday")).StatusCode);
        using var runtime = await tenant.ClientWithScopesAsync("runtime");
        Assert.Equal(HttpStatusCode.Forbidden, (await runtime.GetAsync("/api/v1/decision-traces")).StatusCode);
    }
}
