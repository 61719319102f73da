using System.Collections.Concurrent;
using System.Globalization;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Metrics;

/// <summary>
/// Which customers' interactions changed, and when: the stream records the customers of each batch,
/// so batch recomputation visits only the customers changed since its last run and a backfill visits
/// every customer, without a scan.
/// </summary>
/// <remarks>
/// <para>Two kinds of document in the tenant's <c>_changes</c> rollup partition, each created once
/// and never rewritten, so a batch's record costs its own customers and no read, however many
/// customers the day has seen (rewriting a growing document per day made each batch cost the day so
/// far: at 100,000 customers, 16 documents of 40 KB per batch and a sixth of the stream's CPU):</para>
/// <list type="bullet">
/// <item><b>The log</b>, <c>changed|2026-03-16T09:30:00.1234567Z|p3</c> (when, stream partition): the
/// batch's customers this process has not recorded within <see cref="Freshness"/>. Ids sort by time,
/// so <see cref="SinceAsync"/> reads one range from its start. A customer changed again inside the
/// window keeps its earlier entry, so the range starts <see cref="Freshness"/> early: it may answer a
/// few customers more, never fewer.</item>
/// <item><b>The directory</b>, <c>changes|2026-03-16|p3|t09:30:00.1234567</c>: the batch's customers
/// this process records for the first time that day, so reading every customer ever costs each
/// customer once a day rather than once per window. (Documents of the earlier layout,
/// <c>changes|2026-03-16|p3|s07</c>, have the same body and are read with them.)</item>
/// </list>
/// <para>Log entries older than <see cref="LogRetention"/> are deleted (every <see cref="PruneEvery"/>);
/// the directory is kept, as the interactions are. A new process records everyone again once.</para>
/// </remarks>
public sealed class ChangedCustomers(IRollupStore rollups, TimeProvider clock)
{
    public const string PartitionKey = "_changes";

    /// <summary>How long a recorded change stands for later changes of the same customer.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the log keeps an entry: a day of entries answers every batch metric's "since its last
    /// run"; a reader asking further back (a job stalled that long) reads the directory of the days
    /// since instead, which holds every customer changed on them, and more.
    /// </summary>
    public static readonly TimeSpan LogRetention = TimeSpan.FromDays(1);

    /// <summary>How often this process deletes a tenant's log entries older than <see cref="LogRetention"/>.</summary>
    public static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    /// <summary>Per tenant and stream partition: when this process last recorded each customer, today.</summary>
    private readonly ConcurrentDictionary<(TenantId, string), Recorded> _recorded = new();

    /// <summary>Per tenant: when this process last pruned its log.</summary>
    private readonly ConcurrentDictionary<TenantId, DateTimeOffset> _pruned = new();

    public async Task RecordAsync(TenantId tenant, string streamPartition, IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        if (customerIds.Count == 0) return;
        var now = clock.GetUtcNow();
        var day = UtcDay.Of(now);
        var recorded = _recorded.GetOrAdd((tenant, streamPartition), static _ => new Recorded());
        var (stale, firstToday) = recorded.Stale(customerIds, day, now);
        if (stale.Count == 0) return;

        var partition = new DocumentPartition(tenant, PartitionKey);
        var log = DocumentUpdate.Serialized(partition, $"{LogId(now)}|p{streamPartition}",
            new ChangeLogEntry { At = now, Customers = stale }, KaireonJson.Default.ChangeLogEntry);
        var time = now.UtcDateTime.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        var directory = firstToday.Count == 0 ? null : DocumentUpdate.Serialized(partition, $"changes|{day}|p{streamPartition}|t{time}",
            new CustomerChanges { Customers = firstToday.ToDictionary(id => id, _ => now, StringComparer.Ordinal) }, KaireonJson.Default.CustomerChanges);
        await CreateAllAsync(directory is null ? [log] : [log, directory], ct);
        recorded.Mark(stale, day, now); // only once durable: a failed write leaves them stale
        await PruneAsync(partition, now, ct);
    }

    /// <summary>Deletes the log entries older than <see cref="LogRetention"/>, at most every <see cref="PruneEvery"/> per tenant.</summary>
    private async Task PruneAsync(DocumentPartition partition, DateTimeOffset now, CancellationToken ct)
    {
        // Claimed before it runs, so the batches of other stream partitions do not prune at the same time.
        if (_pruned.TryGetValue(partition.Tenant, out var last) && now - last < PruneEvery) return;
        _pruned[partition.Tenant] = now;
        await rollups.DeleteRangeAsync(partition, "changed|", LogId(now - LogRetention), ct);
    }

    /// <summary>
    /// The customers changed at or after <paramref name="since"/> (every customer ever changed when
    /// null), in id order; possibly with some changed up to <see cref="Freshness"/> before it, or,
    /// when <paramref name="since"/> lies further back than <see cref="LogRetention"/>, with every
    /// customer changed from its UTC day on.
    /// </summary>
    public async Task<IReadOnlyList<string>> SinceAsync(TenantId tenant, DateTimeOffset? since, CancellationToken ct)
    {
        var partition = new DocumentPartition(tenant, PartitionKey);
        IEnumerable<string> customers;
        if (since - Freshness is { } from && from >= clock.GetUtcNow() - LogRetention)
        {
            var documents = await rollups.RangeAsync(partition, LogId(from), "changed|~", ct);
            customers = documents.SelectMany(d => d.Deserialize(KaireonJson.Default.ChangeLogEntry)!.Customers);
        }
        else
        {
            var first = since - Freshness is { } early ? $"changes|{UtcDay.Of(early)}" : "changes|";
            var documents = await rollups.RangeAsync(partition, first, "changes|~", ct);
            customers = documents.SelectMany(d => d.Deserialize(KaireonJson.Default.CustomerChanges)!.Customers.Keys);
        }
        return [.. customers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The start of a log document's id: its time, in a form that sorts as it counts.</summary>
    private static string LogId(DateTimeOffset at) => $"changed|{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Creates the documents together; one whose id is taken (another batch of the same partition at
    /// the same instant, or this one redelivered after a crash) is created again under the next free
    /// suffix: an entry twice is harmless, one lost is not.
    /// </summary>
    private async Task CreateAllAsync(PartitionedDocument[] documents, CancellationToken ct)
    {
        var pending = documents.Select(d => (Original: d, Document: d, Attempt: 1)).ToList();
        while (pending.Count > 0)
        {
            var written = await rollups.WriteManyAsync([.. pending.Select(p => new DocumentWrite(p.Document, IfMatch: null))], ct);
            foreach (var w in written)
            {
                if (w.Status is not (WriteStatus.Ok or WriteStatus.Conflict)) throw new InvalidOperationException($"Recording changed customers failed: {w.Status}.");
            }
            pending = [.. pending.Where((_, i) => written[i].Status == WriteStatus.Conflict)
                .Select(p => (p.Original, p.Original with { Id = $"{p.Original.Id}|{p.Attempt + 1}" }, p.Attempt + 1))];
        }
    }

    /// <summary>One tenant and stream partition's customers recorded today, and when. Thread-safe.</summary>
    private sealed class Recorded
    {
        private readonly Dictionary<string, DateTimeOffset> _at = new(StringComparer.Ordinal);
        private UtcDay? _day;

        /// <summary>The customers to record now, and which of them are recorded for the first time today.</summary>
        public (List<string> Stale, List<string> FirstToday) Stale(IReadOnlyCollection<string> customerIds, UtcDay day, DateTimeOffset now)
        {
            lock (_at)
            {
                if (_day != day) return ([.. customerIds], [.. customerIds]);
                var stale = new List<string>();
                var firstToday = new List<string>();
                foreach (var id in customerIds)
                {
                    var known = _at.TryGetValue(id, out var at);
                    if (!known) firstToday.Add(id);
                    if (!known || now - at >= Freshness) stale.Add(id);
                }
                return (stale, firstToday);
            }
        }

        public void Mark(List<string> customerIds, UtcDay day, DateTimeOffset now)
        {
            lock (_at)
            {
                if (_day != day)
                {
                    _at.Clear(); // a new day's directory holds none of them yet
                    _day = day;
                }
                foreach (var id in customerIds) _at[id] = now;
            }
        }
    }
}

/// <summary>The body of a directory document: customer id → when it was recorded (the first time that day, in this process).</summary>
public sealed record CustomerChanges
{
    public Dictionary<string, DateTimeOffset> Customers { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The body of a log document: the customers a batch changed at <see cref="At"/>.</summary>
public sealed record ChangeLogEntry
{
    public DateTimeOffset At { get; init; }
    public List<string> Customers { get; init; } = [];
}
