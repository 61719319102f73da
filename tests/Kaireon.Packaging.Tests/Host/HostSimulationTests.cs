using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kaireon.Packaging.Tests.Package;

namespace Kaireon.Packaging.Tests.Host;

/// <summary>
/// The packaged executable driven as the Functions host drives it (design §2): proxied HTTP for the
/// Api function, an Event Hubs batch to <c>/ProcessEvents</c>, a timer tick to <c>/PurgeExpiredTraces</c>,
/// and an enveloped HTTP request to <c>/Api</c> for hosts that neither proxy nor forward.
/// Stands in for the real host, which cannot run here.
/// </summary>
public sealed partial class HostSimulationTests(PublishedPackage package)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A reply the host accepts: 2xx, application/json, an object with Outputs, Logs and ReturnValue.</summary>
    private static async Task<JsonObject> InvocationReplyAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = await ReadObjectAsync(response);
        Assert.IsType<JsonObject>(reply["Outputs"]);
        Assert.IsType<JsonArray>(reply["Logs"]);
        Assert.True(reply.ContainsKey("ReturnValue"));
        return reply;
    }

    private static async Task<(HttpClient Client, string Offer)> WithOfferAsync(PackagedApp app)
    {
        var client = app.CreateClient();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var category = new JsonObject { ["id"] = $"cat-{suffix}", ["name"] = "Cards" };
        var offer = new JsonObject { ["id"] = $"offer-{suffix}", ["name"] = "Gold card", ["categoryId"] = $"cat-{suffix}", ["priority"] = 70 };
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HostPayloads.Proxied(HttpMethod.Post, "/api/v1/categories", category), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HostPayloads.Proxied(HttpMethod.Post, "/api/v1/offers", offer), Ct)).StatusCode);
        return (client, $"offer-{suffix}");
    }

    [Fact]
    public async Task The_executable_answers_the_hosts_readiness_probe_in_time()
    {
        var app = await package.StartAsync(Ct);

        Assert.True(app.StartedIn < PackagedApp.ReadinessLimit, $"ready after {app.StartedIn}");
        using var client = app.CreateClient();
        using var probe = await client.GetAsync("/", Ct);
        Assert.NotNull(probe);
    }

    [Fact]
    public async Task A_proxied_request_writes_and_reads_back_through_the_api()
    {
        var app = await package.StartAsync(Ct);
        var (client, offer) = await WithOfferAsync(app);
        using var _ = client;

        var read = await ReadObjectAsync(await client.SendAsync(HostPayloads.Proxied(HttpMethod.Get, $"/api/v1/offers/{offer}"), Ct));
        var unauthenticated = await client.GetAsync($"/api/v1/offers/{offer}", Ct);

        Assert.Equal((offer, "Gold card", 70), ((string)read["id"]!, (string)read["name"]!, (int)read["priority"]!));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task The_recorded_event_hubs_batch_gets_a_reply_the_host_accepts()
    {
        var app = await package.StartAsync(Ct);
        using var client = app.CreateClient();

        var reply = await InvocationReplyAsync(await client.SendAsync(
            HostPayloads.Invocation("ProcessEvents", HostPayloads.Fixture("eventhub-many-string-double-encoded.json")), Ct));

        var log = Assert.Single(reply["Logs"]!.AsArray());
        // Redelivery of the same batch applies nothing twice, so the counts depend on what ran before.
        Assert.Matches(BatchLog(), (string)log!);
        Assert.Empty(reply["Outputs"]!.AsObject());
    }

    [Fact]
    public async Task Events_from_the_hub_are_applied_once_and_show_in_the_customer_summary()
    {
        var app = await package.StartAsync(Ct);
        var (client, offer) = await WithOfferAsync(app);
        using var _ = client;
        var customer = $"c-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow.ToString("O");
        string Click(string id) => JsonSerializer.Serialize(new { eventId = id, customerId = customer, type = "click", offerId = offer, timestamp = now });

        var reply = await InvocationReplyAsync(await client.SendAsync(
            HostPayloads.Invocation("ProcessEvents", HostPayloads.EventBatch(100, Click("e-1"), Click("e-2"), Click("e-1"))), Ct));
        var summary = await ReadObjectAsync(await client.SendAsync(HostPayloads.Proxied(HttpMethod.Get,
            $"/api/v1/interaction-summaries?definitionId=sd_offer_interactions&window=7d&customerId={customer}"), Ct));

        Assert.Equal("partition 3: 3 events (seq 100-102): 2 rolled up, 2 new to customers, 1 copies, 0 parked", (string)reply["Logs"]![0]!);
        var row = Assert.Single(summary["rows"]!.AsArray())!;
        Assert.Equal((offer, "click", 2L), ((string)row["dimensions"]!["offer_id"]!, (string)row["dimensions"]!["outcome_key"]!, (long)row["count"]!));
    }

    [Fact]
    public async Task A_timer_tick_purges_expired_traces_and_keeps_live_ones()
    {
        var app = await package.StartAsync(Ct);
        var (client, offer) = await WithOfferAsync(app);
        using var _ = client;

        var reply = await InvocationReplyAsync(await client.SendAsync(
            HostPayloads.Invocation("PurgeExpiredTraces", HostPayloads.TimerTick("PurgeExpiredTraces", "timer")), Ct));
        var audit = await ReadObjectAsync(await client.SendAsync(HostPayloads.Proxied(HttpMethod.Get, $"/api/v1/audit-log?entityId={offer}"), Ct));

        Assert.Matches(PurgeLog(), (string)Assert.Single(reply["Logs"]!.AsArray())!);
        Assert.Contains(audit["data"]!.AsArray(), e => (string?)e!["entityId"] == offer);
    }

    [Fact]
    public async Task An_enveloped_api_request_runs_through_the_same_api()
    {
        var app = await package.StartAsync(Ct);
        var (client, offer) = await WithOfferAsync(app);
        using var _ = client;
        var payload = HostPayloads.Fixture("http-invocation.json");
        var request = payload["Data"]!["req"]!.AsObject();
        request["Url"] = $"http://localhost:7071/api/v1/offers/{offer}";
        request["Method"] = "GET";
        request["Query"] = new JsonObject();
        request["Headers"] = new JsonObject { ["x-api-key"] = new JsonArray(PackagedApp.ApiKey), ["Accept"] = new JsonArray("application/json") };
        request["Params"] = new JsonObject { ["path"] = $"api/v1/offers/{offer}" };
        request.Remove("Body");

        var reply = await InvocationReplyAsync(await client.SendAsync(HostPayloads.Invocation("Api", payload), Ct));

        var res = reply["Outputs"]!["res"]!;
        Assert.Equal(200, int.Parse(res["statusCode"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(offer, (string?)JsonNode.Parse((string)res["body"]!)!["id"]);
    }

    [GeneratedRegex(@"^partition 3: 3 events \(seq 4711-4713\): \d+ rolled up, \d+ new to customers, \d+ copies, 1 parked$")]
    private static partial Regex BatchLog();

    [GeneratedRegex(@"^purged \d+ expired trace records$")]
    private static partial Regex PurgeLog();
}
