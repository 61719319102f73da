using Kaireon.Core.Storage;

namespace Kaireon.Storage.Tests.Behaviors;

/// <summary>
/// Dies at the n-th customer write from when it is armed: a process that stops anywhere in a batch —
/// before its behaviour books are committed, between them and the day documents, or between two
/// day documents.
/// </summary>
internal sealed class FaultyCustomerStore(ICustomerStore inner) : ICustomerStore
{
    private int _writesLeft;

    /// <summary>The <paramref name="write"/>-th write from now (1 = the next) throws <see cref="Interactions.SimulatedCrash"/>.</summary>
    public void CrashAtWrite(int write) => _writesLeft = write;

    public void Disarm() => _writesLeft = 0;

    public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct) => inner.FindAsync(partition, id, ct);

    public Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
        inner.DeleteRangeAsync(partition, fromId, toId, ct);

    public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
        inner.RangeAsync(partition, fromId, toId, ct);

    public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) =>
        Crash() ?? inner.CreateAsync(document, ct);

    public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) =>
        Crash() ?? inner.ReplaceAsync(document, ifMatch, ct);

    private Task<WriteResult<PartitionedDocument>>? Crash()
    {
        if (_writesLeft == 0 || Interlocked.Decrement(ref _writesLeft) > 0) return null;
        throw new Interactions.SimulatedCrash();
    }
}
