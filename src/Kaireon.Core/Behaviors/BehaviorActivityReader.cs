using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// A customer's <see cref="BehaviorActivity"/>. A simple behaviour's events are counted in the
/// customer's day documents (one range query: exact, including events accepted a moment ago); a
/// flexible behaviour's counts are one point read of the customer's behaviour book, where the stream
/// commits them.
/// </summary>
public sealed class BehaviorActivityReader(ICustomerStore customers, CatalogService catalog)
{
    /// <summary>Null when the tenant has no such behaviour.</summary>
    public async Task<BehaviorActivity?> ReadAsync(TenantId tenant, string behaviorId, string customerId, CancellationToken ct)
    {
        // From the store, not the snapshot: a behaviour created a moment ago on another instance is found.
        if (await catalog.FindAsync(Behavior.Kind, tenant, behaviorId, ct) is not { } behavior) return null;
        var partition = new DocumentPartition(tenant, customerId);
        if (behavior.IsFlexible)
        {
            var book = (await customers.FindAsync(partition, CustomerBehaviorBook.DocumentId, ct))?.Deserialize(KaireonJson.Default.CustomerBehaviorBook);
            var counters = book?.Behaviors.GetValueOrDefault(behavior.Id!) is { } c && c.Since == behavior.CreatedAt ? c : null;
            return new BehaviorActivity(behavior.Id!, customerId, counters?.Count ?? 0, counters?.RateLimitedCount ?? 0, counters?.LastTrackedAt);
        }

        // Day ids are day|yyyy-MM-dd; '~' sorts after every digit, so the range holds every day document.
        var documents = await customers.RangeAsync(partition, "day|", "day|~", ct);
        long count = 0;
        DateTimeOffset? last = null;
        foreach (var document in documents)
        {
            foreach (var interaction in document.Deserialize(KaireonJson.Default.CustomerDay)!.Interactions)
            {
                if (interaction.Type != behavior.Verb) continue;
                count++;
                if (last is null || interaction.Timestamp > last) last = interaction.Timestamp;
            }
        }
        return new BehaviorActivity(behavior.Id!, customerId, count, 0, last);
    }
}
