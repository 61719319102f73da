using System.Runtime.InteropServices;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// Decides what an event of a verb tracks, and keeps a <see cref="CustomerBehaviorBook"/>. Pure: the
/// stream does the reads and the conditional write (<see cref="BehaviorStream"/>).
/// </summary>
/// <remarks>
/// A decision depends only on the book and the event, so events decided one after another in the
/// same order decide the same; the stream decides a customer's events in stream order and commits
/// each decision once, which makes counts and rate limits exactly once (see <see cref="BehaviorStream"/>).
/// </remarks>
public static class BehaviorTracker
{
    /// <summary>A rate-limit bucket is dropped once its period ended this long before the customer's latest match.</summary>
    public static readonly TimeSpan LateEventTolerance = TimeSpan.FromDays(7);

    /// <summary>How long a committed decision is kept when no later batch reads its day document to confirm it.</summary>
    public static readonly TimeSpan DecisionRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// Evaluates the verb's flexible behaviours, in id order, against <paramref name="parent"/>'s
    /// metadata: a match within its rate limit is tracked (counted, and its value's bucket moved on),
    /// a match past it is counted as rate limited. Updates <paramref name="book"/> in place.
    /// </summary>
    public static BehaviorDecision Decide(CustomerBehaviorBook book, VerbBehaviors verb, Interaction parent, DateTimeOffset now)
    {
        var scratch = _scratch ??= new();
        var data = scratch.DataFor(verb);
        var known = scratch.CountersFor(book, verb);
        verb.Slots.Read(parent.Metadata, data);
        var (tracked, limited) = (scratch.Tracked, scratch.Limited);
        tracked.Clear();
        limited.Clear();
        var flexibles = verb.Flexible;
        for (var f = 0; f < flexibles.Length; f++)
        {
            var flexible = flexibles[f];
            if (!flexible.Condition.Evaluate(data)) continue;
            var counters = known[f] ??= CountersOf(book, flexible);
            if (flexible.Behavior.RateLimit is { Field: not null, Limit: { } limit, Period: { } period })
            {
                // Validation ties the field to a wildcard every match satisfies, so it is present here.
                var value = flexible.RateLimitSlot >= 0 ? data[flexible.RateLimitSlot] : default;
                var bucket = period.BucketOf(parent.Timestamp);
                ref var values = ref CollectionsMarshal.GetValueRefOrAddDefault(counters.Buckets, bucket, out _);
                values ??= new(StringComparer.Ordinal);
                // Added as 0 when new, which is below every limit (≥ 1): a suppressed match never adds a value.
                ref var used = ref CollectionsMarshal.GetValueRefOrAddDefault(values, value.ToString(), out _);
                if (used >= limit)
                {
                    counters.RateLimitedCount++;
                    limited.Add(flexible.Id);
                    continue;
                }
                used++;
            }
            counters.Count++;
            if (counters.LastTrackedAt is not { } last || parent.Timestamp > last) counters.LastTrackedAt = parent.Timestamp;
            tracked.Add(flexible.Id);
        }
        if (tracked.Count + limited.Count > 0 && (book.LatestAt is not { } latest || parent.Timestamp > latest)) book.LatestAt = parent.Timestamp;
        return new BehaviorDecision(parent.Day, Copy(tracked), Copy(limited), now);
    }

    // An exact array: the lists are the thread's, reused by its next event.
    private static string[] Copy(List<string> ids) => ids.Count == 0 ? [] : ids.ToArray();

    // Decide runs synchronously and never re-enters, so each thread reuses one metadata table (while
    // its events are of one verb) and two id lists rather than allocating them per event.
    [ThreadStatic] private static Scratch? _scratch;

    private sealed class Scratch
    {
        private SlotConditionData? _data;
        private CustomerBehaviorBook? _book;
        private VerbBehaviors? _verb;
        private BehaviorCounters?[] _counters = [];

        public List<string> Tracked { get; } = [];
        public List<string> Limited { get; } = [];

        public SlotConditionData DataFor(VerbBehaviors verb) =>
            _data is { } data && ReferenceEquals(data.Slots, verb.Slots) ? data : _data = new SlotConditionData(verb.Slots);

        /// <summary>
        /// Each flexible behaviour's counters in <paramref name="book"/>, by index, once looked up: the
        /// stream decides a customer's events one after another on one book, so its later events skip
        /// the lookups. Only this class writes a book's counters while it decides, so they stay valid.
        /// </summary>
        public BehaviorCounters?[] CountersFor(CustomerBehaviorBook book, VerbBehaviors verb)
        {
            if (ReferenceEquals(book, _book) && ReferenceEquals(verb, _verb)) return _counters;
            (_book, _verb) = (book, verb);
            if (_counters.Length != verb.Flexible.Length) _counters = new BehaviorCounters?[verb.Flexible.Length];
            else Array.Clear(_counters);
            return _counters;
        }
    }

    /// <summary>The interactions recording the matches of <paramref name="decision"/>, one per tracked flexible behaviour.</summary>
    public static IReadOnlyList<Interaction> Matches(Interaction parent, BehaviorDecision decision) =>
        decision.Tracked.Count == 0 ? [] : [.. decision.Tracked.Select(id => BehaviorMatches.Of(parent, id))];

    /// <summary>
    /// Drops decisions past <see cref="DecisionRetention"/> and rate-limit buckets whose period ended
    /// <see cref="LateEventTolerance"/> before the latest match (rate limits age with the data, not the clock).
    /// </summary>
    public static void Prune(CustomerBehaviorBook book, DateTimeOffset now)
    {
        foreach (var (eventId, decision) in book.Decisions.Where(d => now - d.Value.DecidedAt > DecisionRetention).ToList())
            book.Decisions.Remove(eventId);
        if (book.LatestAt is not { } latest) return;
        foreach (var counters in book.Behaviors.Values)
        {
            foreach (var bucket in counters.Buckets.Keys.Where(b => RateLimitPeriods.EndOf(b) is { } end && end + LateEventTolerance <= latest).ToList())
                counters.Buckets.Remove(bucket);
        }
    }

    private static BehaviorCounters CountersOf(CustomerBehaviorBook book, FlexibleBehavior flexible)
    {
        var createdAt = flexible.Behavior.CreatedAt;
        if (!book.Behaviors.TryGetValue(flexible.Id, out var counters) || counters.Since != createdAt)
            book.Behaviors[flexible.Id] = counters = new BehaviorCounters { Since = createdAt, LimitKey = flexible.LimitKey };
        if (counters.LimitKey != flexible.LimitKey)
        {
            counters.LimitKey = flexible.LimitKey;
            counters.Buckets.Clear();
        }
        return counters;
    }
}
