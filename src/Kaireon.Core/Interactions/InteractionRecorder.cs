using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Accepts interactions: each is published to the stream, then written into its customer's day
/// document — so the customer's own summaries see it at once — marked pending for the tenant
/// rollup. Only then is it acknowledged. An event id the day document already holds is a
/// duplicate: nothing is written, and the first version is answered.
/// </summary>
/// <remarks>
/// Publishing first (design §4 writes first and sweeps up failed publishes) leaves no state in
/// which an accepted interaction is missing from the stream, so no sweeper and no index of pending
/// events are needed: if the process dies between the two steps, the consumer finds the event
/// absent from the customer document and applies it to both; if the client retries, the copy
/// counts once. Either order is safe for the consumer, which decides per event from the document.
/// </remarks>
public sealed class InteractionRecorder(ICustomerStore customers, IEventPublisher publisher, TransientStoreRetry retry, CustomerDayCache? days = null)
{
    // Without the host's shared cache, a private one: still correct, it just misses what the stream wrote.
    private readonly CustomerDayCache _days = days ?? new CustomerDayCache();

    public sealed record Recorded(Interaction Interaction, bool Duplicate);

    /// <summary>
    /// A customer's day document as the caller read it a moment ago from the same store (absent:
    /// <see cref="Document"/> null): the first attempt starts from it instead of reading it again. Its
    /// etag guards the write, so a version that changed since is read afresh, as any lost race is.
    /// </summary>
    public sealed record KnownDay(string CustomerId, UtcDay Day, PartitionedDocument? Document);

    /// <summary>Records a batch with one read and one write per touched day document (no read for <paramref name="known"/>); results are in input order.</summary>
    public Task<IReadOnlyList<Recorded>> RecordAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct, KnownDay? known = null)
    {
        var attempt = 0;
        return retry.ExecuteAsync(async token => await RecordOnceAsync(tenant, interactions, ++attempt == 1 ? known : null, token), ct).AsTask();
    }

    // Safe to run again: a second run publishes copies (applied once); events a failed run already wrote answer duplicate: true.
    private async Task<IReadOnlyList<Recorded>> RecordOnceAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, KnownDay? known, CancellationToken ct)
    {
        var groups = interactions.Select((interaction, index) => (interaction, index))
            .GroupBy(x => (x.interaction.CustomerId, x.interaction.Day))
            .Select(g => (Key: g.Key, Items: g.ToList(), Partition: new DocumentPartition(tenant, g.Key.CustomerId)))
            .ToList();

        // Which events are new, from one read per day document; new ones and duplicates still
        // pending their rollup (whose first publish may have failed) go to the stream first.
        var reads = new DocumentUpdate.Read[groups.Count];
        var toPublish = new List<Interaction>();
        var unseen = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var (customerId, day) = groups[g].Key;
            reads[g] = known is not null && known.CustomerId == customerId && known.Day == day
                ? _days.Resolve(tenant, customerId, day, known.Document)
                : await _days.ReadAsync(customers, tenant, customerId, day, ct);
            var current = (CustomerDay?)reads[g].Value;
            foreach (var (interaction, _) in groups[g].Items)
            {
                var found = current?.Find(interaction.EventId);
                if (found is null) unseen.Add(interaction.EventId);
                if (found is null || current!.PendingRollup.Contains(interaction.EventId)) toPublish.Add(interaction);
            }
        }
        toPublish = [.. toPublish.DistinctBy(i => i.EventId)];
        if (toPublish.Count > 0) await publisher.PublishAsync(tenant, toPublish, ct);

        // The day documents are independent: their writes go out together, so a group-committing
        // store puts them in one transaction instead of waiting for a commit each.
        var results = new Recorded[interactions.Count];
        await Task.WhenAll(Enumerable.Range(0, groups.Count).Select(g =>
        {
            // The ids of this document's events that no read found: each gets one "not a duplicate".
            var firstSeen = groups[g].Items.Where(x => unseen.Contains(x.interaction.EventId)).Select(x => x.interaction.EventId).ToList();
            return WriteAsync(groups[g], reads[g], firstSeen, results, ct);
        }));
        return results;
    }

    private Task<CustomerDay?> WriteAsync(
        ((string CustomerId, UtcDay Day) Key, List<(Interaction interaction, int index)> Items, DocumentPartition Partition) group,
        DocumentUpdate.Read read, List<string> unseen, Recorded[] results, CancellationToken ct)
    {
        var (customerId, day) = group.Key;
        return DocumentUpdate.UpdateAsync(customers, group.Partition, day.DocumentId, KaireonJson.Default.CustomerDay,
            current =>
            {
                var firstSeen = new HashSet<string>(unseen, StringComparer.Ordinal);
                var next = current is null
                    ? new CustomerDay { CustomerId = customerId, Day = day }
                    : current with { Interactions = [.. current.Interactions], PendingRollup = [.. current.PendingRollup] };
                var changed = false;
                foreach (var (interaction, index) in group.Items)
                {
                    if (next.Find(interaction.EventId) is { } existing)
                    {
                        // Present now but not when first read: the consumer applied this very publish already.
                        results[index] = new Recorded(existing, Duplicate: !firstSeen.Remove(interaction.EventId));
                        continue;
                    }
                    next.Interactions.Add(interaction);
                    next.PendingRollup.Add(interaction.EventId);
                    firstSeen.Remove(interaction.EventId);
                    results[index] = new Recorded(interaction, Duplicate: false);
                    changed = true;
                }
                return changed ? next : null;
            }, read, _days, ct);
    }
}
