using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Cosmos;

/// <summary>The exactly-once property through the real Cosmos SDK; fewer cases, each store operation being an HTTP call.</summary>
public sealed class CosmosExactlyOnceTests(CosmosServer server) : ExactlyOnceContract
{
    protected override StoreSet Stores => server.Stores;
    protected override int Cases => 40;
}
