using Kaireon.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>Creates the database and containers, and says whether the account answers.</summary>
public sealed class CosmosStoreHealth(CosmosContainers containers) : IStoreHealth
{
    public Task InitializeAsync(CancellationToken ct) => containers.InitializeAsync(ct);

    /// <summary>Reads the catalog container's definition: the account answers and the containers exist.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await containers.Catalog.ReadContainerStreamAsync(cancellationToken: ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is CosmosException or HttpRequestException)
        {
            return false;
        }
    }
}
