using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// The event stream's producer side (Event Hubs in the cloud, the SQLite outbox standalone). A
/// publish returns once the events are durable on the stream; delivery to the consumer is at least
/// once, partitioned by customer.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct);

    /// <summary>
    /// Publishes <paramref name="interactions"/> and writes <paramref name="writes"/> to
    /// <paramref name="store"/>, answering the writes' results in order; the publish is durable
    /// before the first write is. This default publishes, then writes: the writes' fate leaves the
    /// published events on the stream, which the consumer applies once whatever the documents hold.
    /// A stream that shares the store's transactions (the local outbox in the same SQLite file)
    /// commits both at once instead, which saves Respond one of its two waits for a commit.
    /// </summary>
    Task<IReadOnlyList<WriteResult<PartitionedDocument>>> PublishWithAsync(
        TenantId tenant, IReadOnlyList<Interaction> interactions, IPartitionedStore store, IReadOnlyList<DocumentWrite> writes, CancellationToken ct) =>
        PublishThenWriteAsync(this, tenant, interactions, store, writes, ct);

    /// <summary>The default of <see cref="PublishWithAsync"/>, for an override whose store is not its own.</summary>
    public static async Task<IReadOnlyList<WriteResult<PartitionedDocument>>> PublishThenWriteAsync(IEventPublisher publisher,
        TenantId tenant, IReadOnlyList<Interaction> interactions, IPartitionedStore store, IReadOnlyList<DocumentWrite> writes, CancellationToken ct)
    {
        if (interactions.Count > 0) await publisher.PublishAsync(tenant, interactions, ct);
        return writes.Count == 0 ? [] : await store.WriteManyAsync(writes, ct);
    }
}
