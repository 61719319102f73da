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
/// <c>pipeline</c>: the ingest path in one process, without HTTP, over a real SQLite file: record
/// (<see cref="InteractionRecorder"/> with the SQLite outbox, batches of 500 as <c>POST /events</c>
/// sends them, SENDERS at once), then drain every outbox partition through
/// <see cref="StreamBatchProcessor"/> the way <c>LocalStreamConsumer</c> does. Reports wall time and
/// this process's CPU time per event for each phase: CPU time is what the 2-core target is bound by,
/// and it moves far less than wall time when other processes share the cores.
/// </summary>
public static class Pipeline
{
    private const int RequestSize = 500;
    private static readonly TenantId Tenant = TenantId.Parse("bench");

    /// <summary>pipeline [EVENTS=40000] [CUSTOMERS=1000] [STREAM_BATCH=100] [SENDERS=4] [events|respond] [metric]</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var events = Arg(args, 0, 40_000);
        var customers = Arg(args, 1, 1_000);
        var streamBatch = Arg(args, 2, 100);
        var senders = Arg(args, 3, 4);
        var respondPath = args.Length > 4 && args[4] == "respond";
        var withMetric = args.Length > 5 && args[5] == "metric";
        Console.WriteLine($"pipeline: {events} events, {customers} customers, requests of {RequestSize}, {senders} senders, stream batches of {streamBatch}, 4 outbox partitions, "
            + (respondPath ? "recorded as Respond records (day document written at accept)" : "accepted as POST /events accepts (stream-first)")
            + (withMetric ? ", one realtime metric" : ""));

        // A warm-up run on its own file first, so JIT tiering is out of the measured run.
        await RunOnceAsync(Math.Min(events, 10_000), customers, streamBatch, senders, respondPath, withMetric, print: false);
        await RunOnceAsync(events, customers, streamBatch, senders, respondPath, withMetric, print: true);
        return 0;
    }

    private static async Task RunOnceAsync(int events, int customers, int streamBatch, int senders, bool respondPath, bool withMetric, bool print)
    {
        var folder = Directory.CreateTempSubdirectory("kaireon-pipeline-").FullName;
        try
        {
            // WRITER_CACHE_MB: the writer's page cache, as Kaireon__Storage__Sqlite__WriterCacheMegabytes sets it for the server.
            var sqlite = new SqliteOptions { Path = Path.Combine(folder, "kaireon.db") };
            if (int.TryParse(Environment.GetEnvironmentVariable("WRITER_CACHE_MB"), CultureInfo.InvariantCulture, out var writerCache)) sqlite.WriterCacheMegabytes = writerCache;
            var database = new SqliteDatabase(Options.Create(sqlite));
            await new SqliteStoreHealth(database).InitializeAsync(CancellationToken.None);
            var customerStore = new SqliteCustomerStore(database);
            var rollups = new SqliteRollupStore(database);
            var retry = new TransientStoreRetry(TimeProvider.System);
            var outbox = new SqliteOutbox(database, Options.Create(new LocalStreamOptions { BatchSize = streamBatch }));
            var days = new CustomerDayCache(); // one per host, as AddKaireonCore registers it
            var inFlight = new InFlightEvents(); // one per host, shared by recorder and stream like the day cache
            var recorder = new InteractionRecorder(customerStore, outbox, retry, days, inFlight);
            var catalog = new CatalogService(new SqliteCatalogStore(database), new AuditLog(new SqliteTraceStore(database, TimeProvider.System), TimeProvider.System), TimeProvider.System);
            if (withMetric)
            {
                await catalog.CreateAsync(BehavioralMetric.Kind, Tenant, new BehavioralMetric
                {
                    Id = "bm_offer_impressions_7d", Name = "Offer impressions (7d)", AggregateFunction = AggregateFunction.Count,
                    SourceField = SourceField.Impressions, GroupByDimensions = [MetricDimension.OfferId], WindowDays = 7,
                }, Actor.System, CancellationToken.None);
            }
            var processor = new StreamBatchProcessor(customerStore, rollups, retry, new TenantMetrics(catalog, TimeProvider.System),
                new CustomerMetrics(customerStore, TimeProvider.System), new ChangedCustomers(rollups, TimeProvider.System), days: days, inFlight: inFlight);

            var requests = events / RequestSize;
            var next = -1;
            var now = DateTimeOffset.UtcNow;
            var (recordWall, recordCpu, recordRead, recordWritten) = await MeasureAsync(() => Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
            {
                var random = new Random(sender);
                int request;
                while ((request = Interlocked.Increment(ref next)) < requests)
                {
                    var batch = new Interaction[RequestSize];
                    for (var i = 0; i < RequestSize; i++) batch[i] = NewInteraction($"p-{request}-{i}", $"c{random.Next(customers):D6}", now, i);
                    // POST /events' path (stream-first); Respond's writes the day document too (RecordAsync)
                    if (respondPath) await recorder.RecordAsync(Tenant, batch, CancellationToken.None);
                    else await recorder.AcceptAsync(Tenant, batch, CancellationToken.None);
                }
            }))));

            var applied = 0L;
            var batches = 0L;
            // ALLOC=1: the drain's allocations by type (AllocSampler).
            using var sampler = print && Environment.GetEnvironmentVariable("ALLOC") == "1" ? new AllocSampler() : null;
            AllocSampler.On = sampler is not null;
            var (drainWall, drainCpu, drainRead, drainWritten) = await MeasureAsync(() => Task.WhenAll(Enumerable.Range(0, outbox.Partitions).Select(partition => Task.Run(async () =>
            {
                var cursor = outbox.Cursor(partition);
                var acknowledged = Task.CompletedTask; // as LocalStreamConsumer: the delete commits while the next batch is applied
                while (true)
                {
                    var batch = await cursor.NextAsync(streamBatch, CancellationToken.None);
                    if (batch.Entries.Count == 0)
                    {
                        await acknowledged;
                        return;
                    }
                    var outcome = await processor.ProcessAsync(batch, CancellationToken.None);
                    await acknowledged;
                    acknowledged = cursor.AcknowledgeAsync(batch, CancellationToken.None);
                    Interlocked.Add(ref applied, outcome.AppliedToTenant);
                    Interlocked.Increment(ref batches);
                }
            }))));
            outbox.Dispose();
            database.Dispose();
            if (sampler is not null)
            {
                AllocSampler.On = false;
                AllocSampler.Print(events);
            }

            var recorded = requests * RequestSize;
            if (!print) return;
            if (applied != recorded) throw new InvalidOperationException($"{applied} of {recorded} events reached the tenant rollups.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"record: {recorded / recordWall:0} events/s wall, {recordCpu * 1e6 / recorded:0} µs CPU/event ({recordCpu:0.0} s CPU in {recordWall:0.0} s), file I/O {recordRead / 1024.0 / recorded:0.0} KB read + {recordWritten / 1024.0 / recorded:0.0} KB written per event"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"drain:  {recorded / drainWall:0} events/s wall, {drainCpu * 1e6 / recorded:0} µs CPU/event ({drainCpu:0.0} s CPU in {drainWall:0.0} s, {batches} batches), file I/O {drainRead / 1024.0 / recorded:0.0} KB read + {drainWritten / 1024.0 / recorded:0.0} KB written per event"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"both:   {(recordCpu + drainCpu) * 1e6 / recorded:0} µs CPU/event, i.e. {recorded / (recordCpu + drainCpu) * 2:0} events/s if 2 cores did nothing else"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double Wall, double Cpu, long Read, long Written)> MeasureAsync(Func<Task> work)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var (read0, written0) = FileBytes();
        var started = Stopwatch.GetTimestamp();
        await work();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var (read1, written1) = FileBytes();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds, read1 - read0, written1 - written0);
    }

    /// <summary>Bytes this process moved through read and write system calls (Linux <c>/proc/self/io</c>; zero elsewhere): mostly SQLite's page reads and WAL writes.</summary>
    private static (long Read, long Written) FileBytes()
    {
        if (!File.Exists("/proc/self/io")) return (0, 0);
        var fields = File.ReadAllLines("/proc/self/io").Select(l => l.Split(':')).ToDictionary(f => f[0], f => long.Parse(f[1].Trim(), CultureInfo.InvariantCulture));
        return (fields["rchar"], fields["wchar"]);
    }

    private static Interaction NewInteraction(string eventId, string customerId, DateTimeOffset timestamp, int i) => new()
    {
        EventId = eventId,
        CustomerId = customerId,
        Type = i % 10 == 0 ? "click" : "impression",
        Timestamp = timestamp,
        Outcome = i % 10 == 0 ? OutcomeCategory.Positive : OutcomeCategory.Impression,
        Direction = i % 10 == 0 ? Direction.Inbound : Direction.Outbound,
        OfferId = "bench-offer",
        CategoryId = "bench-cards",
    };

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
