using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Functions.Tests.Traces;

public sealed class PurgeExpiredTracesInvocationTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task The_timer_invocation_purges_expired_trace_records()
    {
        // A fixed half past: the five minutes advanced below never reach the hourly schedule (:07),
        // so the app's own scheduler cannot purge first.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 12, 30, 0, TimeSpan.Zero));
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        var traces = factory.Services.GetRequiredService<ITraceStore>();
        var tenant = TenantId.Parse("purge-test");
        foreach (var (id, ttl) in new[] { ("expiring", 60), ("lasting", 86_400) })
        {
            await traces.AppendAsync(new TraceRecord
            {
                Tenant = tenant, Kind = "decision_trace", Id = id, At = clock.GetUtcNow(),
                Body = JsonSerializer.SerializeToElement(new { id }), TimeToLiveSeconds = ttl,
            }, TestContext.Current.CancellationToken);
        }
        clock.Advance(TimeSpan.FromMinutes(5));

        var response = await client.PostAsync("/PurgeExpiredTraces",
            new StringContent(Invocations.InvocationFixtures.Read("timer.json"), Encoding.UTF8, "application/json"));
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();

        response.EnsureSuccessStatusCode();
        Assert.Equal("purged 1 expired trace records", (string)reply!["Logs"]![0]!);
        Assert.NotNull(await traces.FindAsync(tenant, "decision_trace", "lasting", TestContext.Current.CancellationToken));
    }
}
