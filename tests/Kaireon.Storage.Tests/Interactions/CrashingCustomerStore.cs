using Kaireon.Core.Storage;

namespace Kaireon.Storage.Tests.Interactions;

/// <summary>
/// Fails the next write when armed: a process that dies after the rollup write and before the
/// customer writes, or (<see cref="AfterWrite"/>) one that dies once the write is stored but before it
/// hears so, which leaves a version in the store that the caller (and its cache) never saw.
/// </summary>
internal sealed class CrashingCustomerStore(ICustomerStore inner) : ICustomerStore
{
    public bool Armed { get; set; }

    public bool AfterWrite { get; set; }

    public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct) => inner.FindAsync(partition, id, ct);

    public Task<ConditionalRead> FindIfChangedAsync(DocumentPartition partition, string id, string? ifNoneMatch, CancellationToken ct) =>
        inner.FindIfChangedAsync(partition, id, ifNoneMatch, ct);

    public Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
        inner.DeleteRangeAsync(partition, fromId, toId, ct);

    public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
        inner.RangeAsync(partition, fromId, toId, ct);

    public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) =>
        WriteAsync(() => inner.CreateAsync(document, ct));

    public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) =>
        WriteAsync(() => inner.ReplaceAsync(document, ifMatch, ct));

    // Unarmed, the store's own ordering of day writes behind the shards (SQLite: one writer item, no
    // wait between); armed, the default's, whose day writes go through the two methods above to crash.
    public Task<(IReadOnlyList<WriteResult<PartitionedDocument>> First, IReadOnlyList<WriteResult<PartitionedDocument>>? Writes)> WriteAfterAsync(
        IPartitionedStore firstStore, IReadOnlyList<DocumentWrite> first, IReadOnlyList<DocumentWrite> writes, CancellationToken ct) =>
        Armed ? IPartitionedStore.WriteInOrderAsync(firstStore, first, this, writes, ct) : inner.WriteAfterAsync(firstStore, first, writes, ct);

    // Checked before the first await, so of the writes a batch starts together exactly the first crashes.
    private Task<WriteResult<PartitionedDocument>> WriteAsync(Func<Task<WriteResult<PartitionedDocument>>> write)
    {
        if (!Armed) return write();
        Armed = false;
        if (!AfterWrite) throw new SimulatedCrash();
        return CrashAfterAsync(write());
    }

    private static async Task<WriteResult<PartitionedDocument>> CrashAfterAsync(Task<WriteResult<PartitionedDocument>> write)
    {
        await write;
        throw new SimulatedCrash();
    }
}

internal sealed class SimulatedCrash : Exception;
