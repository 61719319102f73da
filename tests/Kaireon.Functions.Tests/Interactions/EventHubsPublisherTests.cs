using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Kaireon.Core.Interactions;
using Kaireon.Functions.Interactions;
using Kaireon.Functions.Tests.Invocations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Functions.Tests.Interactions;

/// <summary>
/// The Event Hubs publisher against a recording HTTP handler (Event Hubs itself cannot run here):
/// the REST batch format, partition keys, Entra tokens, and a round trip — Respond publishes, the
/// recorded bodies come back through ProcessEvents, and the tenant summary counts them once.
/// </summary>
public sealed class EventHubsPublisherTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private sealed class RecordingHandler(HttpStatusCode status = HttpStatusCode.Created) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Requests) Requests.Add((request, body));
            return new HttpResponseMessage(status);
        }
    }

    private sealed class CountingCredential(TimeProvider clock) : TokenCredential
    {
        public int Calls { get; private set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            Assert.Equal([EventHubsPublisher.Scope], requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken($"token-{Calls}", clock.GetUtcNow().AddHours(1)));
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private static readonly EventHubsOptions Hub = new() { FullyQualifiedNamespace = "kaireon-ehns.servicebus.windows.net", EventHubName = "interactions" };

    private static Interaction Event(string id, string customer) =>
        new() { EventId = id, CustomerId = customer, Type = "click", Timestamp = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero) };

    [Fact]
    public async Task A_publish_sends_one_rest_batch_per_customer_with_its_partition_key_and_a_bearer_token()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        var handler = new RecordingHandler();
        var credential = new CountingCredential(clock);
        var publisher = new EventHubsPublisher(new Clients(handler), credential, Options.Create(Hub), clock);
        var tenant = Kaireon.Core.Tenancy.TenantId.Parse("acme");

        await publisher.PublishAsync(tenant, [Event("e1", "c1"), Event("e2", "c2"), Event("e3", "c1")], TestContext.Current.CancellationToken);
        await publisher.PublishAsync(tenant, [Event("e4", "c1")], TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(56));
        await publisher.PublishAsync(tenant, [Event("e5", "c1")], TestContext.Current.CancellationToken);

        Assert.Equal(4, handler.Requests.Count);
        var (request, body) = handler.Requests[0];
        Assert.Equal("https://kaireon-ehns.servicebus.windows.net/interactions/messages?api-version=2014-01&timeout=60", request.RequestUri!.ToString());
        Assert.Equal(EventHubsPublisher.ContentType, request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(("Bearer", "token-1"), (request.Headers.Authorization!.Scheme, request.Headers.Authorization.Parameter));
        var messages = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal("acme|c1", (string)m!["BrokerProperties"]!["PartitionKey"]!));
        Assert.Equal("e1", (string)JsonNode.Parse((string)messages[0]!["Body"]!)!["interaction"]!["eventId"]!);
        Assert.Equal(2, credential.Calls);
        Assert.Equal("token-2", handler.Requests[3].Request.Headers.Authorization!.Parameter);
    }

    [Fact]
    public async Task A_refused_publish_throws_so_nothing_is_acknowledged()
    {
        var clock = new FakeTimeProvider();
        var publisher = new EventHubsPublisher(new Clients(new RecordingHandler(HttpStatusCode.Unauthorized)), new CountingCredential(clock), Options.Create(Hub), clock);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            publisher.PublishAsync(Kaireon.Core.Tenancy.TenantId.Parse("acme"), [Event("e1", "c1")], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Respond_publishes_to_event_hubs_and_process_events_rolls_it_up_once()
    {
        var handler = new RecordingHandler();
        var tenant = await app.NewTenantAsync();
        using var factory = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Kaireon:Stream:Provider", "EventHubs");
            b.UseSetting("Kaireon:Stream:EventHubs:FullyQualifiedNamespace", Hub.FullyQualifiedNamespace);
            b.UseSetting("Kaireon:Stream:EventHubs:EventHubName", Hub.EventHubName);
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TokenCredential>(new CountingCredential(TimeProvider.System));
                s.AddHttpClient(EventHubsPublisher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
            });
        });
        using var runtime = factory.CreateClient();
        runtime.DefaultRequestHeaders.Add("X-API-Key", tenant.AdminKey);
        using var admin = tenant.Admin();
        var key = (string)(await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "rt", scopes = new[] { "runtime" } })).Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        runtime.DefaultRequestHeaders.Remove("X-API-Key");
        runtime.DefaultRequestHeaders.Add("X-API-Key", key);

        var respond = await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c-eh", outcome = "click", idempotencyKey = "eh-1" });
        Assert.Equal(HttpStatusCode.Accepted, respond.StatusCode);
        var published = JsonNode.Parse(Assert.Single(handler.Requests).Body)!.AsArray().Select(m => (string)m!["Body"]!).ToArray();

        // The host delivers what was published, twice (at least once), as ProcessEvents batches.
        var payload = InvocationFixtures.Node("eventhub-many-string-double-encoded.json");
        payload["Data"]!["events"] = JsonSerializer.Serialize(published);
        payload["Metadata"]!["SequenceNumberArray"] = "[1]";
        payload["Metadata"]!["PropertiesArray"] = "[{}]";
        for (var delivery = 0; delivery < 2; delivery++)
        {
            var invoked = await factory.CreateClient().PostAsync("/ProcessEvents", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        }

        var summary = await runtime.GetFromJsonAsync<JsonObject>("/api/v1/interaction-summaries?definitionId=sd_offer_interactions&window=1d");
        Assert.Equal(1, (long)summary!["rows"]![0]!["count"]!);
    }
}
