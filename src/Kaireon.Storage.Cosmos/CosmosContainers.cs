using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>The database and its four containers (design §3), and how to create them.</summary>
public sealed class CosmosContainers
{
    public const string CatalogName = "catalog";
    public const string CustomersName = "customers";
    public const string RollupsName = "rollups";
    public const string TracesName = "traces";

    private readonly CosmosClient _client;
    private readonly string _databaseName;

    public CosmosContainers(CosmosClient client, string databaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        _client = client;
        _databaseName = databaseName;
        Database = client.GetDatabase(databaseName);
        Catalog = Database.GetContainer(CatalogName);
        Customers = Database.GetContainer(CustomersName);
        Rollups = Database.GetContainer(RollupsName);
        Traces = Database.GetContainer(TracesName);
    }

    public Database Database { get; }

    /// <summary>Partition <c>/tenantId</c>: every configuration entity of a tenant.</summary>
    public Container Catalog { get; }

    /// <summary>Partition <c>/pk</c> = <c>tenantId|customerId</c>.</summary>
    public Container Customers { get; }

    /// <summary>Partition <c>/pk</c> = <c>tenantId|definitionId</c>.</summary>
    public Container Rollups { get; }

    /// <summary>Partition <c>/tenantId</c>; items expire by their own <c>ttl</c>.</summary>
    public Container Traces { get; }

    /// <summary>Creates the database and the containers that are missing; changes nothing that exists.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await _client.CreateDatabaseIfNotExistsAsync(_databaseName, cancellationToken: ct);
        foreach (var container in Definitions())
        {
            await Database.CreateContainerIfNotExistsAsync(container, cancellationToken: ct);
        }
    }

    private static IEnumerable<ContainerProperties> Definitions()
    {
        // Queries filter on the envelope only (pk, id, tenantId, kind, ...), never inside a
        // document's body: not indexing the body makes writes cheaper, and customer and rollup
        // documents are written on every event.
        yield return new ContainerProperties(CatalogName, "/tenantId") { IndexingPolicy = EnvelopeOnly() };
        yield return new ContainerProperties(CustomersName, "/pk") { IndexingPolicy = EnvelopeOnly() };
        yield return new ContainerProperties(RollupsName, "/pk") { IndexingPolicy = EnvelopeOnly() };
        // -1: no default expiry, but TTL is on, so an item's own "ttl" is honoured.
        yield return new ContainerProperties(TracesName, "/tenantId") { IndexingPolicy = EnvelopeOnly(), DefaultTimeToLive = -1 };
    }

    private static IndexingPolicy EnvelopeOnly() => new()
    {
        IncludedPaths = { new IncludedPath { Path = "/*" } },
        ExcludedPaths = { new ExcludedPath { Path = "/body/*" } },
    };
}
