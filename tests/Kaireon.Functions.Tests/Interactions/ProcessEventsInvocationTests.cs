using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Tests.Catalog;
using Kaireon.Functions.Tests.Invocations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaireon.Functions.Tests.Interactions;

/// <summary><c>POST /ProcessEvents</c> with the host's recorded Event Hubs payloads (design §2, §4).</summary>
public sealed class ProcessEventsInvocationTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private async Task<(WebApplicationFactory<Program> Factory, TestTenant Tenant)> ForTenantAsync()
    {
        var tenant = await app.NewTenantAsync();
        return (app.WithWebHostBuilder(b => b.UseSetting("Kaireon:Stream:EventHubs:DefaultTenantId", tenant.Id)), tenant);
    }

    private static async Task<string> InvokeAsync(HttpClient client, string payload)
    {
        var response = await client.PostAsync("/ProcessEvents", new StringContent(payload, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (string)JsonNode.Parse(text)!["Logs"]![0]!;
    }

    /// <summary>The double-encoded fixture with other bodies, as the host would send them.</summary>
    private static string WithBodies(params string[] bodies)
    {
        var payload = InvocationFixtures.Node("eventhub-many-string-double-encoded.json");
        payload["Data"]!["events"] = JsonSerializer.Serialize(bodies);
        payload["Metadata"]!["SequenceNumberArray"] = JsonSerializer.Serialize(Enumerable.Range(100, bodies.Length).ToArray());
        payload["Metadata"]!["PropertiesArray"] = JsonSerializer.Serialize(bodies.Select(_ => new { }).ToArray());
        return payload.ToJsonString();
    }

    private static async Task<CustomerDay?> DayAsync(WebApplicationFactory<Program> factory, string tenant, string customer, string day)
    {
        var stored = await factory.Services.GetRequiredService<ICustomerStore>()
            .FindAsync(new DocumentPartition(TenantId.Parse(tenant), customer), $"day|{day}", TestContext.Current.CancellationToken);
        return stored?.Body.Deserialize(KaireonJson.Default.CustomerDay);
    }

    [Theory]
    [InlineData("eventhub-many-string-double-encoded.json")]
    [InlineData("eventhub-many-string.json")]
    public async Task A_recorded_batch_applies_the_app_events_and_parks_the_unparseable_one(string fixture)
    {
        var (factory, tenant) = await ForTenantAsync();
        using var client = factory.CreateClient();

        var log = await InvokeAsync(client, InvocationFixtures.Read(fixture));
        var again = await InvokeAsync(client, InvocationFixtures.Read(fixture));

        Assert.Equal("partition 3: 3 events (seq 4711-4713): 2 rolled up, 2 new to customers, 0 copies, 1 parked", log);
        Assert.Equal("partition 3: 3 events (seq 4711-4713): 0 rolled up, 0 new to customers, 0 copies, 1 parked", again);
        var day = await DayAsync(factory, tenant.Id, "c-1001", "2025-03-04");
        var course = Assert.Single(day!.Interactions);
        Assert.Equal(("complete_course", 87), (course.Type, course.Metadata!.Value.GetProperty("score").GetInt32()));
        Assert.Empty(day.PendingRollup);
        using var admin = tenant.Admin();
        var letters = await admin.GetFromJsonAsync<JsonObject>("/api/v1/dead-letters");
        var letter = Assert.Single(letters!["data"]!.AsArray());
        Assert.Equal(("ping", "dl_p3_s4713"), ((string)letter!["body"]!, (string)letter["id"]!));
        Assert.StartsWith("unparseable", (string)letter["reason"]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsync($"/api/v1/dead-letters/{letter["id"]}/replay", null)).StatusCode);
    }

    [Fact]
    public async Task Events_of_an_unknown_tenant_are_parked_where_no_tenant_sees_them()
    {
        var tenant = await app.NewTenantAsync();
        using var client = app.CreateClient();

        var log = await InvokeAsync(client, InvocationFixtures.Read("eventhub-many-string.json"));

        Assert.EndsWith("0 rolled up, 0 new to customers, 0 copies, 3 parked", log);
        using var admin = tenant.Admin();
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/api/v1/dead-letters"))!["data"]!.AsArray());
    }

    [Fact]
    public async Task A_parked_event_replays_once_its_cause_is_fixed_and_only_once()
    {
        var (factory, tenant) = await ForTenantAsync();
        using var client = factory.CreateClient();
        using var admin = tenant.Admin();
        var body = """{"eventId":"late-1","customerId":"c-9","type":"click","offerId":"o-late","timestamp":"2025-03-04T10:00:00Z"}""";

        Assert.EndsWith("1 parked", await InvokeAsync(client, WithBodies(body)));
        var letter = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/dead-letters"))!["data"]![0]!;
        Assert.Contains("offerId", letter["errors"]!.AsObject().Select(e => e.Key));
        await CatalogSamples.PostAsync(admin, "categories", new JsonObject { ["id"] = "cat", ["name"] = "Cat" });
        await CatalogSamples.PostAsync(admin, "offers", new JsonObject { ["id"] = "o-late", ["name"] = "Late", ["categoryId"] = "cat" });

        var replay = await admin.PostAsync($"/api/v1/dead-letters/{letter["id"]}/replay", null);
        var second = await admin.PostAsync($"/api/v1/dead-letters/{letter["id"]}/replay", null);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("late-1", (string)(await replay.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var day = await DayAsync(factory, tenant.Id, "c-9", "2025-03-04");
        Assert.Equal("o-late", Assert.Single(day!.Interactions).OfferId);
    }

    [Theory]
    [InlineData(8, 8, true)] // the policy's last retry
    [InlineData(null, null, true)] // no retry policy: the only attempt
    [InlineData(0, 8, false)] // more to come: the host redelivers the batch
    [InlineData(20, -1, false)] // retried for ever
    public async Task A_batch_that_fails_its_last_attempt_is_parked_whole_and_replays_once_the_store_is_back(int? retryCount, int? maxRetryCount, bool last)
    {
        var (factory, tenant) = await ForTenantAsync();
        using var down = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ICustomerStore, DownCustomerStore>()));
        using var client = down.CreateClient();
        using var admin = tenant.Admin();
        var payload = JsonNode.Parse(WithBodies(
            """{"eventId":"out-1","customerId":"c-out1","type":"view","timestamp":"2025-03-04T10:00:00Z"}""",
            "ping",
            """{"eventId":"out-2","customerId":"c-out2","type":"view","timestamp":"2025-03-04T10:01:00Z"}"""))!;
        if (retryCount is not null)
            payload["Metadata"]!["RetryContext"] = new JsonObject { ["RetryCount"] = retryCount, ["MaxRetryCount"] = maxRetryCount, ["Exception"] = new JsonObject { ["Message"] = "the last one" } };

        var response = await client.PostAsync("/ProcessEvents", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        var letters = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/dead-letters"))!["data"]!.AsArray();

        if (!last)
        {
            Assert.False(response.IsSuccessStatusCode); // failed: the host tries the batch again
            Assert.Equal(["dl_p3_s101"], letters.Select(l => (string)l!["id"]!)); // only the unreadable body
            return;
        }
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("partition 3: 3 events (seq 100-102): the batch failed its last attempt and was parked, 3 parked", (string)JsonNode.Parse(text)!["Logs"]![0]!);
        var failed = letters.Where(l => (string)l!["id"]! != "dl_p3_s101").OrderBy(l => (string)l!["id"]!).ToList();
        Assert.Equal(["dl_p3_s100", "dl_p3_s102"], failed.Select(l => (string)l!["id"]!));
        Assert.All(failed, l =>
        {
            Assert.StartsWith("not applied", (string)l!["reason"]!);
            Assert.DoesNotContain(DownCustomerStore.Message, (string)l["reason"]!); // what a store says of a batch stays in the log
        });

        // Once the store is back, each replays into its customer's day, once.
        foreach (var letter in failed)
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/dead-letters/{letter!["id"]}/replay", null)).StatusCode);
        Assert.Equal("out-1", Assert.Single((await DayAsync(factory, tenant.Id, "c-out1", "2025-03-04"))!.Interactions).EventId);
        Assert.Equal("out-2", Assert.Single((await DayAsync(factory, tenant.Id, "c-out2", "2025-03-04"))!.Interactions).EventId);
    }

    /// <summary>The customers' store through an outage longer than the retries: every call fails.</summary>
    private sealed class DownCustomerStore : ICustomerStore
    {
        public const string Message = "the customers store is down";

        public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct) => throw new InvalidOperationException(Message);
        public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) => throw new InvalidOperationException(Message);
        public Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) => throw new InvalidOperationException(Message);
        public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) => throw new InvalidOperationException(Message);
        public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) => throw new InvalidOperationException(Message);
    }

    [Fact]
    public async Task Kaireons_own_stream_bodies_and_copies_count_once()
    {
        var (factory, tenant) = await ForTenantAsync();
        using var client = factory.CreateClient();
        var interaction = new Interaction
        {
            EventId = "own-1", CustomerId = "c-own", Type = "view", Timestamp = new DateTimeOffset(2025, 3, 4, 8, 0, 0, TimeSpan.Zero),
        };
        var own = JsonSerializer.Serialize(new StreamEvent(tenant.Id, interaction), KaireonJson.Default.StreamEvent);

        var log = await InvokeAsync(client, WithBodies(own, own, JsonSerializer.Serialize(own)));

        Assert.Equal("partition 3: 3 events (seq 100-102): 1 rolled up, 1 new to customers, 2 copies, 0 parked", log);
    }
}
