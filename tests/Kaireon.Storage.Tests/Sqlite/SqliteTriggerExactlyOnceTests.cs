using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Triggers;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteTriggerExactlyOnceTests(SqliteStores sqlite) : TriggerExactlyOnceContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
    protected override int Cases => 120;
}
