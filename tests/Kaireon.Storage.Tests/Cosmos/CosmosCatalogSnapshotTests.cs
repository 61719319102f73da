using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosCatalogSnapshotTests(CosmosServer server) : CatalogSnapshotContract
{
    protected override StoreSet Stores => server.Stores;
}
