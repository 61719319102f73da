using System.Text;
using Kaireon.Core.Interactions;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>
/// The local stream's table: a row per partition of each publish, its events numbered in order, and
/// the publish with document writes (<see cref="SqliteOutbox.PublishWithAsync"/>) in one transaction
/// when the documents are in the outbox's file, so either both land or neither.
/// </summary>
public sealed class SqliteOutboxTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = TenantId.Parse("outbox-tenant");
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-outbox-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteOutbox _outbox = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await DatabaseAsync("kaireon.db");
        _outbox = new SqliteOutbox(_database, Options.Create(new LocalStreamOptions { Partitions = 1 }));
    }

    public ValueTask DisposeAsync()
    {
        _outbox.Dispose();
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteDatabase> DatabaseAsync(string file)
    {
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, file) }));
        await new SqliteStoreHealth(database).InitializeAsync(Ct);
        return database;
    }

    [Fact]
    public async Task Events_and_documents_of_the_same_file_land_together_with_the_results_in_order()
    {
        var store = new SqliteCustomerStore(_database);
        await store.CreateAsync(Document("c2", "day|2026-03-16", "old"), Ct);
        var etag = (await store.FindAsync(Partition("c2"), "day|2026-03-16", Ct))!.Etag;

        var results = await _outbox.PublishWithAsync(Tenant, [Event("e1", "c1"), Event("e2", "c2")], store,
            [new DocumentWrite(Document("c1", "day|2026-03-16", "new"), IfMatch: null),
             new DocumentWrite(Document("c2", "day|2026-03-16", "changed"), etag),
             new DocumentWrite(Document("c3", "day|2026-03-16", "stale"), "\"not-the-etag\"")], Ct);

        Assert.Equal([WriteStatus.Ok, WriteStatus.Ok, WriteStatus.NotFound], results.Select(r => r.Status));
        Assert.Equal("new", Body(await store.FindAsync(Partition("c1"), "day|2026-03-16", Ct)));
        Assert.Equal(results[1].Document!.Etag, (await store.FindAsync(Partition("c2"), "day|2026-03-16", Ct))!.Etag);
        Assert.Equal(["e1", "e2"], await PublishedAsync());
    }

    [Fact]
    public async Task A_write_that_throws_takes_the_publish_back_with_it()
    {
        var store = new SqliteCustomerStore(_database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _outbox.PublishWithAsync(Tenant, [Event("e1", "c1")], store,
            new ThrowingAt(1, [new DocumentWrite(Document("c1", "day|2026-03-16", "new"), IfMatch: null),
                               new DocumentWrite(Document("c2", "day|2026-03-16", "new"), IfMatch: null)]), Ct));

        Assert.Empty(await PublishedAsync());
        Assert.Null(await store.FindAsync(Partition("c1"), "day|2026-03-16", Ct));
    }

    [Fact]
    public async Task Events_alone_are_published_and_documents_of_another_file_are_written_after_them()
    {
        using var other = await DatabaseAsync("other.db");
        var elsewhere = new SqliteCustomerStore(other);

        var none = await _outbox.PublishWithAsync(Tenant, [Event("e1", "c1")], new SqliteCustomerStore(_database), [], Ct);
        var results = await _outbox.PublishWithAsync(Tenant, [Event("e2", "c2")], elsewhere,
            [new DocumentWrite(Document("c2", "day|2026-03-16", "new"), IfMatch: null)], Ct);

        Assert.Empty(none);
        Assert.Equal([WriteStatus.Ok], results.Select(r => r.Status));
        Assert.Equal("new", Body(await elsewhere.FindAsync(Partition("c2"), "day|2026-03-16", Ct)));
        Assert.Equal(["e1", "e2"], await PublishedAsync());
    }

    [Fact]
    public void A_backlog_doubles_the_batch_up_to_the_most_and_the_first_batch_not_full_goes_back()
    {
        var options = new LocalStreamOptions { BatchSize = 500, MaxBatchSize = 2000 };
        var sizes = new List<int> { options.BatchSize };
        foreach (var backlog in new[] { true, true, true, true, false, true })
            sizes.Add(options.NextBatchSize(sizes[^1], read: backlog ? sizes[^1] : sizes[^1] - 1));

        Assert.Equal([500, 1000, 2000, 2000, 2000, 500, 1000], sizes);
        Assert.Equal(500, new LocalStreamOptions { BatchSize = 500, MaxBatchSize = 100 }.NextBatchSize(500, read: 500));
    }

    [Fact]
    public async Task A_publish_is_one_row_per_partition_whose_events_are_numbered_in_order_and_delivered_in_parts()
    {
        await _outbox.PublishAsync(Tenant, [Event("e1", "c1"), Event("e2", "c2"), Event("e3", "c1")], Ct);
        await _outbox.PublishAsync(Tenant, [Event("e4", "c3")], Ct);

        Assert.Equal(2, await RowsAsync());
        Assert.Equal([(1L, "e1"), (2L, "e2"), (3L, "e3"), (4L, "e4")], Numbered(await _outbox.ReadAsync(0, 100, Ct)));

        // A batch may end inside a row: the row stays until all of its events are acknowledged.
        Assert.Equal(["e1", "e2"], Ids(await _outbox.ReadAsync(0, 2, Ct)));
        await _outbox.AcknowledgeAsync(0, 2, Ct);
        Assert.Equal(2, await RowsAsync());
        Assert.Equal([(3L, "e3"), (4L, "e4")], Numbered(await _outbox.ReadAsync(0, 100, Ct, after: 2)));
        await _outbox.AcknowledgeAsync(0, 3, Ct);
        Assert.Equal(1, await RowsAsync());
        Assert.Equal(["e4"], Ids(await _outbox.ReadAsync(0, 100, Ct)));
    }

    [Fact]
    public async Task Sequence_numbers_go_on_from_the_highest_ever_given_even_once_the_table_is_empty()
    {
        await _outbox.PublishAsync(Tenant, [Event("e1", "c1"), Event("e2", "c2")], Ct);
        await _outbox.AcknowledgeAsync(0, 2, Ct);
        Assert.Equal(0, await RowsAsync());

        await _outbox.PublishAsync(Tenant, [Event("e3", "c1")], Ct);

        Assert.Equal([3L], (await _outbox.ReadAsync(0, 100, Ct)).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Rows_of_one_event_each_written_by_an_earlier_version_keep_their_numbers_and_new_ones_follow()
    {
        await using (var connection = await _database.OpenAsync(Ct))
        {
            foreach (var eventId in new[] { "old1", "old2" })
            {
                await using var insert = new SqliteCommand("INSERT INTO outbox (partition, body) VALUES (0, $body)", connection);
                insert.Parameters.AddWithValue("$body", System.Text.Json.JsonSerializer.Serialize(
                    new StreamEvent(Tenant.Value, Event(eventId, "c1")), Kaireon.Core.Json.KaireonJson.Default.StreamEvent));
                await insert.ExecuteNonQueryAsync(Ct);
            }
        }

        await _outbox.PublishAsync(Tenant, [Event("new1", "c1"), Event("new2", "c2")], Ct);

        Assert.Equal([(1L, "old1"), (2L, "old2"), (3L, "new1"), (4L, "new2")],
            Numbered(await _outbox.ReadAsync(0, 100, Ct)));
        Assert.Equal([(2L, "old2"), (3L, "new1")], Numbered(await _outbox.ReadAsync(0, 2, Ct, after: 1)));
    }

    [Fact]
    public async Task A_publish_larger_than_a_row_takes_several_rows_in_order()
    {
        var events = Enumerable.Range(0, SqliteOutbox.RowEvents + 3).Select(i => Event($"e{i}", $"c{i}")).ToList();

        await _outbox.PublishAsync(Tenant, events, Ct);

        Assert.Equal(2, await RowsAsync());
        var read = (await _outbox.ReadAsync(0, 1000, Ct)).Entries;
        Assert.Equal(events.Select(e => e.EventId), read.Select(e => e.Event.Interaction.EventId));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), read.Select(e => e.Sequence));
    }

    private async Task<long> RowsAsync()
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var count = new SqliteCommand("SELECT count(*) FROM outbox", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    private static List<string> Ids(StreamBatch batch) => [.. batch.Entries.Select(e => e.Event.Interaction.EventId)];

    private static List<(long Sequence, string EventId)> Numbered(StreamBatch batch) => [.. batch.Entries.Select(e => (e.Sequence, e.Event.Interaction.EventId))];

    private async Task<List<string>> PublishedAsync() => Ids(await _outbox.ReadAsync(0, 100, Ct));

    private static DocumentPartition Partition(string customerId) => new(Tenant, customerId);

    private static PartitionedDocument Document(string customerId, string id, string body) =>
        new() { Partition = Partition(customerId), Id = id, Utf8Body = Encoding.UTF8.GetBytes($"\"{body}\"") };

    private static string? Body(PartitionedDocument? document) => document is null ? null : Encoding.UTF8.GetString(document.Utf8Body.Span).Trim('"');

    private static Interaction Event(string eventId, string customerId) => new()
    {
        EventId = eventId,
        CustomerId = customerId,
        Type = "impression",
        Timestamp = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero),
        Outcome = OutcomeCategory.Impression,
        Direction = Direction.Outbound,
        OfferId = "gold-card",
    };

    /// <summary>Writes whose <paramref name="at"/>th one cannot be read: the store fails in the middle of the batch.</summary>
    private sealed class ThrowingAt(int at, IReadOnlyList<DocumentWrite> writes) : IReadOnlyList<DocumentWrite>
    {
        public DocumentWrite this[int index] => index == at ? throw new InvalidOperationException("the store fails here") : writes[index];
        public int Count => writes.Count;
        public IEnumerator<DocumentWrite> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
