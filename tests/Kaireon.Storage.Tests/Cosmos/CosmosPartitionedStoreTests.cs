using Kaireon.Core.Storage;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosCustomerStoreTests(CosmosServer server) : PartitionedStoreContract
{
    protected override IPartitionedStore Store => server.Stores.Customers;
}

public sealed class CosmosRollupStoreTests(CosmosServer server) : PartitionedStoreContract
{
    protected override IPartitionedStore Store => server.Stores.Rollups;
}
