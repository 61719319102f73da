using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Core.Tests.Triggers;

/// <summary>
/// The live trigger path on a real SQLite file with a fake clock: triggers saved through the catalog,
/// events applied by the stream's batch processor (with <see cref="TriggerStream"/> as its observer),
/// the <c>EvaluateTriggers</c> timer, and the audit trail read back from the traces container.
/// </summary>
public sealed class TriggerHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder;
    private readonly SqliteDatabase _database;
    private long _sequence;

    public FakeTimeProvider Clock { get; } = new(Epoch);
    public TenantId Tenant { get; } = TenantId.Parse("acme");
    public ICustomerStore Customers { get; }
    public ITraceStore Traces { get; }

    /// <summary>Makes the next outcome record's append throw, as a process dying right after the book write.</summary>
    public void CrashAtNextOutcomeRecord() => ((CrashingTraces)Traces).Armed = true;
    public CatalogService Catalog { get; }
    public StreamBatchProcessor Processor { get; }
    public TriggerTimer Timer { get; }
    public TriggerSimulator Simulator { get; }
    public TriggerActionQueue Actions { get; } = new();
    public TriggerDispatches Dispatches { get; }
    public TriggerLog Log { get; }

    private TriggerHarness(string folder, SqliteDatabase database)
    {
        _folder = folder;
        _database = database;
        var catalogStore = new SqliteCatalogStore(database);
        Customers = new SqliteCustomerStore(database);
        var rollups = new SqliteRollupStore(database);
        Traces = new CrashingTraces(new SqliteTraceStore(database, Clock));
        var snapshots = new CatalogSnapshots(catalogStore, Clock);
        Catalog = new CatalogService(catalogStore, new AuditLog(Traces, Clock), Clock, snapshots);
        var metrics = new TenantMetrics(Catalog, Clock);
        var changes = new ChangedCustomers(rollups, Clock);
        var due = new TriggerDueIndex(catalogStore);
        Log = new TriggerLog(Traces);
        Dispatches = new TriggerDispatches(catalogStore, Log, Actions, Clock, NullLogger<TriggerDispatches>.Instance);
        var stream = new TriggerStream(Customers, new TriggerCatalog(snapshots), metrics, Log, due, Dispatches, Clock, NullLogger<TriggerStream>.Instance);
        Processor = new StreamBatchProcessor(Customers, rollups, new TransientStoreRetry(Clock), metrics, new CustomerMetrics(Customers, Clock), changes, observers: [stream]);
        Timer = new TriggerTimer(due, stream, Dispatches, Clock, NullLogger<TriggerTimer>.Instance);
        Simulator = new TriggerSimulator(Customers, changes, metrics, Clock);
    }

    public static async Task<TriggerHarness> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("kaireon-triggers-db-").FullName;
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(folder, "t.db") }));
        await new SqliteStoreHealth(database).InitializeAsync(TestContext.Current.CancellationToken);
        return new TriggerHarness(folder, database);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<Trigger> SaveAsync(string json)
    {
        var trigger = JsonSerializer.Deserialize(json, KaireonJson.Default.Trigger)!;
        var result = await Catalog.CreateAsync(Trigger.Kind, Tenant, trigger, Actor.System, Ct);
        Assert.True(result.Outcome == CatalogOutcome.Created, $"{result.Outcome}: {string.Join("; ", result.Errors?.ToDictionary().Select(e => $"{e.Key} {string.Join(",", e.Value)}") ?? [])}");
        return result.Entity!;
    }

    public async Task SaveMetricAsync(BehavioralMetric metric)
    {
        var result = await Catalog.CreateAsync(BehavioralMetric.Kind, Tenant, metric, Actor.System, Ct);
        Assert.Equal(CatalogOutcome.Created, result.Outcome);
    }

    public static Interaction Event(string id, string customer, string type, DateTimeOffset at, string? metadata = null) => new()
    {
        EventId = id,
        CustomerId = customer,
        Type = type,
        Timestamp = at,
        Direction = Direction.Inbound,
        Metadata = metadata is null ? null : JsonDocument.Parse(metadata).RootElement.Clone(),
    };

    /// <summary>Applies the events as one stream batch (new sequence numbers), as the stream consumer would.</summary>
    public Task ProcessAsync(params Interaction[] events) => ProcessAsync(Batch(events));

    public StreamBatch Batch(params Interaction[] events) =>
        new("0", [.. events.Select(e => new StreamEntry(++_sequence, new StreamEvent(Tenant.Value, e)))]);

    public async Task ProcessAsync(StreamBatch batch) => await Processor.ProcessAsync(batch, Ct);

    /// <summary>Moves the clock to <paramref name="now"/> and runs the timer.</summary>
    public async Task TickAtAsync(DateTimeOffset now)
    {
        if (now > Clock.GetUtcNow()) Clock.SetUtcNow(now);
        await Timer.RunAsync(Ct);
    }

    /// <summary>Takes every dispatch queued for the action worker (the test is the worker, or the process that died).</summary>
    public List<TriggerDispatch> DrainQueued()
    {
        var drained = new List<TriggerDispatch>();
        while (Actions.Reader.TryRead(out var dispatch)) drained.Add(dispatch);
        return drained;
    }

    /// <summary>The firings whose actions are held for a worker (<see cref="TriggerDispatches"/>), by firing id, with the action each resumes at.</summary>
    public async Task<Dictionary<string, int>> HeldDispatchesAsync()
    {
        var held = await Dispatches.HeldAsync(Ct);
        return held.ToDictionary(h => h.Dispatch.Firing.Id, h => h.Dispatch.NextAction);
    }

    /// <summary>Every recorded firing and suppression, in time order.</summary>
    public async Task<List<TriggerOutcome>> OutcomesAsync()
    {
        var records = await Traces.ListAsync(Tenant, TriggerLog.OutcomeKind, DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1), Ct);
        return [.. records.Select(r => r.Body.Deserialize(KaireonJson.Default.TriggerOutcome)!).OrderBy(o => o.At).ThenBy(o => o.Id, StringComparer.Ordinal)];
    }

    public async Task<List<TriggerOutcome>> FiringsAsync() => [.. (await OutcomesAsync()).Where(o => o.Outcome == TriggerOutcomeKind.Fired)];

    public async Task<TriggerSimulation> SimulateAsync(Trigger trigger, DateTimeOffset from, DateTimeOffset to, List<double>? thresholds = null) =>
        await Simulator.RunAsync(Tenant, trigger, new TriggerSimulationRequest { From = from, To = to, Thresholds = thresholds }, Ct);

    public async ValueTask DisposeAsync()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        await Task.CompletedTask;
    }
}

/// <summary>A trace store whose next trigger-outcome append can be made to die.</summary>
internal sealed class CrashingTraces(ITraceStore inner) : ITraceStore
{
    public bool Armed { get; set; }

    public Task AppendAsync(TraceRecord record, CancellationToken ct)
    {
        if (Armed && record.Kind == TriggerLog.OutcomeKind)
        {
            Armed = false;
            throw new IOException("simulated crash before the outcome record was written");
        }
        return inner.AppendAsync(record, ct);
    }

    public Task<TraceRecord?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct) => inner.FindAsync(tenant, kind, id, ct);

    public Task<IReadOnlyList<TraceRecord>> ListAsync(TenantId tenant, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        inner.ListAsync(tenant, kind, from, to, ct);

    public Task<int> PurgeExpiredAsync(CancellationToken ct) => inner.PurgeExpiredAsync(ct);
}
