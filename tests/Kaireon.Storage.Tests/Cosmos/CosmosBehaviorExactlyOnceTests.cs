using Kaireon.Storage.Tests.Behaviors;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Cosmos;

/// <summary>The behaviour exactly-once property through the real Cosmos SDK; fewer cases, each store operation being an HTTP call.</summary>
public sealed class CosmosBehaviorExactlyOnceTests(CosmosServer server) : BehaviorExactlyOnceContract
{
    protected override StoreSet Stores => server.Stores;
    protected override int Cases => 30;
}
