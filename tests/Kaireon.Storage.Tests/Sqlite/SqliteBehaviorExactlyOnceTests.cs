using Kaireon.Storage.Tests.Behaviors;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteBehaviorExactlyOnceTests(SqliteStores sqlite) : BehaviorExactlyOnceContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
    protected override int Cases => 150;
}
