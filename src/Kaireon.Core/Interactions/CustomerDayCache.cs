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
/// keeps the days of its most recently written customers only, about 2 MB by default: what the stream
/// reads a moment after Respond wrote it, and a customer's next Respond. Small on purpose. Every write
/// replaces a document's entry, so under a sustained load an entry lives only as long as the cache
/// takes to turn over. At 20,000 events/s over 100,000 customers, a cache of 100,000 interactions held
/// each version for a few seconds: long enough to be promoted and collected as an old object, and too
/// short for the next event of the same customer to find it. The server paused for garbage collection
/// 12–13 % of the time; with 1,000–10,000 it paused 5–10 % in most runs, and used 5–10 % less CPU per event
/// (<c>docs/benchmarks.md</c>, session 12). At Respond's rates an entry still lives a second or more.
/// (Since <c>POST /events</c> only searches the documents it reads, it adds nothing here.)
/// </remarks>
public sealed class CustomerDayCache(int capacity = CustomerDayCache.Capacity)
    : DocumentCache<CustomerDay>(capacity, day => day.Interactions.Count + 1)
{
    public const int Capacity = 10_000;

    public Task<DocumentUpdate.Read> ReadAsync(ICustomerStore store, TenantId tenant, string customerId, UtcDay day, CancellationToken ct) =>
        ReadAsync(store, new DocumentPartition(tenant, customerId), day.DocumentId, KaireonJson.Default.CustomerDay, ct);

    /// <inheritdoc cref="DocumentCache{T}.Resolve"/>
    public DocumentUpdate.Read Resolve(TenantId tenant, string customerId, UtcDay day, PartitionedDocument? document) =>
        Resolve(new DocumentPartition(tenant, customerId), day.DocumentId, document, KaireonJson.Default.CustomerDay);
}
