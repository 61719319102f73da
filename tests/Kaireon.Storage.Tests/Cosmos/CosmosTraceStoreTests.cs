using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosTraceStoreTests(CosmosServer server) : TraceStoreContract
{
    protected override StoreSet Stores => server.Stores;
}
