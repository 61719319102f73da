using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Triggers;

namespace Kaireon.Storage.Tests.Cosmos;

/// <summary>The trigger exactly-once property through the real Cosmos SDK; fewer cases, each store operation being an HTTP call.</summary>
public sealed class CosmosTriggerExactlyOnceTests(CosmosServer server) : TriggerExactlyOnceContract
{
    protected override StoreSet Stores => server.Stores;
    protected override int Cases => 20;
}
