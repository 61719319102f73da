using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosCatalogStoreTests(CosmosServer server) : CatalogStoreContract
{
    protected override StoreSet Stores => server.Stores;
}
