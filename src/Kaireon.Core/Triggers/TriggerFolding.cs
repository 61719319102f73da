using System.Security.Cryptography;
using System.Text;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;

namespace Kaireon.Core.Triggers;

/// <summary>
/// Advances a <see cref="CustomerTriggerBook"/> over day documents and over time. Pure: the live
/// stream, the timer and the simulation all call it, so they decide alike on the same history.
/// </summary>
/// <remarks>
/// At each interaction, for each active trigger: due absences before it fire; it cancels absences it
/// is awaited by and starts one it begins; threshold conditions count it; then the conditions are
/// evaluated (threshold: at least <c>count</c> counted events in the <c>windowMinutes</c> ending at
/// this event; duration: this event; metric: the value as of this event), and the trigger fires when
/// they come to hold (not while they keep holding). A firing or a suppression spends the event
/// conditions: threshold counts start again (the next decision needs <c>count</c> new events) and
/// the next long read is a new occurrence; a metric condition is a state, which must stop holding
/// before it can fire again.
/// </remarks>
public static class TriggerFolding
{
    /// <summary>The metric values as of one interaction: metric id → value (null when none).</summary>
    public delegate decimal? MetricProbe(string metricId, UtcDay day, int index);

    /// <summary>Drops state of triggers deleted or paused, and restarts condition state of changed ones; true when anything changed.</summary>
    public static bool Sync(CustomerTriggerBook book, IReadOnlyList<CompiledTrigger> triggers)
    {
        var changed = false;
        foreach (var id in book.Triggers.Keys.Where(id => !triggers.Any(t => t.Id == id && t.IsActive)).ToList()) changed |= book.Triggers.Remove(id);
        foreach (var trigger in triggers.Where(t => t.IsActive))
        {
            if (!book.Triggers.TryGetValue(trigger.Id, out var state)) continue;
            if (state.Version == trigger.Version) continue;
            state.Version = trigger.Version;
            state.Hits = [];
            state.Holding = false;
            state.Pending = [];
            changed = true;
        }
        return changed;
    }

    /// <summary>Folds the interactions of <paramref name="days"/> past the book's counts, in day order; true when anything was folded.</summary>
    public static bool Advance(
        CustomerTriggerBook book, IReadOnlyList<CompiledTrigger> triggers, string customerId, IEnumerable<CustomerDay> days,
        MetricProbe? metrics, List<TriggerOutcome> outcomes)
    {
        var changed = false;
        foreach (var day in days.OrderBy(d => d.Day))
        {
            var key = day.Day.ToString();
            var from = book.Folded.GetValueOrDefault(key);
            if (day.Interactions.Count <= from) continue;
            for (var i = from; i < day.Interactions.Count; i++)
            {
                foreach (var trigger in triggers)
                {
                    if (trigger.IsActive) OnInteraction(trigger, StateOf(book, trigger), customerId, day.Interactions[i], day.Day, i, metrics, outcomes);
                }
            }
            book.Folded[key] = day.Interactions.Count;
            changed = true;
        }
        return changed;
    }

    /// <summary>Fires the absences due at or before <paramref name="now"/>; true when any was.</summary>
    public static bool Tick(CustomerTriggerBook book, IReadOnlyList<CompiledTrigger> triggers, string customerId, DateTimeOffset now, List<TriggerOutcome> outcomes)
    {
        var changed = false;
        foreach (var trigger in triggers.Where(t => t.IsActive && t.IsAbsence))
        {
            if (book.Triggers.TryGetValue(trigger.Id, out var state)) changed |= FireDue(trigger, state, customerId, due => due <= now, outcomes);
        }
        return changed;
    }

    private static TriggerState StateOf(CustomerTriggerBook book, CompiledTrigger trigger)
    {
        if (!book.Triggers.TryGetValue(trigger.Id, out var state)) book.Triggers[trigger.Id] = state = new TriggerState { Version = trigger.Version };
        while (state.Hits.Count < trigger.Conditions.Count) state.Hits.Add([]);
        return state;
    }

    private static void OnInteraction(
        CompiledTrigger trigger, TriggerState state, string customerId, Interaction e, UtcDay day, int index,
        MetricProbe? metrics, List<TriggerOutcome> outcomes)
    {
        if (trigger.IsAbsence)
        {
            FireDue(trigger, state, customerId, due => due < e.Timestamp, outcomes);
            for (var c = 0; c < trigger.Conditions.Count; c++)
            {
                if (trigger.IsAwaited(c, e)) state.Pending.RemoveAll(p => p.StartAt <= e.Timestamp);
                if (trigger.Matches(c, e) && !state.Pending.Any(p => p.StartEventId == e.EventId))
                    state.Pending.Add(new PendingAbsence(e.EventId, e.Timestamp, e.Timestamp.AddMinutes(trigger.Conditions[c].WithinMinutes!.Value)));
            }
            return;
        }

        for (var c = 0; c < trigger.Conditions.Count; c++)
        {
            var condition = trigger.Conditions[c];
            if (condition.Type != TriggerConditionType.Threshold) continue;
            var hits = state.Hits[c];
            if (trigger.Matches(c, e)) hits.Add(e.Timestamp);
            // Hits older than the window ending at the newest one can never count again.
            var newest = hits.Count == 0 ? e.Timestamp : hits.Max();
            hits.RemoveAll(h => h <= newest.AddMinutes(-condition.WindowMinutes!.Value));
        }

        var holds = Holds(trigger, state, e, day, index, metrics);
        if (holds && !state.Holding)
        {
            Decide(trigger, state, customerId, e.Timestamp, e.EventId, outcomes);
            foreach (var hits in state.Hits) hits.Clear();
            holds = Holds(trigger, state, e, day, index, metrics, consumed: true);
        }
        state.Holding = holds;
    }

    /// <param name="consumed">After a decision: the event conditions (threshold counts, this event's duration) are spent; metric conditions are states and still hold.</param>
    private static bool Holds(CompiledTrigger trigger, TriggerState state, Interaction e, UtcDay day, int index, MetricProbe? metrics, bool consumed = false)
    {
        var any = false;
        var all = true;
        for (var c = 0; c < trigger.Conditions.Count; c++)
        {
            var condition = trigger.Conditions[c];
            var holds = condition.Type switch
            {
                TriggerConditionType.Threshold => state.Hits[c].Count(h => h <= e.Timestamp && h > e.Timestamp.AddMinutes(-condition.WindowMinutes!.Value)) >= condition.Count,
                TriggerConditionType.Duration => !consumed && trigger.Matches(c, e) && trigger.Compare(c, e.Metadata is { ValueKind: System.Text.Json.JsonValueKind.Object } m ? new JsonConditionData(m) : new DictionaryConditionData(new Dictionary<string, ConditionValue>())),
                TriggerConditionType.Metric => trigger.Compare(c, MetricData(metrics?.Invoke(condition.MetricId!, day, index))),
                _ => false,
            };
            any |= holds;
            all &= holds;
        }
        return trigger.Definition.Match == TriggerMatch.Any ? any : all;
    }

    private static DictionaryConditionData MetricData(decimal? value) =>
        new(value is { } v ? new Dictionary<string, ConditionValue> { [CompiledTrigger.MetricField] = ConditionValue.From(v) } : new Dictionary<string, ConditionValue>());

    private static bool FireDue(CompiledTrigger trigger, TriggerState state, string customerId, Func<DateTimeOffset, bool> isDue, List<TriggerOutcome> outcomes)
    {
        var due = state.Pending.Where(p => isDue(p.DueAt)).OrderBy(p => p.DueAt).ThenBy(p => p.StartEventId, StringComparer.Ordinal).ToList();
        foreach (var pending in due)
        {
            state.Pending.Remove(pending);
            Decide(trigger, state, customerId, pending.DueAt, pending.StartEventId, outcomes);
        }
        return due.Count > 0;
    }

    /// <summary>Fires, or records why not: cooldown first, then the journey policy, then the daily limit.</summary>
    private static void Decide(CompiledTrigger trigger, TriggerState state, string customerId, DateTimeOffset at, string cause, List<TriggerOutcome> outcomes)
    {
        var definition = trigger.Definition;
        var day = UtcDay.Of(at).ToString();
        SuppressionReason? reason = null;
        if (definition.CooldownMs > 0 && state.LastFiredAt is { } last && Math.Abs((at - last).TotalMilliseconds) < definition.CooldownMs)
            reason = SuppressionReason.Cooldown;
        else if (definition.JourneyPolicy == JourneyPolicy.SkipIfActive && state.JourneyUntil is { } until && at < until)
            reason = SuppressionReason.Dedup;
        else if (definition.MaxFiringsPerDay is { } max && state.FiredPerDay.GetValueOrDefault(day) >= max)
            reason = SuppressionReason.RateLimit;

        var id = OutcomeId(trigger.Id, customerId, cause);
        if (reason is not null)
        {
            outcomes.Add(new TriggerOutcome { Id = id, TriggerId = trigger.Id, CustomerId = customerId, Outcome = TriggerOutcomeKind.Suppressed, Reason = reason, At = at, CauseEventId = cause });
            return;
        }
        var supersedes = definition.JourneyPolicy == JourneyPolicy.Restart && state.JourneyUntil is { } running && at < running ? state.JourneyFiringId : null;
        outcomes.Add(new TriggerOutcome { Id = id, TriggerId = trigger.Id, CustomerId = customerId, Outcome = TriggerOutcomeKind.Fired, At = at, CauseEventId = cause, Supersedes = supersedes });
        state.LastFiredAt = at;
        state.FiredPerDay[day] = state.FiredPerDay.GetValueOrDefault(day) + 1;
        foreach (var old in state.FiredPerDay.Keys.Where(k => string.CompareOrdinal(k, UtcDay.Of(at).AddDays(-1).ToString()) < 0).ToList()) state.FiredPerDay.Remove(old);
        if (definition.JourneyPolicy != JourneyPolicy.AllowMultiple)
        {
            state.JourneyUntil = at.AddMinutes(definition.JourneyMinutes);
            state.JourneyFiringId = id;
        }
    }

    /// <summary><c>trf_</c> + 32 hex digits of SHA-256(trigger, customer, cause): the same decision, the same id.</summary>
    public static string OutcomeId(string triggerId, string customerId, string cause)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{triggerId}\u001f{customerId}\u001f{cause}"));
        return "trf_" + Convert.ToHexStringLower(hash)[..32];
    }
}
