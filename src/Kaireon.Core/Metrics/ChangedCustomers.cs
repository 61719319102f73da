using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Metrics;

/// <summary>
/// Which customers' interactions changed, and when: the stream records the customers of each batch
/// (one write per tenant and stream partition per batch), so batch recomputation visits only the
/// customers changed since its last run and a backfill visits every customer, without a scan.
/// </summary>
/// <remarks>
/// Documents <c>changes|2026-03-16|p3</c> (processing day, stream partition) in the tenant's
/// <c>_changes</c> rollup partition; a range over the ids since a day is one single-partition query.
/// </remarks>
public sealed class ChangedCustomers(IRollupStore rollups, TimeProvider clock)
{
    public const string PartitionKey = "_changes";

    public async Task RecordAsync(TenantId tenant, string streamPartition, IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        if (customerIds.Count == 0) return;
        var now = clock.GetUtcNow();
        await DocumentUpdate.UpdateAsync(rollups, new DocumentPartition(tenant, PartitionKey), $"changes|{UtcDay.Of(now)}|p{streamPartition}",
            KaireonJson.Default.CustomerChanges, current =>
            {
                var next = current ?? new CustomerChanges();
                foreach (var id in customerIds) next.Customers[id] = now;
                return next;
            }, ct);
    }

    /// <summary>The customers changed at or after <paramref name="since"/> (every customer ever changed when null), in id order.</summary>
    public async Task<IReadOnlyList<string>> SinceAsync(TenantId tenant, DateTimeOffset? since, CancellationToken ct)
    {
        var from = since is { } s ? $"changes|{UtcDay.Of(s)}" : "changes|";
        var documents = await rollups.RangeAsync(new DocumentPartition(tenant, PartitionKey), from, "changes|~", ct);
        return [.. documents
            .SelectMany(d => System.Text.Json.JsonSerializer.Deserialize(d.Body, KaireonJson.Default.CustomerChanges)!.Customers)
            .Where(c => since is null || c.Value >= since)
            .Select(c => c.Key)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}

/// <summary>The body of a changes document: customer id → the last time a batch changed it.</summary>
public sealed record CustomerChanges
{
    public Dictionary<string, DateTimeOffset> Customers { get; set; } = new(StringComparer.Ordinal);
}
