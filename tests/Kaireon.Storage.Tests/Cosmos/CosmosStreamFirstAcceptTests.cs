using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Cosmos;

public sealed class CosmosStreamFirstAcceptTests(CosmosServer server) : StreamFirstAcceptContract
{
    protected override StoreSet Stores => server.Stores;
}
