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
/// The local stream's publish with document writes (<see cref="SqliteOutbox.PublishWithAsync"/>):
/// one transaction when the documents are in the outbox's file, so either both land or neither.
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

    private async Task<List<string>> PublishedAsync() =>
        [.. (await _outbox.ReadAsync(0, 100, Ct)).Entries.Select(e => e.Event.Interaction.EventId)];

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
