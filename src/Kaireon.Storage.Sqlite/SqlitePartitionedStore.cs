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

    /// <remarks>One connection and one statement, prepared once and bound per document.</remarks>
    public async Task<IReadOnlyList<ConditionalRead>> FindManyIfChangedAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        await using var connection = await database.OpenAsync(ct);
        // One read transaction for several: SQLite drops a reader's page cache whenever another connection
        // committed since its last read, so reading each in its own would fetch the upper pages of the
        // tree from the file once per document instead of once per batch.
        await using var transaction = keys.Count > 1 ? connection.BeginTransaction(deferred: true) : null;
        await using var command = Command(connection, transaction,
            $"SELECT etag, CASE WHEN etag = $known THEN NULL ELSE body END FROM {table} WHERE pk = $pk AND id = $id",
            [("$pk", ""), ("$id", ""), ("$known", DBNull.Value)]);
        var reads = new ConditionalRead[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var (partition, id, ifNoneMatch) = keys[i];
            command.Parameters[0].Value = partition.Value;
            command.Parameters[1].Value = id;
            command.Parameters[2].Value = (object?)ifNoneMatch ?? DBNull.Value;
            await using var reader = await command.ExecuteReaderAsync(ct);
            reads[i] = !await reader.ReadAsync(ct) ? new ConditionalRead(null)
                : await reader.IsDBNullAsync(1, ct) ? ConditionalRead.Unchanged(reader.GetString(0))
                : new ConditionalRead(new PartitionedDocument { Partition = partition, Id = id, Etag = reader.GetString(0), Utf8Body = reader.GetFieldValue<byte[]>(1) });
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

    /// <summary>The writes, inside a transaction of the writer; the statements are prepared once for all of them.</summary>
    internal async Task<IReadOnlyList<WriteResult<PartitionedDocument>>> WriteAsync(
        IReadOnlyList<DocumentWrite> writes, SqliteConnection connection, SqliteTransaction transaction, CancellationToken ct)
    {
        var results = new WriteResult<PartitionedDocument>[writes.Count];
        SqliteCommand? insert = null, update = null;
        try
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var stored = writes[i].Document with { Etag = NewEtag() };
                if (writes[i].IfMatch is not { } ifMatch)
                {
                    insert ??= Command(connection, transaction,
                        $"INSERT INTO {table} (pk, id, etag, body) VALUES ($pk, $id, $etag, CAST($body AS TEXT)) ON CONFLICT DO NOTHING", Parameters(stored));
                    Bind(insert, stored);
                    results[i] = await insert.ExecuteNonQueryAsync(ct) == 0
                        ? new WriteResult<PartitionedDocument>(WriteStatus.Conflict)
                        : new WriteResult<PartitionedDocument>(WriteStatus.Ok, stored);
                    continue;
                }
                update ??= Command(connection, transaction,
                    $"UPDATE {table} SET etag = $etag, body = CAST($body AS TEXT) WHERE pk = $pk AND id = $id AND (etag = $ifMatch OR $ifMatch = '*')",
                    [.. Parameters(stored), ("$ifMatch", ifMatch)]);
                Bind(update, stored);
                update.Parameters[4].Value = ifMatch;
                results[i] = await update.ExecuteNonQueryAsync(ct) == 1
                    ? new WriteResult<PartitionedDocument>(WriteStatus.Ok, stored)
                    : await WhyNotAsync(connection, transaction, stored, ct);
            }
            return results;
        }
        finally
        {
            if (insert is not null) await insert.DisposeAsync();
            if (update is not null) await update.DisposeAsync();
        }
    }

    /// <summary>Why a conditional update changed nothing: the document is gone, or it has another version.</summary>
    private async Task<WriteResult<PartitionedDocument>> WhyNotAsync(
        SqliteConnection connection, SqliteTransaction transaction, PartitionedDocument document, CancellationToken ct)
    {
        await using var select = Command(connection, transaction, $"SELECT etag FROM {table} WHERE pk = $pk AND id = $id",
            [("$pk", document.Partition.Value), ("$id", document.Id)]);
        return await select.ExecuteScalarAsync(ct) is null
            ? new WriteResult<PartitionedDocument>(WriteStatus.NotFound)
            : new WriteResult<PartitionedDocument>(WriteStatus.PreconditionFailed);
    }

    private static void Bind(SqliteCommand command, PartitionedDocument d)
    {
        command.Parameters[0].Value = d.Partition.Value;
        command.Parameters[1].Value = d.Id;
        command.Parameters[2].Value = d.Etag;
        command.Parameters[3].Value = Bytes(d.Utf8Body);
    }

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

    // The body goes in as its UTF-8 bytes, which SQLite binds as a blob: the statements CAST it to TEXT
    // (the same bytes, in the database's UTF-8), so the column keeps holding text as before.
    private static (string, object)[] Parameters(PartitionedDocument d) =>
        [("$pk", d.Partition.Value), ("$id", d.Id), ("$etag", d.Etag), ("$body", Bytes(d.Utf8Body))];

    private static byte[] Bytes(ReadOnlyMemory<byte> utf8) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : utf8.ToArray();
}

public sealed class SqliteCustomerStore(SqliteDatabase database) : SqlitePartitionedStore(database, "customers"), ICustomerStore;

public sealed class SqliteRollupStore(SqliteDatabase database) : SqlitePartitionedStore(database, "rollups"), IRollupStore;
