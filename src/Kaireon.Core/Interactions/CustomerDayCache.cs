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
/// keeps the days of its most recently active customers only, about 20 MB by default. The stream reads
/// and writes through <see cref="DocumentCache{T}.KnownOnly"/>: it keeps the days Respond cached
/// current and adds no other. Every write replaces a document's entry, and at 20,000 events/s over
/// 100,000 customers the stream's own versions held each for a few seconds: long enough to be promoted
/// and collected as old objects, too short for the next event of the same customer to find it. The
/// server paused for garbage collection 12–15 % of the time; with the stream's versions kept out,
/// 4–8 %, and it used about a sixth less CPU per event, while Respond still finds what it wrote
/// (<c>docs/benchmarks.md</c>, session 12).
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
