using Kaireon.Core.Interactions;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>
/// The consumer's view of an outbox partition (<see cref="OutboxCursor"/>): from memory once its
/// position has reached what memory holds, from the table otherwise, and whatever it switches between,
/// every published event is delivered until acknowledged, in order, and an acknowledged one never again.
/// </summary>
public sealed class OutboxCursorTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = TenantId.Parse("cursor-tenant");
    private readonly SqliteStores _sqlite = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _sqlite.InitializeAsync();

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();

    private SqliteOutbox Outbox(int memoryEvents = 100) =>
        new(_sqlite.Database, Options.Create(new LocalStreamOptions { Partitions = 1, MemoryEvents = memoryEvents }));

    [Fact]
    public async Task A_caught_up_consumer_takes_what_is_published_next_from_memory_as_the_table_holds_it()
    {
        using var outbox = Outbox();
        var cursor = outbox.Cursor(0);
        await outbox.PublishAsync(Tenant, [Event("e1")], Ct);
        await ApplyAsync(cursor, await cursor.NextAsync(10, Ct)); // from the table: memory starts holding
        Assert.False(cursor.FromMemory);
        Assert.Empty((await cursor.NextAsync(10, Ct)).Entries); // the table, drained since memory started holding

        await outbox.PublishAsync(Tenant, [Event("e2"), Event("e3")], Ct);
        var fromTable = await outbox.ReadAsync(0, 10, Ct);
        var batch = await cursor.NextAsync(10, Ct);

        Assert.True(cursor.FromMemory);
        Assert.Equal(fromTable.Entries.Select(e => (e.Sequence, e.Event.Interaction.EventId)), batch.Entries.Select(e => (e.Sequence, e.Event.Interaction.EventId)));
        await ApplyAsync(cursor, batch);
        Assert.Empty((await outbox.ReadAsync(0, 10, Ct)).Entries);
    }

    [Fact]
    public async Task An_event_committed_after_the_read_that_found_the_table_drained_is_still_delivered()
    {
        using var outbox = Outbox();
        var cursor = outbox.Cursor(0);
        await outbox.PublishAsync(Tenant, [Event("e1")], Ct);
        var once = 0;
        cursor.AfterTableRead = async () =>
        {
            if (Interlocked.Increment(ref once) == 1) await outbox.PublishAsync(Tenant, [Event("e2")], Ct);
        };

        var first = await cursor.NextAsync(10, Ct); // drained as of its read; e2 commits after it, while memory holds
        await ApplyAsync(cursor, first);
        var second = await cursor.NextAsync(10, Ct);

        Assert.Equal(["e1"], Ids(first));
        Assert.Equal(["e2"], Ids(second));
        Assert.True(cursor.FromMemory); // this process committed e1: nothing older can come, so memory's bound was known
    }

    [Fact]
    public async Task After_a_restart_memory_serves_once_a_read_begun_after_it_started_holding_found_the_table_drained()
    {
        using (var before = Outbox()) await before.PublishAsync(Tenant, [Event("e1")], Ct);
        using var outbox = Outbox(); // this process has committed nothing: the table may hold anything older
        var cursor = outbox.Cursor(0);
        var once = 0;
        cursor.AfterTableRead = async () =>
        {
            if (Interlocked.Increment(ref once) == 1) await outbox.PublishAsync(Tenant, [Event("e2")], Ct);
        };

        var first = await cursor.NextAsync(10, Ct);
        await ApplyAsync(cursor, first);
        var second = await cursor.NextAsync(10, Ct);
        await ApplyAsync(cursor, second);
        await outbox.PublishAsync(Tenant, [Event("e3")], Ct);
        var third = await cursor.NextAsync(10, Ct);

        Assert.Equal(["e1"], Ids(first));
        Assert.Equal(["e2"], Ids(second));
        Assert.Equal(["e3"], Ids(third));
        Assert.True(cursor.FromMemory);
    }

    [Fact]
    public async Task After_a_restart_every_row_of_the_earlier_run_is_read_before_memory_serves()
    {
        using (var before = Outbox()) await before.PublishAsync(Tenant, [Event("e1"), Event("e2")], Ct);
        using var outbox = Outbox();
        var cursor = outbox.Cursor(0);

        var first = await cursor.NextAsync(1, Ct); // memory starts holding here, not knowing what the table holds
        await ApplyAsync(cursor, first);
        await outbox.PublishAsync(Tenant, [Event("e3")], Ct);
        var rest = await cursor.NextAsync(10, Ct);

        Assert.Equal(["e1"], Ids(first));
        Assert.Equal(["e2", "e3"], Ids(rest));
        Assert.False(cursor.FromMemory);
    }

    [Fact]
    public async Task A_consumer_behind_by_more_than_MemoryEvents_takes_memory_again_once_it_reaches_what_memory_holds()
    {
        using var outbox = Outbox(memoryEvents: 3);
        var cursor = await CaughtUpAsync(outbox);
        await outbox.PublishAsync(Tenant, [.. Enumerable.Range(1, 10).Select(i => Event($"e{i}"))], Ct); // memory keeps e8–e10

        var batches = new List<(List<string> Ids, bool FromMemory)>();
        foreach (var max in new[] { 4, 3, 10 }) // e1–e4 and e5–e7 from the table, which then still holds e8–e10
        {
            var batch = await cursor.NextAsync(max, Ct);
            batches.Add((Ids(batch), cursor.FromMemory));
            await ApplyAsync(cursor, batch);
        }

        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10"], batches.SelectMany(b => b.Ids));
        Assert.Equal([false, false, true], batches.Select(b => b.FromMemory)); // the third before the table was drained
        Assert.Empty((await outbox.ReadAsync(0, 10, Ct)).Entries);
    }

    [Fact]
    public async Task An_acknowledged_batch_is_not_delivered_again_while_its_delete_waits_for_the_writer()
    {
        using var outbox = Outbox(memoryEvents: 0); // every read from the table, where the batch still is
        var cursor = outbox.Cursor(0);
        await outbox.PublishAsync(Tenant, [Event("e1"), Event("e2")], Ct);
        await outbox.PublishAsync(Tenant, [Event("e3")], Ct);
        var first = await cursor.NextAsync(2, Ct);

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = _sqlite.Database.WriteAsync(async (_, _) => { await release.Task; return 0; }, Ct);
        var acknowledged = cursor.AcknowledgeAsync(first, Ct);
        var next = await cursor.NextAsync(10, Ct);

        Assert.False(acknowledged.IsCompleted);
        Assert.Equal(["e3"], Ids(next));
        Assert.Equal(["e1", "e2", "e3"], Ids(await outbox.ReadAsync(0, 10, Ct))); // not deleted yet
        release.SetResult();
        await Task.WhenAll(held, acknowledged);
        Assert.Equal(["e3"], Ids(await outbox.ReadAsync(0, 10, Ct)));
    }

    [Fact]
    public async Task Rows_an_acknowledgement_failed_to_delete_go_with_the_next_one()
    {
        using var outbox = Outbox(memoryEvents: 0);
        var cursor = outbox.Cursor(0);
        await outbox.PublishAsync(Tenant, [Event("e1")], Ct);
        await outbox.PublishAsync(Tenant, [Event("e2")], Ct);

        var first = await cursor.NextAsync(1, Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cursor.AcknowledgeAsync(first, new CancellationToken(canceled: true)));
        var second = await cursor.NextAsync(10, Ct);
        Assert.Equal(["e2"], Ids(second)); // the cursor moved on: e1 was applied
        Assert.Equal(["e1", "e2"], Ids(await outbox.ReadAsync(0, 10, Ct)));

        await cursor.AcknowledgeAsync(second, Ct);
        Assert.Empty((await outbox.ReadAsync(0, 10, Ct)).Entries);
    }

    [Fact]
    public async Task Past_MemoryEvents_the_consumer_reads_the_table_and_misses_nothing()
    {
        using var outbox = Outbox(memoryEvents: 3);
        var cursor = await CaughtUpAsync(outbox);

        await outbox.PublishAsync(Tenant, [.. Enumerable.Range(1, 5).Select(i => Event($"e{i}"))], Ct);
        var batch = await cursor.NextAsync(10, Ct);

        Assert.False(cursor.FromMemory);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], Ids(batch));
    }

    [Fact]
    public async Task A_batch_not_applied_comes_again_from_the_table()
    {
        using var outbox = Outbox();
        var cursor = await CaughtUpAsync(outbox);
        await outbox.PublishAsync(Tenant, [Event("e1"), Event("e2")], Ct);
        Assert.Equal(["e1", "e2"], Ids(await cursor.NextAsync(10, Ct)));
        Assert.True(cursor.FromMemory);

        // The batch failed: it is not acknowledged.
        await outbox.PublishAsync(Tenant, [Event("e3")], Ct);

        var again = await cursor.NextAsync(10, Ct);
        Assert.False(cursor.FromMemory);
        Assert.Equal(["e1", "e2", "e3"], Ids(again));
        await ApplyAsync(cursor, again);
        Assert.Empty((await cursor.NextAsync(10, Ct)).Entries); // e3 is in memory too, and skipped
        Assert.True(cursor.FromMemory);
        await outbox.PublishAsync(Tenant, [Event("e4")], Ct);
        Assert.Equal(["e4"], Ids(await cursor.NextAsync(10, Ct)));
    }

    [Fact]
    public async Task What_memory_held_unacknowledged_when_the_process_ended_is_read_from_the_table_by_the_next_one()
    {
        using (var outbox = Outbox())
        {
            var cursor = await CaughtUpAsync(outbox);
            await outbox.PublishAsync(Tenant, [Event("e1"), Event("e2")], Ct);
            Assert.Equal(["e1", "e2"], Ids(await cursor.NextAsync(10, Ct)));
        }

        using var restarted = Outbox();
        Assert.Equal(["e1", "e2"], Ids(await restarted.Cursor(0).NextAsync(10, Ct)));
    }

    /// <summary>
    /// Publishers and one consumer at once, with memory small enough to overflow and batches that fail
    /// at random: each seeded run acknowledges every published event exactly once, in sequence order.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Every_published_event_is_acknowledged_once_in_order_whatever_memory_and_failures_do(int seed)
    {
        var random = new Random(seed);
        using var outbox = Outbox(memoryEvents: random.Next(1, 40));
        var cursor = outbox.Cursor(0);
        const int publishers = 3, publishes = 40;
        var published = new System.Collections.Concurrent.ConcurrentBag<string>();
        var publishing = Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            var mine = new Random(seed * 100 + p);
            for (var i = 0; i < publishes; i++)
            {
                List<Interaction> events = [.. Enumerable.Range(0, mine.Next(1, 8)).Select(j => Event($"p{p}-{i}-{j}"))];
                await outbox.PublishAsync(Tenant, events, Ct);
                foreach (var e in events) published.Add(e.EventId);
                if (mine.Next(4) == 0) await Task.Delay(mine.Next(3), Ct);
            }
        }, Ct)).ToList();

        var acknowledged = new List<(long Sequence, string EventId)>();
        var (memoryBatches, tableBatches) = (0, 0);
        var done = Task.WhenAll(publishing);
        while (true)
        {
            var finished = done.IsCompleted;
            var batch = await cursor.NextAsync(random.Next(1, 30), Ct);
            if (batch.Entries.Count > 0 && cursor.FromMemory) memoryBatches++;
            else if (batch.Entries.Count > 0) tableBatches++;
            if (batch.Entries.Count == 0)
            {
                if (finished) break;
                await Task.Delay(1, Ct);
                continue;
            }
            if (random.Next(5) == 0) continue; // the batch failed: not acknowledged
            await cursor.AcknowledgeAsync(batch, Ct);
            acknowledged.AddRange(batch.Entries.Select(e => (e.Sequence, e.Event.Interaction.EventId)));
        }
        await done;
        // Caught up now, so what comes next comes from memory, whatever the timing above did.
        Assert.Empty((await cursor.NextAsync(10, Ct)).Entries);
        await outbox.PublishAsync(Tenant, [Event("last")], Ct);
        published.Add("last");
        var tail = await cursor.NextAsync(10, Ct);
        Assert.True(cursor.FromMemory);
        await cursor.AcknowledgeAsync(tail, Ct);
        acknowledged.AddRange(tail.Entries.Select(e => (e.Sequence, e.Event.Interaction.EventId)));

        Assert.Empty((await outbox.ReadAsync(0, 1, Ct)).Entries); // nothing left unacknowledged
        Assert.Equal(acknowledged.Select(a => a.Sequence).Order(), acknowledged.Select(a => a.Sequence)); // in order, none twice:
        Assert.Equal(acknowledged.Count, acknowledged.Select(a => a.Sequence).Distinct().Count());
        Assert.Equal(published.Order(), acknowledged.Select(a => a.EventId).Order()); // each published event once
        TestContext.Current.TestOutputHelper?.WriteLine($"{memoryBatches} batches from memory, {tableBatches} from the table while publishing");
    }

    [Fact]
    public void A_drained_read_begun_before_memory_started_again_does_not_vouch_for_it()
    {
        var memory = new PublishedEvents(capacity: 10);
        var before = memory.Start(); // nothing committed yet in this process: the bound is unknown
        memory.Stop(); // a hand-over failed: what was committed meanwhile is not all here
        var after = memory.Start();
        memory.Committed(new StreamEntry(5, new StreamEvent(Tenant.Value, Event("e5"))));

        memory.Drained(before, position: 1);
        Assert.Null(memory.Take(after: 1, max: 10));

        memory.Drained(after, position: 1);
        Assert.Equal([5L], memory.Take(after: 1, max: 10)!.Select(e => e.Sequence));
    }

    /// <summary>A cursor that has read the partition to its end, so memory holds what comes next.</summary>
    private static async Task<OutboxCursor> CaughtUpAsync(SqliteOutbox outbox)
    {
        var cursor = outbox.Cursor(0);
        while (!cursor.FromMemory) await ApplyAsync(cursor, await cursor.NextAsync(100, Ct));
        return cursor;
    }

    private static Task ApplyAsync(OutboxCursor cursor, StreamBatch batch) => cursor.AcknowledgeAsync(batch, Ct);

    private static List<string> Ids(StreamBatch batch) => [.. batch.Entries.Select(e => e.Event.Interaction.EventId)];

    private static Interaction Event(string eventId) => new()
    {
        EventId = eventId,
        CustomerId = "c1",
        Type = "impression",
        Timestamp = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero),
        Outcome = OutcomeCategory.Impression,
        Direction = Direction.Outbound,
    };
}
