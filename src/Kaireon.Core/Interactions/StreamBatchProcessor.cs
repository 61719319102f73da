using Kaireon.Core.Behaviors;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Scoring;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Applies a batch of stream events exactly once in effect (design §4), however often and in
/// whatever copies it is delivered:
/// <list type="number">
/// <item>copies of an event within the batch count once (the first);</item>
/// <item>each event's state is read from its customer's day document: absent (apply to customer
/// and tenant), pending rollup (tenant only), or applied (nothing);</item>
/// <item>tenant shards are written first, each applying only events whose sequence number is above
/// the shard's last applied one, so a redelivered batch skips them; the learning models' shard of
/// the partition (<see cref="ModelLearning"/>) is one of them;</item>
/// <item>customer day documents are written next: new interactions added, pending ones flipped. The
/// rollup shards go out with them, in one round trip where the store can order the two itself
/// (<see cref="IPartitionedStore.WriteAfterAsync"/>): never durable after them is what counts;</item>
/// <item>then each touched customer's metric buckets fold what their day documents hold beyond what
/// the buckets counted (exactly once by construction, see <see cref="CustomerMetricBook"/>); the
/// tenant's changed customers, for batch metrics and backfills, are recorded with the day documents;</item>
/// <item>observers are told what each customer's day documents newly hold (<see cref="IInteractionObserver"/>).</item>
/// </list>
/// Flexible behaviours (<see cref="BehaviorStream"/>) add a step between reading and writing: their
/// decisions are committed to each customer's behaviour book first, and each event's matches travel
/// with the event, in its rollup shard and its day document write.
/// A crash between steps is repaired by redelivery. One write per touched document per batch.
/// </summary>
public sealed class StreamBatchProcessor(
    ICustomerStore customers, IRollupStore rollups, TransientStoreRetry retry,
    TenantMetrics tenantMetrics, CustomerMetrics customerMetrics, ChangedCustomers changes,
    BehaviorStream? behaviors = null, IEnumerable<IInteractionObserver>? observers = null, ModelLearning? learning = null,
    CustomerDayCache? days = null, InFlightEvents? inFlight = null)
{
    // Without the host's shared cache, a private one: still correct, it just misses what Respond wrote.
    // Only the days the cache holds already (Respond's): the stream's own versions would fill it with
    // documents no one reads before they are collected as old objects (DocumentCache.KnownOnly).
    private readonly DocumentCache<CustomerDay> _days = (days ?? new CustomerDayCache()).KnownOnly;
    private readonly IInteractionObserver[] _observers = [.. observers ?? []];

    public sealed record Outcome(int Events, int AppliedToTenant, int AppliedToCustomers, int Skipped);

    /// <summary>Applies the batch; a store that is briefly unavailable is retried, which is safe since a batch applies once however often it runs.</summary>
    public Task<Outcome> ProcessAsync(StreamBatch batch, CancellationToken ct) =>
        retry.ExecuteAsync(async token => await ApplyAsync(batch, token), ct).AsTask();

    private async Task<Outcome> ApplyAsync(StreamBatch batch, CancellationToken ct)
    {
        var unique = batch.Entries
            .Select(e => (e.Sequence, Tenant: TenantId.Parse(e.Event.TenantId), e.Event.Interaction))
            .DistinctBy(e => (e.Tenant, e.Interaction.EventId))
            .ToList();
        var byDocument = unique.GroupBy(e => (e.Tenant, e.Interaction.CustomerId, e.Interaction.Day)).ToList();

        // Behaviour books are read before day documents, so a decision sees every earlier one (BehaviorStream).
        var behaviorStep = behaviors is null ? null : await behaviors.StartAsync([.. unique.Select(e => (e.Tenant, e.Interaction))], ct);
        var dayDocuments = new Dictionary<(TenantId, string, UtcDay), CustomerDay?>();

        // The state of every event, from one read of each touched customer day (reused by its write).
        var toTenant = new List<(long Sequence, TenantId Tenant, Interaction Interaction)>();
        var reads = await _days.ReadManyAsync(customers,
            [.. byDocument.Select(g => (new DocumentPartition(g.Key.Tenant, g.Key.CustomerId), g.Key.Day.DocumentId))], KaireonJson.Default.CustomerDay, ct);
        for (var g = 0; g < byDocument.Count; g++)
        {
            var group = byDocument[g];
            var current = (CustomerDay?)reads[g].Value;
            dayDocuments[group.Key] = current;
            foreach (var entry in group)
            {
                var applied = current?.Find(entry.Interaction.EventId) is not null;
                var pending = applied && current!.PendingRollup.Contains(entry.Interaction.EventId);
                if (!applied || pending) toTenant.Add(entry);
            }
        }

        // Flexible-behaviour matches, decided and committed now; each is applied with its event below.
        var matches = behaviorStep is null ? BehaviorMatches.None : await behaviorStep.DecideAsync(dayDocuments, ct);

        // Learning models keep a shard of the partition of their own (ModelLearning), written ahead of the day documents.
        if (learning is not null)
        {
            foreach (var tenant in toTenant.GroupBy(e => e.Tenant))
                await learning.ApplyAsync(tenant.Key, batch.Partition, [.. tenant.Select(e => (e.Sequence, e.Interaction))], ct);
        }

        // The tenant shards and the customer day documents go out together, the shards never durable
        // after the days (WriteAfterShardsAsync). Day documents are independent: a group-committing store
        // puts them in shared transactions, and a failure of any leaves the batch to redelivery, like a
        // crash after some of them. Every customer of the batch is recorded as changed alongside, rather
        // than after (one round trip fewer): a record whose day write then fails only sends a batch
        // metric to a customer with nothing new, and the batch's redelivery records it again.
        var appliedToTenant = 0;
        var writing = WriteDaysAsync(byDocument, reads, matches,
            (days, token) => WriteAfterShardsAsync(toTenant, matches, batch.Partition, days, counted => appliedToTenant = counted, token), ct);
        await Task.WhenAll(writing, RecordChangedAsync(byDocument, batch.Partition, ct));
        var written = await writing;
        // The day documents answer for these events now, for POST /events' duplicates too.
        inFlight?.Applied(unique.Select(e => (e.Tenant, e.Interaction.EventId)));
        var appliedToCustomers = 0;
        var touched = new Dictionary<(TenantId Tenant, string CustomerId), List<CustomerDay>>();
        var firstApplied = new Dictionary<(TenantId Tenant, string CustomerId), List<Interaction>>();
        for (var g = 0; g < byDocument.Count; g++)
        {
            var (tenant, customerId, _) = byDocument[g].Key;
            var (stored, added, newlyApplied) = written[g];
            appliedToCustomers += added;
            if (stored is not null) AddTo(touched, (tenant, customerId), stored);
            foreach (var interaction in newlyApplied) AddTo(firstApplied, (tenant, customerId), interaction);
        }

        // Each customer's book is its own document: their updates go out together, so a group-committing
        // store commits them in shared transactions instead of one commit after another.
        foreach (var tenant in touched.GroupBy(t => t.Key.Tenant))
        {
            var metrics = await tenantMetrics.GetAsync(tenant.Key, ct);
            if (metrics.Count == 0) continue;
            await Task.WhenAll(tenant.Select(t => customerMetrics.UpdateAsync(tenant.Key, t.Key.CustomerId, metrics, t.Value, ct)));
        }

        // Every touched customer is reported, even with nothing applied for the first time: a batch
        // redelivered after a crash that came before the observers were told lets them fold what they missed.
        if (_observers.Length > 0 && (firstApplied.Count > 0 || touched.Count > 0))
        {
            var report = firstApplied.Keys.Union(touched.Keys)
                .Select(k => new AppliedInteractions(k.Tenant, k.CustomerId, firstApplied.GetValueOrDefault(k) ?? [], touched.GetValueOrDefault(k) ?? [])).ToList();
            foreach (var observer in _observers) await observer.OnAppliedAsync(report, ct);
        }

        return new Outcome(batch.Entries.Count, appliedToTenant, appliedToCustomers, batch.Entries.Count - unique.Count);
    }

    /// <summary>
    /// The batch's customer days, in one batch of writes sent by <paramref name="firstWrite"/>: new
    /// interactions added, pending ones flipped, each with its matches.
    /// </summary>
    private async Task<(CustomerDay? Stored, int Added, List<Interaction> NewlyApplied)[]> WriteDaysAsync(
        List<IGrouping<(TenantId Tenant, string CustomerId, UtcDay Day), (long Sequence, TenantId Tenant, Interaction Interaction)>> byDocument,
        DocumentUpdate.Read[] reads, BehaviorMatches matches,
        Func<IReadOnlyList<DocumentWrite>, CancellationToken, Task<IReadOnlyList<WriteResult<PartitionedDocument>>>> firstWrite, CancellationToken ct)
    {
        var added = new int[byDocument.Count];
        var newlyApplied = byDocument.Select(_ => new List<Interaction>()).ToArray();
        var targets = byDocument.Select((group, g) =>
        {
            var (tenant, customerId, day) = group.Key;
            return new DocumentUpdate.Target<CustomerDay>(new DocumentPartition(tenant, customerId), day.DocumentId, reads[g], current =>
            {
                added[g] = 0;
                newlyApplied[g].Clear();
                var next = current is null
                    ? new CustomerDay { CustomerId = customerId, Day = day }
                    : current with { Interactions = [.. current.Interactions], PendingRollup = [.. current.PendingRollup] };
                var changed = false;
                foreach (var (_, _, interaction) in group)
                {
                    if (next.Find(interaction.EventId) is null)
                    {
                        next.Interactions.Add(interaction);
                        newlyApplied[g].Add(interaction);
                        AddMatches(next, matches.For(tenant, interaction), newlyApplied[g]);
                        added[g]++;
                        changed = true;
                    }
                    else if (next.PendingRollup.Remove(interaction.EventId))
                    {
                        newlyApplied[g].Add(next.Find(interaction.EventId)!);
                        AddMatches(next, matches.For(tenant, interaction), newlyApplied[g]);
                        changed = true;
                    }
                }
                return changed ? next : null;
            });
        }).ToList();
        var stored = await DocumentUpdate.UpdateManyAsync(customers, targets, KaireonJson.Default.CustomerDay, _days, ct, firstWrite);
        return [.. stored.Select((day, g) => (day, added[g], newlyApplied[g]))];
    }

    /// <summary>
    /// The day documents' first writes, behind the batch's tenant shards (<see cref="IPartitionedStore.WriteAfterAsync"/>:
    /// one round trip where the store allows). Each shard counts the events whose sequence number is
    /// above its last applied one, so a redelivered batch skips what it counted. A shard that another
    /// writer changed since it was read is read again and both are sent again; the days never go without it.
    /// </summary>
    private async Task<IReadOnlyList<WriteResult<PartitionedDocument>>> WriteAfterShardsAsync(
        List<(long Sequence, TenantId Tenant, Interaction Interaction)> toTenant, BehaviorMatches matches, string streamPartition,
        IReadOnlyList<DocumentWrite> days, Action<int> applied, CancellationToken ct)
    {
        var shards = toTenant.GroupBy(e => (e.Tenant, e.Interaction.Day))
            .Select(shard => (Events: shard, Partition: new DocumentPartition(shard.Key.Tenant, TenantRollup.AllDimensions), Id: TenantRollup.DocumentId(shard.Key.Day, streamPartition)))
            .ToList();
        for (var attempt = 1; attempt <= DocumentUpdate.MaxAttempts; attempt++)
        {
            var stored = shards.Count == 0 ? [] : await rollups.FindManyIfChangedAsync([.. shards.Select(s => new DocumentKey(s.Partition, s.Id))], ct);
            var counted = 0;
            var writes = new List<DocumentWrite>(shards.Count);
            for (var i = 0; i < shards.Count; i++)
            {
                var (events, partition, id) = shards[i];
                // Deserialized here and for this write alone, so it is changed in place.
                var next = stored[i].Document?.Deserialize(KaireonJson.Default.TenantRollup)
                    ?? new TenantRollup { Day = events.Key.Day, StreamPartition = streamPartition };
                var fresh = events.Where(e => e.Sequence > next.LastSequence).ToList();
                if (fresh.Count == 0) continue;
                foreach (var (_, tenant, interaction) in fresh)
                {
                    next.Add(interaction);
                    foreach (var match in matches.For(tenant, interaction)) next.Add(match);
                }
                next.LastSequence = events.Max(e => e.Sequence);
                counted += fresh.Count;
                writes.Add(new DocumentWrite(DocumentUpdate.Serialized(partition, id, next, KaireonJson.Default.TenantRollup), stored[i].Etag));
            }
            var (_, written) = await customers.WriteAfterAsync(rollups, writes, days, ct);
            if (written is null) continue;
            applied(counted);
            return written;
        }
        throw new InvalidOperationException($"The tenant shards of stream partition {streamPartition} kept changing under {DocumentUpdate.MaxAttempts} attempts to update them.");
    }

    /// <summary>The batch's customers, per tenant, for batch metrics and backfills (<see cref="ChangedCustomers"/>).</summary>
    private Task RecordChangedAsync(
        List<IGrouping<(TenantId Tenant, string CustomerId, UtcDay Day), (long Sequence, TenantId Tenant, Interaction Interaction)>> byDocument,
        string streamPartition, CancellationToken ct) =>
        Task.WhenAll(byDocument.Select(g => (g.Key.Tenant, g.Key.CustomerId)).Distinct().GroupBy(k => k.Tenant)
            .Select(tenant => changes.RecordAsync(tenant.Key, streamPartition, [.. tenant.Select(k => k.CustomerId)], ct)));

    /// <summary>An event's flexible-behaviour matches go in with it (each once: a redelivered write finds them there).</summary>
    private static void AddMatches(CustomerDay day, IReadOnlyList<Interaction> matches, List<Interaction> newlyApplied)
    {
        foreach (var match in matches)
        {
            if (day.Find(match.EventId) is not null) continue;
            day.Interactions.Add(match);
            newlyApplied.Add(match);
        }
    }

    private static void AddTo<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value) where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(value);
    }
}
