using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Accepts interactions. <see cref="RecordAsync"/> (Respond, implicit impressions): each is
/// published to the stream, then written into its customer's day document — so the customer's own
/// summaries see it at once — marked pending for the tenant rollup; only then is it acknowledged.
/// <see cref="AcceptAsync"/> (<c>POST /events</c>): published only; the stream writes the day
/// document. Either way an event id already held is a duplicate: nothing is written, and the
/// first version is answered.
/// </summary>
/// <remarks>
/// Publishing first (design §4 writes first and sweeps up failed publishes) leaves no state in
/// which an accepted interaction is missing from the stream, so no sweeper and no index of pending
/// events are needed: if the process dies between the two steps, the consumer finds the event
/// absent from the customer document and applies it to both; if the client retries, the copy
/// counts once. Either order is safe for the consumer, which decides per event from the document.
/// Where the stream shares the store's transactions (the local outbox), the publish and the
/// writes commit together (<see cref="IEventPublisher.PublishWithAsync"/>): no in-between state at all.
/// </remarks>
public sealed class InteractionRecorder(
    ICustomerStore customers, IEventPublisher publisher, TransientStoreRetry retry, CustomerDayCache? days = null, InFlightEvents? inFlight = null)
{
    // Without the host's shared cache, a private one: still correct, it just misses what the stream wrote.
    private readonly CustomerDayCache _days = days ?? new CustomerDayCache();
    private readonly InFlightEvents _inFlight = inFlight ?? new InFlightEvents();

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

    /// <summary>
    /// Accepts behavioural events stream-first (<c>POST /events</c>): each new event is published,
    /// and the stream writes it into its customer's day document, within seconds, as it does for
    /// events sent to the stream directly. Nothing else is written, so a request costs a batch of
    /// reads and the publish. A repeat answers duplicate: the day documents hold the events the
    /// stream applied, and <see cref="InFlightEvents"/> those still on their way.
    /// Results are in input order.
    /// </summary>
    /// <remarks>
    /// Respond keeps <see cref="RecordAsync"/>: its contract is read-your-writes for the customer's
    /// summaries. Events' is "within seconds", like the tenant's; writing each customer's day twice
    /// (here, then the stream) was half the ingest path's CPU and most of its disk writes.
    /// </remarks>
    public async Task<IReadOnlyList<Recorded>> AcceptAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
    {
        var results = new Recorded[interactions.Count];
        var firstCopy = new Dictionary<string, int>(StringComparer.Ordinal);
        var mine = new List<(int Index, InFlightEvents.Claim Claim)>();
        var others = new List<(int Index, InFlightEvents.Claim Claim)>();
        for (var i = 0; i < interactions.Count; i++)
        {
            if (!firstCopy.TryAdd(interactions[i].EventId, i)) continue;
            var (claim, isMine) = _inFlight.ClaimFor(tenant, interactions[i]);
            (isMine ? mine : others).Add((i, claim));
        }

        // Every claim of this request is settled before it waits for another request's, so two
        // requests holding each other's events never wait for each other.
        try
        {
            await retry.ExecuteAsync(async token => await PublishNewAsync(tenant, mine, results, token), ct);
        }
        finally
        {
            // A claim still unsettled here failed to publish: a repeat must send its event.
            foreach (var (_, claim) in mine.Where(c => !c.Claim.Outcome.IsCompleted)) claim.Release(stored: false);
        }

        var again = new List<int>();
        foreach (var (index, claim) in others)
        {
            if (await claim.Outcome.WaitAsync(ct)) results[index] = new Recorded(claim.Interaction, Duplicate: true);
            else again.Add(index); // its request failed before publishing: this one sends the event
        }
        if (again.Count > 0)
        {
            var retried = await AcceptAsync(tenant, [.. again.Select(i => interactions[i])], ct);
            for (var j = 0; j < again.Count; j++) results[again[j]] = retried[j];
        }

        for (var i = 0; i < interactions.Count; i++)
        {
            var first = firstCopy[interactions[i].EventId];
            if (first != i) results[i] = results[first] with { Duplicate = true };
        }
        return results;
    }

    /// <summary>Reads the claimed events' day documents; publishes those no document holds and settles every claim.</summary>
    private async Task<int> PublishNewAsync(TenantId tenant, List<(int Index, InFlightEvents.Claim Claim)> claims, Recorded[] results, CancellationToken ct)
    {
        var pending = claims.Where(c => !c.Claim.Outcome.IsCompleted).ToList();
        var days = pending.Select(c => (Partition: new DocumentPartition(tenant, c.Claim.Interaction.CustomerId), c.Claim.Interaction.Day.DocumentId))
            .Distinct().ToList();
        // Documents the cache does not hold are only searched: nearly every event is new, and the stream deserializes its day anyway.
        var reads = await _days.ReadManyAsync(customers, days, KaireonJson.Default.CustomerDay, ct, deserialize: false);
        var byDay = days.Select((d, r) => (d, reads[r])).ToDictionary(x => x.d, x => x.Item2);

        var toPublish = new List<(int Index, InFlightEvents.Claim Claim)>();
        foreach (var (index, claim) in pending)
        {
            var interaction = claim.Interaction;
            var day = (Partition: new DocumentPartition(tenant, interaction.CustomerId), interaction.Day.DocumentId);
            if (Stored(byDay[day], day.Partition, day.DocumentId, interaction.EventId) is { } stored)
            {
                results[index] = new Recorded(stored, Duplicate: true);
                claim.Release(stored: true);
            }
            else
            {
                toPublish.Add((index, claim));
            }
        }
        if (toPublish.Count == 0) return 0;
        await publisher.PublishAsync(tenant, [.. toPublish.Select(c => c.Claim.Interaction)], ct);
        foreach (var (index, claim) in toPublish)
        {
            results[index] = new Recorded(claim.Interaction, Duplicate: false);
            claim.Published();
        }
        return toPublish.Count;
    }

    /// <summary>The stored version of an event, from a day document read with or without its value.</summary>
    private Interaction? Stored(DocumentUpdate.Read read, DocumentPartition partition, string documentId, string eventId)
    {
        if (read.Value is CustomerDay day) return day.Find(eventId);
        if (read.Document is not { } document || !CustomerDayEvents.Holds(document.Utf8Body.Span, eventId)) return null;
        return ((CustomerDay)_days.Resolve(partition, documentId, document, KaireonJson.Default.CustomerDay).Value!).Find(eventId);
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

        // The day documents are independent: their writes go out together, so a group-committing
        // store puts them in few statements and one transaction instead of a commit each, and with
        // the publish when the stream shares that store's transactions.
        var results = new Recorded[interactions.Count];
        var targets = groups.Select((group, g) =>
        {
            // The ids of this document's events that no read found: each gets one "not a duplicate".
            var firstSeen = group.Items.Where(x => unseen.Contains(x.interaction.EventId)).Select(x => x.interaction.EventId).ToList();
            return new DocumentUpdate.Target<CustomerDay>(group.Partition, group.Key.Day.DocumentId, reads[g], Change(group, firstSeen, results));
        }).ToList();
        await DocumentUpdate.UpdateManyAsync(customers, targets, KaireonJson.Default.CustomerDay, _days, ct,
            toPublish.Count == 0 ? null : (writes, token) => publisher.PublishWithAsync(tenant, toPublish, customers, writes, token));
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
