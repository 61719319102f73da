using Kaireon.Core.Interactions;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// One outbox partition as its consumer reads it: from memory while its position has reached what
/// memory holds (<see cref="PublishedEvents"/>), from the table otherwise. Either way a batch leaves
/// the table only when acknowledged, so what a crash or a failed batch loses from memory is read again
/// from the table: delivery stays at least once, in order.
/// </summary>
/// <remarks>Not thread-safe: a partition has one consumer (<see cref="SqliteOutbox.Cursor"/>).</remarks>
public sealed class OutboxCursor
{
    private readonly SqliteOutbox _outbox;
    private readonly int _partition;
    private readonly PublishedEvents _published;
    private long _acknowledged;

    internal OutboxCursor(SqliteOutbox outbox, int partition, PublishedEvents published) =>
        (_outbox, _partition, _published) = (outbox, partition, published);

    public int Partition => _partition;

    /// <summary>Tests run this between a table read and what it tells memory: a publish committed there is the case that step is careful about.</summary>
    internal Func<Task>? AfterTableRead { get; set; }

    /// <summary>Whether the last batch came from memory.</summary>
    public bool FromMemory { get; private set; }

    /// <summary>
    /// The oldest events not yet acknowledged, at most <paramref name="max"/>, in sequence order. A batch
    /// that is not acknowledged (it failed) comes again from the table: memory handed its events over.
    /// </summary>
    public async Task<StreamBatch> NextAsync(int max, CancellationToken ct)
    {
        if (_published.Take(_acknowledged, max) is { } taken)
        {
            FromMemory = true;
            WriterMetrics.OutboxEvents.Add(taken.Count, FromMemoryTag);
            return Batch(taken);
        }
        FromMemory = false;
        var started = _published.Start();
        var batch = await _outbox.ReadAsync(_partition, max, ct, after: _acknowledged);
        if (AfterTableRead is { } pause) await pause();
        if (batch.Entries.Count < max) _published.Drained(started, batch.Entries.Count > 0 ? batch.Entries[^1].Sequence : _acknowledged);
        WriterMetrics.OutboxEvents.Add(batch.Entries.Count, FromTableTag);
        return batch;
    }

    private static readonly KeyValuePair<string, object?> FromMemoryTag = new("from", "memory");
    private static readonly KeyValuePair<string, object?> FromTableTag = new("from", "table");

    /// <summary>
    /// The batch is applied: the cursor moves past it at once, and its events leave the table once the
    /// returned task completes. A consumer need not wait for that before it reads on: until the delete
    /// commits, a crash delivers the batch again, which the processor makes harmless, and a delete that
    /// fails leaves rows the next acknowledgement removes with its own (it deletes everything up to its batch).
    /// </summary>
    public Task AcknowledgeAsync(StreamBatch batch, CancellationToken ct)
    {
        if (batch.Entries.Count == 0) return Task.CompletedTask;
        var last = batch.Entries[^1].Sequence;
        _acknowledged = Math.Max(_acknowledged, last);
        return _outbox.AcknowledgeAsync(_partition, last, ct);
    }

    private StreamBatch Batch(List<StreamEntry> entries) =>
        new(_partition.ToString(System.Globalization.CultureInfo.InvariantCulture), entries);
}
