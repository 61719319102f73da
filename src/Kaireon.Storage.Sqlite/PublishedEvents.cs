using Kaireon.Core.Interactions;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The newest events committed to one outbox partition, in commit order, as the objects the publisher
/// serialized: the consumer takes them from here instead of reading back and deserializing rows it was
/// just woken for. The table stays the record; this is a copy of its newest rows, at most the capacity.
/// </summary>
/// <remarks>
/// <para>
/// The writer hands over each committed event (<see cref="Committed"/>, in commit order, so in sequence
/// order). Once holding (<see cref="Start"/>), this holds every event of the partition whose sequence
/// number is above <see cref="CompleteAfter"/>: full, it drops its oldest, and what it drops or hands to the
/// consumer raises that bound. A consumer whose position (its last acknowledged sequence number) has
/// reached the bound takes the rest from here; one behind it reads the table until it reaches it. So a
/// consumer that fell behind by more than the capacity comes back to memory once it is within the
/// capacity of the newest event, not only once it has drained the table, which a consumer behind a
/// sustained load may never do while every event it reads back costs it more than one from memory.
/// </para>
/// <para>
/// The bound is known at the start when an event of the partition has been committed since the process
/// started (nothing older than it can still be committed). Otherwise the table may hold rows of an
/// earlier run: the bound is then set by a table read that began after holding started and found the
/// partition drained, since everything committed before that read is at or below its position.
/// </para>
/// </remarks>
internal sealed class PublishedEvents(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<StreamEntry> _entries = new();
    private bool _holding;
    private long _started;
    private long? _lastCommitted;  // the partition's newest committed event, once one was handed over
    private long? _knownFrom;      // the bound at the start, or as a drained read found it; null: not known yet
    private long _removedThrough;  // the newest event dropped or taken since holding started

    /// <summary>Every event of the partition above it is held or was taken; null while not known.</summary>
    private long? CompleteAfter => _knownFrom is { } from ? Math.Max(from, _removedThrough) : null;

    /// <summary>Holds whatever is committed from now on; a no-op while already holding. Answers the start's id (0: capacity 0).</summary>
    public long Start()
    {
        lock (_lock)
        {
            if (!_holding && capacity > 0)
            {
                _holding = true;
                _started++;
                _knownFrom = _lastCommitted;
                _removedThrough = 0;
            }
            return _holding ? _started : 0;
        }
    }

    /// <summary>
    /// A table read that began after start <paramref name="started"/> found the partition drained at
    /// <paramref name="position"/> (its last event, or the consumer's position when it found none).
    /// </summary>
    public void Drained(long started, long position)
    {
        lock (_lock)
        {
            if (_holding && _started == started && _knownFrom is null) _knownFrom = position;
        }
    }

    /// <summary>Called by the writer, in commit order, for each event committed to this partition.</summary>
    public void Committed(StreamEntry entry)
    {
        lock (_lock)
        {
            _lastCommitted = entry.Sequence;
            if (!_holding) return;
            _entries.Enqueue(entry);
            if (_entries.Count > capacity) Removed(_entries.Dequeue().Sequence);
        }
    }

    /// <summary>
    /// Stops holding and forgets the newest committed event (a hand-over failed part-way): the consumer
    /// reads the table until a drained read starts memory again.
    /// </summary>
    public void Stop()
    {
        lock (_lock)
        {
            _holding = false;
            _entries.Clear();
            _lastCommitted = null;
            _knownFrom = null;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> held events after sequence number <paramref name="after"/>
    /// (earlier ones are dropped: the consumer had them from the table), or answers null when the
    /// consumer at <paramref name="after"/> has not reached what this holds, and must read the table.
    /// </summary>
    public List<StreamEntry>? Take(long after, int max)
    {
        lock (_lock)
        {
            if (!_holding || CompleteAfter is not { } complete || after < complete) return null;
            while (_entries.TryPeek(out var first) && first.Sequence <= after) Removed(_entries.Dequeue().Sequence);
            var taken = new List<StreamEntry>(Math.Min(max, _entries.Count));
            while (taken.Count < max && _entries.TryDequeue(out var entry)) taken.Add(entry);
            if (taken.Count > 0) Removed(taken[^1].Sequence);
            return taken;
        }
    }

    private void Removed(long sequence) => _removedThrough = Math.Max(_removedThrough, sequence);
}
