using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// The customer day documents this process last read or wrote, by version: Respond's write and the
/// stream's read of the same day a moment later, or a customer's next request, find the document
/// deserialized already and ask the store only whether its etag is still current. One instance per
/// customers container (a singleton in the host), shared by <see cref="InteractionRecorder"/> and
/// <see cref="StreamBatchProcessor"/>.
/// </summary>
/// <remarks>
/// Bounded by interactions held (<see cref="InteractionOptions.DayCacheInteractions"/>), so a process
/// keeps the days of its most recently active customers only, about 20 MB by default. A larger cache
/// trades Respond's tail for ingest: at 20,000 events/s over 100,000 customers with ten interactions
/// a day each, a document leaves this one within half a second, often before the stream reads what
/// <c>POST /events</c> had just read; ten times as large, the stream applied about 10 % more events
/// per CPU second, but Respond's p99 at 500/s rose by 1–2 ms, as the cached documents live long
/// enough to be promoted and collected as old objects (<c>docs/benchmarks.md</c>, session 10).
/// </remarks>
public sealed class CustomerDayCache(int capacity = CustomerDayCache.Capacity)
    : DocumentCache<CustomerDay>(capacity, day => day.Interactions.Count + 1)
{
    public const int Capacity = 100_000;

    public Task<DocumentUpdate.Read> ReadAsync(ICustomerStore store, TenantId tenant, string customerId, UtcDay day, CancellationToken ct) =>
        ReadAsync(store, new DocumentPartition(tenant, customerId), day.DocumentId, KaireonJson.Default.CustomerDay, ct);

    /// <inheritdoc cref="DocumentCache{T}.Resolve"/>
    public DocumentUpdate.Read Resolve(TenantId tenant, string customerId, UtcDay day, PartitionedDocument? document) =>
        Resolve(new DocumentPartition(tenant, customerId), day.DocumentId, document, KaireonJson.Default.CustomerDay);
}
