using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Metrics;

namespace Kaireon.Storage.Tests.Sqlite;

public sealed class SqliteMetricReadTests(SqliteStores sqlite) : MetricReadContract, IClassFixture<SqliteStores>
{
    protected override StoreSet Stores => sqlite.Stores;
}
