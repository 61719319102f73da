using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteCustomerDayCacheTests(SqliteStores sqlite) : CustomerDayCacheContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
}
