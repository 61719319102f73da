using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosCustomerDayCacheTests(CosmosServer server) : CustomerDayCacheContract
{
    protected override StoreSet Stores => server.Stores;
}
