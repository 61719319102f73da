using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;
using Kaireon.Storage.Tests.Behaviors;
using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Storage.Tests.Triggers;

/// <summary>
/// Triggers fire exactly once in effect (design §4, §8), on a real store: for random events of up to
/// three customers, published in copies, delivered in random batches, redelivered (with other batch
/// boundaries after a crash at any customer write), processed twice at once, with the timer ticking
/// twice at random moments, every firing and suppression recorded — and every firing's actions
/// queued — equals, once, what one pass of the trigger fold over the unique events in stream order gives.
/// Seeded: a failure names the case's seed.
/// </summary>
public abstract class TriggerExactlyOnceContract
{
    protected abstract StoreSet Stores { get; }

    protected abstract int Cases { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Epoch = new(2026, 3, 28, 8, 0, 0, TimeSpan.Zero);

    private const string Webhook = """[{ "type": "webhook", "url": "https://hooks.example.com/kaireon", "secret": "0123456789abcdef0123" }]""";

    private static readonly string[] Definitions =
    [
        $$"""{ "id": "views", "name": "Views", "cooldownMs": 1800000, "conditions": [ { "type": "threshold", "eventType": "view", "count": 3, "windowMinutes": 30 } ], "actions": {{Webhook}} }""",
        $$"""{ "id": "cart", "name": "Cart", "journeyPolicy": "skip_if_active", "journeyMinutes": 180, "conditions": [ { "type": "absence", "eventType": "cart", "awaitedEventType": "buy", "withinMinutes": 60 } ], "actions": {{Webhook}} }""",
        $$"""{ "id": "reads", "name": "Reads", "maxFiringsPerDay": 2, "conditions": [ { "type": "duration", "eventType": "read", "field": "seconds", "minSeconds": 100 } ], "actions": {{Webhook}} }""",
    ];

    [Fact]
    public async Task Duplicated_redelivered_crashed_and_concurrent_deliveries_fire_each_outcome_once()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            try
            {
                await RunCaseAsync(seed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Case with seed {seed} failed: {e.Message}", e);
            }
        }
    }

    private async Task RunCaseAsync(int seed)
    {
        var random = new Random(seed);
        var tenant = TenantId.Parse($"tx-{seed}-{Guid.NewGuid():N}"[..24]);
        var clock = new FakeTimeProvider(Epoch);
        var stream = new InMemoryStream(partitions: random.Next(1, 4));
        var publisher = new OrderedPublisher(stream);
        var customers = new FaultyCustomerStore(Stores.Customers);
        var snapshots = new CatalogSnapshots(Stores.Catalog, clock);
        var catalog = new CatalogService(Stores.Catalog, new AuditLog(Stores.Traces, clock), clock, snapshots);
        var triggers = new List<Trigger>();
        foreach (var definition in Definitions)
        {
            var result = await catalog.CreateAsync(Trigger.Kind, tenant, JsonSerializer.Deserialize(definition, KaireonJson.Default.Trigger)!, Actor.System, Ct);
            Assert.Equal(CatalogOutcome.Created, result.Outcome);
            triggers.Add(result.Entity!);
        }
        var metrics = new TenantMetrics(catalog, clock);
        var actions = new TriggerActionQueue();
        var due = new TriggerDueIndex(Stores.Catalog);
        var log = new TriggerLog(Stores.Traces);
        var dispatches = new TriggerDispatches(Stores.Catalog, log, actions, clock, NullLogger<TriggerDispatches>.Instance);
        var triggerStream = new TriggerStream(customers, new TriggerCatalog(snapshots), metrics, log, due, dispatches, clock, NullLogger<TriggerStream>.Instance);
        var processor = new StreamBatchProcessor(customers, Stores.Rollups, new TransientStoreRetry(clock), metrics, new CustomerMetrics(customers, clock),
            new ChangedCustomers(Stores.Rollups, clock), observers: [triggerStream]);
        var timer = new TriggerTimer(due, triggerStream, dispatches, clock, NullLogger<TriggerTimer>.Instance);

        var unique = Generate(random);
        var work = new Queue<Interaction>(unique);
        while (work.Count > 0 || Enumerable.Range(0, stream.Partitions).Any(stream.HasUndelivered))
        {
            if (work.Count > 0 && random.Next(3) > 0)
            {
                var next = work.Dequeue();
                var copies = random.Next(5) == 0 ? random.Next(2, 4) : 1;
                for (var i = 0; i < copies; i++) publisher.Append(tenant, next);
            }
            else await DeliverAsync(stream, processor, customers, random, random.Next(stream.Partitions));
        }
        var end = unique[^1].Timestamp.AddHours(2);
        clock.SetUtcNow(end);
        await timer.RunAsync(Ct);
        await timer.RunAsync(Ct);

        // The reference: one fold of the unique events, each customer's in stream order, from a fresh book.
        var compiled = triggers.Select(t => new CompiledTrigger(t)).ToList();
        var expected = new List<TriggerOutcome>();
        foreach (var customer in publisher.FirstSeen.GroupBy(i => i.CustomerId))
        {
            var book = new CustomerTriggerBook();
            var days = customer.GroupBy(i => i.Day).Select(d => new CustomerDay { CustomerId = customer.Key, Day = d.Key, Interactions = [.. d] }).ToList();
            TriggerFolding.Advance(book, compiled, customer.Key, days, metrics: null, expected);
            TriggerFolding.Tick(book, compiled, customer.Key, end, expected);
        }

        var records = await Stores.Traces.ListAsync(tenant, TriggerLog.OutcomeKind, Epoch.AddDays(-1), end.AddDays(1), Ct);
        var actual = records.Select(r => r.Body.Deserialize(KaireonJson.Default.TriggerOutcome)!).ToList();
        Assert.Equal(expected.Select(Key).Order(StringComparer.Ordinal), actual.Select(Key).Order(StringComparer.Ordinal));

        // Every firing's actions are held durably exactly once until a worker runs them (none runs here),
        // and were queued for a worker; the timer queues again those whose lease ran out.
        var fired = expected.Where(o => o.Outcome == TriggerOutcomeKind.Fired).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
        var held = (await dispatches.HeldAsync(Ct)).Where(h => h.Dispatch.Tenant == tenant).Select(h => h.Dispatch.Firing.Id);
        Assert.Equal(fired, held.Order(StringComparer.Ordinal));
        var dispatched = new List<string>();
        while (actions.Reader.TryRead(out var dispatch))
        {
            if (dispatch.Tenant == tenant) dispatched.Add(dispatch.Firing.Id); // the timer's sweep also finds earlier cases' entries
        }
        Assert.Equal(fired, dispatched.Distinct().Order(StringComparer.Ordinal));
    }

    private static string Key(TriggerOutcome o) => $"{o.Id} {o.TriggerId} {o.CustomerId} {o.Outcome} {o.Reason} {o.At:O} {o.CauseEventId} {o.Supersedes}";

    private static async Task DeliverAsync(InMemoryStream stream, StreamBatchProcessor processor, FaultyCustomerStore customers, Random random, int partition)
    {
        if (!stream.HasUndelivered(partition)) return;
        var batch = stream.Next(partition, random.Next(1, 12));
        switch (random.Next(8))
        {
            case 0:
                customers.CrashAtWrite(random.Next(1, 9));
                try
                {
                    await processor.ProcessAsync(batch, Ct);
                }
                catch (SimulatedCrash)
                {
                }
                customers.Disarm();
                return;
            case 1:
                await Task.WhenAll(processor.ProcessAsync(batch, Ct), processor.ProcessAsync(batch, Ct));
                break;
            default:
                await processor.ProcessAsync(batch, Ct);
                break;
        }
        if (random.Next(6) == 0) await processor.ProcessAsync(batch, Ct);
        stream.Acknowledge(partition, batch);
    }

    /// <summary>Events in time order (as a customer's events reach its partition), across two UTC days.</summary>
    private static List<Interaction> Generate(Random random)
    {
        var customers = Enumerable.Range(0, random.Next(1, 4)).Select(c => $"c-{c}").ToList();
        var at = Epoch;
        return [.. Enumerable.Range(0, random.Next(1, 50)).Select(n =>
        {
            at = at.AddSeconds(random.Next(1, 50 * 60));
            var roll = random.Next(10);
            var type = roll < 5 ? "view" : roll < 7 ? "cart" : roll < 8 ? "buy" : "read";
            return new Interaction
            {
                EventId = $"e-{n}",
                CustomerId = customers[random.Next(customers.Count)],
                Type = type,
                Timestamp = at,
                Direction = Direction.Inbound,
                Metadata = JsonDocument.Parse($$"""{ "seconds": {{random.Next(0, 200)}} }""").RootElement.Clone(),
            };
        })];
    }
}
