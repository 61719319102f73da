using System.Diagnostics;
using Kaireon.Core.Storage;

namespace Kaireon.Benchmarks;

/// <summary>
/// Counts the calls made through a partitioned-store port (reads = Find + Range, writes = Create +
/// Replace) and the wall time spent in each, around a real store.
/// </summary>
public sealed class CountingStore(IPartitionedStore inner) : ICustomerStore, IRollupStore
{
    private long _finds;
    private long _ranges;
    private long _creates;
    private long _replaces;
    private long _deletes;
    private long _readTicks;
    private long _writeTicks;

    public long Reads => Interlocked.Read(ref _finds) + Interlocked.Read(ref _ranges);
    public long Writes => Interlocked.Read(ref _creates) + Interlocked.Read(ref _replaces) + Interlocked.Read(ref _deletes);
    public long Creates => Interlocked.Read(ref _creates);
    public long Replaces => Interlocked.Read(ref _replaces);
    public TimeSpan ReadTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _readTicks));
    public TimeSpan WriteTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref _finds, 0);
        Interlocked.Exchange(ref _ranges, 0);
        Interlocked.Exchange(ref _creates, 0);
        Interlocked.Exchange(ref _replaces, 0);
        Interlocked.Exchange(ref _deletes, 0);
        Interlocked.Exchange(ref _readTicks, 0);
        Interlocked.Exchange(ref _writeTicks, 0);
    }

    public async Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct)
    {
        Interlocked.Increment(ref _finds);
        var started = Stopwatch.GetTimestamp();
        try { return await inner.FindAsync(partition, id, ct); }
        finally { Interlocked.Add(ref _readTicks, Stopwatch.GetTimestamp() - started); }
    }

    public async Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct)
    {
        Interlocked.Increment(ref _ranges);
        var started = Stopwatch.GetTimestamp();
        try { return await inner.RangeAsync(partition, fromId, toId, ct); }
        finally { Interlocked.Add(ref _readTicks, Stopwatch.GetTimestamp() - started); }
    }

    /// <summary>Each document deleted counts as a write: Cosmos deletes them one by one.</summary>
    public async Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var deleted = await inner.DeleteRangeAsync(partition, fromId, toId, ct);
            Interlocked.Add(ref _deletes, deleted);
            return deleted;
        }
        finally { Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - started); }
    }

    public async Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct)
    {
        Interlocked.Increment(ref _creates);
        var started = Stopwatch.GetTimestamp();
        try { return await inner.CreateAsync(document, ct); }
        finally { Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - started); }
    }

    public async Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct)
    {
        Interlocked.Increment(ref _replaces);
        var started = Stopwatch.GetTimestamp();
        try { return await inner.ReplaceAsync(document, ifMatch, ct); }
        finally { Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - started); }
    }
}
