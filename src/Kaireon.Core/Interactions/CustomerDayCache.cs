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
/// Bounded by interactions held, about <see cref="Capacity"/> (a few hundred bytes each once
/// deserialized), so a process keeps the days of its most recently active customers only.
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
