using Kaireon.Core.Interactions;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The events committed to one outbox partition since its consumer caught up (<see cref="Start"/>),
/// in commit order, as the objects the publisher serialized: the consumer takes them from here
/// instead of reading back and deserializing rows it was just woken for. The table stays the record;
/// this is a copy of its newest rows, kept while it is small.
/// </summary>
/// <remarks>
/// The writer appends each committed event (<see cref="Committed"/>, in commit order, so in sequence
/// order). Everything committed to the partition after <see cref="Start"/> is here, and everything
/// committed before it was committed before any table read that begins afterwards: so once such a
/// read finds the partition drained, the consumer has missed nothing by switching to memory. Holding
/// more than the capacity stops the holding (the consumer falls behind; it reads the table again until
/// it catches up and starts it again).
/// </remarks>
internal sealed class PublishedEvents(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<StreamEntry> _entries = new();
    private bool _holding;
    private long _started;

    /// <summary>Holds whatever is committed from now on; a no-op while already holding. Answers the start's id.</summary>
    public long Start()
    {
        lock (_lock)
        {
            if (!_holding && capacity > 0)
            {
                _holding = true;
                _started++;
            }
            return _holding ? _started : 0;
        }
    }

    /// <summary>The id of the start it is holding since, or 0 when it is not holding.</summary>
    public long HoldingSince
    {
        get
        {
            lock (_lock) return _holding ? _started : 0;
        }
    }

    /// <summary>Called by the writer, in commit order, for each event committed to this partition.</summary>
    public void Committed(StreamEntry entry)
    {
        lock (_lock)
        {
            if (!_holding) return;
            if (_entries.Count < capacity) _entries.Enqueue(entry);
            else StopHolding();
        }
    }

    /// <summary>Stops holding: the consumer reads the table until it starts again.</summary>
    public void Stop()
    {
        lock (_lock) StopHolding();
    }

    private void StopHolding()
    {
        _holding = false;
        _entries.Clear();
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> held events after sequence number <paramref name="after"/>
    /// (earlier ones are dropped: the consumer had them from the table), or answers null when it has
    /// stopped holding since <paramref name="since"/>, and the table must be read.
    /// </summary>
    public List<StreamEntry>? Take(long since, long after, int max)
    {
        lock (_lock)
        {
            if (!_holding || _started != since) return null;
            while (_entries.TryPeek(out var first) && first.Sequence <= after) _entries.Dequeue();
            var taken = new List<StreamEntry>(Math.Min(max, _entries.Count));
            while (taken.Count < max && _entries.TryDequeue(out var entry)) taken.Add(entry);
            return taken;
        }
    }
}
