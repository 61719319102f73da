using Kaireon.Core.Interactions;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// The stream's behaviour step (design §8): for each event the stream applies for the first time
/// whose type is a verb with flexible behaviours, decides which of them it tracks, commits the
/// decisions to the customer's <see cref="CustomerBehaviorBook"/>, and hands the processor the match
/// interactions to write beside the event — into the tenant rollup and the day document, in the
/// same writes as the event itself. Customers and tenants without flexible behaviours cost nothing.
/// </summary>
/// <remarks>
/// Why this is exactly once (checked by the storage property test, on both stores):
/// <list type="bullet">
/// <item>A decision is final when the book holding it is written, conditioned on the etag read;
/// matches reach day documents and rollups only after that, and only with their event (same
/// sequence number, same day-document write), so they are applied exactly when the event is.</item>
/// <item>A batch that crashes after its book write is redelivered: its events are still absent or
/// pending in their day documents, and their committed decisions are reused, not made again.</item>
/// <item>The book is read before the day documents (and read again, with them, after a conflict):
/// so when a successful write decides an event, no committed decision for it existed — a decision
/// leaves the book only once a day document shows its event applied, which a later read then sees.</item>
/// <item>Decisions are made in stream order (a customer's events are in one partition, redelivered
/// in order from the checkpoint), so rate limits, which depend on earlier decisions, decide the same
/// on replay. Cost: one extra read and at most one write per customer per batch.</item>
/// </list>
/// </remarks>
public sealed class BehaviorStream(ICustomerStore customers, BehaviorCatalog catalog, TimeProvider clock)
{
    /// <summary>
    /// Finds the customers of <paramref name="events"/> (the batch's first copies, in stream order)
    /// with events of a verb that has flexible behaviours, and reads their books. Call it before
    /// reading the batch's day documents.
    /// </summary>
    public async Task<BehaviorBatch> StartAsync(IReadOnlyList<(TenantId Tenant, Interaction Interaction)> events, CancellationToken ct)
    {
        var work = new List<BehaviorBatch.CustomerWork>();
        foreach (var tenantEvents in events.GroupBy(e => e.Tenant))
        {
            var behaviors = await catalog.GetAsync(tenantEvents.Key, ct);
            if (behaviors.IsEmpty) continue;
            foreach (var customer in tenantEvents.Where(e => behaviors.ForVerb(e.Interaction.Type) is not null).GroupBy(e => e.Interaction.CustomerId))
            {
                var partition = new DocumentPartition(tenantEvents.Key, customer.Key);
                var book = await customers.FindAsync(partition, CustomerBehaviorBook.DocumentId, ct);
                work.Add(new BehaviorBatch.CustomerWork(partition, behaviors, [.. customer.Select(e => e.Interaction)], book));
            }
        }
        return new BehaviorBatch(customers, clock, work);
    }
}
