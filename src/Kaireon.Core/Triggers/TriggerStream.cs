using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Kaireon.Core.Triggers;

/// <summary>
/// Evaluates triggers as the stream applies interactions (<see cref="IInteractionObserver"/>) and as
/// the timer reaches absences' due times: per customer, one read and at most one write of its
/// <see cref="CustomerTriggerBook"/>, then, for each outcome, a firing's actions made durable
/// (<see cref="TriggerDispatches"/>, which queues them for the background worker) and the outcome's
/// trace record.
/// </summary>
/// <remarks>
/// Exactly once (see <see cref="CustomerTriggerBook"/>): the book folds what the customer's day
/// documents hold past its counts, so an observer call that repeats (redelivery) or never came (a
/// crash after the day writes; the redelivered batch reports the customer's days again) still folds
/// each interaction once. Nothing happens for tenants without active triggers.
/// </remarks>
public sealed partial class TriggerStream(
    ICustomerStore customers, TriggerCatalog catalog, TenantMetrics tenantMetrics, TriggerLog log, TriggerDueIndex due,
    TriggerDispatches dispatches, TimeProvider clock, ILogger<TriggerStream> logger) : IInteractionObserver
{
    /// <summary>How old an unconfirmed outcome must be before a visit records it (and runs its actions) in place of its writer.</summary>
    public static readonly TimeSpan RepairAfter = TimeSpan.FromMinutes(1);

    public async Task OnAppliedAsync(IReadOnlyList<AppliedInteractions> applied, CancellationToken ct)
    {
        foreach (var customer in applied)
        {
            if (customer.Days.Count == 0) continue;
            var triggers = await catalog.GetAsync(customer.Tenant, ct);
            if (!triggers.Any(t => t.IsActive)) continue;
            await RunAsync(customer.Tenant, customer.CustomerId, triggers, customer.Days, now: null, ct);
        }
    }

    /// <summary>The timer's visit: fires the customer's absences due by <paramref name="now"/>; answers the book's next due time.</summary>
    public async Task<DateTimeOffset?> TickAsync(TenantId tenant, string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var triggers = await catalog.GetAsync(tenant, ct);
        var book = await RunAsync(tenant, customerId, triggers, [], now, ct);
        return book?.NextDue();
    }

    private async Task<CustomerTriggerBook?> RunAsync(
        TenantId tenant, string customerId, IReadOnlyList<CompiledTrigger> triggers, IReadOnlyList<CustomerDay> days, DateTimeOffset? now, CancellationToken ct)
    {
        var partition = new DocumentPartition(tenant, customerId);
        var stored = await customers.FindAsync(partition, CustomerTriggerBook.DocumentId, ct);
        var before = stored?.Deserialize(KaireonJson.Default.CustomerTriggerBook);

        // Outcomes written by an earlier write whose records may be missing (a crash after that write).
        // A recent one may still be on its way from a writer running now (a second consumer), so only
        // one older than RepairAfter is recorded here; a younger one waits for the next visit.
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        var startedAt = clock.GetUtcNow();
        foreach (var outcome in before?.Unconfirmed ?? [])
        {
            if (await log.ExistsAsync(tenant, outcome.Id, ct)) confirmed.Add(outcome.Id);
            else if (outcome.RecordedAt is not { } recorded || startedAt - recorded >= RepairAfter) missing.Add(outcome.Id);
        }

        TriggerFolding.MetricProbe? probe = null;
        if (days.Count > 0 && triggers.Any(t => t.IsActive && t.MetricIds.Count > 0))
        {
            var metrics = await tenantMetrics.GetAsync(tenant, ct);
            var history = await customers.RangeAsync(partition, "day|", "day|~", ct);
            var byDay = history.Select(d => d.Deserialize(KaireonJson.Default.CustomerDay)!).ToDictionary(d => d.Day);
            foreach (var day in days) byDay[day.Day] = day;
            probe = new TriggerMetricProbe(metrics, [.. byDay.Values]).ValueAt;
        }

        var outcomes = new List<TriggerOutcome>();
        var recordedAt = clock.GetUtcNow();
        var written = await DocumentUpdate.UpdateAsync(customers, partition, CustomerTriggerBook.DocumentId, KaireonJson.Default.CustomerTriggerBook, current =>
        {
            outcomes.Clear();
            var next = current ?? new CustomerTriggerBook(); // freshly read for each attempt
            var changed = next.Unconfirmed.RemoveAll(o => confirmed.Contains(o.Id)) > 0;
            changed |= TriggerFolding.Sync(next, triggers);
            changed |= TriggerFolding.Advance(next, triggers, customerId, days, probe, outcomes);
            if (now is { } at) changed |= TriggerFolding.Tick(next, triggers, customerId, at, outcomes);
            for (var i = 0; i < outcomes.Count; i++) outcomes[i] = outcomes[i] with { RecordedAt = recordedAt };
            next.Unconfirmed.AddRange(outcomes);
            return changed ? next : null;
        }, new DocumentUpdate.Read(stored), ct);
        if (written is null) return null;

        var toRecord = outcomes.Concat(written.Unconfirmed.Where(o => missing.Contains(o.Id))).ToList();
        foreach (var outcome in toRecord)
        {
            // The actions are made durable before the record: a recorded firing is never repaired, so
            // its actions must not depend on this process surviving.
            if (outcome.Outcome == TriggerOutcomeKind.Fired && triggers.FirstOrDefault(t => t.Id == outcome.TriggerId)?.Definition is { } trigger)
                await dispatches.AddAsync(tenant, trigger, outcome, repair: missing.Contains(outcome.Id), ct);
            await log.AppendAsync(tenant, outcome, ct);
        }
        if (toRecord.Count > 0) LogOutcomes(logger, toRecord.Count, customerId, tenant.Value);

        if (written.NextDue() is { } nextDue && nextDue != before?.NextDue()) await due.SetAsync(tenant, customerId, nextDue, ct);
        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {OutcomeCount} trigger outcomes for customer {CustomerId} of {TenantId}")]
    private static partial void LogOutcomes(ILogger logger, int outcomeCount, string customerId, string tenantId);
}
