using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using static Kaireon.Storage.Sqlite.SqliteDatabase;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The standalone event stream (design §1): a table of events, partitioned by customer, sequence
/// numbered by SQLite. A publish is durable when its transaction commits; a batch leaves the table
/// only once the consumer has applied it, so delivery is at least once, in order per partition.
/// A consumer that has caught up takes what is committed from memory (<see cref="Cursor"/>).
/// </summary>
public sealed class SqliteOutbox(SqliteDatabase database, IOptions<LocalStreamOptions> options) : IEventPublisher, IDisposable
{
    // One wake-up per partition, so a consumer starts on new events at once instead of at its next poll.
    private readonly SemaphoreSlim[] _published = [.. Enumerable.Range(0, options.Value.Partitions).Select(_ => new SemaphoreSlim(0))];
    private readonly PublishedEvents[] _inMemory = [.. Enumerable.Range(0, options.Value.Partitions).Select(_ => new PublishedEvents(options.Value.MemoryEvents))];
    private readonly OutboxCursor?[] _cursors = new OutboxCursor?[options.Value.Partitions];

    private readonly Lazy<Task> _schema = new(() => database.WriteAsync(async (connection, transaction) =>
    {
        await using var create = Command(connection, transaction, SqliteSchema.Outbox, []);
        return await create.ExecuteNonQueryAsync(CancellationToken.None);
    }, CancellationToken.None));

    public int Partitions => _published.Length;

    public async Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
    {
        await _schema.Value;
        var rows = Rows(tenant, interactions);
        await database.WriteAsync((connection, _) => Task.FromResult(Insert(rows, connection)), ct, committed: _ => Hand(rows));
        Wake(rows);
    }

    /// <summary>
    /// The publish and the document writes in one transaction when <paramref name="store"/> is a
    /// table of this database: one commit to wait for instead of two, and no state with either
    /// without the other. Any other store is written after the publish, as the port's default does.
    /// </summary>
    public async Task<IReadOnlyList<WriteResult<PartitionedDocument>>> PublishWithAsync(
        TenantId tenant, IReadOnlyList<Interaction> interactions, IPartitionedStore store, IReadOnlyList<DocumentWrite> writes, CancellationToken ct)
    {
        if (store is not SqlitePartitionedStore documents || documents.Database != database)
            return await IEventPublisher.PublishThenWriteAsync(this, tenant, interactions, store, writes, ct);
        await _schema.Value;
        var rows = Rows(tenant, interactions);
        var written = await database.WriteAsync(async (connection, transaction) =>
        {
            Insert(rows, connection);
            return await documents.WriteAsync(writes, connection, transaction, ct);
        }, ct, weight: writes.Count + 1, committed: _ => Hand(rows));
        Wake(rows);
        return written;
    }

    /// <summary>
    /// Events of one partition from one publish, on their way into the table as one row: serialized
    /// before the writer takes them (the single writer's time is the store's throughput), numbered by
    /// the writer. The row's <c>seq</c> is its last event's sequence number; the others precede it.
    /// </summary>
    private sealed class Row(int partition, StreamEvent[] events, byte[] body)
    {
        public int Partition => partition;
        public StreamEvent[] Events => events;
        public byte[] Body => body;
        public long LastSequence { get; set; }
    }

    /// <summary>Events one row holds at the most: a larger publish to one partition takes several rows.</summary>
    public const int RowEvents = 500;

    private List<Row> Rows(TenantId tenant, IReadOnlyList<Interaction> interactions) =>
        [.. interactions
            .Select(interaction => (Partition: StreamPartitioner.PartitionOf(tenant, interaction.CustomerId, Partitions), Event: new StreamEvent(tenant.Value, interaction)))
            .GroupBy(e => e.Partition)
            .SelectMany(partition => partition.Select(e => e.Event).Chunk(RowEvents)
                .Select(events => new Row(partition.Key, events, JsonSerializer.SerializeToUtf8Bytes(events, KaireonJson.Default.StreamEventArray))))];

    /// <remarks>
    /// A row per partition rather than per event: the writer's cost is per statement and per index
    /// entry, and a row of a whole request's events costs about what one event's did (measured:
    /// inserting and then deleting a row per event was a sixth of the busy writer's time).
    /// Sequence numbers continue from the table's AUTOINCREMENT counter, which the explicit
    /// <c>seq</c> moves on, so they stay above every number ever given out, deleted rows' too.
    /// </remarks>
    private int Insert(List<Row> rows, SqliteConnection connection)
    {
        var counter = database.Prepared(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
        var sequence = counter.Read() ? counter.GetInt64(0) : 0;
        counter.Reset();
        var insert = database.Prepared(connection, "INSERT INTO outbox (seq, partition, body) VALUES (?1, ?2, CAST(?3 AS TEXT))");
        foreach (var row in rows)
        {
            sequence += row.Events.Length;
            row.LastSequence = sequence;
            insert.Bind(1, sequence).Bind(2, row.Partition).Bind(3, row.Body).Execute();
        }
        return rows.Count;
    }

    // On the writer, once committed: in commit order, as each partition's memory needs them. A hand-over
    // that fails part-way (out of memory) must not leave a gap a consumer would take for the whole: every
    // partition's memory stops holding, and the consumers read the table.
    private void Hand(List<Row> rows)
    {
        try
        {
            foreach (var row in rows)
            {
                var first = row.LastSequence - row.Events.Length + 1;
                for (var i = 0; i < row.Events.Length; i++) _inMemory[row.Partition].Committed(new StreamEntry(first + i, row.Events[i]));
            }
        }
        catch (Exception)
        {
            foreach (var memory in _inMemory) memory.Stop();
            throw;
        }
    }

    // Consumers are woken after the commit: before it they would find nothing.
    private void Wake(List<Row> rows)
    {
        foreach (var partition in rows.Select(r => r.Partition).Distinct()) Wake(partition);
    }

    /// <summary>
    /// The consumer's view of a partition: one per partition, for its one consumer, which reads through
    /// it and acknowledges through it so that it can take what is committed from memory once it has reached it.
    /// </summary>
    public OutboxCursor Cursor(int partition) => _cursors[partition] ??= new OutboxCursor(this, partition, _inMemory[partition]);

    /// <summary>
    /// The oldest undelivered events of a partition after sequence number <paramref name="after"/>, at
    /// most <paramref name="max"/>, in sequence order, from the table (it changes nothing: a peek).
    /// </summary>
    /// <remarks>A row holds an array of events, or one event (rows written before rows held several).</remarks>
    public async Task<StreamBatch> ReadAsync(int partition, int max, CancellationToken ct, long after = 0)
    {
        await _schema.Value;
        await using var connection = await database.OpenAsync(ct);
        // Every row holds one event at least, so max rows hold max events at least.
        using var select = new RawStatement(connection, "SELECT seq, body FROM outbox WHERE partition = ?1 AND seq > ?3 ORDER BY seq LIMIT ?2")
            .Bind(1, partition).Bind(2, max).Bind(3, after);
        var entries = new List<StreamEntry>();
        while (entries.Count < max && select.Read())
        {
            var last = select.GetInt64(0);
            var body = select.GetSpan(1);
            StreamEvent[] events = body.Length > 0 && body[0] == (byte)'['
                ? JsonSerializer.Deserialize(body, KaireonJson.Default.StreamEventArray)!
                : [JsonSerializer.Deserialize(body, KaireonJson.Default.StreamEvent)!];
            var first = last - events.Length + 1;
            for (var i = 0; i < events.Length && entries.Count < max; i++)
            {
                if (first + i > after) entries.Add(new StreamEntry(first + i, events[i]));
            }
        }
        return new StreamBatch(partition.ToString(System.Globalization.CultureInfo.InvariantCulture), entries);
    }

    /// <summary>Removes a partition's events up to and including <paramref name="sequence"/>: they are applied (a row goes once all of its events are).</summary>
    public Task AcknowledgeAsync(int partition, long sequence, CancellationToken ct) =>
        database.WriteAsync((connection, _) =>
            Task.FromResult(database.Prepared(connection, "DELETE FROM outbox WHERE partition = ?1 AND seq <= ?2").Bind(1, partition).Bind(2, sequence).Execute()), ct);

    /// <summary>Waits until something is published to <paramref name="partition"/> or <paramref name="timeout"/> passes.</summary>
    public Task WaitForPublishAsync(int partition, TimeSpan timeout, CancellationToken ct) => _published[partition].WaitAsync(timeout, ct);

    private void Wake(int partition)
    {
        if (_published[partition].CurrentCount == 0) _published[partition].Release();
    }

    public void Dispose()
    {
        foreach (var signal in _published) signal.Dispose();
    }
}

public sealed class LocalStreamOptions
{
    public const string Section = "Kaireon:Stream:Local";

    /// <summary>
    /// The newest events per partition held in memory, so that a consumer does not read back what was
    /// just written (<see cref="OutboxCursor"/>); one further behind reads the table until it is within
    /// this many events of the newest. 0 reads everything from the table.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int MemoryEvents { get; set; } = 10_000;

    /// <summary>How many partitions (and consumers) the local stream has; events of a customer stay in one.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int Partitions { get; set; } = 4;

    /// <summary>Events per consumer batch while the consumer keeps up.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Events per consumer batch at most under a backlog: each full batch doubles the next one up to
    /// this, and the first batch that is not full goes back to <see cref="BatchSize"/>. A bigger batch
    /// shares its customers' pages and its per-batch writes (tenant shards, changed customers, the
    /// acknowledgement) among more events; a small one keeps a quiet stream's latency low. Below
    /// <see cref="BatchSize"/> it changes nothing.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 2000;

    /// <summary>
    /// How long a consumer that has caught up waits before it reads its partition again, so events
    /// arriving one by one are applied a few at a time (the tenant's summaries see them that much later).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1000)]
    public int LingerMilliseconds { get; set; } = 50;

    /// <summary>The size of the batch after one of <paramref name="read"/> events read with a limit of <paramref name="asked"/>.</summary>
    public int NextBatchSize(int asked, int read) => read < asked ? BatchSize : Math.Max(BatchSize, Math.Min(asked * 2, MaxBatchSize));
}
