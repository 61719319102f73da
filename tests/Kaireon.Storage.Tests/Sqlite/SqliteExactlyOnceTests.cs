using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteExactlyOnceTests(SqliteStores sqlite) : ExactlyOnceContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
    protected override int Cases => 200;
}
