using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kaireon.Benchmarks;

/// <summary>
/// <c>trigger-ops</c>: what trigger evaluation adds to the stream, in store operations, counted with
/// the same <see cref="CountingStore"/> as <c>store-ops</c>: the same fresh 100-event batches through
/// the stream without triggers and with three active triggers (a threshold, a duration and an
/// absence), on SQLite. Outcome records (traces) and due-index entries (catalog) are counted apart.
/// </summary>
public static class TriggerStoreOps
{
    private const int BatchSize = 100;
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly DateTimeOffset FirstDay = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private const string Segment = """[{ "type": "add_segment", "segment": "s" }]""";

    private static readonly string[] Triggers =
    [
        $$"""{ "id": "clicks", "name": "Clicks", "cooldownMs": 600000, "conditions": [ { "type": "threshold", "eventType": "click", "count": 2, "windowMinutes": 60 } ], "actions": {{Segment}} }""",
        $$"""{ "id": "reads", "name": "Reads", "conditions": [ { "type": "duration", "eventType": "impression", "field": "seconds", "minSeconds": 170 } ], "actions": {{Segment}} }""",
        $$"""{ "id": "abandon", "name": "Abandon", "conditions": [ { "type": "absence", "eventType": "click", "awaitedEventType": "convert", "withinMinutes": 60 } ], "actions": {{Segment}} }""",
    ];

    private sealed record Scenario(string Name, int CustomersPerBatch, int Days);

    public static async Task<int> RunAsync(string[] args)
    {
        var batches = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"trigger-ops: SQLite, fresh batches of {BatchSize} events, {batches} measured batches per scenario (after 2 warm-up batches), with 0 and with 3 active triggers.");
        Console.WriteLine("customer/rollup ops = ICustomerStore + IRollupStore calls (as store-ops); outcome records = ITraceStore appends; catalog entries = catalog writes: the due index, and one durable dispatch entry per firing with actions.");
        Console.WriteLine();
        Scenario[] scenarios = [new("(a) 100 customers, 1 day", 100, 1), new("(b) 5 customers, 1 day", 5, 1), new("(b) 5 customers, 7 days", 5, 7)];
        var rows = new List<string[]>();
        foreach (var scenario in scenarios)
        {
            var without = await MeasureAsync(scenario, batches, withTriggers: false);
            var with = await MeasureAsync(scenario, batches, withTriggers: true);
            var touched = (double)with.TouchedCustomers / batches;
            rows.Add([
                scenario.Name,
                F(without.Writes / (double)batches), F(with.Writes / (double)batches),
                F((with.Writes - without.Writes) / (double)batches), F(touched),
                F((with.Writes - without.Writes) / (double)with.TouchedCustomers),
                F((with.Writes - without.Writes) / (double)(batches * BatchSize), "0.000"),
                F((with.Reads - without.Reads) / (double)batches),
                F(with.Outcomes / (double)batches), F(with.DueWrites / (double)batches),
            ]);
        }
        StoreOps.PrintTable(["scenario", "writes/batch, no triggers", "with 3 triggers", "added writes/batch", "customers/batch", "added writes/customer", "added writes/event", "added reads/batch", "outcome records/batch", "catalog entries/batch"], rows);
        return 0;
    }

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record Counts(long Reads, long Writes, long Outcomes, long DueWrites, long TouchedCustomers);

    private static async Task<Counts> MeasureAsync(Scenario scenario, int batches, bool withTriggers)
    {
        var folder = Directory.CreateTempSubdirectory("kaireon-trigger-ops-").FullName;
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(folder, "kaireon.db") }));
        try
        {
            await new SqliteStoreHealth(database).InitializeAsync(CancellationToken.None);
            var clock = TimeProvider.System;
            var customers = new CountingStore(new SqliteCustomerStore(database));
            var rollups = new CountingStore(new SqliteRollupStore(database));
            var traces = new CountingTraces(new SqliteTraceStore(database, clock));
            var catalogStore = new CountingCatalog(new SqliteCatalogStore(database));
            var snapshots = new CatalogSnapshots(catalogStore, clock);
            var catalog = new CatalogService(catalogStore, new AuditLog(traces, clock), clock, snapshots);
            if (withTriggers)
            {
                foreach (var json in Triggers)
                    await catalog.CreateAsync(Trigger.Kind, Tenant, JsonSerializer.Deserialize(json, KaireonJson.Default.Trigger)!, Actor.System, CancellationToken.None);
            }
            var metrics = new TenantMetrics(catalog, clock);
            var log = new TriggerLog(traces);
            var dispatches = new TriggerDispatches(catalogStore, log, new TriggerActionQueue(), clock, NullLogger<TriggerDispatches>.Instance);
            var stream = new TriggerStream(customers, new TriggerCatalog(snapshots), metrics, log, new TriggerDueIndex(catalogStore),
                dispatches, clock, NullLogger<TriggerStream>.Instance);
            var processor = new StreamBatchProcessor(customers, rollups, new TransientStoreRetry(clock), metrics, new CustomerMetrics(customers, clock),
                new ChangedCustomers(rollups, clock), observers: [stream]);

            long reads = 0, writes = 0, outcomes = 0, due = 0, touched = 0, sequence = 0;
            var eventNumber = 0;
            for (var b = 0; b < batches + 2; b++)
            {
                var offset = b * scenario.CustomersPerBatch % 1000;
                var batch = new StreamBatch("0", [.. Enumerable.Range(0, BatchSize).Select(i => new StreamEntry(++sequence, new StreamEvent(Tenant.Value,
                    Event($"s-{eventNumber++}", $"c{(offset + i % scenario.CustomersPerBatch) % 1000:D5}", FirstDay.AddDays(i % scenario.Days).AddMinutes(b * 7), i))))]);
                customers.Reset();
                rollups.Reset();
                traces.Reset();
                catalogStore.Reset();
                await processor.ProcessAsync(batch, CancellationToken.None);
                if (b < 2) continue;
                reads += customers.Reads + rollups.Reads;
                writes += customers.Writes + rollups.Writes;
                outcomes += traces.Appends;
                due += catalogStore.Writes;
                touched += batch.Entries.Select(e => e.Event.Interaction.CustomerId).Distinct().Count();
            }
            return new Counts(reads, writes, outcomes, due, touched);
        }
        finally
        {
            database.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Interaction Event(string eventId, string customerId, DateTimeOffset timestamp, int i) => new()
    {
        EventId = eventId,
        CustomerId = customerId,
        Type = (i % 10) switch { 0 or 5 => "click", 1 => "convert", _ => "impression" },
        Timestamp = timestamp.AddSeconds(i),
        Outcome = (i % 10) switch { 0 or 5 => OutcomeCategory.Positive, 1 => OutcomeCategory.Conversion, _ => OutcomeCategory.Impression },
        Direction = Direction.Inbound,
        OfferId = $"o{i % 20}",
        ChannelId = "web",
        Metadata = JsonDocument.Parse($$"""{ "seconds": {{i * 7 % 200}} }""").RootElement.Clone(),
    };

    private sealed class CountingTraces(ITraceStore inner) : ITraceStore
    {
        public long Appends;

        public void Reset() => Appends = 0;

        public Task AppendAsync(TraceRecord record, CancellationToken ct)
        {
            if (record.Kind == TriggerLog.OutcomeKind) Interlocked.Increment(ref Appends);
            return inner.AppendAsync(record, ct);
        }

        public Task<TraceRecord?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct) => inner.FindAsync(tenant, kind, id, ct);
        public Task<IReadOnlyList<TraceRecord>> ListAsync(TenantId tenant, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => inner.ListAsync(tenant, kind, from, to, ct);
        public Task<int> PurgeExpiredAsync(CancellationToken ct) => inner.PurgeExpiredAsync(ct);
    }

    private sealed class CountingCatalog(ICatalogStore inner) : ICatalogStore
    {
        public long Writes;

        public void Reset() => Writes = 0;

        public Task<CatalogDocument?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct) => inner.FindAsync(tenant, kind, id, ct);
        public Task<IReadOnlyList<CatalogDocument>> ListAsync(TenantId tenant, string kind, CancellationToken ct) => inner.ListAsync(tenant, kind, ct);
        public Task<IReadOnlyList<CatalogDocument>> FindReferencingAsync(TenantId tenant, string reference, CancellationToken ct) => inner.FindReferencingAsync(tenant, reference, ct);

        public Task<WriteResult<CatalogDocument>> CreateAsync(CatalogDocument document, CancellationToken ct)
        {
            if (document.Kind == TriggerDueIndex.Kind) Interlocked.Increment(ref Writes);
            return inner.CreateAsync(document, ct);
        }

        public Task<WriteResult<CatalogDocument>> ReplaceAsync(CatalogDocument document, string? ifMatch, CancellationToken ct)
        {
            if (document.Kind == TriggerDueIndex.Kind) Interlocked.Increment(ref Writes);
            return inner.ReplaceAsync(document, ifMatch, ct);
        }

        public Task<WriteStatus> DeleteAsync(TenantId tenant, string kind, string id, string? ifMatch, CancellationToken ct) => inner.DeleteAsync(tenant, kind, id, ifMatch, ct);
    }
}
