using Kaireon.Core.Storage;
using Microsoft.Data.Sqlite;
using static Kaireon.Storage.Sqlite.SqliteDatabase;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// A <c>/pk</c>-partitioned container as a table keyed (pk, id). The table name is fixed per
/// subclass, never from input.
/// </summary>
public abstract class SqlitePartitionedStore(SqliteDatabase database, string table) : IPartitionedStore
{
    /// <summary>The file this table is in: writes of the same file can share a transaction (<see cref="SqliteOutbox.PublishWithAsync"/>).</summary>
    internal SqliteDatabase Database => database;

    public async Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct)
    {
        var found = await QueryAsync(partition, "id = $id", [("$id", id)], ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <remarks>One statement; an unchanged row's body is never read, so its pages (overflow pages of a large day) stay untouched.</remarks>
    public async Task<ConditionalRead> FindIfChangedAsync(DocumentPartition partition, string id, string? ifNoneMatch, CancellationToken ct) =>
        (await FindManyIfChangedAsync([new DocumentKey(partition, id, ifNoneMatch)], ct))[0];

    /// <remarks>
    /// One statement, prepared once and bound per document (<see cref="RawStatement"/>). Several documents
    /// are read on the writer's connection (<see cref="SqliteDatabase.ReadOnWriterAsync"/>), whose page cache
    /// outlives commits: the stream's and <c>POST /events</c>' batches of day documents. One is read on a
    /// reader, so a single request does not wait for the commit under way.
    /// </remarks>
    public async Task<IReadOnlyList<ConditionalRead>> FindManyIfChangedAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        if (keys.Count > 1) return await database.ReadOnWriterAsync(connection => Find(database.Prepared(connection, _find), keys, ct), ct);
        await using var connection = await database.OpenAsync(ct);
        using var select = new RawStatement(connection, _find);
        return Find(select, keys, ct);
    }

    private readonly string _find = $"SELECT etag, CASE WHEN etag = ?3 THEN NULL ELSE body END FROM {table} WHERE pk = ?1 AND id = ?2";

    private static ConditionalRead[] Find(RawStatement select, IReadOnlyList<DocumentKey> keys, CancellationToken ct)
    {
        var reads = new ConditionalRead[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (partition, id, ifNoneMatch) = keys[i];
            select.Bind(1, partition.Value).Bind(2, id);
            if (ifNoneMatch is null) select.BindNull(3);
            else select.Bind(3, ifNoneMatch);
            reads[i] = !select.Read() ? new ConditionalRead(null)
                : select.IsNull(1) ? ConditionalRead.Unchanged(select.GetString(0))
                : new ConditionalRead(new PartitionedDocument { Partition = partition, Id = id, Etag = select.GetString(0), Utf8Body = select.GetBytes(1) });
            select.Reset();
        }
        return reads;
    }

    public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
        QueryAsync(partition, "id >= $from AND id <= $to", [("$from", fromId), ("$to", toId)], ct);

    public Task<IReadOnlyList<PartitionedDocument>> ReadAsync(DocumentPartition partition, IReadOnlyCollection<string> ids, IdRange? range, CancellationToken ct)
    {
        var names = ids.Select((_, i) => $"$id{i}").ToList();
        var parameters = ids.Select((id, i) => (names[i], (object)id)).ToList();
        var terms = names.Count > 0 ? [$"id IN ({string.Join(", ", names)})"] : new List<string>();
        if (range is { } r)
        {
            terms.Add("(id >= $from AND id <= $to)");
            parameters.Add(("$from", r.From));
            parameters.Add(("$to", r.To));
        }
        return terms.Count == 0
            ? Task.FromResult<IReadOnlyList<PartitionedDocument>>([])
            : QueryAsync(partition, $"({string.Join(" OR ", terms)})", [.. parameters], ct);
    }

    /// <summary>Documents one work item of <see cref="DeleteRangeAsync"/> deletes at the most: a long range is many short commits, not one the requests wait behind.</summary>
    public const int DeleteChunk = 256;

    public async Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            var chunk = await database.WriteAsync(async (connection, transaction) =>
            {
                await using var delete = Command(connection, transaction,
                    $"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE pk = $pk AND id >= $from AND id <= $to LIMIT {DeleteChunk})",
                    [("$pk", partition.Value), ("$from", fromId), ("$to", toId)]);
                return await delete.ExecuteNonQueryAsync(ct);
            }, ct, weight: DeleteChunk);
            deleted += chunk;
            if (chunk < DeleteChunk) return deleted;
        }
    }

    public async Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) =>
        (await WriteManyAsync([new DocumentWrite(document, IfMatch: null)], ct))[0];

    /// <remarks>No condition is <c>*</c>: the one update statement of <see cref="WriteManyAsync"/> serves both.</remarks>
    public async Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) =>
        (await WriteManyAsync([new DocumentWrite(document, ifMatch ?? "*")], ct))[0];

    /// <summary>Writes that share one of the writer's work items: no more than the background share a request's group takes (<see cref="SqliteDatabase.BackgroundShare"/>).</summary>
    public const int WriteChunk = SqliteDatabase.BackgroundShare;

    /// <remarks>
    /// Chunks of <see cref="WriteChunk"/> writes, each one work item of the writer with its two
    /// statements prepared once; the chunks go out together, so a group commit takes several. A chunk
    /// whose statement throws keeps none of its writes, and the call throws.
    /// </remarks>
    public async Task<IReadOnlyList<WriteResult<PartitionedDocument>>> WriteManyAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken ct)
    {
        var chunks = writes.Chunk(WriteChunk).Select(chunk => database.WriteAsync((connection, transaction) => WriteAsync(chunk, connection, transaction, ct), ct, weight: chunk.Length));
        return [.. (await Task.WhenAll(chunks)).SelectMany(results => results)];
    }

    /// <remarks>
    /// When <paramref name="firstStore"/> is a table of the same file, nothing waits between the two:
    /// one item of the writer holds the first writes and as many of these as fill a chunk with them
    /// (<see cref="WriteChunk"/>, so the item still fits the share of a group that holds a request),
    /// which commit together, and the other chunks are items queued right behind it. The writer runs
    /// items one at a time in the order queued, and each later chunk writes only if its own transaction
    /// shows the versions the first writes stored, committed before it or in it; otherwise it fails
    /// and keeps nothing. So none of these is durable without the first writes, whatever happens to
    /// the item that holds them (a failed statement, a failed commit, a cancellation).
    /// </remarks>
    public async Task<(IReadOnlyList<WriteResult<PartitionedDocument>> First, IReadOnlyList<WriteResult<PartitionedDocument>>? Writes)> WriteAfterAsync(
        IPartitionedStore firstStore, IReadOnlyList<DocumentWrite> first, IReadOnlyList<DocumentWrite> writes, CancellationToken ct)
    {
        if (firstStore is not SqlitePartitionedStore before || before.Database != database || first.Count == 0)
            return await IPartitionedStore.WriteInOrderAsync(firstStore, first, this, writes, ct);

        var withFirst = writes.Take(Math.Max(0, WriteChunk - first.Count)).ToArray();
        var chunks = writes.Skip(withFirst.Length).Chunk(WriteChunk).ToArray();
        IReadOnlyList<PartitionedDocument>? led = null; // what the first writes stored: set on the writer, read there by the later chunks
        var head = database.WriteAsync(async (connection, transaction) =>
        {
            var results = await before.WriteAsync(first, connection, transaction, ct);
            if (!results.All(r => r.Ok)) return (First: results, Writes: (IReadOnlyList<WriteResult<PartitionedDocument>>?)null);
            // Set before the writes that share the item: if one of them fails, the item is rolled back,
            // first writes and all, and the later chunks, which check the table and not this, find them absent.
            led = [.. results.Select(r => r.Document!)];
            return (First: results, Writes: await WriteAsync(withFirst, connection, transaction, ct));
        }, ct, weight: first.Count + withFirst.Length);
        var rest = chunks.Select(chunk => database.WriteAsync((connection, transaction) =>
            led is not null && before.Holds(connection, led)
                ? WriteAsync(chunk, connection, transaction, ct)
                : throw new InvalidOperationException("Not written: the writes these had to follow were not stored."),
            ct, weight: chunk.Length)).ToArray();

        try
        {
            await Task.WhenAll([head, .. rest]);
        }
        catch (Exception) when (head.IsCompletedSuccessfully && head.Result.Writes is null)
        {
            // A first write did not succeed, so the later chunks refused, as they must.
        }
        var (firstResults, headWrites) = await head;
        return headWrites is null ? (firstResults, null) : (firstResults, [.. headWrites, .. rest.SelectMany(r => r.Result)]);
    }

    /// <summary>Whether the table holds these very versions, as the writer's transaction sees it.</summary>
    private bool Holds(SqliteConnection connection, IReadOnlyList<PartitionedDocument> documents) =>
        documents.All(document => StoredEtag(connection, document) == document.Etag);

    /// <summary>The etag of the version the writer's transaction sees of <paramref name="document"/>'s id; null when absent.</summary>
    private string? StoredEtag(SqliteConnection connection, PartitionedDocument document)
    {
        var select = Bind(database.Prepared(connection, _etag), document.Partition.Value, document.Id);
        var etag = select.Read() ? select.GetString(0) : null;
        select.Reset();
        return etag;
    }

    // The writer's statements, by their SQL: built once, not per document.
    private readonly string _insert = $"INSERT INTO {table} (pk, id, etag, body) VALUES (?1, ?2, ?3, CAST(?4 AS TEXT)) ON CONFLICT DO NOTHING";
    private readonly string _update = $"UPDATE {table} SET etag = ?3, body = CAST(?4 AS TEXT) WHERE pk = ?1 AND id = ?2 AND (etag = ?5 OR ?5 = '*')";
    private readonly string _etag = $"SELECT etag FROM {table} WHERE pk = ?1 AND id = ?2";

    /// <summary>The writes, inside a transaction of the writer, through its prepared statements.</summary>
    internal Task<IReadOnlyList<WriteResult<PartitionedDocument>>> WriteAsync(
        IReadOnlyList<DocumentWrite> writes, SqliteConnection connection, SqliteTransaction transaction, CancellationToken ct)
    {
        var results = new WriteResult<PartitionedDocument>[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var stored = writes[i].Document with { Etag = NewEtag() };
            if (writes[i].IfMatch is not { } ifMatch)
            {
                var insert = database.Prepared(connection, _insert);
                results[i] = Bind(insert, stored).Execute() == 0
                    ? new WriteResult<PartitionedDocument>(WriteStatus.Conflict)
                    : new WriteResult<PartitionedDocument>(WriteStatus.Ok, stored);
                continue;
            }
            var update = database.Prepared(connection, _update);
            results[i] = Bind(update, stored).Bind(5, ifMatch).Execute() == 1
                ? new WriteResult<PartitionedDocument>(WriteStatus.Ok, stored)
                : WhyNot(connection, stored);
        }
        return Task.FromResult<IReadOnlyList<WriteResult<PartitionedDocument>>>(results);
    }

    /// <summary>Why a conditional update changed nothing: the document is gone, or it has another version.</summary>
    private WriteResult<PartitionedDocument> WhyNot(SqliteConnection connection, PartitionedDocument document) =>
        new(StoredEtag(connection, document) is null ? WriteStatus.NotFound : WriteStatus.PreconditionFailed);

    // The body goes in as its UTF-8 bytes, which SQLite binds as a blob: the statements CAST it to TEXT
    // (the same bytes, in the database's UTF-8), so the column holds text.
    private static RawStatement Bind(RawStatement statement, PartitionedDocument d) =>
        Bind(statement, d.Partition.Value, d.Id).Bind(3, d.Etag).Bind(4, d.Utf8Body.Span);

    private static RawStatement Bind(RawStatement statement, string pk, string id) => statement.Bind(1, pk).Bind(2, id);

    private async Task<IReadOnlyList<PartitionedDocument>> QueryAsync(
        DocumentPartition partition, string condition, (string, object)[] parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = Command(connection, null, $"SELECT id, etag, body FROM {table} WHERE pk = $pk AND {condition}",
            [("$pk", partition.Value), .. parameters]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var documents = new List<PartitionedDocument>();
        while (await reader.ReadAsync(ct))
        {
            documents.Add(new PartitionedDocument
            {
                Partition = partition,
                Id = reader.GetString(0),
                Etag = reader.GetString(1),
                Utf8Body = reader.GetFieldValue<byte[]>(2),
            });
        }
        return documents;
    }
}

public sealed class SqliteCustomerStore(SqliteDatabase database) : SqlitePartitionedStore(database, "customers"), ICustomerStore;

public sealed class SqliteRollupStore(SqliteDatabase database) : SqlitePartitionedStore(database, "rollups"), IRollupStore;
