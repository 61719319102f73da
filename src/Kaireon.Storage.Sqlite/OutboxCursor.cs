using Kaireon.Core.Interactions;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// One outbox partition as its consumer reads it: from the table while behind, from memory once it
/// has caught up (<see cref="PublishedEvents"/>), and back to the table when memory stops holding or a
/// batch fails. Either way a batch leaves the table only when acknowledged, so what a crash or a failed
/// batch loses from memory is read again from the table: delivery stays at least once, in order.
/// </summary>
/// <remarks>Not thread-safe: a partition has one consumer (<see cref="SqliteOutbox.Cursor"/>).</remarks>
public sealed class OutboxCursor
{
    private readonly SqliteOutbox _outbox;
    private readonly int _partition;
    private readonly PublishedEvents _published;
    private long _acknowledged;
    private long _fromMemorySince;

    internal OutboxCursor(SqliteOutbox outbox, int partition, PublishedEvents published) =>
        (_outbox, _partition, _published) = (outbox, partition, published);

    public int Partition => _partition;

    /// <summary>Tests run this between a table read and the switch it may lead to: a publish committed there is the case the switch is careful about.</summary>
    internal Func<Task>? AfterTableRead { get; set; }

    /// <summary>Whether the last batch came from memory.</summary>
    public bool FromMemory { get; private set; }

    /// <summary>The oldest events not yet acknowledged, at most <paramref name="max"/>, in sequence order.</summary>
    public async Task<StreamBatch> NextAsync(int max, CancellationToken ct)
    {
        if (_fromMemorySince != 0)
        {
            FromMemory = true;
            if (_published.Take(_fromMemorySince, _acknowledged, max) is { } taken) return Batch(taken);
            _fromMemorySince = 0; // more was published than memory holds: the table has it
        }
        FromMemory = false;
        var holdingBefore = _published.HoldingSince;
        var batch = await _outbox.ReadAsync(_partition, max, ct, after: _acknowledged);
        if (AfterTableRead is { } pause) await pause();
        if (batch.Entries.Count < max)
        {
            // Drained as of a read that began after memory started holding: memory has the rest.
            if (holdingBefore != 0 && _published.HoldingSince == holdingBefore) _fromMemorySince = holdingBefore;
            else _published.Start();
        }
        return batch;
    }

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

    /// <summary>The last batch was not applied: the next one starts again from the table, at the oldest unacknowledged event.</summary>
    public void Rewind() => _fromMemorySince = 0;

    private StreamBatch Batch(List<StreamEntry> entries) =>
        new(_partition.ToString(System.Globalization.CultureInfo.InvariantCulture), entries);
}
