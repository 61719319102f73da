using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteTraceStoreTests(SqliteStores sqlite) : TraceStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
}
