using System.Net;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>The catalog port on the <c>catalog</c> container: point operations, and single-partition queries.</summary>
public sealed class CosmosCatalogStore(CosmosContainers containers) : ICatalogStore
{
    private readonly Container _container = containers.Catalog;

    public async Task<CatalogDocument?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct)
    {
        using var response = await _container.ReadItemStreamAsync(CatalogItem.Id(kind, id), Partition(tenant), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.ThrowIfFailed($"reading {kind} {id} of tenant {tenant}");
        return CatalogItem.Read(await ItemJson.ReadAsync(response.Content, ct), tenant);
    }

    public Task<IReadOnlyList<CatalogDocument>> ListAsync(TenantId tenant, string kind, CancellationToken ct) =>
        QueryAsync(tenant, new QueryDefinition("SELECT * FROM c WHERE c.tenantId = @tenantId AND c.kind = @kind")
            .WithParameter("@tenantId", tenant.Value)
            .WithParameter("@kind", kind), ct);

    public Task<IReadOnlyList<CatalogDocument>> FindReferencingAsync(TenantId tenant, string reference, CancellationToken ct) =>
        QueryAsync(tenant, new QueryDefinition("SELECT * FROM c WHERE c.tenantId = @tenantId AND ARRAY_CONTAINS(c.refs, @ref)")
            .WithParameter("@tenantId", tenant.Value)
            .WithParameter("@ref", reference), ct);

    public async Task<WriteResult<CatalogDocument>> CreateAsync(CatalogDocument document, CancellationToken ct)
    {
        using var item = CatalogItem.Write(document);
        using var response = await _container.CreateItemStreamAsync(item, Partition(document.Tenant), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.Conflict) return new(WriteStatus.Conflict);
        response.ThrowIfFailed($"creating {document.Kind} {document.Id} of tenant {document.Tenant}");
        return new(WriteStatus.Ok, document with { Etag = EtagOf(response) });
    }

    public async Task<WriteResult<CatalogDocument>> ReplaceAsync(CatalogDocument document, string? ifMatch, CancellationToken ct)
    {
        using var item = CatalogItem.Write(document);
        using var response = await _container.ReplaceItemStreamAsync(
            item, CatalogItem.Id(document.Kind, document.Id), Partition(document.Tenant), Precondition(ifMatch), ct);
        if (ConditionalFailure(response) is { } failed) return new(failed);
        response.ThrowIfFailed($"replacing {document.Kind} {document.Id} of tenant {document.Tenant}");
        return new(WriteStatus.Ok, document with { Etag = EtagOf(response) });
    }

    public async Task<WriteStatus> DeleteAsync(TenantId tenant, string kind, string id, string? ifMatch, CancellationToken ct)
    {
        using var response = await _container.DeleteItemStreamAsync(CatalogItem.Id(kind, id), Partition(tenant), Precondition(ifMatch), ct);
        if (ConditionalFailure(response) is { } failed) return failed;
        response.ThrowIfFailed($"deleting {kind} {id} of tenant {tenant}");
        return WriteStatus.Ok;
    }

    private Task<IReadOnlyList<CatalogDocument>> QueryAsync(TenantId tenant, QueryDefinition query, CancellationToken ct) =>
        SinglePartitionQuery.ReadAllAsync(_container, tenant.Value, query, item => CatalogItem.Read(item, tenant), ct);

    private static PartitionKey Partition(TenantId tenant) => new(tenant.Value);

    /// <summary>No precondition for null or <c>*</c> (any version): the write then only needs the item to exist.</summary>
    private static ItemRequestOptions? Precondition(string? ifMatch) =>
        ifMatch is null or "*" ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };

    private static WriteStatus? ConditionalFailure(ResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.NotFound => WriteStatus.NotFound,
        HttpStatusCode.PreconditionFailed => WriteStatus.PreconditionFailed,
        _ => null,
    };

    private static string EtagOf(ResponseMessage response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("Cosmos DB answered a write without an ETag header.");
}
