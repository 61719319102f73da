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
}
