using System.Net;
using System.Text.Json;
using Kaireon.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>
/// A <c>/pk</c>-partitioned container (<c>customers</c>, <c>rollups</c>): point operations in one
/// partition, and id ranges as one single-partition query.
/// </summary>
/// <remarks>
/// Items are <c>{ "id", "pk": "tenantId|key", "tenantId", "body": {..} }</c>; the etag is Cosmos's
/// <c>_etag</c>, quoted and opaque.
/// </remarks>
public abstract class CosmosPartitionedStore(Container container) : IPartitionedStore
{
    public async Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct)
    {
        using var response = await container.ReadItemStreamAsync(id, Key(partition), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.ThrowIfFailed($"reading {id} in {container.Id} partition {partition}");
        return Read(await ItemJson.ReadAsync(response.Content, ct), partition);
    }

    /// <remarks>
    /// Strings compare ordinally in Cosmos queries (and, on the test server, as JavaScript strings,
    /// by UTF-16 code unit, which is <see cref="StringComparer.Ordinal"/>). <c>c.pk</c> is in the
    /// WHERE clause as well as in the request options: the test server ignores the latter.
    /// </remarks>
    public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.id >= @from AND c.id <= @to")
            .WithParameter("@pk", partition.Value)
            .WithParameter("@from", fromId)
            .WithParameter("@to", toId);
        return SinglePartitionQuery.ReadAllAsync(container, partition.Value, query, item => Read(item, partition), ct);
    }

    /// <remarks>One single-partition query with plain <c>OR</c>ed filters (no <c>IN</c> or <c>ARRAY_CONTAINS</c>, to stay within what every Cosmos-compatible server runs).</remarks>
    public Task<IReadOnlyList<PartitionedDocument>> ReadAsync(DocumentPartition partition, IReadOnlyCollection<string> ids, IdRange? range, CancellationToken ct)
    {
        var terms = ids.Select((_, i) => $"c.id = @id{i}").ToList();
        if (range is not null) terms.Add("(c.id >= @from AND c.id <= @to)");
        if (terms.Count == 0) return Task.FromResult<IReadOnlyList<PartitionedDocument>>([]);
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.pk = @pk AND ({string.Join(" OR ", terms)})").WithParameter("@pk", partition.Value);
        var n = 0;
        foreach (var id in ids) query = query.WithParameter($"@id{n++}", id);
        if (range is { } r) query = query.WithParameter("@from", r.From).WithParameter("@to", r.To);
        return SinglePartitionQuery.ReadAllAsync(container, partition.Value, query, item => Read(item, partition), ct);
    }

    /// <remarks>One query for the ids, then point deletes, a few at a time; one already gone (404) counts as deleted by someone else.</remarks>
    public async Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.pk = @pk AND c.id >= @from AND c.id <= @to")
            .WithParameter("@pk", partition.Value)
            .WithParameter("@from", fromId)
            .WithParameter("@to", toId);
        var ids = await SinglePartitionQuery.ReadAllAsync(container, partition.Value, query, item => item.GetProperty("id").GetString()!, ct);
        var deleted = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
        {
            using var response = await container.DeleteItemStreamAsync(id, Key(partition), cancellationToken: token);
            if (response.StatusCode == HttpStatusCode.NotFound) return;
            response.ThrowIfFailed($"deleting {id} in {container.Id} partition {partition}");
            Interlocked.Increment(ref deleted);
        });
        return deleted;
    }

    public async Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct)
    {
        using var item = Write(document);
        using var response = await container.CreateItemStreamAsync(item, Key(document.Partition), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.Conflict) return new(WriteStatus.Conflict);
        response.ThrowIfFailed($"creating {document.Id} in {container.Id} partition {document.Partition}");
        return new(WriteStatus.Ok, document with { Etag = EtagOf(response) });
    }

    public async Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct)
    {
        using var item = Write(document);
        // No precondition for null or "*" (any version): the replace then only needs the item to exist.
        var options = ifMatch is null or "*" ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };
        using var response = await container.ReplaceItemStreamAsync(item, document.Id, Key(document.Partition), options, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound: return new(WriteStatus.NotFound);
            case HttpStatusCode.PreconditionFailed: return new(WriteStatus.PreconditionFailed);
        }
        response.ThrowIfFailed($"replacing {document.Id} in {container.Id} partition {document.Partition}");
        return new(WriteStatus.Ok, document with { Etag = EtagOf(response) });
    }

    private static PartitionKey Key(DocumentPartition partition) => new(partition.Value);

    private static MemoryStream Write(PartitionedDocument document) => ItemJson.Write(w =>
    {
        w.WriteString("id", document.Id);
        w.WriteString("pk", document.Partition.Value);
        w.WriteString("tenantId", document.Partition.Tenant.Value);
        w.WritePropertyName("body");
        w.WriteRawValue(document.Utf8Body.Span);
    });

    /// <summary>Reads an item of <paramref name="partition"/>, which the read or the query was scoped to.</summary>
    private static PartitionedDocument Read(JsonElement item, DocumentPartition partition) => new()
    {
        Partition = partition,
        Id = item.GetProperty("id").GetString()!,
        Body = item.GetProperty("body").Clone(),
        Etag = item.GetProperty("_etag").GetString()!,
    };

    private static string EtagOf(ResponseMessage response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("Cosmos DB answered a write without an ETag header.");
}

/// <summary>The customer port on the <c>customers</c> container.</summary>
public sealed class CosmosCustomerStore(CosmosContainers containers) : CosmosPartitionedStore(containers.Customers), ICustomerStore;

/// <summary>The rollup port on the <c>rollups</c> container.</summary>
public sealed class CosmosRollupStore(CosmosContainers containers) : CosmosPartitionedStore(containers.Rollups), IRollupStore;
