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
            .Select(g => new DayGroup(g.Key, [.. g], new DocumentPartition(tenant, g.Key.CustomerId)))
            .ToList();

        // Which events are new, from one read per day document (all in one batch of reads); new ones
        // and duplicates still pending their rollup (whose first publish may have failed) go to the stream first.
        var reads = await ReadDaysAsync(tenant, groups, known, ct);
        var toPublish = new List<Interaction>();
        var unseen = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
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
        // store puts them in few statements and one transaction instead of a commit each.
        var results = new Recorded[interactions.Count];
        var targets = groups.Select((group, g) =>
        {
            // The ids of this document's events that no read found: each gets one "not a duplicate".
            var firstSeen = group.Items.Where(x => unseen.Contains(x.interaction.EventId)).Select(x => x.interaction.EventId).ToList();
            return new DocumentUpdate.Target<CustomerDay>(group.Partition, group.Key.Day.DocumentId, reads[g], Change(group, firstSeen, results));
        }).ToList();
        await DocumentUpdate.UpdateManyAsync(customers, targets, KaireonJson.Default.CustomerDay, _days, ct);
        return results;
    }

    /// <summary>Each group's day document: the known one as the caller read it, the others in one batch of reads.</summary>
    private async Task<DocumentUpdate.Read[]> ReadDaysAsync(TenantId tenant, List<DayGroup> groups, KnownDay? known, CancellationToken ct)
    {
        var knownAt = known is null ? -1 : groups.FindIndex(g => g.Key == (known.CustomerId, known.Day));
        var toRead = groups.Where((_, g) => g != knownAt).Select(g => (g.Partition, g.Key.Day.DocumentId)).ToList();
        var reads = (await _days.ReadManyAsync(customers, toRead, KaireonJson.Default.CustomerDay, ct)).ToList();
        if (knownAt >= 0) reads.Insert(knownAt, _days.Resolve(tenant, known!.CustomerId, known.Day, known.Document));
        return [.. reads];
    }

    /// <summary>What one day document becomes: the group's events it does not hold yet added, pending their rollup.</summary>
    private static Func<CustomerDay?, CustomerDay?> Change(
        DayGroup group,
        List<string> unseen, Recorded[] results)
    {
        var (customerId, day) = group.Key;
        return current =>
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
        };
    }

    /// <summary>The events of a request that land in one day document, with their places in the request.</summary>
    private sealed record DayGroup((string CustomerId, UtcDay Day) Key, List<(Interaction interaction, int index)> Items, DocumentPartition Partition);
}
