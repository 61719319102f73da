namespace Kaireon.Core.Interactions;

/// <summary>The body of an event on the stream: which tenant, and the interaction.</summary>
public sealed record StreamEvent(string TenantId, Interaction Interaction);

/// <summary>An event as delivered from one stream partition, with its sequence number there.</summary>
public sealed record StreamEntry(long Sequence, StreamEvent Event);

/// <summary>
/// Consecutive events of one stream partition, in sequence order. Partitions are assigned by
/// customer, so all events of a customer arrive in one partition, in order.
/// </summary>
public sealed record StreamBatch(string Partition, IReadOnlyList<StreamEntry> Entries);
