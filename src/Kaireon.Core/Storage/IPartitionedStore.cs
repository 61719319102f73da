namespace Kaireon.Core.Storage;

/// <summary>Point reads and conditional writes in one partition, and id-range reads within it.</summary>
public interface IPartitionedStore
{
    Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct);

    /// <summary>
    /// A point read that leaves the body out when it is the version the caller already holds: when the
    /// document's etag is <paramref name="ifNoneMatch"/>, the answer is <see cref="ConditionalRead.NotModified"/>
    /// (HTTP's 304). Adapters skip reading and parsing the body then; this default, for decorators,
    /// reads it and compares.
    /// </summary>
    async Task<ConditionalRead> FindIfChangedAsync(DocumentPartition partition, string id, string? ifNoneMatch, CancellationToken ct)
    {
        var found = await FindAsync(partition, id, ct);
        return found is not null && ifNoneMatch is not null && found.Etag == ifNoneMatch ? ConditionalRead.Unchanged(found.Etag) : new ConditionalRead(found);
    }

    /// <summary>
    /// <see cref="FindIfChangedAsync"/> for many documents, possibly in many partitions; answers in
    /// the order asked. Adapters answer with one connection and one prepared statement; this
    /// default, for decorators and stores without a cheaper way, reads each concurrently.
    /// </summary>
    async Task<IReadOnlyList<ConditionalRead>> FindManyIfChangedAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct) =>
        await Task.WhenAll(keys.Select(k => FindIfChangedAsync(k.Partition, k.Id, k.IfNoneMatch, ct)));

    /// <summary>The partition's documents with <paramref name="fromId"/> ≤ id ≤ <paramref name="toId"/> (ordinal), in no particular order: one query.</summary>
    Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct);

    /// <summary>
    /// The partition's documents whose id is one of <paramref name="ids"/> or lies in
    /// <paramref name="range"/> (inclusive, ordinal), in no particular order: everything a decision
    /// reads about one customer in one query. Adapters answer with one query; this default, for
    /// decorators, reads each id and the range concurrently.
    /// </summary>
    async Task<IReadOnlyList<PartitionedDocument>> ReadAsync(
        DocumentPartition partition, IReadOnlyCollection<string> ids, IdRange? range, CancellationToken ct)
    {
        var points = ids.Select(id => FindAsync(partition, id, ct)).ToList();
        var ranged = range is { } r ? await RangeAsync(partition, r.From, r.To, ct) : [];
        var found = (await Task.WhenAll(points)).OfType<PartitionedDocument>();
        return [.. found.Concat(ranged).DistinctBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Deletes the partition's documents with <paramref name="fromId"/> ≤ id ≤ <paramref name="toId"/>
    /// (ordinal) and answers how many there were. For pruning what no reader needs any more: not a
    /// transaction, so when it throws some may be gone, and a document created in the range meanwhile
    /// may go too.
    /// </summary>
    Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct);

    /// <summary>Creates the document; <see cref="WriteStatus.Conflict"/> when its id exists in the partition.</summary>
    Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct);

    /// <summary>Replaces an existing document, conditioned on <paramref name="ifMatch"/> as <see cref="ETags.Satisfies"/> says.</summary>
    Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct);

    /// <summary>
    /// Many independent writes, answered in the order given: each creates its document
    /// (<see cref="DocumentWrite.IfMatch"/> null) or replaces the version it names, and answers
    /// its own status, as <see cref="CreateAsync"/> and <see cref="ReplaceAsync"/> would. Not a
    /// transaction: when the call throws, any of the writes may have been stored. Adapters that
    /// group writes do it in few round trips; this default issues each concurrently.
    /// </summary>
    async Task<IReadOnlyList<WriteResult<PartitionedDocument>>> WriteManyAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken ct) =>
        await Task.WhenAll(writes.Select(w => w.IfMatch is null ? CreateAsync(w.Document, ct) : ReplaceAsync(w.Document, w.IfMatch, ct)));

    /// <summary>
    /// <paramref name="first"/> in <paramref name="firstStore"/>, then <paramref name="writes"/> here, as
    /// <see cref="WriteManyAsync"/> writes each; none of these may be durable before every first write
    /// is (design §4: a batch's tenant shards before its customer days). When a first write does not
    /// succeed, none of these is made and <c>Writes</c> is null. This default waits for the first writes
    /// before it sends the others; an adapter that can commit both in that order without the wait does.
    /// </summary>
    Task<(IReadOnlyList<WriteResult<PartitionedDocument>> First, IReadOnlyList<WriteResult<PartitionedDocument>>? Writes)> WriteAfterAsync(
        IPartitionedStore firstStore, IReadOnlyList<DocumentWrite> first, IReadOnlyList<DocumentWrite> writes, CancellationToken ct) =>
        WriteInOrderAsync(firstStore, first, this, writes, ct);

    /// <summary>The default of <see cref="WriteAfterAsync"/>, for an override whose first store is not of its kind.</summary>
    public static async Task<(IReadOnlyList<WriteResult<PartitionedDocument>> First, IReadOnlyList<WriteResult<PartitionedDocument>>? Writes)> WriteInOrderAsync(
        IPartitionedStore firstStore, IReadOnlyList<DocumentWrite> first, IPartitionedStore store, IReadOnlyList<DocumentWrite> writes, CancellationToken ct)
    {
        var before = first.Count == 0 ? [] : await firstStore.WriteManyAsync(first, ct);
        if (!before.All(w => w.Ok)) return (before, null);
        return (before, writes.Count == 0 ? [] : await store.WriteManyAsync(writes, ct));
    }
}

/// <summary>
/// The answer of <see cref="IPartitionedStore.FindIfChangedAsync"/>: absent (<see cref="Etag"/> null),
/// unchanged since the version the caller named (<see cref="NotModified"/>, no <see cref="Document"/>),
/// or the current <see cref="Document"/>.
/// </summary>
public readonly record struct ConditionalRead(PartitionedDocument? Document)
{
    public bool NotModified { get; private init; }

    /// <summary>The current version's etag; null when the document is absent.</summary>
    public string? Etag { get; private init; } = Document?.Etag;

    public static ConditionalRead Unchanged(string etag) => new(null) { NotModified = true, Etag = etag };
}

/// <summary>One document of a <see cref="IPartitionedStore.FindManyIfChangedAsync"/>, with the version the caller holds (null: none).</summary>
public readonly record struct DocumentKey(DocumentPartition Partition, string Id, string? IfNoneMatch = null);

/// <summary>One write of a <see cref="IPartitionedStore.WriteManyAsync"/>: a create when <see cref="IfMatch"/> is null, else a replace of that version.</summary>
public readonly record struct DocumentWrite(PartitionedDocument Document, string? IfMatch);

/// <summary>Ids from <see cref="From"/> to <see cref="To"/>, both included, compared ordinally.</summary>
public readonly record struct IdRange(string From, string To);

/// <summary>The <c>customers</c> container: a customer's profile, day documents and state, partition = customer id.</summary>
public interface ICustomerStore : IPartitionedStore;

/// <summary>The <c>rollups</c> container: tenant-wide summary shards, partition = summary definition id.</summary>
public interface IRollupStore : IPartitionedStore;
