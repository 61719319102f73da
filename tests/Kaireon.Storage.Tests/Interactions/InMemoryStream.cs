using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;

namespace Kaireon.Storage.Tests.Interactions;

/// <summary>
/// A stand-in for the event stream: partitions by customer, assigns sequence numbers, keeps every
/// event it was handed (copies included) and delivers batches from a cursor per partition.
/// </summary>
internal sealed class InMemoryStream(int partitions) : IEventPublisher
{
    private readonly List<StreamEntry>[] _logs = [.. Enumerable.Range(0, partitions).Select(_ => new List<StreamEntry>())];
    private readonly int[] _delivered = new int[partitions];
    private long _sequence;

    public int Partitions => partitions;

    /// <summary>The next publish fails before anything reaches the stream.</summary>
    public bool FailNextPublish { get; set; }

    public Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
    {
        if (FailNextPublish)
        {
            FailNextPublish = false;
            throw new SimulatedCrash();
        }
        foreach (var interaction in interactions) Append(tenant, interaction);
        return Task.CompletedTask;
    }

    public void Append(TenantId tenant, Interaction interaction) =>
        _logs[PartitionOf(interaction.CustomerId)].Add(new StreamEntry(++_sequence, new StreamEvent(tenant.Value, interaction)));

    public bool HasUndelivered(int partition) => _delivered[partition] < _logs[partition].Count;

    /// <summary>The next batch of at most <paramref name="size"/> undelivered events; delivery is confirmed by <see cref="Acknowledge"/>.</summary>
    public StreamBatch Next(int partition, int size) =>
        new(partition.ToString(System.Globalization.CultureInfo.InvariantCulture), _logs[partition].Skip(_delivered[partition]).Take(size).ToList());

    public void Acknowledge(int partition, StreamBatch batch) => _delivered[partition] += batch.Entries.Count;

    private int PartitionOf(string customerId) => (int)((uint)StringComparer.Ordinal.GetHashCode(customerId) % (uint)partitions);
}
