using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Triggers;
using Kaireon.Functions.Triggers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Kaireon.Functions.Tests.Triggers.TriggerApi;

namespace Kaireon.Functions.Tests.Triggers;

/// <summary>
/// Trigger actions against a real receiver (Kestrel on loopback, allow-listed explicitly by the
/// tenant): signed webhooks, retries with backoff, the delivery log, recommend, and the SSRF guard.
/// </summary>
public sealed class WebhookDeliveryTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Secret = "whsec-0123456789-abcdef";

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-1);

    /// <summary>The app with short retry delays, so a retried delivery takes milliseconds.</summary>
    private WebApplicationFactoryWithSettings Fast() => new(app);

    private static string Trigger(string id, Uri url, string type = "webhook", string extra = "") => $$"""
        { "id": "{{id}}", "name": "{{id}}",
          "conditions": [ { "type": "duration", "eventType": "page_view", "field": "seconds", "minSeconds": 180 } ],
          "actions": [ { "type": "{{type}}", "url": "{{url}}", "secret": "{{Secret}}" {{extra}} } ] }
        """;

    [Fact]
    public async Task A_signed_webhook_reaches_an_allow_listed_receiver_after_a_retry_and_every_attempt_is_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.FailFirst = 1;
        using var factory = Fast();
        var (admin, runtime) = await factory.TenantAsync(allowLoopback: true);
        await CreatedAsync(admin, Trigger("hook", receiver.Url));

        await SendAsync(runtime, Event("p1", "c1", "page_view", Start, """{ "seconds": 200 }"""));

        var deliveries = await DeliveriesAsync(admin, "hook", d => d.Any(x => (string)x!["status"]! == "delivered"));
        Assert.Equal([(1, "failed", 503), (2, "delivered", 200)],
            deliveries.Select(d => ((int)d!["attempt"]!, (string)d["status"]!, (int)d["httpStatus"]!)).OrderBy(d => d.Item1));
        var firing = Assert.Single(await OutcomesAsync(admin, "hook", 1));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r =>
        {
            Assert.True(r.SignatureValid, "the receiver could not verify the signature");
            Assert.Equal((string)firing!["id"]!, r.FiringId);
            var payload = JsonNode.Parse(r.Body)!;
            Assert.Equal(((string)firing["id"]!, "hook", "c1", "p1"), ((string)payload["firingId"]!, (string)payload["triggerId"]!, (string)payload["customerId"]!, (string)payload["causeEventId"]!));
        });
    }

    [Fact]
    public async Task A_webhook_its_process_died_before_sending_is_delivered_once_by_the_timer_when_the_lease_runs_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string adminKey;
        // The first process fires, then dies before its action worker runs: here it has no worker at all.
        using (var dying = new WebApplicationFactoryWithSettings(app, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.Remove(s.Single(d => d.ImplementationType == typeof(TriggerActionWorker)));
        }))
        {
            var (admin, runtime) = await dying.TenantAsync(allowLoopback: true);
            adminKey = admin.DefaultRequestHeaders.GetValues("X-API-Key").Single();
            await CreatedAsync(admin, Trigger("hook", receiver.Url));
            await SendAsync(runtime, Event("p1", "c1", "page_view", Start, """{ "seconds": 200 }"""));
            Assert.Single(await OutcomesAsync(admin, "hook", 1));
        }
        Assert.Empty(receiver.Requests);

        using var restarted = new WebApplicationFactoryWithSettings(app, s => s.AddSingleton<TimeProvider>(clock));
        using var client = restarted.Client(adminKey);
        await TimerAsync(client); // within the lease: left to the process that fired (it might be alive)
        await Task.Delay(300);
        Assert.Empty(receiver.Requests);

        clock.Advance(TriggerDispatches.Lease);
        await TimerAsync(client);
        var delivered = await DeliveriesAsync(client, "hook", d => d.Any(x => (string)x!["status"]! == "delivered"));
        Assert.Equal([(1, "delivered")], delivered.Select(d => ((int)d!["attempt"]!, (string)d["status"]!)));
        clock.Advance(TriggerDispatches.Lease);
        await TimerAsync(client);
        await Task.Delay(300);
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid);
    }

    [Fact]
    public async Task A_recommend_action_runs_a_decision_for_the_customer_and_delivers_it_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        using var factory = Fast();
        var (admin, runtime) = await factory.TenantAsync(allowLoopback: true);
        await CreatedAsync(admin, Trigger("rec", receiver.Url, "recommend", """, "limit": 2"""));

        await SendAsync(runtime, Event("p1", "c7", "page_view", Start, """{ "seconds": 200 }"""));

        await DeliveriesAsync(admin, "rec", d => d.Any(x => (string)x!["status"]! == "delivered"));
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid);
        var recommendation = JsonNode.Parse(request.Body)!["recommendation"]!;
        Assert.Equal("c7", (string)recommendation["customerId"]!);
        Assert.StartsWith("rec_", (string)recommendation["recommendationId"]!);
    }

    [Fact]
    public async Task Without_the_allow_list_a_loopback_receiver_is_refused_and_never_called()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        using var factory = Fast();
        var (admin, runtime) = await factory.TenantAsync(allowLoopback: false);
        await CreatedAsync(admin, Trigger("guarded", receiver.Url));

        await SendAsync(runtime, Event("p1", "c1", "page_view", Start, """{ "seconds": 200 }"""));

        var delivery = Assert.Single(await DeliveriesAsync(admin, "guarded", d => d.Count > 0));
        Assert.Equal("refused", (string)delivery!["status"]!);
        Assert.Contains("127.0.0.1", (string)delivery["error"]!);
        await Task.Delay(200);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://192.168.0.10/hook")]
    public async Task The_guard_refuses_private_link_local_and_loopback_addresses_by_default(string url)
    {
        using var factory = Fast();
        var sender = factory.Services.GetRequiredService<WebhookSender>();

        var attempts = await sender.SendAsync(new Uri(url), Secret, "{}"u8.ToArray(), "trf_x", allowPrivate: false, _ => Task.CompletedTask, TestContext.Current.CancellationToken);

        var attempt = Assert.Single(attempts);
        Assert.True(attempt.Refused, attempt.Error);
        Assert.Null(attempt.HttpStatus);
    }

    [Theory]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2606:4700::1111", true)]
    public void Only_public_addresses_pass_the_guard(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookAddressGuard.IsPublic(IPAddress.Parse(address)));

    private static async Task TimerAsync(HttpClient client)
    {
        var response = await client.PostAsync("/EvaluateTriggers", new StringContent(Invocations.InvocationFixtures.Read("timer.json"), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The shared app with webhook retries 10 ms apart, and <paramref name="services"/> changed as a test needs.</summary>
    private sealed class WebApplicationFactoryWithSettings(KaireonApp app, Action<IServiceCollection>? services = null) : IDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory =
            app.WithWebHostBuilder(b => b.UseSetting("Kaireon:Triggers:WebhookBaseDelayMs", "10").ConfigureTestServices(s => services?.Invoke(s)));

        public IServiceProvider Services => _factory.Services;

        public async Task<(HttpClient Admin, HttpClient Runtime)> TenantAsync(bool allowLoopback)
        {
            using var platform = Client(KaireonApp.BootstrapKey);
            var id = $"t-{Guid.NewGuid():N}"[..20];
            var tenant = await (await platform.PostAsJsonAsync("/api/v1/tenants", new { id, name = id })).Content.ReadFromJsonAsync<JsonObject>();
            var admin = Client((string)tenant!["apiKey"]!);
            if (allowLoopback)
            {
                var put = await admin.PutAsJsonAsync("/api/v1/settings", new { decisionTraceSampleRate = 0.01, traceRetentionDays = 30, webhookAllowedHosts = new[] { "127.0.0.1" } });
                Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            }
            var key = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "rt", scopes = new[] { "runtime" } })).Content.ReadFromJsonAsync<JsonObject>();
            return (admin, Client((string)key!["key"]!));
        }

        public HttpClient Client(string key)
        {
            var client = _factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-API-Key", key);
            return client;
        }

        public void Dispose() => _factory.Dispose();
    }
}
