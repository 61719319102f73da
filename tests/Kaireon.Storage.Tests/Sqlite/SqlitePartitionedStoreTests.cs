using Kaireon.Core.Storage;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteCustomerStoreTests(SqliteStores sqlite) : PartitionedStoreContract, IClassFixture<SqliteStores>
{
    protected override IPartitionedStore Store => sqlite.Stores.Customers;
}

public sealed class SqliteRollupStoreTests(SqliteStores sqlite) : PartitionedStoreContract, IClassFixture<SqliteStores>
{
    protected override IPartitionedStore Store => sqlite.Stores.Rollups;
}
