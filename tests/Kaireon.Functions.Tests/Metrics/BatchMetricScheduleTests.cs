using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Functions.Tests.Metrics;

public sealed class BatchMetricScheduleTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task A_batch_metric_is_recomputed_for_changed_customers_once_its_interval_has_passed()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(start.Year, start.Month, start.Day, 10, 0, 30, TimeSpan.Zero));
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var platform = factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-API-Key", KaireonApp.BootstrapKey);
        var id = $"t-{Guid.NewGuid():N}"[..20];
        var tenant = await (await platform.PostAsJsonAsync("/api/v1/tenants", new { id, name = id })).Content.ReadFromJsonAsync<JsonObject>();
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-API-Key", (string)tenant!["apiKey"]!);
        var key = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "both", scopes = new[] { "admin", "runtime" } })).Content.ReadFromJsonAsync<JsonObject>();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", (string)key!["key"]!);

        (await client.PostAsJsonAsync("/api/v1/behavioral-metrics", new { id = "bm_clicks", name = "Clicks 7d", aggregateFunction = "count", sourceField = "positive", windowDays = 7, computeMode = "batch", batchIntervalMin = 5 })).EnsureSuccessStatusCode();
        await ClickAsync(client, "k1");
        await ClickAsync(client, "k2");
        await BehavioralMetricEndpointsTests.WaitForStreamAsync(client, 2);
        await BehavioralMetricEndpointsTests.WaitForChangedCustomersAsync(factory.Services, id, 1);

        await RunTimerAsync(client);
        var first = await ValuesAsync(client);
        Assert.Equal(2m, (decimal)first["values"]![0]!["value"]!);
        Assert.Equal(clock.GetUtcNow(), (DateTimeOffset)first["computedAt"]!);

        clock.Advance(TimeSpan.FromSeconds(1));
        await ClickAsync(client, "k3");
        await BehavioralMetricEndpointsTests.WaitForMetricBookAsync(factory.Services, id, "c0", 3);
        clock.Advance(TimeSpan.FromMinutes(4));
        await RunTimerAsync(client);
        var early = await ValuesAsync(client);
        Assert.Equal(2m, (decimal)early["values"]![0]!["value"]!);
        Assert.Equal((DateTimeOffset)first["computedAt"]!, (DateTimeOffset)early["computedAt"]!);

        clock.Advance(TimeSpan.FromMinutes(1));
        await RunTimerAsync(client);
        var due = await ValuesAsync(client);
        Assert.Equal(3m, (decimal)due["values"]![0]!["value"]!);
        Assert.Equal(clock.GetUtcNow(), (DateTimeOffset)due["computedAt"]!);

        // Past validUntil (the day the oldest counted click leaves the 7-day window) the read computes from the buckets.
        clock.Advance(TimeSpan.FromDays(7));
        var expired = await ValuesAsync(client);
        Assert.Equal(0m, (decimal)expired["values"]![0]!["value"]!);
        Assert.Equal(clock.GetUtcNow(), (DateTimeOffset)expired["computedAt"]!);
    }

    private static async Task ClickAsync(HttpClient client, string key)
    {
        var response = await client.PostAsJsonAsync("/api/v1/respond", new { customerId = "c0", outcome = "click", idempotencyKey = key });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonObject> ValuesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/behavioral-metrics/bm_clicks/values?customerId=c0"))!;

    private static async Task RunTimerAsync(HttpClient client)
    {
        var response = await client.PostAsync("/RecomputeBatchMetrics",
            new StringContent(Invocations.InvocationFixtures.Read("timer.json"), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }
}
