using System.Diagnostics;
using System.Globalization;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Benchmarks;

/// <summary>
/// <c>store-ops</c>: counts the customer and rollup store calls of the interaction paths over the
/// real SQLite stores (a temp file per scenario), per event, and times them.
/// </summary>
public static class StoreOps
{
    private const int BatchSize = 100;
    private const int CustomerPool = 1_000;
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly DateTimeOffset FirstDay = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly TransientStoreRetry Retry = new(TimeProvider.System);

    private sealed record Scenario(string Name, int CustomersPerBatch, int Days);

    /// <summary>Calls and time of one path over a scenario's measured batches.</summary>
    private sealed class Tally
    {
        public long Events;
        public long Calls;
        public long Reads;
        public long Writes;
        public long Bound;
        public TimeSpan Elapsed;
        public TimeSpan ReadTime;
        public TimeSpan WriteTime;

        public void Add(CountingStore customers, CountingStore rollups, int events, TimeSpan elapsed, int calls = 1, long bound = 0)
        {
            Events += events;
            Calls += calls;
            Reads += customers.Reads + rollups.Reads;
            Writes += customers.Writes + rollups.Writes;
            ReadTime += customers.ReadTime + rollups.ReadTime;
            WriteTime += customers.WriteTime + rollups.WriteTime;
            Elapsed += elapsed;
            Bound += bound;
        }
    }

    private sealed class NoPublisher : IEventPublisher
    {
        public Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>Times the real outbox publish, for the Respond breakdown (a decorator: the recorder takes the port's default, publish then write).</summary>
    private sealed class TimedPublisher(IEventPublisher inner) : IEventPublisher
    {
        public TimeSpan Elapsed { get; set; }

        public async Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            await inner.PublishAsync(tenant, interactions, ct);
            Elapsed += Stopwatch.GetElapsedTime(started);
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["commit", ..])
        {
            await CommitCostAsync(1_000);
            return 0;
        }
        var batches = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"store-ops: SQLite stores in a temp file per scenario, batches of {BatchSize} events, {batches} measured batches per scenario (after 2 warm-up batches).");
        Console.WriteLine("reads = Find + Range, writes = Create + Replace, on ICustomerStore + IRollupStore. Catalog reads and the outbox insert are not store-port calls and are not counted.");
        Console.WriteLine();

        Scenario[] scenarios =
        [
            new("(a) 100 customers, 1 day", 100, 1),
            new("(a) 100 customers, 7 days", 100, 7),
            new("(b) 5 customers, 1 day", 5, 1),
            new("(b) 5 customers, 7 days", 5, 7),
        ];

        var rows = new List<string[]>();
        foreach (var scenario in scenarios) rows.AddRange(await RunScenarioAsync(scenario, batches));
        PrintTable(["scenario", "path", "reads/event", "writes/event", "writes/batch", "bound/batch", "time"], rows);
        Console.WriteLine();
        Console.WriteLine("bound/batch = touched customer day documents + tenant rollup shards of the batch (the target: writes/batch <= bound).");
        Console.WriteLine("time = wall time per call (Respond) or per batch (events, stream), of which store reads / writes.");
        Console.WriteLine();

        await RespondBreakdownAsync(2_000);
        await RespondOneCommitAsync(2_000);
        Console.WriteLine();
        await CommitCostAsync(1_000);
        return 0;
    }

    /// <summary>
    /// What one SQLite write transaction costs on this disk, as the adapter commits every document
    /// write on its own: a 1 KB insert per transaction, WAL, with <c>synchronous</c> at the
    /// connection default (FULL: the WAL is synced on every commit) and at NORMAL (synced at checkpoints).
    /// </summary>
    private static async Task CommitCostAsync(int commits)
    {
        var folder = Directory.CreateTempSubdirectory("kaireon-commit-").FullName;
        try
        {
            var body = new string('x', 1024);
            foreach (var synchronous in new[] { "default", "FULL", "NORMAL" })
            {
                var path = Path.Combine(folder, $"{synchronous}.db");
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
                await connection.OpenAsync();
                await using (var setup = connection.CreateCommand())
                {
                    // "default" leaves synchronous as the adapter's readers and checkpointer do and reports what that is;
                    // its writer runs NORMAL and syncs the log beside it (WalSync), so a write waits for one FULL-like sync.
                    setup.CommandText = "PRAGMA journal_mode = WAL; " + (synchronous == "default" ? "" : $"PRAGMA synchronous = {synchronous}; ")
                        + "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);";
                    await setup.ExecuteNonQueryAsync();
                }
                if (synchronous == "default")
                {
                    await using var query = connection.CreateCommand();
                    query.CommandText = "PRAGMA synchronous;";
                    var level = Convert.ToInt64(await query.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                    Console.WriteLine($"SQLite connection default (the adapter's readers and checkpointer; its writer commits at NORMAL and syncs beside): PRAGMA synchronous = {level} (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA)");
                }
                var latencies = new List<double>(commits);
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < commits; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync();
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO t (id, body) VALUES ($id, $body)";
                    insert.Parameters.AddWithValue("$id", i);
                    insert.Parameters.AddWithValue("$body", body);
                    await insert.ExecuteNonQueryAsync();
                    await transaction.CommitAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                latencies.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"SQLite, one 1 KB insert per transaction, synchronous={synchronous}: {commits / seconds:0} commits/s, p50 {Percentile(latencies, 0.5):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string[]>> RunScenarioAsync(Scenario scenario, int batches)
    {
        using var stores = await TempStores.CreateAsync();
        var customers = new CountingStore(stores.Customers);
        var rollups = new CountingStore(stores.Rollups);
        var recorder = new InteractionRecorder(customers, new NoPublisher(), Retry);
        var processor = await ProcessorAsync(stores, customers, rollups);
        var respond = new Tally();
        var events = new Tally();
        var streamAccepted = new Tally();
        var streamFresh = new Tally();
        long sequence = 0;
        var eventNumber = 0;

        for (var b = 0; b < batches + 2; b++)
        {
            var measured = b >= 2;
            var customerOffset = b * scenario.CustomersPerBatch % CustomerPool;
            List<Interaction> NewBatch(string path) => [.. Enumerable.Range(0, BatchSize).Select(i => NewInteraction(
                $"{path}-{eventNumber++}", $"c{(customerOffset + i % scenario.CustomersPerBatch) % CustomerPool:D5}", FirstDay.AddDays(i % scenario.Days).AddMinutes(b), i))];
            StreamBatch ToStream(IEnumerable<Interaction> interactions) =>
                new("0", [.. interactions.Select(i => new StreamEntry(++sequence, new StreamEvent(Tenant.Value, i)))]);

            // Respond: one event per call, as POST /respond does.
            var viaRespond = NewBatch("r");
            foreach (var interaction in viaRespond)
            {
                Reset(customers, rollups);
                var started = Stopwatch.GetTimestamp();
                await recorder.RecordAsync(Tenant, [interaction], CancellationToken.None);
                if (measured) respond.Add(customers, rollups, 1, Stopwatch.GetElapsedTime(started));
            }

            // POST /events with the batch in one request: stream-first, its reads only (the duplicate check).
            var viaEvents = NewBatch("e");
            Reset(customers, rollups);
            var startedEvents = Stopwatch.GetTimestamp();
            await recorder.AcceptAsync(Tenant, viaEvents, CancellationToken.None);
            if (measured) events.Add(customers, rollups, viaEvents.Count, Stopwatch.GetElapsedTime(startedEvents));

            // The stream after Respond's accept: every event is in its day document, pending the tenant rollup.
            // (POST /events' events reach the stream as fresh events, below.)
            foreach (var accepted in new[] { viaRespond })
            {
                var batch = ToStream(accepted);
                Reset(customers, rollups);
                var started = Stopwatch.GetTimestamp();
                await processor.ProcessAsync(batch, CancellationToken.None);
                if (measured) streamAccepted.Add(customers, rollups, batch.Entries.Count, Stopwatch.GetElapsedTime(started), bound: Bound(batch));
            }

            // The stream with events no day document holds yet (the processor's other branch).
            var fresh = ToStream(NewBatch("s"));
            Reset(customers, rollups);
            var startedFresh = Stopwatch.GetTimestamp();
            await processor.ProcessAsync(fresh, CancellationToken.None);
            if (measured) streamFresh.Add(customers, rollups, fresh.Entries.Count, Stopwatch.GetElapsedTime(startedFresh), bound: Bound(fresh));
        }

        return
        [
            Row(scenario.Name, "Respond (1 event/call)", respond, perCall: true),
            Row("", "Events (100/call, stream-first)", events, perCall: false),
            Row("", "stream, after Respond", streamAccepted, perCall: false),
            Row("", "stream, fresh events", streamFresh, perCall: false),
        ];
    }

    private static string[] Row(string scenario, string path, Tally t, bool perCall)
    {
        var batchesOrCalls = (double)t.Calls;
        var per = perCall ? "call" : "batch";
        return
        [
            scenario,
            path,
            (t.Reads / (double)t.Events).ToString("0.00", CultureInfo.InvariantCulture),
            (t.Writes / (double)t.Events).ToString("0.00", CultureInfo.InvariantCulture),
            perCall ? "-" : (t.Writes / batchesOrCalls).ToString("0.0", CultureInfo.InvariantCulture),
            perCall || t.Bound == 0 ? "-" : (t.Bound / batchesOrCalls).ToString("0.0", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture,
                $"{Ms(t.Elapsed / batchesOrCalls)}/{per} (reads {Ms(t.ReadTime / batchesOrCalls)}, writes {Ms(t.WriteTime / batchesOrCalls)})"),
        ];
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString(time.TotalMilliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    private static long Bound(StreamBatch batch) =>
        batch.Entries.Select(e => (e.Event.Interaction.CustomerId, e.Event.Interaction.Day)).Distinct().Count()
        + batch.Entries.Select(e => e.Event.Interaction.Day).Distinct().Count();

    private static void Reset(CountingStore customers, CountingStore rollups)
    {
        customers.Reset();
        rollups.Reset();
    }

    private static Interaction NewInteraction(string eventId, string customerId, DateTimeOffset timestamp, int i) => new()
    {
        EventId = eventId,
        CustomerId = customerId,
        Type = (i % 10) switch { 0 => "click", 1 => "convert", _ => "impression" },
        Timestamp = timestamp.AddSeconds(i),
        Outcome = (i % 10) switch { 0 => OutcomeCategory.Positive, 1 => OutcomeCategory.Conversion, _ => OutcomeCategory.Impression },
        Direction = Direction.Inbound,
        OfferId = $"o{i % 20}",
        ChannelId = "web",
        CategoryId = "cards",
        Value = i % 10 == 1 ? 10m : null,
    };

    /// <summary>Respond's record step with the real SQLite outbox, one call at a time: where the time goes.</summary>
    private static async Task RespondBreakdownAsync(int calls)
    {
        using var stores = await TempStores.CreateAsync();
        var customers = new CountingStore(stores.Customers);
        var outbox = new SqliteOutbox(stores.Database, Options.Create(new LocalStreamOptions()));
        var publisher = new TimedPublisher(outbox);
        var recorder = new InteractionRecorder(customers, publisher, Retry);
        var latencies = new List<double>(calls);
        for (var i = 0; i < calls + 200; i++)
        {
            if (i == 200)
            {
                customers.Reset();
                publisher.Elapsed = TimeSpan.Zero;
            }
            var started = Stopwatch.GetTimestamp();
            await recorder.RecordAsync(Tenant, [NewInteraction($"b-{i}", $"c{i % CustomerPool:D5}", FirstDay, i)], CancellationToken.None);
            if (i >= 200) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        outbox.Dispose();
        latencies.Sort();
        var total = latencies.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Respond record step with the SQLite outbox through counting decorators (publish, then write: two commits), {calls} sequential calls: p50 {Percentile(latencies, 0.50):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, mean {total / calls:0.000} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per call: day-document read {customers.ReadTime.TotalMilliseconds / calls:0.000} ms, day-document write {customers.WriteTime.TotalMilliseconds / calls:0.000} ms, outbox publish {publisher.Elapsed.TotalMilliseconds / calls:0.000} ms"));
    }

    /// <summary>
    /// The same calls with the undecorated stores, so the outbox commits the publish and the day
    /// document together (<see cref="SqliteOutbox.PublishWithAsync"/>), as the host runs Respond.
    /// </summary>
    private static async Task RespondOneCommitAsync(int calls)
    {
        using var stores = await TempStores.CreateAsync();
        var outbox = new SqliteOutbox(stores.Database, Options.Create(new LocalStreamOptions()));
        var recorder = new InteractionRecorder(stores.Customers, outbox, Retry);
        var latencies = new List<double>(calls);
        for (var i = 0; i < calls + 200; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await recorder.RecordAsync(Tenant, [NewInteraction($"b-{i}", $"c{i % CustomerPool:D5}", FirstDay, i)], CancellationToken.None);
            if (i >= 200) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        outbox.Dispose();
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Respond record step, publish and day document in one commit, {calls} sequential calls: p50 {Percentile(latencies, 0.50):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, mean {latencies.Sum() / calls:0.000} ms"));
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows) Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))) + " |");
    }

    /// <summary>A fresh SQLite file with the schema, deleted on dispose.</summary>
    /// <summary>
    /// The stream with one realtime metric (the spec's recipe: impressions per channel, 7 days), so
    /// each touched customer's metric book is read and written as in production.
    /// </summary>
    private static async Task<StreamBatchProcessor> ProcessorAsync(TempStores stores, CountingStore customers, CountingStore rollups)
    {
        var catalog = new CatalogService(new SqliteCatalogStore(stores.Database), new AuditLog(new SqliteTraceStore(stores.Database, TimeProvider.System), TimeProvider.System), TimeProvider.System);
        await catalog.CreateAsync(BehavioralMetric.Kind, Tenant, new BehavioralMetric
        {
            Id = "bm_channel_impressions_7d", Name = "Channel impressions (7d)", AggregateFunction = AggregateFunction.Count,
            SourceField = SourceField.Impressions, GroupByDimensions = [MetricDimension.ChannelId], WindowDays = 7,
        }, Actor.System, CancellationToken.None);
        return new StreamBatchProcessor(customers, rollups, Retry, new TenantMetrics(catalog, TimeProvider.System),
            new CustomerMetrics(customers, TimeProvider.System), new ChangedCustomers(rollups, TimeProvider.System),
            learning: new Kaireon.Core.Scoring.ModelLearning(rollups, TimeProvider.System));
    }

    private sealed class TempStores : IDisposable
    {
        private readonly string _folder;

        private TempStores(string folder, SqliteDatabase database)
        {
            _folder = folder;
            Database = database;
            Customers = new SqliteCustomerStore(database);
            Rollups = new SqliteRollupStore(database);
        }

        public SqliteDatabase Database { get; }
        public SqliteCustomerStore Customers { get; }
        public SqliteRollupStore Rollups { get; }

        public static async Task<TempStores> CreateAsync()
        {
            var folder = Directory.CreateTempSubdirectory("kaireon-bench-").FullName;
            var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(folder, "kaireon.db") }));
            await new SqliteStoreHealth(database).InitializeAsync(CancellationToken.None);
            return new TempStores(folder, database);
        }

        public void Dispose()
        {
            Database.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
