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

/// <summary>
/// The SQLite way of <see cref="IPartitionedStore.WriteAfterAsync"/>: the first writes and the first
/// few of the others in one item of the writer, the other chunks behind it, each written only where
/// its own transaction shows what the first writes stored.
/// </summary>
public sealed class SqliteWriteAfterTests(SqliteStores sqlite) : IClassFixture<SqliteStores>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Later_chunks_write_nothing_when_the_item_with_the_first_writes_is_rolled_back()
    {
        var (customers, rollups) = (sqlite.Stores.Customers, sqlite.Stores.Rollups);
        var shard = new DocumentPartition(Docs.NewTenant(), "_all");
        var customer = new DocumentPartition(shard.Tenant, "c-1");
        // The writes that share the shard's item fail part-way (a document without an id breaks the table's
        // NOT NULL), after the shard's write succeeded in it; the later chunks are queued behind it already.
        var days = Enumerable.Range(0, 40).Select(i => new DocumentWrite(Doc(customer, i == 5 ? null! : $"day{i:D2}"), null)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => customers.WriteAfterAsync(rollups, [new DocumentWrite(Doc(shard, "shard"), null)], days, Ct));

        Assert.Null(await rollups.FindAsync(shard, "shard", Ct));
        Assert.Empty(await customers.RangeAsync(customer, "day", "day~", Ct));
    }

    private static PartitionedDocument Doc(DocumentPartition partition, string id) => new()
    {
        Partition = partition,
        Id = id,
        Body = Docs.Json(new { id }),
    };
}
