using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Metrics;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosMetricReadTests(CosmosServer server) : MetricReadContract
{
    protected override StoreSet Stores => server.Stores;
}
