using System.Collections.Concurrent;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Randomness;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Metrics;

/// <summary>
/// Which customers' interactions changed, and when: the stream records the customers of each batch,
/// so batch recomputation visits only the customers changed since its last run and a backfill visits
/// every customer, without a scan.
/// </summary>
/// <remarks>
/// <para>Documents <c>changes|2026-03-16|p3|s07</c> (processing day, stream partition, one of
/// <see cref="Shards"/> shards by the customer's <see cref="StableBucket"/>) in the tenant's <c>_changes</c>
/// rollup partition; a range over the ids since a day is one single-partition query.</para>
/// <para>A day's documents grow with the customers changed that day, so each write must not rewrite
/// all of them: a batch writes only the shards of its customers, and only for customers this process
/// has not recorded within <see cref="Freshness"/>. A customer changed again inside that window keeps
/// its earlier time, so <see cref="SinceAsync"/> widens its window by <see cref="Freshness"/>: it may
/// answer a few customers more, never fewer. A new process records everyone again once.</para>
/// </remarks>
public sealed class ChangedCustomers(IRollupStore rollups, TimeProvider clock)
{
    public const string PartitionKey = "_changes";

    /// <summary>Documents per processing day and stream partition.</summary>
    public const int Shards = 16;

    /// <summary>How long a recorded change stands for later changes of the same customer.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    /// <summary>Per tenant and stream partition: when this process last recorded each customer, today.</summary>
    private readonly ConcurrentDictionary<(TenantId, string), Recorded> _recorded = new();

    public async Task RecordAsync(TenantId tenant, string streamPartition, IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        if (customerIds.Count == 0) return;
        var now = clock.GetUtcNow();
        var day = UtcDay.Of(now);
        var recorded = _recorded.GetOrAdd((tenant, streamPartition), static _ => new Recorded());
        var stale = recorded.Stale(customerIds, day, now);
        if (stale.Count == 0) return;

        await Task.WhenAll(stale.GroupBy(ShardOf).Select(shard =>
            DocumentUpdate.UpdateAsync(rollups, new DocumentPartition(tenant, PartitionKey), $"changes|{day}|p{streamPartition}|s{shard.Key:D2}",
                KaireonJson.Default.CustomerChanges, current =>
                {
                    var next = current ?? new CustomerChanges();
                    foreach (var id in shard) next.Customers[id] = now;
                    return next;
                }, ct)));
        recorded.Mark(stale, day, now); // only once durable: a failed write leaves them stale
    }

    /// <summary>
    /// The customers changed at or after <paramref name="since"/> (every customer ever changed when
    /// null), in id order; possibly with some changed up to <see cref="Freshness"/> before it.
    /// </summary>
    public async Task<IReadOnlyList<string>> SinceAsync(TenantId tenant, DateTimeOffset? since, CancellationToken ct)
    {
        var from = since - Freshness;
        var documents = await rollups.RangeAsync(new DocumentPartition(tenant, PartitionKey), from is { } f ? $"changes|{UtcDay.Of(f)}" : "changes|", "changes|~", ct);
        return [.. documents
            .SelectMany(d => d.Deserialize(KaireonJson.Default.CustomerChanges)!.Customers)
            .Where(c => from is null || c.Value >= from)
            .Select(c => c.Key)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The customer's shard: the same in every process and version.</summary>
    public static int ShardOf(string customerId) => (int)(StableBucket.Of(customerId, PartitionKey) * Shards);

    /// <summary>One tenant and stream partition's customers recorded today, and when. Thread-safe.</summary>
    private sealed class Recorded
    {
        private readonly Dictionary<string, DateTimeOffset> _at = new(StringComparer.Ordinal);
        private UtcDay? _day;

        public List<string> Stale(IReadOnlyCollection<string> customerIds, UtcDay day, DateTimeOffset now)
        {
            lock (_at)
            {
                if (_day != day) return [.. customerIds];
                return [.. customerIds.Where(id => !_at.TryGetValue(id, out var at) || now - at >= Freshness)];
            }
        }

        public void Mark(List<string> customerIds, UtcDay day, DateTimeOffset now)
        {
            lock (_at)
            {
                if (_day != day)
                {
                    _at.Clear(); // a new day's documents hold none of them yet
                    _day = day;
                }
                foreach (var id in customerIds) _at[id] = now;
            }
        }
    }
}

/// <summary>The body of a changes document: customer id → the last time a batch changed it.</summary>
public sealed record CustomerChanges
{
    public Dictionary<string, DateTimeOffset> Customers { get; set; } = new(StringComparer.Ordinal);
}
