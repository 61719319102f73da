using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteCatalogStoreTests(SqliteStores sqlite) : CatalogStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
}
