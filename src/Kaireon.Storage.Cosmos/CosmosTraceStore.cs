using System.Net;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>The trace port on the <c>traces</c> container: creates, point reads and time-range queries.</summary>
public sealed class CosmosTraceStore(CosmosContainers containers) : ITraceStore
{
    private readonly Container _container = containers.Traces;

    public async Task AppendAsync(TraceRecord record, CancellationToken ct)
    {
        using var item = TraceItem.Write(record);
        using var response = await _container.CreateItemStreamAsync(item, new PartitionKey(record.Tenant.Value), cancellationToken: ct);
        // A redelivered record finds the first one in place: that is the append succeeding.
        if (response.StatusCode == HttpStatusCode.Conflict) return;
        response.ThrowIfFailed($"appending {record.Kind} {record.Id} of tenant {record.Tenant}");
    }

    public async Task<TraceRecord?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct)
    {
        using var response = await _container.ReadItemStreamAsync(TraceItem.Id(kind, id), new PartitionKey(tenant.Value), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.ThrowIfFailed($"reading {kind} {id} of tenant {tenant}");
        return TraceItem.Read(await ItemJson.ReadAsync(response.Content, ct), tenant);
    }

    /// <summary>Nothing to do: the container's TTL expires items in the service itself.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken ct) => Task.FromResult(0);

    public Task<IReadOnlyList<TraceRecord>> ListAsync(TenantId tenant, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.kind = @kind AND c.at >= @from AND c.at < @to")
            .WithParameter("@tenantId", tenant.Value)
            .WithParameter("@kind", kind)
            .WithParameter("@from", TraceItem.At(from))
            .WithParameter("@to", TraceItem.At(to));
        return SinglePartitionQuery.ReadAllAsync(_container, tenant.Value, query, item => TraceItem.Read(item, tenant), ct);
    }
}
