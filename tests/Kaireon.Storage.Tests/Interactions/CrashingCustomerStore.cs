using Kaireon.Core.Storage;

namespace Kaireon.Storage.Tests.Interactions;

/// <summary>Fails the next write when armed: a process that dies after the rollup write and before the customer writes.</summary>
internal sealed class CrashingCustomerStore(ICustomerStore inner) : ICustomerStore
{
    public bool Armed { get; set; }

    public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct) => inner.FindAsync(partition, id, ct);

    public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
        inner.RangeAsync(partition, fromId, toId, ct);

    public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) =>
        Crash() ?? inner.CreateAsync(document, ct);

    public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) =>
        Crash() ?? inner.ReplaceAsync(document, ifMatch, ct);

    private Task<WriteResult<PartitionedDocument>>? Crash()
    {
        if (!Armed) return null;
        Armed = false;
        throw new SimulatedCrash();
    }
}

internal sealed class SimulatedCrash : Exception;
