using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteStreamFirstAcceptTests(SqliteStores sqlite) : StreamFirstAcceptContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
}
