using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Interactions;

/// <summary>
/// The day-document cache on a real store: it answers from memory only the version the store still
/// holds, and anything another writer (another instance, a write whose reply was lost) stored is read
/// and deserialized again — so Respond's duplicate check and the stream's state of each event never
/// rest on a stale day.
/// </summary>
public abstract class CustomerDayCacheContract
{
    protected abstract StoreSet Stores { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Noon = new(2026, 3, 16, 12, 0, 0, TimeSpan.Zero);
    private static readonly UtcDay Day = UtcDay.Of(Noon);

    [Fact]
    public async Task The_day_this_process_wrote_is_answered_from_memory_without_its_body()
    {
        var tenant = Docs.NewTenant();
        var cache = new CustomerDayCache();
        await Recorder(cache).RecordAsync(tenant, [Click("e-1")], Ct);

        var read = await cache.ReadAsync(Stores.Customers, tenant, "c-1", Day, Ct);

        Assert.Null(read.Document);
        Assert.Equal((await StoredAsync(tenant))!.Etag, read.Etag);
        Assert.Equal(["e-1"], ((CustomerDay)read.Value!).Interactions.Select(i => i.EventId));
    }

    [Fact]
    public async Task A_day_another_instance_changed_is_read_again_and_its_events_are_duplicates()
    {
        var tenant = Docs.NewTenant();
        var mine = new CustomerDayCache();
        await Recorder(mine).RecordAsync(tenant, [Click("e-1")], Ct);
        await Recorder(new CustomerDayCache()).RecordAsync(tenant, [Click("e-2")], Ct);

        var read = await mine.ReadAsync(Stores.Customers, tenant, "c-1", Day, Ct);
        var again = await Recorder(mine).RecordAsync(tenant, [Click("e-2"), Click("e-3")], Ct);

        Assert.NotNull(read.Document);
        Assert.Equal(["e-1", "e-2"], ((CustomerDay)read.Value!).Interactions.Select(i => i.EventId));
        Assert.Equal([true, false], again.Select(r => r.Duplicate));
        Assert.Equal(["e-1", "e-2", "e-3"], (await StoredAsync(tenant))!.Body.Deserialize(KaireonJson.Default.CustomerDay)!.Interactions.Select(i => i.EventId));
    }

    [Fact]
    public async Task A_write_whose_reply_was_lost_is_read_again()
    {
        var tenant = Docs.NewTenant();
        var cache = new CustomerDayCache();
        var crashing = new CrashingCustomerStore(Stores.Customers) { AfterWrite = true };
        var recorder = new InteractionRecorder(crashing, new Unpublished(), new TransientStoreRetry(TimeProvider.System), cache);
        await recorder.RecordAsync(tenant, [Click("e-1")], Ct);
        crashing.Armed = true;
        await Assert.ThrowsAsync<SimulatedCrash>(() => recorder.RecordAsync(tenant, [Click("e-2")], Ct));

        var read = await cache.ReadAsync(Stores.Customers, tenant, "c-1", Day, Ct);
        var retried = await recorder.RecordAsync(tenant, [Click("e-2")], Ct);

        Assert.NotNull(read.Document);
        Assert.Equal(["e-1", "e-2"], ((CustomerDay)read.Value!).Interactions.Select(i => i.EventId));
        Assert.True(retried[0].Duplicate);
    }

    [Fact]
    public async Task A_known_day_that_changed_since_it_was_read_loses_nothing_and_counts_nothing_twice()
    {
        // Recommend hands the recorder the day its query read; a Respond can land in between. An event
        // that other write stored after the known read is answered as first seen, as two concurrent
        // copies of one event both are: its effect still counts once.
        var tenant = Docs.NewTenant();
        await Recorder(new CustomerDayCache()).RecordAsync(tenant, [Click("e-1")], Ct);
        var known = new InteractionRecorder.KnownDay("c-1", Day, await StoredAsync(tenant));
        await Recorder(new CustomerDayCache()).RecordAsync(tenant, [Click("e-2")], Ct);

        var recorded = await Recorder(new CustomerDayCache()).RecordAsync(tenant, [Click("e-2"), Click("e-3")], Ct, known);

        Assert.False(recorded[1].Duplicate);
        var stored = (await StoredAsync(tenant))!.Body.Deserialize(KaireonJson.Default.CustomerDay)!;
        Assert.Equal(["e-1", "e-2", "e-3"], stored.Interactions.Select(i => i.EventId));
        Assert.Equal(["e-1", "e-2", "e-3"], stored.PendingRollup);
    }

    [Fact]
    public async Task A_known_absent_day_is_created_without_a_read()
    {
        var tenant = Docs.NewTenant();
        var counting = new CountingReads(Stores.Customers);
        var recorder = new InteractionRecorder(counting, new Unpublished(), new TransientStoreRetry(TimeProvider.System), new CustomerDayCache());

        await recorder.RecordAsync(tenant, [Click("e-1")], Ct, new InteractionRecorder.KnownDay("c-1", Day, null));

        Assert.Equal(0, counting.Reads);
        Assert.Equal(["e-1"], (await StoredAsync(tenant))!.Body.Deserialize(KaireonJson.Default.CustomerDay)!.Interactions.Select(i => i.EventId));
    }

    [Fact]
    public async Task A_cache_past_its_capacity_forgets_the_oldest_days_and_reads_them_again()
    {
        var tenant = Docs.NewTenant();
        var cache = new CustomerDayCache(capacity: 8);
        var recorder = Recorder(cache);
        foreach (var customer in Enumerable.Range(0, 10)) await recorder.RecordAsync(tenant, [Click($"e-{customer}", $"c-{customer}")], Ct);

        var oldest = await cache.ReadAsync(Stores.Customers, tenant, "c-0", Day, Ct);
        var newest = await cache.ReadAsync(Stores.Customers, tenant, "c-9", Day, Ct);

        Assert.NotNull(oldest.Document);
        Assert.Equal(["e-0"], ((CustomerDay)oldest.Value!).Interactions.Select(i => i.EventId));
        Assert.Null(newest.Document);
    }

    private InteractionRecorder Recorder(CustomerDayCache cache) =>
        new(Stores.Customers, new Unpublished(), new TransientStoreRetry(TimeProvider.System), cache);

    private Task<PartitionedDocument?> StoredAsync(TenantId tenant) =>
        Stores.Customers.FindAsync(new DocumentPartition(tenant, "c-1"), Day.DocumentId, Ct);

    private static Interaction Click(string eventId, string customerId = "c-1") => new()
    {
        EventId = eventId,
        CustomerId = customerId,
        Type = "click",
        Timestamp = Noon,
        Outcome = OutcomeCategory.Positive,
        Value = 845.50m,
    };

    private sealed class Unpublished : IEventPublisher
    {
        public Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>Counts the reads of day documents that reach the store.</summary>
    private sealed class CountingReads(ICustomerStore inner) : ICustomerStore
    {
        public int Reads { get; private set; }

        public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct)
        {
            Reads++;
            return inner.FindAsync(partition, id, ct);
        }

        public Task<ConditionalRead> FindIfChangedAsync(DocumentPartition partition, string id, string? ifNoneMatch, CancellationToken ct)
        {
            Reads++;
            return inner.FindIfChangedAsync(partition, id, ifNoneMatch, ct);
        }

        public Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
            inner.DeleteRangeAsync(partition, fromId, toId, ct);

        public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
            inner.RangeAsync(partition, fromId, toId, ct);

        public Task<IReadOnlyList<PartitionedDocument>> ReadAsync(DocumentPartition partition, IReadOnlyCollection<string> ids, IdRange? range, CancellationToken ct) =>
            inner.ReadAsync(partition, ids, range, ct);

        public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) => inner.CreateAsync(document, ct);

        public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) =>
            inner.ReplaceAsync(document, ifMatch, ct);
    }
}
